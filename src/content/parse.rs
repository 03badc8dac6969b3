//! Reading one content file into typed data, turning every problem found
//! into a diagnostic that points at its line and column.

use super::fields::{Reader, Report};
use super::front_matter::split;
use super::text::read_text;
use super::walk::ContentFile;
use super::yaml::parse;
use crate::diagnostic::{Diagnostic, Location, Problem, Severity};

/// The most problems shown for one file. Past a hundred the rest are
/// counted, not listed: nobody reads them, and placing each one costs a
/// pass over the file.
pub const MAX_PROBLEMS_PER_FILE: usize = 100;

/// The Markdown body of a `.md` file, with where it starts.
#[derive(Debug, Clone, Copy)]
pub struct Body<'a> {
    /// The body text, if any.
    pub text: Option<&'a str>,
    /// The whole file, to show lines of the body.
    pub file_text: &'a str,
    /// Lines of the file before the body.
    pub line_offset: usize,
}

impl Body<'_> {
    /// Where the byte range `start..end` of the body is in the file.
    pub fn locate(&self, start: usize, end: usize) -> Option<Location> {
        let body = self.text?;
        let before = body.get(..start)?;
        let line = self.line_offset + before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        let length = body
            .get(start..end)
            .map_or(1, |s| s.lines().next().unwrap_or("").chars().count());
        Some(Location::in_text(self.file_text, line, column, length))
    }
}

/// Reads `file` and hands its fields and body to `read`, which records
/// problems in the report. Returns what `read` made and every diagnostic.
pub fn read_content_file<T>(
    file: &ContentFile,
    read: impl FnOnce(&Reader<'_>, Body<'_>, &mut Report) -> Option<T>,
) -> (Option<T>, Vec<Diagnostic>) {
    match read_text(&file.path, &file.display) {
        Ok(text) => parse_content(&text, &file.display, file.markdown, read),
        Err(diagnostic) => (None, vec![*diagnostic]),
    }
}

/// Parses the text of a content file shown as `display` and hands its
/// fields and body to `read`, like [`read_content_file`] without the disk.
pub fn parse_content<T>(
    text: &str,
    display: &std::path::Path,
    markdown: bool,
    read: impl FnOnce(&Reader<'_>, Body<'_>, &mut Report) -> Option<T>,
) -> (Option<T>, Vec<Diagnostic>) {
    let document = match split(text, markdown) {
        Ok(document) => document,
        Err((problem, line)) => {
            let location = Location::in_text(text, line, 1, 3);
            return (
                None,
                vec![Diagnostic::error(display, Some(location), problem)],
            );
        }
    };
    let fields = match parse(text, document.yaml, document.yaml_line_offset) {
        Ok(fields) => fields,
        Err((problem, position)) => {
            let location = position.map(|(line, column)| Location::in_text(text, line, column, 1));
            return (None, vec![Diagnostic::error(display, location, problem)]);
        }
    };
    let body = Body {
        text: document.body,
        file_text: text,
        line_offset: document.body_line_offset,
    };
    let mut report = Report::default();
    let value = read(&Reader::root(&fields), body, &mut report);
    let failed = report.has_errors();
    let found = report.problems.len() + report.located.len();
    let mut diagnostics: Vec<Diagnostic> = report
        .problems
        .into_iter()
        .take(MAX_PROBLEMS_PER_FILE)
        .map(|(severity, problem, pointer)| Diagnostic {
            severity,
            file: display.to_path_buf(),
            location: pointer.and_then(|p| fields.locate(&p)),
            problem,
        })
        .collect();
    diagnostics.extend(
        report
            .located
            .into_iter()
            .take(MAX_PROBLEMS_PER_FILE.saturating_sub(diagnostics.len()))
            .map(|(severity, problem, location)| Diagnostic {
                severity,
                file: display.to_path_buf(),
                location: Some(location),
                problem,
            }),
    );
    if found > diagnostics.len() {
        diagnostics.push(Diagnostic {
            severity: Severity::Error,
            file: display.to_path_buf(),
            location: None,
            problem: Problem::MoreProblems {
                count: found - diagnostics.len(),
            },
        });
    }
    (if failed { None } else { value }, diagnostics)
}
