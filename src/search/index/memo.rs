//! What was learnt of each record in the last index, kept in the cache so
//! that the next build reads only the records that changed: after one edit
//! the other 29,999 records' words are taken as they were.

use super::{Encoded, Page, RecordWord};
use crate::search::Record;
use std::collections::HashMap;

/// A record's key: everything its page depends on (`context` holds the
/// index-wide inputs, such as the meta field numbering).
pub fn key(record: &Record, context: &str) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(context.as_bytes());
    hasher.update(&[0]);
    record.hash_into(&mut hasher);
    hasher.digest128()
}

fn put(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend((bytes.len() as u32).to_le_bytes());
    out.extend_from_slice(bytes);
}

fn put_encoded(out: &mut Vec<u8>, encoded: &Encoded) {
    out.extend((encoded.size as u32).to_le_bytes());
    put(out, &encoded.bytes);
}

/// A page without its fragment, as bytes.
pub fn encode(page: &Page) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + page.words.len() * 24);
    put(&mut out, page.fragment_key.as_bytes());
    put(&mut out, page.full_hash.as_bytes());
    out.extend((page.word_count as u32).to_le_bytes());
    out.extend((page.filters.len() as u32).to_le_bytes());
    for (name, value) in &page.filters {
        put(&mut out, name.as_bytes());
        put(&mut out, value.as_bytes());
    }
    out.extend((page.words.len() as u32).to_le_bytes());
    for (key, word) in &page.words {
        put(&mut out, key.as_bytes());
        match &word.plain {
            Some(places) => {
                out.push(1);
                put_encoded(&mut out, places);
            }
            None => out.push(0),
        }
        out.extend((word.variants.len() as u32).to_le_bytes());
        for (form, places) in &word.variants {
            put(&mut out, form.as_bytes());
            put_encoded(&mut out, places);
        }
    }
    out
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }
    fn number(&mut self) -> Option<usize> {
        let bytes = self.take(4)?;
        Some(u32::from_le_bytes(bytes.try_into().ok()?) as usize)
    }
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.number()?;
        self.take(n)
    }
    fn text(&mut self) -> Option<String> {
        String::from_utf8(self.bytes()?.to_vec()).ok()
    }
    fn encoded(&mut self) -> Option<Encoded> {
        let size = self.number()?;
        Some(Encoded {
            size,
            bytes: self.bytes()?.to_vec(),
        })
    }
}

/// The page `encode` wrote, without its fragment; `None` if the bytes are
/// not such a page (a damaged cache is read again from the records).
pub fn decode(blob: &[u8]) -> Option<Page> {
    let mut reader = Reader(blob);
    let fragment_key = reader.text()?;
    let full_hash = reader.text()?;
    let word_count = reader.number()?;
    let filters = (0..reader.number()?)
        .map(|_| Some((reader.text()?, reader.text()?)))
        .collect::<Option<Vec<_>>>()?;
    let count = reader.number()?;
    let mut words = Vec::with_capacity(count.min(blob.len()));
    for _ in 0..count {
        let key = reader.text()?;
        let plain = match reader.take(1)?[0] {
            0 => None,
            _ => Some(reader.encoded()?),
        };
        let variants = (0..reader.number()?)
            .map(|_| Some((reader.text()?, reader.encoded()?)))
            .collect::<Option<Vec<_>>>()?;
        words.push((key, RecordWord { plain, variants }));
    }
    reader.0.is_empty().then_some(Page {
        words,
        full_hash,
        fragment_key,
        fragment: Vec::new(),
        word_count,
        filters,
    })
}

/// The cache file: each page's record key and bytes.
pub fn write_file(pages: &[(u128, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(pages.iter().map(|(_, b)| b.len() + 20).sum());
    for (key, blob) in pages {
        out.extend(key.to_le_bytes());
        put(&mut out, blob);
    }
    out
}

/// The pages of a cache file by record key (empty if it is damaged).
pub fn read_file(file: &[u8]) -> HashMap<u128, &[u8]> {
    let mut pages = HashMap::new();
    let mut reader = Reader(file);
    while !reader.0.is_empty() {
        let Some(key) = reader.take(16).and_then(|k| k.try_into().ok()) else {
            return HashMap::new();
        };
        let Some(blob) = reader.bytes() else {
            return HashMap::new();
        };
        pages.insert(u128::from_le_bytes(key), blob);
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_survive_the_file() {
        let page = Page {
            words: vec![
                (
                    "nuoc".into(),
                    RecordWord {
                        plain: None,
                        variants: vec![(
                            "nước".into(),
                            Encoded {
                                bytes: vec![0x81, 0x18, 0xa8, 0x80],
                                size: 2,
                            },
                        )],
                    },
                ),
                (
                    "mam".into(),
                    RecordWord {
                        plain: Some(Encoded {
                            bytes: vec![0x80, 0x80],
                            size: 1,
                        }),
                        variants: Vec::new(),
                    },
                ),
            ],
            full_hash: "vi_abc".into(),
            fragment_key: "0a1b".into(),
            fragment: vec![1, 2, 3],
            word_count: 7,
            filters: vec![("tinh".into(), "Cần Thơ".into())],
        };
        let file = write_file(&[(42, encode(&page))]);
        let read = read_file(&file);
        let back = decode(read[&42]).expect("decoded");
        assert_eq!(encode(&back), encode(&page));
        assert!(back.fragment.is_empty(), "fragments live in the store");
        // Damaged files and pages are read as nothing, never as a page.
        assert!(read_file(&file[..file.len() - 1]).is_empty());
        assert!(decode(&read[&42][..10]).is_none());
    }
}
