//! `poc-workbench export (--assessment FILE.ron | --data FILE...) --format
//! docx|html|md|xlsx|csv --sharing LEVEL [--k N] --out PATH`: the annex,
//! headless. With `--assessment` the export is recorded in the assessment
//! (level, date, recipients, SHA-256), which is saved atomically.

use super::load_all;
use super::review::error_line;
use crate::annex::{AnnexOptions, Format, build, export, parse_level};
use crate::assessment::file::load;
use crate::assessment::review::{DatasetState, open_datasets};
use crate::{l, lf};
use chrono::NaiveDate;
use std::path::PathBuf;

/// Options of `export` (also its command line).
#[derive(Debug, Clone, clap::Args)]
#[command(group(clap::ArgGroup::new("input").required(true).args(["assessment", "data"])))]
pub struct ExportArgs {
    /// The assessment (.ron); the export is recorded in it.
    #[arg(long)]
    pub assessment: Option<PathBuf>,
    /// Datasets for a data-only annex (sections 1, 3, 4 and 8).
    #[arg(long, num_args = 1..)]
    pub data: Vec<PathBuf>,
    /// A column mapping (.ron) for --data files that are not ACLED or UCDP.
    #[arg(long)]
    pub mapping: Option<PathBuf>,
    /// docx, html, md, xlsx or csv (a folder with one file per table).
    #[arg(long)]
    pub format: String,
    /// internal, un-partners, host-government or public.
    #[arg(long)]
    pub sharing: String,
    /// Counts from 1 to k−1 are withheld above internal (default: the assessment's, else 5).
    #[arg(long)]
    pub k: Option<u32>,
    /// The file to write (a folder for csv).
    #[arg(long)]
    pub out: PathBuf,
    /// Who receives it (recorded in the assessment); repeat for several.
    #[arg(long = "recipient")]
    pub recipients: Vec<String>,
    /// First day of the period (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<NaiveDate>,
    /// Last day of the period and as-of date (default: the assessment's as-of date).
    #[arg(long)]
    pub to: Option<NaiveDate>,
    /// The date printed on the annex and recorded (default: today).
    #[arg(long)]
    pub date: Option<NaiveDate>,
    /// Write over an existing --out that is not an earlier export recorded in the assessment.
    #[arg(long)]
    pub replace: bool,
    /// Read the assessment's datasets that lie outside its folder.
    #[arg(long)]
    pub allow_outside: bool,
    /// Count verified monitoring-log records only (default: verified and
    /// unverified; rejected records never count).
    #[arg(long)]
    pub verified_only: bool,
    /// The country to cover when the data span several (default: the
    /// assessment's); "" for every country.
    #[arg(long)]
    pub country: Option<String>,
    /// The annex's language: en (default) or fr.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// The previous draft (.ron): the annex lists what changed since.
    #[arg(long)]
    pub changes_since: Option<PathBuf>,
}

/// What changed since `--changes-since` (the previous draft), if given.
fn changes_since(
    args: &ExportArgs,
    a: Option<&crate::assessment::Assessment>,
) -> Result<Option<crate::assessment::diff::Diff>, i32> {
    let (Some(old), Some(a), Some(new)) = (&args.changes_since, a, &args.assessment) else {
        return Ok(None);
    };
    let prev = crate::assessment::file::load(old).map_err(|e| {
        eprintln!(
            "error: {}: the previous draft cannot be read: {e}",
            old.display()
        );
        1
    })?;
    let (prev_ws, _) = crate::assessment::review::open_datasets(&prev, old);
    let (ws_now, _) = crate::assessment::review::open_datasets(a, new);
    Ok(Some(crate::assessment::diff::diff(
        &prev, &prev_ws, a, &ws_now,
    )))
}

/// Runs `export`; returns the exit code (0 ok, 1 failed, 2 bad arguments).
pub fn run(args: &ExportArgs, out: &mut dyn std::io::Write) -> std::io::Result<i32> {
    // The messages follow the annex's language (English for a bad --lang).
    let ml = crate::i18n::Lang::parse(&args.lang).unwrap_or_default();
    let Some(format) = Format::parse(&args.format) else {
        eprintln!(
            "error: unknown format {:?} (docx, html, md, xlsx, csv)",
            args.format
        );
        return Ok(2);
    };
    let Some(level) = parse_level(&args.sharing) else {
        eprintln!(
            "error: unknown sharing level {:?} (internal, un-partners, host-government, public)",
            args.sharing
        );
        return Ok(2);
    };
    if let Some(k) = args.k
        && k < crate::annex::MIN_K
    {
        eprintln!(
            "error: --k must be at least {} (with k = 2 every <2 is exactly 1; METHODOLOGY §6)",
            crate::annex::MIN_K
        );
        return Ok(2);
    }
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from > to
    {
        eprintln!("error: --from {from} is after --to {to}: the period would be empty");
        return Ok(2);
    }
    let generated = args.date.unwrap_or_else(|| {
        chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()).date_naive()
    });
    let (assessment, ws, mut protected) = match open_inputs(args, ml) {
        Ok(x) => x,
        Err(code) => return Ok(code),
    };
    protected.extend(ws.source_paths());
    // Nor the column mapping the data were read through.
    protected.extend(args.mapping.iter().cloned());
    let mut opts = match &assessment {
        Some(a) => AnnexOptions::for_assessment(a, generated),
        None => AnnexOptions::for_data(level, generated),
    };
    opts.verified_only = args.verified_only;
    let Some(lang) = crate::i18n::Lang::parse(&args.lang) else {
        eprintln!("error: unknown language {:?} (en, fr)", args.lang);
        return Ok(2);
    };
    opts.lang = lang;
    match changes_since(args, assessment.as_ref()) {
        Ok(c) => opts.changes = c,
        Err(code) => return Ok(code),
    }
    if let Some(c) = &args.country {
        opts.country = Some(c.trim().to_string()).filter(|c| !c.is_empty());
    }
    opts.level = level;
    if let Some(k) = args.k {
        opts.k = k;
    }
    opts.recipients = args.recipients.clone();
    opts.from = args.from;
    opts.to = args.to;
    let recorded = assessment.as_ref().map_or(&[][..], |a| &a.exports[..]);
    // A folder (CSV) is guarded by its own marker file (`annex::folder`).
    // A source file is refused by `export` itself, with its own reason.
    if args.out.is_file()
        && !protected
            .iter()
            .any(|p| crate::annex::export::same_file(p, &args.out))
        && !args.replace
        && !crate::annex::export::written_by_export(&args.out, recorded)
    {
        eprintln!("{}", exists_line(&args.out, assessment.is_some(), ml));
        return Ok(2);
    }
    let warnings = match crate::annex::build::period_check(assessment.as_ref(), &ws, &opts) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("{}", error_line(ml, e.get(ml)));
            return Ok(2);
        }
    };
    for w in &warnings {
        let w = w.get(ml);
        eprintln!("{}", lf!(ml, "warning: {w}", "avertissement : {w}"));
    }
    let annex = build(assessment.as_ref(), &ws, &opts);
    let record = match export(&annex, format, &args.out, &protected) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}", error_line(ml, &e.text_in(ml)));
            return Ok(1);
        }
    };
    say_written(&record, format, level, ml, out)?;
    if let (Some(_), Some(path)) = (assessment, &args.assessment) {
        // Re-read under the assessment's lock: another export (or a save)
        // since this one started keeps its changes.
        if let Err(e) = crate::assessment::file::record_export(path, record) {
            eprintln!(
                "{}",
                lf!(
                    ml,
                    "error: the export was written but could not be recorded: {e}",
                    "erreur : l'export a été écrit mais n'a pas pu être enregistré : {e}"
                )
            );
            return Ok(1);
        }
        let p = path.display();
        writeln!(out, "{}", lf!(ml, "recorded in {p}", "enregistré dans {p}"))?;
    }
    Ok(0)
}

/// Why an existing file is not written over (the analyst gives --replace).
fn exists_line(out: &std::path::Path, recorded: bool, ml: crate::i18n::Lang) -> String {
    let out_path = out.display();
    match (ml, recorded) {
        (crate::i18n::Lang::En, recorded) => format!(
            "error: {out_path} exists and is not {}; give --replace to write over it, or choose another --out",
            if recorded {
                "an unchanged earlier export recorded in the assessment"
            } else {
                "known to be an export (with --data, no assessment records exports)"
            }
        ),
        (crate::i18n::Lang::Fr, recorded) => format!(
            "erreur : {out_path} existe et n'est pas {} ; ajoutez --replace pour l'écraser, ou choisissez un autre --out",
            if recorded {
                "un export antérieur inchangé enregistré dans l'évaluation"
            } else {
                "un export connu (avec --data, aucune évaluation n'enregistre les exports)"
            }
        ),
    }
}

/// "wrote FILE (format, sharing level, sha256)".
fn say_written(
    record: &crate::assessment::ExportRecord,
    format: Format,
    level: crate::assessment::SharingLevel,
    ml: crate::i18n::Lang,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let (file, key, lv, sha) = (
        record.path.display().to_string(),
        format.key(),
        crate::annex::level_label(level, ml),
        &record.sha256,
    );
    writeln!(
        out,
        "{}",
        lf!(
            ml,
            "wrote {file} ({key}, sharing level {lv}, sha256 {sha})",
            "écrit {file} ({key}, niveau de diffusion {lv}, sha256 {sha})"
        )
    )
}

/// The assessment (if any), the loaded data, and the paths an export must
/// never write over.
type Inputs = (
    Option<crate::assessment::Assessment>,
    crate::analysis::Workspace,
    Vec<std::path::PathBuf>,
);

/// What the export reads: the assessment and its datasets, or data files;
/// the paths it must never write over. `Err`: the exit code, after saying why.
fn open_inputs(args: &ExportArgs, ml: crate::i18n::Lang) -> Result<Inputs, i32> {
    let inputs = match (&args.assessment, args.data.is_empty()) {
        (Some(path), true) => {
            let a = match load(path) {
                Ok(a) => a,
                Err(e) => {
                    eprintln!("{}", error_line(ml, &e.text_in(ml)));
                    return Err(1);
                }
            };
            if let Some(code) = super::review::refuse_outside(&a, path, args.allow_outside, ml) {
                return Err(code);
            }
            let (ws, statuses) = open_datasets(&a, path);
            let mut bad = false;
            for s in &statuses {
                if s.status != DatasetState::Ok {
                    let state = match ml {
                        crate::i18n::Lang::En => s.status.as_str(),
                        crate::i18n::Lang::Fr => s.status.label_in(ml),
                    };
                    eprintln!(
                        "{}{} {state} {}",
                        s.path.display(),
                        crate::i18n::colon(ml),
                        s.message.get(ml)
                    );
                    bad |= matches!(s.status, DatasetState::Missing | DatasetState::Unreadable);
                }
            }
            if bad {
                eprintln!(
                    "{}",
                    l!(
                        ml,
                        "error: a dataset of the assessment could not be read; relink it first",
                        "erreur : un jeu de données de l'évaluation n'a pas pu être lu ; reliez-le d'abord"
                    )
                );
                return Err(1);
            }
            // The assessment and its backup (the save that records the
            // export rewrites it) are never written over.
            (
                Some(a),
                ws,
                vec![path.clone(), crate::assessment::file::backup_path(path)],
            )
        }
        (None, false) => {
            let (ws, errors) = match load_all(&args.data, args.mapping.as_deref()) {
                Ok(x) => x,
                Err(e) => {
                    eprintln!("{}", error_line(ml, &e.text_in(ml)));
                    return Err(1);
                }
            };
            if !errors.is_empty() {
                for e in &errors {
                    eprintln!("{}", error_line(ml, &e.text_in(ml)));
                }
                return Err(1);
            }
            (None, ws, Vec::new())
        }
        _ => {
            eprintln!("error: give either --assessment FILE.ron or --data FILE...");
            return Err(2);
        }
    };
    Ok(inputs)
}
