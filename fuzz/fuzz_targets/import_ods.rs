//! Any bytes as an OpenDocument spreadsheet (`.ods`), read in this process
//! (the program reads them in a guarded child; here a panic is a finding),
//! then through a column mapping.
#![no_main]
use libfuzzer_sys::fuzz_target;
use poc_workbench::import::ImportOptions;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    static OPTIONS: std::sync::OnceLock<ImportOptions> = std::sync::OnceLock::new();
    let options = OPTIONS.get_or_init(common::mapped_options);
    common::quiet_caught_panics();
    // A zip ("PK"): anything else is not read as a workbook at all.
    if data.starts_with(b"PK") {
        common::import_bytes(data, "ods", options);
    }
});
