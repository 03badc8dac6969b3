//! The files of an index: compressed, and named for their contents.

use flate2::Compression;
use flate2::write::GzEncoder;
use std::collections::HashSet;
use std::io::Write;

/// Hex digits of a file's name: 48 bits. Files are named for their
/// contents so that hosts may cache them for good; a name given to other
/// contents later would serve a stale file, so the name must be long
/// enough never to repeat across a catalogue's builds (about one chance
/// in 10^8 over a hundred thousand files), and short enough that the
/// entry's list of names (two thousand at 20,000 products) stays small.
const NAME_DIGITS: usize = 12;

/// A file that is often the same from one build to the next: a bundle of
/// records, a chunk of the word index, the filter columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// Path inside the search folder.
    pub path: String,
    /// A name for its contents alone: the same contents give the same key,
    /// whatever else changed in the index.
    pub key: String,
    /// The file, compressed; empty when the caller said it has it.
    pub bytes: Vec<u8>,
}

/// The stored files of one folder for `prepared` contents ((key,
/// compressed bytes) as [`prepare`] gives them), in order, and their names:
/// a key's first digits, more of them in the (unlikely) case of two
/// contents sharing a short name.
pub fn name_files(
    folder: &str,
    prepared: Vec<(String, Vec<u8>)>,
) -> (Vec<String>, Vec<StoredFile>) {
    let mut taken = HashSet::with_capacity(prepared.len());
    prepared
        .into_iter()
        .map(|(key, compressed)| {
            let mut end = NAME_DIGITS;
            while taken.contains(&key[..end]) && end < key.len() {
                end += 1;
            }
            let name = key[..end].to_string();
            taken.insert(name.clone());
            let file = StoredFile {
                path: format!("{folder}/{name}.bin"),
                key,
                bytes: compressed,
            };
            (name, file)
        })
        .unzip()
}

/// The key of `data`: 128 bits of XXH3, in hex.
pub fn key(data: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(data))
}

/// `data` with its key, compressed unless `stored` has the key already.
pub fn prepare(data: &[u8], stored: &(dyn Fn(&str) -> bool + Sync)) -> (String, Vec<u8>) {
    let key = key(data);
    let bytes = if stored(&key) {
        Vec::new()
    } else {
        compress(data)
    };
    (key, bytes)
}

/// `data` as gzip. Files are compressed here, not left to the host: an
/// object store serves them as they are, and the runtime inflates them
/// with the browser's own `DecompressionStream`. The default level: the
/// best one makes files 1 % smaller in four times the time.
pub fn compress(data: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(
        Vec::with_capacity(data.len() / 3 + 64),
        Compression::default(),
    );
    // Writing into a Vec cannot fail.
    let _ = gz.write_all(data);
    gz.finish().unwrap_or_default()
}

/// Appends `value` as a LEB128 varint (seven bits a byte, low first).
pub fn varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Appends `text` with its length before it.
pub fn text(out: &mut Vec<u8>, text: &str) {
    varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_leb128() {
        let mut out = Vec::new();
        for value in [0, 1, 127, 128, 300, u32::MAX as u64] {
            varint(&mut out, value);
        }
        assert_eq!(
            out,
            [0, 1, 127, 0x80, 1, 0xac, 2, 0xff, 0xff, 0xff, 0xff, 0x0f]
        );
    }

    #[test]
    fn a_name_taken_by_other_contents_grows() {
        let a = "abcdefabcdef0000000000000000000a".to_string();
        let b = "abcdefabcdef0000000000000000000b".to_string();
        let (names, files) = name_files("vi/w", vec![(a, vec![]), (b, vec![])]);
        assert_eq!(names, ["abcdefabcdef", "abcdefabcdef0"]);
        assert_eq!(files[1].path, "vi/w/abcdefabcdef0.bin");
    }

    #[test]
    fn compresses_to_gzip() {
        use std::io::Read;
        let data = "Nước mắm ".repeat(100);
        let mut back = String::new();
        flate2::read::GzDecoder::new(&compress(data.as_bytes())[..])
            .read_to_string(&mut back)
            .expect("gzip");
        assert_eq!(back, data);
    }
}
