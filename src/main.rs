//! The `ocop` command: argument parsing and reporting. The work is done by
//! the library.

use clap::{Parser, Subcommand};
use ocop::build::{BuildError, BuildOptions, BuildSummary, build};
use ocop::check::{CheckOptions, Format, check, exit_status, render_github, render_json};
use ocop::diagnostic::{Diagnostics, Severity, render_human, render_summary};
use ocop::lang::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

// glibc's allocator spent a third of the search stage's time on the many
// small strings and lists of parallel indexing (perf, 20,000 products).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        /// Build even when nothing changed since the last build.
        #[arg(long)]
        force: bool,
    },
    /// Create or update producer and product files from a CSV with the
    /// columns of data/products.csv (docs/data.md).
    Import {
        /// The CSV file (UTF-8, with or without BOM; `,` or `;` separated).
        file: PathBuf,
        /// The site folder, holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Report what would change without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Check the content as a build would, without writing the site.
    Check {
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
    },
    /// Create a producer or product file, with a comment on every field.
    #[command(subcommand)]
    New(NewCommand),
    /// Write JSON Schemas of the content files, for editors.
    Schema {
        /// The site folder, holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write them [default: ROOT/.ocop/schema].
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Build, serve on 127.0.0.1 and rebuild on every saved change, reloading pages.
    Serve {
        /// The site folder, holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port on 127.0.0.1; 0 for any free port.
        #[arg(long, default_value_t = ocop::serve::DEFAULT_PORT)]
        port: u16,
        /// Open the site in a browser.
        #[arg(long)]
        open: bool,
        /// Where to build the served site [default: ROOT/.ocop-cache/serve].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Where processed photos are kept [default: ROOT/.ocop-cache].
        #[arg(long)]
        cache_dir: Option<PathBuf>,
    },
    /// Print a CODEOWNERS file: each producer folder to its maintainers.
    Codeowners {
        /// The site folder, holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// content/producers/<slug>/producer.yaml, the slug made from the name.
    Producer {
        /// The producer's name, e.g. "HTX Chè Tân Cương".
        name: String,
        /// Province or city (required), e.g. "Thái Nguyên".
        #[arg(long)]
        province: Option<String>,
        /// Kind: doanh-nghiep, hop-tac-xa, to-hop-tac or ho-kinh-doanh.
        #[arg(long)]
        kind: Option<String>,
        /// The site folder, holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// content/producers/<producer>/products/<slug>.yaml.
    Product {
        /// The producer's folder name, e.g. che-tan-cuong.
        producer: String,
        /// The product's name, e.g. "Chè búp Tân Cương".
        name: String,
        /// Category (required): a code such as I.5.a, or its name.
        #[arg(long)]
        category: Option<String>,
        /// Stars (required): 3, 4 or 5.
        #[arg(long)]
        stars: Option<u8>,
        /// The site folder, holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
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
            "load {} · catalogue {} · photos {} · render+write {} · search {} ({} records{}) · swap {} · {} files, {:.1} MB",
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
            seconds(t.commit, lang),
            summary.files,
            summary.bytes as f64 / 1e6
        );
        if let (Some(before), Some(search)) = (t.peak_before_search, t.peak_search) {
            println!(
                "peak memory: {:.0} MB before the search stage, {:.0} MB during it",
                before as f64 / 1e6,
                search as f64 / 1e6
            );
        }
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
        Command::Import {
            file,
            root,
            dry_run,
        } => run_import(file, root, dry_run, lang),
        Command::Build {
            root,
            output,
            base_url,
            timings,
            cache_dir,
            gc,
            force,
        } => {
            let options = BuildOptions {
                root,
                output,
                base_url,
                today: None,
                cache_dir,
                prune_cache: gc,
                progress: true,
                force,
                defer_search: false,
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
        Command::Check {
            root,
            format,
            strict,
            cache_dir,
        } => run_check(root, format, strict, cache_dir, lang),
        Command::New(command) => run_new(command, lang),
        Command::Schema { root, out } => run_schema(root, out, lang),
        Command::Codeowners { root } => run_codeowners(root, lang),
        Command::Serve {
            root,
            port,
            open,
            output,
            cache_dir,
        } => run_serve(
            ocop::serve::ServeOptions {
                root,
                port,
                output,
                cache_dir,
                lang,
            },
            open,
        ),
    }
}

/// Opens `url` with the system's opener, if there is one.
fn open_browser(url: &str, lang: Lang) {
    let openers: &[(&str, &[&str])] = if cfg!(target_os = "windows") {
        &[("cmd", &["/C", "start", ""])]
    } else if cfg!(target_os = "macos") {
        &[("open", &[])]
    } else {
        &[("xdg-open", &[])]
    };
    for (program, args) in openers {
        let spawned = std::process::Command::new(program)
            .args(*args)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        if spawned.is_ok() {
            return;
        }
    }
    eprintln!(
        "{}",
        lang.pick(
            format!("Không mở được trình duyệt; hãy mở {url}"),
            format!("Could not open a browser; open {url}")
        )
    );
}

fn run_serve(options: ocop::serve::ServeOptions, open: bool) -> ExitCode {
    use ocop::serve::{Event, Server};
    let lang = options.lang;
    let server = match Server::bind(options) {
        Ok(server) => server,
        Err(error) => {
            eprintln!("{}: {error}", lang.pick("lỗi", "error"));
            return ExitCode::from(2);
        }
    };
    let mut report = |event: Event<'_>| match event {
        Event::Building([]) => eprintln!("{}", lang.pick("Đang tạo trang…", "Building…")),
        Event::Building(changed) => {
            let names: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
            eprintln!("{} {}", lang.pick("Đã đổi:", "Changed:"), names.join(", "));
        }
        Event::Built(summary) => {
            print_diagnostics(&summary.warnings, lang, WARNINGS_SHOWN);
            eprintln!(
                "{}",
                lang.pick(
                    format!(
                        "Đã tạo {} trang ({} tạo lại) trong {}",
                        summary.pages,
                        summary.rendered,
                        seconds(summary.timings.total, lang)
                    ),
                    format!(
                        "Built {} pages ({} rendered) in {}",
                        summary.pages,
                        summary.rendered,
                        seconds(summary.timings.total, lang)
                    )
                )
            );
            if summary.search.stale {
                eprintln!(
                    "{}",
                    lang.pick(
                        "Đang cập nhật chỉ mục tìm kiếm…",
                        "Updating the search index…"
                    )
                );
            }
        }
        Event::Failed(BuildError::Content(diagnostics)) => {
            print_diagnostics(diagnostics, lang, WARNINGS_SHOWN);
            eprintln!(
                "{}: {}",
                lang.pick(
                    "Chưa tạo được trang; sửa lỗi rồi lưu tệp",
                    "Not built; fix the errors and save"
                ),
                render_summary(diagnostics, lang)
            );
        }
        Event::Failed(error) => eprintln!("{}: {error}", lang.pick("lỗi", "error")),
    };
    let mut ready = |url: &str| {
        println!("{} {url}", lang.pick("Đang phục vụ tại", "Serving at"));
        println!(
            "{}",
            lang.pick("Nhấn Ctrl-C để dừng.", "Press Ctrl-C to stop.")
        );
        if open {
            open_browser(url, lang);
        }
    };
    match server.run(&mut report, &mut ready) {
        Ok(()) => {
            eprintln!("{}", lang.pick("Đã dừng.", "Stopped."));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}: {error}", lang.pick("lỗi", "error"));
            ExitCode::from(2)
        }
    }
}

fn run_new(command: NewCommand, lang: Lang) -> ExitCode {
    use ocop::scaffold::{NewProducer, NewProduct, new_producer, new_product};
    let (root, result, next) = match command {
        NewCommand::Producer {
            name,
            province,
            kind,
            root,
        } => {
            let result = new_producer(
                &root,
                &NewProducer {
                    name,
                    province,
                    kind,
                },
            );
            let next = result.as_ref().ok().and_then(|path| {
                let slug = path.parent()?.file_name()?.to_string_lossy().into_owned();
                Some(lang.pick(
                    format!(
                        "Bước tiếp: mở tệp, điền các trường còn trống, đặt ảnh vào photos/ bên cạnh, rồi chạy `ocop check`.\n\
                         Thêm sản phẩm: ocop new product {slug} \"Tên sản phẩm\" --category <mã nhóm> --stars <3|4|5>"
                    ),
                    format!(
                        "Next: open the file, fill in what is empty, put photos in photos/ beside it, then run `ocop check`.\n\
                         Add a product: ocop new product {slug} \"Product name\" --category <code> --stars <3|4|5>"
                    ),
                ))
            });
            (root, result, next)
        }
        NewCommand::Product {
            producer,
            name,
            category,
            stars,
            root,
        } => {
            let result = new_product(
                &root,
                &NewProduct {
                    producer,
                    name,
                    category,
                    stars,
                },
            );
            let next = Some(lang.pick(
                "Bước tiếp: mở tệp, thêm ảnh (photos) và mô tả (description), rồi chạy `ocop check`.".to_string(),
                "Next: open the file, add photos and a description, then run `ocop check`.".to_string(),
            ));
            (root, result, next)
        }
    };
    match result {
        Ok(path) => {
            println!(
                "{} {}",
                lang.pick("Đã tạo", "Created"),
                root.join(path).display()
            );
            if let Some(next) = next {
                println!("{next}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}: {}", lang.pick("lỗi", "error"), error.message(lang));
            if let Some(help) = error.help(lang) {
                eprintln!("  = {}: {help}", lang.pick("cách sửa", "help"));
            }
            match error {
                ocop::scaffold::NewError::Io { .. } => ExitCode::from(2),
                _ => ExitCode::from(1),
            }
        }
    }
}

fn run_schema(root: PathBuf, out: Option<PathBuf>, lang: Lang) -> ExitCode {
    let (reference, problems) = ocop::reference::load_reference(&root);
    for diagnostic in &problems {
        eprintln!("{}", render_human(diagnostic, lang));
    }
    let dir = out.unwrap_or_else(|| root.join(ocop::schema::SCHEMA_DIR));
    match ocop::schema::write_schemas(&dir, &reference) {
        Ok(files) => {
            for file in files {
                println!("{} {}", lang.pick("Đã ghi", "Wrote"), file.display());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!(
                "{}: {} {}: {error}",
                lang.pick("lỗi", "error"),
                lang.pick("không ghi được", "cannot write"),
                dir.display()
            );
            ExitCode::from(2)
        }
    }
}

fn run_codeowners(root: PathBuf, lang: Lang) -> ExitCode {
    let made = ocop::codeowners::codeowners(&root);
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

fn run_check(
    root: PathBuf,
    format: Format,
    strict: bool,
    cache_dir: Option<PathBuf>,
    lang: Lang,
) -> ExitCode {
    let prefix = repository_prefix(&root);
    let options = CheckOptions {
        root,
        cache_dir,
        today: None,
    };
    let diagnostics = match check(&options) {
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

/// `ocop import`: prints every refused row and what changed. Exit status 0
/// when every row was used, 1 when some were refused (the others are still
/// imported), 2 when nothing could be read or written.
fn run_import(file: PathBuf, root: PathBuf, dry_run: bool, lang: Lang) -> ExitCode {
    let options = ocop::data::ImportOptions {
        file,
        root,
        dry_run,
    };
    let report = match ocop::data::import(&options) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("{}: {error}", lang.pick("lỗi", "error"));
            return ExitCode::from(2);
        }
    };
    for problem in &report.problems {
        let column = problem
            .column
            .as_deref()
            .map(|c| format!(", {} {c}", lang.pick("cột", "column")))
            .unwrap_or_default();
        eprintln!(
            "{}:{}{column}: {}",
            options.file.display(),
            problem.row,
            lang.pick(&problem.message.0, &problem.message.1)
        );
    }
    let verb = |vi: &'static str, en: &'static str| lang.pick(vi, en);
    for (files, vi, en) in [
        (&report.created, "tạo", "create"),
        (&report.updated, "cập nhật", "update"),
    ] {
        for path in files {
            println!("{} {}", verb(vi, en), path.display());
        }
    }
    let summary = match lang {
        Lang::Vi => format!(
            "{}{} dòng dùng được, {} dòng bị bỏ qua; {} tệp tạo mới, {} tệp cập nhật, {} tệp không đổi",
            if dry_run {
                "(chạy thử, chưa ghi gì) "
            } else {
                ""
            },
            report.rows,
            report.refused_rows(),
            report.created.len(),
            report.updated.len(),
            report.unchanged.len()
        ),
        Lang::En => format!(
            "{}{} rows used, {} rows refused; {} files created, {} updated, {} unchanged",
            if dry_run {
                "(dry run, nothing written) "
            } else {
                ""
            },
            report.rows,
            report.refused_rows(),
            report.created.len(),
            report.updated.len(),
            report.unchanged.len()
        ),
    };
    println!("{summary}");
    if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
