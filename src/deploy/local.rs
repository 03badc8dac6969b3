//! The output folder as it would be stored: every file's key, headers,
//! and the size and MD5 of the bytes uploaded (gzipped where it is). A
//! file whose size, inode and modification time are those it had at one of
//! the last deploys is not read again, so a deploy of an unchanged site of
//! 100,000 files walks the folder and reads no file, and one after a build
//! reads only the files that build wrote.

use super::headers::{Headers, headers};
use super::manifest::Entry;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// A file of the output.
#[derive(Debug, Clone)]
pub struct LocalFile {
    /// Path relative to the output, `/`-separated: the key below the prefix.
    pub relative: String,
    pub path: PathBuf,
    pub entry: Entry,
}

/// What identifies a file's bytes without reading them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    len: u64,
    inode: u64,
    modified_ns: i128,
}

/// The stored size and MD5 of each file at its stamps, from the last
/// deploys; with whether it was gzipped, the only header that changes the
/// bytes (the others are recomputed from the path).
///
/// A build fills the folder it swapped out two builds before (see
/// `output::Staging`), leaving unchanged files as they were there: the
/// output alternates between two folders, so each file keeps the stamp it
/// has in each ([`GENERATIONS`]), and a build then a deploy reads only the
/// files that build wrote. A file whose stamp is new (a fresh folder, a
/// file written again) is read, and the xxh3 of its bytes tells, at
/// memory speed, that only the gzip and MD5 need not be worked out again.
#[derive(Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamps {
    version: u32,
    files: BTreeMap<String, Stamped>,
}

/// The stamps a file is known by: one for each folder the output
/// alternates between.
const GENERATIONS: usize = 2;

const STAMPS_VERSION: u32 = 2;

/// A file's stamps (newest first), the xxh3 of its bytes, stored size,
/// stored MD5, gzipped.
type Stamped = (Vec<Stamp>, u64, u64, String, bool);

impl Stamps {
    pub fn read(path: &Path) -> Stamps {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Stamps>(&bytes).ok())
            .filter(|stamps| stamps.version == STAMPS_VERSION)
            .unwrap_or_default()
    }

    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let temporary = path.with_extension("json.tmp");
        std::fs::write(&temporary, serde_json::to_vec(self).unwrap_or_default())?;
        std::fs::rename(&temporary, path)
    }
}

fn stamp(meta: &std::fs::Metadata) -> Stamp {
    Stamp {
        len: meta.len(),
        inode: meta.ino(),
        modified_ns: i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
    }
}

/// Gzip that gives the same bytes for the same input on every machine:
/// no name, no time, one level.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::GzBuilder::new().mtime(0).write(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::new(6),
    );
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// The bytes uploaded for a file with these headers.
pub fn stored_bytes(path: &Path, headers: &Headers) -> std::io::Result<Vec<u8>> {
    let bytes = std::fs::read(path)?;
    Ok(if headers.gzip { gzip(&bytes) } else { bytes })
}

pub fn md5_hex(bytes: &[u8]) -> String {
    use md5::Digest;
    let digest = md5::Md5::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Every file of `output` that is uploaded (not the output's own `.ocop-*`
/// markers), sorted by key, and the stamps to remember for next time.
pub fn scan(output: &Path, known: &Stamps) -> std::io::Result<(Vec<LocalFile>, Stamps)> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(output).follow_links(false) {
        let entry = entry.map_err(std::io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(output)
            .map_err(std::io::Error::other)?
            .to_string_lossy()
            .replace('\\', "/");
        if super::manifest::is_own(&relative) {
            continue;
        }
        let meta = entry.metadata().map_err(std::io::Error::other)?;
        found.push((relative, entry.into_path(), stamp(&meta)));
    }
    let files: Vec<(LocalFile, (Vec<Stamp>, u64))> = found
        .into_par_iter()
        .map(|(relative, path, stamp)| {
            let headers = headers(&relative);
            let was = known
                .files
                .get(&relative)
                .filter(|(.., gzip)| *gzip == headers.gzip);
            let (hash, entry) = match was {
                Some((stamps, hash, size, md5, _)) if stamps.contains(&stamp) => (
                    *hash,
                    Entry {
                        size: *size,
                        md5: md5.clone(),
                        headers,
                    },
                ),
                _ => {
                    let source = std::fs::read(&path)?;
                    let hash = xxhash_rust::xxh3::xxh3_64(&source);
                    match was {
                        Some((_, known_hash, size, md5, _)) if *known_hash == hash => (
                            hash,
                            Entry {
                                size: *size,
                                md5: md5.clone(),
                                headers,
                            },
                        ),
                        _ => {
                            let bytes = if headers.gzip { gzip(&source) } else { source };
                            (
                                hash,
                                Entry {
                                    size: bytes.len() as u64,
                                    md5: md5_hex(&bytes),
                                    headers,
                                },
                            )
                        }
                    }
                }
            };
            // The stamps of the other folder are kept while the bytes
            // are the same as there.
            let mut stamps = vec![stamp];
            if let Some((known, known_hash, ..)) = was
                && *known_hash == hash
            {
                stamps.extend(known.iter().filter(|s| **s != stamp).copied());
                stamps.truncate(GENERATIONS);
            }
            Ok((
                LocalFile {
                    relative,
                    path,
                    entry,
                },
                (stamps, hash),
            ))
        })
        .collect::<std::io::Result<_>>()?;
    let mut stamps = Stamps {
        version: STAMPS_VERSION,
        ..Stamps::default()
    };
    let mut local = Vec::with_capacity(files.len());
    for (file, (stamp, hash)) in files {
        let entry = &file.entry;
        stamps.files.insert(
            file.relative.clone(),
            (
                stamp,
                hash,
                entry.size,
                entry.md5.clone(),
                entry.headers.gzip,
            ),
        );
        local.push(file);
    }
    local.sort_by(|a, b| a.relative.cmp(&b.relative));
    Ok((local, stamps))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_is_deterministic_and_markers_are_skipped() {
        assert_eq!(gzip(b"<html>x</html>"), gzip(b"<html>x</html>"));
        assert_eq!(&gzip(b"x")[4..8], &[0, 0, 0, 0], "no modification time");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".ocop-build"), b"marker").unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/index.html"), b"<p>hi</p>").unwrap();
        let (files, stamps) = scan(dir.path(), &Stamps::default()).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].relative, "a/index.html");
        assert!(files[0].entry.headers.gzip);
        assert_eq!(files[0].entry.md5, md5_hex(&gzip(b"<p>hi</p>")));
        // Known stamps are trusted: the same answer without reading.
        let (again, _) = scan(dir.path(), &stamps).unwrap();
        assert_eq!(again[0].entry, files[0].entry);
        // A copy (new inode and time) of the same bytes is known by its
        // hash; the other folder keeps the first copy.
        let page = dir.path().join("a/index.html");
        let elsewhere = tempfile::tempdir().unwrap();
        let other_folder = elsewhere.path().join("index.html");
        std::fs::hard_link(&page, &other_folder).unwrap();
        let first_time = std::fs::metadata(&page).unwrap().modified().unwrap();
        std::fs::remove_file(&page).unwrap();
        std::fs::write(&page, b"<p>hi</p>").unwrap();
        let (copied, copied_stamps) = scan(dir.path(), &stamps).unwrap();
        assert_eq!(copied[0].entry, files[0].entry);
        // The folders swap back: the first copy's stamp is still known, so
        // the file is not read (its bytes changed behind a restored time,
        // which only a stamp taken as proof would miss).
        std::fs::rename(&other_folder, &page).unwrap();
        let mut file = std::fs::OpenOptions::new().write(true).open(&page).unwrap();
        file.write_all(b"<p>ho</p>").unwrap();
        file.set_modified(first_time).unwrap();
        drop(file);
        let (swapped, _) = scan(dir.path(), &copied_stamps).unwrap();
        assert_eq!(swapped[0].entry, files[0].entry, "trusted by its stamp");
        std::fs::write(dir.path().join("a/index.html"), b"<p>ho</p>").unwrap();
        let (edited, _) = scan(dir.path(), &stamps).unwrap();
        assert_eq!(edited[0].entry.md5, md5_hex(&gzip(b"<p>ho</p>")));
    }
}
