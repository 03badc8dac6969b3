//! The subcommands of `ocop`, one module each: its arguments, and how
//! what the library did is reported. The work itself is the library's.

pub mod build;
pub mod check;
pub mod codeowners;
pub mod deploy;
pub mod import;
pub mod new;
pub mod schema;
pub mod serve;

use ocop::diagnostic::{Diagnostics, Severity, render_human};
use ocop::lang::Lang;

/// Exit status of a command stopped by Ctrl-C, as shells expect (128 + SIGINT).
pub const INTERRUPTED: u8 = 130;

/// Warnings beyond this many are counted rather than printed by `build`.
pub const WARNINGS_SHOWN: usize = 20;

pub fn print_diagnostics(diagnostics: &Diagnostics, lang: Lang, limit: usize) {
    for diagnostic in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        eprintln!("{}", render_human(diagnostic, lang));
    }
    let warnings: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    for diagnostic in warnings.iter().take(limit) {
        eprintln!("{}", render_human(diagnostic, lang));
    }
    if warnings.len() > limit {
        eprintln!(
            "{}",
            lang.pick(
                format!("… và {} cảnh báo khác", warnings.len() - limit),
                format!("… and {} more warnings", warnings.len() - limit)
            )
        );
    }
}

pub fn seconds(duration: std::time::Duration, lang: Lang) -> String {
    let text = decimal(duration.as_secs_f64(), 2, lang);
    lang.pick(format!("{text} giây"), format!("{text} s"))
}

/// `value` with `places` decimals, a decimal comma in Vietnamese.
pub fn decimal(value: f64, places: usize, lang: Lang) -> String {
    let text = format!("{value:.places$}");
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}
