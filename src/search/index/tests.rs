use super::*;
use crate::search::Weight;
use std::collections::BTreeMap;

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
                ("tinh".to_string(), text(&mut seed, 2)),
                ("sao".to_string(), (3 + i % 3).to_string()),
            ]);
            Record {
                url: format!("/san-pham/{i}/"),
                text: vec![(Weight::Name, name), (Weight::Text, body)],
                meta,
                filters,
            }
        })
        .collect();
    // What content may still hold: a record without words, a repeated
    // address, zero-width spaces, a record without filters.
    records[3].text = vec![(Weight::Text, "--- ... !!!".into())];
    records[4].url = records[5].url.clone();
    records[6].text = vec![(Weight::Name, "Trà\u{200B}xanh \u{200B} y".into())];
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
fn the_entry_names_every_file_and_every_record_once() {
    let records = records(400);
    let built = build(&records, "vi", &|_| false, &Cancel::new()).expect("built");
    let entry: serde_json::Value = serde_json::from_slice(&built.entry).expect("json");
    // Records 4 and 5 share an address: the later one takes its place.
    assert_eq!(entry["records"], 399);
    let sizes: u64 = entry["bundle_sizes"]
        .as_array()
        .expect("sizes")
        .iter()
        .map(|s| s.as_u64().expect("size"))
        .sum();
    assert_eq!(sizes, 399);
    let stored: BTreeMap<&str, &[u8]> = built
        .stored
        .iter()
        .map(|f| (f.path.as_str(), f.bytes.as_slice()))
        .collect();
    let names = |field: &str| -> Vec<String> {
        entry[field]
            .as_array()
            .expect(field)
            .iter()
            .map(|n| n.as_str().expect("name").to_string())
            .collect()
    };
    let mut shown = Vec::new();
    for name in names("bundles") {
        let bytes = unzip(stored[format!("vi/r/{name}.bin").as_str()]);
        let bundle: Vec<serde_json::Value> = serde_json::from_slice(&bytes).expect("bundle");
        shown.extend(
            bundle
                .into_iter()
                .map(|r| r["url"].as_str().map(String::from)),
        );
    }
    assert_eq!(shown.len(), 399);
    assert_eq!(shown[4].as_deref(), Some("/san-pham/5/"));
    assert_eq!(shown[5].as_deref(), Some("/san-pham/6/"));
    let keys = names("chunk_keys");
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
    for name in names("chunks") {
        assert!(stored.contains_key(format!("vi/w/{name}.bin").as_str()));
    }
    let columns = entry["columns"].as_str().expect("columns");
    let columns = unzip(stored[format!("vi/f/{columns}.bin").as_str()]);
    // Two filters: stars, and provinces, of more than 255 values here.
    let widths: Vec<(&str, u64)> = entry["filters"]
        .as_array()
        .expect("filters")
        .iter()
        .map(|f| {
            (
                f["name"].as_str().expect("name"),
                f["width"].as_u64().expect("width"),
            )
        })
        .collect();
    assert_eq!(widths, [("sao", 1), ("tinh", 2)]);
    assert_eq!(columns.len(), 399 * 3);
    assert_eq!(
        stored.len(),
        names("bundles").len() + names("chunks").len() + 1
    );
}

#[test]
fn the_same_records_give_the_same_files() {
    let records = records(300);
    let one = build(&records, "vi", &|_| false, &Cancel::new()).expect("built");
    let two = build(&records, "vi", &|_| false, &Cancel::new()).expect("built");
    assert_eq!(one.entry, two.entry);
    assert_eq!(one.stored, two.stored);
    // Files the caller has are named, not compressed again.
    let known = build(&records, "vi", &|_| true, &Cancel::new()).expect("built");
    assert_eq!(known.entry, one.entry);
    assert!(known.stored.iter().all(|f| f.bytes.is_empty()));
}

#[test]
fn a_stop_request_stops_the_build() {
    let cancel = Cancel::new();
    cancel.cancel();
    assert!(build(&records(10), "vi", &|_| false, &cancel).is_none());
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
    let published: std::collections::HashSet<Vec<u8>> = files_under(&output.join("search-index"))
        .into_values()
        .collect();
    assert!(before.len() > 20, "{} stored files", before.len());
    assert!(before.values().all(|bytes| published.contains(bytes)));
    records[10].text.push((Weight::Text, "mới".into()));
    assert!(!publish(&records).reused);
    let after = files_under(&store);
    let new: Vec<_> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    // The edited record's bundle and the chunk of the word it gained.
    assert!((1..=3).contains(&new.len()), "{new:?}");
    // What is published is what a build from nothing publishes.
    let published_fresh = |records: &[Record]| {
        let fresh = crate::search::build_indexes(&[("vi", records)], &|_| false, &Cancel::new())
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
        files_under(&output.join("search-index")) == expected
    };
    assert!(published_fresh(&records));
    // Unchanged, the index is reused.
    assert!(publish(&records).reused);
    // Files no index uses go once they are old enough: another build
    // may have been about to use them.
    let all_kept = before.keys().all(|k| after.contains_key(k));
    assert!(all_kept, "the old bundle is kept for a while");
    let old = std::time::SystemTime::now() - 2 * super::super::STORE_GRACE;
    for name in before.keys() {
        std::fs::File::options()
            .write(true)
            .open(store.join(name))
            .and_then(|f| f.set_modified(old))
            .expect("age");
    }
    records[11].text.push((Weight::Text, "nữa".into()));
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
            let mut files: Vec<_> = walkdir::WalkDir::new(site.join("search-index"))
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
