//! `ocop serve` with the real binary on a free port: pages over HTTP, a
//! change rebuilt and announced on the event stream, the error overlay
//! while content is broken and the site back once fixed, and no way out of
//! the output folder through the address.

use crate::common::serve::{get, send, start, start_with};
use crate::common::{copy_tree, repo};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Polls `target` until `done` holds for the body, or panics after a while.
fn wait_for(port: u16, target: &str, what: &str, done: impl Fn(u16, &str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (status, body) = get(port, target);
        if done(status, &body) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; last: {status}\n{body}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Reads the event stream on a thread, sending each event name.
fn listen(port: u16) -> mpsc::Receiver<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET /__ocop/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let (sender, events) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if let Some(event) = line.strip_prefix("event: ")
                && sender.send(event.to_string()).is_err()
            {
                break;
            }
        }
    });
    events
}

fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_tree(
        &repo().join("tests/sites/base/content"),
        &root.join("content"),
    );
    (dir, root)
}

const PRODUCT_PAGE: &str = "/san-pham/hai-son/banh-pia/";

#[test]
fn serves_rebuilds_reloads_and_shows_errors() {
    let (_dir, root) = site();
    let server = start(&root);
    let port = server.port;

    let (status, page) = get(port, PRODUCT_PAGE);
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("<script src=\"/__ocop/live.js\"></script>"),
        "{page}"
    );
    assert!(!page.contains("ocop-overlay"));
    let (status, script) = get(port, "/__ocop/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource(\"/__ocop/events\")"));
    assert!(!root.join("public").exists(), "never the user's public/");
    let (_, index_before) = get(port, "/search-index/vi.json");

    let events = listen(port);
    assert_eq!(
        events.recv_timeout(Duration::from_secs(10)).as_deref(),
        Ok("hello")
    );

    // A saved change is rebuilt, announced, and served.
    let product = root.join("content/producers/hai-son/products/banh-pia.yaml");
    let original = std::fs::read_to_string(&product).unwrap();
    assert!(original.contains("name: "), "{original}");
    let renamed = original.replacen("name: ", "name: Bánh pía ĐỔI TÊN ", 1);
    std::fs::write(&product, &renamed).unwrap();
    assert_eq!(
        events.recv_timeout(Duration::from_secs(60)).as_deref(),
        Ok("reload")
    );
    wait_for(port, PRODUCT_PAGE, "the renamed product", |s, b| {
        s == 200 && b.contains("ĐỔI TÊN")
    });
    // The page came first, with the previous search index; the new index
    // follows in a second build, announced as changing the index only.
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut updating = false;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = server
            .log
            .recv_timeout(left)
            .expect("the search index is updated after the page");
        if line.starts_with("Updating the search index") {
            updating = true;
        } else if updating && line.starts_with("Built ") {
            break;
        }
    }
    assert_eq!(
        events.recv_timeout(Duration::from_secs(60)).as_deref(),
        Ok("index")
    );
    let (status, index) = get(port, "/search-index/vi.json");
    assert_eq!(status, 200);
    assert_ne!(index, index_before, "the search index was rebuilt");

    // A broken file: every page shows the overlay with file, line and message.
    std::fs::write(&product, renamed.replacen("stars: ", "stars: 9 #", 1)).unwrap();
    let page = wait_for(port, "/", "the error overlay", |_, b| {
        b.contains("id=\"ocop-overlay\"")
    });
    assert!(
        page.contains("content/producers/hai-son/products/banh-pia.yaml:"),
        "{page}"
    );
    assert!(page.contains("stars must be 3, 4 or 5"), "{page}");
    assert_eq!(
        events.recv_timeout(Duration::from_secs(60)).as_deref(),
        Ok("reload")
    );

    // Fixed: the site is back, without the overlay.
    std::fs::write(&product, &original).unwrap();
    let page = wait_for(port, PRODUCT_PAGE, "the site back", |s, b| {
        s == 200 && !b.contains("ocop-overlay")
    });
    assert!(!page.contains("ĐỔI TÊN"));
    // The site is that of the first build again: pages are kept from it,
    // not rendered (the second build had no earlier site to start from).
    let deadline = Instant::now() + Duration::from_secs(30);
    let partial = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let Ok(line) = server.log.recv_timeout(left) else {
            panic!("no rebuild that rendered only some pages");
        };
        // "Built 12 pages (3 rendered) in 0.1 s"
        let counts: Vec<usize> = line
            .strip_prefix("Built ")
            .map(|rest| {
                rest.split(|c: char| !c.is_ascii_digit())
                    .filter_map(|n| n.parse().ok())
                    .take(2)
                    .collect()
            })
            .unwrap_or_default();
        if let [pages, rendered] = counts[..]
            && rendered < pages
        {
            break line;
        }
    };
    assert!(partial.contains("rendered"), "{partial}");

    // A file deleted while serving is a content change like any other.
    std::fs::remove_file(&product).unwrap();
    wait_for(port, PRODUCT_PAGE, "the deleted product gone", |s, _| {
        s == 404
    });
}

#[test]
fn the_address_never_reaches_outside_the_output_folder() {
    let (dir, root) = site();
    std::fs::write(dir.path().join("secret.txt"), "SECRET-OUTSIDE").unwrap();
    std::fs::write(root.join("secret.txt"), "SECRET-ROOT").unwrap();
    let server = start(&root);
    let port = server.port;
    for target in [
        "/../Cargo.toml",
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%2f..%2fsecret.txt",
        "/..%5c..%5csecret.txt",
        "/a/..\\..\\secret.txt",
        "/%00",
        "//../secret.txt",
        "/./../secret.txt",
        "/../../../../../../etc/passwd",
        "/san-pham/../../secret.txt",
        "/content/site.yaml",
    ] {
        let (status, body) = get(port, target);
        assert!(status == 400 || status == 404, "{target}: status {status}");
        assert!(
            !body.contains("SECRET") && !body.contains("[package]") && !body.contains("root:"),
            "{target}: {body}"
        );
    }
    // And a folder without its final slash is redirected, not refused.
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET /san-pham/hai-son/banh-pia HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 301"), "{response}");
    assert!(
        // Header names are case-insensitive; hyper writes them in lower case.
        response
            .to_ascii_lowercase()
            .contains("\r\nlocation: /san-pham/hai-son/banh-pia/\r\n"),
        "{response}"
    );
}

#[test]
fn a_site_broken_from_the_start_is_served_with_the_overlay() {
    let (_dir, root) = site();
    let product = root.join("content/producers/hai-son/products/banh-pia.yaml");
    let original = std::fs::read_to_string(&product).unwrap();
    std::fs::write(
        &product,
        original.replacen("category: ", "category: Z.9 #", 1),
    )
    .unwrap();
    let server = start(&root);
    let (status, page) = get(server.port, "/");
    assert_eq!(status, 500);
    assert!(page.contains("id=\"ocop-overlay\""), "{page}");
    assert!(page.contains("banh-pia.yaml:"), "{page}");
    std::fs::write(&product, &original).unwrap();
    wait_for(server.port, "/", "the first good build", |s, b| {
        s == 200 && !b.contains("ocop-overlay")
    });
}

#[test]
fn listens_on_loopback_only_and_answers_for_loopback_names_only() {
    let (_dir, root) = site();
    let server = start(&root);
    let port = server.port;
    // Another address of this machine, if it has one: found by routing a
    // UDP socket (which sends nothing), then not listened on.
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").unwrap();
    if socket.connect("10.255.255.255:9").is_ok()
        && let Ok(local) = socket.local_addr()
        && !local.ip().is_loopback()
        && !local.ip().is_unspecified()
    {
        let address = std::net::SocketAddr::new(local.ip(), port);
        assert!(
            TcpStream::connect_timeout(&address, Duration::from_secs(2)).is_err(),
            "listening on {address}"
        );
    }
    for host in ["localhost", "127.0.0.1", "[::1]"] {
        for host in [host.to_string(), format!("{host}:{port}")] {
            let response = send(
                port,
                &format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
            );
            assert!(response.starts_with("HTTP/1.1 200"), "{host}: {response}");
        }
    }
    // DNS rebinding: a page of evil.com whose name now points here.
    for host in [
        "evil.com",
        &format!("evil.com:{port}"),
        "127.0.0.1.evil.com",
        "localhost.evil.com",
        "[::2]",
    ] {
        for target in ["/", "/__ocop/events", "/__ocop/live.js", "/robots.txt"] {
            let response = send(
                port,
                &format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
            );
            assert!(
                response.starts_with("HTTP/1.1 403") || response.starts_with("HTTP/1.1 421"),
                "{host}{target}: {response}"
            );
            assert!(!response.contains("<html"), "{host}{target}: {response}");
        }
    }
}

#[test]
fn bind_opens_the_site_to_addresses_but_never_to_names_nor_the_editor_backend() {
    let (_dir, root) = site();
    let server = start_with(&root, &["--bind", "0.0.0.0"]);
    let port = server.port;
    let request = |method: &str, target: &str, host: &str| {
        send(
            port,
            &format!(
                "{method} {target} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}"
            ),
        )
    };
    // A phone on the office network opens the machine's address.
    for host in [format!("192.0.2.7:{port}"), format!("[2001:db8::7]:{port}")] {
        let response = request("GET", "/", &host);
        assert!(response.starts_with("HTTP/1.1 200"), "{host}: {response}");
    }
    // Names other than localhost stay refused (DNS rebinding needs one).
    let response = request("GET", "/", &format!("evil.com:{port}"));
    assert!(response.starts_with("HTTP/1.1 403"), "{response}");
    // The editor's backend writes files: loopback only.
    let response = request("POST", "/api/v1", &format!("192.0.2.7:{port}"));
    assert!(response.starts_with("HTTP/1.1 403"), "{response}");
    assert!(response.contains("127.0.0.1 only"), "{response}");
    // Without --bind, an address other than loopback is not this server.
    drop(server);
    let server = start(&root);
    let response = send(
        server.port,
        &format!(
            "GET / HTTP/1.1\r\nHost: 192.0.2.7:{}\r\nConnection: close\r\n\r\n",
            server.port
        ),
    );
    assert!(response.starts_with("HTTP/1.1 403"), "{response}");
}

#[test]
fn no_address_redirects_to_another_host() {
    let (_dir, root) = site();
    let server = start(&root);
    for target in [
        "//evil.com",
        "//evil.com/",
        "//evil.com/san-pham",
        "/\\evil.com",
        "/%5Cevil.com",
        "/%2F%2Fevil.com",
        "//san-pham",
        "///san-pham",
        "/.//evil.com",
    ] {
        let response = send(
            server.port,
            &format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
        );
        let location = response
            .lines()
            .take_while(|l| !l.is_empty())
            .find_map(|l| {
                l.strip_prefix("location: ")
                    .or(l.strip_prefix("Location: "))
            });
        if let Some(location) = location {
            assert!(
                location.starts_with('/')
                    && !location.starts_with("//")
                    && !location.starts_with("/\\"),
                "{target} redirects to {location}"
            );
        }
    }
    // A folder named after `//` is redirected to itself, on this host.
    let response = send(
        server.port,
        "GET //san-pham HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    );
    assert!(response.starts_with("HTTP/1.1 301"), "{response}");
    assert!(
        response
            .to_ascii_lowercase()
            .contains("\r\nlocation: /san-pham/\r\n"),
        "{response}"
    );
}

#[test]
fn slow_clients_neither_delay_others_nor_stay_connected() {
    let (_dir, root) = site();
    let server = start(&root);
    let port = server.port;
    let started = Instant::now();
    // Half send nothing, half half a request line.
    let slow: Vec<TcpStream> = (0..200)
        .map(|n| {
            let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
            if n % 2 == 1 {
                stream.write_all(b"GET / HT").unwrap();
            }
            stream
        })
        .collect();
    // A normal request is answered at once, all 200 still open.
    let asked = Instant::now();
    let (status, page) = get(port, PRODUCT_PAGE);
    let waited = asked.elapsed();
    assert_eq!(status, 200, "{page}");
    assert!(waited < Duration::from_secs(1), "answered after {waited:?}");
    // Each slow connection is closed once its header deadline passes.
    let deadline = ocop::serve::HEADER_DEADLINE + Duration::from_secs(5);
    for mut stream in slow {
        let left = deadline.saturating_sub(started.elapsed());
        stream
            .set_read_timeout(Some(left.max(Duration::from_millis(10))))
            .unwrap();
        let mut buffer = [0u8; 1024];
        loop {
            match stream.read(&mut buffer) {
                Ok(0) => break,
                // An answer (408, 400) before the close is fine.
                Ok(_) => continue,
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break,
                Err(e) => panic!(
                    "a slow client still connected after {:?}: {e}",
                    started.elapsed()
                ),
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_with_its_streams_open() {
    let (_dir, root) = site();
    let mut server = start(&root);
    let port = server.port;
    let events = listen(port);
    assert_eq!(
        events.recv_timeout(Duration::from_secs(10)).as_deref(),
        Ok("hello")
    );
    let status = server
        .interrupt(Duration::from_secs(10))
        .expect("ocop serve exits on Ctrl-C, an event stream open");
    assert!(status.success(), "{status:?}");
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
}
