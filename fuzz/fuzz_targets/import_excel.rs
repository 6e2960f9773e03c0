//! Any bytes as a workbook (XLSX, XLS, ODS), read through a column mapping so
//! that sheets which open go all the way through the mapped importer.
#![no_main]
use libfuzzer_sys::fuzz_target;
use poc_workbench::import::{ColumnMapping, ImportOptions};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    static OPTIONS: std::sync::OnceLock<ImportOptions> = std::sync::OnceLock::new();
    let options = OPTIONS.get_or_init(|| ImportOptions {
        mapping: ron::from_str::<ColumnMapping>(
            r#"(date: "Incident date", admin1: Some("State"), perpetrator: Some("Perpetrator"), fatalities: Some("Killed"), perpetrator_values: {"Army": state_forces})"#,
        )
        .ok(),
    });
    common::import_bytes(data, "xlsx", options);
});
