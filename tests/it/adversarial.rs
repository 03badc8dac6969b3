//! Hostile and broken situations that need more than a folder of files:
//! symbolic links, huge files, interrupted and killed builds, tolerant
//! reading of odd encodings. The file-based cases are in broken_sites.rs.

use crate::common::{base_site, build, copy_tree, fails_keeping_the_site, snapshot, text, write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[cfg(unix)]
#[test]
fn symbolic_links_cannot_reach_outside_the_producer_folder() {
    use std::os::unix::fs::symlink;
    let (code, stderr) = fails_keeping_the_site(|root| {
        let producer = root.join("content/producers/hai-son");
        std::fs::remove_file(producer.join("photos/banh-pia.png")).unwrap();
        symlink("/etc/hostname", producer.join("photos/banh-pia.png")).unwrap();
    });
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("symbolic links are not allowed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/producers/hai-son/products/banh-pia.yaml:9:10"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_to_content_are_refused() {
    use std::os::unix::fs::symlink;
    let (code, stderr) = fails_keeping_the_site(|root| {
        let outside = root.parent().unwrap().join("elsewhere");
        copy_tree(&root.join("content/producers/dua-xanh"), &outside);
        symlink(&outside, root.join("content/producers/lien-ket")).unwrap();
        symlink(
            root.join("content/producers/hai-son/products/banh-pia.yaml"),
            root.join("content/producers/dua-xanh/products/ban-sao.yaml"),
        )
        .unwrap();
    });
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(" --> content/producers/lien-ket\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains(" --> content/producers/dua-xanh/products/ban-sao.yaml\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("symbolic links are not allowed"),
        "{stderr}"
    );
}

#[test]
fn a_50_mb_content_file_is_refused_quickly() {
    let started = Instant::now();
    let (code, stderr) = fails_keeping_the_site(|root| {
        let mut text = String::from("name: Bánh pía\ncategory: I.3.b\nstars: 4\ndescription: |\n");
        let line = "  Bánh pía ngon. Bánh pía ngon. Bánh pía ngon. Bánh pía ngon.\n";
        while text.len() < 50 << 20 {
            text.push_str(line);
        }
        write(
            &root.join("content/producers/hai-son/products/banh-pia.yaml"),
            text,
        );
    });
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("the file is too large (50.0 MB); the limit is 1.0 MB"),
        "{stderr}"
    );
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn odd_but_honest_encodings_are_read() {
    let (_dir, root) = base_site();
    // A UTF-8 BOM, CRLF line ends, decomposed (NFD) Vietnamese and trailing spaces.
    let nfd_name = "Ba\u{0301}nh pi\u{0301}a Sa\u{0300}i Go\u{0300}n";
    let file = format!(
        "\u{feff}name: {nfd_name}   \r\ncategory: I.3.b \r\nstars: 4\r\ndescription: |\r\n  Bánh   \r\n  ngon.\r\n"
    );
    write(
        &root.join("content/producers/hai-son/products/banh-pia.yaml"),
        file,
    );
    let output = root.join("public");
    let result = build(&root, &output, &[]);
    assert!(result.status.success(), "{:?}", text(&result));
    let page =
        std::fs::read_to_string(output.join("san-pham/hai-son/banh-pia/index.html")).unwrap();
    assert!(page.contains("<h1>Bánh pía Sài Gòn</h1>"), "NFC, trimmed");
}

fn big_site(products: usize) -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = base_site();
    let template =
        std::fs::read_to_string(root.join("content/producers/hai-son/products/banh-pia.yaml"))
            .unwrap();
    let hai_son = root.join("content/producers/hai-son");
    // A producer folder may hold 300 photos: the products are spread over
    // copies of the folder, 200 to each.
    for i in 0..products {
        let folder = root.join(format!("content/producers/hai-son-{}", i / 200));
        if i % 200 == 0 {
            copy_tree(&hai_son.join("photos"), &folder.join("photos"));
            std::fs::copy(hai_son.join("producer.yaml"), folder.join("producer.yaml")).unwrap();
        }
        let text = template.replacen("Bánh pía sầu riêng", &format!("Bánh pía số {i}"), 1);
        write(&folder.join(format!("products/banh-pia-{i}.yaml")), text);
    }
    (dir, root)
}

fn staging_exists(parent: &Path) -> bool {
    std::fs::read_dir(parent).unwrap().any(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with(".public.ocop-staging-")
    })
}

/// Starts a build and returns it once its staging folder exists, i.e. while
/// it is writing the new site.
fn build_in_progress(root: &Path, output: &Path) -> std::process::Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ocop"))
        .args([
            "--lang",
            "en",
            "build",
            "--root",
            root.to_str().unwrap(),
            "--output",
            output.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !staging_exists(output.parent().unwrap()) {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build finished before it could be interrupted"
        );
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no staging folder appeared"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    child
}

#[test]
fn a_killed_build_leaves_the_previous_site_intact() {
    let (_dir, root) = big_site(800);
    let output = root.join("public");
    std::fs::rename(
        root.join("content/producers/hai-son/products"),
        root.join("products-aside"),
    )
    .unwrap();
    assert!(build(&root, &output, &[]).status.success());
    std::fs::rename(
        root.join("products-aside"),
        root.join("content/producers/hai-son/products"),
    )
    .unwrap();
    let before = snapshot(&output);

    let mut child = build_in_progress(&root, &output);
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(snapshot(&output), before, "a killed build changed the site");

    // The next build clears what the killed one left and succeeds.
    let result = build(&root, &output, &[]);
    assert!(result.status.success(), "{:?}", text(&result));
    assert!(!staging_exists(&root), "left-overs were cleared");
    assert!(
        output
            .join("san-pham/hai-son-3/banh-pia-799/index.html")
            .is_file()
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_build_cleanly() {
    let (_dir, root) = big_site(800);
    let output = root.join("public");
    std::fs::rename(
        root.join("content/producers/hai-son/products"),
        root.join("products-aside"),
    )
    .unwrap();
    assert!(build(&root, &output, &[]).status.success());
    std::fs::rename(
        root.join("products-aside"),
        root.join("content/producers/hai-son/products"),
    )
    .unwrap();
    let before = snapshot(&output);

    let child = build_in_progress(&root, &output);
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let result = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("Interrupted; the previous site was left as it was."),
        "{stderr}"
    );
    assert_eq!(snapshot(&output), before);
    assert!(!staging_exists(&root), "the staging folder was removed");
}

#[test]
fn dangerous_output_folders_are_refused() {
    let (_dir, root) = base_site();
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
    for output in [
        root.to_str().unwrap(),
        "/",
        home.as_str(),
        root.join("content").to_str().unwrap(),
        root.join("content/producers/x").to_str().unwrap(),
        root.parent().unwrap().to_str().unwrap(),
    ] {
        let result = build(&root, Path::new(output), &[]);
        let (_, stderr) = text(&result);
        assert_eq!(result.status.code(), Some(2), "--output {output}: {stderr}");
        assert!(
            stderr.contains("refusing to write the site into"),
            "{stderr}"
        );
    }
    assert!(
        root.join("content/site.yaml").is_file(),
        "nothing was deleted"
    );
}
