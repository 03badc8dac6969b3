//! The browser editor (issue 26): `cms:` in `site.yaml` makes `ocop build`
//! write `admin/` (the bundled Decap CMS and a configuration generated from
//! the contract), nothing without it; what Decap writes reads back equal;
//! `ocop serve` answers the editor's local backend inside `content/` only.

use crate::common::serve::{exchange, get};
use crate::common::{build, copy_tree, ocop, repo, text, write};
use std::path::{Path, PathBuf};

/// `cms:` as an office would write it.
pub const CMS_SECTION: &str = "cms:\n  repo: so-nong-nghiep/ocop\n  branch: main\n  base_url: https://ocop-auth.example.workers.dev\n";

/// A copy of the example site with `cms:` in its `site.yaml`: the folder
/// and the site root.
pub fn example_with_cms() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_tree(&repo().join("content"), &root.join("content"));
    let site = root.join("content/site.yaml");
    let mut text = std::fs::read_to_string(&site).unwrap();
    text.push_str(CMS_SECTION);
    write(&site, text);
    (dir, root)
}

#[test]
fn cms_build_writes_the_editor_only_with_a_cms_section() {
    let (dir, root) = example_with_cms();
    let output = dir.path().join("public");
    let result = build(&root, &output, &[]);
    assert!(result.status.success(), "{:?}", text(&result));
    let config = std::fs::read_to_string(output.join("admin/config.yml")).unwrap();
    let value: serde_yaml::Value = serde_yaml::from_str(&config).unwrap();
    assert_eq!(value["backend"]["repo"], "so-nong-nghiep/ocop");
    assert_eq!(
        value["backend"]["base_url"],
        "https://ocop-auth.example.workers.dev"
    );
    assert_eq!(value["publish_mode"], "editorial_workflow");
    let producers = std::fs::read_dir(root.join("content/producers"))
        .unwrap()
        .count();
    let collections = value["collections"].as_sequence().unwrap();
    assert_eq!(
        collections.len(),
        2,
        "one producers and one products collection"
    );
    let producer = collections[1]["fields"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "producer")
        .unwrap();
    assert_eq!(
        producer["options"].as_sequence().unwrap().len(),
        producers,
        "every producer folder is a choice of the products' producer field"
    );
    let index = std::fs::read_to_string(output.join("admin/index.html")).unwrap();
    assert!(index.contains("<script src=\"decap-cms.js\"></script>"));
    assert!(!index.contains("http://") && !index.contains("https://"));
    let script = std::fs::read(output.join("admin/decap-cms.js")).unwrap();
    assert!(script.len() > 5_000_000);
    assert!(output.join("admin/LICENSE.txt").is_file());
    let sitemap = std::fs::read_to_string(output.join("sitemap.xml")).unwrap_or_default();
    assert!(!sitemap.contains("/admin/"));

    // Without cms: nothing under admin/.
    let plain = dir.path().join("plain");
    let result = build(&repo(), &plain, &[]);
    assert!(result.status.success(), "{:?}", text(&result));
    assert!(!plain.join("admin").exists());
}

#[test]
fn cms_wrong_settings_are_reported_where_they_are() {
    let (dir, root) = example_with_cms();
    let site = root.join("content/site.yaml");
    let original = std::fs::read_to_string(&site).unwrap();
    let broken = original.replace(
        CMS_SECTION,
        "cms:\n  repo: so-nong-nghiep\n  brnch: main\n  base_url: auth.example\n",
    );
    write(&site, &broken);
    let result = ocop(&["check", "--root", root.to_str().unwrap()]);
    let (out, err) = text(&result);
    let all = format!("{out}{err}");
    assert!(!result.status.success(), "{all}");
    let line_of = |text: &str| broken.lines().position(|l| l.contains(text)).unwrap() + 1;
    for (text, column) in [("repo:", 9), ("brnch:", 3), ("base_url: auth", 13)] {
        let at = format!("content/site.yaml:{}:{column}", line_of(text));
        assert!(all.contains(&at), "{at} in {all}");
    }
    assert!(all.contains("brnch"), "{all}");
    assert!(all.contains("branch"), "did you mean: {all}");
    assert!(all.contains("so-nong-nghiep"), "{all}");
    assert!(all.contains("auth.example"), "{all}");
    drop(dir);
}

#[test]
fn cms_a_product_naming_another_producer_is_an_error_where_it_is() {
    let (dir, root) = example_with_cms();
    let file = root.join("content/producers/gao-thom-tran-de/products/gao-st24.yaml");
    let original = std::fs::read_to_string(&file).unwrap();
    // Its own folder is accepted.
    write(&file, format!("producer: gao-thom-tran-de\n{original}"));
    let result = ocop(&["check", "--root", root.to_str().unwrap()]);
    assert!(result.status.success(), "{:?}", text(&result));
    // Another folder is an error at the value, with how to fix it.
    write(&file, format!("producer: ca-phe-bich-thuy\n{original}"));
    let result = ocop(&["check", "--root", root.to_str().unwrap()]);
    let (out, err) = text(&result);
    let all = format!("{out}{err}");
    assert!(!result.status.success(), "{all}");
    assert!(
        all.contains("gao-thom-tran-de/products/gao-st24.yaml:1:11"),
        "{all}"
    );
    assert!(all.contains("ca-phe-bich-thuy"), "{all}");
    assert!(
        all.contains("producer: gao-thom-tran-de"),
        "how to fix: {all}"
    );
    drop(dir);
}

/// The product `gao-st25` as Decap writes it after an edit of its price:
/// quotes dropped, a bare date, block lists, a folded description.
const DECAP_WRITTEN: &str = "---
name: Gạo ST25 ruộng lúa tôm
category: I.2.a
stars: 4
potential_5_star: true
certificate:
  decision: MẪU-126/QĐ-UBND
  date: 2025-01-16
  issuer: UBND tỉnh Sóc Trăng
photos:
  - src: ../photos/gao-st25-1.jpg
    alt: Túi gạo ST25 5 kg
  - src: ../photos/gao-st25-2.jpg
    alt: Cánh đồng lúa tôm lúc chín vàng
price: 222000
unit: túi 5 kg
standards:
  - VietGAP
  - ISO 22000
ingredients: 100% gạo ST25
shelf_life: 12 tháng
packaging: Túi PA hút chân không, quai xách
links:
  - label: Gian hàng trực tuyến
    url: https://example.com/gao-thom-tran-de/st25
---
";

/// The record of product `slug` in the JSON export of the site in `output`.
pub fn product_record(output: &Path, slug: &str) -> serde_json::Value {
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(output.join("data/products.json")).unwrap()).unwrap();
    json["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["product_slug"] == slug)
        .cloned()
        .unwrap()
}

#[test]
fn cms_a_file_written_by_decap_reads_back_equal() {
    let (dir, root) = example_with_cms();
    let before = dir.path().join("before");
    assert!(build(&root, &before, &[]).status.success());
    let file = root.join("content/producers/gao-thom-tran-de/products/gao-st25.md");
    let original = std::fs::read_to_string(&file).unwrap();
    let body = original.splitn(3, "---\n").nth(2).unwrap();
    write(&file, format!("{DECAP_WRITTEN}{body}"));
    let result = ocop(&["check", "--root", root.to_str().unwrap()]);
    assert!(result.status.success(), "{:?}", text(&result));
    let after = dir.path().join("after");
    assert!(build(&root, &after, &[]).status.success());
    assert_eq!(
        product_record(&before, "gao-st25"),
        product_record(&after, "gao-st25")
    );
}

/// Posts `body` to the editor's backend; returns the status and the body.
pub fn post_api(port: u16, body: &str, extra_headers: &str) -> (u16, String) {
    exchange(
        port,
        &format!(
            "POST /api/v1 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {}\r\nConnection: close\r\n{extra_headers}\r\n{body}",
            body.len()
        ),
    )
}

#[test]
fn cms_serve_answers_the_local_backend_inside_content_only() {
    let (_dir, root) = example_with_cms();
    let serve = crate::common::serve::start(&root);
    let port = serve.port;
    let json = "Content-Type: application/json\r\n";
    let (status, body) = post_api(port, r#"{"action":"info"}"#, json);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"simple\""), "{body}");
    // Not JSON (a form or a no-cors fetch of another site): refused.
    assert_eq!(post_api(port, r#"{"action":"info"}"#, "").0, 415);
    let other = "Content-Type: application/json\r\nOrigin: http://evil.example\r\n";
    assert_eq!(post_api(port, r#"{"action":"info"}"#, other).0, 403);
    let escape = r#"{"action":"persistEntry","params":{"branch":"main","dataFiles":[{"slug":"x","path":"content/../x.md","raw":"x"}],"assets":[],"options":{"commitMessage":"x","useWorkflow":false,"status":""}}}"#;
    assert_eq!(post_api(port, escape, json).0, 422);
    assert!(!root.join("x.md").exists());
    let site = r#"{"action":"getEntry","params":{"branch":"main","path":"content/site.yaml"}}"#;
    let (status, body) = post_api(port, site, json);
    assert_eq!(status, 200);
    assert!(body.contains("so-nong-nghiep"));
    // The served configuration uses this server, the built one GitHub.
    let (status, config) = exchange(
        port,
        &format!(
            "GET /admin/config.yml HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(status, 200);
    assert!(
        config.contains(&format!("http://127.0.0.1:{port}/api/v1")),
        "{config}"
    );
    assert!(config.contains("publish_mode: simple"), "{config}");
    let (_, page) = get(port, "/admin/");
    assert!(!page.contains("/__ocop/live.js"), "{page}");
}
