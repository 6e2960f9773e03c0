//! Workbooks that would take the process down (issue #16, classes 1–3 and
//! 13): read as the program reads them, in the guarded child process, and
//! answered with an error naming the file, within seconds and without the
//! memory going up in this process.

use poc_workbench::import::{ImportError, ImportOptions, Progress, import_file};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn guarded() {
    poc_workbench::import::workbook::use_reader_process(PathBuf::from(env!(
        "CARGO_BIN_EXE_poc-workbench"
    )));
}

/// This process's peak resident memory, in MB.
fn peak_mb() -> u64 {
    poc_workbench::memory::peak_rss_kb().unwrap_or(0) / 1024
}

fn zip_file(path: &Path, parts: &[(&str, &[u8])]) {
    let file = std::fs::File::create(path).expect("create");
    let mut z = zip::ZipWriter::new(file);
    for (name, bytes) in parts {
        let method = if *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .large_file(bytes.len() > u32::MAX as usize / 2);
        z.start_file(*name, options).expect("start");
        z.write_all(bytes).expect("write");
    }
    z.finish().expect("finish");
}

/// An ODS whose one row of 16,000 cells is repeated `rows` times: a few
/// hundred bytes that ask the reader for rows × 16,000 cells.
fn repeated_ods(path: &Path, rows: u32) {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="Data">
<table:table-row><table:table-cell office:value-type="string"><text:p>event_date</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>admin1</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="16000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip_file(
        path,
        &[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("META-INF/manifest.xml", manifest.as_bytes()),
            ("content.xml", content.as_bytes()),
        ],
    );
}

/// Class 3: an 800-byte ODS that makes the reader ask for 96 million cells
/// (3 GB). In this process it would abort the program (and the window with
/// it); the child dies at its 2 GB limit and the analyst reads why.
#[test]
fn a_workbook_that_exhausts_the_readers_memory_is_an_error_naming_the_file() {
    guarded();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("repeated.ods");
    repeated_ods(&path, 6_000);
    assert!(std::fs::metadata(&path).expect("meta").len() < 2_000);
    let started = Instant::now();
    let err =
        import_file(&path, &ImportOptions::default(), &Progress::default()).expect_err("refused");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert!(matches!(err, ImportError::Workbook { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("repeated.ods"), "{text}");
    assert!(text.contains("more than its 2 GB of memory"), "{text}");
    assert!(peak_mb() < 1_000, "this process peaked at {} MB", peak_mb());
    // Asking for more cells than the reader allows at all is refused by
    // the reader itself, with its reason.
    repeated_ods(&path, 1_000_000);
    let err =
        import_file(&path, &ImportOptions::default(), &Progress::default()).expect_err("refused");
    assert!(err.to_string().contains("Cell limit exceeded"), "{err}");
}

/// Class 3: a sheet part that would inflate 1,000 times (100 MB of
/// whitespace in 100 KB) is refused before it is inflated.
#[test]
fn a_decompression_bomb_is_refused_before_it_is_inflated() {
    guarded();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bomb.xlsx");
    let mut sheet = Vec::with_capacity(100 << 20);
    sheet.extend_from_slice(b"<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
    sheet.resize(100 << 20, b' ');
    sheet.extend_from_slice(b"</sheetData></worksheet>");
    zip_file(&path, &[("xl/worksheets/sheet1.xml", &sheet)]);
    drop(sheet);
    assert!(std::fs::metadata(&path).expect("meta").len() < 1 << 20);
    let started = Instant::now();
    let err =
        import_file(&path, &ImportOptions::default(), &Progress::default()).expect_err("refused");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    let text = err.to_string();
    assert!(text.contains("bomb.xlsx"), "{text}");
    assert!(text.contains("decompression bomb"), "{text}");
    assert!(text.contains("xl/worksheets/sheet1.xml"), "{text}");
}

/// Class 3: one 1 MB shared string used in 2,000 cells (a 13 KB file) is
/// read row by row: no 2 GB of copies, and the report quotes it short.
#[test]
fn a_long_shared_string_used_thousands_of_times_costs_one_row() {
    guarded();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("long.xlsx");
    let long = "x".repeat(1 << 20);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["Date", "Province", "Perpetrator"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    // rust_xlsxwriter caps strings at 32,767 characters, as Excel does; the
    // long one goes in through the shared-string table below.
    for r in 1..=2_000u32 {
        ws.write_string(r, 0, "not a date").expect("write");
        ws.write_string(r, 1, "North").expect("write");
        ws.write_string(r, 2, "Army").expect("write");
    }
    wb.save(&path).expect("save");
    let bytes = std::fs::read(&path).expect("read");
    let patched = replace_shared_string(&bytes, "not a date", &long);
    std::fs::write(&path, patched).expect("write");
    let mapping = poc_workbench::import::ColumnMapping {
        date: "Date".into(),
        admin1: Some("Province".into()),
        perpetrator: Some("Perpetrator".into()),
        ..Default::default()
    };
    let before = peak_mb();
    let d = import_file(
        &path,
        &ImportOptions {
            mapping: Some(mapping),
        },
        &Progress::default(),
    )
    .expect("reads");
    assert_eq!(d.report.rows_read, 2_000);
    assert_eq!(d.report.rejected, 2_000, "no date in any row");
    assert!(d.report.balances());
    assert!(
        d.report
            .notes
            .iter()
            .any(|n| n.contains("2000 cells held more text than a spreadsheet cell can")),
        "{:?}",
        d.report.notes
    );
    let longest = d
        .report
        .issues
        .iter()
        .map(|i| i.message.en().len())
        .max()
        .unwrap_or(0);
    assert!(longest < 400, "a message of {longest} bytes");
    assert!(
        peak_mb() < before + 300,
        "{} MB before, {} MB after",
        before,
        peak_mb()
    );
}

/// Rewrites a workbook's shared string `from` as `to` (the zip rebuilt).
fn replace_shared_string(xlsx: &[u8], from: &str, to: &str) -> Vec<u8> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("zip");
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("part");
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut b).expect("read part");
        let name = f.name().expect("name").to_string();
        if name == "xl/sharedStrings.xml" {
            let s = String::from_utf8(b).expect("utf-8");
            b = s
                .replace(&format!(">{from}<"), &format!(">{to}<"))
                .into_bytes();
        }
        parts.push((name, b));
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("x.xlsx");
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    zip_file(&out, &refs);
    std::fs::read(&out).expect("read")
}

/// A cancelled workbook load stops the reader process at once and says
/// it was cancelled (merged regions or a long sheet can no longer keep a
/// load going after the analyst has said stop).
#[test]
fn a_cancelled_workbook_load_stops_its_reader() {
    guarded();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("long.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["Date", "Province", "Perpetrator", "Notes"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    for r in 1..=60_000u32 {
        ws.write_string(r, 0, "2021-03-01").expect("write");
        ws.write_string(r, 1, format!("Province {}", r % 40))
            .expect("write");
        ws.write_string(r, 2, "Army").expect("write");
        ws.write_string(r, 3, format!("note {r} with some words to read"))
            .expect("write");
    }
    wb.save(&path).expect("save");
    let mapping = poc_workbench::import::ColumnMapping {
        date: "Date".into(),
        admin1: Some("Province".into()),
        perpetrator: Some("Perpetrator".into()),
        ..Default::default()
    };
    let options = ImportOptions {
        mapping: Some(mapping),
    };
    // Uncancelled, the whole sheet is read.
    let whole = import_file(&path, &options, &Progress::default()).expect("reads");
    assert_eq!(whole.report.kept, 60_000);
    let progress = std::sync::Arc::new(Progress::default());
    let p = progress.clone();
    let started = Instant::now();
    let stopper = std::thread::spawn(move || {
        // Cancel once the rows have started to come.
        while p.rows.load(std::sync::atomic::Ordering::Relaxed) == 0 {
            std::thread::sleep(Duration::from_millis(2));
        }
        p.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        Instant::now()
    });
    let r = import_file(&path, &options, &progress);
    let asked = stopper.join().expect("stopper");
    assert!(
        matches!(r, Err(ImportError::Cancelled)),
        "{:?}",
        r.map(|d| d.report.kept)
    );
    assert!(
        asked.elapsed() < Duration::from_secs(2),
        "{:?}",
        asked.elapsed()
    );
    assert!(started.elapsed() < Duration::from_secs(60));
}
