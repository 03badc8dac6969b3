//! The HTTP side of `ocop serve`, in plain std: one thread per connection,
//! GET and HEAD, one request per connection. Pages are read from the build
//! output while no build is swapping it (see [`super::State`]); HTML pages
//! get the live-reload script, and the error overlay while the last build
//! failed. `/__ocop/events` is a Server-Sent Events stream that says
//! `reload` after every build that changed pages, `index` after one that
//! changed only the search index.

use super::path::{Refused, Target, content_type, resolve};
use super::{State, overlay};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

/// Longest request head accepted.
const MAX_HEAD: u64 = 16 * 1024;
/// How long a client may take to send its request.
const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// How often an idle event stream is pinged, which also notices closed tabs.
const PING: Duration = Duration::from_secs(15);

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
      return r.name.indexOf("/pagefind/") !== -1;
    });
    if (searched) { location.reload(); }
  });
})();
"#;

struct Request {
    method: String,
    target: String,
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.take(MAX_HEAD));
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut words = line.split_whitespace();
    let method = words.next()?.to_string();
    let target = words.next()?.to_string();
    // The headers are read and ignored: nothing here depends on them.
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) => break,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    Some(Request { method, target })
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    headers: &[(&str, String)],
    body: &[u8],
    head_only: bool,
) {
    let mut head = format!("HTTP/1.1 {status}\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    let _ = stream.write_all(head.as_bytes());
    if !head_only {
        let _ = stream.write_all(body);
    }
    let _ = stream.flush();
}

fn plain(stream: &mut TcpStream, status: &str, text: &str, head_only: bool) {
    respond(
        stream,
        status,
        &[("Content-Type", "text/plain; charset=utf-8".into())],
        text.as_bytes(),
        head_only,
    );
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

/// Serves one connection.
pub fn handle(mut stream: TcpStream, state: &Arc<State>) {
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    let Some(request) = read_request(&stream) else {
        plain(&mut stream, "400 Bad Request", "bad request\n", false);
        return;
    };
    let head_only = request.method == "HEAD";
    if request.method != "GET" && !head_only {
        respond(
            &mut stream,
            "405 Method Not Allowed",
            &[("Allow", "GET, HEAD".into())],
            b"",
            false,
        );
        return;
    }
    let path = request.target.split(['?', '#']).next().unwrap_or("");
    if path == EVENTS {
        events(stream, state);
        return;
    }
    if path == SCRIPT {
        respond(
            &mut stream,
            "200 OK",
            &[("Content-Type", "text/javascript; charset=utf-8".into())],
            LIVE_JS.as_bytes(),
            head_only,
        );
        return;
    }
    // Files are read while no build is swapping the folder, so a page is
    // always all of one build.
    let guard = state.site.read().unwrap_or_else(|e| e.into_inner());
    let overlay = overlay(state);
    let found = resolve(&state.root, &request.target);
    let (status, file) = match found {
        Ok(Target::Redirect(location)) => {
            drop(guard);
            respond(
                &mut stream,
                "301 Moved Permanently",
                &[("Location", location)],
                b"",
                head_only,
            );
            return;
        }
        Ok(Target::File(file)) => ("200 OK", Some(file)),
        Err(Refused::BadRequest) => {
            drop(guard);
            plain(&mut stream, "400 Bad Request", "bad request\n", head_only);
            return;
        }
        Err(Refused::NotFound) => ("404 Not Found", state.not_found()),
    };
    let bytes = file.as_ref().and_then(|f| std::fs::read(f).ok());
    drop(guard);
    let (Some(file), Some(bytes)) = (file, bytes) else {
        // No site yet (the first build failed): the overlay alone.
        let page = inject(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>ocop serve</title></head><body></body></html>",
            overlay.as_deref().or(Some("<p>Not found.</p>")),
        );
        respond(
            &mut stream,
            if overlay.is_some() {
                "500 Internal Server Error"
            } else {
                "404 Not Found"
            },
            &[("Content-Type", "text/html; charset=utf-8".into())],
            page.as_bytes(),
            head_only,
        );
        return;
    };
    let kind = content_type(&file);
    let body = if kind.starts_with("text/html") {
        inject(&String::from_utf8_lossy(&bytes), overlay.as_deref()).into_bytes()
    } else {
        bytes
    };
    respond(
        &mut stream,
        status,
        &[("Content-Type", kind.into())],
        &body,
        head_only,
    );
}

/// A Server-Sent Events stream: `hello` with the current build number,
/// then after each build `reload` (pages changed) or `index` (only the
/// search index and the files no page shows), until the client goes away.
fn events(mut stream: TcpStream, state: &Arc<State>) {
    let mut seen = state.generation();
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
         Connection: keep-alive\r\n\r\nretry: 500\n\nevent: hello\ndata: {seen}\n\n"
    );
    if stream.write_all(head.as_bytes()).is_err() || stream.flush().is_err() {
        return;
    }
    while !state.stop.is_cancelled() {
        let (now, pages) = state.wait_for_build(seen, PING);
        let message = if now != seen {
            seen = now;
            let name = if pages { "reload" } else { "index" };
            format!("event: {name}\ndata: {now}\n\n")
        } else {
            ": ping\n\n".to_string()
        };
        if stream.write_all(message.as_bytes()).is_err() || stream.flush().is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::inject;

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let page = inject("<html><body><p>x</p></BODY></html>", Some("<div>e</div>"));
        assert_eq!(
            page,
            "<html><body><p>x</p><div>e</div><script src=\"/__ocop/live.js\"></script>\n</BODY></html>"
        );
        assert!(inject("<p>x</p>", None).ends_with("</script>\n"));
    }
}
