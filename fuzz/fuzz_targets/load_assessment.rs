//! Any bytes as an assessment file: refused with a message or loaded; a
//! loaded one saves and loads back to the same document.
#![no_main]
use libfuzzer_sys::fuzz_target;
use poc_workbench::assessment::file::{from_text, to_text};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let path = std::path::Path::new("fuzz.ron");
    if let Ok(a) = from_text(&text, path) {
        let again = from_text(&to_text(&a), path).expect("a saved assessment loads");
        assert_eq!(a, again);
    }
});
