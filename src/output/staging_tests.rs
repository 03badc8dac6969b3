use super::*;
use crate::output::check_output;

#[test]
fn swaps_in_the_new_site_and_keeps_the_old_on_failure() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("public");
    let staging = Staging::create(&target, Cancel::new()).unwrap();
    staging.write("index.html", b"one").unwrap();
    staging.write("a/b/index.html", b"two").unwrap();
    staging.commit().unwrap();
    assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"one");
    assert!(
        check_output(&target, dir.path()).is_ok(),
        "the marker makes it ours"
    );

    let staging = Staging::create(&target, Cancel::new()).unwrap();
    staging.write("index.html", b"broken").unwrap();
    drop(staging);
    assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"one");
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [".public.ocop-spare", "public"],
        "no staging left behind, only the spare"
    );

    let staging = Staging::create(&target, Cancel::new()).unwrap();
    staging.write("index.html", b"three").unwrap();
    staging.commit().unwrap();
    assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"three");
    assert!(!target.join("a").exists(), "stale files do not survive");
}

#[test]
fn restores_a_site_left_aside_by_an_interrupted_swap() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("public");
    let aside = dir.path().join(".public.ocop-old-999999");
    std::fs::create_dir_all(&aside).unwrap();
    std::fs::write(aside.join(MARKER), MARKER_TEXT).unwrap();
    std::fs::write(aside.join("index.html"), b"old").unwrap();
    let staging = Staging::create(&target, Cancel::new()).unwrap();
    assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"old");
    drop(staging);
}

fn inode(path: &Path) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).unwrap().ino()
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        0
    }
}

fn build(target: &Path, files: &[(&str, &[u8])]) -> usize {
    let staging = Staging::create(target, Cancel::new()).unwrap();
    for (path, bytes) in files {
        staging.write(path, bytes).unwrap();
    }
    let unchanged = staging.unchanged();
    staging.commit().unwrap();
    unchanged
}

fn tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found: Vec<_> = walkdir::WalkDir::new(root)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file() && e.file_name() != MARKER)
        .map(|e| {
            let relative = e.path().strip_prefix(root).unwrap();
            (
                relative.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn reuses_the_site_before_last_and_rewrites_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("public");
    build(
        &target,
        &[("index.html", b"one"), ("a/b/index.html", b"ab")],
    );
    // The second build starts from an empty folder: no spare yet.
    assert_eq!(
        build(
            &target,
            &[("index.html", b"one"), ("a/b/index.html", b"ab")]
        ),
        0
    );
    // The third reuses the first: same bytes stay, the rest changes.
    let unchanged = build(
        &target,
        &[
            ("index.html", b"one"),
            ("a/b/index.html", b"AB!"),
            ("c/index.html", b"c"),
        ],
    );
    assert_eq!(unchanged, 1);
    assert_eq!(
        tree(&target),
        [
            ("a/b/index.html".to_string(), b"AB!".to_vec()),
            ("c/index.html".to_string(), b"c".to_vec()),
            ("index.html".to_string(), b"one".to_vec()),
        ]
    );
    assert!(target.join(MARKER).is_file());
    // A folder becomes a file, a file a folder, stale folders go.
    build(&target, &[("a", b"file now"), ("index.html/x", b"x")]);
    build(&target, &[("a", b"file now"), ("index.html/x", b"x")]);
    assert_eq!(
        tree(&target),
        [
            ("a".to_string(), b"file now".to_vec()),
            ("index.html/x".to_string(), b"x".to_vec()),
        ]
    );
    assert!(!target.join("c").exists(), "emptied folders are removed");
}

#[test]
fn an_unchanged_file_is_not_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("public");
    for _ in 0..2 {
        build(&target, &[("index.html", b"same")]);
    }
    let kept = inode(&spare(&target).join("index.html"));
    assert_eq!(build(&target, &[("index.html", b"same")]), 1);
    assert_eq!(inode(&target.join("index.html")), kept);
    assert_eq!(build(&target, &[("index.html", b"other")]), 0);
}

#[cfg(unix)]
#[test]
fn a_changed_file_is_rewritten_in_place_but_never_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("public");
    let cached = dir.path().join("cached.jpg");
    std::fs::write(&cached, b"photo").unwrap();
    for _ in 0..2 {
        let staging = Staging::create(&target, Cancel::new()).unwrap();
        staging.write("index.html", b"old").unwrap();
        staging.link("photo.jpg", &cached).unwrap();
        staging.commit().unwrap();
    }
    // Open, it shows whether the same file was rewritten or replaced.
    let mut page = std::fs::File::open(spare(&target).join("index.html")).unwrap();
    let staging = Staging::create(&target, Cancel::new()).unwrap();
    staging.write("index.html", b"new page").unwrap();
    // Where the old site linked a cached file, the new one writes.
    staging.write("photo.jpg", b"not the photo").unwrap();
    staging.commit().unwrap();
    let mut seen = String::new();
    std::io::Read::read_to_string(&mut page, &mut seen).unwrap();
    assert_eq!(seen, "new page", "rewritten in place");
    assert_eq!(
        std::fs::read(target.join("photo.jpg")).unwrap(),
        b"not the photo"
    );
    assert_eq!(
        std::fs::read(&cached).unwrap(),
        b"photo",
        "the cache is intact"
    );
}

#[cfg(unix)]
#[test]
fn a_reused_folder_never_leads_outside() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("public");
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(dir.path().join("cached.jpg"), b"photo").unwrap();
    build(&target, &[("index.html", b"1")]);
    build(&target, &[("index.html", b"2")]);
    // Someone puts a link to a folder outside into the kept site, and
    // a hard link to a cached file sits where a page will be written.
    let spare = spare(&target);
    std::os::unix::fs::symlink(&outside, spare.join("escape")).unwrap();
    std::fs::hard_link(dir.path().join("cached.jpg"), spare.join("page.html")).unwrap();
    build(
        &target,
        &[("escape/index.html", b"in"), ("page.html", b"new page")],
    );
    assert!(!outside.join("index.html").exists(), "wrote through a link");
    assert_eq!(
        std::fs::read(dir.path().join("cached.jpg")).unwrap(),
        b"photo"
    );
    assert_eq!(
        std::fs::read(target.join("escape/index.html")).unwrap(),
        b"in"
    );
    assert!(!target.join("escape").is_symlink());
}

/// A build that renders `pages` (path, key, text) unless kept; returns
/// the pages it kept.
fn render(target: &Path, memory: &Path, pages: &[(&str, u128, &str)]) -> Vec<String> {
    let mut staging = Staging::create(target, Cancel::new()).unwrap();
    staging.remember_pages(memory);
    let mut kept = Vec::new();
    for (path, key, text) in pages {
        if staging.keep_rendered(path, *key) {
            kept.push(path.to_string());
        } else {
            staging.write_rendered(path, text.as_bytes(), *key).unwrap();
        }
    }
    staging.commit().unwrap();
    kept
}

#[test]
fn keeps_pages_rendered_from_the_same_key() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("public");
    let memory = dir.path().join("cache/pages");
    let site = [("a.html", 1, "a"), ("b/index.html", 2, "b")];
    assert!(render(&target, &memory, &site).is_empty());
    assert!(render(&target, &memory, &site).is_empty(), "no spare yet");
    // The spare is the first site, rendered from the same keys.
    let changed = [("a.html", 1, "a"), ("b/index.html", 3, "B!")];
    assert_eq!(render(&target, &memory, &changed), ["a.html"]);
    assert_eq!(std::fs::read(target.join("b/index.html")).unwrap(), b"B!");
    assert_eq!(render(&target, &memory, &changed), ["a.html"]);
    assert_eq!(
        render(&target, &memory, &changed),
        ["a.html", "b/index.html"]
    );
    // A page changed by hand in the kept site is rendered again.
    std::fs::write(spare(&target).join("a.html"), b"by hand").unwrap();
    assert_eq!(render(&target, &memory, &changed), ["b/index.html"]);
    assert_eq!(std::fs::read(target.join("a.html")).unwrap(), b"a");
    // Without its memory, nothing is kept; only two memories are left.
    std::fs::remove_dir_all(&memory).unwrap();
    assert!(render(&target, &memory, &changed).is_empty());
    render(&target, &memory, &changed);
    render(&target, &memory, &changed);
    assert_eq!(std::fs::read_dir(&memory).unwrap().count(), 2);
}

#[test]
fn refuses_unsafe_relative_paths() {
    let dir = tempfile::tempdir().unwrap();
    let staging = Staging::create(&dir.path().join("public"), Cancel::new()).unwrap();
    assert!(staging.write("../x", b"").is_err());
    assert!(staging.write("/etc/x", b"").is_err());
    assert!(!dir.path().join("x").exists());
}
