//! The human format of diagnostics, in the style of rustc: the message, the
//! place, the line with a caret under the offending text, and the fix.

use super::{Diagnostic, Diagnostics, Severity};
use crate::lang::Lang;
use std::fmt::Write;

/// Formats one diagnostic for a terminal.
pub fn render_human(diagnostic: &Diagnostic, lang: Lang) -> String {
    let mut out = String::new();
    let label = match (diagnostic.severity, lang) {
        (Severity::Error, Lang::Vi) => "lỗi",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::Vi) => "cảnh báo",
        (Severity::Warning, Lang::En) => "warning",
    };
    let message = diagnostic.problem.message(lang);
    let _ = writeln!(out, "{label}: {}", crate::text::visible(&message));
    let file = diagnostic.file.to_string_lossy();
    let file = crate::text::visible(&file);
    match &diagnostic.location {
        Some(location) => {
            let number = location.line.to_string();
            let gutter = " ".repeat(number.len());
            let _ = writeln!(
                out,
                "{gutter}--> {file}:{}:{}",
                location.line, location.column
            );
            let _ = writeln!(out, "{gutter} |");
            let shown = location.source_line.replace('\t', " ");
            let _ = writeln!(out, "{number} | {shown}");
            let line_chars = shown.chars().count();
            let start = location.column.saturating_sub(1).min(line_chars);
            let length = location.length.min(line_chars.saturating_sub(start)).max(1);
            let _ = writeln!(
                out,
                "{gutter} | {}{}",
                " ".repeat(start),
                "^".repeat(length)
            );
            if let Some(help) = diagnostic.problem.help(lang) {
                let help = crate::text::visible(&help);
                let _ = writeln!(out, "{gutter} = {}: {help}", lang.pick("cách sửa", "help"));
            }
        }
        None => {
            let _ = writeln!(out, " --> {file}");
            if let Some(help) = diagnostic.problem.help(lang) {
                let help = crate::text::visible(&help);
                let _ = writeln!(out, "  = {}: {help}", lang.pick("cách sửa", "help"));
            }
        }
    }
    out
}

/// One line counting errors and warnings.
pub fn render_summary(diagnostics: &Diagnostics, lang: Lang) -> String {
    let (errors, warnings) = diagnostics.counts();
    match lang {
        Lang::Vi => format!("{errors} lỗi, {warnings} cảnh báo"),
        Lang::En => format!(
            "{errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Location, Problem};

    #[test]
    fn shows_caret_under_the_value() {
        let diagnostic = Diagnostic::error(
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
        );
        let text = render_human(&diagnostic, Lang::En);
        assert!(
            text.starts_with("error: no province or city is called \"Soc Trang x\"\n"),
            "{text}"
        );
        assert!(
            text.contains(" --> content/producers/a/producer.yaml:2:11\n"),
            "{text}"
        );
        assert!(
            text.contains("2 | province: Soc Trang x\n  |           ^^^^^^^^^^^\n"),
            "{text}"
        );
        assert!(text.contains("did you mean \"Sóc Trăng\"?"), "{text}");
    }

    #[test]
    fn counts_in_both_languages() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(Diagnostic::warning("a", None, Problem::NoPhotos));
        assert_eq!(
            render_summary(&diagnostics, Lang::En),
            "0 errors, 1 warning"
        );
        assert_eq!(render_summary(&diagnostics, Lang::Vi), "0 lỗi, 1 cảnh báo");
    }
}
