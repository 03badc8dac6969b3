//! The search stage: an index of lean records, one per product and per
//! producer, written as static files (`/search-index/`) with the runtime
//! that searches them in the browser (`runtime.js`). Matching folds tones,
//! the marks of ă â ê ô ơ ư, and `đ`, on both sides; see [`index`] for the
//! files and why they are laid out so.
//!
//! The index is built only when the searchable text changed: the files of
//! the last index are kept in the cache under a hash of every record.

mod index;
mod records;

pub use index::FORMAT;
pub use records::{KIND_PRODUCER, KIND_PRODUCT, Record, Weight, filter, records};

use crate::cancel::Cancel;
use crate::output::{OutputError, Sink};
use std::path::{Path, PathBuf};

/// Where the index is served, relative to the site root.
pub const BUNDLE_DIR: &str = "search-index";

/// The runtime's file in [`BUNDLE_DIR`]; the search page imports it.
pub const RUNTIME: &str = "runtime.js";

/// The browser runtime, written beside the index it reads.
const RUNTIME_SOURCE: &str = include_str!("runtime.js");

/// A failure of the search stage.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The cache could not be used.
    #[error("cannot use the search cache {path}: {source}")]
    Cache {
        /// The folder.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// Writing into the site failed.
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// What the search stage did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SearchStats {
    /// Records in the index.
    pub records: usize,
    /// Files of the index.
    pub files: usize,
    /// Whether the previous index was reused (no searchable text changed).
    pub reused: bool,
    /// Whether an older index was published because the new one was
    /// deferred ([`crate::pipeline::Search::Later`]): searches miss the latest changes until
    /// the next build.
    pub stale: bool,
}

/// The records of one language's index: (language code, records).
pub type LanguageRecords<'a> = (&'a str, &'a [Record]);

fn fingerprint(indexes: &[LanguageRecords<'_>]) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    // The layout of cache entries is part of the key: an entry of another
    // layout is never read.
    hasher.update(format!("ocop search {FORMAT} {};", env!("CARGO_PKG_VERSION")).as_bytes());
    hasher.update(RUNTIME_SOURCE.as_bytes());
    for (language, records) in indexes {
        hasher.update(language.as_bytes());
        hasher.update(&[3]);
        for record in *records {
            record.hash_into(&mut hasher);
            hasher.update(&[2]);
        }
    }
    format!("{:032x}", hasher.digest128())
}

/// An index ready to write: the entries and the runtime, and the files
/// that are many and mostly unchanged from one build to the next.
#[derive(Debug, Default)]
pub struct BuiltIndex {
    /// Entries (`vi.json` …) and the runtime: (path in the bundle, bytes).
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// Bundles, word chunks and columns; `bytes` is empty where `stored`
    /// said it had the file.
    pub stored: Vec<index::StoredFile>,
}

/// Builds one index per language into one bundle. The browser takes the
/// index of its page's language (`<html lang>`). A language with a
/// stemmer (English, not Vietnamese) files each word under its stem as
/// well, so that "berries" finds "berry". Files whose key `stored` knows
/// are not compressed again.
pub fn build_indexes(
    indexes: &[LanguageRecords<'_>],
    stored: &(dyn Fn(&str) -> bool + Sync),
    cancel: &Cancel,
) -> Result<BuiltIndex, SearchError> {
    let mut built = BuiltIndex::default();
    built
        .files
        .push((PathBuf::from(RUNTIME), RUNTIME_SOURCE.as_bytes().to_vec()));
    for (language, records) in indexes {
        let index = index::build(records, language, stored, cancel)
            .ok_or(SearchError::Output(OutputError::Interrupted))?;
        built
            .files
            .push((PathBuf::from(format!("{language}.json")), index.entry));
        built.stored.extend(index.stored);
    }
    Ok(built)
}

/// The cache's store of bundles, word chunks and columns, each under its
/// key, kept across builds: an edit writes a few files, not thousands.
/// Named for how its files are compressed (keys are of the contents), so
/// that a store of another ocop is not mixed in; other folders of the
/// search cache are removed when an index is written.
pub(crate) const STORE: &str = "store-7";
/// In a cache entry: which stored file (key) each bundle path is.
const STORED_LIST: &str = "stored.txt";
/// In a cache entry: written last, when the entry is whole.
const COMPLETE: &str = "complete";
/// In the search cache: locked by the build using it ([`lock_cache`]).
const LOCK: &str = ".lock";
/// Stored files no index uses are removed once they are older than this:
/// a build running at the same time on the same cache (a test suite,
/// `ocop serve` beside `ocop build`) may have just written one that this
/// build's index does not use.
pub(crate) const STORE_GRACE: std::time::Duration = std::time::Duration::from_secs(3600);

/// Writes one index per language into the site (see [`build_indexes`]),
/// reusing the cached bundle when the records are unchanged. With `defer`,
/// a changed bundle is not built: the newest cached one is published
/// instead, marked stale (only when there is none is it built).
pub fn write_indexes(
    indexes: &[LanguageRecords<'_>],
    cache_dir: &Path,
    sink: &dyn Sink,
    defer: bool,
    cancel: &Cancel,
) -> Result<SearchStats, SearchError> {
    let key = fingerprint(indexes);
    let cache = cache_dir.join("search");
    let store = cache.join(STORE);
    let entry = cache.join(&key);
    let cache_error = |source| SearchError::Cache {
        path: cache.clone(),
        source,
    };
    let entry_error = |error| match error {
        EntryError::Search(e) => e,
        EntryError::Io(e) => cache_error(e),
    };
    // Held to the end: the cache is this build's alone meanwhile.
    let _lock = lock_cache(&cache, cancel).map_err(entry_error)?;
    let reused = entry.join(COMPLETE).is_file();
    let stale = if reused || !defer {
        None
    } else {
        newest_entry(&cache)
    };
    let entry = stale.clone().unwrap_or(entry);
    let mut written = std::collections::HashSet::new();
    if !reused && stale.is_none() {
        written = write_entry(indexes, &cache, &entry, sink, cancel).map_err(entry_error)?;
    }
    let mut files = 0;
    for item in std::fs::read_dir(&entry).map_err(cache_error)? {
        let item = item.map_err(cache_error)?;
        let name = item.file_name().to_string_lossy().into_owned();
        if name == COMPLETE || name == STORED_LIST {
            continue;
        }
        for file in walkdir::WalkDir::new(item.path()).sort_by_file_name() {
            let file = file.map_err(|e| cache_error(std::io::Error::other(e.to_string())))?;
            if !file.file_type().is_file() {
                continue;
            }
            let relative = file.path().strip_prefix(&entry).unwrap_or(file.path());
            let target = format!(
                "{BUNDLE_DIR}/{}",
                relative.to_string_lossy().replace('\\', "/")
            );
            sink.link(&target, file.path())?;
            files += 1;
        }
    }
    let list = std::fs::read_to_string(entry.join(STORED_LIST)).map_err(cache_error)?;
    let stored: Vec<(&str, &str)> = list.lines().filter_map(|l| l.split_once(' ')).collect();
    {
        use rayon::prelude::*;
        stored
            .par_iter()
            .filter(|(path, _)| !written.contains(*path))
            .try_for_each(|(path, key)| {
                sink.link(&format!("{BUNDLE_DIR}/{path}"), &store.join(key))
            })?;
    }
    Ok(SearchStats {
        records: indexes.iter().map(|(_, records)| records.len()).sum(),
        files: files + stored.len(),
        reused,
        stale: stale.is_some(),
    })
}

enum EntryError {
    Search(SearchError),
    Io(std::io::Error),
}

impl From<std::io::Error> for EntryError {
    fn from(error: std::io::Error) -> Self {
        EntryError::Io(error)
    }
}

/// Builds the index into the cache: new bundles, chunks and columns into
/// the store, the rest into a new entry folder, which replaces the older
/// entries. New stored files are written into the site, and linked from
/// there into the store: their bundle paths are returned.
fn write_entry(
    indexes: &[LanguageRecords<'_>],
    cache: &Path,
    entry: &Path,
    sink: &dyn Sink,
    cancel: &Cancel,
) -> Result<std::collections::HashSet<String>, EntryError> {
    let store = cache.join(STORE);
    std::fs::create_dir_all(&store)?;
    let stored: std::collections::HashSet<String> = std::fs::read_dir(&store)?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let built =
        build_indexes(indexes, &|key| stored.contains(key), cancel).map_err(EntryError::Search)?;
    let mut list = String::with_capacity(built.stored.len() * 64);
    let mut used = std::collections::HashSet::with_capacity(built.stored.len());
    let mut new_files = Vec::new();
    for file in &built.stored {
        list.push_str(&format!("{} {}\n", file.path, file.key));
        if used.insert(file.key.as_str()) && !file.bytes.is_empty() {
            new_files.push(file);
        }
    }
    {
        use rayon::prelude::*;
        // In parallel: one after the other, a cold national build's
        // thousands of files left a core idle.
        new_files.par_iter().try_for_each(|file| {
            let relative = format!("{BUNDLE_DIR}/{}", file.path);
            sink.write(&relative, &file.bytes)
                .map_err(|e| EntryError::Search(e.into()))?;
            store_file(&sink.dir().join(&relative), &store, file)
        })?;
    }
    let written = new_files.iter().map(|file| file.path.clone()).collect();
    let key = entry
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = cache.join(format!(".{key}.{}.tmp", std::process::id()));
    let _ = std::fs::remove_dir_all(&temporary);
    for (name, bytes) in &built.files {
        let path = temporary.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)?;
    }
    std::fs::write(temporary.join(STORED_LIST), list)?;
    std::fs::write(temporary.join(COMPLETE), b"")?;
    // Only the newest index is kept: an older one is never reused. A
    // temporary folder may belong to a build running at the same time, so
    // only one left long ago by a dead build is removed.
    let old_enough = |path: &Path| {
        path.symlink_metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STORE_GRACE)
    };
    for old in std::fs::read_dir(cache)?.filter_map(Result::ok) {
        let name = old.file_name();
        let in_progress = name.to_string_lossy().starts_with('.');
        let ours =
            old.path() == temporary || old.path() == entry || old.path() == store || name == LOCK;
        if !ours && made_here(&name.to_string_lossy()) && (!in_progress || old_enough(&old.path()))
        {
            let _ = std::fs::remove_dir_all(old.path());
        }
    }
    if std::fs::rename(&temporary, entry).is_err() && !entry.join(COMPLETE).is_file() {
        return Err(EntryError::Io(std::io::Error::other(
            "the cache entry could not be put in place",
        )));
    }
    let _ = std::fs::remove_dir_all(&temporary);
    // Only files that were there before this build can be unused: the
    // store was listed once, above.
    for name in stored.iter().filter(|name| !used.contains(name.as_str())) {
        let path = store.join(name);
        if old_enough(&path) {
            let _ = std::fs::remove_file(path);
        }
    }
    Ok(written)
}

/// Whether `name`, in the search cache, is one the cache gives: an entry
/// (its key in hex), a store of any version, or a temporary entry. Only
/// those are removed: the cache folder is ocop's (it is marked, see
/// [`crate::photos::claim_cache_dir`]), yet nothing else is ever deleted.
fn made_here(name: &str) -> bool {
    let key = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_hexdigit());
    key(name) || name.starts_with("store-") || (name.starts_with('.') && name.ends_with(".tmp"))
}

/// Puts `file`, just written into the site at `written`, into the store
/// under its key. A link costs one entry in the store's folder, where
/// writing a temporary file and renaming it cost two: on a slow disk, a
/// cold national build's thousands of files took seconds. A link is whole or
/// absent, so a build killed meanwhile never leaves a partial file under a
/// key; where links are not possible (the cache on another disk), the file
/// is written under a temporary name and renamed.
fn store_file(written: &Path, store: &Path, file: &index::StoredFile) -> Result<(), EntryError> {
    let stored = store.join(&file.key);
    match std::fs::hard_link(written, &stored) {
        Ok(()) => Ok(()),
        // The same contents, stored by a build running at the same time.
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(_) => {
            let temporary = store.join(format!(".{}.{}", file.key, std::process::id()));
            std::fs::write(&temporary, &file.bytes)?;
            std::fs::rename(&temporary, &stored)?;
            Ok(())
        }
    }
}

/// Locks the search cache for this build. Each build removes the other
/// entries once its own is written: a build sharing the cache (`ocop
/// serve` beside `ocop build`, tests run in parallel) lost the entry it
/// was linking files from, and failed. A build that waits gives up when a
/// newer edit supersedes it; where the disk cannot lock files, builds go
/// on without the lock, as before.
fn lock_cache(cache: &Path, cancel: &Cancel) -> Result<std::fs::File, EntryError> {
    std::fs::create_dir_all(cache)?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(cache.join(LOCK))?;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) => {
                if cancel.is_cancelled() {
                    return Err(EntryError::Search(SearchError::Output(
                        OutputError::Interrupted,
                    )));
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::Error(_)) => return Ok(file),
        }
    }
}

/// The complete index built last, if any.
fn newest_entry(cache: &Path) -> Option<PathBuf> {
    std::fs::read_dir(cache)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .filter(|p| p.join(COMPLETE).is_file())
        .max_by_key(|p| p.join(COMPLETE).metadata().and_then(|m| m.modified()).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_a_copy_where_it_cannot_link() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = index::StoredFile {
            path: "vi/r/0123456789ab.bin".into(),
            key: "abc".into(),
            bytes: b"gzip".to_vec(),
        };
        // Linking fails (here: nothing to link; in use: another disk).
        let store_result = store_file(&dir.path().join("absent"), dir.path(), &file);
        assert!(store_result.is_ok());
        assert_eq!(
            std::fs::read(dir.path().join("abc")).expect("stored"),
            b"gzip"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["abc"], "no temporary file is left");
    }
}
