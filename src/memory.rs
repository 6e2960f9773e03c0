//! This process's peak memory, as the kernel counts it (Linux: `VmHWM` in
//! `/proc/self/status`): for `bench`, for the workbook reader's report to
//! its parent, and for the tests that hold a load to a memory bound.

/// Peak resident memory in KB; `None` where the kernel does not say.
pub fn peak_rss_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets the peak where the kernel allows it; elsewhere the peak includes
/// what came before.
pub fn reset_peak_rss() {
    std::fs::write("/proc/self/clear_refs", "5").ok();
}
