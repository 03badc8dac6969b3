//! A small static file server for the tests, in plain std Rust: it serves a
//! built site on 127.0.0.1 the way a static host does, so a browser can load
//! it. GET and HEAD only, `index.html` for folders, the site's `404.html` for
//! anything missing, and nothing outside the served folder.
//!
//! ```ignore
//! let server = Server::start(&output);            // http://127.0.0.1:PORT/
//! let server = Server::with_base(&output, "/ocop/"); // http://127.0.0.1:PORT/ocop/
//! ```
//! The server stops, and closes its open connections, when dropped.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// Longest request head accepted, in bytes.
const MAX_HEAD: usize = 16 * 1024;
/// How long a kept-alive connection may stay idle.
const IDLE: Duration = Duration::from_secs(10);

/// A running server; it stops when dropped.
pub struct Server {
    port: u16,
    base: String,
    stop: Arc<AtomicBool>,
    connections: Connections,
    acceptor: Option<JoinHandle<()>>,
}

/// Open connections by number, so that dropping the server closes them.
type Connections = Arc<Mutex<HashMap<u64, TcpStream>>>;

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
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let connections: Connections = Arc::default();
        let site = Arc::new(Site {
            root,
            base: base.clone(),
        });
        let acceptor = {
            let stop = Arc::clone(&stop);
            let connections = Arc::clone(&connections);
            std::thread::Builder::new()
                .name(format!("test-server-{port}"))
                .spawn(move || {
                    for (number, stream) in listener.incoming().enumerate() {
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                        let Ok(stream) = stream else { continue };
                        let number = number as u64;
                        if let Ok(clone) = stream.try_clone() {
                            connections.lock().unwrap().insert(number, clone);
                        }
                        let site = Arc::clone(&site);
                        let registry = Arc::clone(&connections);
                        let spawned = std::thread::Builder::new()
                            .name(format!("test-server-{port}-{number}"))
                            .spawn(move || {
                                let _ = serve_connection(&site, &stream);
                                let _ = stream.shutdown(Shutdown::Both);
                                registry.lock().unwrap().remove(&number);
                            });
                        if spawned.is_err() {
                            connections.lock().unwrap().remove(&number);
                        }
                    }
                })
                .expect("spawn server thread")
        };
        Server {
            port,
            base,
            stop,
            connections,
            acceptor: Some(acceptor),
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
        self.stop.store(true, Ordering::SeqCst);
        // Wake the acceptor so that it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
        for (_, stream) in self.connections.lock().unwrap().drain() {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

struct Response {
    status: u16,
    reason: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    fn new(status: u16, reason: &'static str) -> Response {
        Response {
            status,
            reason,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    fn text(status: u16, reason: &'static str, text: &str) -> Response {
        let mut response = Response::new(status, reason);
        response
            .headers
            .push(("Content-Type", "text/plain; charset=utf-8".to_string()));
        response.body = format!("{text}\n").into_bytes();
        response
    }
}

/// Answers requests on one connection until the client closes it, asks to
/// close it, or stays idle too long.
fn serve_connection(site: &Site, stream: &TcpStream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    let mut writer = stream;
    let mut reader = BufReader::new(stream);
    loop {
        let Some(head) = read_head(&mut reader)? else {
            return Ok(());
        };
        let mut lines = head.split("\r\n");
        let request_line = lines.next().unwrap_or_default();
        let mut parts = request_line.split(' ');
        let (method, target, version) = (
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        );
        let mut keep_alive = version == "HTTP/1.1";
        let mut body_length = 0usize;
        let mut gzip = false;
        for line in lines {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            if name.eq_ignore_ascii_case("connection") {
                if value.eq_ignore_ascii_case("close") {
                    keep_alive = false;
                } else if value.eq_ignore_ascii_case("keep-alive") {
                    keep_alive = true;
                }
            } else if name.eq_ignore_ascii_case("content-length") {
                body_length = value.parse().unwrap_or(0);
            } else if name.eq_ignore_ascii_case("accept-encoding") {
                gzip = value.split(',').any(|e| e.trim().starts_with("gzip"));
            }
        }
        // GET and HEAD carry no body; drop any that was sent.
        std::io::copy(
            &mut (&mut reader).take(body_length as u64),
            &mut std::io::sink(),
        )?;
        let response = if !version.starts_with("HTTP/1.") || !target.starts_with('/') {
            keep_alive = false;
            Response::text(400, "Bad Request", "bad request")
        } else if method != "GET" && method != "HEAD" {
            let mut response = Response::text(405, "Method Not Allowed", "GET or HEAD only");
            response.headers.push(("Allow", "GET, HEAD".to_string()));
            response
        } else {
            respond(site, target)
        };
        let response = if gzip { compressed(response) } else { response };
        write_response(&mut writer, &response, method == "HEAD", keep_alive)?;
        if !keep_alive {
            return Ok(());
        }
    }
}

/// Text compressed with gzip, as every static host serves it (GitHub Pages,
/// Netlify, S3 behind a CDN, nginx with `gzip on`), so that byte budgets
/// measured against this server are those of a real host.
fn compressed(mut response: Response) -> Response {
    let textual = response.headers.iter().any(|(name, value)| {
        name.eq_ignore_ascii_case("content-type")
            && ["text/", "javascript", "json", "xml", "svg"]
                .iter()
                .any(|t| value.contains(t))
    });
    if !textual || response.body.len() < 256 {
        return response;
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    if encoder.write_all(&response.body).is_err() {
        return response;
    }
    let Ok(body) = encoder.finish() else {
        return response;
    };
    response.body = body;
    response
        .headers
        .push(("Content-Encoding", "gzip".to_string()));
    response
        .headers
        .push(("Vary", "Accept-Encoding".to_string()));
    response
}

/// Reads a request head up to its blank line; `None` at end of stream.
fn read_head(reader: &mut impl BufRead) -> std::io::Result<Option<String>> {
    let mut head = Vec::new();
    loop {
        let mut line = Vec::new();
        let read = reader
            .by_ref()
            .take((MAX_HEAD + 1 - head.len().min(MAX_HEAD)) as u64)
            .read_until(b'\n', &mut line)?;
        if read == 0 {
            return Ok(None);
        }
        if line == b"\r\n" || line == b"\n" {
            if head.is_empty() {
                continue; // stray blank line between requests
            }
            return Ok(Some(String::from_utf8_lossy(&head).trim_end().to_string()));
        }
        head.extend_from_slice(&line);
        if head.len() > MAX_HEAD {
            return Err(std::io::Error::other("request head too long"));
        }
    }
}

fn write_response(
    writer: &mut impl Write,
    response: &Response,
    head_only: bool,
    keep_alive: bool,
) -> std::io::Result<()> {
    let mut out = format!("HTTP/1.1 {} {}\r\n", response.status, response.reason);
    for (name, value) in &response.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
    out.push_str("Cache-Control: no-cache\r\n");
    out.push_str(if keep_alive {
        "Connection: keep-alive\r\n\r\n"
    } else {
        "Connection: close\r\n\r\n"
    });
    let mut bytes = out.into_bytes();
    if !head_only {
        bytes.extend_from_slice(&response.body);
    }
    writer.write_all(&bytes)?;
    writer.flush()
}

/// The response to a GET of `target`.
fn respond(site: &Site, target: &str) -> Response {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let Some(decoded) = percent_decode(path) else {
        return Response::text(400, "Bad Request", "bad escape in path");
    };
    // `/ocop` asks for the folder `/ocop/`.
    if decoded.len() + 1 == site.base.len() && site.base.starts_with(&decoded) {
        return redirect(&format!("{path}/"));
    }
    let Some(relative) = decoded.strip_prefix(&site.base) else {
        return not_found(site);
    };
    let Some(file) = resolve(&site.root, relative) else {
        return Response::text(403, "Forbidden", "path outside the site");
    };
    if file.is_dir() {
        if !relative.is_empty() && !relative.ends_with('/') {
            return redirect(&format!("{path}/"));
        }
        let index = file.join("index.html");
        return if index.is_file() {
            serve_file(&index, 200, "OK")
        } else {
            not_found(site)
        };
    }
    if file.is_file() {
        serve_file(&file, 200, "OK")
    } else {
        not_found(site)
    }
}

/// Maps a decoded path below the root to a file, or `None` when it would
/// leave the root (`..`, absolute parts, backslashes, NUL, or a symbolic link
/// pointing out).
fn resolve(root: &Path, relative: &str) -> Option<PathBuf> {
    if relative.contains(['\\', '\0']) {
        return None;
    }
    let mut file = root.to_path_buf();
    for segment in relative.split('/').filter(|s| !s.is_empty() && *s != ".") {
        let mut components = Path::new(segment).components();
        match (components.next(), components.next()) {
            (Some(Component::Normal(part)), None) => file.push(part),
            _ => return None,
        }
    }
    match file.canonicalize() {
        Ok(real) if !real.starts_with(root) => None,
        _ => Some(file),
    }
}

fn serve_file(file: &Path, status: u16, reason: &'static str) -> Response {
    match std::fs::read(file) {
        Ok(body) => {
            let mut response = Response::new(status, reason);
            response
                .headers
                .push(("Content-Type", content_type(file).to_string()));
            response.body = body;
            response
        }
        Err(e) => Response::text(500, "Internal Server Error", &e.to_string()),
    }
}

fn not_found(site: &Site) -> Response {
    let page = site.root.join("404.html");
    if page.is_file() {
        serve_file(&page, 404, "Not Found")
    } else {
        Response::text(404, "Not Found", "not found")
    }
}

fn redirect(location: &str) -> Response {
    let mut response = Response::text(301, "Moved Permanently", location);
    response.headers.push(("Location", location.to_string()));
    response
}

/// The Content-Type for a file, by its extension.
pub fn content_type(file: &Path) -> &'static str {
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

/// Decodes %XX escapes; `None` for a bad escape or bytes that are not UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = path.get(i + 1..i + 3)?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
