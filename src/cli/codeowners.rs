//! `ocop codeowners`: a CODEOWNERS file giving each producer folder to its
//! maintainers.

use ocop::diagnostic::{Severity, render_human};
use ocop::lang::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

/// Print a CODEOWNERS file: each producer folder to its maintainers.
#[derive(clap::Args)]
pub struct Args {
    /// The site folder, holding content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

/// Prints the file. Exit status: 0 complete, 1 producers with errors were
/// left to the reviewers.
pub fn run(args: Args, lang: Lang) -> ExitCode {
    let made = ocop::codeowners::codeowners(&args.root);
    for diagnostic in made
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
    {
        eprintln!("{}", render_human(diagnostic, lang));
    }
    if !made.unmaintained.is_empty() {
        eprintln!(
            "{}: {}",
            lang.pick(
                "Các chủ thể chưa có maintainers (người duyệt sẽ duyệt thay)",
                "Producers without maintainers (the reviewers review them)"
            ),
            made.unmaintained.join(", ")
        );
    }
    print!("{}", made.text);
    // The file is still printed (producers with errors fall to the
    // reviewers), but a script writing it should notice it is incomplete.
    if made.diagnostics.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
