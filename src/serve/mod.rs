//! `ocop serve`: build, serve on 127.0.0.1, and rebuild on every saved
//! change of `content/` or `themes/`, reloading open pages.
//!
//! A thin driver of the one [`Pipeline`]: the first run is over
//! everything, and each save is a run over the files it touched. An edit
//! inside producer folders is followed page by page and written into the
//! served site in place, and open pages reload; a run over everything then
//! follows in a thread of its own for the search index, sitemaps, feed and
//! exports. A newer edit cancels that run ([`Cancel`]) and it starts again
//! after. Other changes (site settings, reference data, the theme) are a
//! run over everything, incremental as `ocop build` is (photo cache, page
//! memory), with the search index left to the run in the background.
//!
//! The site is written into its own folder (never the user's `public/`),
//! and requests wait while it is being changed (only then), so a
//! half-written page is never served. Changes are gathered until the files
//! have been quiet for [`DEBOUNCE`], which lets an editor finish saving
//! (write, rename, delete). A build that fails (an error in content, a
//! file that vanished while being read) is reported, shown over every
//! page, and the server waits for the next change.

mod cms_backend;
mod files;
mod http;

pub use files::{Refused, Target, content_type, resolve, segments};
pub use http::{EVENTS, HEADER_DEADLINE, SCRIPT, host_allowed, loopback};

use crate::cancel::Cancel;
use crate::diagnostic::{Diagnostics, Severity};
use crate::lang::Lang;
use crate::pipeline::{BuildError, BuildOptions, BuildSummary, Changes, Pipeline, Search};
use notify::{EventKind, RecursiveMode, Watcher};
use std::net::{IpAddr, Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

/// Changes are built once the files have been quiet this long.
pub const DEBOUNCE: Duration = Duration::from_millis(100);
/// The address listened on unless `--bind` says otherwise.
pub const DEFAULT_BIND: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);
/// The port used unless `--port` says otherwise.
pub const DEFAULT_PORT: u16 = 8000;
/// Where the served site is built, relative to the root, by default.
pub const DEFAULT_OUTPUT: &str = ".ocop-cache/serve";

/// What to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder (holding `content/`).
    pub root: PathBuf,
    /// The address to listen on: 127.0.0.1 unless told otherwise (a
    /// phone on the office network needs the machine's address or
    /// 0.0.0.0).
    pub bind: IpAddr,
    /// The port; 0 for any free port.
    pub port: u16,
    /// Where to build; `root/.ocop-cache/serve` by default.
    pub output: Option<PathBuf>,
    /// Where processed photos are kept; `root/.ocop-cache` by default.
    pub cache_dir: Option<PathBuf>,
    /// Language of the error overlay.
    pub lang: Lang,
}

/// Why the server cannot run.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The port cannot be listened on.
    #[error("cannot listen on {}: {source}", std::net::SocketAddr::new(*.address, *.port))]
    Bind {
        /// The address asked for.
        address: IpAddr,
        /// The port asked for.
        port: u16,
        /// The system's error.
        source: std::io::Error,
    },
    /// The folders cannot be watched.
    #[error("cannot watch {}: {source}", .path.display())]
    Watch {
        /// The folder.
        path: PathBuf,
        /// The watcher's error.
        source: notify::Error,
    },
    /// The output folder cannot be used.
    #[error(transparent)]
    Output(#[from] crate::output::OutputError),
}

/// What happened, for the command to report.
pub enum Event<'a> {
    /// A build is starting because these files changed (empty for the first).
    Building(&'a [PathBuf]),
    /// A build succeeded.
    Built(&'a BuildSummary),
    /// A build failed.
    Failed(&'a BuildError),
}

/// What the last build left to show.
#[derive(Debug, Clone, Default)]
struct Status {
    /// Builds finished so far.
    generation: u64,
    /// The last of them that changed what pages show (their content, or
    /// the overlay); the others changed only the search index and the
    /// files no page shows (sitemaps, feed, exports).
    pages_changed: u64,
    /// The overlay of the last build's errors, when it failed.
    overlay: Option<String>,
}

/// What the server threads share.
pub(crate) struct State {
    /// The output folder, canonical.
    root: PathBuf,
    /// Held for writing while a build changes the site, so requests read
    /// a whole site.
    site: Arc<RwLock<()>>,
    /// Watched by the event streams.
    status: tokio::sync::watch::Sender<Status>,
    /// Cancelled when the server stops (Ctrl-C).
    stop: Cancel,
    /// The site's folder (with `content/`), for the editor's local backend.
    site_root: PathBuf,
    /// The address listened on: which `Host` names are this server's.
    bound: IpAddr,
}

impl State {
    /// Notes a finished build: `pages` when it changed pages, and not only
    /// the search index. Showing or taking away the overlay changes pages.
    fn finish(&self, overlay: Option<String>, pages: bool) {
        self.status.send_modify(|status| {
            status.generation += 1;
            if pages || overlay.is_some() || status.overlay.is_some() {
                status.pages_changed = status.generation;
            }
            status.overlay = overlay;
        });
    }

    /// The site's 404 page, if it has one.
    fn not_found(&self) -> Option<PathBuf> {
        let page = self.root.join("404.html");
        page.is_file().then_some(page)
    }
}

fn overlay(state: &State) -> Option<String> {
    state.status.borrow().overlay.clone()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The overlay shown over every page while the last build failed.
pub fn render_overlay(lines: &[(String, String, Option<String>)], lang: Lang) -> String {
    let mut items = String::new();
    for (place, message, help) in lines {
        items.push_str(&format!(
            "<li style=\"margin:0 0 1em\"><code style=\"color:#ffb4a8\">{}</code><br>{}",
            escape(place),
            escape(message)
        ));
        if let Some(help) = help {
            items.push_str(&format!(
                "<br><span style=\"color:#c8e6c9\">{}: {}</span>",
                lang.pick("cách sửa", "help"),
                escape(help)
            ));
        }
        items.push_str("</li>");
    }
    format!(
        "<div id=\"ocop-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;\
         overflow:auto;background:rgba(20,20,20,.94);color:#fff;font:16px/1.5 system-ui,sans-serif;\
         padding:2em\"><h1 style=\"font-size:1.4em;margin:0 0 1em;color:#fff\">{}</h1>\
         <ol style=\"padding-left:1.2em\">{items}</ol><p style=\"color:#bbb\">{}</p></div>\n",
        lang.pick(
            "Không tạo được trang web: hãy sửa các lỗi sau",
            "The site could not be built: fix these errors"
        ),
        lang.pick(
            "Trang sẽ tự tải lại khi bạn lưu tệp.",
            "The page reloads by itself when you save a file."
        )
    )
}

/// The overlay of a failed build: its errors, or the failure itself.
fn failure_overlay(error: &BuildError, lang: Lang) -> String {
    let lines: Vec<(String, String, Option<String>)> = match error {
        BuildError::Content(diagnostics) => error_lines(diagnostics, lang),
        other => vec![(String::new(), other.to_string(), None)],
    };
    render_overlay(&lines, lang)
}

fn error_lines(diagnostics: &Diagnostics, lang: Lang) -> Vec<(String, String, Option<String>)> {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let place = match &d.location {
                Some(l) => format!("{}:{}:{}", d.file.display(), l.line, l.column),
                None => d.file.display().to_string(),
            };
            (place, d.problem.message(lang), d.problem.help(lang))
        })
        .collect()
}

/// Whether a changed path should start a build: content and theme files,
/// not editors' temporary and backup files.
fn relevant(path: &Path, watched: &[PathBuf]) -> bool {
    if !watched.iter().any(|w| path.starts_with(w)) {
        return false;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    !(name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with(".#")
        || name == "4913")
}

/// The host and port of the served site's address: the loopback address
/// when listening on every address, since a browser on this machine opens
/// it.
fn url_authority(bind: IpAddr, port: u16) -> String {
    match bind {
        IpAddr::V4(ip) if ip.is_unspecified() => format!("127.0.0.1:{port}"),
        IpAddr::V6(ip) if ip.is_unspecified() => format!("[::1]:{port}"),
        IpAddr::V4(ip) => format!("{ip}:{port}"),
        IpAddr::V6(ip) => format!("[{ip}]:{port}"),
    }
}

/// A bound server, ready to run.
pub struct Server {
    listener: TcpListener,
    options: ServeOptions,
    output: PathBuf,
    url: String,
}

/// A run over everything on a thread of its own, which a newer edit
/// cancels: it brings the search index, sitemaps, feed and exports up to
/// date after an edit's pages are in place.
struct Background {
    cancel: Cancel,
    handle: std::thread::JoinHandle<Result<BuildSummary, BuildError>>,
}

impl Server {
    /// Listens on the address asked for and checks the output folder.
    pub fn bind(mut options: ServeOptions) -> Result<Server, ServeError> {
        // Watchers name changed files by the folder watched: an absolute
        // root gives paths that can be shown relative to it.
        if let Ok(root) = std::path::absolute(&options.root) {
            options.root = root;
        }
        let bind_error = |source| ServeError::Bind {
            address: options.bind,
            port: options.port,
            source,
        };
        let listener = TcpListener::bind((options.bind, options.port)).map_err(bind_error)?;
        let port = listener.local_addr().map_err(bind_error)?.port();
        let output = options
            .output
            .clone()
            .unwrap_or_else(|| options.root.join(DEFAULT_OUTPUT));
        let output = crate::output::check_output(&output, &options.root)?;
        let url = format!("http://{}/", url_authority(options.bind, port));
        Ok(Server {
            listener,
            options,
            output,
            url,
        })
    }

    /// The address the site is served at.
    pub fn url(&self) -> &str {
        &self.url
    }

    fn build_options(&self) -> BuildOptions {
        BuildOptions {
            output: Some(self.output.clone()),
            base_url: Some(self.url.clone()),
            cache_dir: self.options.cache_dir.clone(),
            ..BuildOptions::new(&self.options.root)
        }
    }

    /// Runs the pipeline over `changes`, the search index left for later:
    /// open pages reload as soon as their pages are in place. Returns
    /// whether a run in the background must bring the index up to date.
    fn run_now(
        &self,
        pipeline: &Mutex<Pipeline>,
        state: &State,
        changes: &Changes,
        report: &mut dyn FnMut(Event<'_>),
    ) -> bool {
        let mut pipeline = pipeline.lock().unwrap_or_else(|e| e.into_inner());
        match pipeline.run(changes, Search::Later, &state.stop) {
            Ok(mut summary) => {
                // Open pages reload first; reporting prints, which can wait.
                state.finish(None, true);
                if summary.page_by_page {
                    summary.warnings = pipeline.problems();
                    pipeline.remember_pages();
                }
                report(Event::Built(&summary));
                summary.search.stale
            }
            Err(error) => {
                state.finish(Some(failure_overlay(&error, self.options.lang)), true);
                if !error.is_interrupted() {
                    report(Event::Failed(&error));
                }
                false
            }
        }
    }

    /// Starts a run over everything, search index included, on a thread
    /// of its own. Open pages that searched reload when it is swapped in.
    fn run_behind(&self, pipeline: &Arc<Mutex<Pipeline>>, state: &Arc<State>) -> Background {
        let cancel = state.stop.child();
        let (pipeline, state) = (Arc::clone(pipeline), Arc::clone(state));
        let lang = self.options.lang;
        let running = cancel.clone();
        let handle = std::thread::spawn(move || {
            let mut pipeline = pipeline.lock().unwrap_or_else(|e| e.into_inner());
            let result = pipeline.run(&Changes::Everything, Search::Now, &running);
            match &result {
                // Its pages are those the edit's run put in place (a test
                // checks that they are the same bytes): only the index changed.
                Ok(_) => state.finish(None, false),
                Err(error) if !error.is_interrupted() => {
                    state.finish(Some(failure_overlay(error, lang)), true);
                }
                Err(_) => {}
            }
            result
        });
        Background { cancel, handle }
    }

    /// Waits for the run in the background, if any, or (`stop`) makes it
    /// give up first, and reports it.
    fn settle(background: &mut Option<Background>, stop: bool, report: &mut dyn FnMut(Event<'_>)) {
        let Some(Background { cancel, handle }) = background.take() else {
            return;
        };
        if stop {
            cancel.cancel();
        }
        match handle.join() {
            Ok(Ok(summary)) => report(Event::Built(&summary)),
            Ok(Err(error)) if error.is_interrupted() => {}
            Ok(Err(error)) => report(Event::Failed(&error)),
            Err(_) => {}
        }
    }

    /// Builds, serves and rebuilds on changes until `stop` is cancelled
    /// (Ctrl-C). `ready` is called once the first build is done and pages
    /// are served.
    pub fn run(
        self,
        stop: &Cancel,
        report: &mut dyn FnMut(Event<'_>),
        ready: &mut dyn FnMut(&str),
    ) -> Result<(), ServeError> {
        let (sender, changes) = mpsc::channel();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let _ = sender.send(event);
            })
            .map_err(|source| ServeError::Watch {
                path: self.options.root.clone(),
                source,
            })?;
        let mut watched = Vec::new();
        for folder in ["content", "themes"] {
            let path = self.options.root.join(folder);
            if path.is_dir() {
                watcher
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|source| ServeError::Watch {
                        path: path.clone(),
                        source,
                    })?;
                // Events name files by the path watched, or by the canonical
                // one on some systems: both count.
                watched.push(path.canonicalize().unwrap_or_else(|_| path.clone()));
                watched.push(path);
            }
        }

        // An empty folder is one a build may replace; made now, it has its
        // canonical path for the containment checks before the first build.
        std::fs::create_dir_all(&self.output).map_err(|source| crate::output::OutputError::Io {
            path: self.output.clone(),
            source,
        })?;
        let state = Arc::new(State {
            root: self
                .output
                .canonicalize()
                .unwrap_or_else(|_| self.output.clone()),
            site: Arc::new(RwLock::new(())),
            status: tokio::sync::watch::Sender::new(Status::default()),
            stop: stop.clone(),
            site_root: self.options.root.clone(),
            bound: self.options.bind,
        });
        let pipeline = Arc::new(Mutex::new(Pipeline::remembering(
            self.build_options(),
            Arc::clone(&state.site),
        )));
        report(Event::Building(&[]));
        let stale = self.run_now(&pipeline, &state, &Changes::Everything, report);
        let mut background = stale.then(|| self.run_behind(&pipeline, &state));
        if stop.is_cancelled() {
            Self::settle(&mut background, true, report);
            return Ok(());
        }
        let runtime = self.accept(&state)?;
        ready(&self.url);

        while !stop.is_cancelled() {
            let first = match changes.recv_timeout(Duration::from_millis(200)) {
                Ok(event) => event,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if background.as_ref().is_some_and(|b| b.handle.is_finished()) {
                        Self::settle(&mut background, false, report);
                    }
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            };
            let mut changed: Vec<PathBuf> = Vec::new();
            let mut note = |event: notify::Result<notify::Event>| {
                if let Ok(event) = event
                    && !matches!(event.kind, EventKind::Access(_))
                {
                    for path in event.paths {
                        if relevant(&path, &watched) && !changed.contains(&path) {
                            changed.push(path);
                        }
                    }
                }
            };
            note(first);
            // Saving is often several steps (write a temporary file, rename
            // it over the old one): wait until the files are quiet.
            while let Ok(event) = changes.recv_timeout(DEBOUNCE) {
                note(event);
            }
            if changed.is_empty() {
                continue;
            }
            changed.sort();
            let shown: Vec<PathBuf> = changed
                .iter()
                .map(|p| {
                    p.strip_prefix(&self.options.root)
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|_| p.clone())
                })
                .collect();
            report(Event::Building(&shown));
            // The run in the background is out of date: it gives up, and
            // starts again after this one.
            Self::settle(&mut background, true, report);
            let stale = self.run_now(&pipeline, &state, &Changes::Files(changed), report);
            background = stale.then(|| self.run_behind(&pipeline, &state));
        }
        Self::settle(&mut background, true, report);
        // Open connections (event streams) are dropped with their tasks.
        runtime.shutdown_timeout(Duration::from_secs(1));
        Ok(())
    }

    /// Accepts connections on a runtime of its own until `stop` is
    /// cancelled; the caller shuts the runtime down after.
    fn accept(&self, state: &Arc<State>) -> Result<tokio::runtime::Runtime, ServeError> {
        let failed = |source| ServeError::Bind {
            address: self.options.bind,
            port: self.options.port,
            source,
        };
        let listener = self.listener.try_clone().map_err(failed)?;
        listener.set_nonblocking(true).map_err(failed)?;
        // Two workers: requests are small and files are read on blocking
        // threads; the builds keep the other cores.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("ocop-serve")
            .enable_all()
            .build()
            .map_err(failed)?;
        let listener = {
            let _inside = runtime.enter();
            tokio::net::TcpListener::from_std(listener).map_err(failed)?
        };
        runtime.spawn(http::accept(listener, Arc::clone(state)));
        Ok(runtime)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editors_temporary_files_do_not_start_builds() {
        let watched = vec![PathBuf::from("/s/content")];
        assert!(relevant(Path::new("/s/content/a/producer.yaml"), &watched));
        assert!(!relevant(
            Path::new("/s/content/a/.producer.yaml.swp"),
            &watched
        ));
        assert!(!relevant(
            Path::new("/s/content/a/producer.yaml~"),
            &watched
        ));
        assert!(!relevant(
            Path::new("/s/.ocop-cache/serve/index.html"),
            &watched
        ));
    }

    #[test]
    fn the_overlay_escapes_what_it_shows() {
        let html = render_overlay(
            &[("a.yaml:1:1".into(), "<script>".into(), Some("x & y".into()))],
            Lang::En,
        );
        assert!(html.contains("&lt;script&gt;") && html.contains("x &amp; y"));
        assert!(html.contains("id=\"ocop-overlay\""));
    }
}
