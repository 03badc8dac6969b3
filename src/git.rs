//! Asking git about the site's repository, for what changes with commits
//! (when a page last changed, which commit a build is of).

use std::path::Path;
use std::process::{Command, Stdio};

/// The output of `git ARGS` run in `root`; `None` when git is missing, the
/// folder is not in a repository, or the command fails: callers fall back
/// to what they know without git.
pub fn git(root: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "core.quotepath=off"])
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}
