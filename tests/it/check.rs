//! `ocop check` on real folders with the real binary: every format's output
//! and exit status on good and broken sites, `--strict`, the new warnings,
//! and that nothing is written.

use crate::common::{copy_tree, ocop, repo, text, write};
use std::path::{Path, PathBuf};

fn site(case: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_tree(
        &repo().join("tests/sites/base/content"),
        &root.join("content"),
    );
    if let Some(case) = case {
        copy_tree(
            &repo().join("tests/sites/broken").join(case).join("content"),
            &root.join("content"),
        );
    }
    (dir, root)
}

fn check(root: &Path, extra: &[&str]) -> (Option<i32>, String, String) {
    let mut args = vec!["check", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    let output = ocop(&args);
    let (stdout, stderr) = text(&output);
    (output.status.code(), stdout, stderr)
}

/// One GitHub workflow command: `::kind key=value,…::message`.
#[derive(Debug)]
struct Annotation {
    kind: String,
    properties: Vec<(String, String)>,
    message: String,
}

impl Annotation {
    fn get(&self, key: &str) -> Option<&str> {
        self.properties
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

fn unescape(text: &str) -> String {
    text.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

fn annotations(stdout: &str) -> Vec<Annotation> {
    stdout
        .lines()
        .map(|line| {
            let rest = line
                .strip_prefix("::")
                .unwrap_or_else(|| panic!("not a workflow command: {line}"));
            let (head, message) = rest.split_once("::").unwrap();
            let (kind, properties) = head.split_once(' ').unwrap();
            let properties = properties
                .split(',')
                .map(|p| {
                    let (k, v) = p.split_once('=').unwrap();
                    (k.to_string(), unescape(v))
                })
                .collect();
            Annotation {
                kind: kind.to_string(),
                properties,
                message: unescape(message),
            }
        })
        .collect()
}

#[test]
fn a_good_site_passes_in_every_format_and_nothing_is_written() {
    let (_dir, root) = site(None);
    let (code, stdout, stderr) = check(&root, &[]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.starts_with("Checked: 0 errors"), "{stdout}");
    assert!(!root.join("public").exists(), "check writes no site");

    let (code, stdout, _) = check(&root, &["--format", "json"]);
    assert_eq!(code, Some(0));
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let items = json.as_array().unwrap();
    assert!(items.iter().all(|d| d["severity"] == "warning"), "{json:#}");

    let (code, stdout, stderr) = check(&root, &["--format", "github"]);
    assert_eq!(code, Some(0));
    let lines = annotations(&stdout);
    assert_eq!(lines.len(), items.len());
    assert!(lines.iter().all(|a| a.kind == "warning"));
    assert!(stderr.contains("Checked: 0 errors"), "{stderr}");
}

#[test]
fn a_broken_site_fails_with_the_place_in_every_format() {
    let (_dir, root) = site(Some("unknown-province"));
    let (code, stdout, stderr) = check(&root, &[]);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(
        stderr.contains("error: no province or city is called \"Soc Trang x\"\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains(" --> content/producers/dua-xanh/producer.md:3:11\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("^^^^^^^^^^^"),
        "a caret under the text: {stderr}"
    );
    assert!(stderr.contains("help: did you mean"), "{stderr}");
    assert!(stdout.starts_with("Checked: 1 error"), "{stdout}");

    let (code, stdout, _) = check(&root, &["--format", "github"]);
    assert_eq!(code, Some(1));
    let errors: Vec<Annotation> = annotations(&stdout)
        .into_iter()
        .filter(|a| a.kind == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let error = &errors[0];
    assert_eq!(
        error.get("file"),
        Some("content/producers/dua-xanh/producer.md")
    );
    assert_eq!(error.get("line"), Some("3"));
    assert_eq!(error.get("col"), Some("11"));
    assert_eq!(error.get("endColumn"), Some("22"));
    assert_eq!(error.get("title"), Some("ocop: unknown-province"));
    assert!(
        error
            .message
            .starts_with("no province or city is called \"Soc Trang x\"\nhelp: "),
        "{:?}",
        error.message
    );

    let (code, stdout, _) = check(&root, &["--format", "json"]);
    assert_eq!(code, Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let error = json
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["severity"] == "error")
        .unwrap();
    assert_eq!(error["code"], "unknown-province");
    assert_eq!(error["file"], "content/producers/dua-xanh/producer.md");
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64()),
        (Some(3), Some(11))
    );
    assert_eq!(error["end_column"], 22);
    assert!(error["help"].as_str().unwrap().contains("did you mean"));
}

#[test]
fn every_problem_comes_at_once_sorted_by_file_and_line() {
    let (_dir, root) = site(Some("many-errors-at-once"));
    let (code, stdout, _) = check(&root, &["--format", "json"]);
    assert_eq!(code, Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let places: Vec<(String, u64)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let errors = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .count();
    assert!(errors >= 3, "{json:#}");
    let mut sorted = places.clone();
    sorted.sort();
    assert_eq!(places, sorted);
    for item in json.as_array().unwrap() {
        let code = item["code"].as_str().unwrap();
        assert!(
            !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{code}"
        );
    }
}

#[test]
fn markdown_links_to_missing_files_fail_the_check() {
    let (_dir, root) = site(None);
    write(
        &root.join("content/producers/hai-son/products/tai-lieu.md"),
        "---\nname: Bánh in\ncategory: I.3.b\nstars: 3\n---\nXem [bảng giá](../giay-to/bang-gia.pdf).\n",
    );
    let (code, stdout, _) = check(&root, &["--format", "json"]);
    assert_eq!(code, Some(1), "{stdout}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "file-not-found"
                && d["file"] == "content/producers/hai-son/products/tai-lieu.md"
                && d["line"] == 6),
        "{json:#}"
    );
}

#[test]
fn warnings_fail_only_with_strict() {
    let (_dir, root) = site(None);
    // A clean product and producer, so that the only warning is the one added.
    let clean = tempfile::tempdir().unwrap();
    let clean_root = clean.path().join("site");
    write(
        &clean_root.join("content/site.yaml"),
        "title: T\nbase_url: https://x.example/\n",
    );
    write(
        &clean_root.join("content/producers/a/producer.yaml"),
        "name: A\nprovince: Huế\ndescription: Câu chuyện.\n",
    );
    std::fs::create_dir_all(clean_root.join("content/producers/a/photos")).unwrap();
    std::fs::copy(
        root.join("content/producers/hai-son/photos/banh-pia.png"),
        clean_root.join("content/producers/a/photos/p.png"),
    )
    .unwrap();
    write(
        &clean_root.join("content/producers/a/products/p.yaml"),
        "name: P\ncategory: I.4.a\nstars: 4\ndescription: Mô tả.\nphotos:\n  - src: ../photos/p.png\n    alt: Chai nước mắm\n",
    );
    let (code, stdout, stderr) = check(&clean_root, &["--strict"]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("0 errors, 0 warnings"), "{stdout}");

    // The same photo without alt text: a warning, which only --strict fails.
    write(
        &clean_root.join("content/producers/a/products/p.yaml"),
        "name: P\ncategory: I.4.a\nstars: 4\ndescription: Mô tả.\nphotos:\n  - ../photos/p.png\n",
    );
    let (code, _, stderr) = check(&clean_root, &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: the photo \"../photos/p.png\" has no alt text"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--> content/producers/a/products/p.yaml:6:5"),
        "{stderr}"
    );
    let (code, _, _) = check(&clean_root, &["--strict"]);
    assert_eq!(code, Some(1));
}

/// A JPEG of `width` × `height` carrying `padding` bytes of comments, as
/// cameras carry maker notes: heavy on disk, quick to decode.
fn padded_jpeg(width: u32, height: u32, padding: usize) -> Vec<u8> {
    let image = image::RgbImage::from_pixel(width, height, image::Rgb([200, 120, 40]));
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 80)
        .encode_image(&image)
        .unwrap();
    let mut out = plain[..2].to_vec();
    let mut left = padding;
    while left > 0 {
        let chunk = left.min(65_000);
        out.extend_from_slice(&[0xFF, 0xFE]);
        out.extend_from_slice(&((chunk + 2) as u16).to_be_bytes());
        out.extend(std::iter::repeat_n(b'x', chunk));
        left -= chunk;
    }
    out.extend_from_slice(&plain[2..]);
    out
}

#[test]
fn very_large_photos_are_warnings_not_errors() {
    let (_dir, root) = site(None);
    let photos = root.join("content/producers/hai-son/photos");
    std::fs::write(photos.join("nang.jpg"), padded_jpeg(64, 48, 9 << 20)).unwrap();
    let big = image::RgbImage::from_pixel(6400, 6400, image::Rgb([10, 120, 40]));
    big.save(photos.join("rong.png")).unwrap();
    write(
        &root.join("content/producers/hai-son/products/to.yaml"),
        "name: Ảnh lớn\ncategory: I.3.b\nstars: 3\ndescription: x\nphotos:\n  - src: ../photos/nang.jpg\n    alt: a\n  - src: ../photos/rong.png\n    alt: b\n",
    );
    let (code, stdout, stderr) = check(&root, &["--format", "json"]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let large: Vec<&serde_json::Value> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "photo-very-large")
        .collect();
    assert_eq!(large.len(), 2, "{json:#}");
    assert!(large.iter().all(|d| d["severity"] == "warning"));
    assert_eq!(large[0]["line"], 6);
    assert!(large[0]["message"].as_str().unwrap().contains("nang.jpg"));
    assert!(
        large[1]["message"]
            .as_str()
            .unwrap()
            .contains("6400 × 6400")
    );
}

#[test]
fn messages_are_vietnamese_by_default() {
    let (_dir, root) = site(Some("unknown-province"));
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ocop"))
        .args(["check", "--root", root.to_str().unwrap()])
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("lỗi: không có tỉnh, thành phố"), "{stderr}");
    assert!(stdout.starts_with("Kiểm tra xong: 1 lỗi"), "{stdout}");
}

#[test]
fn failures_other_than_content_exit_2() {
    let (_dir, root) = site(None);
    write(
        &root.join("themes/default/templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}{{ unclosed",
    );
    let (code, _, stderr) = check(&root, &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
}
