//! `poc-workbench bench`: generates an ACLED-shaped file (current export
//! layout, about 570 bytes a row with a notes column) and measures load,
//! first matrix, recompute after a filter change, and peak memory. A
//! benchmark to run by hand, never a timed test.

use crate::analysis::{Filter, ThreatMatrix, Workspace};
use crate::import::{ImportOptions, Progress, import_file};
use crate::model::perpetrator::PerpetratorType;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// A small deterministic generator (xorshift), so every run writes the
/// same file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

const COUNTRIES: [(&str, &str, u16, f32, f32); 5] = [
    ("Sudan", "SDN", 729, 13.0, 27.0),
    ("Mali", "MLI", 466, 15.0, -3.0),
    ("Democratic Republic of Congo", "COD", 180, -2.0, 26.0),
    ("Central African Republic", "CAF", 140, 6.5, 20.5),
    ("South Sudan", "SSD", 728, 7.5, 30.5),
];

const INTER: [&str; 8] = [
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
];

const EVENTS: [(&str, &str, &str); 8] = [
    ("Political violence", "Violence against civilians", "Attack"),
    (
        "Political violence",
        "Violence against civilians",
        "Sexual violence",
    ),
    (
        "Political violence",
        "Violence against civilians",
        "Abduction/forced disappearance",
    ),
    ("Political violence", "Battles", "Armed clash"),
    (
        "Political violence",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    ("Demonstrations", "Protests", "Peaceful protest"),
    ("Demonstrations", "Riots", "Mob violence"),
    (
        "Strategic developments",
        "Strategic developments",
        "Looting/property destruction",
    ),
];

const WORDS: [&str; 24] = [
    "armed",
    "men",
    "attacked",
    "village",
    "near",
    "market",
    "killing",
    "civilians",
    "reportedly",
    "looted",
    "property",
    "displaced",
    "residents",
    "clashes",
    "between",
    "forces",
    "and",
    "militia",
    "in",
    "the",
    "area",
    "of",
    "during",
    "night",
];

/// What the generator decided for one ACLED-shaped row, for the UCDP-shaped
/// copy of some of them (the same attacks recorded twice).
struct Sketch {
    country: &'static str,
    /// (year, month, day)
    date: (usize, usize, usize),
    lat: f32,
    lon: f32,
    civilian: bool,
    state: bool,
    admin1: String,
    fatalities: usize,
}

/// The generator of ACLED-shaped rows: every call to `row` draws the same
/// sequence for the same seed.
struct AcledGen {
    rng: Rng,
    actors: Vec<String>,
}

impl AcledGen {
    fn new(seed: u64) -> AcledGen {
        let actors: Vec<String> = (0..300)
            .map(|i| match i % 6 {
                0 => format!("Military Forces of Country {} ({})", i % 5, 1990 + i % 30),
                1 => format!("Rebel Movement {i}"),
                2 => format!("Militia {i} (Ethnic Group)"),
                3 => format!("Unidentified Armed Group ({})", COUNTRIES[i % 5].0),
                4 => format!("Police Forces of Country {}", i % 5),
                _ => format!("Communal Militia {i}"),
            })
            .collect();
        AcledGen {
            rng: Rng(seed.max(1)),
            actors,
        }
    }

    /// Writes row `n` into `line` and says what it holds.
    fn row(&mut self, n: usize, line: &mut String) -> Sketch {
        let rng = &mut self.rng;
        let actors = &self.actors;
        line.clear();
        let (country, iso3, iso, lat0, lon0) = COUNTRIES[rng.below(5)];
        let a1 = rng.below(18);
        let a2 = rng.below(12);
        let (disorder, etype, sub) = EVENTS[rng.below(EVENTS.len())];
        let i1 = rng.below(8);
        let i2 = if rng.below(3) == 0 { 6 } else { rng.below(8) };
        let civ = etype == "Violence against civilians" || i2 == 6;
        let year = 2015 + rng.below(10);
        let month = 1 + rng.below(12);
        let day = 1 + rng.below(28);
        let actor1 = &actors[rng.below(actors.len())];
        let actor2 = if i2 == 6 {
            format!("Civilians ({country})")
        } else {
            actors[rng.below(actors.len())].clone()
        };
        let fatalities = if rng.below(3) == 0 { rng.below(20) } else { 0 };
        let mut notes = String::with_capacity(300);
        notes.push_str(&format!("On {day} {month} {year}, "));
        while notes.len() < 172 {
            notes.push_str(WORDS[rng.below(WORDS.len())]);
            notes.push(' ');
        }
        notes.push_str("(\"\"quoted, text\"\").");
        let lat = lat0 + (rng.below(4000) as f32 - 2000.0) / 1000.0;
        let lon = lon0 + (rng.below(4000) as f32 - 2000.0) / 1000.0;
        line.push_str(&format!("{iso3}{n},{year}-{month:02}-{day:02},{year},{tp},{disorder},{etype},{sub},{actor1},,{inter1},{actor2},,{inter2},{inter1}-{inter2},{ct},{iso},Africa,{country},Admin {a1} of {iso3},District {a2}-{a1},Sub {a2},Place {a1}-{a2},{lat:.4},{lon:.4},{gp},Source Newswire; Local Radio {a2},National,\"{notes}\",{fatalities},crowd size=no report,{ts}",
            tp = 1 + rng.below(3),
            inter1 = INTER[i1],
            inter2 = INTER[i2],
            ct = if civ { "Civilians targeted" } else { "" },
            gp = 1 + rng.below(3),
            ts = 1_600_000_000 + n,
        ));
        line.push('\n');
        let acting = if i2 == 6 || i1 != 6 { i1 } else { i2 };
        Sketch {
            country,
            date: (year, month, day),
            lat,
            lon,
            civilian: civ,
            state: acting == 0,
            admin1: format!("Admin {a1} of {iso3}"),
            fatalities,
        }
    }
}

/// Writes an ACLED-shaped CSV of `rows` rows to `path`.
pub fn write_acled_like(path: &Path, rows: usize, seed: u64) -> std::io::Result<u64> {
    let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    writeln!(w, "{HEADER}")?;
    let mut generator = AcledGen::new(seed);
    let mut line = String::with_capacity(1024);
    for n in 0..rows {
        generator.row(n, &mut line);
        w.write_all(line.as_bytes())?;
    }
    w.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

const UCDP_HEADER: &str = "id,relid,year,active_year,type_of_violence,conflict_new_id,conflict_name,dyad_new_id,dyad_name,side_a_new_id,side_a,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low";

/// Writes a UCDP GED-shaped CSV of `rows` rows to `path`: the same attacks
/// as `write_acled_like(.., acled_rows, seed)` writes, some of them
/// recorded again as UCDP would (a day or a few km off, the government as
/// side A), so matching across sources has work to do.
pub fn write_ucdp_like(
    path: &Path,
    rows: usize,
    acled_rows: usize,
    seed: u64,
) -> std::io::Result<u64> {
    let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    writeln!(w, "{UCDP_HEADER}")?;
    let mut generator = AcledGen::new(seed);
    let mut jitter = Rng(seed.wrapping_mul(31).max(1));
    let mut line = String::with_capacity(1024);
    let mut written = 0;
    let mut n = 0;
    // One ACLED row in `step` becomes a UCDP row, spread over the file.
    let step = (acled_rows.max(1) as f64 / rows.max(1) as f64).max(1.0);
    let mut next_take = 0.0f64;
    while written < rows {
        let sk = generator.row(n, &mut line);
        n += 1;
        if (n as f64) < next_take {
            continue;
        }
        next_take += step;
        let (year, month, day) = sk.date;
        let shift = jitter.below(3) as i64 - 1;
        let date = chrono::NaiveDate::from_ymd_opt(year as i32, month as u32, day as u32)
            .and_then(|d| d.checked_add_signed(chrono::Duration::days(shift)))
            .unwrap_or_default();
        let end = if jitter.below(10) == 0 {
            date + chrono::Duration::days(jitter.below(30) as i64)
        } else {
            date
        };
        let lat = sk.lat + (jitter.below(60) as f32 - 30.0) / 1000.0;
        let lon = sk.lon + (jitter.below(60) as f32 - 30.0) / 1000.0;
        let (tov, side_a) = if sk.civilian {
            (
                3,
                if sk.state {
                    format!("Government of {}", sk.country)
                } else {
                    format!("Armed group {}", jitter.below(40))
                },
            )
        } else {
            (1, format!("Government of {}", sk.country))
        };
        let civ = if sk.civilian {
            sk.fatalities.max(1)
        } else {
            jitter.below(2)
        };
        writeln!(
            w,
            "{id},{id},{year},1,{tov},1,conflict,1,dyad,1,{side_a},2,Civilians,1,article,office,,headline,,1,Place,Place,{a1} state,District,{lat:.6},{lon:.6},,1,{country},1,Africa,1,1,{date} 00:00:00.000,{end} 00:00:00.000,0,0,{civ},0,{civ},{civ},{civ}",
            id = 100_000 + written,
            year = date.format("%Y"),
            a1 = sk.admin1,
            country = sk.country,
        )?;
        written += 1;
    }
    w.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

fn peak_rss_mb() -> Option<f64> {
    crate::memory::peak_rss_kb().map(|kb| kb as f64 / 1024.0)
}

/// Runs the benchmark on `rows` rows (generating the file unless `file` is
/// given) and prints the figures.
pub fn run(
    rows: usize,
    file: Option<PathBuf>,
    keep: bool,
    out: &mut dyn Write,
) -> std::io::Result<i32> {
    let (path, generated) = match file {
        Some(p) => (p, false),
        None => {
            let p = std::env::temp_dir().join(format!("poc-workbench-bench-{rows}.csv"));
            let t = Instant::now();
            let bytes = write_acled_like(&p, rows, 42)?;
            writeln!(
                out,
                "generated {} rows, {:.1} MB in {:.2} s: {}",
                rows,
                bytes as f64 / 1e6,
                t.elapsed().as_secs_f64(),
                p.display()
            )?;
            (p, true)
        }
    };
    let bytes = std::fs::metadata(&path)?.len();
    crate::memory::reset_peak_rss();
    let t0 = Instant::now();
    let dataset = match import_file(&path, &ImportOptions::default(), &Progress::default()) {
        Ok(d) => d,
        Err(e) => {
            writeln!(out, "error: {e}")?;
            return Ok(1);
        }
    };
    let load = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let ws = Workspace::new(vec![dataset]);
    let derive = t1.elapsed().as_secs_f64();
    let t2 = Instant::now();
    let filter = Filter::default();
    let m = ThreatMatrix::compute(&ws, &filter, None);
    let matrix = t2.elapsed().as_secs_f64();
    let first_total = load + derive + matrix;
    // Recompute after filter changes, as the GUI does.
    let mut changed = filter.clone();
    changed.from = crate::model::dates::from_day_number(ws.latest_date().unwrap_or(0) - 730);
    changed.perpetrators = Some(
        [PerpetratorType::StateForces, PerpetratorType::RebelGroups]
            .into_iter()
            .collect(),
    );
    let mut recompute = Vec::new();
    for f in [&changed, &filter, &changed] {
        let t = Instant::now();
        let m2 = ThreatMatrix::compute(&ws, f, None);
        recompute.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(m2.total.events);
    }
    let recompute_ms = recompute.iter().copied().fold(0.0, f64::max);
    let peak = peak_rss_mb();
    writeln!(
        out,
        "rows read            {}",
        ws.datasets[0].report.rows_read
    )?;
    writeln!(
        out,
        "incidents kept       {}",
        ws.datasets[0].incidents.len()
    )?;
    writeln!(out, "file size            {:.1} MB", bytes as f64 / 1e6)?;
    writeln!(
        out,
        "load (parse+store)   {:.3} s  ({:.0} MB/s)",
        load,
        bytes as f64 / 1e6 / load
    )?;
    writeln!(out, "derive regions       {:.3} s", derive)?;
    writeln!(out, "first matrix         {:.1} ms", matrix * 1000.0)?;
    writeln!(out, "load + first matrix  {:.3} s", first_total)?;
    writeln!(
        out,
        "recompute (worst of 3 filter changes)  {:.1} ms",
        recompute_ms
    )?;
    writeln!(
        out,
        "peak memory (VmHWM)  {}",
        peak.map_or("n/a".to_string(), |p| format!("{p:.0} MB"))
    )?;
    let reader = crate::import::workbook::reader_peak_mb();
    if reader > 0 {
        writeln!(out, "peak memory, workbook reader process  {reader} MB")?;
    }
    writeln!(out, "civilian-harm events {}", m.total.events)?;
    if generated
        && !keep
        && let Err(e) = std::fs::remove_file(&path)
    {
        eprintln!(
            "warning: {}: the generated file was not removed: {e}",
            path.display()
        );
    }
    Ok(0)
}

/// Measures matching across sources (METHODOLOGY §8) on generated files:
/// `acled_rows` ACLED-shaped rows against `ucdp_rows` UCDP-shaped rows.
pub fn run_matching(
    acled_rows: usize,
    ucdp_rows: usize,
    out: &mut dyn Write,
) -> std::io::Result<i32> {
    use crate::analysis::matching::{self, MatchInput, MatchSettings};
    let dir = std::env::temp_dir();
    let a = dir.join(format!("poc-workbench-bench-match-acled-{acled_rows}.csv"));
    let u = dir.join(format!("poc-workbench-bench-match-ucdp-{ucdp_rows}.csv"));
    let t = Instant::now();
    write_acled_like(&a, acled_rows, 42)?;
    write_ucdp_like(&u, ucdp_rows, acled_rows, 42)?;
    writeln!(
        out,
        "generated {acled_rows} ACLED-shaped and {ucdp_rows} UCDP-shaped rows in {:.1} s",
        t.elapsed().as_secs_f64()
    )?;
    let mut datasets = Vec::new();
    for p in [&a, &u] {
        match import_file(p, &ImportOptions::default(), &Progress::default()) {
            Ok(d) => datasets.push(d),
            Err(e) => {
                writeln!(out, "error: {e}")?;
                return Ok(1);
            }
        }
    }
    for p in [&a, &u] {
        if let Err(e) = std::fs::remove_file(p) {
            eprintln!(
                "warning: {}: the generated file was not removed: {e}",
                p.display()
            );
        }
    }
    let t = Instant::now();
    let mut ws = Workspace::new(datasets);
    let with = t.elapsed().as_secs_f64();
    let harm: usize = ws
        .datasets
        .iter()
        .map(|d| d.incidents.civilian_harm.iter().filter(|&&h| h).count())
        .sum();
    // Matching alone, three times (the best and the worst).
    let types: Vec<Vec<u8>> = (0..ws.datasets.len())
        .map(|d| ws.effective_types(d).to_vec())
        .collect();
    ws.set_matching(MatchSettings {
        enabled: false,
        ..MatchSettings::default()
    });
    let counted = ws.counted.clone();
    let input = MatchInput {
        datasets: &ws.datasets,
        counted: &counted,
        types: &types,
    };
    let mut times = Vec::new();
    let mut found = None;
    for _ in 0..3 {
        let t = Instant::now();
        let (m, _) = matching::find(&input, &MatchSettings::default());
        times.push(t.elapsed().as_secs_f64());
        found = Some(m);
    }
    let m = found.unwrap_or_default();
    let best = times.iter().copied().fold(f64::INFINITY, f64::min);
    let worst = times.iter().copied().fold(0.0, f64::max);
    writeln!(out, "civilian-harm events {harm} (both files)")?;
    writeln!(out, "candidate pairs      {}", m.candidates)?;
    writeln!(out, "matches              {}", m.total())?;
    writeln!(
        out,
        "matching             {best:.3} s best, {worst:.3} s worst of 3"
    )?;
    writeln!(
        out,
        "workspace with matching (regions, repeats, matches)  {with:.3} s"
    )?;
    writeln!(
        out,
        "peak memory (VmHWM)  {}",
        peak_rss_mb().map_or("n/a".to_string(), |p| format!("{p:.0} MB"))
    )?;
    Ok(0)
}
