//! `ocop serve`: build, serve on 127.0.0.1, and rebuild on every saved
//! change of `content/` or `themes/`, reloading open pages.
//!
//! The first build is a whole one, which keeps what it read and rendered
//! ([`Kept`]). An edit inside producer folders is then rebuilt page by
//! page (`live::update`): the changed folders are read again, the pages
//! that can show them are looked at, those whose key changed are rendered
//! and written into the served site in place, and open pages reload. A
//! whole build follows in a thread of its own for the search index,
//! sitemaps, feed and exports, and replaces what was kept; a newer edit
//! makes it give up ([`crate::output::supersede`]) and it starts again
//! after. Other changes (site settings, reference data, the theme, a
//! product or producer come or gone) get a whole build, incremental as
//! `ocop build` is (photo cache, page memory), with the search index
//! deferred to the build in the background.
//!
//! The site is written into its own folder (never the user's `public/`),
//! and requests wait while it is being changed (only then), so a
//! half-written page is never served. Changes are gathered until the files
//! have been quiet for [`DEBOUNCE`], which lets an editor finish saving
//! (write, rename, delete). A build that fails (an error in content, a
//! file that vanished while being read) is reported, shown over every
//! page, and the server waits for the next change.

mod http;
mod live;
mod path;

pub use http::{EVENTS, SCRIPT};
pub use path::{Refused, Target, percent_decode, resolve, segments};

use crate::build::{BuildError, BuildOptions, BuildSummary, Kept, build_keeping};
use crate::content::ContentMemo;
use crate::diagnostic::{Diagnostics, Severity};
use crate::lang::Lang;
use notify::{EventKind, RecursiveMode, Watcher};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;

/// Changes are built once the files have been quiet this long.
pub const DEBOUNCE: Duration = Duration::from_millis(100);
/// The port used unless `--port` says otherwise.
pub const DEFAULT_PORT: u16 = 8000;
/// Where the served site is built, relative to the root, by default.
pub const DEFAULT_OUTPUT: &str = ".ocop-cache/serve";
/// Connections served at once; more wait for the listener.
const MAX_CONNECTIONS: usize = 64;

/// A whole build on a thread of its own.
type Background = std::thread::JoinHandle<Result<(BuildSummary, Option<Kept>), BuildError>>;

/// What to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder (holding `content/`).
    pub root: PathBuf,
    /// The port on 127.0.0.1; 0 for any free port.
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
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind {
        /// The port asked for.
        port: u16,
        /// Why.
        source: std::io::Error,
    },
    /// The folders cannot be watched.
    #[error("cannot watch {}: {source}", .path.display())]
    Watch {
        /// The folder.
        path: PathBuf,
        /// Why.
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
    /// Held for writing while a build runs, so requests read a whole site.
    site: RwLock<()>,
    status: Mutex<Status>,
    built: Condvar,
}

impl State {
    fn generation(&self) -> u64 {
        self.status.lock().map(|s| s.generation).unwrap_or(0)
    }

    /// Waits until a build after `seen` finishes, or `timeout`; returns the
    /// current build number, and whether pages changed since `seen`.
    fn wait_for_build(&self, seen: u64, timeout: Duration) -> (u64, bool) {
        let Ok(status) = self.status.lock() else {
            return (seen, false);
        };
        match self
            .built
            .wait_timeout_while(status, timeout, |s| s.generation == seen)
        {
            Ok((status, _)) => (status.generation, status.pages_changed > seen),
            Err(_) => (seen, false),
        }
    }

    /// Notes a finished build: `pages` when it changed pages, and not only
    /// the search index. Showing or taking away the overlay changes pages.
    fn finish(&self, overlay: Option<String>, pages: bool) {
        if let Ok(mut status) = self.status.lock() {
            status.generation += 1;
            if pages || overlay.is_some() || status.overlay.is_some() {
                status.pages_changed = status.generation;
            }
            status.overlay = overlay;
        }
        self.built.notify_all();
    }

    /// The site's 404 page, if it has one.
    fn not_found(&self) -> Option<PathBuf> {
        let page = self.root.join("404.html");
        page.is_file().then_some(page)
    }
}

fn overlay(state: &State) -> Option<String> {
    state.status.lock().ok().and_then(|s| s.overlay.clone())
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

/// A bound server, ready to run.
pub struct Server {
    listener: TcpListener,
    options: ServeOptions,
    output: PathBuf,
    url: String,
}

impl Server {
    /// Listens on 127.0.0.1 and checks the output folder.
    pub fn bind(mut options: ServeOptions) -> Result<Server, ServeError> {
        // Watchers name changed files by the folder watched: an absolute
        // root gives paths that can be shown relative to it.
        if let Ok(root) = std::path::absolute(&options.root) {
            options.root = root;
        }
        let listener =
            TcpListener::bind(("127.0.0.1", options.port)).map_err(|source| ServeError::Bind {
                port: options.port,
                source,
            })?;
        let port = listener
            .local_addr()
            .map_err(|source| ServeError::Bind {
                port: options.port,
                source,
            })?
            .port();
        let output = options
            .output
            .clone()
            .unwrap_or_else(|| options.root.join(DEFAULT_OUTPUT));
        let output = crate::output::check_output(&output, &options.root)?;
        Ok(Server {
            listener,
            options,
            output,
            url: format!("http://127.0.0.1:{port}/"),
        })
    }

    /// The address the site is served at.
    pub fn url(&self) -> &str {
        &self.url
    }

    fn build_options(&self, defer_search: bool) -> BuildOptions {
        BuildOptions {
            root: self.options.root.clone(),
            output: Some(self.output.clone()),
            base_url: Some(self.url.clone()),
            today: None,
            cache_dir: self.options.cache_dir.clone(),
            prune_cache: false,
            progress: false,
            force: false,
            defer_search,
        }
    }

    /// A whole build, the search index deferred (the page comes first);
    /// keeps what it read and rendered in `kept` for the next edit. True
    /// when the index is stale.
    fn build_whole(
        &self,
        state: &State,
        report: &mut dyn FnMut(Event<'_>),
        kept: &mut Option<Kept>,
    ) -> bool {
        // Requests wait only while the new site is swapped in.
        let result = build_keeping(
            &self.build_options(true),
            Some(ContentMemo::new()),
            |staging| {
                let _writing = state.site.write().unwrap_or_else(|e| e.into_inner());
                staging.commit()
            },
        );
        match result {
            // Open pages reload first; reporting prints, which can wait.
            Ok((summary, whole)) => {
                state.finish(None, true);
                if let Some(whole) = whole {
                    *kept = Some(whole);
                }
                report(Event::Built(&summary));
                summary.search.stale
            }
            Err(error) => {
                state.finish(Some(failure_overlay(&error, self.options.lang)), true);
                *kept = None;
                if !error.is_interrupted() {
                    report(Event::Failed(&error));
                }
                false
            }
        }
    }

    /// Starts a whole build, search index included, on a thread of its own:
    /// after an edit's pages are in place, it brings the index, sitemaps,
    /// feed and exports up to date. Open pages reload when it is swapped in.
    fn build_behind(&self, state: &Arc<State>, force: bool) -> Background {
        let options = BuildOptions {
            force,
            ..self.build_options(false)
        };
        let state = Arc::clone(state);
        let lang = self.options.lang;
        std::thread::spawn(move || {
            let result = build_keeping(&options, Some(ContentMemo::new()), |staging| {
                let _writing = state.site.write().unwrap_or_else(|e| e.into_inner());
                staging.commit()
            });
            match &result {
                // Its pages are those the edit's update put in place (a test
                // checks that they are the same bytes): only the index changed.
                Ok(_) => state.finish(None, false),
                Err(error) if !error.is_interrupted() => {
                    state.finish(Some(failure_overlay(error, lang)), true);
                }
                Err(_) => {}
            }
            result
        })
    }

    /// Waits for the build in the background, if any, or (`stop`) makes it
    /// give up first; keeps what it kept, and reports it.
    fn settle(
        background: &mut Option<Background>,
        stop: bool,
        kept: &mut Option<Kept>,
        report: &mut dyn FnMut(Event<'_>),
    ) {
        let Some(handle) = background.take() else {
            return;
        };
        if stop {
            crate::output::supersede(true);
        }
        let result = handle.join();
        crate::output::supersede(false);
        match result {
            Ok(Ok((summary, whole))) => {
                if let Some(whole) = whole {
                    *kept = Some(whole);
                }
                report(Event::Built(&summary));
            }
            Ok(Err(error)) if error.is_interrupted() => {}
            Ok(Err(error)) => {
                *kept = None;
                report(Event::Failed(&error));
            }
            Err(_) => *kept = None,
        }
    }

    /// Builds after `changed` files changed: page by page when they are
    /// all in producer folders and the last build kept what it read, as a
    /// whole build otherwise. Starts the build that indexes, when needed.
    fn rebuild(
        &self,
        state: &Arc<State>,
        report: &mut dyn FnMut(Event<'_>),
        changed: &[PathBuf],
        kept: &mut Option<Kept>,
    ) -> Option<Background> {
        let folders = live::changed_folders(&self.options.root, changed);
        let update = match (folders, kept.as_mut()) {
            (Some(folders), Some(whole)) => {
                live::update(whole, &self.build_options(true), &folders, &state.site)
            }
            _ => Ok(None),
        };
        match update {
            Ok(Some(mut summary)) => {
                state.finish(None, true);
                if let Some(whole) = kept.as_ref() {
                    summary.warnings = live::problems(whole);
                    live::remember(whole, &self.build_options(true));
                }
                report(Event::Built(&summary));
                Some(self.build_behind(state, false))
            }
            Ok(None) => self
                .build_whole(state, report, kept)
                .then(|| self.build_behind(state, false)),
            Err(error) => {
                state.finish(Some(failure_overlay(&error, self.options.lang)), true);
                // Content with errors leaves the site as it was; anything
                // else may have left it between two states.
                if !matches!(error, BuildError::Content(_)) {
                    *kept = None;
                }
                report(Event::Failed(&error));
                None
            }
        }
    }

    /// Builds, serves and rebuilds on changes until Ctrl-C
    /// ([`crate::output::request_stop`]). `ready` is called once the first
    /// build is done and pages are served.
    pub fn run(
        self,
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
            site: RwLock::new(()),
            status: Mutex::new(Status::default()),
            built: Condvar::new(),
        });
        let mut kept = None;
        report(Event::Building(&[]));
        let stale = self.build_whole(&state, report, &mut kept);
        // A site found up to date was served as it was, and nothing was
        // read: a build in the background reads it, for edits to follow
        // page by page.
        let up_to_date = kept.is_none() && overlay(&state).is_none();
        let mut background = (stale || up_to_date).then(|| self.build_behind(&state, up_to_date));
        if crate::output::stop_requested() {
            Self::settle(&mut background, true, &mut kept, report);
            return Ok(());
        }
        self.accept(&state)?;
        ready(&self.url);

        while !crate::output::stop_requested() {
            let first = match changes.recv_timeout(Duration::from_millis(200)) {
                Ok(event) => event,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if background.as_ref().is_some_and(|b| b.is_finished()) {
                        Self::settle(&mut background, false, &mut kept, report);
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
            // The build in the background is out of date: it gives up, and
            // starts again after this one.
            Self::settle(&mut background, true, &mut kept, report);
            background = self.rebuild(&state, report, &changed, &mut kept);
        }
        Self::settle(&mut background, true, &mut kept, report);
        Ok(())
    }

    /// Accepts connections on a thread of its own, each served on its own
    /// thread, at most [`MAX_CONNECTIONS`] at once.
    fn accept(&self, state: &Arc<State>) -> Result<(), ServeError> {
        let listener = self
            .listener
            .try_clone()
            .map_err(|source| ServeError::Bind {
                port: self.options.port,
                source,
            })?;
        let state = Arc::clone(state);
        let open = Arc::new(AtomicUsize::new(0));
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                if open.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
                    // Too many at once: closing is the answer a client retries.
                    continue;
                }
                open.fetch_add(1, Ordering::SeqCst);
                let state = Arc::clone(&state);
                let open = Arc::clone(&open);
                std::thread::spawn(move || {
                    http::handle(stream, &state);
                    open.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        Ok(())
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
