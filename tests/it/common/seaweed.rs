//! A real S3-compatible server for the deploy tests: SeaweedFS's `weed
//! mini` on free loopback ports, one per test binary, a bucket per test.
//! Objects are readable anonymously over plain HTTP, as a public website
//! bucket is; writes need the key pair [`ACCESS_KEY`] / [`SECRET_KEY`].

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub const ACCESS_KEY: &str = "ocoptest";
/// Something no output may ever contain.
pub const SECRET_KEY: &str = "SECRETSECRET";

pub struct Seaweed {
    child: Child,
    _dir: tempfile::TempDir,
    pub s3: u16,
    pub filer: u16,
    pub metrics: u16,
}

/// The `weed` binary, found as build.rs finds it.
pub fn weed() -> PathBuf {
    std::env::var_os("OCOP_WEED")
        .map(PathBuf::from)
        .or_else(|| Some(super::repo().join(".venv/bin/weed")).filter(|p| p.is_file()))
        .unwrap_or_else(|| PathBuf::from("weed"))
}

/// A free port whose +10000 (SeaweedFS's gRPC port) is free too, not one
/// handed out before in this process.
fn free_pair() -> u16 {
    static TAKEN: OnceLock<std::sync::Mutex<Vec<u16>>> = OnceLock::new();
    let taken = TAKEN.get_or_init(Default::default);
    loop {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let Some(grpc) = port.checked_add(10000) else {
            continue;
        };
        let mut taken = taken.lock().unwrap();
        if taken.contains(&port) || TcpListener::bind(("127.0.0.1", grpc)).is_err() {
            continue;
        }
        taken.push(port);
        return port;
    }
}

/// The server shared by the tests of this binary. It dies with the test
/// process (PR_SET_PDEATHSIG of a thread that never ends).
pub fn shared() -> &'static Seaweed {
    static SHARED: OnceLock<Seaweed> = OnceLock::new();
    SHARED.get_or_init(|| {
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            send.send(Seaweed::start()).unwrap();
            loop {
                std::thread::park();
            }
        });
        receive.recv().unwrap()
    })
}

impl Seaweed {
    pub fn start() -> Seaweed {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("s3.json");
        std::fs::write(
            &config,
            format!(
                r#"{{"identities":[{{"name":"anonymous","actions":["Read"]}},{{"name":"ocop","credentials":[{{"accessKey":"{ACCESS_KEY}","secretKey":"{SECRET_KEY}"}}],"actions":["Admin","Read","List","Tagging","Write"]}}]}}"#
            ),
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("data")).unwrap();
        let [master, volume, filer, s3, admin] = [(); 5].map(|_| free_pair());
        let metrics = free_pair();
        let mut command = Command::new(weed());
        command
            .arg("mini")
            .arg(format!("-dir={}", dir.path().join("data").display()))
            .args([
                "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1",
                "-master.telemetry=false",
                "-webdav=false",
                "-admin.ui=false",
                "-s3.port.iceberg=0",
                "-s3.port.lance=0",
                // Each bucket is a collection with volumes of its own: the
                // default count ran out after a dozen buckets (500 Internal
                // Error on PUT).
                "-volume.max=400",
                "-master.volumeSizeLimitMB=64",
            ])
            .arg(format!("-s3.config={}", config.display()))
            .arg(format!("-metricsPort={metrics}"))
            .stdin(Stdio::null())
            .stdout(Stdio::from(
                std::fs::File::create(dir.path().join("log")).unwrap(),
            ))
            .stderr(Stdio::from(
                std::fs::File::create(dir.path().join("err")).unwrap(),
            ));
        for (name, port) in [
            ("master", master),
            ("volume", volume),
            ("filer", filer),
            ("s3", s3),
            ("admin", admin),
        ] {
            command.arg(format!("-{name}.port={port}"));
            command.arg(format!("-{name}.port.grpc={}", port + 10000));
        }
        // Its own process group, killed as one on drop; and killed with us.
        unsafe {
            command.pre_exec(|| {
                libc::setpgid(0, 0);
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", weed().display()));
        let server = Seaweed {
            child,
            _dir: dir,
            s3,
            filer,
            metrics,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while get(server.s3, "/").0 == 0 || get(server.filer, "/buckets/").0 == 0 {
            assert!(Instant::now() < deadline, "SeaweedFS did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.s3)
    }

    /// A new, empty bucket.
    pub fn bucket(&self) -> String {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let name = format!("ocop-test-{}", COUNT.fetch_add(1, Ordering::SeqCst));
        let (status, _, body) = request(self.filer, "POST", &format!("/buckets/{name}/"));
        assert!(
            (200..300).contains(&status),
            "bucket {name}: {status} {}",
            String::from_utf8_lossy(&body)
        );
        name
    }

    /// Plain HTTP GET of an object, as a browser asks for it: status,
    /// headers (lowercase names), bytes.
    pub fn get(&self, bucket: &str, key: &str) -> (u16, BTreeMap<String, String>, Vec<u8>) {
        raw(
            self.s3,
            "GET",
            &format!("/{bucket}/{key}"),
            "Accept-Encoding: gzip\r\n",
        )
    }

    /// Requests the S3 gateway has answered for `bucket`, by type (GET,
    /// PUT, HEAD counted as GET, …), all status codes together.
    pub fn requests(&self, bucket: &str) -> BTreeMap<String, u64> {
        let (_, _, body) = get(self.metrics, "/metrics");
        let mut counts = BTreeMap::new();
        for line in String::from_utf8_lossy(&body).lines() {
            let Some(rest) = line.strip_prefix("SeaweedFS_s3_request_total{") else {
                continue;
            };
            let Some((labels, value)) = rest.split_once("} ") else {
                continue;
            };
            let label = |name: &str| {
                labels
                    .split(',')
                    .find_map(|l| l.strip_prefix(&format!("{name}=\"")))
                    .map(|v| v.trim_end_matches('"').to_string())
            };
            if label("bucket").as_deref() == Some(bucket)
                && let Some(kind) = label("type")
            {
                *counts.entry(kind).or_insert(0) +=
                    value.trim().parse::<f64>().unwrap_or(0.0) as u64;
            }
        }
        counts
    }

    /// Every key in `bucket`, through the filer (so not counted as S3 requests).
    pub fn keys(&self, bucket: &str) -> Vec<String> {
        let mut keys = Vec::new();
        let mut folders = vec![format!("/buckets/{bucket}/")];
        while let Some(folder) = folders.pop() {
            let mut last = String::new();
            loop {
                let (_, _, body) = request_json(
                    self.filer,
                    &format!("{folder}?limit=1000&lastFileName={last}"),
                );
                let listing: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
                let entries = listing["Entries"].as_array().cloned().unwrap_or_default();
                for entry in &entries {
                    let path = entry["FullPath"].as_str().unwrap_or_default().to_string();
                    let is_dir = entry["Mode"].as_u64().unwrap_or(0) & (1 << 31) != 0;
                    if is_dir {
                        folders.push(format!("{path}/"));
                    } else if let Some(key) = path.strip_prefix(&format!("/buckets/{bucket}/")) {
                        keys.push(key.to_string());
                    }
                }
                if !listing["ShouldDisplayLoadMore"].as_bool().unwrap_or(false) {
                    break;
                }
                last = listing["LastFileName"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string();
            }
        }
        keys.sort();
        keys
    }
}

impl Drop for Seaweed {
    fn drop(&mut self) {
        unsafe {
            libc::kill(-(self.child.id() as i32), libc::SIGKILL);
        }
        let _ = self.child.wait();
    }
}

fn get(port: u16, target: &str) -> (u16, BTreeMap<String, String>, Vec<u8>) {
    request(port, "GET", target)
}

fn request_json(port: u16, target: &str) -> (u16, BTreeMap<String, String>, Vec<u8>) {
    raw(port, "GET", target, "Accept: application/json\r\n")
}

fn request(port: u16, method: &str, target: &str) -> (u16, BTreeMap<String, String>, Vec<u8>) {
    raw(port, method, target, "")
}

/// One HTTP/1.1 request; status 0 if nothing answers.
fn raw(
    port: u16,
    method: &str,
    target: &str,
    extra: &str,
) -> (u16, BTreeMap<String, String>, Vec<u8>) {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return (0, BTreeMap::new(), Vec::new());
    };
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let sent = write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra}Content-Length: 0\r\nConnection: close\r\n\r\n"
    );
    let mut response = Vec::new();
    if sent.is_err() || stream.read_to_end(&mut response).is_err() {
        return (0, BTreeMap::new(), Vec::new());
    }
    let Some(split) = response.windows(4).position(|w| w == b"\r\n\r\n") else {
        return (0, BTreeMap::new(), Vec::new());
    };
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let mut body = response[split + 4..].to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers: BTreeMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    if headers
        .get("transfer-encoding")
        .is_some_and(|t| t.contains("chunked"))
    {
        body = dechunk(&body);
    }
    (status, headers, body)
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&data[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = end + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
    out
}
