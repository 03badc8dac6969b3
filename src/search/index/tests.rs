use super::*;
use flate2::Compression;
use std::collections::BTreeMap;
use std::io::Write;

/// Deterministic text with what producers write: diacritics, `đ`,
/// punctuation, compounds, numbers, dotted words, emoji, capitals.
fn text(seed: &mut u64, words: usize) -> String {
    const VOCABULARY: [&str; 45] = [
        "Nước",
        "mắm",
        "Phú",
        "Quốc",
        "đặc",
        "sản",
        "Đồng",
        "Tháp",
        "sen",
        "(Hà",
        "Nội)",
        "500ml,",
        "100%",
        "hạt-điều",
        "OCOP-2024",
        "camelCase",
        "www.ocop.vn",
        "a.b_c",
        "🍵",
        "trà",
        "mật",
        "ong",
        "rừng",
        "U",
        "Minh",
        "HTX",
        "Công",
        "ty",
        "TNHH",
        "bánh",
        "tráng",
        "phơi",
        "sương",
        "Trảng",
        "Bàng.",
        "Tây",
        "Ninh;",
        "cà-phê",
        "ĐẶC",
        "x",
        // Words an English stemmer changes.
        "teas",
        "Running",
        "dried-fruits",
        "cooperatives.org",
        "Hook-shaped",
    ];
    let mut out = Vec::with_capacity(words);
    for _ in 0..words {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        out.push(VOCABULARY[(*seed >> 33) as usize % VOCABULARY.len()]);
    }
    out.join(" ")
}

fn records(count: usize) -> Vec<Record> {
    let mut seed = 7;
    let mut records: Vec<Record> = (0..count)
        .map(|i| {
            let name = text(&mut seed, 4);
            let body = text(&mut seed, 30 + i % 50);
            let mut meta = BTreeMap::from([
                ("title".to_string(), name.clone()),
                ("province".to_string(), text(&mut seed, 2)),
            ]);
            if i % 3 == 0 {
                meta.insert("price".into(), format!("{}.000 ₫", i % 700));
            }
            let filters = BTreeMap::from([
                ("tinh".to_string(), vec![text(&mut seed, 2)]),
                ("sao".to_string(), vec![(3 + i % 3).to_string()]),
            ]);
            Record {
                url: format!("/san-pham/{i}/"),
                content: format!(
                    "___PAGEFIND_WEIGHT___7 {name} ___END_PAGEFIND_WEIGHT___ {body} \
                     ___PAGEFIND_WEIGHT___0.5 dac dong ___END_PAGEFIND_WEIGHT___"
                ),
                meta,
                filters,
            }
        })
        .collect();
    // What content may still hold: markers in values, a record
    // without words, a repeated address, zero-width spaces, a
    // marker-like word Pagefind reads as text.
    records[1]
        .meta
        .insert("title".into(), "Mật ___PAGEFIND_X ong".into());
    records[2]
        .filters
        .insert("loai".into(), vec!["a ___PAGEFIND_Y".into(), String::new()]);
    records[3].content = "--- ... !!!".into();
    records[4].url = records[5].url.clone();
    records[6].content =
        "Trà\u{200B}xanh \u{200B} ___PAGEFIND_OTHER ___PAGEFIND_WEIGHT___x y".into();
    records[7].filters.clear();
    records
}

fn unzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    match flate2::read::GzDecoder::new(bytes).read_to_end(&mut out) {
        Ok(_) => out,
        Err(_) => bytes.to_vec(),
    }
}

#[test]
fn same_files_as_pagefind() {
    // Enough records for several word chunks and clashing short names; a
    // language without a stemmer and one with.
    for (language, count) in [("vi", 12), ("vi", 3000), ("en", 12), ("en", 3000)] {
        let records = records(count);
        let built = crate::search::build_indexes(
            &[(language, &records)],
            &|_| false,
            &HashMap::new(),
            &Cancel::new(),
        )
        .expect("ours");
        let ours: BTreeMap<_, _> = built
            .files
            .into_iter()
            .chain(
                built
                    .stored
                    .into_iter()
                    .map(|f| (std::path::PathBuf::from(f.path), f.bytes)),
            )
            .collect();
        let theirs: BTreeMap<_, _> = crate::search::pagefind_index(&records, language)
            .expect("Pagefind's")
            .into_iter()
            .collect();
        let names =
            |m: &BTreeMap<std::path::PathBuf, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(names(&ours), names(&theirs), "{language}, {count} records");
        for (path, bytes) in &theirs {
            // The same contents; the compression level differs.
            assert!(
                unzip(&ours[path]) == unzip(bytes),
                "{}: ours {:?}\ntheirs {:?}",
                path.display(),
                String::from_utf8_lossy(&unzip(&ours[path])),
                String::from_utf8_lossy(&unzip(bytes)),
            );
        }
        assert!(
            ours.len() > count / 2,
            "{language}, {count}: {} files",
            ours.len()
        );
    }
}

fn files_under(dir: &std::path::Path) -> BTreeMap<std::path::PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).expect("inside").to_path_buf();
            (relative, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

#[test]
fn an_edit_writes_only_what_changed() {
    use crate::output::Staging;
    let dir = tempfile::tempdir().expect("temp dir");
    let (cache, output) = (dir.path().join("cache"), dir.path().join("public"));
    let publish = |records: &[Record]| {
        let staging = Staging::create(&output, Cancel::new()).expect("staging");
        let stats = crate::search::write_indexes(
            &[("vi", records)],
            &cache,
            &staging,
            false,
            &Cancel::new(),
        )
        .expect("index");
        staging.commit().expect("commit");
        stats
    };
    let store = cache.join("search").join(crate::search::STORE);
    let mut records = records(400);
    assert!(!publish(&records).reused);
    let before = files_under(&store);
    // The new fragments and word chunks went into the site and, under
    // their keys, into the store, the same bytes in both.
    let published: HashSet<Vec<u8>> = files_under(&output.join("pagefind"))
        .into_values()
        .collect();
    assert!(before.len() > 400, "{} stored files", before.len());
    assert!(before.values().all(|bytes| published.contains(bytes)));
    records[10].content.push_str(" mới");
    assert!(!publish(&records).reused);
    let after = files_under(&store);
    let new: Vec<_> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    // The edited record's fragment and the chunk of the word it gained.
    assert!((1..=3).contains(&new.len()), "{new:?}");
    // What is published is what a build from nothing publishes.
    let published_fresh = |records: &[Record]| {
        let fresh = crate::search::build_indexes(
            &[("vi", records)],
            &|_| false,
            &HashMap::new(),
            &Cancel::new(),
        )
        .expect("fresh");
        let expected: BTreeMap<_, _> = fresh
            .files
            .into_iter()
            .chain(
                fresh
                    .stored
                    .into_iter()
                    .map(|f| (std::path::PathBuf::from(f.path), f.bytes)),
            )
            .collect();
        files_under(&output.join("pagefind")) == expected
    };
    assert!(published_fresh(&records));
    // Unchanged, the index is reused.
    assert!(publish(&records).reused);
    // Files no index uses go once they are old enough: another build
    // may have been about to use them.
    let all_kept = before.keys().all(|k| after.contains_key(k));
    assert!(all_kept, "the old fragment is kept for a while");
    let old = std::time::SystemTime::now() - 2 * super::super::STORE_GRACE;
    for name in before.keys() {
        std::fs::File::options()
            .write(true)
            .open(store.join(name))
            .and_then(|f| f.set_modified(old))
            .expect("age");
    }
    records[11].content.push_str(" nữa");
    publish(&records);
    let last = files_under(&store);
    let kept_old = before.keys().filter(|k| last.contains_key(*k)).count();
    assert!(kept_old < before.len(), "old unused files were removed");
    assert!(published_fresh(&records), "files in use were kept");
}

#[test]
fn builds_sharing_a_cache_at_once_each_write_their_own_whole_index() {
    use crate::output::Staging;
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = dir.path().join("cache");
    let build = |records: &[Record], cache: &std::path::Path, site: &std::path::Path| {
        let staging = Staging::create(site, Cancel::new()).expect("staging");
        crate::search::write_indexes(&[("vi", records)], cache, &staging, false, &Cancel::new())
            .expect("the index of a build sharing the cache");
        staging.commit().expect("commit");
    };
    // Two sites (different records, so different cache entries) built
    // over and over at the same time: each build may remove the other's
    // entry once its own is written, and must never read half of one.
    std::thread::scope(|scope| {
        for (n, size) in [60, 61].into_iter().enumerate() {
            let (cache, dir) = (&cache, dir.path());
            scope.spawn(move || {
                let records = records(size);
                for _ in 0..15 {
                    build(&records, cache, &dir.join(format!("public-{n}")));
                }
            });
        }
    });
    // Each site's index is the one a build alone makes.
    for (n, size) in [60, 61].into_iter().enumerate() {
        let alone = dir.path().join(format!("alone-{n}"));
        build(
            &records(size),
            &dir.path().join(format!("cache-{n}")),
            &alone,
        );
        let files = |site: &std::path::Path| -> Vec<(std::path::PathBuf, Vec<u8>)> {
            let mut files: Vec<_> = walkdir::WalkDir::new(site.join("pagefind"))
                .into_iter()
                .map(|e| e.expect("walk"))
                .filter(|e| e.file_type().is_file())
                .map(|e| {
                    let relative = e.path().strip_prefix(site).expect("inside").to_path_buf();
                    (relative, std::fs::read(e.path()).expect("read"))
                })
                .collect();
            files.sort();
            files
        };
        let shared = files(&dir.path().join(format!("public-{n}")));
        assert!(!shared.is_empty());
        assert!(
            shared == files(&alone),
            "site {n} differs from a build alone"
        );
    }
}

#[test]
fn compresses_as_gzip_does() {
    for data in [&b""[..], b"x", &[7u8; 100_000], "Nước mắm".as_bytes()] {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(b"pagefind_dcd").expect("write");
        gz.write_all(data).expect("write");
        assert_eq!(compress(data), gz.finish().expect("finish"));
    }
}

#[test]
fn names_clashes_like_pagefind() {
    let taken = ["vi_abcdefg", "vi_abcdefgh"];
    let name = short_name("vi_abcdefghijk", 2, 1, |s| taken.contains(&s));
    assert_eq!(name, "vi_abcdefghi");
    assert_eq!(
        short_name("vi_abcdefghijk", 2, 2, |s| taken.contains(&s)),
        "vi_abcdefghi"
    );
}
