//! ocop's search index for one language, as the browser runtime
//! (`src/search/runtime.js`) reads it. Under the search folder, for
//! language `vi`:
//!
//! - `vi.json`, the entry: how many records, the bundles and their sizes,
//!   the first key of each word chunk, the filters and their values;
//! - `vi/w/<name>.bin`, chunks of the word index ([`postings`]);
//! - `vi/r/<name>.bin`, bundles of what results show ([`bundles`]);
//! - `vi/f/<name>.bin`, the filter columns ([`columns`]).
//!
//! Every file but the entry is gzip, named for its contents. A first
//! search downloads the entry, the columns (for the counts beside every
//! option), a chunk per word and the bundles of the first results:
//! nothing grows with the catalogue but the columns (a byte per record and
//! filter) and the entry's list of names (six bytes per bundle).

mod bundles;
mod columns;
mod files;
mod postings;
mod words;

use super::Record;
use crate::cancel::Cancel;
pub use files::StoredFile;
use files::{name_files, prepare};
use postings::{WordIndex, record_words};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// Changes whenever a file of the index is written differently; the
/// runtime refuses an entry of another format.
pub const FORMAT: u32 = 1;

/// Records read in parallel before their words are filed: bounds the
/// memory of words not yet filed.
const BATCH: usize = 2048;

/// The entry of one language's index.
#[derive(Debug, Serialize)]
struct Entry<'a> {
    format: u32,
    language: &'a str,
    records: usize,
    /// Records in each bundle, in order, and the bundles' names.
    bundle_sizes: Vec<u32>,
    bundles: Vec<String>,
    /// The first key of each word chunk, and the chunks' names.
    chunk_keys: Vec<String>,
    chunks: Vec<String>,
    filters: Vec<columns::Filter>,
    /// The name of the columns file (none without filters).
    columns: Option<String>,
}

/// One language's index.
#[derive(Debug, Default)]
pub struct IndexFiles {
    /// The entry, `<language>.json`.
    pub entry: Vec<u8>,
    /// Bundles, chunks and columns.
    pub stored: Vec<StoredFile>,
}

/// Builds the index of `records` in `language`. Files whose key `stored`
/// knows are left empty: the caller has them. `None` when a stop was
/// requested.
pub fn build(
    records: &[Record],
    language: &str,
    stored: &(dyn Fn(&str) -> bool + Sync),
    cancel: &Cancel,
) -> Option<IndexFiles> {
    // A later record with the same address replaces the earlier one in
    // its place: one page, one result.
    let mut order: Vec<&Record> = Vec::with_capacity(records.len());
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(records.len());
    for record in records {
        match seen.get(record.url.as_str()) {
            Some(&at) => order[at] = record,
            None => {
                seen.insert(&record.url, order.len());
                order.push(record);
            }
        }
    }
    drop(seen);
    let stemmer = words::stemmer(language);
    let stemmer = stemmer.as_ref();
    let mut index = WordIndex::default();
    for (batch_number, batch) in order.chunks(BATCH).enumerate() {
        if cancel.is_cancelled() {
            return None;
        }
        let read: Vec<_> = batch
            .par_iter()
            .map(|record| record_words(record, stemmer))
            .collect();
        for (offset, words) in read.into_iter().enumerate() {
            index.add((batch_number * BATCH + offset) as u32, words);
        }
    }
    if cancel.is_cancelled() {
        return None;
    }
    let folder = |kind: &str| format!("{language}/{kind}");
    let (chunk_keys, chunks): (Vec<String>, Vec<(String, Vec<u8>)>) = index
        .chunks()
        .into_par_iter()
        .map(|chunk| {
            let (first, bytes) = chunk.encode();
            (first, prepare(&bytes, stored))
        })
        .unzip();
    // Each bundle is compressed as soon as it is written: all of them
    // uncompressed at once were 90 MB at 100,000 products.
    let ends = bundles::cuts(&order);
    let (bundle_sizes, bundles): (Vec<u32>, Vec<(String, Vec<u8>)>) = ends
        .par_iter()
        .enumerate()
        .map(|(at, &end)| {
            let start = if at == 0 { 0 } else { ends[at - 1] };
            let bundle = prepare(&bundles::contents(&order[start..end]), stored);
            ((end - start) as u32, bundle)
        })
        .unzip();
    let (filters, column_bytes) = columns::columns(&order);
    let (chunks, mut stored_files) = name_files(&folder("w"), chunks);
    let (bundles, bundle_files) = name_files(&folder("r"), bundles);
    stored_files.extend(bundle_files);
    let mut columns = None;
    if !filters.is_empty() {
        let (names, files) = name_files(&folder("f"), vec![prepare(&column_bytes, stored)]);
        columns = names.into_iter().next();
        stored_files.extend(files);
    }
    let entry = Entry {
        format: FORMAT,
        language,
        records: order.len(),
        bundle_sizes,
        bundles,
        chunk_keys,
        chunks,
        filters,
        columns,
    };
    Some(IndexFiles {
        // Serialising strings and numbers cannot fail.
        entry: serde_json::to_vec(&entry).unwrap_or_default(),
        stored: stored_files,
    })
}

#[cfg(test)]
mod tests;
