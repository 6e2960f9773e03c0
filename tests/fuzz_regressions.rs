//! Inputs found by the fuzzers (scripts/fuzz.sh), kept as regression tests.

use poc_workbench::assessment::file::{from_text, to_text};
use std::path::Path;

/// load_assessment: a file that loads must save to text that loads back to
/// the same document. (The first find: a base radius of NaN loaded, and
/// NaN ≠ NaN; such values are now refused with a message.)
#[test]
fn assessment_found_by_fuzzing_round_trips() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).expect("tests/fuzz-regressions") {
        let p = e.expect("entry").path();
        if p.extension().is_none_or(|x| x != "ron") {
            continue;
        }
        n += 1;
        let text = String::from_utf8_lossy(&std::fs::read(&p).expect("read")).into_owned();
        let loaded = from_text(&text, &p);
        if p.to_string_lossy().contains("f976aac3") {
            // The find has two faults: a misspelled field (`radius_`, refused
            // since unknown fields are) and a NaN radius. Each is refused.
            let e = loaded.as_ref().expect_err("refused");
            assert!(e.to_string().contains("`radius_`"), "{e}");
            let example = std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/darfur-transition.ron"),
            )
            .expect("example");
            let one_fault = example.replacen("radius_km: 30.0", "radius_km: +NaN", 1);
            let e = from_text(&one_fault, &p).expect_err("a NaN radius is refused");
            assert!(e.to_string().contains("radius_km NaN"), "{e}");
        }
        if let Ok(a) = loaded {
            let saved = to_text(&a);
            let again = from_text(&saved, &p).unwrap_or_else(|e| {
                panic!("{}: saved text does not load: {e}\n{saved}", p.display())
            });
            assert_eq!(a, again, "{}", p.display());
        }
    }
    assert!(n > 0);
}

/// import_xls / import_ods: workbooks on which the reader (calamine)
/// panics. The workbench reads them in a child process and in this one
/// under `catch_unwind`: either way the analyst gets an error naming the
/// file, and the process lives. (The finds: an `.xls` whose sector table
/// is not a whole number of entries, an assertion in calamine; an `.xls`
/// of 5.7 KB that makes it ask for more than 2 GB.)
#[test]
fn workbooks_found_by_fuzzing_are_errors_naming_the_file() {
    use poc_workbench::import::workbook::{self, Request};
    use poc_workbench::import::{ImportOptions, Progress, import_file};
    workbook::use_reader_process(std::path::PathBuf::from(env!(
        "CARGO_BIN_EXE_poc-workbench"
    )));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).expect("tests/fuzz-regressions") {
        let p = e.expect("entry").path();
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if !(name.starts_with("import_xls-") || name.starts_with("import_ods-")) {
            continue;
        }
        n += 1;
        // As the program reads it: in the child.
        match import_file(&p, &ImportOptions::default(), &Progress::default()) {
            Ok(d) => assert!(d.report.balances(), "{name}"),
            Err(err) => {
                let text = err.to_string();
                assert_eq!(err.kind(), "workbook", "{name}: {text}");
                assert!(text.contains(&name), "{text}");
            }
        }
        // In this process: the panic is caught and said. (A find that
        // exhausts memory would end this process: the child is the guard.)
        if name.contains("-oom-") {
            continue;
        }
        let here = workbook::read_here(&p, &Request::default(), &|| false, &mut |_| true);
        if let Err(message) = here {
            assert!(!message.is_empty(), "{name}");
        }
    }
    assert!(n > 0, "no workbook finds in {}", dir.display());
}
