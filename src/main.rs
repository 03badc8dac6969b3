//! The `ocop` command: argument parsing and reporting. The work is done by
//! the library.

use clap::{Parser, Subcommand};
use ocop::build::{BuildError, BuildOptions, BuildSummary, build};
use ocop::diagnostic::{Diagnostics, Severity, render_human, render_summary};
use ocop::lang::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

/// Static site generator for Vietnam's OCOP product catalogue.
#[derive(Parser)]
#[command(name = "ocop", version, about)]
struct Cli {
    /// Language of messages: vi or en.
    #[arg(long, global = true, default_value = "vi")]
    lang: Lang,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from content/ into public/.
    Build {
        /// The site folder, holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Address the site is published at, overriding base_url of site.yaml.
        #[arg(long)]
        base_url: Option<String>,
        /// Print the time spent in each stage.
        #[arg(long)]
        timings: bool,
        /// Where processed photos are kept [default: ROOT/.ocop-cache].
        #[arg(long)]
        cache_dir: Option<PathBuf>,
        /// Delete cached photos that this build did not use.
        #[arg(long)]
        gc: bool,
    },
}

/// Warnings beyond this many are counted rather than printed by `build`.
const WARNINGS_SHOWN: usize = 20;

fn print_diagnostics(diagnostics: &Diagnostics, lang: Lang, limit: usize) {
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

fn seconds(duration: std::time::Duration, lang: Lang) -> String {
    let text = format!("{:.2}", duration.as_secs_f64());
    match lang {
        Lang::Vi => format!("{} giây", text.replace('.', ",")),
        Lang::En => format!("{text} s"),
    }
}

fn report_success(summary: &BuildSummary, lang: Lang, timings: bool) {
    print_diagnostics(&summary.warnings, lang, WARNINGS_SHOWN);
    let output = summary.output.display();
    let time = seconds(summary.timings.total, lang);
    let line = match lang {
        Lang::Vi => format!(
            "Đã tạo {} trang cho {} sản phẩm, {} chủ thể, {} tỉnh, thành vào {output} trong {time}",
            summary.pages, summary.products, summary.producers, summary.provinces
        ),
        Lang::En => format!(
            "Built {} pages for {} products, {} producers, {} provinces into {output} in {time}",
            summary.pages, summary.products, summary.producers, summary.provinces
        ),
    };
    println!("{line}");
    let photos = &summary.photos;
    if photos.processed + photos.reused + photos.failed > 0 || summary.pruned > 0 {
        println!(
            "{}",
            match lang {
                Lang::Vi => format!(
                    "Ảnh: {} xử lý mới, {} dùng lại từ bộ nhớ đệm, {} lỗi{}",
                    photos.processed,
                    photos.reused,
                    photos.failed,
                    if summary.pruned > 0 {
                        format!(", {} bản cũ đã xóa", summary.pruned)
                    } else {
                        String::new()
                    }
                ),
                Lang::En => format!(
                    "Photos: {} processed, {} reused from the cache, {} failed{}",
                    photos.processed,
                    photos.reused,
                    photos.failed,
                    if summary.pruned > 0 {
                        format!(", {} unused cache entries deleted", summary.pruned)
                    } else {
                        String::new()
                    }
                ),
            }
        );
    }
    if timings {
        let t = &summary.timings;
        println!(
            "load {} · catalogue {} · photos {} · render+write {} · swap {} · {} files, {:.1} MB",
            seconds(t.load, lang),
            seconds(t.catalogue, lang),
            seconds(t.photos, lang),
            seconds(t.render, lang),
            seconds(t.commit, lang),
            summary.files,
            summary.bytes as f64 / 1e6
        );
    }
}

/// Exit status of a build stopped by Ctrl-C, as shells expect (128 + SIGINT).
const INTERRUPTED: u8 = 130;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The first Ctrl-C stops the build cleanly (the staging folder is removed,
    // the previous site kept); a second one exits at once, and the next build
    // clears what was left.
    let _ = ctrlc::set_handler(|| {
        if ocop::output::stop_requested() {
            std::process::exit(i32::from(INTERRUPTED));
        }
        ocop::output::request_stop();
    });
    let lang = cli.lang;
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            timings,
            cache_dir,
            gc,
        } => {
            let options = BuildOptions {
                root,
                output,
                base_url,
                today: None,
                cache_dir,
                prune_cache: gc,
                progress: true,
            };
            match build(&options) {
                Ok(summary) => {
                    report_success(&summary, lang, timings);
                    ExitCode::SUCCESS
                }
                Err(BuildError::Content(diagnostics)) => {
                    print_diagnostics(&diagnostics, lang, usize::MAX);
                    eprintln!(
                        "{}: {}",
                        lang.pick("Không tạo được trang web", "The site was not built"),
                        render_summary(&diagnostics, lang)
                    );
                    ExitCode::from(1)
                }
                Err(error) if error.is_interrupted() => {
                    eprintln!(
                        "{}",
                        lang.pick(
                            "Đã dừng; trang web trước đó được giữ nguyên.",
                            "Interrupted; the previous site was left as it was."
                        )
                    );
                    ExitCode::from(INTERRUPTED)
                }
                Err(error) => {
                    eprintln!("{}: {error}", lang.pick("lỗi", "error"));
                    ExitCode::from(2)
                }
            }
        }
    }
}
