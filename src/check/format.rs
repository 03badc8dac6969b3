//! The machine formats of `ocop check`: GitHub workflow annotations, so a
//! pull request shows each problem on its line, and one JSON document for
//! other tools. The human format is [`crate::diagnostic::render_human`].

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::lang::Lang;
use serde::Serialize;
use std::path::Path;
use std::str::FromStr;

/// How `ocop check` prints problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// For people: the line with a caret under the offending text.
    #[default]
    Human,
    /// GitHub Actions workflow commands (`::error file=…::message`).
    Github,
    /// One JSON array, for tools.
    Json,
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "human" => Ok(Format::Human),
            "github" => Ok(Format::Github),
            "json" => Ok(Format::Json),
            other => Err(format!(
                "unknown format {other:?}; use human, github or json"
            )),
        }
    }
}

/// The file of a diagnostic as the repository names it: `prefix` (the site
/// folder relative to where the command runs) joined with the path inside
/// the site, with `/` separators.
fn repository_path(prefix: &Path, file: &Path) -> String {
    let joined = if prefix.as_os_str().is_empty() || prefix == Path::new(".") {
        file.to_path_buf()
    } else {
        prefix.join(file)
    };
    let text = joined.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}

/// Escapes the message of a workflow command, as the runner reads it. The
/// runner reads line ends as the end of a command; every other control
/// character (ESC colours the log, a direction override reorders it) is
/// written as its percent code so nothing from content acts in the log.
fn escape_data(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => escaped.push_str("%25"),
            '\r' => escaped.push_str("%0D"),
            '\n' => escaped.push_str("%0A"),
            c if crate::text::is_hidden_control(c) => {
                let mut bytes = [0; 4];
                for byte in c.encode_utf8(&mut bytes).bytes() {
                    escaped.push_str(&format!("%{byte:02X}"));
                }
            }
            c => escaped.push(c),
        }
    }
    escaped
}

/// Escapes a property value of a workflow command (`file=…,title=…`), where
/// `:` and `,` separate properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command line for a diagnostic. `prefix` is the site folder
/// relative to the repository root (empty when it is the root).
pub fn render_github(diagnostic: &Diagnostic, lang: Lang, prefix: &Path) -> String {
    let command = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = vec![format!(
        "file={}",
        escape_property(&repository_path(prefix, &diagnostic.file))
    )];
    if let Some(location) = &diagnostic.location {
        properties.push(format!("line={}", location.line));
        properties.push(format!("col={}", location.column));
        properties.push(format!("endColumn={}", location.column + location.length));
    }
    properties.push(format!(
        "title={}",
        escape_property(&format!("ocop: {}", diagnostic.problem.code()))
    ));
    let mut message = diagnostic.problem.message(lang);
    if let Some(help) = diagnostic.problem.help(lang) {
        message.push_str(&format!("\n{}: {help}", lang.pick("cách sửa", "help")));
    }
    format!(
        "::{command} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

/// One problem in the JSON format.
#[derive(Debug, Serialize)]
struct JsonDiagnostic {
    severity: &'static str,
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    end_column: Option<usize>,
    message: String,
    help: Option<String>,
    code: &'static str,
}

/// Every diagnostic as one JSON array of `{severity, file, line, column,
/// end_column, message, help, code}`; columns count characters from 1,
/// `end_column` is the first column after the offending text, and places
/// not known are `null`.
pub fn render_json(diagnostics: &Diagnostics, lang: Lang, prefix: &Path) -> String {
    let items: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            file: repository_path(prefix, &d.file),
            line: d.location.as_ref().map(|l| l.line),
            column: d.location.as_ref().map(|l| l.column),
            end_column: d.location.as_ref().map(|l| l.column + l.length),
            message: d.problem.message(lang),
            help: d.problem.help(lang),
            code: d.problem.code(),
        })
        .collect();
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Location, Problem};

    fn diagnostic() -> Diagnostic {
        Diagnostic::error(
            "content/producers/a/producer.yaml",
            Some(Location::in_text(
                "name: A\nprovince: Soc Trang x\n",
                2,
                11,
                11,
            )),
            Problem::UnknownProvince {
                found: "Soc Trang x".into(),
                suggestions: vec!["Sóc Trăng".into()],
            },
        )
    }

    #[test]
    fn github_annotations_escape_what_the_runner_reads() {
        let line = render_github(&diagnostic(), Lang::En, Path::new(""));
        assert!(
            line.starts_with(
                "::error file=content/producers/a/producer.yaml,line=2,col=11,endColumn=22,title=ocop%3A unknown-province::"
            ),
            "{line}"
        );
        assert!(line.contains("%0Ahelp: did you mean"), "{line}");
        assert!(!line.contains('\n'));
        assert_eq!(escape_data("100% a\r\nb"), "100%25 a%0D%0Ab");
        assert_eq!(escape_data("a\u{1b}[31m\u{202e}"), "a%1B[31m%E2%80%AE");
        assert_eq!(escape_property("x\n::error::y"), "x%0A%3A%3Aerror%3A%3Ay");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
        let nested = render_github(&diagnostic(), Lang::En, Path::new("./site"));
        assert!(nested.contains("file=site/content/producers/"), "{nested}");
    }

    #[test]
    fn json_is_one_array_with_stable_codes() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(diagnostic());
        diagnostics.push(Diagnostic::warning(
            "content/x.yaml",
            None,
            Problem::NoPhotos,
        ));
        let json: serde_json::Value =
            serde_json::from_str(&render_json(&diagnostics, Lang::Vi, Path::new(""))).unwrap();
        assert_eq!(json[0]["code"], "unknown-province");
        assert_eq!(json[0]["end_column"], 22);
        assert_eq!(json[1]["severity"], "warning");
        assert!(json[1]["line"].is_null());
    }

    #[test]
    fn formats_parse() {
        assert_eq!("GitHub".parse::<Format>(), Ok(Format::Github));
        assert!("xml".parse::<Format>().is_err());
    }
}
