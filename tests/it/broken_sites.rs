//! Broken sites: each case under `tests/sites/broken/<case>/` is laid over
//! the valid site `tests/sites/base/` (files in `content/` replace or add,
//! paths listed in `delete` are removed), built with the real binary over a
//! previous good build, and must fail exactly as its `expect` file says,
//! leaving the previous site untouched.
//!
//! `expect` lines: `exit N`, or `<error|warning> <file>[:line[:column]] <message part>`,
//! the file in double quotes when it has spaces; without a line or column the
//! place matches any line or column of that file.

use crate::common::{build, copy_tree, repo, snapshot, text};
use std::path::Path;

#[derive(Debug)]
struct Expected {
    severity: String,
    place: String,
    message: String,
}

impl Expected {
    /// A place without a column (or line) matches any column (or line) there.
    fn matches(&self, reported: &Reported) -> bool {
        let place =
            reported.place == self.place || reported.place.starts_with(&format!("{}:", self.place));
        reported.severity == self.severity && place && reported.message.contains(&self.message)
    }
}

#[derive(Debug, PartialEq)]
struct Reported {
    severity: String,
    place: String,
    message: String,
}

/// Parses the human output: a `error: message` line, then ` --> place`.
fn reported(stderr: &str) -> Vec<Reported> {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((severity, message)) = line.split_once(": ") else {
            continue;
        };
        if severity != "error" && severity != "warning" {
            continue;
        }
        let place = lines
            .get(i + 1)
            .and_then(|l| l.trim_start().strip_prefix("--> "))
            .unwrap_or("")
            .to_string();
        out.push(Reported {
            severity: severity.into(),
            place,
            message: message.into(),
        });
    }
    out
}

fn run_case(case: &Path, base: &Path, previous: &Path) -> Result<(), String> {
    let expect =
        std::fs::read_to_string(case.join("expect")).map_err(|e| format!("no expect file: {e}"))?;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_tree(&base.join("content"), &root.join("content"));
    if case.join("content").is_dir() {
        copy_tree(&case.join("content"), &root.join("content"));
    }
    if let Ok(deletions) = std::fs::read_to_string(case.join("delete")) {
        for path in deletions.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let path = root.join(path);
            if path.is_dir() {
                std::fs::remove_dir_all(&path).unwrap();
            } else {
                std::fs::remove_file(&path)
                    .map_err(|e| format!("delete {}: {e}", path.display()))?;
            }
        }
    }
    let output = root.join("public");
    copy_tree(previous, &output);
    let before = snapshot(&output);
    let result = build(&root, &output, &[]);
    let (stdout, stderr) = text(&result);
    let reported = reported(&stderr);
    let mut problems = Vec::new();
    let mut expected_exit = 1;
    let mut expected = Vec::new();
    for line in expect
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        if let Some(code) = line.strip_prefix("exit ") {
            expected_exit = code
                .trim()
                .parse()
                .map_err(|_| format!("bad exit line {line:?}"))?;
            continue;
        }
        // `severity place message`; a place with spaces is written in double quotes.
        let bad = || format!("bad expect line {line:?}");
        let (severity, rest) = line.split_once(' ').ok_or_else(bad)?;
        let (place, message) = match rest.strip_prefix('"') {
            Some(quoted) => quoted.split_once("\" ").ok_or_else(bad)?,
            None => rest.split_once(' ').ok_or_else(bad)?,
        };
        expected.push(Expected {
            severity: severity.into(),
            place: place.into(),
            message: message.into(),
        });
    }
    if result.status.code() != Some(expected_exit) {
        problems.push(format!(
            "exit {:?}, expected {expected_exit}",
            result.status.code()
        ));
    }
    for want in &expected {
        let found = reported.iter().any(|r| want.matches(r));
        if !found {
            problems.push(format!(
                "missing: {} {} {}",
                want.severity, want.place, want.message
            ));
        }
    }
    let unexpected_errors: Vec<&Reported> = reported
        .iter()
        .filter(|r| r.severity == "error")
        .filter(|r| !expected.iter().any(|w| w.matches(r)))
        .collect();
    if !unexpected_errors.is_empty() {
        problems.push(format!("unexpected errors: {unexpected_errors:?}"));
    }
    if expected_exit != 0 && snapshot(&output) != before {
        problems.push("the previous site was changed".into());
    }
    if !stderr.is_empty() && expected_exit == 1 && !stderr.contains("The site was not built") {
        problems.push("no closing summary".into());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}\n--- stdout\n{stdout}--- stderr\n{stderr}",
            problems.join("\n")
        ))
    }
}

#[test]
fn broken_sites_fail_exactly_as_expected() {
    let base = repo().join("tests/sites/base");
    let previous = tempfile::tempdir().unwrap();
    let previous_site = previous.path().join("public");
    let result = build(&base, &previous_site, &[]);
    assert!(
        result.status.success(),
        "the base site builds: {:?}",
        text(&result)
    );
    let mut cases: Vec<_> = std::fs::read_dir(repo().join("tests/sites/broken"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            run_case(case, &base, &previous_site)
                .err()
                .map(|e| format!("=== {}\n{e}", case.file_name().unwrap().to_string_lossy()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
