//! The HTTP side of `ocop serve`, on axum and hyper.
//!
//! Why these crates: axum's examples are the style anchor for the routes
//! and the middleware; tower-http's `ServeFile` answers ranges, conditional
//! requests and HEAD for the files; hyper is used directly, not through
//! `axum::serve`, for its per-connection `header_read_timeout`, so that a
//! client sending half a request line is dropped; and tokio serves
//! hundreds of idle connections without a thread each.
//!
//! Pages are read from the build output while no build is changing it
//! (see [`super::State`]); HTML pages get the live-reload script, and the
//! error overlay while the last build failed. `/__ocop/events` is a
//! Server-Sent Events stream that says `reload` after every build that
//! changed pages, `index` after one that changed only the search index.

use super::files::{Refused, Target, content_type, resolve};
use super::{State, overlay};
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State as Shared};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::StreamExt;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;
use tower_http::services::ServeFile;

/// How long a client may take to send a request's head; slower clients are
/// dropped (slowloris), idle kept-alive ones too.
pub const HEADER_DEADLINE: Duration = Duration::from_secs(5);
/// How often an idle event stream is pinged, which also notices closed tabs.
const PING: Duration = Duration::from_secs(15);
/// How often the accepting loop looks at the stop token.
const POLL: Duration = Duration::from_millis(200);

/// The address of the event stream.
pub const EVENTS: &str = "/__ocop/events";
/// The address of the live-reload script.
pub const SCRIPT: &str = "/__ocop/live.js";

/// Reloads the page after each build that changed pages, and after one
/// that changed only the search index when the page has loaded a file of
/// it (a page that searched): a producer reading the page they just
/// edited is not interrupted again when the index catches up. A stream
/// reconnecting after a restart of the server reloads too, since it may
/// have missed a build.
const LIVE_JS: &str = r#"(function () {
  var seen = null;
  var events = new EventSource("/__ocop/events");
  events.addEventListener("hello", function (e) {
    if (seen !== null && e.data !== seen) { location.reload(); }
    seen = e.data;
  });
  events.addEventListener("reload", function (e) {
    seen = e.data;
    location.reload();
  });
  events.addEventListener("index", function (e) {
    seen = e.data;
    var searched = performance.getEntriesByType("resource").some(function (r) {
      return r.name.indexOf("/search-index/") !== -1;
    });
    if (searched) { location.reload(); }
  });
})();
"#;

/// The routes: the script, the event stream, and the site for the rest.
pub fn router(state: Arc<State>) -> Router {
    Router::new()
        .route(SCRIPT, get(script))
        .route(EVENTS, get(events))
        .route(super::cms_backend::API, post(super::cms_backend::api))
        .fallback_service(get(site).with_state(Arc::clone(&state)))
        .layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            this_host_only,
        ))
        .with_state(state)
}

/// Accepts connections on `listener` until `state.stop` is cancelled,
/// each served by hyper with [`HEADER_DEADLINE`].
pub async fn accept(listener: tokio::net::TcpListener, state: Arc<State>) {
    let app = router(Arc::clone(&state));
    while !state.stop.is_cancelled() {
        let Ok(accepted) = tokio::time::timeout(POLL, listener.accept()).await else {
            continue;
        };
        // A failed accept (too many open files, a reset) is the client's
        // to retry; the server goes on.
        let Ok((stream, _)) = accepted else { continue };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_DEADLINE)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Splits a `Host` header into its name and whether its port part is
/// well formed (none, or `:` and digits).
fn host_name(host: &str) -> Option<&str> {
    let split = if host.starts_with('[') {
        host.find(']').map(|end| end + 1)
    } else {
        Some(host.find(':').unwrap_or(host.len()))
    };
    let (name, port) = host.split_at(split?);
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
    port_ok.then_some(name)
}

/// Whether a `Host` header names this machine: `localhost`, `127.0.0.1`
/// or `[::1]`, with any port.
pub fn loopback(host: &str) -> bool {
    host_name(host).is_some_and(|name| {
        ["localhost", "127.0.0.1", "[::1]"]
            .iter()
            .any(|n| n.eq_ignore_ascii_case(name))
    })
}

/// Whether a `Host` header names a server listening on `bound`: a
/// loopback name, or, when listening beyond loopback (`--bind`), the
/// address listened on written as an address (any address for 0.0.0.0).
/// Names other than `localhost` are refused whatever the address: a DNS
/// rebinding attack needs a name, never an address.
pub fn host_allowed(host: &str, bound: IpAddr) -> bool {
    if loopback(host) {
        return true;
    }
    if bound.is_loopback() {
        return false;
    }
    let Some(name) = host_name(host) else {
        return false;
    };
    let address = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name);
    // An IPv6 address must be bracketed, and an IPv4 one must not.
    let bracketed = name.starts_with('[');
    match address.parse::<IpAddr>() {
        Ok(ip) if ip.is_ipv6() == bracketed => bound.is_unspecified() || ip == bound,
        _ => false,
    }
}

/// Refuses requests for another host: a page of any site could otherwise
/// point its own name at this server (DNS rebinding) and read the site
/// being edited. The editor's local backend, which writes files, answers
/// only on loopback, even with `--bind`. Every answer is also marked not
/// to be stored, since the site changes with each save.
async fn this_host_only(
    Shared(state): Shared<Arc<State>>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    let mut response = match host {
        Some(host)
            if request.uri().path().starts_with(super::cms_backend::API) && !loopback(host) =>
        {
            (
                StatusCode::FORBIDDEN,
                "the editor's local backend answers on 127.0.0.1 only\n",
            )
                .into_response()
        }
        Some(host) if host_allowed(host, state.bound) => next.run(request).await,
        Some(_) => (
            StatusCode::FORBIDDEN,
            "this server answers for its own address only\n",
        )
            .into_response(),
        // HTTP/1.1 asks for 400 when Host is missing.
        None => (StatusCode::BAD_REQUEST, "no Host header\n").into_response(),
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        LIVE_JS,
    )
        .into_response()
}

/// A Server-Sent Events stream: `hello` with the current build number,
/// then after each build `reload` (pages changed) or `index` (only the
/// search index and the files no page shows), until the client goes away
/// or the server stops.
async fn events(Shared(state): Shared<Arc<State>>) -> Response {
    let mut builds = state.status.subscribe();
    let seen = builds.borrow_and_update().generation;
    let hello = format!("retry: 500\n\nevent: hello\ndata: {seen}\n\n");
    let later = futures_util::stream::unfold((builds, seen, state), |(mut builds, seen, state)| {
        async move {
            if state.stop.is_cancelled() {
                return None;
            }
            let (message, seen) = match tokio::time::timeout(PING, builds.changed()).await {
                // The builds are over: the server is stopping.
                Ok(Err(_)) => return None,
                Ok(Ok(())) => {
                    let status = builds.borrow_and_update();
                    if status.generation == seen {
                        (": ping\n\n".to_string(), seen)
                    } else {
                        let name = if status.pages_changed > seen {
                            "reload"
                        } else {
                            "index"
                        };
                        let now = status.generation;
                        (format!("event: {name}\ndata: {now}\n\n"), now)
                    }
                }
                Err(_) => (": ping\n\n".to_string(), seen),
            };
            Some((Ok::<_, Infallible>(message), (builds, seen, state)))
        }
    });
    let stream = futures_util::stream::once(async move { Ok::<_, Infallible>(hello) }).chain(later);
    (
        [(header::CONTENT_TYPE, "text/event-stream")],
        Body::from_stream(stream),
    )
        .into_response()
}

/// A file of the site, read on a blocking thread while no build changes
/// the folder, so a page is always all of one build.
async fn site(Shared(state): Shared<Arc<State>>, request: Request) -> Response {
    let runtime = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || read_site(&state, request, &runtime))
        .await
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

fn read_site(state: &State, request: Request, runtime: &tokio::runtime::Handle) -> Response {
    let guard = state.site.read().unwrap_or_else(|e| e.into_inner());
    if request.uri().path() == ADMIN_CONFIG {
        return admin_config(state, &request);
    }
    let overlay = overlay(state);
    let (status, file) = match resolve(&state.root, request.uri().path()) {
        Ok(Target::Redirect(location)) => {
            return (
                StatusCode::MOVED_PERMANENTLY,
                [(header::LOCATION, location)],
            )
                .into_response();
        }
        Err(Refused::BadRequest) => return plain(StatusCode::BAD_REQUEST, "bad request\n"),
        Ok(Target::File(file)) => (StatusCode::OK, Some(file)),
        Err(Refused::NotFound) => (StatusCode::NOT_FOUND, state.not_found()),
    };
    let kind = file.as_deref().map(content_type).unwrap_or_default();
    if status == StatusCode::OK
        && !kind.starts_with("text/html")
        && let Some(file) = file
    {
        return whole_file(file, kind, request, runtime);
    }
    let bytes = file.as_ref().and_then(|f| std::fs::read(f).ok());
    drop(guard);
    let Some(bytes) = bytes else {
        // No site yet (the first build failed): the overlay alone.
        let page = inject(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>ocop serve</title></head><body></body></html>",
            overlay.as_deref().or(Some("<p>Not found.</p>")),
        );
        let status = if overlay.is_some() {
            StatusCode::INTERNAL_SERVER_ERROR
        } else {
            StatusCode::NOT_FOUND
        };
        return (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            page,
        )
            .into_response();
    };
    // The editor is not reloaded under the producer's hands after a save.
    let page = if request.uri().path().starts_with("/admin/") {
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        inject(&String::from_utf8_lossy(&bytes), overlay.as_deref())
    };
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

/// Where the editor reads its configuration.
const ADMIN_CONFIG: &str = "/admin/config.yml";

/// The editor's configuration as built, pointed at this server's local
/// backend (see [`super::cms_backend::served_config`]).
fn admin_config(state: &State, request: &Request) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    let text = std::fs::read_to_string(state.root.join("admin/config.yml")).ok();
    match text.and_then(|t| super::cms_backend::served_config(&t, &format!("http://{host}"))) {
        Some(config) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/yaml; charset=utf-8")],
            config,
        )
            .into_response(),
        None => plain(StatusCode::NOT_FOUND, "not found\n"),
    }
}

/// A file other than a page, by tower-http (ranges, `If-None-Match`,
/// HEAD), read whole before the caller lets a build change the folder.
fn whole_file(
    file: std::path::PathBuf,
    kind: String,
    request: Request,
    runtime: &tokio::runtime::Handle,
) -> Response {
    let mime = kind
        .parse()
        .unwrap_or(mime_guess::mime::APPLICATION_OCTET_STREAM);
    runtime.block_on(async move {
        let Ok(response) = ServeFile::new_with_mime(file, &mime).oneshot(request).await;
        let (parts, body) = response.into_parts();
        match axum::body::to_bytes(Body::new(body), usize::MAX).await {
            Ok(bytes) => Response::from_parts(parts, Body::from(bytes)),
            Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    })
}

/// Puts the live-reload script, and the overlay when there is one, before
/// the end of the body.
fn inject(html: &str, overlay: Option<&str>) -> String {
    let mut extra = String::new();
    if let Some(overlay) = overlay {
        extra.push_str(overlay);
    }
    extra.push_str(&format!("<script src=\"{SCRIPT}\"></script>\n"));
    let at = html
        .to_ascii_lowercase()
        .rfind("</body>")
        .unwrap_or(html.len());
    format!("{}{extra}{}", &html[..at], &html[at..])
}

#[cfg(test)]
mod tests {
    use super::{host_allowed, inject, loopback};
    use std::net::IpAddr;

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let page = inject("<html><body><p>x</p></BODY></html>", Some("<div>e</div>"));
        assert_eq!(
            page,
            "<html><body><p>x</p><div>e</div><script src=\"/__ocop/live.js\"></script>\n</BODY></html>"
        );
        assert!(inject("<p>x</p>", None).ends_with("</script>\n"));
    }

    #[test]
    fn only_loopback_names_are_this_host() {
        for host in [
            "localhost",
            "localhost:8000",
            "127.0.0.1:1",
            "[::1]",
            "[::1]:80",
            "LocalHost",
        ] {
            assert!(loopback(host), "{host}");
        }
        for host in [
            "evil.com",
            "127.0.0.1.evil.com",
            "localhost.evil.com:80",
            "[::2]",
            "127.0.0.1:x",
            "::1",
            "localhost:",
            "",
        ] {
            assert!(!loopback(host), "{host}");
        }
    }

    #[test]
    fn beyond_loopback_addresses_are_allowed_but_never_other_names() {
        let lan: IpAddr = "192.168.1.5".parse().unwrap();
        let every: IpAddr = "0.0.0.0".parse().unwrap();
        let local: IpAddr = "127.0.0.1".parse().unwrap();
        assert!(host_allowed("localhost:8000", lan));
        assert!(host_allowed("192.168.1.5:8000", lan));
        assert!(!host_allowed("192.168.1.6:8000", lan));
        assert!(host_allowed("10.0.0.2:8000", every));
        assert!(host_allowed("[fe80::1]:8000", every));
        assert!(!host_allowed("fe80::1", every), "unbracketed IPv6");
        assert!(!host_allowed("[10.0.0.2]:80", every), "bracketed IPv4");
        assert!(!host_allowed("192.168.1.5:8000", local));
        for name in ["evil.com", "192.168.1.5.nip.io:8000", "ocop.local"] {
            assert!(!host_allowed(name, every), "{name}");
            assert!(!host_allowed(name, lan), "{name}");
        }
    }
}
