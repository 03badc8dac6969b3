//! `ocop build`: the site from `content/` into `public/`.

use super::{INTERRUPTED, WARNINGS_SHOWN, print_diagnostics, seconds};
use ocop::cancel::Cancel;
use ocop::diagnostic::render_summary;
use ocop::lang::Lang;
use ocop::pipeline::{BuildError, BuildOptions, BuildSummary, build};
use std::path::PathBuf;
use std::process::ExitCode;

/// Build the site from content/ into public/.
#[derive(clap::Args)]
pub struct Args {
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
    /// Build even when nothing changed since the last build.
    #[arg(long)]
    force: bool,
}

/// Builds, and reports what was built or why not. Exit status: 0 built,
/// 1 content errors, 2 any other failure, 130 interrupted.
pub fn run(args: Args, lang: Lang, cancel: &Cancel) -> ExitCode {
    let timings = args.timings;
    let options = BuildOptions {
        output: args.output,
        base_url: args.base_url,
        cache_dir: args.cache_dir,
        prune_cache: args.gc,
        progress: true,
        force: args.force,
        ..BuildOptions::new(args.root)
    };
    match build(&options, cancel) {
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

fn report_success(summary: &BuildSummary, lang: Lang, timings: bool) {
    print_diagnostics(&summary.warnings, lang, WARNINGS_SHOWN);
    let output = summary.output.display();
    let time = seconds(summary.timings.total, lang);
    if summary.up_to_date {
        let warnings = summary.earlier_warnings;
        let pages = summary.pages;
        let shown_by_check = if warnings > 0 {
            lang.pick(
                format!("; {warnings} cảnh báo, xem bằng `ocop check`"),
                format!("; {warnings} warnings, shown by `ocop check`"),
            )
        } else {
            String::new()
        };
        println!(
            "{}{shown_by_check}",
            lang.pick(
                format!("Không có gì thay đổi từ lần tạo trước: {output} đã mới ({pages} trang; kiểm tra trong {time})"),
                format!("Nothing changed since the last build: {output} is up to date ({pages} pages; checked in {time})"),
            )
        );
        return;
    }
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
    if summary.rendered < summary.pages {
        println!(
            "{}",
            match lang {
                Lang::Vi => format!(
                    "Trang: {} tạo lại, {} không đổi nên giữ nguyên",
                    summary.rendered,
                    summary.pages - summary.rendered
                ),
                Lang::En => format!(
                    "Pages: {} rendered, {} unchanged and kept as they were",
                    summary.rendered,
                    summary.pages - summary.rendered
                ),
            }
        );
    }
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
            "load {} · catalogue {} · photos {} · render+write {} · alongside: search {} ({} records{}), sitemaps and exports {} · swap {} · {} files, {:.1} MB",
            seconds(t.load, lang),
            seconds(t.catalogue, lang),
            seconds(t.photos, lang),
            seconds(t.render, lang),
            seconds(t.search, lang),
            summary.search.records,
            if summary.search.reused {
                ", reused"
            } else {
                ""
            },
            seconds(t.other_files, lang),
            seconds(t.commit, lang),
            summary.files,
            summary.bytes as f64 / 1e6
        );
        if let (Some(reading), Some(rendering)) = (t.peak_reading, t.peak_rendering) {
            println!(
                "peak memory: {:.0} MB reading, {:.0} MB making pages and the other files",
                reading as f64 / 1e6,
                rendering as f64 / 1e6
            );
        }
    }
}
