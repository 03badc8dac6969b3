//! `ocop build`: the site from `content/` into `public/`.

use super::{INTERRUPTED, WARNINGS_SHOWN, decimal, print_diagnostics, seconds};
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
        for line in timing_lines(summary, lang) {
            println!("{line}");
        }
    }
}

/// What `--timings` prints: each stage's time, and the peak memory where
/// the system tells it.
fn timing_lines(summary: &BuildSummary, lang: Lang) -> Vec<String> {
    let t = &summary.timings;
    let mut lines = vec![format!(
        "{} {} · {} {} · {} {} · {} {} · {}: {} {} ({} {}{}), {} {} · {} {} · {} {}, {} MB",
        lang.pick("đọc nội dung", "load"),
        seconds(t.load, lang),
        lang.pick("danh mục", "catalogue"),
        seconds(t.catalogue, lang),
        lang.pick("ảnh", "photos"),
        seconds(t.photos, lang),
        lang.pick("tạo và ghi trang", "render+write"),
        seconds(t.render, lang),
        lang.pick("song song", "alongside"),
        lang.pick("chỉ mục tìm kiếm", "search"),
        seconds(t.search, lang),
        summary.search.records,
        lang.pick("bản ghi", "records"),
        if summary.search.reused {
            lang.pick(", dùng lại", ", reused")
        } else {
            ""
        },
        lang.pick("sitemap và dữ liệu xuất", "sitemaps and exports"),
        seconds(t.other_files, lang),
        lang.pick("thay thư mục", "swap"),
        seconds(t.commit, lang),
        summary.files,
        lang.pick("tệp", "files"),
        decimal(summary.bytes as f64 / 1e6, 1, lang),
    )];
    if let (Some(reading), Some(rendering)) = (t.peak_reading, t.peak_rendering) {
        lines.push(format!(
            "{}: {:.0} MB {}, {:.0} MB {}",
            lang.pick("bộ nhớ cao nhất", "peak memory"),
            reading as f64 / 1e6,
            lang.pick("khi đọc", "reading"),
            rendering as f64 / 1e6,
            lang.pick(
                "khi tạo trang và các tệp khác",
                "making pages and the other files"
            ),
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn summary() -> BuildSummary {
        BuildSummary {
            products: 20_000,
            producers: 10_000,
            provinces: 34,
            pages: 33_773,
            rendered: 33_773,
            files: 36_012,
            bytes: 1_234_567_890,
            output: PathBuf::from("public"),
            warnings: Default::default(),
            photos: Default::default(),
            pruned: 0,
            search: ocop::search::SearchStats {
                records: 30_000,
                ..Default::default()
            },
            timings: ocop::pipeline::Timings {
                load: Duration::from_millis(1_250),
                render: Duration::from_millis(4_800),
                peak_reading: Some(200_000_000),
                peak_rendering: Some(316_000_000),
                ..Default::default()
            },
            up_to_date: false,
            page_by_page: false,
            earlier_warnings: 0,
        }
    }

    #[test]
    fn timings_speak_the_language_of_the_rest() {
        let vi = timing_lines(&summary(), Lang::Vi);
        assert!(
            vi[0].starts_with("đọc nội dung 1,25 giây · danh mục 0,00 giây"),
            "{}",
            vi[0]
        );
        assert!(vi[0].contains("tạo và ghi trang 4,80 giây"), "{}", vi[0]);
        assert!(vi[0].contains("(30000 bản ghi)"), "{}", vi[0]);
        assert!(vi[0].ends_with("36012 tệp, 1234,6 MB"), "{}", vi[0]);
        assert_eq!(
            vi[1],
            "bộ nhớ cao nhất: 200 MB khi đọc, 316 MB khi tạo trang và các tệp khác"
        );
        let en = timing_lines(&summary(), Lang::En);
        assert!(
            en[0].starts_with("load 1.25 s · catalogue 0.00 s"),
            "{}",
            en[0]
        );
        assert!(
            en[0].contains("alongside: search 0.00 s (30000 records)"),
            "{}",
            en[0]
        );
        assert!(en[0].ends_with("36012 files, 1234.6 MB"), "{}", en[0]);
        assert!(
            en[1].starts_with("peak memory: 200 MB reading"),
            "{}",
            en[1]
        );
    }
}
