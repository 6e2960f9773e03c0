//! What a transition plan's annex is expected to hold (issue #15): document
//! control, key judgements, handover by tier, benchmarks with a baseline
//! and a measuring frequency, a method written for a reader; and the Word
//! file on paper (no row split across pages, wide tables on landscape
//! pages, the classification at head and foot, "page x of y", document
//! properties).

use poc_workbench::annex::{AnnexOptions, Block, Cell, build, markdown};
use poc_workbench::assessment::file::load;
use poc_workbench::assessment::review::open_datasets;
use poc_workbench::assessment::{Assessment, Frequency, SharingLevel, Successor, Tier};
use std::io::Read;
use std::path::{Path, PathBuf};

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(name)
}

fn date(s: &str) -> chrono::NaiveDate {
    s.parse().expect("date")
}

/// The worked example, and its data.
fn darfur() -> (Assessment, poc_workbench::analysis::Workspace) {
    let ron = sample("darfur-transition.ron");
    let a = load(&ron).expect("loads");
    let (ws, _) = open_datasets(&a, &ron);
    (a, ws)
}

fn annex_at(
    a: &Assessment,
    ws: &poc_workbench::analysis::Workspace,
    level: SharingLevel,
) -> poc_workbench::annex::Annex {
    let mut o = AnnexOptions::for_assessment(a, date("2026-01-15"));
    o.level = level;
    build(Some(a), ws, &o)
}

fn section<'a>(annex: &'a poc_workbench::annex::Annex, id: &str) -> Option<&'a [Block]> {
    annex
        .sections
        .iter()
        .find(|s| s.id == id)
        .map(|s| s.blocks.as_slice())
}

fn text_of(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|b| match b {
            Block::Heading(h) | Block::Paragraph(h) => h.clone(),
            Block::Bullets(v) => v.join("\n"),
            Block::Table(t) => t
                .rows
                .iter()
                .map(|r| r.iter().map(Cell::display).collect::<Vec<_>>().join(" | "))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Figure(f) => f.caption.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn table<'a>(blocks: &'a [Block], id: &str) -> &'a poc_workbench::annex::Table {
    blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) if t.id == id => Some(t),
            _ => None,
        })
        .unwrap_or_else(|| panic!("table {id}"))
}

#[test]
fn document_control_comes_first_with_the_assessments_metadata() {
    let (mut a, ws) = darfur();
    a.meta.document_number = "UNAMID/POC/2020/017".into();
    a.meta.version = "2.1".into();
    a.meta.cleared_by = "Head of the POC Unit".into();
    let annex = annex_at(&a, &ws, SharingLevel::Internal);
    assert_eq!(annex.sections[0].id, "control");
    assert_eq!(annex.sections[1].id, "key-judgements");
    let t = text_of(section(&annex, "control").expect("control"));
    for want in [
        "UNAMID/POC/2020/017",
        "2.1",
        "Head of the POC Unit",
        "2026-01-15",
        "as of 2020-12-31",
        "Example analyst",
        &annex.classification,
    ] {
        assert!(t.contains(want), "{want} in {t}");
    }
    // Not cleared yet: said so, not left blank.
    a.meta.cleared_by.clear();
    let annex = annex_at(&a, &ws, SharingLevel::Internal);
    assert!(text_of(section(&annex, "control").expect("control")).contains("not yet cleared"));
}

#[test]
fn key_judgements_name_the_highest_residual_risks_first_and_only_what_the_level_shows() {
    let (a, ws) = darfur();
    let annex = annex_at(&a, &ws, SharingLevel::Internal);
    let kj = text_of(section(&annex, "key-judgements").expect("key judgements"));
    // #2 (4×4 = 16) before #1 (4×3 = 12); #3 is not residual.
    let (p2, p1) = (
        kj.find("Non-state armed groups").expect("#2"),
        kj.find("State security forces in").expect("#1"),
    );
    assert!(p2 < p1, "{kj}");
    assert!(!kj.contains("crossfire"), "a threat not residual: {kj}");
    assert!(kj.contains("High risk (16)") && kj.contains("High risk (12)"));
    assert!(kj.contains("no one takes over tier II"), "{kj}");
    assert!(kj.contains("successor is perpetrator"), "{kj}");
    assert!(kj.contains("rising"), "internal shows trends: {kj}");
    // Public: no trend (from counts), no count-based flag.
    let public = annex_at(&a, &ws, SharingLevel::Public);
    let kj = text_of(section(&public, "key-judgements").expect("key judgements"));
    for gone in ["rising", "stable", "monitoring gap", "security cliff"] {
        assert!(!kj.contains(gone), "{gone} at public: {kj}");
    }
    // Counts never appear in the judgements above internal: the only
    // figures are the analyst's risk scores and the number of threats.
    let digits: Vec<&str> = kj
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    assert!(
        digits
            .iter()
            .all(|d| ["2", "3", "12", "16", "0", "1"].contains(d)),
        "{digits:?} in {kj}"
    );
}

#[test]
fn written_key_judgements_replace_the_generated_ones_only_where_cleared() {
    let (mut a, ws) = darfur();
    a.meta.key_judgements = vec![
        "Militia violence around Jebel Marra will outlast the mission.".into(),
        "The state is both main perpetrator and main successor.".into(),
    ];
    let internal = annex_at(&a, &ws, SharingLevel::Internal);
    let kj = text_of(section(&internal, "key-judgements").expect("kj"));
    assert!(kj.contains("outlast the mission") && kj.contains("main successor"));
    assert!(
        !kj.contains("High risk"),
        "the analyst's own, not generated: {kj}"
    );
    // Not cleared above internal: the generated ones stand in.
    let partners = annex_at(&a, &ws, SharingLevel::UnPartners);
    let kj = text_of(section(&partners, "key-judgements").expect("kj"));
    assert!(!kj.contains("outlast the mission"), "{kj}");
    assert!(kj.contains("High risk"), "{kj}");
    a.meta.key_judgements_cleared = Some(SharingLevel::UnPartners);
    let partners = annex_at(&a, &ws, SharingLevel::UnPartners);
    assert!(text_of(section(&partners, "key-judgements").expect("kj")).contains("outlast"));
    let public = annex_at(&a, &ws, SharingLevel::Public);
    assert!(!text_of(section(&public, "key-judgements").expect("kj")).contains("outlast"));
}

#[test]
fn handover_has_a_row_per_residual_tier_with_its_capacity_date_and_gap() {
    let (mut a, ws) = darfur();
    a.register[0].handover.insert(Tier::I, date("2021-06-30"));
    a.register[0].tier_capacity.insert(Tier::I, 4);
    a.register[1].successors.insert(
        Tier::II,
        Successor::Other("Darfur Joint Protection Force".into()),
    );
    let annex = annex_at(&a, &ws, SharingLevel::Internal);
    let t = table(section(&annex, "handover").expect("handover"), "handover");
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.iter().map(Cell::display).collect())
        .collect();
    let residual_tiers: usize = a
        .register
        .iter()
        .filter(|e| e.residual)
        .map(|e| e.tiers.len())
        .sum();
    assert_eq!(rows.len(), residual_tiers, "{rows:?}");
    let col = |name: &str| t.header.iter().position(|h| h == name).expect(name);
    let (tier, succ, cap, when, gap) = (
        col("Tier"),
        col("Successor"),
        col("Capacity (1 to 5)"),
        col("Planned handover"),
        col("Gap"),
    );
    let row = |id: &str, t: &str| {
        rows.iter()
            .find(|r| r[0] == id && r[tier] == t)
            .unwrap_or_else(|| panic!("#{id} tier {t}: {rows:?}"))
    };
    assert_eq!(row("1", "I")[succ], "UN country team");
    assert_eq!(row("1", "I")[cap], "4", "the tier's own capacity");
    assert_eq!(row("1", "I")[when], "2021-06-30");
    assert_eq!(row("1", "I")[gap], "—");
    assert_eq!(row("1", "II")[gap], "successor is the perpetrator");
    assert_eq!(row("1", "II")[when], "2021-06-30", "the worked example's");
    assert_eq!(row("2", "II")[when], "not set");
    assert_eq!(row("2", "II")[succ], "Other: Darfur Joint Protection Force");
    assert_eq!(row("2", "III")[gap], "weak capacity (1)");
    // At public the capacity and gap columns go (the level's register
    // columns), the successors stay.
    let public = annex_at(&a, &ws, SharingLevel::Public);
    let t = table(section(&public, "handover").expect("handover"), "handover");
    assert!(
        t.header
            .iter()
            .all(|h| h != "Gap" && !h.starts_with("Capacity"))
    );
    assert!(t.header.iter().any(|h| h == "Successor"));
}

#[test]
fn benchmarks_carry_a_baseline_at_internal_and_how_often_they_are_measured() {
    let (mut a, ws) = darfur();
    a.benchmarks[0].frequency = Some(Frequency::Quarterly);
    a.benchmarks[1].frequency = None;
    let annex = annex_at(&a, &ws, SharingLevel::Internal);
    let t = table(
        section(&annex, "benchmarks").expect("benchmarks"),
        "benchmarks",
    );
    let col = |name: &str| t.header.iter().position(|h| h == name).expect(name);
    assert_eq!(t.rows[0][col("Measured")].display(), "quarterly");
    assert_eq!(t.rows[1][col("Measured")].display(), "not set");
    for (i, b) in a.benchmarks.iter().enumerate() {
        let year_before =
            poc_workbench::assessment::benchmarks::benchmark_review(&ws, b, date("2019-12-31"));
        assert_eq!(
            t.rows[i][col("Baseline")].display(),
            year_before.value.to_string(),
            "{}",
            b.name
        );
    }
    // The baseline is not audited with the rest: it stays internal.
    let public = annex_at(&a, &ws, SharingLevel::Public);
    let t = table(
        section(&public, "benchmarks").expect("benchmarks"),
        "benchmarks",
    );
    assert!(!t.header.iter().any(|h| h == "Baseline"));
}

#[test]
fn the_method_is_written_for_a_reader_with_this_annexs_dates() {
    let (a, ws) = darfur();
    let annex = annex_at(&a, &ws, SharingLevel::Internal);
    let method = text_of(section(&annex, "method").expect("method"));
    for internal in [
        "state_forces",
        "inter1",
        "Rule 2",
        "§",
        "civilian_targeting",
        "adm_1",
    ] {
        assert!(!method.contains(internal), "{internal} in the method text");
    }
    assert!(
        method.contains("2020-07-01 to 2020-12-31"),
        "the recent window's dates"
    );
    assert!(
        method.contains("2020-01-01 to 2020-06-30"),
        "the previous window's dates"
    );
    assert!(method.contains("UCDP GED: one-sided violence"));
    assert!(
        !method.contains("ACLED:"),
        "no ACLED data loaded, no ACLED rule"
    );
    let md = markdown::write(&annex);
    assert!(
        !md.contains("ucdp (UCDP GED release"),
        "the format cell reads for a reader"
    );
}

fn unzip(path: &Path) -> std::collections::BTreeMap<String, String> {
    let f = std::fs::File::open(path).expect("open");
    let mut z = zip::ZipArchive::new(f).expect("zip");
    let mut out = std::collections::BTreeMap::new();
    for i in 0..z.len() {
        let mut e = z.by_index(i).expect("entry");
        let mut s = String::new();
        if e.read_to_string(&mut s).is_ok() {
            out.insert(e.name().expect("name").to_string(), s);
        }
    }
    out
}

#[test]
fn the_word_file_reads_on_paper() {
    let dir = tempfile::tempdir().expect("tempdir");
    for f in ["darfur-transition.ron", "ucdp-ged-sudan.csv"] {
        std::fs::copy(sample(f), dir.path().join(f)).expect("copy");
    }
    let ron = dir.path().join("darfur-transition.ron");
    let mut a = load(&ron).expect("load");
    a.meta.document_number = "UNAMID/POC/2020/017".into();
    poc_workbench::assessment::file::save(&ron, &a).expect("save");
    let out = dir.path().join("annex.docx");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_poc-workbench"))
        .args([
            "export",
            "--format",
            "docx",
            "--sharing",
            "internal",
            "--assessment",
        ])
        .arg(&ron)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let parts = unzip(&out);
    let doc = &parts["word/document.xml"];
    // Every row, header or body, is kept on one page.
    let rows = doc.matches("<w:tr>").count();
    assert!(rows > 50);
    assert_eq!(doc.matches("<w:cantSplit />").count(), rows);
    // The footprint table (ten columns with dates and coordinates) is on a
    // landscape page; the document ends portrait.
    assert!(doc.contains("w:orient=\"landscape\""));
    let last_sect = doc.rfind("<w:sectPr>").expect("sectPr");
    assert!(!doc[last_sect..].contains("landscape"));
    // Classification at head and foot; "page x of y" with the number.
    let footer: String = parts
        .iter()
        .filter(|(k, _)| k.starts_with("word/footer"))
        .map(|(_, v)| v.clone())
        .collect();
    assert!(footer.contains("UN INTERNAL"), "{footer}");
    assert!(
        footer.contains("PAGE") && footer.contains("NUMPAGES"),
        "{footer}"
    );
    assert!(footer.contains("UNAMID/POC/2020/017"));
    let header: String = parts
        .iter()
        .filter(|(k, _)| k.starts_with("word/header"))
        .map(|(_, v)| v.clone())
        .collect();
    assert!(header.contains("UN INTERNAL"));
    // Properties a records system reads.
    let core = &parts["docProps/core.xml"];
    assert!(
        core.contains("<dc:title>Darfur: residual threats"),
        "{core}"
    );
    assert!(
        core.contains("<dc:creator>Example analyst</dc:creator>"),
        "{core}"
    );
    assert!(!core.contains("unknown"), "{core}");
    assert!(parts["docProps/app.xml"].contains("POC Transition Workbench"));
}

/// Exports the worked example in `format` at `level` into a fresh folder.
fn export_example(format: &str, level: &str, name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    for f in ["darfur-transition.ron", "ucdp-ged-sudan.csv"] {
        std::fs::copy(sample(f), dir.path().join(f)).expect("copy");
    }
    let out = dir.path().join(name);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_poc-workbench"))
        .args([
            "export",
            "--format",
            format,
            "--sharing",
            level,
            "--assessment",
        ])
        .arg(dir.path().join("darfur-transition.ron"))
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (dir, out)
}

#[test]
fn the_workbook_prints_on_a4_one_page_wide_and_carries_the_text_and_method() {
    let (_d, out) = export_example("xlsx", "internal", "annex.xlsx");
    let parts = unzip(&out);
    let sheets: Vec<(&String, &String)> = parts
        .iter()
        .filter(|(k, _)| k.starts_with("xl/worksheets/sheet"))
        .collect();
    assert!(sheets.len() > 10);
    let mut landscape = 0;
    for (name, xml) in &sheets {
        assert!(xml.contains("paperSize=\"9\""), "{name}: A4");
        assert!(
            xml.contains("fitToWidth=\"1\"") || !xml.contains("fitToWidth"),
            "{name}: one page wide"
        );
        assert!(xml.contains("fitToPage=\"1\""), "{name}: fit to page set");
        assert!(
            xml.contains("fitToHeight=\"0\""),
            "{name}: as many pages long as needed"
        );
        assert!(xml.contains("&amp;P of &amp;N"), "{name}: page x of y");
        assert!(
            xml.contains("UN INTERNAL"),
            "{name}: classification at the head"
        );
        if xml.contains("orientation=\"landscape\"") {
            landscape += 1;
        }
    }
    assert!(landscape >= 3, "the wide tables turn the page: {landscape}");
    let workbook = &parts["xl/workbook.xml"];
    assert!(workbook.contains("name=\"Text and method\""), "{workbook}");
    let strings = &parts["xl/sharedStrings.xml"];
    for want in [
        "Coverage and caveats",
        "Key judgements",
        "The recent window is the six months",
    ] {
        assert!(strings.contains(want), "{want} on the text sheet");
    }
}

#[test]
fn every_csv_file_opens_with_its_classification() {
    let (_d, out) = export_example("csv", "public", "annex-csv");
    let mut n = 0;
    for e in std::fs::read_dir(&out).expect("folder") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "csv") {
            let text = std::fs::read_to_string(&p).expect("read");
            let first = text
                .trim_start_matches('\u{feff}')
                .lines()
                .next()
                .unwrap_or("");
            assert!(first.starts_with("# PUBLIC"), "{}: {first}", p.display());
            // The rest reads as CSV once the marked line is skipped.
            let rest: String = text.lines().skip(1).collect::<Vec<_>>().join("\n");
            let mut r = csv::ReaderBuilder::new().from_reader(rest.as_bytes());
            let width = r.headers().expect("header").len();
            for rec in r.records() {
                assert_eq!(rec.expect("record").len(), width, "{}", p.display());
            }
            n += 1;
        }
    }
    assert!(n >= 8, "{n} CSV files");
}

/// The map names regions as the tables do, and draws a region whose name
/// matches no boundary where its events lie.
#[test]
fn the_map_names_regions_as_the_tables_do() {
    use poc_workbench::annex::charts::Chart;
    let (a, ws) = darfur();
    let annex = annex_at(&a, &ws, SharingLevel::Internal);
    let threats = section(&annex, "threats").expect("threats");
    let matrix = table(threats, "threat-matrix");
    let regions: Vec<String> = matrix.rows.iter().map(|r| r[0].display()).collect();
    let areas = threats
        .iter()
        .find_map(|b| match b {
            Block::Figure(f) => match &f.chart {
                Chart::Map { areas, .. } => Some(areas.clone()),
                _ => None,
            },
            _ => None,
        })
        .expect("a map");
    let drawn: Vec<&str> = areas
        .iter()
        .filter(|x| x.cell != Cell::Empty)
        .map(|x| x.name.as_str())
        .collect();
    assert!(drawn.len() >= 17, "{drawn:?}");
    for name in &drawn {
        assert!(
            regions.iter().any(|r| r == name),
            "{name} is not a table region"
        );
    }
    assert!(
        drawn.contains(&"Gezira") && drawn.contains(&"Gedarif"),
        "{drawn:?}"
    );
    // Each drawn region carries the table's total for it.
    for x in areas.iter().filter(|x| x.cell != Cell::Empty) {
        let row = matrix
            .rows
            .iter()
            .find(|r| r[0].display() == x.name)
            .expect("row");
        assert_eq!(
            row.last().expect("total").display(),
            x.cell.display(),
            "{}",
            x.name
        );
    }
    // A region renamed so no boundary matches is still drawn, where its
    // events lie (North Darfur's events are in North Darfur).
    let mut renamed = a.clone();
    renamed
        .region_aliases
        .push(poc_workbench::assessment::RegionAlias {
            from: "North Darfur".into(),
            to: "Shamal Darfur".into(),
        });
    let ron = sample("darfur-transition.ron");
    let (ws2, _) = open_datasets(&renamed, &ron);
    let annex = annex_at(&renamed, &ws2, SharingLevel::Internal);
    let text = format!(
        "{:?}",
        section(&annex, "threats")
            .expect("threats")
            .iter()
            .find_map(|b| match b {
                Block::Figure(f) if matches!(f.chart, Chart::Map { .. }) => Some(f.chart.clone()),
                _ => None,
            })
    );
    assert!(text.contains("\"Shamal Darfur\""), "drawn by its events");
}

#[test]
fn a_share_of_nothing_is_a_dash_and_the_acled_access_date_is_not_guessed() {
    let (a, ws) = darfur();
    let annex = annex_at(&a, &ws, SharingLevel::Internal);
    let threats = section(&annex, "threats").expect("threats");
    let t = table(threats, "state-share");
    // North Kordofan: state events, no attributed civilian fatalities.
    let row = t
        .rows
        .iter()
        .find(|r| r[0].display() == "North Kordofan")
        .expect("row");
    assert_eq!(row[2].display(), "–");
    assert!(
        t.notes
            .iter()
            .any(|n| n.starts_with("–: nothing to divide by"))
    );
    // An ACLED-shaped file: the copy's date is not passed off as the date
    // it was downloaded.
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("acled.csv");
    let bin = env!("CARGO_BIN_EXE_poc-workbench");
    let o = std::process::Command::new(bin)
        .args(["generate", "--rows", "3000", "--out"])
        .arg(&data)
        .output()
        .expect("runs");
    assert!(o.status.success());
    let out = dir.path().join("annex.md");
    let o = std::process::Command::new(bin)
        .args([
            "export",
            "--format",
            "md",
            "--sharing",
            "internal",
            "--data",
        ])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = std::fs::read_to_string(&out).expect("annex");
    assert!(md.contains("Access date: not recorded in the file"), "{md}");
    assert!(!md.contains("(file date)"));
    assert!(
        md.contains("| ACLED export |"),
        "the source's kind in words"
    );
}
