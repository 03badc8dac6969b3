//! The word index: for each key, the records it occurs in, cut into
//! chunks by key so that a query downloads only the chunks of its words.
//!
//! A chunk, before compression, is a list of words, each:
//! `key`, `forms` (the written forms seen, each a text), `postings` (a
//! count, then per posting: the record number as a delta from the last,
//! the form's number, 0 for none or 1 + its place in `forms`, and one
//! byte of score). Numbers are LEB128 varints, texts a varint length and
//! UTF-8. A record has one posting per form it writes the word in.

use super::files::{text, varint};
use super::words::{Stemmer, Token, tokens};
use crate::search::{Record, Weight};
use rustc_hash::FxHashMap;

/// Bytes of a chunk before compression (about 5 kB compressed): a
/// query's first download holds one chunk per word, and the entry names
/// every chunk.
const CHUNK_BYTES: usize = 12 * 1024;

/// What one match adds to a record's score, and how many matches of each
/// weight count: a name match outranks any number of matches in the text,
/// and a word repeated in a long description does not bury a short one.
const NAME_SCORE: u32 = 16;
const NAME_MATCHES: u32 = 2;
const TEXT_SCORE: u32 = 2;
const TEXT_MATCHES: u32 = 4;

/// A record's words: (key, form, score), sorted.
pub type RecordWords = Vec<(String, Option<String>, u8)>;

/// The words of `record`, scored.
pub fn record_words(record: &Record, stemmer: Option<&Stemmer>) -> RecordWords {
    let mut counts: FxHashMap<Token, (u32, u32)> = FxHashMap::default();
    for (weight, part) in &record.text {
        tokens(part, stemmer, |token| {
            let count = counts.entry(token).or_default();
            match weight {
                Weight::Name => count.0 += 1,
                Weight::Text => count.1 += 1,
            }
        });
    }
    let mut words: RecordWords = counts
        .into_iter()
        .map(|(token, (names, texts))| {
            let score = names.min(NAME_MATCHES) * NAME_SCORE + texts.min(TEXT_MATCHES) * TEXT_SCORE;
            (token.key, token.form, score.min(255) as u8)
        })
        .collect();
    words.sort_unstable();
    words
}

/// One key across the index.
#[derive(Debug, Default)]
pub struct Postings {
    forms: Vec<String>,
    bytes: Vec<u8>,
    count: u64,
    last: u32,
}

/// The word index being gathered, record after record.
#[derive(Debug, Default)]
pub struct WordIndex {
    words: FxHashMap<String, Postings>,
}

impl WordIndex {
    /// Files the words of record number `record` (numbers must not fall).
    pub fn add(&mut self, record: u32, words: RecordWords) {
        for (key, form, score) in words {
            let postings = self.words.entry(key).or_default();
            let form = match form {
                None => 0,
                Some(form) => match postings.forms.iter().position(|f| *f == form) {
                    Some(at) => at + 1,
                    None => {
                        postings.forms.push(form);
                        postings.forms.len()
                    }
                },
            };
            varint(&mut postings.bytes, u64::from(record - postings.last));
            varint(&mut postings.bytes, form as u64);
            postings.bytes.push(score);
            postings.count += 1;
            postings.last = record;
        }
    }

    /// The words cut into chunks, in key order: each chunk's words, to
    /// be written by [`encode`] (one chunk at a time, so that the index
    /// is not held twice).
    pub fn chunks(self) -> Vec<Chunk> {
        let mut words: Vec<(String, Postings)> = self.words.into_iter().collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut chunks = Vec::new();
        let mut chunk = Vec::new();
        let mut size = 0;
        for (key, postings) in words {
            // About what the word takes encoded (its varints counted at
            // most a few bytes each).
            size += key.len()
                + postings.bytes.len()
                + postings.forms.iter().map(|f| f.len() + 2).sum::<usize>()
                + 8;
            chunk.push((key, postings));
            if size >= CHUNK_BYTES {
                chunks.push(Chunk {
                    words: std::mem::take(&mut chunk),
                    size: std::mem::take(&mut size),
                });
            }
        }
        if !chunk.is_empty() {
            chunks.push(Chunk { words: chunk, size });
        }
        chunks
    }
}

/// The words of one chunk of the index, and about the size they take.
#[derive(Debug)]
pub struct Chunk {
    words: Vec<(String, Postings)>,
    size: usize,
}

impl Chunk {
    /// The chunk's first key and its contents: its word count, then its words.
    pub fn encode(self) -> (String, Vec<u8>) {
        let first = self
            .words
            .first()
            .map(|(key, _)| key.clone())
            .unwrap_or_default();
        let mut bytes = Vec::with_capacity(self.size + 8);
        varint(&mut bytes, self.words.len() as u64);
        for (key, postings) in self.words {
            text(&mut bytes, &key);
            varint(&mut bytes, postings.forms.len() as u64);
            for form in &postings.forms {
                text(&mut bytes, form);
            }
            varint(&mut bytes, postings.count);
            bytes.extend_from_slice(&postings.bytes);
        }
        (first, bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn record(name: &str, text: &str) -> Record {
        Record {
            url: format!("/{name}/"),
            text: vec![
                (Weight::Name, name.to_string()),
                (Weight::Text, text.to_string()),
            ],
            meta: BTreeMap::new(),
            filters: BTreeMap::new(),
        }
    }

    #[test]
    fn a_name_outranks_a_repeated_word_of_the_text() {
        let words = record_words(&record("Mật ong", "ong ong ong ong ong ong ong Đồng"), None);
        let score = |key: &str| {
            words
                .iter()
                .find(|(k, _, _)| k == key)
                .map(|(_, _, s)| *s)
                .expect(key)
        };
        assert_eq!(score("mat"), 16);
        assert_eq!(score("ong"), 16 + 8, "text matches count up to four");
        assert_eq!(score("dong"), 2);
        let forms: Vec<_> = words
            .iter()
            .map(|(k, f, _)| (k.as_str(), f.as_deref()))
            .collect();
        assert_eq!(
            forms,
            [("dong", Some("đồng")), ("mat", Some("mật")), ("ong", None)]
        );
    }

    #[test]
    fn postings_are_deltas_with_forms_and_scores() {
        let mut index = WordIndex::default();
        index.add(3, vec![("dau".into(), Some("đậu".into()), 16)]);
        index.add(3, vec![("dau".into(), Some("dầu".into()), 2)]);
        index.add(10, vec![("dau".into(), None, 2)]);
        let chunks: Vec<_> = index.chunks().into_iter().map(Chunk::encode).collect();
        assert_eq!(chunks.len(), 1);
        let mut expected = vec![1, 3];
        expected.extend(b"dau");
        expected.extend([2, "đậu".len() as u8]);
        expected.extend("đậu".as_bytes());
        expected.extend(["dầu".len() as u8]);
        expected.extend("dầu".as_bytes());
        expected.extend([3, 3, 1, 16, 0, 2, 2, 7, 0, 2]);
        assert_eq!(chunks[0], ("dau".to_string(), expected));
    }

    #[test]
    fn chunks_are_cut_by_size_in_key_order() {
        let mut index = WordIndex::default();
        for record in 0..2000u32 {
            let words = (0..40)
                .map(|w| (format!("w{:03}", (record * 7 + w) % 500), None, 2))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            index.add(record, words);
        }
        let chunks: Vec<_> = index.chunks().into_iter().map(Chunk::encode).collect();
        assert!(chunks.len() > 3, "{} chunks", chunks.len());
        assert!(chunks.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(
            chunks
                .iter()
                .all(|(_, bytes)| bytes.len() < CHUNK_BYTES * 2)
        );
    }
}
