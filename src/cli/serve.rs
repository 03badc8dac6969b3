//! `ocop serve`: build, serve on 127.0.0.1, rebuild on every save.

use super::{WARNINGS_SHOWN, print_diagnostics, seconds};
use ocop::cancel::Cancel;
use ocop::diagnostic::render_summary;
use ocop::lang::Lang;
use ocop::pipeline::BuildError;
use ocop::serve::{Event, ServeOptions, Server};
use std::path::PathBuf;
use std::process::ExitCode;

/// Build, serve (on 127.0.0.1 unless --bind says otherwise) and rebuild on every saved change, reloading pages.
#[derive(clap::Args)]
pub struct Args {
    /// The site folder, holding content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Address to listen on, e.g. 0.0.0.0 to open the site on a phone on
    /// the same network (the editor's backend stays on 127.0.0.1 only).
    #[arg(long, default_value_t = ocop::serve::DEFAULT_BIND)]
    bind: std::net::IpAddr,
    /// Port; 0 for any free port.
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
}

/// Serves until Ctrl-C. Exit status: 0 stopped, 2 the server could not run.
pub fn run(args: Args, lang: Lang, cancel: &Cancel) -> ExitCode {
    let open = args.open;
    let options = ServeOptions {
        root: args.root,
        bind: args.bind,
        port: args.port,
        output: args.output,
        cache_dir: args.cache_dir,
        lang,
    };
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
    match server.run(cancel, &mut report, &mut ready) {
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
