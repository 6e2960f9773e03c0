//! The residual-threat annex as a reader gets it: the DOCX opened as a zip
//! and its figures compared with `summarize` and `review`; Markdown and HTML
//! snapshots of the Darfur example at every sharing level (disclosure
//! control itself is attacked in `disclosure.rs`); ACLED rows, ids, notes
//! and coordinates never leaving; formula escaping; the export
//! record; never writing over a source file.

mod common;
use common::{Lcg, names_in};
use poc_workbench::annex::{AnnexOptions, build, html, markdown, parse_level};
use poc_workbench::assessment::SharingLevel;
use poc_workbench::assessment::file::load;
use poc_workbench::assessment::review::open_datasets;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_poc-workbench"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Darfur example copied into a temporary folder (exports are recorded
/// in the assessment, which must not touch the repository's copy).
fn darfur_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    for f in ["darfur-transition.ron", "ucdp-ged-sudan.csv"] {
        std::fs::copy(root().join("sample-data").join(f), dir.path().join(f)).expect("copy");
    }
    let ron = dir.path().join("darfur-transition.ron");
    (dir, ron)
}

fn date(s: &str) -> chrono::NaiveDate {
    s.parse().expect("date")
}

fn export(args: &[&str]) -> (bool, String, String) {
    let out = bin().arg("export").args(args).output().expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// `export FLAG INPUT --format F --sharing L --out OUT EXTRA...`.
fn export_with(
    flag: &str,
    input: &Path,
    format: &str,
    sharing: &str,
    out: &Path,
    extra: &[&str],
) -> (bool, String, String) {
    let mut args = vec![flag, input.to_str().expect("utf8"), "--format", format];
    args.extend(["--sharing", sharing, "--out", out.to_str().expect("utf8")]);
    args.extend(extra);
    export(&args)
}

fn unzip(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let f = std::fs::File::open(path).expect("open zip");
    let mut z = zip::ZipArchive::new(f).expect("a zip file");
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut e = z.by_index(i).expect("entry");
        let mut b = Vec::new();
        e.read_to_end(&mut b).expect("read entry");
        out.insert(e.name().expect("name").to_string(), b);
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text of every `<w:t>` in an XML fragment.
fn texts(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:t") {
        rest = &rest[i + 4..];
        // <w:t> or <w:t xml:space=...>, not <w:tbl>, <w:tc>, <w:tr>…
        if !(rest.starts_with('>') || rest.starts_with(' ')) {
            continue;
        }
        let Some(open_end) = rest.find('>') else {
            break;
        };
        let Some(close) = rest.find("</w:t>") else {
            break;
        };
        out.push_str(&unescape(&rest[open_end + 1..close]));
        rest = &rest[close..];
    }
    out
}

fn split_between<'a>(xml: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(open) {
        let after = &rest[i..];
        let Some(j) = after.find(close) else { break };
        out.push(&after[..j + close.len()]);
        rest = &after[j + close.len()..];
    }
    out
}

/// Tables of a document.xml: caption (the paragraph before) → rows of cell texts.
fn docx_tables(xml: &str) -> Vec<(String, Vec<Vec<String>>)> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:tbl>") {
        let before = &rest[..i];
        let caption = before
            .rfind("<w:p ")
            .or_else(|| before.rfind("<w:p>"))
            .map_or(String::new(), |p| texts(&before[p..]));
        let after = &rest[i..];
        let end = after.find("</w:tbl>").expect("closed table");
        let rows = split_between(&after[..end], "<w:tr>", "</w:tr>")
            .into_iter()
            .map(|r| {
                split_between(r, "<w:tc>", "</w:tc>")
                    .into_iter()
                    .map(texts)
                    .collect()
            })
            .collect();
        out.push((caption, rows));
        rest = &after[end..];
    }
    out
}

fn count(s: &str) -> Option<u64> {
    s.replace(',', "").parse().ok()
}

fn summarize(from: &str, to: &str, files: &[&Path]) -> serde_json::Value {
    let out = bin()
        .args(["summarize", "--json", "--from", from, "--to", to])
        .args(files)
        .output()
        .expect("runs");
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn docx_has_headings_tables_images_and_the_summarize_figures() {
    let (dir, ron) = darfur_copy();
    let csv = dir.path().join("ucdp-ged-sudan.csv");
    let labels: BTreeMap<String, String> = poc_workbench::model::PerpetratorType::ALL
        .iter()
        .map(|t| {
            (
                t.label().split(" (").next().unwrap_or("").to_string(),
                t.key().to_string(),
            )
        })
        .collect();
    let s = summarize("2018-01-01", "2020-12-31", &[&csv]);
    let truth: BTreeMap<(String, String), u64> = s["cells"]
        .as_array()
        .expect("cells")
        .iter()
        .map(|c| {
            (
                (
                    c["region"].as_str().unwrap_or("").to_string(),
                    c["perpetrator"].as_str().unwrap_or("").to_string(),
                ),
                c["events"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    for level in ["internal", "un-partners"] {
        let out = dir.path().join(format!("annex-{level}.docx"));
        let (ok, _, err) = export_with(
            "--assessment",
            &ron,
            "docx",
            level,
            &out,
            &["--date", "2026-01-15"],
        );
        assert!(ok, "{err}");
        let parts = unzip(&out);
        let doc = String::from_utf8_lossy(&parts["word/document.xml"]).to_string();
        check_docx_layout(&parts, &doc, level);
        let tables = docx_tables(&doc);
        check_matrix_equals_summarize(&tables, &truth, &labels, &s, level);
        check_register_equals_review(&tables, &ron);
    }
}

/// Headings in order, styles, classification header, page numbers, A4,
/// repeating header rows and the three charts.
fn check_docx_layout(parts: &BTreeMap<String, Vec<u8>>, doc: &str, level: &str) {
    // Headings: real Heading1 paragraphs, in order.
    let headings: Vec<String> = split_between(doc, "<w:p ", "</w:p>")
        .into_iter()
        .filter(|p| p.contains("w:val=\"Heading1\""))
        .map(texts)
        .collect();
    assert_eq!(
        headings,
        [
            "1. Document control",
            "2. Key judgements",
            "3. Purpose, scope, period and sources",
            "4. Context and footprint change",
            "5. Threats by perpetrator type and region",
            "6. Effects on civilians",
            "7. Residual-threat register",
            "8. Handover by protection tier",
            "9. Flags",
            "10. Human rights due diligence",
            "11. Benchmarks and indicators to watch after exit",
            "12. Method and sources"
        ]
    );
    let styles = String::from_utf8_lossy(&parts["word/styles.xml"]).to_string();
    assert!(
        styles.contains("w:styleId=\"Heading1\""),
        "Heading 1 is defined"
    );
    // Classification line in the page header; page numbers in the footer.
    let header: String = parts
        .iter()
        .filter(|(k, _)| k.starts_with("word/header"))
        .map(|(_, v)| texts(&String::from_utf8_lossy(v)))
        .collect();
    assert!(header.contains(poc_workbench::annex::classification_line(
        parse_level(level).expect("level")
    )));
    let footer: String = parts
        .iter()
        .filter(|(k, _)| k.starts_with("word/footer"))
        .map(|(_, v)| String::from_utf8_lossy(v).to_string())
        .collect();
    assert!(footer.contains("PAGE"), "page number field");
    assert!(
        doc.contains("w:w=\"11906\"") && doc.contains("w:h=\"16838\""),
        "A4"
    );
    assert!(doc.contains("<w:tblHeader />"), "header rows repeat");
    // Charts: PNG images (monthly, heat map, map).
    let pngs: Vec<_> = parts
        .iter()
        .filter(|(k, v)| k.starts_with("word/media/") && v.starts_with(b"\x89PNG"))
        .collect();
    assert_eq!(pngs.len(), 3, "{:?}", parts.keys().collect::<Vec<_>>());
}

/// The threat matrix of the document equals `summarize`, cell by cell (at
/// `un-partners`, a `<5` cell hides 1 to 4 and `x` anything).
fn check_matrix_equals_summarize(
    tables: &[(String, Vec<Vec<String>>)],
    truth: &BTreeMap<(String, String), u64>,
    labels: &BTreeMap<String, String>,
    s: &serde_json::Value,
    level: &str,
) {
    // The threat matrix equals summarize, cell by cell.
    let (_, matrix) = tables
        .iter()
        .find(|(c, _)| c.contains("Civilian-harm events by region and perpetrator type"))
        .expect("threat matrix table");
    let header_row = &matrix[0];
    let mut checked = 0;
    for row in &matrix[1..matrix.len() - 1] {
        for (j, cell) in row.iter().enumerate().skip(1).take(header_row.len() - 2) {
            let key = (row[0].clone(), labels[&header_row[j]].clone());
            let want = truth.get(&key).copied().unwrap_or(0);
            match (level, cell.as_str()) {
                ("un-partners", "<5") => assert!((1..5).contains(&want), "{key:?}"),
                ("un-partners", "x") => {}
                _ => assert_eq!(count(cell), Some(want), "{key:?} at {level}"),
            }
            checked += 1;
        }
    }
    assert!(checked >= 30, "{checked}");
    let total_row = matrix.last().expect("total row");
    assert_eq!(total_row[0], "Total");
    assert_eq!(
        count(total_row.last().expect("grand total")),
        s["totals"]["events"].as_u64()
    );
}

/// The register's ratings equal `review`.
fn check_register_equals_review(tables: &[(String, Vec<Vec<String>>)], ron: &Path) {
    // The register's ratings equal `review`.
    let review = bin()
        .args(["review", "--json"])
        .arg(ron)
        .output()
        .expect("review");
    let review: serde_json::Value = serde_json::from_slice(&review.stdout).expect("json");
    let (_, register) = tables
        .iter()
        .find(|(c, _)| c.contains("register: ratings"))
        .expect("register table");
    assert_eq!(
        register.len() - 1,
        review["entries"].as_array().map_or(0, Vec::len)
    );
    for (row, e) in register[1..]
        .iter()
        .zip(review["entries"].as_array().expect("entries"))
    {
        assert_eq!(row[0], e["id"].to_string());
        if row[3] == "not rated" {
            // METHODOLOGY §5: an entry the analyst has not rated shows
            // "not rated", never the suggestion in the analyst's columns.
            assert_eq!(row[4], "not rated");
            assert_eq!(row[5], "not rated");
            assert_eq!(e["analyst"], e["suggested"], "unrated: review falls back");
            continue;
        }
        assert_eq!(count(&row[3]), e["analyst"]["likelihood"].as_u64());
        assert_eq!(count(&row[4]), e["analyst"]["impact"].as_u64());
        assert!(
            row[5].starts_with(&e["analyst"]["risk"].to_string()),
            "{row:?}"
        );
    }
}

/// The HTML with each inline SVG replaced by its size (the pictures are
/// checked elsewhere; the snapshot stays readable).
fn html_for_snapshot(h: &str) -> String {
    let mut out = String::new();
    let mut rest = h;
    while let Some(i) = rest.find("<svg") {
        out.push_str(&rest[..i]);
        let end = rest[i..].find("</svg>").map_or(rest.len(), |j| i + j + 6);
        let svg = &rest[i..end];
        assert!(
            svg.contains("<text") || svg.contains("<polygon"),
            "a drawn chart"
        );
        out.push_str(&format!(
            "<svg><!-- chart, {} elements --></svg>",
            svg.matches('<').count()
        ));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn snapshots_of_the_darfur_annex_at_each_sharing_level() {
    let ron = root().join("sample-data/darfur-transition.ron");
    let a = load(&ron).expect("example loads");
    let (ws, _) = open_datasets(&a, &ron);
    for level in ["internal", "un-partners", "host-government", "public"] {
        let mut opts = AnnexOptions::for_assessment(&a, date("2026-01-15"));
        opts.level = parse_level(level).expect("level");
        opts.recipients = vec!["Example recipient".into()];
        let annex = build(Some(&a), &ws, &opts);
        let md = markdown::write(&annex);
        insta::assert_snapshot!(format!("darfur-{level}.md"), md);
        let h = html::write(&annex).expect("renders");
        assert!(
            !h.contains("<script") && !h.contains("src=\"http"),
            "self-contained"
        );
        insta::assert_snapshot!(format!("darfur-{level}.html"), html_for_snapshot(&h));
        if opts.level != SharingLevel::Internal {
            assert!(
                !md.contains("Latitude") && !md.contains("Illustrative example shipped"),
                "no coordinates or analyst notes above internal"
            );
        }
    }
}

#[test]
fn public_threat_matrix_csv_has_no_count_below_k() {
    let (dir, ron) = darfur_copy();
    for k in ["5", "3", "10"] {
        let out = dir.path().join(format!("csv-{k}"));
        let (ok, _, err) = export_with("--assessment", &ron, "csv", "public", &out, &["--k", k]);
        assert!(ok, "{err}");
        let k: u64 = k.parse().expect("k");
        let text =
            std::fs::read_to_string(out.join("threat-matrix.csv")).expect("threat-matrix.csv");
        // The first line is the classification, marked for readers to skip.
        let first = text
            .trim_start_matches('\u{feff}')
            .lines()
            .next()
            .unwrap_or("");
        assert!(first.starts_with("# PUBLIC"), "{first}");
        let mut withheld = 0;
        for line in text.lines().skip(2) {
            for f in line.split(',').skip(1) {
                if let Ok(v) = f.parse::<u64>() {
                    assert!(v == 0 || v >= k, "{v} in {line}");
                } else {
                    assert!(f == format!("<{k}") || f == "x", "{f:?}");
                    withheld += 1;
                }
            }
        }
        assert!(withheld > 0, "the Darfur data has small counts to withhold");
        for f in ["register.csv", "benchmarks.csv", "README.txt", "SHA256SUMS"] {
            assert!(out.join(f).exists(), "{f}");
        }
        // Base sites and closure dates are left out of a public annex.
        assert!(!out.join("footprint.csv").exists());
        let readme = std::fs::read_to_string(out.join("README.txt")).expect("readme");
        assert!(readme.starts_with("PUBLIC"));
        assert!(
            readme.contains("CC BY 4.0"),
            "UCDP attribution travels with the CSV files"
        );
    }
}

/// Every text a reader of the export can see, whatever its format.
fn visible_text(path: &Path) -> String {
    if path.is_dir() {
        let mut s = String::new();
        for e in std::fs::read_dir(path).expect("dir").flatten() {
            s.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
        }
        return s;
    }
    let bytes = std::fs::read(path).expect("read");
    if bytes.starts_with(b"PK") {
        unzip(path)
            .into_iter()
            // The parts that hold what a reader sees (not themes or styles).
            .filter(|(k, _)| {
                k.starts_with("word/document")
                    || k.starts_with("word/header")
                    || k.starts_with("word/footer")
                    || k.starts_with("xl/worksheets/")
                    || k == "xl/sharedStrings.xml"
            })
            .map(|(_, v)| unescape(&String::from_utf8_lossy(&v)))
            .collect()
    } else {
        unescape(&String::from_utf8_lossy(&bytes))
    }
}

#[test]
fn acled_data_annex_leaks_no_rows_ids_notes_or_coordinates() {
    let acled = root().join("../shared/data/acled-mali-hdx/conflict_data_mli.csv");
    if !acled.exists() {
        eprintln!("skipped: {} is not here (CI has it)", acled.display());
        return;
    }
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(&acled)
        .expect("csv");
    let h = r.headers().expect("header").clone();
    let col = |n: &str| h.iter().position(|x| x == n).expect("column");
    let (id, notes, lat, lon) = (
        col("event_id_cnty"),
        col("notes"),
        col("latitude"),
        col("longitude"),
    );
    let (mut ids, mut note_texts, mut coords) = (Vec::new(), Vec::new(), Vec::new());
    for rec in r.records().flatten().skip(1) {
        ids.push(rec[id].to_string());
        if rec[notes].len() > 25 {
            note_texts.push(rec[notes][..25].to_string());
        }
        for c in [&rec[lat], &rec[lon]] {
            // Coordinates precise enough to place a village (not "2.0000").
            if c.split('.')
                .nth(1)
                .is_some_and(|d| d.len() >= 3 && !d.ends_with("00"))
            {
                coords.push(c.to_string());
            }
        }
    }
    assert!(ids.len() > 1000 && coords.len() > 1000);
    let dir = tempfile::tempdir().expect("tempdir");
    for format in ["docx", "html", "md", "xlsx", "csv"] {
        let out = dir.path().join(format!("mali.{format}"));
        let (ok, _, err) = export_with("--data", &acled, format, "un-partners", &out, &[]);
        assert!(ok, "{format}: {err}");
        let text = visible_text(&out);
        assert!(
            text.contains("Armed Conflict Location & Event Data (ACLED); www.acleddata.com"),
            "{format}: ACLED attribution"
        );
        for i in &ids {
            assert!(!text.contains(i.as_str()), "{format}: event id {i}");
        }
        for n in &note_texts {
            assert!(!text.contains(n.as_str()), "{format}: note {n}");
        }
        for c in &coords {
            assert!(!text.contains(c.as_str()), "{format}: coordinate {c}");
        }
    }
    // The ACLED file itself is untouched and was not overwritten.
    let (ok, _, err) = export_with("--data", &acled, "md", "internal", &acled, &[]);
    assert!(
        !ok && err.contains("refusing to write over a source file"),
        "{err}"
    );
}

#[test]
fn ucdp_annex_carries_its_attribution_in_every_format() {
    let (dir, ron) = darfur_copy();
    for format in ["docx", "html", "md", "xlsx", "csv"] {
        let out = dir.path().join(format!("a.{format}"));
        let (ok, _, err) = export_with("--assessment", &ron, format, "host-government", &out, &[]);
        assert!(ok, "{err}");
        let t = visible_text(&out);
        assert!(
            t.contains("CC BY 4.0") && t.contains("Sundberg"),
            "{format}"
        );
        assert!(
            t.contains("SHARED WITH THE HOST GOVERNMENT"),
            "{format}: classification line"
        );
    }
}

#[test]
fn exports_are_recorded_in_the_assessment_with_their_hash() {
    let (dir, ron) = darfur_copy();
    let out = dir.path().join("annex.html");
    let (ok, stdout, err) = export_with(
        "--assessment",
        &ron,
        "html",
        "un-partners",
        &out,
        &[
            "--recipient",
            "UNCT Sudan",
            "--recipient",
            "OHCHR",
            "--date",
            "2026-01-15",
        ],
    );
    assert!(ok, "{err}");
    assert!(stdout.contains("recorded in"));
    let a = load(&ron).expect("still loads");
    let rec = a.exports.last().expect("a record");
    assert_eq!(rec.level, SharingLevel::UnPartners);
    assert_eq!(rec.date, date("2026-01-15"));
    assert_eq!(
        rec.recipients,
        vec!["UNCT Sudan".to_string(), "OHCHR".to_string()]
    );
    assert_eq!(rec.format, "html");
    let sha = poc_workbench::assessment::review::sha256_file(&out).expect("hash");
    assert_eq!(rec.sha256, sha);
    // Writing over the dataset or the assessment is refused; both stay whole.
    let before = std::fs::read(dir.path().join("ucdp-ged-sudan.csv")).expect("read");
    for target in ["ucdp-ged-sudan.csv", "darfur-transition.ron"] {
        let p = dir.path().join(target);
        let (ok, _, err) = export_with("--assessment", &ron, "md", "internal", &p, &[]);
        assert!(!ok && err.contains("refusing"), "{target}: {err}");
    }
    assert_eq!(
        before,
        std::fs::read(dir.path().join("ucdp-ged-sudan.csv")).expect("read")
    );
    assert!(load(&ron).is_ok());
}

#[test]
fn formulas_are_escaped_and_numbers_untouched_in_csv_and_xlsx() {
    let (dir, ron) = darfur_copy();
    let mut a = load(&ron).expect("loads");
    a.register[0].mitigation = "=HYPERLINK(\"http://x\")".into();
    a.register[1].mitigation = "@SUM(A1)".into();
    a.register[2].mitigation = "-2+3".into();
    a.footprint[0].longitude = -12.5;
    poc_workbench::assessment::file::save(&ron, &a).expect("save");
    let csv_dir = dir.path().join("csv");
    let xlsx = dir.path().join("a.xlsx");
    for (format, out) in [("csv", &csv_dir), ("xlsx", &xlsx)] {
        let (ok, _, err) = export_with("--assessment", &ron, format, "internal", out, &[]);
        assert!(ok, "{err}");
    }
    let handover = std::fs::read_to_string(csv_dir.join("mitigation.csv")).expect("mitigation");
    assert!(
        handover.contains("\"'=HYPERLINK(\"\"http://x\"\")\""),
        "{handover}"
    );
    assert!(
        handover.contains("'@SUM(A1)") && handover.contains("'-2+3"),
        "{handover}"
    );
    let footprint = std::fs::read_to_string(csv_dir.join("footprint.csv")).expect("footprint");
    assert!(
        footprint.contains(",-12.5000"),
        "negative longitude untouched: {footprint}"
    );
    assert!(!footprint.contains("'-12.5"), "{footprint}");
    let parts = unzip(&xlsx);
    let all: String = parts
        .iter()
        .filter(|(k, _)| k.starts_with("xl/worksheets/"))
        .map(|(_, v)| String::from_utf8_lossy(v).to_string())
        .collect();
    assert!(!all.contains("<f>"), "no formulas in the workbook");
    assert!(String::from_utf8_lossy(&parts["xl/styles.xml"]).contains("quotePrefix=\"1\""));
    assert!(all.contains("<v>-12.5</v>"), "the longitude is a number");
}

#[test]
fn a_data_annex_has_only_the_data_sections() {
    let csv = root().join("sample-data/ucdp-ged-sudan.csv");
    let (ws, errors) = poc_workbench::cli::load_all(&[csv], None).expect("loads");
    assert!(errors.is_empty());
    let opts = AnnexOptions {
        level: SharingLevel::Public,
        k: 5,
        sections: Default::default(),
        recipients: vec![],
        generated: date("2026-01-15"),
        from: None,
        to: None,
        verified_only: false,
        country: None,
        lang: poc_workbench::i18n::Lang::En,
        changes: None,
    };
    let annex = build(None, &ws, &opts);
    let ids: Vec<&str> = annex.sections.iter().map(|s| s.id).collect();
    assert_eq!(ids, ["scope", "threats", "effects", "method"]);
    let numbers: Vec<usize> = annex.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    // The whole file, as `summarize` with no dates.
    let t = annex.table("threat-matrix").expect("matrix");
    let grand = t.rows.last().and_then(|r| r.last()).expect("grand total");
    assert_eq!(grand.display(), "2,055");
}

/// Starts `export-loop` (two versions of the annex in turn, to `out`), waits
/// until it says it is writing, and SIGKILLs it `micros` later.
fn export_and_kill(ron: &Path, out: &Path, format: &str, micros: u64) {
    let mut child = bin()
        .args(["export-loop", "--format", format])
        .arg(ron)
        .arg(out)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout"));
    std::io::BufRead::read_line(&mut stdout, &mut line).expect("ready line");
    assert_eq!(line.trim(), "ready");
    std::thread::sleep(std::time::Duration::from_micros(micros));
    child.kill().expect("SIGKILL");
    child.wait().expect("the killed child is reaped");
}

/// A child process exports the annex in a loop (two versions in turn) and is
/// killed with SIGKILL at random moments, 200 times: the file is always one
/// whole version, byte for byte. (Markdown, to keep the test quick: every
/// format goes through the same atomic write, `write_rendered`.)
#[test]
fn sigkill_during_annex_export_never_leaves_half_a_file() {
    let (dir, ron) = darfur_copy();
    let a = load(&ron).expect("loads");
    let (ws, _) = open_datasets(&a, &ron);
    let versions: Vec<Vec<u8>> = [SharingLevel::Internal, SharingLevel::Public]
        .into_iter()
        .map(|level| {
            let mut o = AnnexOptions::for_assessment(&a, date("2026-01-15"));
            o.level = level;
            markdown::write(&build(Some(&a), &ws, &o)).into_bytes()
        })
        .collect();
    assert_ne!(versions[0], versions[1]);
    let out = dir.path().join("annex.md");
    let mut rng = Lcg(99);
    let mut seen = std::collections::BTreeSet::new();
    for round in 0..200 {
        export_and_kill(&ron, &out, "md", rng.below(20_000));
        if !out.exists() {
            // Killed before the very first write finished: there was no old file.
            assert!(seen.is_empty(), "round {round}: the annex vanished");
            continue;
        }
        let bytes = std::fs::read(&out).unwrap_or_else(|e| panic!("round {round}: {e}"));
        let which = versions.iter().position(|v| *v == bytes);
        assert!(
            which.is_some(),
            "round {round}: a partial or foreign file of {} bytes",
            bytes.len()
        );
        seen.insert(which);
    }
    assert_eq!(seen.len(), 2, "both versions were seen on disk");
    // No temporary files are left behind as the annex.
    let names: Vec<String> = names_in(dir.path())
        .into_iter()
        .filter(|n| n.starts_with("annex"))
        .collect();
    assert_eq!(names, ["annex.md"]);
}

/// The CSV annex is a folder: killed at random moments while exporting two
/// versions in turn, 100 times, the folder is always one whole version —
/// its checksum list names exactly the files present and every file matches
/// it — and what a kill leaves beside it is cleared by the next export.
#[test]
fn sigkill_during_csv_folder_export_never_leaves_a_mix() {
    use sha2::Digest;
    let (dir, ron) = darfur_copy();
    let out = dir.path().join("annex-csv");
    let mut rng = Lcg(7);
    let mut seen = std::collections::BTreeSet::new();
    for round in 0..100 {
        export_and_kill(&ron, &out, "csv", rng.below(30_000));
        if !out.exists() {
            assert!(seen.is_empty(), "round {round}: the folder vanished");
            continue;
        }
        let sums = std::fs::read_to_string(out.join("SHA256SUMS"))
            .unwrap_or_else(|e| panic!("round {round}: no checksum list: {e}"));
        let mut listed: Vec<String> = Vec::new();
        for l in sums.lines() {
            let (hash, name) = l.split_once("  ").expect("sum line");
            let bytes = std::fs::read(out.join(name))
                .unwrap_or_else(|e| panic!("round {round}: {name}: {e}"));
            let got: String = sha2::Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(got, hash, "round {round}: {name} is from another version");
            listed.push(name.to_string());
        }
        // The checksum list and the workbench's marker are the folder's
        // own bookkeeping; every other file is listed.
        let present: Vec<String> = names_in(&out)
            .into_iter()
            .filter(|n| n != "SHA256SUMS" && n != poc_workbench::annex::folder::MARKER)
            .collect();
        assert!(
            out.join(poc_workbench::annex::folder::MARKER).exists(),
            "round {round}: the marker is there"
        );
        listed.sort();
        assert_eq!(present, listed, "round {round}: files not in the list");
        seen.insert(sums);
    }
    assert_eq!(seen.len(), 2, "both versions were seen on disk");
    // One more export clears what the kills left beside the folder.
    let (ok, _, err) = export_with("--assessment", &ron, "csv", "internal", &out, &[]);
    assert!(ok, "{err}");
    let beside: Vec<String> = names_in(dir.path())
        .into_iter()
        .filter(|n| n.contains("annex-csv"))
        .collect();
    assert_eq!(beside, ["annex-csv"]);
}

/// Issue #16 (data loss, 9): `--out` never writes over the assessment's
/// backup (which the save recording the export rewrites) nor over the
/// column mapping the data were read through.
#[test]
fn an_export_never_writes_over_the_backup_or_the_mapping() {
    let (dir, ron) = darfur_copy();
    let bak = dir.path().join("darfur-transition.ron.bak");
    std::fs::write(&bak, "the analyst's backup").expect("write");
    let (ok, _, err) = export_with("--assessment", &ron, "md", "internal", &bak, &[]);
    assert!(!ok && err.contains("refusing"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&bak).expect("read"),
        "the analyst's backup"
    );
    let mapping = dir.path().join("m.ron");
    std::fs::write(
        &mapping,
        "(date: \"date_start\", admin1: Some(\"adm_1\"))\n",
    )
    .expect("write");
    let before = std::fs::read(&mapping).expect("read");
    let data = dir.path().join("ucdp-ged-sudan.csv");
    let (ok, _, err) = export(&[
        "--data",
        data.to_str().expect("utf8"),
        "--mapping",
        mapping.to_str().expect("utf8"),
        "--format",
        "md",
        "--sharing",
        "internal",
        "--out",
        mapping.to_str().expect("utf8"),
    ]);
    assert!(!ok && err.contains("refusing"), "{err}");
    assert_eq!(std::fs::read(&mapping).expect("read"), before);
}

/// Issue #15 (4): a kind of harm no loaded source can record is printed
/// "not recorded", never 0: UCDP GED records killings only; an ACLED file
/// with sub-event types records sexual violence (its 0 is a real 0).
#[test]
fn a_kind_of_harm_no_source_records_is_not_printed_as_zero() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("ucdp.md");
    let data = root().join("sample-data/ucdp-ged-sudan.csv");
    let (ok, _, err) = export_with("--data", &data, "md", "internal", &out, &[]);
    assert!(ok, "{err}");
    let md = std::fs::read_to_string(&out).expect("read");
    assert!(
        md.contains("| Sexual violence | not recorded | not recorded |"),
        "UCDP"
    );
    assert!(!md.contains("| Sexual violence | 0 |"));
    let acled = dir.path().join("acled.csv");
    std::fs::write(
        &acled,
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,inter1,actor2,inter2,civilian_targeting,country,admin1,fatalities\n\
         T1,2020-01-10,Violence against civilians,Attack,Army,State forces,Civilians,Civilians,Civilians targeted,Testland,North,2\n",
    )
    .expect("write");
    let out = dir.path().join("acled.md");
    let (ok, _, err) = export_with("--data", &acled, "md", "internal", &out, &[]);
    assert!(ok, "{err}");
    let md = std::fs::read_to_string(&out).expect("read");
    assert!(
        md.contains("| Sexual violence | 0 | 0 |"),
        "ACLED records it"
    );
    assert!(!md.contains("not recorded |"));
}

/// Issue #16 (5): an annex of many regions is written (the heat map's
/// buffer overflowed and panicked the chart backend); past 150 regions the
/// heat map is left out with a sentence saying so, the tables keep every
/// region.
#[test]
fn an_annex_of_many_regions_is_written_without_its_heat_map() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("many.csv");
    let mut text = String::from(
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,inter1,actor2,inter2,civilian_targeting,country,admin1,fatalities\n",
    );
    for i in 0..400 {
        text.push_str(&format!(
            "R{i},2020-01-10,Violence against civilians,Attack,Army,State forces,Civilians,Civilians,Civilians targeted,Testland,Region {i:03},1\n"
        ));
    }
    std::fs::write(&data, text).expect("write");
    let out = dir.path().join("many.docx");
    let (ok, _, err) = export_with("--data", &data, "docx", "internal", &out, &[]);
    assert!(ok, "{err}");
    let md_out = dir.path().join("many.md");
    let (ok, _, err) = export_with("--data", &data, "md", "internal", &md_out, &[]);
    assert!(ok, "{err}");
    let md = std::fs::read_to_string(&md_out).expect("read");
    assert!(
        md.contains("The heat map is left out: 400 regions"),
        "noted"
    );
    assert!(md.contains("| Region 399 |"), "the table has every region");
}

/// METHODOLOGY §6: above internal no source file is named, not even in the
/// coverage notes of the trend tables (found by a new-analyst trial); at
/// internal the file and its dates are named.
#[test]
fn coverage_notes_name_no_file_above_internal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("secret-field-office-log.csv");
    let mut text = String::from(
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,inter1,actor2,inter2,civilian_targeting,country,admin1,fatalities\n",
    );
    for i in 0..30 {
        text.push_str(&format!(
            "S{i},2019-{:02}-10,Violence against civilians,Attack,Army,State forces,Civilians,Civilians,Civilians targeted,Testland,North,1\n",
            1 + i % 12
        ));
    }
    std::fs::write(&data, text).expect("write");
    for (level, named) in [("public", false), ("internal", true)] {
        let out = dir.path().join(format!("{level}.md"));
        let (ok, _, err) = export_with("--data", &data, "md", level, &out, &["--to", "2020-12-31"]);
        assert!(ok, "{err}");
        let md = std::fs::read_to_string(&out).expect("read");
        assert!(md.contains("∅ no data in"), "{level}: a coverage note");
        assert_eq!(md.contains("secret-field-office-log"), named, "{level}");
    }
}
