//! What a result shows, in bundles of a few records: a result list
//! fetches a few bundles instead of one file per result, and the build
//! writes a few thousand files instead of one per record.
//!
//! Bundles are cut where a record's address says so (its hash), not every
//! n records: adding or removing a record changes its own bundle only,
//! so an edit publishes one new file and every other bundle keeps its name
//! (and its place in the hosts' caches).

use crate::search::Record;
use serde::Serialize;

/// Records a bundle holds at least and at most; between the two, a bundle
/// ends after a record whose address hashes to 0 modulo [`CUT_ONE_IN`],
/// so bundles hold about 4 + 12 = 16 records. Twelve results in twelve
/// bundles (a query whose results are spread over the catalogue) download
/// about 40 kB.
const MIN_RECORDS: usize = 4;
const MAX_RECORDS: usize = 48;
const CUT_ONE_IN: u64 = 12;

/// A record as a result receives it.
#[derive(Serialize)]
struct Shown<'a> {
    url: &'a str,
    meta: &'a std::collections::BTreeMap<String, String>,
}

/// Where the records are cut into bundles: the end of each bundle.
pub fn cuts(records: &[&Record]) -> Vec<usize> {
    let mut ends = Vec::with_capacity(records.len() / 12 + 1);
    let mut start = 0;
    for (at, record) in records.iter().enumerate() {
        let size = at + 1 - start;
        let cut_here = xxhash_rust::xxh3::xxh3_64(record.url.as_bytes()).is_multiple_of(CUT_ONE_IN);
        if at + 1 == records.len() || size >= MAX_RECORDS || (size >= MIN_RECORDS && cut_here) {
            ends.push(at + 1);
            start = at + 1;
        }
    }
    ends
}

/// A bundle's contents: its records as results receive them, in JSON.
pub fn contents(records: &[&Record]) -> Vec<u8> {
    let shown: Vec<Shown<'_>> = records
        .iter()
        .map(|r| Shown {
            url: &r.url,
            meta: &r.meta,
        })
        .collect();
    // Serialising strings cannot fail.
    serde_json::to_vec(&shown).unwrap_or_default()
}

/// The records cut into bundles: (records in it, contents).
#[cfg(test)]
fn bundles(records: &[&Record]) -> Vec<(u32, Vec<u8>)> {
    let mut start = 0;
    cuts(records)
        .into_iter()
        .map(|end| {
            let bundle = ((end - start) as u32, contents(&records[start..end]));
            start = end;
            bundle
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn records(urls: &[String]) -> Vec<Record> {
        urls.iter()
            .map(|url| Record {
                url: url.clone(),
                text: Vec::new(),
                meta: BTreeMap::from([("title".into(), format!("Tên {url}"))]),
                filters: BTreeMap::new(),
            })
            .collect()
    }

    #[test]
    fn adding_a_record_changes_its_own_bundle_only() {
        let mut urls: Vec<String> = (0..2000).map(|i| format!("/san-pham/{i:05}/")).collect();
        let before = records(&urls);
        let before = bundles(&before.iter().collect::<Vec<_>>());
        urls.insert(1000, "/san-pham/moi/".into());
        let after = records(&urls);
        let after = bundles(&after.iter().collect::<Vec<_>>());
        let old: std::collections::HashSet<_> = before.iter().map(|b| &b.1).collect();
        let new = after.iter().filter(|b| !old.contains(&b.1)).count();
        assert!((1..=2).contains(&new), "{new} bundles changed");
        let sizes: Vec<u32> = before.iter().map(|b| b.0).collect();
        assert_eq!(sizes.iter().sum::<u32>(), 2000);
        let average = 2000.0 / sizes.len() as f64;
        assert!(
            (10.0..24.0).contains(&average),
            "{average} records a bundle"
        );
        let (low, high) = (MIN_RECORDS as u32, MAX_RECORDS as u32);
        assert!(
            sizes[..sizes.len() - 1]
                .iter()
                .all(|s| (low..=high).contains(s))
        );
    }

    #[test]
    fn a_bundle_is_the_records_as_shown() {
        let list = records(&["/a/".to_string()]);
        let made = bundles(&list.iter().collect::<Vec<_>>());
        assert_eq!(
            made,
            [(
                1,
                r#"[{"url":"/a/","meta":{"title":"Tên /a/"}}]"#.as_bytes().to_vec()
            )]
        );
    }
}
