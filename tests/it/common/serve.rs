//! `ocop serve` with the real binary, for the tests that talk to it.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running `ocop serve`, stopped when dropped.
pub struct Serve {
    child: Child,
    /// The port it serves on, at 127.0.0.1.
    pub port: u16,
    /// What it reports on stderr, line by line.
    pub log: mpsc::Receiver<String>,
}

impl Serve {
    /// Sends Ctrl-C and waits up to `within` for the server to exit.
    #[cfg(unix)]
    pub fn interrupt(&mut self, within: Duration) -> Option<std::process::ExitStatus> {
        // SAFETY: kill with the id of a child this guard still owns.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGINT) };
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `ocop serve` (English messages) on the site at `root`, on a
/// free port, once it says where it serves.
pub fn start(root: &Path) -> Serve {
    start_with(root, &[])
}

/// [`start`] with more arguments for `ocop serve`.
pub fn start_with(root: &Path, arguments: &[&str]) -> Serve {
    let child = Command::new(env!("CARGO_BIN_EXE_ocop"))
        .args(["--lang", "en", "serve", "--port", "0", "--root"])
        .arg(root)
        .args(arguments)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start ocop serve");
    // Owned by the guard from here, so a failed start still kills it.
    let (log_sender, log) = mpsc::channel();
    let mut serve = Serve {
        child,
        port: 0,
        log,
    };
    let stderr = serve.child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if log_sender.send(line).is_err() {
                break;
            }
        }
    });
    let stdout = serve.child.stdout.take().unwrap();
    let (sender, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = lines
            .recv_timeout(left)
            .expect("ocop serve printed its address");
        if let Some(url) = line.strip_prefix("Serving at ") {
            let port = url
                .trim()
                .strip_prefix("http://127.0.0.1:")
                .and_then(|rest| rest.trim_end_matches('/').parse().ok())
                .unwrap_or_else(|| panic!("unexpected address {url}"));
            serve.port = port;
            return serve;
        }
    }
}

/// Sends `request` exactly as written (no normalisation by a client
/// library) and returns the whole response, head and body.
pub fn send(port: u16, request: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    // A reset after the answer is as good as a close.
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

/// [`send`], returning the status and body of the answer.
pub fn exchange(port: u16, request: &str) -> (u16, String) {
    let response = send(port, request);
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// GETs `target` as written; returns the status and body.
pub fn get(port: u16, target: &str) -> (u16, String) {
    exchange(
        port,
        &format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
    )
}
