//! A static file server for the tests, on axum and tower-http: it serves a
//! built site on 127.0.0.1 the way a static host does, so a browser can load
//! it. GET and HEAD only, `index.html` for folders, the site's `404.html` for
//! anything missing, nothing outside the served folder (ocop's own
//! [`ocop::serve::resolve`], tested on `ocop serve`), and text compressed
//! with gzip as every static host does (GitHub Pages, Netlify, nginx with
//! `gzip on`), so that byte budgets measured here are those of a real host.
//!
//! ```ignore
//! let server = Server::start(&output);            // http://127.0.0.1:PORT/
//! let server = Server::with_base(&output, "/ocop/"); // http://127.0.0.1:PORT/ocop/
//! ```
//! The server stops, and closes its open connections, when dropped.

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use ocop::serve::{Refused, Target, content_type, resolve};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeFile;

/// A running server; it stops when dropped.
pub struct Server {
    port: u16,
    base: String,
    runtime: Option<tokio::runtime::Runtime>,
}

struct Site {
    /// Canonical root folder.
    root: PathBuf,
    /// Path prefix, starting and ending with `/`.
    base: String,
}

impl Server {
    /// Serves `root` at `http://127.0.0.1:PORT/`.
    pub fn start(root: &Path) -> Server {
        Server::with_base(root, "/")
    }

    /// Serves `root` under the path prefix `base` (such as `/ocop/`).
    pub fn with_base(root: &Path, base: &str) -> Server {
        let base = format!("/{}/", base.trim_matches('/')).replace("//", "/");
        let root = root
            .canonicalize()
            .unwrap_or_else(|e| panic!("serve {}: {e}", root.display()));
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime for the test server");
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("bind 127.0.0.1:0");
        let port = listener.local_addr().unwrap().port();
        let site = Arc::new(Site {
            root,
            base: base.clone(),
        });
        let app = Router::new()
            .fallback_service(get(respond).with_state(site))
            .layer(CompressionLayer::new());
        runtime.spawn(async move { axum::serve(listener, app).await });
        Server {
            port,
            base,
            runtime: Some(runtime),
        }
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The address of the site, ending with `/`: `http://127.0.0.1:PORT/BASE/`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}{}", self.port, self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Waits until the listener and every connection are closed.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(Duration::from_secs(5));
        }
    }
}

/// The response to a GET or HEAD.
async fn respond(State(site): State<Arc<Site>>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    // `/ocop` asks for the folder `/ocop/`.
    if path.len() + 1 == site.base.len() && site.base.starts_with(&path) {
        return redirect(&site.base);
    }
    let Some(relative) = path.strip_prefix(&site.base[..site.base.len() - 1]) else {
        return not_found(&site);
    };
    if !relative.starts_with('/') {
        return not_found(&site);
    }
    match resolve(&site.root, relative) {
        Ok(Target::File(file)) => serve_file(file, request).await,
        Ok(Target::Redirect(location)) => {
            redirect(&format!("{}{location}", &site.base[..site.base.len() - 1]))
        }
        Err(Refused::BadRequest) => (StatusCode::BAD_REQUEST, "bad request\n").into_response(),
        Err(Refused::NotFound) => not_found(&site),
    }
}

async fn serve_file(file: PathBuf, request: Request) -> Response {
    let mime = content_type(&file)
        .parse()
        .unwrap_or(mime_guess::mime::APPLICATION_OCTET_STREAM);
    let Ok(response) = ServeFile::new_with_mime(file, &mime).oneshot(request).await;
    response.into_response()
}

fn not_found(site: &Site) -> Response {
    match std::fs::read(site.root.join("404.html")) {
        Ok(page) => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            page,
        )
            .into_response(),
        Err(_) => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

fn redirect(location: &str) -> Response {
    (
        StatusCode::MOVED_PERMANENTLY,
        [(header::LOCATION, location.to_string())],
    )
        .into_response()
}
