// Shared by the import targets: the importer reads paths, so each input is
// written to a per-process file in /dev/shm (memory) and imported from there.
use poc_workbench::import::{ColumnMapping, ImportOptions, Progress, import_file};

/// The workbook readers (calamine) panic on some damaged files; the
/// workbench turns such a panic into an error naming the file (in a child
/// process, or under `catch_unwind` here). libfuzzer-sys's panic hook would
/// abort on the caught panic, so the hook is made silent: a panic that is
/// not caught still ends the target and is reported as a crash.
#[allow(dead_code)]
pub fn quiet_caught_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| std::panic::set_hook(Box::new(|_| {})));
}

pub fn import_bytes(data: &[u8], ext: &str, options: &ImportOptions) {
    let dir = if std::path::Path::new("/dev/shm").is_dir() {
        std::path::PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let path = dir.join(format!("poc-fuzz-{}.{ext}", std::process::id()));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    if let Ok(d) = import_file(&path, options, &Progress::default()) {
        // Every kept row is accounted for, and the matrix can be computed.
        assert!(d.report.balances(), "rows read != kept + rejected");
        assert_eq!(d.report.kept as usize, d.incidents.len());
        let ws = poc_workbench::analysis::Workspace::new(vec![d]);
        let _ = poc_workbench::analysis::ThreatMatrix::compute(&ws, &Default::default(), None);
    }
}

/// A column mapping, so that sheets which open go all the way through the
/// mapped importer.
#[allow(dead_code)]
pub fn mapped_options() -> ImportOptions {
    ImportOptions {
        mapping: ron::from_str::<ColumnMapping>(
            r#"(date: "Incident date", admin1: Some("State"), perpetrator: Some("Perpetrator"), fatalities: Some("Killed"), perpetrator_values: {"Army": state_forces})"#,
        )
        .ok(),
    }
}
