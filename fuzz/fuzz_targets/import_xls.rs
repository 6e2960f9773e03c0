//! Any bytes as a legacy Excel (`.xls`, OLE compound file) workbook, read
//! in this process (the program reads them in a guarded child; here a
//! panic is a finding), then through a column mapping.
#![no_main]
use libfuzzer_sys::fuzz_target;
use poc_workbench::import::{ColumnMapping, ImportOptions};

#[path = "common.rs"]
mod common;

/// An OLE compound file starts with these bytes; inputs are made to, so
/// that every run reaches the `.xls` reader.
const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fuzz_target!(|data: &[u8]| {
    static OPTIONS: std::sync::OnceLock<ImportOptions> = std::sync::OnceLock::new();
    let options = OPTIONS.get_or_init(common::mapped_options);
    common::quiet_caught_panics();
    let mut bytes = data.to_vec();
    if !bytes.starts_with(&OLE) {
        bytes.splice(0..0, OLE);
    }
    common::import_bytes(&bytes, "xls", options);
});
