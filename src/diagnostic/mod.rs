//! Problems found in a site, as values: collected through the whole build,
//! then reported together, sorted by file and line. Only the CLI turns them
//! into text, in the reader's language.

mod code;
mod help;
mod problem;
mod render;

pub use problem::{Problem, ValueKind};
pub use render::{render_human, render_summary};

use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The site cannot be built until this is fixed.
    Error,
    /// Worth fixing; the site is built anyway.
    Warning,
}

/// Where in a file a problem is: 1-based line and column (in characters),
/// the length of the offending text, and the text of that line for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Line number, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
    /// Length of the offending text in characters (at least 1).
    pub length: usize,
    /// The whole source line, for the caret display.
    pub source_line: String,
}

impl Location {
    /// Locates `line`/`column` in `text`, copying the line for display.
    /// Parsers sometimes report a place just past the end of the text (an
    /// error at the end of a file without a final newline): such a place is
    /// moved to the end of the last line, so it always names a real line.
    pub fn in_text(text: &str, line: usize, column: usize, length: usize) -> Location {
        let lines: Vec<&str> = text.split('\n').collect();
        let mut line = line.max(1);
        let mut column = column.max(1);
        if line > lines.len() {
            line = lines.len();
            column = usize::MAX;
        }
        // The line is printed to terminals and CI logs: a control character
        // in it must not act there.
        let source_line = crate::text::visible(lines[line - 1].trim_end_matches('\r')).into_owned();
        let column = column.min(source_line.chars().count() + 1);
        Location {
            line,
            column,
            length: length.max(1),
            source_line,
        }
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root (as the producer sees it in git).
    pub file: PathBuf,
    /// Where in the file, when known.
    pub location: Option<Location>,
    /// What is wrong.
    pub problem: Problem,
}

impl Diagnostic {
    /// An error in `file`.
    pub fn error(file: impl Into<PathBuf>, location: Option<Location>, problem: Problem) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            location,
            problem,
        }
    }

    /// A warning in `file`.
    pub fn warning(file: impl Into<PathBuf>, location: Option<Location>, problem: Problem) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            file: file.into(),
            location,
            problem,
        }
    }

    fn sort_key(&self) -> (&Path, usize, usize, Severity) {
        let (line, column) = self
            .location
            .as_ref()
            .map_or((0, 0), |l| (l.line, l.column));
        (&self.file, line, column, self.severity)
    }
}

/// Every problem found so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// No problems.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Adds all problems of `other`.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// How many errors and warnings there are.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self
            .0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        (errors, self.0.len() - errors)
    }

    /// Sorts by file, line and column, so a producer reads top to bottom.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.0.dedup();
    }

    /// Whether there are no problems at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of problems.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The problems, in their current order.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// Consumes the collection.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<T: IntoIterator<Item = Diagnostic>>(iter: T) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::Location;

    #[test]
    fn places_past_the_end_move_to_the_last_line() {
        let location = Location::in_text("a: 1\nb", 3, 1, 1);
        assert_eq!((location.line, location.column), (2, 2));
        assert_eq!(location.source_line, "b");
        let location = Location::in_text("a: 1\n", 1, 40, 1);
        assert_eq!(location.column, 5);
    }
}
