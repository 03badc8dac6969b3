//! A build with nothing changed since the last one stops at once and leaves
//! the site alone; any change to an input builds again.

use crate::common::{build, copy_tree, repo, text};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("content"), &dir.path().join("content"));
    dir
}

fn built(root: &Path, extra: &[&str]) -> String {
    let output = root.join("public");
    let result = build(root, &output, extra);
    let (stdout, stderr) = text(&result);
    assert!(result.status.success(), "{stdout}\n{stderr}");
    stdout
}

fn inode(path: &Path) -> u64 {
    std::fs::metadata(path).unwrap().ino()
}

#[test]
fn an_unchanged_site_is_not_built_again() {
    let dir = site();
    let root = dir.path();
    let first = built(root, &[]);
    assert!(first.starts_with("Built "), "{first}");
    let home = root.join("public/index.html");
    let before = inode(&home);

    let again = built(root, &[]);
    assert!(again.starts_with("Nothing changed"), "{again}");
    assert!(again.contains("up to date"), "{again}");
    assert_eq!(inode(&home), before, "the site was left as it was");

    let forced = built(root, &["--force"]);
    assert!(forced.starts_with("Built "), "{forced}");
    assert_ne!(inode(&home), before, "--force builds a new site");
}

#[test]
fn any_change_builds_again() {
    let dir = site();
    let root = dir.path();
    built(root, &[]);
    assert!(built(root, &[]).starts_with("Nothing changed"));

    // An edited product.
    let product = walkdir::WalkDir::new(root.join("content/producers"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().parent().is_some_and(|p| p.ends_with("products")))
        .unwrap()
        .into_path();
    let text = std::fs::read_to_string(&product).unwrap();
    std::fs::write(&product, text.replacen("name: ", "name: Mới ", 1)).unwrap();
    let edited = built(root, &[]);
    assert!(edited.starts_with("Built "), "{edited}");
    assert!(built(root, &[]).starts_with("Nothing changed"));

    // Another base address.
    let moved = built(root, &["--base-url", "https://ocop.example.vn/catalogue/"]);
    assert!(moved.starts_with("Built "), "{moved}");

    // A theme folder appearing.
    std::fs::create_dir_all(root.join("themes/default")).unwrap();
    built(root, &["--base-url", "https://ocop.example.vn/catalogue/"]);
    assert!(
        built(root, &["--base-url", "https://ocop.example.vn/catalogue/"])
            .starts_with("Nothing changed")
    );

    // An output folder replaced by hand (deleted): built again.
    std::fs::remove_dir_all(root.join("public")).unwrap();
    let rebuilt = built(root, &["--base-url", "https://ocop.example.vn/catalogue/"]);
    assert!(rebuilt.starts_with("Built "), "{rebuilt}");
    assert!(root.join("public/index.html").is_file());
}
