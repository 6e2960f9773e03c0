//! The `poc-workbench` binary: no subcommand opens the workbench window
//! (on the files given, else on the worked example, opened as a copy);
//! `summarize`, `review`, `export`, `bench` and `generate` run headless
//! (`export-loop` and `save-loop` exist for the crash tests).

use clap::{Parser, Subcommand};
use poc_workbench::analysis::RegionLevel;
use poc_workbench::cli;
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc: fewer page faults and faster small allocations than the
/// system allocator when a large file is read on all cores.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "poc-workbench",
    version,
    about = "POC Transition Workbench: residual-threat assessment for UN mission transitions"
)]
#[command(args_conflicts_with_subcommands = true)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Datasets (or an assessment .ron) to open in the workbench window.
    files: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Print the threat matrix and import report of one or more files.
    Summarize {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Region level of the matrix.
        #[arg(long, value_parser = ["admin1", "admin2"], default_value = "admin1")]
        by: String,
        /// First day included (YYYY-MM-DD).
        #[arg(long)]
        from: Option<chrono::NaiveDate>,
        /// Last day included (YYYY-MM-DD); also the as-of date of the trends.
        #[arg(long)]
        to: Option<chrono::NaiveDate>,
        /// A column mapping (.ron) for files that are not ACLED or UCDP.
        #[arg(long)]
        mapping: Option<PathBuf>,
        /// Do not match events across sources (METHODOLOGY §8): an attack
        /// recorded by ACLED and UCDP is then counted twice.
        #[arg(long)]
        no_match: bool,
        /// Matching: days apart at most.
        #[arg(long, default_value_t = 1)]
        match_days: u32,
        /// Matching: kilometres apart at most.
        #[arg(long, default_value_t = 5.0)]
        match_km: f64,
        /// Matching: which record of a matched event counts, e.g.
        /// `logs,ucdp,acled` (the default) or `acled,ucdp,logs`.
        #[arg(long, default_value = "logs,ucdp,acled")]
        match_priority: String,
        /// What a cell counts: events, fatalities, violations or victims
        /// (the last two from monitoring logs only).
        #[arg(long, value_parser = ["events", "fatalities", "violations", "victims"], default_value = "events")]
        measure: String,
        /// Monitoring logs: count verified records only.
        #[arg(long)]
        verified_only: bool,
        /// The language of the text output and messages: en or fr (JSON
        /// keys and values stay as they are).
        #[arg(long, value_parser = ["en", "fr"], default_value = "en")]
        lang: String,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Generate an ACLED-shaped file and measure load, matrix and memory.
    Bench {
        /// Rows to generate.
        #[arg(long, default_value_t = 1_000_000)]
        rows: usize,
        /// Measure this file instead of generating one.
        #[arg(long)]
        file: Option<PathBuf>,
        /// Keep the generated file (in the temp folder).
        #[arg(long)]
        keep: bool,
        /// Also measure the window's frame time on the file (headless layout).
        #[arg(long)]
        frames: bool,
        /// Instead, measure matching across sources (METHODOLOGY §8): `rows`
        /// ACLED-shaped rows against this many UCDP-shaped rows, some of
        /// them the same attacks.
        #[arg(long)]
        ucdp_rows: Option<usize>,
    },
    /// Review an assessment: register, flags, benchmarks and back-test.
    Review {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Read the assessment's datasets that lie outside its folder.
        #[arg(long)]
        allow_outside: bool,
        /// The language of the text output and messages: en or fr (JSON
        /// keys and values stay as they are).
        #[arg(long, value_parser = ["en", "fr"], default_value = "en")]
        lang: String,
        /// The assessment (.ron).
        file: PathBuf,
    },
    /// The human rights due diligence screen of an assessment (METHODOLOGY §9).
    Hrddp {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Read the assessment's datasets that lie outside its folder.
        #[arg(long)]
        allow_outside: bool,
        /// The language of the text output and messages: en or fr (JSON
        /// keys and values stay as they are).
        #[arg(long, value_parser = ["en", "fr"], default_value = "en")]
        lang: String,
        /// The assessment (.ron).
        file: PathBuf,
    },
    /// What changed between two drafts of an assessment (METHODOLOGY §10).
    Diff {
        /// Print JSON (keys added, removed, changed, flags, benchmarks, cells).
        #[arg(long)]
        json: bool,
        /// Read the assessments' datasets that lie outside their folders.
        #[arg(long)]
        allow_outside: bool,
        /// The language of the text output and messages: en or fr (JSON
        /// keys and values stay as they are).
        #[arg(long, value_parser = ["en", "fr"], default_value = "en")]
        lang: String,
        /// The earlier draft (.ron).
        old: PathBuf,
        /// The later draft (.ron).
        new: PathBuf,
    },
    /// Write the residual-threat annex (DOCX, HTML, Markdown, XLSX or a CSV folder).
    Export(cli::export::ExportArgs),
    /// (For the crash test.) Export the annex of an assessment to FILE over and over,
    /// alternating the internal and public versions.
    #[command(hide = true)]
    ExportLoop {
        assessment: PathBuf,
        out: PathBuf,
        #[arg(long, default_value = "html")]
        format: String,
    },
    /// (For the crash test.) Save an assessment to FILE over and over, alternating two versions.
    #[command(hide = true)]
    SaveLoop { file: PathBuf },
    /// Write the monitoring-log template (an XLSX with drop-down lists and a
    /// notes sheet), read back with no mapping.
    Template {
        #[arg(long)]
        out: PathBuf,
    },
    /// Write an ACLED-shaped file of N rows (for the screenshot script and manual tests).
    Generate {
        #[arg(long, default_value_t = 100_000)]
        rows: usize,
        #[arg(long)]
        out: PathBuf,
        /// Also write a UCDP GED-shaped file of this many rows recording
        /// some of the same attacks (for matching across sources).
        #[arg(long)]
        ucdp_rows: Option<usize>,
        #[arg(long, requires = "ucdp_rows")]
        ucdp_out: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    // The workbook reader's child process (see `import::workbook`).
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == "__read-workbook")
    {
        let code = poc_workbench::import::workbook::child_main();
        return ExitCode::from(u8::try_from(code).unwrap_or(1));
    }
    if let Ok(exe) = std::env::current_exe() {
        poc_workbench::import::workbook::use_reader_process(exe);
    }
    let args = Args::parse();
    let mut stdout = std::io::stdout().lock();
    let code = match args.command {
        Some(Command::Summarize {
            json,
            by,
            from,
            to,
            mapping,
            no_match,
            match_days,
            match_km,
            match_priority,
            measure,
            verified_only,
            lang,
            files,
        }) => {
            let matching = match match_settings(no_match, match_days, match_km, &match_priority) {
                Ok(m) => m,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            };
            let level = if by == "admin2" {
                RegionLevel::Admin2
            } else {
                RegionLevel::Admin1
            };
            let a = cli::summarize::SummarizeArgs {
                files,
                json,
                level,
                from,
                to,
                mapping,
                matching,
                measure: cli::summarize::Measure::parse(&measure).unwrap_or_default(),
                verified_only,
                lang: lang_of(&lang),
            };
            cli::summarize::run(&a, &mut stdout)
        }
        Some(Command::Bench {
            rows,
            file,
            keep,
            frames,
            ucdp_rows,
        }) => run_bench(rows, file, (keep, frames), ucdp_rows, &mut stdout),
        Some(Command::Review {
            json,
            allow_outside,
            lang,
            file,
        }) => cli::review::run(&file, json, allow_outside, lang_of(&lang), &mut stdout),
        Some(Command::Template { out }) => write_template(&out),
        Some(Command::Hrddp {
            json,
            allow_outside,
            lang,
            file,
        }) => cli::hrddp::run(&file, json, allow_outside, lang_of(&lang), &mut stdout),
        Some(Command::Diff {
            json,
            allow_outside,
            lang,
            old,
            new,
        }) => cli::diff::run(&old, &new, json, allow_outside, lang_of(&lang), &mut stdout),
        Some(Command::SaveLoop { file }) => save_loop(&file),
        Some(Command::ExportLoop {
            assessment,
            out,
            format,
        }) => export_loop(&assessment, &out, &format),
        Some(Command::Export(a)) => cli::export::run(&a, &mut stdout),
        Some(Command::Generate {
            rows,
            out,
            ucdp_rows,
            ucdp_out,
        }) => {
            cli::bench::write_acled_like(&out, rows, 42).and_then(|_| match (ucdp_rows, ucdp_out) {
                (Some(n), Some(p)) => cli::bench::write_ucdp_like(&p, n, rows, 42).map(|_| 0),
                _ => Ok(0),
            })
        }
        None => Ok(open_gui(args.files)),
    };
    match code {
        Ok(c) => ExitCode::from(c as u8),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// The language of `--lang` (clap has checked it is `en` or `fr`).
fn lang_of(s: &str) -> poc_workbench::i18n::Lang {
    poc_workbench::i18n::Lang::parse(s).unwrap_or_default()
}

/// `bench`: the load, or matching across sources, or the window's frames.
fn run_bench(
    rows: usize,
    file: Option<PathBuf>,
    (keep, frames): (bool, bool),
    ucdp_rows: Option<usize>,
    stdout: &mut dyn std::io::Write,
) -> std::io::Result<i32> {
    if let Some(ucdp_rows) = ucdp_rows {
        return cli::bench::run_matching(rows, ucdp_rows, stdout);
    }
    let keep_file = keep || frames;
    let r = cli::bench::run(rows, file.clone(), keep_file, stdout);
    if frames {
        let path = file.clone().unwrap_or_else(|| {
            std::env::temp_dir().join(format!("poc-workbench-bench-{rows}.csv"))
        });
        measure_frames(&path);
        // Remove only a file this command generated.
        if !keep
            && file.is_none()
            && let Err(e) = std::fs::remove_file(&path)
        {
            eprintln!(
                "warning: {}: the generated file was not removed: {e}",
                path.display()
            );
        }
    }
    r
}

/// Writes the monitoring-log template, atomically.
fn write_template(out: &std::path::Path) -> std::io::Result<i32> {
    poc_workbench::import::template::write_file(out)?;
    println!("wrote {}", out.display());
    Ok(0)
}

/// The matching settings of `summarize` (METHODOLOGY §8).
fn match_settings(
    no_match: bool,
    days: u32,
    km: f64,
    priority: &str,
) -> Result<poc_workbench::analysis::matching::MatchSettings, String> {
    use poc_workbench::analysis::matching::{MatchSettings, SourceGroup};
    let priority = priority
        .split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            SourceGroup::parse(p).ok_or_else(|| {
                format!(
                    "--match-priority: '{}' is not logs, ucdp or acled",
                    p.trim()
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(MatchSettings {
        enabled: !no_match,
        max_days: days,
        max_km: km,
        priority,
    })
}

/// Saves two versions of an assessment in turn until killed (crash test).
fn save_loop(path: &std::path::Path) -> std::io::Result<i32> {
    use poc_workbench::assessment::{Assessment, Meta, file::save};
    let meta = |title: &str| Meta {
        notes: "x".repeat(20_000),
        ..Meta::new(
            title,
            "TEST",
            "Testland",
            chrono::NaiveDate::from_ymd_opt(2020, 12, 31).unwrap_or_default(),
        )
    };
    let versions = [
        Assessment::new(meta("version A")),
        Assessment::new(meta("version B")),
    ];
    for i in 0.. {
        save(path, &versions[i % 2])?;
    }
    Ok(0)
}

/// Exports two versions of an annex in turn until killed (crash test).
fn export_loop(
    assessment: &std::path::Path,
    out: &std::path::Path,
    format: &str,
) -> std::io::Result<i32> {
    let format = poc_workbench::annex::Format::parse(format)
        .ok_or_else(|| std::io::Error::other("unknown format"))?;
    use poc_workbench::annex::export::{render_all, write_rendered};
    use poc_workbench::annex::{AnnexOptions, build};
    use poc_workbench::assessment::SharingLevel;
    let a = poc_workbench::assessment::file::load(assessment).map_err(std::io::Error::other)?;
    let (ws, _) = poc_workbench::assessment::review::open_datasets(&a, assessment);
    let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap_or_default();
    // Rendered once each; the loop is the export's write path, which is
    // what a kill can interrupt.
    let mut versions = Vec::new();
    for level in [SharingLevel::Internal, SharingLevel::Public] {
        let mut o = AnnexOptions::for_assessment(&a, date);
        o.level = level;
        versions
            .push(render_all(&build(Some(&a), &ws, &o), format).map_err(std::io::Error::other)?);
    }
    // Tell the test the writing starts now.
    println!("ready");
    use std::io::Write;
    std::io::stdout().flush()?;
    for i in 0.. {
        write_rendered(&versions[i % 2], out, &[]).map_err(std::io::Error::other)?;
    }
    Ok(0)
}

#[cfg(feature = "gui")]
fn measure_frames(path: &std::path::Path) {
    let (idle, change, incidents) = poc_workbench::app::measure_frames(&[path.to_path_buf()]);
    println!("frame, idle (median of 20)            {idle:.1} ms");
    println!("frame after a filter change (worst of 5) {change:.1} ms");
    println!("frame, incidents view (median of 10)  {incidents:.1} ms");
}

#[cfg(not(feature = "gui"))]
fn measure_frames(_path: &std::path::Path) {
    println!("frame times need the gui feature");
}

#[cfg(feature = "gui")]
fn open_gui(files: Vec<PathBuf>) -> i32 {
    match poc_workbench::app::run(files) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: the window could not be opened: {e}");
            1
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_gui(_files: Vec<PathBuf>) -> i32 {
    eprintln!(
        "this build has no window (built without the `gui` feature); use a subcommand, see --help"
    );
    2
}
