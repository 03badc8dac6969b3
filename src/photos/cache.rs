//! The photo cache: processed variants kept outside `content/` and the
//! output (`.ocop-cache/photos/` by default), keyed by the source's content
//! hash and the settings. A rebuild decodes only photos whose content or
//! settings changed; to know which changed without reading every photo,
//! an index remembers each source's size, modification time and hash.

use super::settings::PhotoSettings;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

/// The cache folder of a site, unless `--cache-dir` says otherwise.
pub const DEFAULT_CACHE_DIR: &str = ".ocop-cache";

/// The file that marks a folder as ocop's cache: a cache directory tag
/// (<https://bford.info/cachedir/>), so backup tools skip it too, with a
/// line saying whose it is.
pub const CACHE_MARKER: &str = "CACHEDIR.TAG";
const TAG_SIGNATURE: &str = "Signature: 8a477f597d28d172789f06886806bc55";
const TAG_OWNER: &str = "# This folder is the cache of `ocop build`";
const TAG_TEXT: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This folder is the cache of `ocop build` (processed photos, the search index,\n\
# what the last builds were). ocop deletes only its own entries in it; the\n\
# whole folder can be deleted at any time. See https://bford.info/cachedir/\n";

/// What a cache written before the marker existed may hold: it is adopted
/// only when it holds nothing else and has a photo index (or holds only
/// what `ocop serve` makes first).
const CACHE_ENTRIES: [&str; 6] = [
    ".gitignore",
    "photos",
    "builds",
    "pages",
    "search",
    CACHE_MARKER,
];

/// Whether `dir` carries ocop's cache marker (another program's cache tag,
/// such as cargo's in `target/`, is not ocop's).
fn is_marked(dir: &Path) -> bool {
    let marker = dir.join(CACHE_MARKER);
    marker.symlink_metadata().is_ok_and(|m| m.is_file())
        && std::fs::read_to_string(&marker)
            .is_ok_and(|text| text.starts_with(TAG_SIGNATURE) && text.contains(TAG_OWNER))
}

/// Makes sure `dir` may be used as the cache, as `--output` is checked
/// (see [`crate::output::check_output`]): a folder that does not exist or
/// is empty is made ocop's and marked; a marked one is used; a cache of an
/// older ocop (only the cache's own entries, with a photo index) is marked
/// and used. Anything else is refused before a file is written: `--gc`
/// in a folder of the user's photos would delete them.
pub fn claim_cache_dir(dir: &Path) -> std::io::Result<()> {
    let refuse = |reason: String| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("refusing to use {} as the cache: {reason}", dir.display()),
        )
    };
    match dir.symlink_metadata() {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir)?;
        }
        Err(error) => return Err(error),
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(refuse("it is a symbolic link".into()));
        }
        Ok(meta) if !meta.is_dir() => return Err(refuse("it is a file, not a folder".into())),
        Ok(_) if is_marked(dir) => return Ok(()),
        Ok(_) => {
            let names: Vec<String> = std::fs::read_dir(dir)?
                .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
                .collect::<Result<_, _>>()?;
            // `ocop serve` builds into `serve/` inside the cache, which it
            // makes before the first build, its staging folders beside it.
            let serve = |n: &str| n == "serve" || n.starts_with(".serve.ocop-");
            let older_cache = !names.is_empty()
                && names
                    .iter()
                    .all(|n| CACHE_ENTRIES.contains(&n.as_str()) || serve(n))
                && (dir.join("photos/index.json").is_file() || names.iter().all(|n| serve(n)));
            if !names.is_empty() && !older_cache {
                return Err(refuse(format!(
                    "it holds files that ocop did not write (no {CACHE_MARKER} of ocop in it); \
                     empty it or choose another folder, such as .ocop-cache"
                )));
            }
        }
    }
    std::fs::write(dir.join(CACHE_MARKER), TAG_TEXT)
}

/// Whether `name` is a name the cache gives a shard folder (two hex digits).
fn is_shard_name(name: &str) -> bool {
    name.len() == 2 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

/// What is remembered of a source file to avoid rehashing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Seen {
    size: u64,
    modified_ns: u128,
    hash: String,
}

/// What the cache holds for one key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Width and height of the original, as displayed.
    pub original: (u32, u32),
    /// Placeholder colour.
    pub colour: [u8; 3],
    /// Sizes of the responsive variants, smallest first.
    pub variants: Vec<(u32, u32)>,
    /// Size of the sharing image.
    pub share: (u32, u32),
    /// Size of the search thumbnail.
    pub thumbnail: (u32, u32),
}

/// The cache of one site.
pub struct PhotoCache {
    dir: PathBuf,
    fingerprint: String,
    index: Mutex<HashMap<String, Seen>>,
    used: Mutex<HashSet<String>>,
}

fn modified_ns(meta: &std::fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// The content hash of a file: 128 bits of xxh3, in hex.
pub fn hash_bytes(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

impl PhotoCache {
    /// Opens (or starts) the cache in `dir` for photos made with `settings`.
    /// Refuses a folder that is not ocop's (see [`claim_cache_dir`]).
    pub fn open(dir: &Path, settings: &PhotoSettings) -> std::io::Result<PhotoCache> {
        claim_cache_dir(dir)?;
        let dir = dir.join("photos");
        std::fs::create_dir_all(&dir)?;
        // A cache is never content: keep it out of git even without a .gitignore entry.
        let ignore = dir.parent().unwrap_or(&dir).join(".gitignore");
        if !ignore.exists() {
            let _ = std::fs::write(&ignore, "*\n");
        }
        let index = std::fs::read(dir.join("index.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        Ok(PhotoCache {
            dir,
            fingerprint: settings.fingerprint(),
            index: Mutex::new(index),
            used: Mutex::new(HashSet::new()),
        })
    }

    /// The key of a source file: from the index when its size and time are
    /// unchanged, else by hashing it (returning its bytes, which the caller
    /// will need to process it).
    pub fn key_of(&self, source: &Path, name: &str) -> std::io::Result<(String, Option<Vec<u8>>)> {
        let meta = std::fs::metadata(source)?;
        let (size, modified) = (meta.len(), modified_ns(&meta));
        let known = self
            .index
            .lock()
            .map_err(|_| std::io::Error::other("cache index poisoned"))?
            .get(name)
            .cloned();
        if let Some(seen) = known
            && seen.size == size
            && seen.modified_ns == modified
            && modified != 0
        {
            return Ok((self.key(&seen.hash), None));
        }
        let mut bytes = Vec::with_capacity(size as usize);
        std::fs::File::open(source)?
            .take(super::MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)?;
        let hash = hash_bytes(&bytes);
        let key = self.key(&hash);
        if let Ok(mut index) = self.index.lock() {
            index.insert(
                name.to_string(),
                Seen {
                    size,
                    modified_ns: modified,
                    hash,
                },
            );
        }
        Ok((key, Some(bytes)))
    }

    fn key(&self, content_hash: &str) -> String {
        hash_bytes(format!("{content_hash};{}", self.fingerprint).as_bytes())[..20].to_string()
    }

    /// The folder of a key's files.
    pub fn entry(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(key)
    }

    /// What the cache holds for `key`, if complete.
    pub fn meta(&self, key: &str) -> Option<Meta> {
        let bytes = std::fs::read(self.entry(key).join("meta.json")).ok()?;
        let meta = serde_json::from_slice(&bytes).ok()?;
        self.mark_used(key);
        Some(meta)
    }

    /// Records that this build uses `key` (for pruning).
    pub fn mark_used(&self, key: &str) {
        if let Ok(mut used) = self.used.lock() {
            used.insert(key.to_string());
        }
    }

    /// Stores a key's files, written into a temporary folder and renamed into
    /// place so that an interrupted build never leaves half an entry.
    pub fn store(&self, key: &str, files: &[(String, &[u8])], meta: &Meta) -> std::io::Result<()> {
        let entry = self.entry(key);
        let parent = entry.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(parent)?;
        static STORES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let serial = STORES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let temporary = parent.join(format!(".{key}.{}-{serial}.tmp", std::process::id()));
        if temporary.exists() {
            std::fs::remove_dir_all(&temporary)?;
        }
        std::fs::create_dir(&temporary)?;
        for (name, bytes) in files {
            std::fs::write(temporary.join(name), bytes)?;
        }
        std::fs::write(
            temporary.join("meta.json"),
            serde_json::to_vec(meta).map_err(std::io::Error::other)?,
        )?;
        if entry.exists() && !entry.join("meta.json").is_file() {
            // Not made by this cache (entries appear whole, by renaming): replace it.
            std::fs::remove_dir_all(&entry)?;
        }
        if let Err(error) = std::fs::rename(&temporary, &entry) {
            // Another build stored the same key meanwhile: its files are the
            // same (same content, same settings), so keep them.
            let _ = std::fs::remove_dir_all(&temporary);
            if !entry.join("meta.json").is_file() {
                return Err(error);
            }
        }
        self.mark_used(key);
        Ok(())
    }

    /// Writes the index of what was seen, dropping sources no longer used.
    pub fn save(&self, seen_sources: &HashSet<String>) -> std::io::Result<()> {
        let index = self
            .index
            .lock()
            .map_err(|_| std::io::Error::other("cache index poisoned"))?;
        let kept: HashMap<&String, &Seen> = index
            .iter()
            .filter(|(name, _)| seen_sources.contains(*name))
            .collect();
        let bytes = serde_json::to_vec(&kept).map_err(std::io::Error::other)?;
        let temporary = self.dir.join(format!(".index.{}.tmp", std::process::id()));
        std::fs::write(&temporary, bytes)?;
        std::fs::rename(temporary, self.dir.join("index.json"))
    }

    /// Deletes every entry this build did not use. Returns how many.
    pub fn prune(&self) -> std::io::Result<usize> {
        let used = self
            .used
            .lock()
            .map_err(|_| std::io::Error::other("cache poisoned"))?
            .clone();
        let mut removed = 0;
        // Only what the cache makes: folders named by a key, in folders
        // named by its first two digits; links and anything else stay.
        for shard in std::fs::read_dir(&self.dir)? {
            let shard = shard?;
            let shard_name = shard.file_name().to_string_lossy().into_owned();
            if !shard.file_type()?.is_dir() || !is_shard_name(&shard_name) {
                continue;
            }
            for entry in std::fs::read_dir(shard.path())? {
                let entry = entry?;
                let name = entry.file_name().to_string_lossy().into_owned();
                let is_key = name.len() == 20
                    && name.starts_with(&shard_name)
                    && name.bytes().all(|b| b.is_ascii_hexdigit());
                if is_key && entry.file_type()?.is_dir() && !used.contains(&name) {
                    std::fs::remove_dir_all(entry.path())?;
                    removed += 1;
                }
            }
        }
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reuses_the_hash_while_size_and_time_match() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("a.jpg");
        std::fs::write(&source, b"one").unwrap();
        let cache = PhotoCache::open(&dir.path().join("cache"), &PhotoSettings::default()).unwrap();
        let (key, bytes) = cache.key_of(&source, "a.jpg").unwrap();
        assert!(bytes.is_some(), "first sight reads the file");
        let (again, bytes) = cache.key_of(&source, "a.jpg").unwrap();
        assert_eq!(again, key);
        assert!(bytes.is_none(), "unchanged: not read again");
        std::fs::write(&source, b"two!").unwrap();
        let (changed, bytes) = cache.key_of(&source, "a.jpg").unwrap();
        assert_ne!(changed, key);
        assert!(bytes.is_some());
    }

    #[test]
    fn settings_are_part_of_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("a.jpg");
        std::fs::write(&source, b"one").unwrap();
        let a = PhotoCache::open(&dir.path().join("a"), &PhotoSettings::default()).unwrap();
        let b = PhotoCache::open(
            &dir.path().join("b"),
            &PhotoSettings {
                quality: 70,
                ..PhotoSettings::default()
            },
        )
        .unwrap();
        assert_ne!(
            a.key_of(&source, "a").unwrap().0,
            b.key_of(&source, "a").unwrap().0
        );
    }

    #[test]
    fn stores_and_prunes_entries() {
        let dir = tempfile::tempdir().unwrap();
        let cache = PhotoCache::open(dir.path(), &PhotoSettings::default()).unwrap();
        let meta = Meta {
            original: (10, 10),
            colour: [1, 2, 3],
            variants: vec![(10, 10)],
            share: (10, 5),
            thumbnail: (10, 10),
        };
        let key = "aa112233445566778899";
        cache.store(key, &[("10.jpg".into(), b"x")], &meta).unwrap();
        assert_eq!(cache.meta(key), Some(meta.clone()));
        // What the cache does not name as it names entries is not its own.
        std::fs::create_dir_all(dir.path().join("photos/aa/holiday")).unwrap();
        std::fs::create_dir_all(dir.path().join("photos/2024/x")).unwrap();
        let fresh = PhotoCache::open(dir.path(), &PhotoSettings::default()).unwrap();
        assert_eq!(fresh.prune().unwrap(), 1);
        assert!(fresh.meta(key).is_none());
        assert!(dir.path().join("photos/aa/holiday").is_dir());
        assert!(dir.path().join("photos/2024/x").is_dir());
    }

    #[test]
    fn uses_only_a_folder_that_is_empty_or_ocops() {
        let dir = tempfile::tempdir().unwrap();
        let settings = PhotoSettings::default();
        let home = dir.path().join("home");
        std::fs::create_dir_all(home.join("photos/holiday")).unwrap();
        std::fs::write(home.join("notes.txt"), b"mine").unwrap();
        let error = PhotoCache::open(&home, &settings).err().unwrap();
        assert!(error.to_string().contains("did not write"), "{error}");
        assert!(!home.join(CACHE_MARKER).exists(), "nothing written");
        assert!(!home.join(".gitignore").exists());
        // Another program's cache tag does not make it ocop's.
        let target = dir.path().join("target");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(
            target.join(CACHE_MARKER),
            format!("{TAG_SIGNATURE}\n# cargo\n"),
        )
        .unwrap();
        assert!(PhotoCache::open(&target, &settings).is_err());
        // New and empty folders are marked; a marked one is used again.
        let fresh = dir.path().join("fresh");
        PhotoCache::open(&fresh, &settings).unwrap();
        assert!(is_marked(&fresh));
        std::fs::write(fresh.join("extra.txt"), b"x").unwrap();
        PhotoCache::open(&fresh, &settings).unwrap();
        // A cache of an older ocop, without marker, is adopted.
        let older = dir.path().join("older");
        std::fs::create_dir_all(older.join("photos")).unwrap();
        std::fs::create_dir_all(older.join("search")).unwrap();
        std::fs::write(older.join("photos/index.json"), b"{}").unwrap();
        PhotoCache::open(&older, &settings).unwrap();
        assert!(is_marked(&older));
        // `ocop serve` makes its output in the cache before the first build.
        let served = dir.path().join("served");
        std::fs::create_dir_all(served.join("serve")).unwrap();
        PhotoCache::open(&served, &settings).unwrap();
        assert!(is_marked(&served));
    }
}
