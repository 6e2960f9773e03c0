//! Helpers shared by several integration tests.

/// A tiny deterministic generator (no extra dependency).
#[allow(dead_code)] // not every test file that shares this module generates data
pub struct Lcg(pub u64);

#[allow(dead_code)]
impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The names of the entries of a folder, sorted.
#[allow(dead_code)] // not every test file that shares this module lists folders
pub fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("readable folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A file of ../shared/data (or $POC_SHARED_DATA), or `None` with a note
/// when it is not present: CI has the data, a fresh machine may not.
#[allow(dead_code)] // not every test file that shares this module reads shared data
pub fn shared(rel: &str) -> Option<std::path::PathBuf> {
    let base = std::env::var_os("POC_SHARED_DATA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    let p = base.join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} is not present", p.display());
        None
    }
}

/// The annex of `ws` (and `a`) at `level`, as Markdown, generated on a
/// fixed day with k = 5.
#[allow(dead_code)] // used by the tests that read annex text
pub fn annex_markdown(
    a: Option<&poc_workbench::assessment::Assessment>,
    ws: &poc_workbench::analysis::Workspace,
    level: poc_workbench::assessment::SharingLevel,
) -> String {
    use poc_workbench::annex::{AnnexOptions, build, markdown};
    markdown::write(&build(
        a,
        ws,
        &AnnexOptions {
            level,
            k: 5,
            sections: Default::default(),
            recipients: vec![],
            generated: chrono::NaiveDate::from_ymd_opt(2026, 1, 15).expect("a date"),
            from: None,
            to: None,
            verified_only: false,
            country: None,
            lang: poc_workbench::i18n::Lang::En,
            changes: None,
        },
    ))
}
