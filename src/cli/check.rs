//! `ocop check`: every problem a build would find, without writing the site.

use super::INTERRUPTED;
use ocop::cancel::Cancel;
use ocop::check::{CheckOptions, Format, check, exit_status, render_github, render_json};
use ocop::diagnostic::{render_human, render_summary};
use ocop::lang::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

/// Check the content as a build would, without writing the site.
#[derive(clap::Args)]
pub struct Args {
    /// The site folder, holding content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// How to print problems: human, github (pull request annotations) or json.
    #[arg(long, default_value = "human")]
    format: Format,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    strict: bool,
    /// Where processed photos are kept [default: ROOT/.ocop-cache].
    #[arg(long)]
    cache_dir: Option<PathBuf>,
}

/// The site folder as the repository names it, for the paths of the
/// machine formats: a relative `--root` as given, an absolute one relative
/// to the current folder (where CI runs, the repository root); a root
/// elsewhere gives paths relative to the site itself.
fn repository_prefix(root: &std::path::Path) -> PathBuf {
    if root.is_relative() {
        return root.to_path_buf();
    }
    std::env::current_dir()
        .ok()
        .and_then(|cwd| root.strip_prefix(cwd).ok().map(PathBuf::from))
        .unwrap_or_default()
}

/// Checks and prints every problem. Exit status: 0 clean or warnings only,
/// 1 errors (or warnings with `--strict`), 2 any other failure.
pub fn run(args: Args, lang: Lang, cancel: &Cancel) -> ExitCode {
    let Args {
        root,
        format,
        strict,
        cache_dir,
    } = args;
    let prefix = repository_prefix(&root);
    let options = CheckOptions {
        root,
        cache_dir,
        today: None,
    };
    let diagnostics = match check(&options, cancel) {
        Ok(diagnostics) => diagnostics,
        Err(error) if error.is_interrupted() => {
            eprintln!("{}", lang.pick("Đã dừng.", "Interrupted."));
            return ExitCode::from(INTERRUPTED);
        }
        Err(error) => {
            eprintln!("{}: {error}", lang.pick("lỗi", "error"));
            return ExitCode::from(2);
        }
    };
    let summary = render_summary(&diagnostics, lang);
    match format {
        Format::Human => {
            for diagnostic in &diagnostics {
                eprintln!("{}", render_human(diagnostic, lang));
            }
            println!("{}: {summary}", lang.pick("Kiểm tra xong", "Checked"));
        }
        Format::Github => {
            for diagnostic in &diagnostics {
                println!("{}", render_github(diagnostic, lang, &prefix));
            }
            eprintln!("{}: {summary}", lang.pick("Kiểm tra xong", "Checked"));
        }
        Format::Json => println!("{}", render_json(&diagnostics, lang, &prefix)),
    }
    ExitCode::from(exit_status(&diagnostics, strict))
}
