//! Writes the files of a Pagefind index (format of Pagefind 1.6, read by
//! its browser code) from ocop's records.
//!
//! Pagefind's own indexer keeps every record's words twice over in memory
//! and looks each new record's address up in a list: at 20,000 products it
//! took 25 s and 2 GB. Records here are read in parallel batches whose word
//! lists are folded into one map as they come, so memory stays near the
//! size of the index itself. The files are the ones Pagefind would write,
//! with the same names and contents (`tests::same_files_as_pagefind`),
//! compressed at gzip's default level instead of its best (see
//! [`compress`]); only Pagefind's script and WebAssembly files are taken
//! from the Pagefind crate.

mod cbor;
mod encode;
mod memo;
mod words;

use super::Record;
use crate::cancel::Cancel;
use cbor::Cbor;
pub use encode::compress;
use encode::{
    chunk_ranges, encode_chunk, full_hash, hashes, pack_locations, pack_meta_locations, short_name,
};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Words per index chunk, in Pagefind's measure (locations plus pages):
/// Pagefind's default, so that a search downloads what it expects.
const CHUNK_SIZE: usize = 20_000;
/// Records read in parallel before their words are merged: bounds the
/// memory of words not yet merged.
const BATCH: usize = 2048;
/// The weight Pagefind's location lists start with.
const DEFAULT_WEIGHT: u8 = 25;

/// A file that is often the same from one build to the next: a result's
/// data (`fragment/…`) or a chunk of the word index (`index/…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// Path inside the bundle.
    pub path: String,
    /// A name for its content alone (SHA-1 of the data): the same data
    /// gives the same key, whatever else changed in the index.
    pub key: String,
    /// The file, compressed; empty when the caller said it has it.
    pub bytes: Vec<u8>,
}

/// The files of an index, apart from Pagefind's scripts.
#[derive(Debug, Default)]
pub struct IndexFiles {
    /// Metadata and filters: (path inside the bundle, bytes).
    pub files: Vec<(String, Vec<u8>)>,
    /// Fragments and word chunks.
    pub stored: Vec<StoredFile>,
    /// What `pagefind-entry.json` names for the language.
    pub meta_hash: String,
    /// Records indexed (records without any word are left out).
    pub page_count: usize,
    /// What was learnt of each record, for the next build ([`build`]'s
    /// `memo`), as a file.
    pub memo: Vec<u8>,
}

/// Reads a memo file written by an earlier [`build`]: each record's page
/// by record key. A damaged file gives an empty memo.
pub fn read_memo(file: &[u8]) -> HashMap<u128, &[u8]> {
    memo::read_file(file)
}

/// Changes when what the memo holds is encoded differently.
const MEMO_LAYOUT: &str = "ocop search memo 2";

/// `pagefind-entry.json`, which the browser reads first.
#[derive(Debug, Serialize, Deserialize)]
pub struct Entry {
    pub version: String,
    pub languages: BTreeMap<String, EntryLanguage>,
    pub include_characters: Vec<char>,
}

/// One language's index in the entry file.
#[derive(Debug, Serialize, Deserialize)]
pub struct EntryLanguage {
    pub hash: String,
    pub wasm: Option<String>,
    pub page_count: usize,
}

/// The data of a result, as the browser receives it.
#[derive(Serialize)]
struct FragmentData<'a> {
    url: &'a str,
    content: &'a str,
    word_count: usize,
    filters: BTreeMap<&'a str, Vec<String>>,
    meta: BTreeMap<&'a str, String>,
    anchors: [(); 0],
}

/// Where a word occurs in one record: text locations with weights, and
/// locations in the meta fields (title …).
#[derive(Debug, Default, Clone)]
struct Places {
    locs: Vec<i32>,
    meta_locs: Vec<i32>,
}

impl Places {
    fn encode(&self) -> Encoded {
        let mut cbor = Cbor::default();
        cbor.signed_array(&self.locs).signed_array(&self.meta_locs);
        Encoded {
            bytes: cbor.0,
            size: self.locs.len() + self.meta_locs.len() + 1,
        }
    }
}

/// [`Places`] as written in a word chunk, and their weight in Pagefind's
/// measure of chunk size.
#[derive(Debug)]
struct Encoded {
    bytes: Vec<u8>,
    size: usize,
}

/// A word's places in one record, under its folded form and under each
/// written form with diacritics.
#[derive(Debug, Default)]
struct RecordWord<P> {
    plain: Option<P>,
    variants: Vec<(String, P)>,
}

/// One record, read.
struct Page {
    words: Vec<(String, RecordWord<Encoded>)>,
    full_hash: String,
    fragment_key: String,
    fragment: Vec<u8>,
    word_count: usize,
    filters: Vec<(String, String)>,
}

/// The pages a word (or one written form of it) occurs in, encoded as they
/// are merged: page numbers as deltas, then each page's places.
#[derive(Debug, Default)]
struct Postings {
    bytes: Vec<u8>,
    count: usize,
    last: usize,
}

impl Postings {
    fn push(&mut self, page: usize, places: Encoded) {
        let mut cbor = Cbor(std::mem::take(&mut self.bytes));
        cbor.array(3).unsigned((page - self.last) as u64);
        cbor.0.extend_from_slice(&places.bytes);
        self.bytes = cbor.0;
        self.count += 1;
        self.last = page;
    }

    fn write(&self, cbor: &mut Cbor) {
        cbor.array(self.count);
        cbor.0.extend_from_slice(&self.bytes);
    }
}

/// A word across the index.
#[derive(Debug, Default)]
struct IndexWord {
    pages: Postings,
    variants: Vec<(String, Postings)>,
    /// Pagefind's measure of the word's size, for cutting chunks.
    size: usize,
}

/// Whether any word of the text would be indexed (Pagefind leaves out
/// records without one).
fn has_words(text: &str) -> bool {
    text.split_whitespace()
        .filter(|w| !words::is_marker(w))
        .any(|w| !words::index_words(&w.replace('\u{200B}', ""), None).is_empty())
}

/// Reads one record: its words, placed, and its fragment.
fn read_page(
    record: &Record,
    language: &str,
    stemmer: Option<&words::Stemmer>,
    field_ids: &HashMap<&str, u16>,
    stored: &(dyn Fn(&str) -> bool + Sync),
) -> Page {
    let digest = words::digest(&record.content, stemmer);
    // Per word: places under the folded form, and under each written form.
    type Placed<'a> = (Vec<(u32, u8)>, BTreeMap<&'a str, Vec<(u32, u8)>>);
    let mut text: HashMap<&str, Placed<'_>> = HashMap::new();
    for occurrence in &digest.occurrences {
        let (plain, written) = text.entry(occurrence.word.key.as_str()).or_default();
        let place = (occurrence.position, occurrence.weight);
        match &occurrence.word.original {
            None => plain.push(place),
            Some(form) => written.entry(form.as_str()).or_default().push(place),
        }
    }
    let mut words: HashMap<String, RecordWord<Places>> = HashMap::with_capacity(text.len() + 16);
    for (key, (plain, written)) in text {
        let word = words.entry(key.to_string()).or_default();
        if !plain.is_empty() {
            word.plain = Some(Places {
                locs: pack_locations(plain),
                meta_locs: Vec::new(),
            });
        }
        for (form, places) in written {
            word.variants.push((
                form.to_string(),
                Places {
                    locs: pack_locations(places),
                    meta_locs: Vec::new(),
                },
            ));
        }
    }
    let meta: BTreeMap<&str, String> = record
        .meta
        .iter()
        .map(|(k, v)| (k.as_str(), words::without_markers(v).into_owned()))
        .collect();
    type MetaPlaces = (Vec<(u16, u32)>, BTreeMap<String, Vec<(u16, u32)>>);
    let mut in_meta: HashMap<String, MetaPlaces> = HashMap::new();
    for (field, value) in &meta {
        let id = field_ids.get(field).copied().unwrap_or_default();
        for (position, raw) in value.split_whitespace().enumerate() {
            for word in words::index_words(raw, stemmer) {
                let (plain, written) = in_meta.entry(word.key).or_default();
                let place = (id, position as u32);
                match word.original {
                    None => plain.push(place),
                    Some(form) => written.entry(form).or_default().push(place),
                }
            }
        }
    }
    for (key, (plain, written)) in in_meta {
        let word = words.entry(key).or_default();
        if !plain.is_empty() {
            word.plain.get_or_insert_with(Places::default).meta_locs = pack_meta_locations(plain);
        }
        for (form, places) in written {
            let meta_locs = pack_meta_locations(places);
            match word.variants.iter_mut().find(|(f, _)| *f == form) {
                Some((_, existing)) => existing.meta_locs = meta_locs,
                None => word.variants.push((
                    form,
                    Places {
                        locs: Vec::new(),
                        meta_locs,
                    },
                )),
            }
        }
    }
    let filters: BTreeMap<&str, Vec<String>> = record
        .filters
        .iter()
        .map(|(name, values)| {
            (
                name.as_str(),
                values
                    .iter()
                    .map(|v| words::without_markers(v).into_owned())
                    .collect(),
            )
        })
        .collect();
    let data = FragmentData {
        url: &record.url,
        content: &digest.content,
        word_count: digest.word_count,
        filters,
        meta,
        anchors: [],
    };
    // Serialising maps of strings cannot fail.
    let json = serde_json::to_string(&data).unwrap_or_default();
    let (hash, key) = hashes(json.as_bytes());
    Page {
        filters: data
            .filters
            .iter()
            .flat_map(|(name, values)| values.iter().map(|v| (name.to_string(), v.clone())))
            .collect(),
        words: words
            .into_iter()
            .map(|(key, word)| {
                let encoded = RecordWord {
                    plain: word.plain.as_ref().map(Places::encode),
                    variants: word
                        .variants
                        .into_iter()
                        .map(|(form, places)| (form, places.encode()))
                        .collect(),
                };
                (key, encoded)
            })
            .collect(),
        fragment: if stored(&key) {
            Vec::new()
        } else {
            compress(json.as_bytes())
        },
        fragment_key: key,
        full_hash: format!("{language}_{hash}"),
        word_count: digest.word_count,
    }
}

/// Builds the index of `records` in `language` (`version` is Pagefind's,
/// written into the metadata). Files whose key `stored` knows are left
/// empty: the caller has them. Records found unchanged in `memo` (from
/// [`read_memo`]) are not read again. `None` when a stop was requested.
pub fn build(
    records: &[Record],
    language: &str,
    version: &str,
    stored: &(dyn Fn(&str) -> bool + Sync),
    memo: &HashMap<u128, &[u8]>,
    cancel: &Cancel,
) -> Option<IndexFiles> {
    // A later record with the same address replaces the earlier one in
    // its place, as in Pagefind.
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
    let indexed: Vec<&Record> = order
        .into_par_iter()
        .filter(|r| has_words(&r.content))
        .collect();
    let meta_fields: Vec<&str> = indexed
        .iter()
        .flat_map(|r| r.meta.keys().map(String::as_str))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let context = format!(
        "{MEMO_LAYOUT} {version} {language} {}",
        meta_fields.join("\u{1f}")
    );
    let mut remembered: Vec<(u128, Vec<u8>)> = Vec::with_capacity(indexed.len());
    let field_ids: HashMap<&str, u16> = meta_fields
        .iter()
        .enumerate()
        .map(|(i, f)| (*f, i as u16))
        .collect();

    let stemmer = words::stemmer(language);
    let stemmer = stemmer.as_ref();
    let mut index: FxHashMap<String, IndexWord> = FxHashMap::default();
    let mut filters: BTreeMap<String, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
    let mut short_names: HashSet<String> = HashSet::with_capacity(indexed.len());
    let mut pages: Vec<(String, usize)> = Vec::with_capacity(indexed.len());
    let mut stored_files = Vec::with_capacity(indexed.len() + indexed.len() / 100);
    for (batch_number, batch) in indexed.chunks(BATCH).enumerate() {
        if cancel.is_cancelled() {
            return None;
        }
        let read: Vec<(Page, u128, Vec<u8>)> = batch
            .par_iter()
            .map(|record| {
                let key = memo::key(record, &context);
                let known = memo.get(&key).and_then(|blob| {
                    let page = memo::decode(blob).filter(|p| stored(&p.fragment_key))?;
                    Some((page, blob.to_vec()))
                });
                let (page, blob) = known.unwrap_or_else(|| {
                    let page = read_page(record, language, stemmer, &field_ids, stored);
                    let blob = memo::encode(&page);
                    (page, blob)
                });
                (page, key, blob)
            })
            .collect();
        for (offset, (page, key, blob)) in read.into_iter().enumerate() {
            remembered.push((key, blob));
            let number = batch_number * BATCH + offset;
            for (key, word) in page.words {
                let entry = index.entry(key).or_default();
                if let Some(places) = word.plain {
                    entry.size += places.size;
                    entry.pages.push(number, places);
                }
                for (form, places) in word.variants {
                    entry.size += places.size;
                    match entry.variants.iter_mut().find(|(f, _)| *f == form) {
                        Some((_, pages)) => pages.push(number, places),
                        None => {
                            entry.size += 1;
                            let mut pages = Postings::default();
                            pages.push(number, places);
                            entry.variants.push((form, pages));
                        }
                    }
                }
            }
            for (name, value) in page.filters {
                filters
                    .entry(name)
                    .or_default()
                    .entry(value)
                    .or_default()
                    .push(number);
            }
            let short = short_name(&page.full_hash, language.len(), 1, |s| {
                short_names.contains(s)
            });
            short_names.insert(short.clone());
            stored_files.push(StoredFile {
                path: format!("fragment/{short}.pf_fragment"),
                key: page.fragment_key,
                bytes: page.fragment,
            });
            pages.push((short, page.word_count));
        }
    }
    drop(short_names);

    let mut files = Vec::new();
    let mut filter_names = Vec::new();
    let mut taken = BTreeSet::new();
    for (name, values) in filters {
        let mut cbor = Cbor::default();
        cbor.array(2).text(&name).array(values.len());
        for (value, pages) in values {
            cbor.array(2).text(&value).array(pages.len());
            for page in pages {
                cbor.unsigned(page as u64);
            }
        }
        let full = format!("{language}_{}", full_hash(&cbor.0));
        let short = short_name(&full, language.len(), 2, |s| taken.contains(s));
        taken.insert(short.clone());
        files.push((format!("filter/{short}.pf_filter"), compress(&cbor.0)));
        filter_names.push((name, short));
    }

    let mut words: Vec<(String, IndexWord)> = index.into_iter().collect();
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut chunks: Vec<Vec<(String, IndexWord)>> = Vec::new();
    let mut chunk = Vec::new();
    let mut size = 0;
    for (key, word) in words {
        size += word.size;
        chunk.push((key, word));
        if size >= CHUNK_SIZE {
            chunks.push(std::mem::take(&mut chunk));
            size = 0;
        }
    }
    if !chunk.is_empty() {
        chunks.push(chunk);
    }
    let mut ranges = chunk_ranges(&chunks);
    // After an edit most chunks are unchanged: those the caller has are
    // not compressed again.
    let encoded: Vec<(String, String, Vec<u8>)> = chunks
        .into_par_iter()
        .map(|chunk| {
            let cbor = encode_chunk(&chunk);
            let (hash, key) = hashes(&cbor);
            let bytes = if stored(&key) {
                Vec::new()
            } else {
                compress(&cbor)
            };
            (format!("{language}_{hash}"), key, bytes)
        })
        .collect();
    let mut taken = BTreeSet::new();
    for ((full, key, bytes), range) in encoded.into_iter().zip(&mut ranges) {
        let short = short_name(&full, language.len(), 2, |s| taken.contains(s));
        taken.insert(short.clone());
        stored_files.push(StoredFile {
            path: format!("index/{short}.pf_index"),
            key,
            bytes,
        });
        range.2 = short;
    }

    let mut meta = Cbor::default();
    meta.array(6).text(version).array(pages.len());
    for (hash, word_count) in &pages {
        meta.array(3)
            .text(hash)
            .unsigned(*word_count as u64)
            .text("");
    }
    meta.array(ranges.len());
    for (from, to, hash) in &ranges {
        meta.array(3).text(from).text(to).text(hash);
    }
    meta.array(filter_names.len());
    for (name, hash) in &filter_names {
        meta.array(2).text(name).text(hash);
    }
    meta.array(0).array(meta_fields.len());
    for field in &meta_fields {
        meta.text(field);
    }
    let meta_hash = format!(
        "{language}_{}",
        &full_hash(&meta.0)[..(language.len() + 8).min(40)]
    );
    files.push((format!("pagefind.{meta_hash}.pf_meta"), compress(&meta.0)));
    Some(IndexFiles {
        files,
        stored: stored_files,
        meta_hash,
        page_count: pages.len(),
        memo: memo::write_file(&remembered),
    })
}

#[cfg(test)]
mod tests;
