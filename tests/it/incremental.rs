//! A rebuild renders only pages whose inputs changed, and its site is the
//! same, byte for byte, as a build from nothing.

use crate::common::{build, copy_tree, repo, snapshot, text};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

fn built(root: &Path, output: &Path, extra: &[&str]) -> String {
    let result = build(root, output, extra);
    let (stdout, stderr) = text(&result);
    assert!(result.status.success(), "{stdout}\n{stderr}");
    stdout
}

fn inode(path: &Path) -> u64 {
    std::fs::metadata(path).unwrap().ino()
}

/// Every file of a site but the build marker.
fn site_files(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = snapshot(dir);
    files.remove(ocop::output::MARKER);
    files
}

fn rename_product(root: &Path, name: &str) {
    let file = root.join("content/producers/banh-pia-hai-suong/products/lap-xuong-tuoi.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let first = text.lines().next().unwrap().to_string();
    std::fs::write(&file, text.replacen(&first, &format!("name: {name}"), 1)).unwrap();
}

#[test]
fn a_rebuild_renders_what_changed_and_matches_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_tree(&repo().join("content"), &root.join("content"));
    let output = root.join("public");
    let unrelated = output.join("san-pham/che-tan-huong/che-bup-tan-cuong/index.html");
    let edited = output.join("san-pham/banh-pia-hai-suong/lap-xuong-tuoi/index.html");

    built(&root, &output, &[]);
    let first_site = inode(&unrelated);
    rename_product(&root, "Lạp xưởng Hải Sương");
    built(&root, &output, &[]);
    // The third build starts from the first site, kept aside.
    rename_product(&root, "Lạp xưởng tươi đặc biệt");
    let report = built(&root, &output, &[]);
    let rendered: usize = report
        .lines()
        .find_map(|l| {
            l.strip_prefix("Pages: ")
                .or_else(|| l.strip_prefix("Trang: "))
        })
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count of rendered pages: {report}"));
    // Its page, its producer's, the lists and indexes that show it.
    assert!(
        (1..=40).contains(&rendered),
        "{rendered} pages rendered: {report}"
    );

    let page = std::fs::read_to_string(&edited).unwrap();
    assert!(
        page.contains("Lạp xưởng tươi đặc biệt"),
        "the edited product's page"
    );
    let producer =
        std::fs::read_to_string(output.join("chu-the/banh-pia-hai-suong/index.html")).unwrap();
    assert!(
        producer.contains("Lạp xưởng tươi đặc biệt"),
        "the producer's page lists the new name"
    );
    assert_eq!(
        inode(&unrelated),
        first_site,
        "a page whose inputs did not change is neither rendered nor written"
    );

    let fresh = dir.path().join("fresh");
    built(&root, &fresh, &["--force"]);
    let (incremental, full) = (site_files(&output), site_files(&fresh));
    let differing: Vec<&String> = full
        .keys()
        .chain(incremental.keys())
        .filter(|path| incremental.get(*path) != full.get(*path))
        .collect();
    assert!(
        differing.is_empty(),
        "differs from a full build: {differing:?}"
    );
}

#[test]
fn a_theme_change_renders_every_page_again() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_tree(&repo().join("content"), &root.join("content"));
    copy_tree(&repo().join("themes"), &root.join("themes"));
    let output = root.join("public");
    for _ in 0..2 {
        built(&root, &output, &["--force"]);
    }
    let base = root.join("themes/default/templates/base.html");
    let template = std::fs::read_to_string(&base).unwrap();
    std::fs::write(
        &base,
        template.replacen("<head>", "<head><!-- changed -->", 1),
    )
    .unwrap();
    built(&root, &output, &[]);
    let unrelated = output.join("san-pham/che-tan-huong/che-bup-tan-cuong/index.html");
    assert!(
        std::fs::read_to_string(unrelated)
            .unwrap()
            .contains("<!-- changed -->")
    );
}
