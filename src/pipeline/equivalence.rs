//! After each edit, the pages a remembering pipeline leaves in the served
//! folder are those a fresh build makes of the same content: byte for
//! byte, none missing, none left over.

use super::*;
use crate::content::PRODUCERS_DIR;
use std::collections::BTreeMap;

fn copy_tree(from: &Path, to: &Path) {
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

/// The pages of a built site (what the update writes; the search
/// index, sitemaps, feed and exports wait for the whole build).
fn pages(site: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| {
            e.file_type().is_file()
                && e.path()
                    .extension()
                    .is_some_and(|x| x == "html" || x == "txt")
        })
        .map(|e| {
            let name = e.path().strip_prefix(site).unwrap().display().to_string();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn edit(root: &Path, file: &str, from: &str, to: &str) -> PathBuf {
    let path = root.join(PRODUCERS_DIR).join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} lacks {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path
}

#[test]
fn pages_after_each_edit_are_those_of_a_whole_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &root.join("content"),
    );
    // Short pages, so that edits move products across pages.
    let settings = root.join("content/site.yaml");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, text.replace("page_size: 12", "page_size: 3")).unwrap();
    let options = |output: &str| BuildOptions {
        output: Some(dir.path().join(output)),
        cache_dir: Some(dir.path().join("cache")),
        today: Some(Date::parse("2026-06-01").unwrap()),
        ..BuildOptions::new(&root)
    };
    let cancel = Cancel::new();
    let mut served = Pipeline::remembering(options("served"), Arc::new(RwLock::new(())));
    served
        .run(&Changes::Everything, Search::Now, &cancel)
        .unwrap();
    let fresh_build = |name: &str| build(&options(name), &cancel);
    let folder = "banh-pia-hai-suong";
    let product = "banh-pia-hai-suong/products/banh-in-dau-xanh.yaml";
    let producer = "banh-pia-hai-suong/producer.md";
    let new_product = root
        .join(PRODUCERS_DIR)
        .join(folder)
        .join("products/banh-moi.yaml");
    let new_producer = root.join(PRODUCERS_DIR).join("an-khang");
    // Each edit, and whether its pages can follow it page by page.
    type Edit<'a> = (&'a str, Box<dyn Fn() -> PathBuf + 'a>, bool);
    let edits: Vec<Edit<'_>> = vec![
        (
            "a product renamed (it moves in every listing)",
            Box::new(|| edit(&root, product, "name: Bánh in", "name: Ăn thử bánh in")),
            true,
        ),
        (
            "a description changed",
            Box::new(|| edit(&root, product, "Bánh in được nén", "Bánh in thơm được nén")),
            true,
        ),
        (
            "a star level changed (it moves between listings)",
            Box::new(|| edit(&root, product, "stars: 3", "stars: 4")),
            true,
        ),
        (
            "a producer renamed (its cards and its place in the list)",
            Box::new(|| {
                edit(
                    &root,
                    producer,
                    "name: Cơ sở Bánh pía Hải Sương",
                    "name: Ánh Dương bánh pía",
                )
            }),
            true,
        ),
        (
            "a producer moved to another province",
            Box::new(|| edit(&root, producer, "province: Sóc Trăng", "province: Hà Nội")),
            true,
        ),
        (
            "a photo replaced by another (its address changes)",
            Box::new(|| {
                let photos = root.join(PRODUCERS_DIR).join(folder).join("photos");
                let other = root.join(PRODUCERS_DIR).join("che-tan-huong/photos");
                let other = std::fs::read_dir(other)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .find(|p| p.extension().is_some_and(|x| x == "jpg"))
                    .unwrap();
                let photo = photos.join("banh-in-1.jpg");
                std::fs::copy(other, &photo).unwrap();
                photo
            }),
            true,
        ),
        (
            "a file saved unchanged",
            Box::new(|| edit(&root, product, "stars: 4", "stars: 4")),
            true,
        ),
        (
            "a product added (every listing it is in grows)",
            Box::new(|| {
                let from = root.join(PRODUCERS_DIR).join(product);
                std::fs::copy(&from, &new_product).unwrap();
                new_product.clone()
            }),
            true,
        ),
        (
            "a product removed",
            Box::new(|| {
                std::fs::remove_file(&new_product).unwrap();
                new_product.clone()
            }),
            true,
        ),
        (
            "a producer added, with a product (the list of producers grows)",
            Box::new(|| {
                let products = new_producer.join("products");
                std::fs::create_dir_all(&products).unwrap();
                std::fs::write(
                    new_producer.join("producer.md"),
                    "---\nname: Cơ sở An Khang (mẫu)\nkind: ho-kinh-doanh\n\
                     province: Sóc Trăng\n---\nCơ sở làm bánh in.\n",
                )
                .unwrap();
                std::fs::write(
                    products.join("banh-in-an-khang.yaml"),
                    "name: Bánh in An Khang\ncategory: I.3.b\nstars: 3\ncertificate:\n  \
                     decision: MẪU-900/QĐ-UBND\n  date: 2024-12-19\n  \
                     issuer: UBND huyện Châu Thành\n",
                )
                .unwrap();
                new_producer.clone()
            }),
            true,
        ),
        (
            "a producer with no product added to another province",
            Box::new(|| {
                let products = new_producer.join("products");
                std::fs::remove_dir_all(&products).unwrap();
                edit(
                    &root,
                    "an-khang/producer.md",
                    "province: Sóc Trăng",
                    "province: Hà Nội",
                );
                new_producer.clone()
            }),
            true,
        ),
        (
            "a producer removed",
            Box::new(|| {
                std::fs::remove_dir_all(&new_producer).unwrap();
                new_producer.clone()
            }),
            true,
        ),
    ];
    for (n, (what, apply, page_by_page)) in edits.iter().enumerate() {
        let path = apply();
        let summary = served
            .run(&Changes::Files(vec![path]), Search::Later, &cancel)
            .unwrap();
        assert_eq!(summary.page_by_page, *page_by_page, "{what}");
        let expected = fresh_build(&format!("whole-{n}")).unwrap();
        assert_eq!(served.problems(), expected.warnings, "after {what}");
        let (now, expected) = (
            pages(&dir.path().join("served")),
            pages(&dir.path().join(format!("whole-{n}"))),
        );
        let differ: Vec<&String> = expected
            .iter()
            .filter(|(file, bytes)| now.get(*file) != Some(bytes))
            .map(|(file, _)| file)
            .chain(now.keys().filter(|file| !expected.contains_key(*file)))
            .collect();
        assert!(differ.is_empty(), "after {what}: {differ:#?}");
    }

    // An error leaves the site as it was; once mended, pages follow.
    let before = pages(&dir.path().join("served"));
    let path = edit(&root, product, "stars: 4", "stars: 9");
    let error = served
        .run(&Changes::Files(vec![path]), Search::Later, &cancel)
        .unwrap_err();
    let BuildError::Content(found) = error else {
        panic!("{error:?}");
    };
    assert_eq!(pages(&dir.path().join("served")), before);
    let Err(BuildError::Content(expected)) = fresh_build("whole-broken") else {
        panic!("a whole build of broken content did not fail on it");
    };
    assert_eq!(found, expected);
    let path = edit(&root, product, "stars: 9", "stars: 5");
    let summary = served
        .run(&Changes::Files(vec![path]), Search::Later, &cancel)
        .unwrap();
    assert!(summary.page_by_page);
    fresh_build("whole-last").unwrap();
    assert_eq!(
        pages(&dir.path().join("served")),
        pages(&dir.path().join("whole-last"))
    );
}
