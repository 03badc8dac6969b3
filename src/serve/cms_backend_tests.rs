use super::*;

fn call(root: &Path, request: Value) -> Result<Value, Failure> {
    handle(root, request.to_string().as_bytes())
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let products = dir.path().join("content/producers/htx/products");
    std::fs::create_dir_all(&products).unwrap();
    std::fs::write(
        dir.path().join("content/producers/htx/producer.md"),
        "---\nname: A\n---\n",
    )
    .unwrap();
    std::fs::write(products.join("che.md"), "---\nname: Chè\n---\n").unwrap();
    dir
}

#[test]
fn lists_reads_and_writes_entries() {
    let dir = site();
    let root = dir.path();
    let info = call(root, json!({"action": "info"})).unwrap();
    assert_eq!(info["publish_modes"], json!(["simple"]));
    let producers = call(
        root,
        json!({"action": "entriesByFolder", "params": {"branch": "main", "folder": "content/producers", "extension": "md", "depth": 2}}),
    )
    .unwrap();
    assert_eq!(producers.as_array().unwrap().len(), 1, "{producers}");
    assert_eq!(
        producers[0]["file"]["path"],
        "content/producers/htx/producer.md"
    );
    let raw = "---\nname: Chè mới\nprice: 5000\n---\n";
    call(
        root,
        json!({"action": "persistEntry", "params": {"branch": "main", "dataFiles": [{"slug": "che", "path": "content/producers/htx/products/che.md", "raw": raw}], "assets": [{"path": "content/producers/htx/photos/a.png", "content": base64::encode(b"\x89PNG"), "encoding": "base64"}], "options": {"commitMessage": "x", "useWorkflow": false, "status": ""}}}),
    )
    .unwrap();
    let entry = call(
        root,
        json!({"action": "getEntry", "params": {"branch": "main", "path": "content/producers/htx/products/che.md"}}),
    )
    .unwrap();
    assert_eq!(entry["data"], raw);
    let media = call(
        root,
        json!({"action": "getMedia", "params": {"branch": "main", "mediaFolder": "content/producers/htx/photos"}}),
    )
    .unwrap();
    assert_eq!(media[0]["content"], base64::encode(b"\x89PNG"));
    let leftovers: Vec<_> = std::fs::read_dir(root.join("content/producers/htx/products"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["che.md"]);
}

#[test]
fn refuses_paths_outside_content() {
    for bad in [
        "../x.md",
        "/etc/passwd",
        "content/../x.md",
        "site.yaml",
        "content/.git/config",
        "content\\x.md",
        "",
        "content",
    ] {
        assert!(confine(bad).is_err() || bad == "content", "{bad}");
    }
    assert!(entry_path("content/producers/a/run.sh").is_err());
    assert!(media_path("content/producers/a/products/x.png").is_err());
    assert!(media_path("content/producers/a/photos/x.png").is_ok());
    let dir = site();
    let error = call(
        dir.path(),
        json!({"action": "persistEntry", "params": {"dataFiles": [{"path": "../evil.md", "raw": "x"}], "assets": []}}),
    )
    .unwrap_err();
    assert_eq!(error.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!dir.path().parent().unwrap().join("evil.md").exists());
}

#[cfg(unix)]
#[test]
fn never_follows_links() {
    let dir = site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "secret").unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("content/producers/link")).unwrap();
    let read = call(
        dir.path(),
        json!({"action": "getEntry", "params": {"path": "content/producers/link/secret.md"}}),
    )
    .unwrap();
    assert_eq!(read["data"], Value::Null);
    let written = call(
        dir.path(),
        json!({"action": "persistEntry", "params": {"dataFiles": [{"path": "content/producers/link/secret.md", "raw": "evil"}], "assets": []}}),
    );
    assert!(written.is_err());
    assert_eq!(
        std::fs::read_to_string(outside.path().join("secret.md")).unwrap(),
        "secret"
    );
    let listed = call(
        dir.path(),
        json!({"action": "entriesByFolder", "params": {"folder": "content/producers", "extension": "md", "depth": 3}}),
    )
    .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2);
}

#[test]
fn base64_round_trips() {
    for bytes in [&b""[..], b"a", b"ab", b"abc", b"abcd", &[0, 255, 128, 7, 9]] {
        assert_eq!(base64::decode(&base64::encode(bytes)).unwrap(), bytes);
    }
    assert_eq!(base64::encode(b"Man"), "TWFu");
    assert_eq!(base64::encode(b"Ma"), "TWE=");
}

#[test]
fn served_config_points_at_this_server() {
    let text = "backend:\n  name: github\n  repo: a/b\npublish_mode: editorial_workflow\nx: &a [1]\ny: *a\n";
    let served = served_config(text, "http://127.0.0.1:8123").unwrap();
    let value: serde_yaml::Value = serde_yaml::from_str(&served).unwrap();
    assert_eq!(
        value["local_backend"]["url"],
        "http://127.0.0.1:8123/api/v1"
    );
    assert_eq!(value["publish_mode"], "simple");
    assert_eq!(value["backend"]["repo"], "a/b");
    assert_eq!(value["y"], value["x"]);
    assert!(served.contains("*a"));
}
