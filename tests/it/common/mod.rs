//! Helpers shared by the integration tests: running the real `ocop` binary
//! on folders, and reading what it wrote.
#![allow(dead_code)]

/// The catalogue generator of the benchmarks, for tests at scale.
#[path = "../../../benches/support/generate.rs"]
pub mod generate;
/// Phone-like photos and SSIM, shared with the photo benchmark.
#[path = "../../../benches/support/phone_photo.rs"]
pub mod phone_photo;
pub mod seaweed;
pub mod serve;
pub mod server;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the small test site `tests/sites/base` in a temporary folder:
/// the folder (removed when dropped) and the site root inside it.
pub fn base_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_tree(
        &repo().join("tests/sites/base/content"),
        &root.join("content"),
    );
    (dir, root)
}

/// Writes `bytes` to `path`, making its folders.
pub fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Runs `ocop` with `args`, in English so messages can be asserted.
pub fn ocop(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ocop"))
        .arg("--lang")
        .arg("en")
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1795651200") // 2026-11-26, so expiry checks are stable
        .output()
        .expect("run ocop")
}

/// Runs `ocop import CSV --root root` with extra arguments.
pub fn import(csv: &Path, root: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "import",
        csv.to_str().unwrap(),
        "--root",
        root.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    ocop(&args)
}

/// Runs `ocop build --root root --output output` with extra arguments.
pub fn build(root: &Path, output: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    ocop(&args)
}

/// Text of stdout and stderr.
pub fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its contents, by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return files;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(relative, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// Decodes %XX escapes of a URL path.
pub fn percent_decode(path: &str) -> String {
    percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .unwrap_or_else(|e| panic!("{path} is not UTF-8 once decoded: {e}"))
        .into_owned()
}

/// Every local link and resource address in the HTML pages of a built site
/// that does not resolve to a file. `base_url` maps absolute links to the
/// output; `base_path` maps root-relative ones. Also reports resources
/// (images, styles, scripts) loaded from another host.
pub fn broken_links(output: &Path, base_url: &str, base_path: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(
        "a[href], link[href], img[src], script[src], source[srcset], img[srcset]",
    )
    .unwrap();
    let mut broken = Vec::new();
    for entry in walkdir::WalkDir::new(output) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = entry
            .path()
            .strip_prefix(output)
            .unwrap()
            .display()
            .to_string();
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let document = scraper::Html::parse_document(&html);
        for element in document.select(&selector) {
            let element = element.value();
            let is_resource = element.name() != "a" && element.attr("rel") != Some("canonical");
            let mut targets: Vec<String> = Vec::new();
            for attr in ["href", "src"] {
                if let Some(value) = element.attr(attr) {
                    targets.push(value.to_string());
                }
            }
            if let Some(srcset) = element.attr("srcset") {
                targets.extend(
                    srcset
                        .split(',')
                        .filter_map(|c| c.split_whitespace().next())
                        .map(str::to_string),
                );
            }
            for target in targets {
                let target = target
                    .split('#')
                    .next()
                    .unwrap()
                    .split('?')
                    .next()
                    .unwrap()
                    .to_string();
                if target.is_empty() || target.starts_with("mailto:") || target.starts_with("tel:")
                {
                    continue;
                }
                let path = if let Some(rest) = target.strip_prefix(base_url) {
                    rest.to_string()
                } else if target.starts_with("http://") || target.starts_with("https://") {
                    if is_resource {
                        broken.push(format!("{page}: loads {target} from another host"));
                    }
                    continue;
                } else if let Some(rest) = target.strip_prefix(base_path) {
                    rest.to_string()
                } else {
                    broken.push(format!("{page}: {target} is outside the site's base path"));
                    continue;
                };
                let path = percent_decode(&path);
                let file = if path.is_empty() || path.ends_with('/') {
                    output.join(&path).join("index.html")
                } else {
                    output.join(&path)
                };
                if !file.is_file() {
                    broken.push(format!(
                        "{page}: {target} does not resolve ({})",
                        file.display()
                    ));
                }
            }
        }
    }
    broken.sort();
    broken.dedup();
    broken
}

/// Builds the base site, then changes it with `change`, builds again and
/// returns (exit code, stderr), checking the first build's output survived.
pub fn fails_keeping_the_site(change: impl FnOnce(&Path)) -> (Option<i32>, String) {
    let (_dir, root) = base_site();
    let output = root.join("public");
    assert!(build(&root, &output, &[]).status.success());
    let before = snapshot(&output);
    change(&root);
    let result = build(&root, &output, &[]);
    let (_, stderr) = text(&result);
    assert_eq!(
        snapshot(&output),
        before,
        "the previous site changed:\n{stderr}"
    );
    (result.status.code(), stderr)
}

/// Every built listing (province, category and star pages and their
/// crossings, in every language) lists products, and the sitemap lists
/// exactly the built pages, less search pages and later pages of a list.
pub fn listings_have_products_and_the_sitemap_lists_the_pages(output: &Path, base_url: &str) {
    let mut pages = std::collections::BTreeSet::new();
    for entry in walkdir::WalkDir::new(output) {
        let entry = entry.unwrap();
        let relative = entry
            .path()
            .strip_prefix(output)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if !relative.ends_with("index.html") || relative.starts_with("search-index") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let listing = ["tinh/", "nhom/", "sao/", "en/tinh/", "en/nhom/", "en/sao/"]
            .iter()
            .any(|prefix| {
                relative.starts_with(prefix) && relative != format!("{prefix}index.html")
            });
        if listing {
            assert!(
                html.contains("class=\"card-title\""),
                "{relative} lists no product"
            );
        }
        pages.insert(format!(
            "{base_url}{}",
            relative.trim_end_matches("index.html")
        ));
    }
    let sitemap = std::fs::read_to_string(output.join("sitemap.xml")).expect("sitemap.xml");
    let listed: std::collections::BTreeSet<String> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|rest| rest.split("</loc>").next().unwrap().to_string())
        .collect();
    let unlisted: Vec<_> = pages.difference(&listed).collect();
    let missing: Vec<_> = listed.difference(&pages).collect();
    assert!(
        missing.is_empty(),
        "in the sitemap but not built: {missing:?}"
    );
    // Search pages and later pages of a list are left out of the sitemap on purpose.
    assert!(
        unlisted
            .iter()
            .all(|url| url.contains("tim-kiem") || url.contains("/trang/")),
        "built but not in the sitemap: {unlisted:?}"
    );
}
