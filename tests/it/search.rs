//! The search index as the browser runtime reads it: the example's index,
//! searched by `src/search/runtime.js` in Node (no browser), checked for
//! what it finds, its order, its filters and its counts
//! (`tests/browser/search-runtime.mjs`). What a consumer sees of it on the
//! search page is checked in Chromium by `browser::browser_search`.

use crate::common::{build, repo, text};
use std::process::Command;

#[test]
#[cfg_attr(
    ocop_missing = "node",
    ignore = "needs Node.js 20+ (see .ci/run), then `touch build.rs`"
)]
fn the_runtime_finds_ranks_filters_and_counts_on_the_example() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = dir.path().join("public");
    let cache = dir.path().join("cache");
    let built = build(
        &repo(),
        &output,
        &["--cache-dir", cache.to_str().expect("path")],
    );
    assert!(built.status.success(), "{:?}", text(&built));
    let run = Command::new("node")
        .arg(repo().join("tests/browser/search-runtime.mjs"))
        .arg(&output)
        .output()
        .expect("node runs");
    let (stdout, stderr) = text(&run);
    println!("{stdout}");
    assert!(run.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.lines().filter(|l| l.starts_with("ok")).count() >= 10,
        "{stdout}"
    );
}
