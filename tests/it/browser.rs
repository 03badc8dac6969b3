//! The built example in a real browser: consumer smoke tests, accessibility
//! (axe-core) with screenshots, and page weight in headless Chromium driven
//! by the Node project in tests/browser; HTML validity with the W3C Nu
//! checker (vnu.jar, on Java). Also tests the static server they use.
//!
//! A test whose tool (Chromium, Node.js with npm, Java) build.rs did not
//! find is reported as ignored, unless CI=true: then it runs and fails.
//! Screenshots and reports go to tests/artifacts/.

use crate::common::generate;
use crate::common::server::Server;
use crate::common::{build, repo, text};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

/// Longest a Node or Java run may take before it is stopped.
const RUN_LIMIT: Duration = Duration::from_secs(180);

// ---------------------------------------------------------------------------
// Tools
//
// build.rs sets `ocop_missing = "<tool>"` for each tool it cannot find, so
// that the tests needing it are reported as ignored; with CI=true it sets
// none, and a missing tool fails the test.

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// Writes a line that `cargo test` shows even for a passing test (its capture
/// only takes `print!` and `eprint!`).
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

// ---------------------------------------------------------------------------
// The Node project in tests/browser

fn browser_dir() -> PathBuf {
    repo().join("tests/browser")
}

fn artifacts() -> PathBuf {
    repo().join("tests/artifacts")
}

/// Holds a lock file while alive; removes it when dropped.
struct InstallLock(PathBuf);

impl InstallLock {
    /// Waits for the lock at `path`, taking over one left by a run that died.
    fn acquire(path: &Path) -> InstallLock {
        let started = Instant::now();
        loop {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
            {
                Ok(mut file) => {
                    let _ = writeln!(file, "{}", std::process::id());
                    return InstallLock(path.to_path_buf());
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let age = std::fs::metadata(path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| SystemTime::now().duration_since(t).ok())
                        .unwrap_or_default();
                    if age > Duration::from_secs(600) {
                        let _ = std::fs::remove_file(path);
                        continue;
                    }
                    assert!(
                        started.elapsed() < Duration::from_secs(600),
                        "waited 10 minutes for {}",
                        path.display()
                    );
                    std::thread::sleep(Duration::from_millis(200));
                }
                Err(e) => panic!("{}: {e}", path.display()),
            }
        }
    }
}

impl Drop for InstallLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Installs the Node dependencies from package-lock.json unless a finished
/// install of that lock file is there; one install at a time, across
/// threads and processes.
fn ensure_node_modules() {
    let dir = browser_dir();
    // npm writes this file last: its presence means a finished install,
    // and its being older than the lock file an install of an older one.
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let installed = || {
        let done = modified(&dir.join("node_modules/.package-lock.json"));
        done.is_some() && done >= modified(&dir.join("package-lock.json"))
    };
    if installed() {
        return;
    }
    let _lock = InstallLock::acquire(&dir.join(".npm-install.lock"));
    if installed() {
        return;
    }
    say("installing the browser tests' Node dependencies: npm ci --prefix tests/browser");
    // --ignore-scripts: vnu-jar's install script would download a Java
    // runtime; the tests use the system's java.
    let output = Command::new("npm")
        .args([
            "ci",
            "--prefix",
            "tests/browser",
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
        ])
        .current_dir(repo())
        .stdin(Stdio::null())
        .output()
        .expect("run npm");
    let (stdout, stderr) = text(&output);
    assert!(
        output.status.success() && installed(),
        "npm ci --prefix tests/browser failed:\n{stdout}\n{stderr}"
    );
}

/// Runs `command` with its output captured, stopping it after `limit`.
fn run_with_limit(mut command: Command, limit: Duration) -> (Output, Duration) {
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("start {command:?}: {e}"));
    let mut pipes = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let stdout = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipes.0.read_to_end(&mut bytes);
        bytes
    });
    let stderr = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipes.1.read_to_end(&mut bytes);
        bytes
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let status = child.wait().unwrap();
            let mut out = stdout.join().unwrap();
            out.extend_from_slice(format!("\n[stopped after {limit:?}]\n").as_bytes());
            let output = Output {
                status,
                stdout: out,
                stderr: stderr.join().unwrap(),
            };
            return (output, started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let output = Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    };
    (output, started.elapsed())
}

/// Runs the named checks of tests/browser/run.mjs against `url`; fails the
/// test with their whole output when any fails.
fn run_checks(test: &str, url: &str, checks: &[&str]) {
    run_checks_with(test, url, checks, &[]);
}

/// [`run_checks`], with more variables in the checks' environment.
fn run_checks_with(test: &str, url: &str, checks: &[&str], env: &[(&str, String)]) {
    let mut command = Command::new("node");
    command
        .arg("run.mjs")
        .args(checks)
        .current_dir(browser_dir())
        .env("OCOP_BASE_URL", url)
        .env("OCOP_ARTIFACTS", artifacts())
        .env("CHROMIUM", chromium())
        .env("OCOP_RUN", test)
        .envs(env.iter().map(|(name, value)| (name, value)));
    let (output, took) = run_with_limit(command, RUN_LIMIT);
    let (stdout, stderr) = text(&output);
    assert!(
        output.status.success(),
        "{test}: browser checks failed ({:?} after {took:.1?}):\n{stdout}\n{stderr}",
        output.status
    );
    for line in stdout.lines().filter_map(|l| l.strip_prefix("report: ")) {
        say(&format!("{test}: {line}"));
    }
    let summary = stdout
        .lines()
        .rfind(|l| l.starts_with("browser checks:"))
        .unwrap_or("no summary");
    say(&format!("{test}: {summary} in {took:.1?}"));
}

// ---------------------------------------------------------------------------
// The example site, built and served

struct Served {
    _dir: tempfile::TempDir,
    output: PathBuf,
    server: Server,
}

/// Builds the example with the real binary into a temporary folder and
/// serves it, under `base` (such as `/ocop/`) when given.
fn serve_example(base: &str) -> Served {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("public");
    let base_url = format!("https://ocop.example.vn{base}");
    let result = build(&repo(), &output, &["--base-url", &base_url]);
    let (stdout, stderr) = text(&result);
    assert!(result.status.success(), "build failed:\n{stdout}\n{stderr}");
    let server = Server::with_base(&output, base);
    Served {
        _dir: dir,
        output,
        server,
    }
}

// ---------------------------------------------------------------------------
// Browser tests

#[test]
#[cfg_attr(
    any(ocop_missing = "chromium", ocop_missing = "node"),
    ignore = "needs Chromium and Node.js 20+ with npm (see .ci/run), then `touch build.rs`"
)]
fn browser_consumer_smoke() {
    ensure_node_modules();
    let site = serve_example("/");
    run_checks("browser_consumer_smoke", &site.server.url(), &["smoke"]);
}

#[test]
#[cfg_attr(
    any(ocop_missing = "chromium", ocop_missing = "node"),
    ignore = "needs Chromium and Node.js 20+ with npm (see .ci/run), then `touch build.rs`"
)]
fn browser_consumer_smoke_under_a_base_path() {
    ensure_node_modules();
    let site = serve_example("/ocop/");
    run_checks(
        "browser_consumer_smoke_under_a_base_path",
        &site.server.url(),
        &["smoke"],
    );
}

#[test]
#[cfg_attr(
    any(ocop_missing = "chromium", ocop_missing = "node"),
    ignore = "needs Chromium and Node.js 20+ with npm (see .ci/run), then `touch build.rs`"
)]
fn browser_live_reload() {
    ensure_node_modules();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    crate::common::copy_tree(
        &repo().join("tests/sites/base/content"),
        &root.join("content"),
    );
    let product = root.join("content/producers/hai-son/products/banh-pia.yaml");
    assert!(product.is_file(), "the test site has its product");
    let serve = crate::common::serve::start(&root);
    run_checks_with(
        "browser_live_reload",
        &format!("http://127.0.0.1:{}/", serve.port),
        &["live"],
        &[
            ("OCOP_LIVE_FILE", product.display().to_string()),
            ("OCOP_LIVE_PAGE", "san-pham/hai-son/banh-pia/".to_string()),
        ],
    );
}

/// The editor at /admin/ of `ocop serve` (issue 26): an edit published
/// lands in that file alone, a new producer gets its folder and its
/// uploaded logo its photos/, invalid entries are refused, and what was
/// written passes `ocop check`.
#[test]
#[cfg_attr(
    any(ocop_missing = "chromium", ocop_missing = "node"),
    ignore = "needs Chromium and Node.js 20+ with npm (see .ci/run), then `touch build.rs`"
)]
fn browser_cms_editor() {
    ensure_node_modules();
    let (_dir, root) = crate::cms::example_with_cms();
    let serve = crate::common::serve::start(&root);
    run_checks_with(
        "browser_cms_editor",
        &format!("http://127.0.0.1:{}/", serve.port),
        &["cms"],
        &[("OCOP_CMS_ROOT", root.display().to_string())],
    );
    drop(serve);
    let check = crate::common::ocop(&["check", "--root", root.to_str().unwrap()]);
    assert!(check.status.success(), "{:?}", text(&check));
    let product = root.join("content/producers/gao-thom-tran-de/products/gao-st25.md");
    let written = std::fs::read_to_string(product).unwrap();
    assert!(written.contains("price: 234000"), "{written}");
    // What Decap wrote reads back as the original but for the price.
    let dir = tempfile::tempdir().unwrap();
    let record = |site: &Path, name: &str| {
        let output = dir.path().join(name);
        let result = build(site, &output, &[]);
        assert!(result.status.success(), "{:?}", text(&result));
        let mut record = crate::cms::product_record(&output, "gao-st25");
        record["price"] = serde_json::Value::Null;
        record
    };
    assert_eq!(
        record(&repo(), "before"),
        record(&root, "after"),
        "Decap wrote:\n{written}"
    );
}

#[test]
#[cfg_attr(
    any(ocop_missing = "chromium", ocop_missing = "node"),
    ignore = "needs Chromium and Node.js 20+ with npm (see .ci/run), then `touch build.rs`"
)]
fn browser_accessibility() {
    ensure_node_modules();
    let site = serve_example("/");
    run_checks("browser_accessibility", &site.server.url(), &["a11y"]);
}

#[test]
#[cfg_attr(
    any(ocop_missing = "chromium", ocop_missing = "node"),
    ignore = "needs Chromium and Node.js 20+ with npm (see .ci/run), then `touch build.rs`"
)]
fn browser_page_weight() {
    ensure_node_modules();
    let site = serve_example("/");
    run_checks("browser_page_weight", &site.server.url(), &["weight"]);
}

/// Searching in Vietnamese with and without diacritics, filters, the address
/// as state, the back button, and the bytes searches cost.
#[test]
#[cfg_attr(
    any(ocop_missing = "chromium", ocop_missing = "node"),
    ignore = "needs Chromium and Node.js 20+ with npm (see .ci/run), then `touch build.rs`"
)]
fn browser_search() {
    ensure_node_modules();
    let site = serve_example("/");
    run_checks(
        "browser_search",
        &site.server.url(),
        &["search", "search-facets", "search-weight"],
    );
}

/// The search page's counts and excerpts on a generated catalogue of many
/// provinces (400 products), not only on the example.
#[test]
#[cfg_attr(
    any(ocop_missing = "chromium", ocop_missing = "node"),
    ignore = "needs Chromium and Node.js 20+ with npm (see .ci/run), then `touch build.rs`"
)]
fn browser_search_facets_on_a_generated_catalogue() {
    ensure_node_modules();
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    let spec = generate::Spec {
        products: 400,
        producers: 200,
        seed: 11,
        photos: false,
    };
    generate::generate(&root, &spec).expect("generate");
    let output = dir.path().join("public");
    let result = build(&root, &output, &[]);
    let (stdout, stderr) = text(&result);
    assert!(result.status.success(), "{stdout}\n{stderr}");
    let server = Server::start(&output);
    let queries = [
        "?q=mat+ong",
        "?q=tra",
        "?q=banh&sao=4",
        "?tinh=H%C3%A0+N%E1%BB%99i",
        "?q=nuoc&loai=S%E1%BA%A3n+ph%E1%BA%A9m",
    ];
    run_checks_with(
        "browser_search_facets_generated",
        &server.url(),
        &["search-facets"],
        &[(
            "OCOP_SEARCH_QUERIES",
            serde_json::to_string(&queries).expect("json"),
        )],
    );
}

/// Lighthouse with its mobile settings on the home, a product, a
/// province and the search page: 100 for accessibility, best practices
/// and SEO, at least 95 for performance.
#[test]
#[cfg_attr(
    any(ocop_missing = "chromium", ocop_missing = "node"),
    ignore = "needs Chromium and Node.js 20+ with npm (see .ci/run), then `touch build.rs`"
)]
fn browser_lighthouse() {
    ensure_node_modules();
    let site = serve_example("/");
    run_checks("browser_lighthouse", &site.server.url(), &["lighthouse"]);
}

/// A product page printed: one A4 sheet (counted in the PDF Chromium
/// makes) with the photo, stars, certificate, contacts and QR code, and no
/// navigation, search, footer or other products.
#[test]
#[cfg_attr(
    any(ocop_missing = "chromium", ocop_missing = "node"),
    ignore = "needs Chromium and Node.js 20+ with npm (see .ci/run), then `touch build.rs`"
)]
fn browser_print() {
    ensure_node_modules();
    let site = serve_example("/");
    run_checks("browser_print", &site.server.url(), &["print"]);
}

/// Rewrites the README's screenshots (docs/screenshots/): the home page and
/// a product page on a phone. Ignored by `cargo test`, since it changes
/// committed files; run it with
/// `cargo test --test it browser::readme_screenshots -- --ignored`.
#[test]
#[ignore = "rewrites docs/screenshots/; run by hand"]
fn readme_screenshots() {
    ensure_node_modules();
    let site = serve_example("/");
    run_checks("readme_screenshots", &site.server.url(), &["screenshots"]);
}

/// Every page of the example is valid HTML to the W3C Nu checker, and the
/// stylesheet valid CSS.
#[test]
#[cfg_attr(
    any(ocop_missing = "java", ocop_missing = "node"),
    ignore = "needs Java 11+ and Node.js 20+ with npm, which brings vnu.jar (see .ci/run), then `touch build.rs`"
)]
fn html_is_valid() {
    ensure_node_modules();
    let site = serve_example("/");
    let jar = browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(jar.is_file(), "{} missing", jar.display());
    let pages = walkdir::WalkDir::new(&site.output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    assert!(pages > 100, "only {pages} pages built");
    let stylesheets = walkdir::WalkDir::new(&site.output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "css"))
        .count();
    // --also-check-css: the stylesheet too, in the same run.
    let mut command = Command::new("java");
    command
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html", "--also-check-css"])
        .arg(&site.output);
    let (output, took) = run_with_limit(command, RUN_LIMIT);
    let (stdout, stderr) = text(&output);
    let errors = stderr.lines().filter(|l| l.contains(": error")).count();
    assert!(
        output.status.success() && errors == 0,
        "vnu.jar found {errors} errors in the example ({:?}):\n{stdout}\n{stderr}",
        output.status
    );
    say(&format!(
        "html_is_valid: vnu.jar checked {pages} HTML pages and {stylesheets} stylesheet(s) of the example: 0 errors, in {took:.1?}"
    ));
}

// ---------------------------------------------------------------------------
// The test server itself

/// Sends a raw request; returns the status, the headers (names lowercased)
/// and the body.
fn fetch(port: u16, request: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of head");
    let head = String::from_utf8(bytes[..split].to_vec()).unwrap();
    let body = bytes[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (status.parse().unwrap(), headers, body)
}

fn get(port: u16, path: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    fetch(
        port,
        &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
    )
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

/// A small site with one file of each kind the server types.
fn small_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let files: &[(&str, &[u8])] = &[
        ("index.html", b"<!doctype html><title>home</title>"),
        ("404.html", b"<!doctype html><title>missing</title>"),
        ("a/index.html", b"<!doctype html><title>a</title>"),
        ("a/style.css", b"body{}"),
        ("a/app.js", b"1"),
        ("a/icon.svg", b"<svg/>"),
        ("a/p.png", b"png"),
        ("a/p.jpg", b"jpg"),
        ("a/p.webp", b"webp"),
        ("a/d.json", b"{}"),
        ("a/sitemap.xml", b"<x/>"),
        ("robots.txt", b"User-agent: *"),
        ("ảnh/bánh pía.txt", b"vi"),
        ("empty/.keep", b""),
    ];
    for (path, body) in files {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, body).unwrap();
    }
    std::fs::write(dir.path().join("secret.txt"), b"SECRET").unwrap();
    dir
}

#[test]
fn server_serves_files_with_their_types() {
    let dir = small_site();
    let server = Server::start(&dir.path().join("site"));
    assert_eq!(server.url(), format!("http://127.0.0.1:{}/", server.port()));
    for (path, kind) in [
        ("/", "text/html; charset=utf-8"),
        ("/a/", "text/html; charset=utf-8"),
        ("/a/index.html", "text/html; charset=utf-8"),
        ("/a/style.css", "text/css; charset=utf-8"),
        ("/a/app.js", "text/javascript; charset=utf-8"),
        ("/a/icon.svg", "image/svg+xml"),
        ("/a/p.png", "image/png"),
        ("/a/p.jpg", "image/jpeg"),
        ("/a/p.webp", "image/webp"),
        ("/a/d.json", "application/json"),
        ("/a/sitemap.xml", "text/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        (
            "/%E1%BA%A3nh/b%C3%A1nh%20p%C3%ADa.txt",
            "text/plain; charset=utf-8",
        ),
        ("/a/style.css?v=1#x", "text/css; charset=utf-8"),
    ] {
        let (status, headers, body) = get(server.port(), path);
        assert_eq!(status, 200, "{path}");
        assert_eq!(header(&headers, "content-type"), kind, "{path}");
        assert_eq!(
            header(&headers, "content-length"),
            body.len().to_string(),
            "{path}"
        );
        assert!(!body.is_empty(), "{path}");
    }
    // HEAD: the same headers, no body.
    let (status, headers, body) = fetch(
        server.port(),
        "HEAD /a/style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!((status, body.len()), (200, 0));
    assert_eq!(header(&headers, "content-length"), "6");
    // A folder without its slash is redirected to it.
    let (status, headers, _) = get(server.port(), "/a");
    assert_eq!(status, 301);
    assert_eq!(header(&headers, "location"), "/a/");
    // Other methods are refused.
    let (status, headers, _) = fetch(
        server.port(),
        "POST / HTTP/1.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\nab",
    );
    assert_eq!(status, 405);
    assert_eq!(header(&headers, "allow").replace(' ', ""), "GET,HEAD");
}

#[test]
fn server_answers_404_with_the_site_page_and_keeps_to_its_root() {
    let dir = small_site();
    let server = Server::start(&dir.path().join("site"));
    for path in ["/nothing", "/a/nothing.css", "/empty/"] {
        let (status, headers, body) = get(server.port(), path);
        assert_eq!(status, 404, "{path}");
        assert_eq!(header(&headers, "content-type"), "text/html; charset=utf-8");
        assert_eq!(body, b"<!doctype html><title>missing</title>", "{path}");
    }
    for path in [
        "/../secret.txt",
        "/a/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/a/%2E%2E/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/a/%00",
    ] {
        let (status, _, body) = get(server.port(), path);
        assert!(
            status == 403 || status == 400,
            "{path} answered {status}: {}",
            String::from_utf8_lossy(&body)
        );
        assert!(!String::from_utf8_lossy(&body).contains("SECRET"), "{path}");
    }
    #[cfg(unix)]
    {
        let link = dir.path().join("site/leak.txt");
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), &link).unwrap();
        let (status, _, _) = get(server.port(), "/leak.txt");
        assert_eq!(status, 404, "a symbolic link out of the root is not there");
    }
}

#[test]
fn server_keeps_connections_alive_and_stops_when_dropped() {
    let dir = small_site();
    let server = Server::start(&dir.path().join("site"));
    let port = server.port();
    // Two requests on one connection.
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let request = "GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n";
    stream
        .write_all(format!("{request}{request}").as_bytes())
        .unwrap();
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    while seen.windows(13).filter(|w| w == b"User-agent: *").count() < 2 {
        let n = stream.read(&mut buffer).unwrap();
        assert!(n > 0, "connection closed early: {seen:?}");
        seen.extend_from_slice(&buffer[..n]);
    }
    drop(server);
    // The open connection is closed, and nothing listens any more.
    let n = stream.read(&mut buffer).unwrap_or(0);
    assert_eq!(n, 0, "connection still open after drop");
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
}

#[test]
fn server_under_a_base_path() {
    let dir = small_site();
    let server = Server::with_base(&dir.path().join("site"), "ocop");
    assert_eq!(
        server.url(),
        format!("http://127.0.0.1:{}/ocop/", server.port())
    );
    let (status, _, body) = get(server.port(), "/ocop/");
    assert_eq!(
        (status, body.as_slice()),
        (200, &b"<!doctype html><title>home</title>"[..])
    );
    assert_eq!(get(server.port(), "/ocop/a/style.css").0, 200);
    let (status, headers, _) = get(server.port(), "/ocop");
    assert_eq!((status, header(&headers, "location")), (301, "/ocop/"));
    // Outside the prefix: the site's 404 page.
    let (status, _, body) = get(server.port(), "/a/style.css");
    assert_eq!(status, 404);
    assert_eq!(body, b"<!doctype html><title>missing</title>");
    assert_eq!(get(server.port(), "/ocopa/").0, 404);
}
