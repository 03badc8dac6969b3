//! What ocop writes besides the site: `ocop import` and `ocop new` never
//! write through a symbolic link and import all or nothing; the CSV export
//! reads back to the same CSV; `--cache-dir` is used only when it is
//! ocop's; the swap of the output never leaves it without its home page;
//! a full disk keeps the previous site.

use crate::common::{base_site, build, import, ocop, repo, snapshot, text, write};
use std::path::Path;

fn built(root: &Path, output: &Path) {
    let result = build(root, output, &[]);
    assert!(result.status.success(), "{:?}", text(&result));
}

/// The rows of a CSV export, without the photos column (an import brings
/// no photos back).
fn csv_rows(output: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(output.join("data/products.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let photos = headers.iter().position(|h| h == "photos").unwrap();
    let mut rows = vec![headers.clone()];
    for record in reader.records() {
        let mut row: Vec<String> = record.unwrap().iter().map(String::from).collect();
        row.remove(photos);
        rows.push(row);
    }
    rows
}

/// Builds `root`, imports its CSV into an empty site with the same
/// settings, builds that, and returns both exports' rows.
fn round_trip(root: &Path, dir: &Path) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let first = dir.join("first");
    built(root, &first);
    let imported = dir.join("imported");
    write(
        &imported.join("content/site.yaml"),
        std::fs::read(root.join("content/site.yaml")).unwrap(),
    );
    let result = import(&first.join("data/products.csv"), &imported, &[]);
    assert!(result.status.success(), "{:?}", text(&result));
    let second = dir.join("second");
    built(&imported, &second);
    (csv_rows(&first), csv_rows(&second))
}

#[test]
fn export_import_export_gives_the_same_csv_for_the_example() {
    let dir = tempfile::tempdir().unwrap();
    let (before, after) = round_trip(&repo(), dir.path());
    assert!(before.len() > 10);
    assert_eq!(before, after);
}

#[test]
fn the_2019_classification_and_formula_cells_survive_the_round_trip() {
    let (dir, root) = base_site();
    let products = root.join("content/producers/dua-xanh/products");
    write(
        &products.join("ao-dua.yaml"),
        "name: Áo sợi dừa\ncategory: Vải và may mặc\nstars: 4\n\
         packaging: \"=HYPERLINK(\\\"https://evil.example\\\")\"\n\
         ingredients: \"-sợi dừa\"\nunit: \"@hộp\"\n",
    );
    write(
        &root.join("content/producers/dua-xanh/producer.md"),
        "---\nname: Hợp tác xã Dừa Xanh\nkind: hop-tac-xa\nprovince: Vĩnh Long\n\
         phone: \"+84 270 3822 123\"\n---\nHợp tác xã trồng dừa.\n",
    );
    let (before, after) = round_trip(&root, dir.path());
    assert_eq!(before, after);
    let csv = std::fs::read_to_string(dir.path().join("first/data/products.csv")).unwrap();
    for neutralised in [
        ",Vải và may mặc (1048/QĐ-TTg),",
        ",'+84 270 3822 123,",
        ",\"'=HYPERLINK(\"\"https://evil.example\"\")\",",
        ",'-sợi dừa,",
        ",'@hộp,",
    ] {
        assert!(csv.contains(neutralised), "{neutralised} in {csv}");
    }
    let imported = std::fs::read_to_string(
        dir.path()
            .join("imported/content/producers/dua-xanh/products/ao-dua.yaml"),
    )
    .unwrap();
    assert!(
        imported.contains("category: \"Vải và may mặc\""),
        "{imported}"
    );
}

#[test]
fn import_is_all_or_nothing_and_reports_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir_all(root.join("content")).unwrap();
    let csv = dir.path().join("in.csv");
    std::fs::write(
        &csv,
        "producer_name,producer_province,name,group_code,stars\n\
         HTX Một,An Giang,Mắm cá linh,I.4.a,4\n\
         HTX Hai,An Giang,Trà,I.9.z,6\n\
         HTX Ba,Sao Hỏa,Gạo,I.2.a,4\n",
    )
    .unwrap();
    let result = import(&csv, &root, &[]);
    let (stdout, stderr) = text(&result);
    assert_eq!(result.status.code(), Some(1), "{stdout}\n{stderr}");
    for problem in [
        "in.csv:3, column group_code: no category \"I.9.z\"",
        "in.csv:3, column stars: \"6\" is not a star level; OCOP has 3, 4 or 5 stars",
        "in.csv:4, column producer_province: no province \"Sao Hỏa\"",
    ] {
        assert!(stderr.contains(problem), "{problem} in {stderr}");
    }
    assert!(stderr.contains("no file was written"), "{stderr}");
    assert!(stderr.contains("--skip-invalid"), "{stderr}");
    assert!(
        !root.join("content/producers").exists(),
        "one bad row writes no file"
    );

    let result = import(&csv, &root, &["--skip-invalid"]);
    let (stdout, stderr) = text(&result);
    assert_eq!(result.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(stdout.contains("1 rows used, 2 rows refused"), "{stdout}");
    assert!(
        root.join("content/producers/htx-mot/products/mam-ca-linh.yaml")
            .is_file()
    );
}

/// Files under `dir` other than `keep`, to see that nothing was left.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn import_and_new_never_write_through_a_symbolic_link() {
    use std::os::unix::fs::symlink;
    let (dir, root) = base_site();
    let outside = dir.path().join("outside");
    write(
        &outside.join("producer.yaml"),
        "name: Mine\nprovince: Huế\n",
    );
    write(&outside.join("keo-dua.yaml"), "name: Kẹo dừa\nstars: 3\n");
    let before = snapshot(&outside);
    let producers = root.join("content/producers");
    let csv = dir.path().join("in.csv");
    let refused = |csv_text: &str, file: &str| {
        std::fs::write(&csv, csv_text).unwrap();
        let result = import(&csv, &root, &[]);
        let (stdout, stderr) = text(&result);
        assert_eq!(result.status.code(), Some(2), "{stdout}\n{stderr}");
        assert!(
            stderr.contains(&format!("{file} is a symbolic link"))
                && stderr.contains("symbolic links are not allowed"),
            "{file}: {stderr}"
        );
        assert_eq!(snapshot(&outside), before, "written through a link");
    };

    // A linked producer file.
    std::fs::rename(
        producers.join("dua-xanh/producer.md"),
        dir.path().join("producer.md"),
    )
    .unwrap();
    symlink(
        outside.join("producer.yaml"),
        producers.join("dua-xanh/producer.yaml"),
    )
    .unwrap();
    let row = "producer_slug,producer_name,producer_province,name,group_code,stars\n\
               dua-xanh,Hợp tác xã Dừa Xanh,Vĩnh Long,Kẹo dừa,I.3.a,4\n";
    refused(row, "content/producers/dua-xanh/producer.yaml");
    std::fs::remove_file(producers.join("dua-xanh/producer.yaml")).unwrap();
    std::fs::rename(
        dir.path().join("producer.md"),
        producers.join("dua-xanh/producer.md"),
    )
    .unwrap();

    // A linked product file, then a linked products/ folder.
    let product = producers.join("dua-xanh/products/keo-dua.yaml");
    std::fs::remove_file(&product).unwrap();
    symlink(outside.join("keo-dua.yaml"), &product).unwrap();
    refused(row, "content/producers/dua-xanh/products/keo-dua.yaml");
    std::fs::remove_dir_all(producers.join("dua-xanh/products")).unwrap();
    symlink(&outside, producers.join("dua-xanh/products")).unwrap();
    refused(row, "content/producers/dua-xanh/products");
    let result = ocop(&[
        "new",
        "product",
        "dua-xanh",
        "Kẹo mới",
        "--category",
        "I.3.a",
        "--stars",
        "4",
        "--root",
        root.to_str().unwrap(),
    ]);
    let (stdout, stderr) = text(&result);
    assert!(!result.status.success(), "{stdout}");
    assert!(
        stderr.contains("content/producers/dua-xanh/products is a symbolic link")
            && stderr.contains("symbolic links are not allowed"),
        "{stderr}"
    );
    assert_eq!(snapshot(&outside), before);

    // A linked producer folder, for import and for `ocop new producer`.
    symlink(&outside, producers.join("htx-moi")).unwrap();
    refused(
        "producer_slug,producer_name,producer_province,name,group_code,stars\n\
         htx-moi,HTX Mới,Huế,Trà,I.1.a,4\n",
        "content/producers/htx-moi",
    );
    let result = ocop(&[
        "new",
        "producer",
        "HTX Mới",
        "--province",
        "Huế",
        "--root",
        root.to_str().unwrap(),
    ]);
    let (_, stderr) = text(&result);
    assert!(!result.status.success());
    assert!(
        stderr.contains("symbolic links are not allowed"),
        "{stderr}"
    );
    assert_eq!(snapshot(&outside), before);
}

#[test]
fn import_and_new_leave_no_temporary_files() {
    let (dir, root) = base_site();
    let csv = dir.path().join("in.csv");
    std::fs::write(
        &csv,
        "producer_slug,producer_name,name,group_code,stars\n\
         hai-son,Cơ sở Hải Sơn,Bánh pía,I.3.a,5\n",
    )
    .unwrap();
    let result = import(&csv, &root, &[]);
    assert!(result.status.success(), "{:?}", text(&result));
    let result = ocop(&[
        "new",
        "product",
        "hai-son",
        "Lạp xưởng tươi",
        "--category",
        "I.3.a",
        "--stars",
        "3",
        "--root",
        root.to_str().unwrap(),
    ]);
    assert!(result.status.success(), "{:?}", text(&result));
    let products = names(&root.join("content/producers/hai-son/products"));
    assert!(products.iter().all(|n| !n.starts_with('.')), "{products:?}");
    assert!(products.contains(&"lap-xuong-tuoi.yaml".to_string()));
    assert!(
        names(&root.join("content/producers/hai-son"))
            .iter()
            .all(|n| !n.starts_with('.'))
    );
}

#[test]
fn a_cache_dir_that_is_not_ocops_is_refused_before_anything_is_written() {
    let (dir, root) = base_site();
    // A home folder: photos of one's own, in a folder named like the cache's.
    let home = dir.path().join("home");
    write(&home.join("photos/holiday/beach.jpg"), b"my photo");
    write(&home.join("photos/ab/notes.txt"), b"mine");
    write(&home.join("notes.txt"), b"mine");
    let before = snapshot(&home);
    let output = dir.path().join("public");
    let result = build(
        &root,
        &output,
        &["--cache-dir", home.to_str().unwrap(), "--gc"],
    );
    let (stdout, stderr) = text(&result);
    assert_eq!(result.status.code(), Some(2), "{stdout}\n{stderr}");
    assert!(
        stderr.contains(&format!("refusing to use {} as the cache", home.display()))
            && stderr.contains("did not write"),
        "{stderr}"
    );
    assert_eq!(snapshot(&home), before, "nothing written or deleted");
    assert!(!output.exists(), "refused before the site is written");

    // A new folder is made ocop's; --gc then deletes only ocop's entries.
    let cache = dir.path().join("cache");
    let result = build(&root, &output, &["--cache-dir", cache.to_str().unwrap()]);
    assert!(result.status.success(), "{:?}", text(&result));
    let marker = std::fs::read_to_string(cache.join(ocop::photos::CACHE_MARKER)).unwrap();
    assert!(marker.contains("ocop build"), "{marker}");
    write(
        &cache.join("photos/ab/holiday/beach.jpg"),
        b"put here by hand",
    );
    write(
        &cache.join("photos/ab/abcdef0123456789abcd/x.jpg"),
        b"an old entry",
    );
    let result = build(
        &root,
        &output,
        &["--cache-dir", cache.to_str().unwrap(), "--gc", "--force"],
    );
    let (stdout, stderr) = text(&result);
    assert!(result.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("1 unused cache entries deleted"),
        "{stdout}"
    );
    assert!(cache.join("photos/ab/holiday/beach.jpg").is_file());
    assert!(!cache.join("photos/ab/abcdef0123456789abcd").exists());
}

#[test]
fn the_home_page_is_never_missing_while_a_new_site_is_swapped_in() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let (dir, root) = base_site();
    let output = dir.path().join("public");
    built(&root, &output);
    let stop = Arc::new(AtomicBool::new(false));
    let (reads, misses) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    // Two readers asking as fast as they can: the gap two renames leave
    // lasts microseconds.
    let pollers: Vec<_> = (0..2)
        .map(|_| {
            let (stop, reads, misses) = (stop.clone(), reads.clone(), misses.clone());
            let page = output.join("index.html");
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    match std::fs::metadata(&page) {
                        Ok(meta) if meta.len() > 0 => reads.fetch_add(1, Ordering::Relaxed),
                        _ => misses.fetch_add(1, Ordering::Relaxed),
                    };
                }
            })
        })
        .collect();
    for _ in 0..12 {
        let result = build(&root, &output, &["--force"]);
        assert!(result.status.success(), "{:?}", text(&result));
    }
    stop.store(true, Ordering::Relaxed);
    for poller in pollers {
        poller.join().unwrap();
    }
    assert!(reads.load(Ordering::Relaxed) > 100);
    assert_eq!(misses.load(Ordering::Relaxed), 0, "index.html was missing");
}

/// A full disk, made without root: a small tmpfs mounted in a user
/// namespace of its own (`unshare -Urm`). Where the system does not allow
/// that, the test is reported as ignored (build.rs probes it; on CI it runs
/// and fails instead).
#[cfg(target_os = "linux")]
#[test]
#[cfg_attr(
    ocop_missing = "userns",
    ignore = "needs user namespaces with their own mounts (unshare -Urm), then `touch build.rs`"
)]
fn a_full_disk_keeps_the_previous_site_and_says_so() {
    let probe = std::process::Command::new("unshare")
        .args([
            "-Urm",
            "sh",
            "-c",
            "mount -t tmpfs -o size=1m tmpfs /mnt || mount -t tmpfs -o size=1m tmpfs \"$0\"",
            "/tmp",
        ])
        .output();
    assert!(
        probe.is_ok_and(|o| o.status.success()),
        "no user namespace with its own mounts here (unshare -Urm)"
    );
    let (dir, root) = base_site();
    let disk = dir.path().join("disk");
    let saved = dir.path().join("saved");
    std::fs::create_dir_all(&disk).unwrap();
    std::fs::create_dir_all(&saved).unwrap();
    let script = r#"
        set -u
        mount -t tmpfs -o size=32m tmpfs "$DISK" || exit 90
        "$OCOP" --lang en build --root "$ROOT" --output "$DISK/public" > /dev/null || exit 91
        cp -a "$DISK/public" "$SAVED/before"
        dd if=/dev/zero of="$DISK/filler" bs=64k 2> /dev/null
        "$OCOP" --lang en build --root "$ROOT" --output "$DISK/public" --force 2> "$SAVED/stderr"
        echo $? > "$SAVED/status"
        cp -a "$DISK/public" "$SAVED/after"
    "#;
    let result = std::process::Command::new("unshare")
        .args(["-Urm", "sh", "-c", script])
        .env("DISK", &disk)
        .env("SAVED", &saved)
        .env("ROOT", &root)
        .env("OCOP", env!("CARGO_BIN_EXE_ocop"))
        .env("SOURCE_DATE_EPOCH", "1795651200")
        .output()
        .unwrap();
    assert!(result.status.success(), "{:?}", text(&result));
    let status = std::fs::read_to_string(saved.join("status")).unwrap();
    let stderr = std::fs::read_to_string(saved.join("stderr")).unwrap();
    assert_eq!(status.trim(), "2", "{stderr}");
    let public = disk.join("public");
    assert!(
        stderr.contains("the disk is full")
            && stderr.contains(&format!(
                "the previous site in {} was kept as it was",
                public.display()
            )),
        "{stderr}"
    );
    assert!(!stderr.contains("staging"), "{stderr}");
    let before = snapshot(&saved.join("before"));
    assert!(before.contains_key("index.html"));
    assert_eq!(snapshot(&saved.join("after")), before);
}

#[test]
fn an_export_imported_back_into_its_own_site_exports_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    crate::common::copy_tree(&repo().join("content"), &root.join("content"));
    let first = dir.path().join("first");
    built(&root, &first);
    let result = import(&first.join("data/products.csv"), &root, &[]);
    assert!(result.status.success(), "{:?}", text(&result));
    let second = dir.path().join("second");
    built(&root, &second);
    // Photos stay where they are, so every column comes back, photos too.
    assert_eq!(
        std::fs::read(first.join("data/products.csv")).unwrap(),
        std::fs::read(second.join("data/products.csv")).unwrap()
    );
}
