//! The bytes of Pagefind's files: names from SHA-1, gzip with Pagefind's
//! marker, packed word locations, and word-index chunks in CBOR.

use super::cbor::Cbor;
use super::{DEFAULT_WEIGHT, IndexWord};
use flate2::Compression;
use flate2::write::DeflateEncoder;
use sha1::{Digest as _, Sha1};
use std::io::Write;

/// SHA-1 in Pagefind's spelling (each byte in hex without padding), and
/// in the usual one.
pub(super) fn hashes(bytes: &[u8]) -> (String, String) {
    use std::fmt::Write as _;
    let digest = Sha1::digest(bytes);
    let mut pagefind = String::with_capacity(40);
    let mut padded = String::with_capacity(40);
    for byte in digest {
        let _ = write!(pagefind, "{byte:x}");
        let _ = write!(padded, "{byte:02x}");
    }
    (pagefind, padded)
}

pub(super) fn full_hash(bytes: &[u8]) -> String {
    hashes(bytes).0
}

/// A file as Pagefind serves it: gzip, with a marker before the data.
/// Each thread keeps its compressor: making one allocates and clears
/// hundreds of kilobytes, more than compressing a result's data costs.
///
/// Pagefind compresses at the best level. The default level makes files
/// 1 % larger (fragments of 20,000 products) in a quarter of the time:
/// at the best level, compressing took 4.3 s of CPU in a cold national
/// build, a fifth of it. flate2 runs on zlib-rs (see Cargo.toml), which
/// takes two fifths less time than miniz_oxide at this level.
pub fn compress(data: &[u8]) -> Vec<u8> {
    use std::cell::RefCell;
    thread_local! {
        static DEFLATE: RefCell<DeflateEncoder<Vec<u8>>> =
            RefCell::new(DeflateEncoder::new(Vec::new(), Compression::default()));
    }
    const MARKER: &[u8] = b"pagefind_dcd";
    // The header GzEncoder writes at this level: no name, no time, no
    // flags for the level, unknown system.
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
    let deflated = DEFLATE.with_borrow_mut(|deflate| {
        // Writing into a Vec cannot fail.
        let _ = deflate.write_all(MARKER);
        let _ = deflate.write_all(data);
        deflate.reset(Vec::new()).unwrap_or_default()
    });
    out.extend_from_slice(&deflated);
    let mut crc = flate2::Crc::new();
    crc.update(MARKER);
    crc.update(data);
    out.extend(crc.sum().to_le_bytes());
    out.extend(crc.amount().to_le_bytes());
    out
}

/// The first free short name for `full` (`vi_` and 7 characters, longer on
/// a clash), growing by `step` characters as Pagefind does for each kind
/// of file.
pub(super) fn short_name(
    full: &str,
    prefix: usize,
    step: usize,
    taken: impl Fn(&str) -> bool,
) -> String {
    let mut end = (prefix + 8).min(full.len());
    while taken(&full[..end]) && end < full.len() {
        end = (end + step).min(full.len());
    }
    full[..end].to_string()
}

/// Text locations, folded form first: weight changes are written inline
/// as a negative number followed by an absolute location.
pub(super) fn pack_locations(mut places: Vec<(u32, u8)>) -> Vec<i32> {
    places.sort_by_key(|&(position, weight)| {
        (if weight == DEFAULT_WEIGHT { 0 } else { weight }, position)
    });
    let mut current = DEFAULT_WEIGHT;
    let mut last = 0;
    let mut packed = Vec::with_capacity(places.len() + 2);
    for (position, weight) in places {
        if weight == current {
            packed.push((position - last) as i32);
        } else {
            packed.push(-i32::from(weight) - 1);
            packed.push(position as i32);
            current = weight;
        }
        last = position;
    }
    packed
}

/// Meta locations: a negative number opens a field, then deltas.
pub(super) fn pack_meta_locations(mut places: Vec<(u16, u32)>) -> Vec<i32> {
    places.sort_unstable();
    let mut field = None;
    let mut last = 0;
    let mut packed = Vec::with_capacity(places.len() + 4);
    for (id, position) in places {
        if field != Some(id) {
            packed.push(-(i32::from(id) + 1));
            field = Some(id);
            last = 0;
        }
        packed.push((position - last) as i32);
        last = position;
    }
    packed
}

/// The word range of each chunk, shortened to the prefixes that tell
/// neighbouring chunks apart: (from, to, file name to come).
pub(super) fn chunk_ranges(chunks: &[Vec<(String, IndexWord)>]) -> Vec<(String, String, String)> {
    let mut ranges: Vec<(String, String, String)> = chunks
        .iter()
        .map(|chunk| {
            let first = chunk.first().map(|(k, _)| k.clone()).unwrap_or_default();
            let last = chunk.last().map(|(k, _)| k.clone()).unwrap_or_default();
            (first, last, String::new())
        })
        .collect();
    for i in 1..ranges.len() {
        let (to, from) = (&ranges[i - 1].1, &ranges[i].0);
        let common = from
            .chars()
            .zip(to.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let to_prefix: String = to.chars().take(common + 1).collect();
        let from_prefix: String = from.chars().take(common + 1).collect();
        if to_prefix >= ranges[i - 1].0 {
            ranges[i - 1].1 = to_prefix;
        }
        ranges[i].0 = from_prefix;
    }
    ranges
}

/// One chunk of the word index.
pub(super) fn encode_chunk(chunk: &[(String, IndexWord)]) -> Vec<u8> {
    let mut cbor = Cbor::default();
    cbor.array(1).array(chunk.len());
    for (key, word) in chunk {
        cbor.array(3).text(key);
        word.pages.write(&mut cbor);
        cbor.array(word.variants.len());
        for (form, pages) in &word.variants {
            cbor.array(2).text(form);
            pages.write(&mut cbor);
        }
    }
    cbor.0
}
