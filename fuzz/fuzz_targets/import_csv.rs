//! Any bytes as a CSV/TSV file (ACLED, UCDP, HXL or unknown shape).
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::import_bytes(data, "csv", &Default::default());
});
