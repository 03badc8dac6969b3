//! `ocop check`: everything a build checks, without writing a site.
//!
//! It runs the same stages as a build up to rendering: content, reference
//! data, Markdown links and images, the theme (templates compiled), and
//! every photo decoded (through the photo cache, so a later build reuses
//! the work). Problems come back together, sorted by file and line, to be
//! printed for people ([`crate::diagnostic::render_human`]), for GitHub
//! pull requests or for other tools ([`format`]).

pub mod format;

pub use format::{Format, render_github, render_json};

use crate::cancel::Cancel;
use crate::diagnostic::Diagnostics;
use crate::model::Date;
use crate::pipeline::{BuildError, BuildOptions, Pipeline};
use std::path::PathBuf;

/// What to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The site folder (holding `content/`).
    pub root: PathBuf,
    /// Where processed photos are kept; `root/.ocop-cache` by default.
    pub cache_dir: Option<PathBuf>,
    /// The day certificates are checked against; today by default.
    pub today: Option<Date>,
}

impl CheckOptions {
    /// Checks the site at `root`.
    pub fn new(root: impl Into<PathBuf>) -> CheckOptions {
        CheckOptions {
            root: root.into(),
            cache_dir: None,
            today: None,
        }
    }
}

/// Checks the site. Returns every problem found, errors and warnings,
/// sorted by file and line; `Err` only for failures that are not problems
/// of the content (an unusable photo cache, a theme that does not compile,
/// an interruption).
pub fn check(options: &CheckOptions, cancel: &Cancel) -> Result<Diagnostics, BuildError> {
    let build = BuildOptions {
        cache_dir: options.cache_dir.clone(),
        today: options.today,
        ..BuildOptions::new(&options.root)
    };
    Pipeline::new(build).check(cancel)
}

/// The exit status for a check that found `diagnostics`: 0 when clean or
/// with warnings only, 1 with errors, or with warnings when `strict`.
pub fn exit_status(diagnostics: &Diagnostics, strict: bool) -> u8 {
    let (errors, warnings) = diagnostics.counts();
    if errors > 0 || (strict && warnings > 0) {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Problem};

    #[test]
    fn warnings_fail_only_when_strict() {
        let mut diagnostics = Diagnostics::new();
        assert_eq!(exit_status(&diagnostics, true), 0);
        diagnostics.push(Diagnostic::warning("a.yaml", None, Problem::NoPhotos));
        assert_eq!(exit_status(&diagnostics, false), 0);
        assert_eq!(exit_status(&diagnostics, true), 1);
        diagnostics.push(Diagnostic::error("a.yaml", None, Problem::NotUtf8));
        assert_eq!(exit_status(&diagnostics, false), 1);
    }
}
