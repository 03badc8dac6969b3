//! `ocop new` and `ocop codeowners` with the real binary: scaffolded files
//! pass `ocop check`, nothing is overwritten, slugs come from names, and the
//! CODEOWNERS file follows the producers' maintainers.

use crate::common::{base_site, ocop, text};
use std::path::Path;

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let output = ocop(args);
    let (stdout, stderr) = text(&output);
    (output.status.code(), stdout, stderr)
}

fn check_json(root: &Path) -> (Option<i32>, serde_json::Value) {
    let (code, stdout, stderr) = run(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let json = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}"));
    (code, json)
}

#[test]
fn scaffolded_files_pass_the_check() {
    let (_dir, root) = base_site();
    let r = root.to_str().unwrap();
    let (code, stdout, stderr) = run(&[
        "new",
        "producer",
        "HTX Chè Tân Cương",
        "--province",
        "Thái Nguyên",
        "--kind",
        "hop-tac-xa",
        "--root",
        r,
    ]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    let producer = root.join("content/producers/htx-che-tan-cuong/producer.yaml");
    assert!(
        stdout.starts_with(&format!("Created {}\n", producer.display())),
        "{stdout}"
    );
    assert!(
        stdout.contains("ocop check"),
        "says what to do next: {stdout}"
    );
    let text = std::fs::read_to_string(&producer).unwrap();
    assert!(text.starts_with(
        "# yaml-language-server: $schema=../../../.ocop/schema/producer.schema.json\n"
    ));
    assert!(
        text.contains("# Tên chủ thể OCOP"),
        "Vietnamese comments: {text}"
    );

    let (code, stdout, stderr) = run(&[
        "new",
        "product",
        "htx-che-tan-cuong",
        "Chè búp Tân Cương 200 g",
        "--category",
        "chè tươi, chế biến",
        "--stars",
        "4",
        "--root",
        r,
    ]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    let product =
        root.join("content/producers/htx-che-tan-cuong/products/che-bup-tan-cuong-200-g.yaml");
    assert!(product.is_file(), "{stdout}");
    assert!(
        std::fs::read_to_string(&product)
            .unwrap()
            .contains("category: I.5.a  # Chè tươi, chế biến\n")
    );

    let (code, json) = check_json(&root);
    assert_eq!(code, Some(0), "{json:#}");
    let ours: Vec<&serde_json::Value> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"].as_str().unwrap().contains("htx-che-tan-cuong"))
        .collect();
    // What is left to fill in is said, as warnings.
    assert!(ours.iter().all(|d| d["severity"] == "warning"), "{ours:#?}");
    let codes: Vec<&str> = ours.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(
        codes.contains(&"missing-description") && codes.contains(&"no-photos"),
        "{codes:?}"
    );

    // The product appears in a build.
    let out = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(&[
        "build",
        "--root",
        r,
        "--output",
        out.path().join("public").to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        out.path()
            .join("public/san-pham/htx-che-tan-cuong/che-bup-tan-cuong-200-g/index.html")
            .is_file()
    );
}

#[test]
fn new_refuses_to_overwrite_and_to_guess() {
    let (_dir, root) = base_site();
    let r = root.to_str().unwrap();
    let producer = root.join("content/producers/hai-son/producer.yaml");
    let before = std::fs::read(&producer).unwrap();
    let (code, _, stderr) = run(&[
        "new",
        "producer",
        "Hải Sơn",
        "--province",
        "Cần Thơ",
        "--root",
        r,
    ]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(std::fs::read(&producer).unwrap(), before);

    // A Markdown producer file counts too.
    let (code, _, stderr) = run(&[
        "new",
        "producer",
        "Dừa xanh",
        "--province",
        "Vĩnh Long",
        "--root",
        r,
    ]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("dua-xanh/producer.md already exists"),
        "{stderr}"
    );

    let (code, _, stderr) = run(&["new", "producer", "Cơ sở mới", "--root", r]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("--province"), "{stderr}");
    let (code, _, stderr) = run(&[
        "new",
        "producer",
        "Cơ sở mới",
        "--province",
        "Atlantis",
        "--root",
        r,
    ]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("no province or city is called"), "{stderr}");
    assert!(!root.join("content/producers/co-so-moi").exists());

    let (code, _, stderr) = run(&[
        "new",
        "product",
        "hai-so",
        "Bánh pía",
        "--category",
        "I.3.b",
        "--stars",
        "4",
        "--root",
        r,
    ]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("did you mean \"hai-son\""), "{stderr}");
    let (code, _, stderr) = run(&[
        "new",
        "product",
        "hai-son",
        "Bánh pía",
        "--category",
        "I.3.b",
        "--stars",
        "4",
        "--root",
        r,
    ]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("banh-pia.yaml already exists"), "{stderr}");
    let (code, _, stderr) = run(&[
        "new",
        "product",
        "hai-son",
        "Bánh mới",
        "--category",
        "I.3.b",
        "--stars",
        "2",
        "--root",
        r,
    ]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("3, 4 or 5"), "{stderr}");
    let (code, _, stderr) = run(&[
        "new",
        "product",
        "hai-son",
        "Bánh mới",
        "--stars",
        "3",
        "--root",
        r,
    ]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("--category"), "{stderr}");
    let (code, _, stderr) = run(&[
        "new",
        "product",
        "hai-son",
        "!!!",
        "--category",
        "I.3.b",
        "--stars",
        "3",
        "--root",
        r,
    ]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("cannot make a file name"), "{stderr}");
}

#[test]
fn slugs_are_made_from_vietnamese_names() {
    let (_dir, root) = base_site();
    let (code, stdout, stderr) = run(&[
        "new",
        "producer",
        "Cơ sở Nước mắm Đức Thịnh (Phú Quốc)",
        "--province",
        "An Giang",
        "--root",
        root.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        root.join("content/producers/co-so-nuoc-mam-duc-thinh-phu-quoc/producer.yaml")
            .is_file()
    );
}

#[test]
fn codeowners_maps_producer_folders_to_their_maintainers() {
    let (_dir, root) = base_site();
    let site = root.join("content/site.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    std::fs::write(
        &site,
        format!("{text}reviewers: [so-nong-nghiep/ocop, \"@duyet\"]\n"),
    )
    .unwrap();
    let producer = root.join("content/producers/hai-son/producer.yaml");
    let text = std::fs::read_to_string(&producer).unwrap();
    std::fs::write(
        &producer,
        format!("{text}maintainers: [lan-hai-son, \"@lan\"]\n"),
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["codeowners", "--root", root.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stderr}");
    let rules: Vec<&str> = stdout
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    assert_eq!(
        rules,
        [
            "* @so-nong-nghiep/ocop @duyet",
            "/content/site.yaml @so-nong-nghiep/ocop @duyet",
            "/content/reference/ @so-nong-nghiep/ocop @duyet",
            "/themes/ @so-nong-nghiep/ocop @duyet",
            "/content/producers/hai-son/ @lan-hai-son @lan @so-nong-nghiep/ocop @duyet",
        ]
    );
    assert!(
        stdout.starts_with("# Made by `ocop codeowners`"),
        "{stdout}"
    );
    assert!(
        stderr.contains("dua-xanh"),
        "producers without maintainers are named: {stderr}"
    );
    // Stable: the same content gives the same file.
    let (_, again, _) = run(&["codeowners", "--root", root.to_str().unwrap()]);
    assert_eq!(again, stdout);
}
