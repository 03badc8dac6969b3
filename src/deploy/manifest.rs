//! What the bucket holds, as ocop put it there: key → size, MD5 and
//! headers. Kept in the bucket (so another machine can deploy) and in the
//! cache (so a deploy with nothing changed makes no request at all).

use super::headers::Headers;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The manifest's key, relative to the prefix. Keys starting with `.ocop`
/// at the prefix root are ocop's own: never uploaded from the output,
/// never deleted by a plan.
pub const MANIFEST_KEY: &str = ".ocop-deploy-manifest.json";

/// One stored object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Bytes stored (after gzip).
    pub size: u64,
    /// MD5 of the bytes stored, hex.
    pub md5: String,
    pub headers: Headers,
}

/// Every object ocop stored, by key relative to the prefix.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub version: u32,
    pub files: BTreeMap<String, Entry>,
}

/// The manifest as written: the few distinct sets of headers once, and
/// each file as `[size, md5, headers index]`, so that the manifest of
/// 240,000 files is read and written in a fraction of a second.
#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    headers: Vec<Headers>,
    files: BTreeMap<String, (u64, String, usize)>,
}

const VERSION: u32 = 1;

/// Whether a key (relative to the prefix) is ocop's own.
pub fn is_own(relative: &str) -> bool {
    relative.starts_with(".ocop")
}

impl Manifest {
    pub fn new(files: BTreeMap<String, Entry>) -> Manifest {
        Manifest {
            version: VERSION,
            files,
        }
    }

    /// Reads a manifest; one of another version, or unreadable, is none
    /// (the deploy then uploads what differs from nothing known).
    pub fn from_bytes(bytes: &[u8]) -> Option<Manifest> {
        let stored = serde_json::from_slice::<Stored>(bytes)
            .ok()
            .filter(|m| m.version == VERSION)?;
        let files = stored
            .files
            .into_iter()
            .map(|(key, (size, md5, index))| {
                let headers = stored.headers.get(index)?.clone();
                Some((key, Entry { size, md5, headers }))
            })
            .collect::<Option<_>>()?;
        Some(Manifest::new(files))
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut headers: Vec<Headers> = Vec::new();
        let mut files = BTreeMap::new();
        for (key, entry) in &self.files {
            let index = match headers.iter().position(|h| *h == entry.headers) {
                Some(index) => index,
                None => {
                    headers.push(entry.headers.clone());
                    headers.len() - 1
                }
            };
            files.insert(key.as_str(), (entry.size, entry.md5.as_str(), index));
        }
        // Serializing maps of strings and numbers cannot fail.
        serde_json::to_vec(&serde_json::json!({
            "version": self.version,
            "headers": headers,
            "files": files,
        }))
        .unwrap_or_default()
    }

    pub fn read(path: &Path) -> Option<Manifest> {
        Manifest::from_bytes(&std::fs::read(path).ok()?)
    }

    /// Writes through a temporary file, so a kill leaves the old one or the new one.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let temporary = path.with_extension("json.tmp");
        std::fs::write(&temporary, self.to_bytes())?;
        std::fs::rename(&temporary, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_other_versions() {
        let mut files = BTreeMap::new();
        files.insert(
            "index.html".to_string(),
            Entry {
                size: 10,
                md5: "00".repeat(16),
                headers: crate::deploy::headers::headers("index.html"),
            },
        );
        let manifest = Manifest::new(files);
        assert_eq!(Manifest::from_bytes(&manifest.to_bytes()), Some(manifest));
        assert_eq!(
            Manifest::from_bytes(br#"{"version":99,"headers":[],"files":{}}"#),
            None
        );
        assert_eq!(
            Manifest::from_bytes(br#"{"version":1,"headers":[],"files":{"a":[1,"00",0]}}"#),
            None,
            "a headers index out of range"
        );
        assert_eq!(Manifest::from_bytes(b"<html>"), None);
        assert!(is_own(MANIFEST_KEY) && !is_own("a/.ocop-x") && !is_own("index.html"));
    }
}
