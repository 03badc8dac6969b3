//! The process's peak memory, as Linux counts it (`VmHWM`), so that a build
//! can report what reading content takes apart from making pages and the
//! search index. Elsewhere every figure is `None`.

/// Peak resident memory since the start or the last [`reset_peak`], in bytes.
pub fn peak() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kilobytes: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    Some(kilobytes * 1024)
}

/// Starts counting the peak again from the current resident memory.
pub fn reset_peak() {
    // "5" resets the peak resident set size (proc(5), clear_refs).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_a_peak_and_resets_it() {
        let Some(before) = peak() else {
            return; // Not Linux: nothing to measure.
        };
        let block = vec![1u8; 64 << 20];
        std::hint::black_box(&block);
        let during = peak().unwrap();
        assert!(during >= before.max(64 << 20), "{during} < 64 MB");
        drop(block);
        reset_peak();
        let after = peak().unwrap();
        assert!(after < during, "the peak was reset: {after} vs {during}");
    }
}
