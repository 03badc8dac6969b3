//! Whether a build would write exactly the site that is already there.
//!
//! A build reads the content folder, the theme, the options and the clock
//! (certificates expire) and, for page dates, git history; given the same
//! inputs it writes the same bytes. So, as make and cargo do, a build first
//! takes a fingerprint of those inputs — names, sizes and modification times,
//! never file contents, so it costs a directory walk — and when it matches the
//! one recorded by the build that wrote the current output, and that output
//! is still the folder that build left, there is nothing to do.
//!
//! The record lives in the cache folder, never in the output: the output
//! must stay byte-identical for identical content, and a fingerprint holds
//! modification times.

use crate::output::{MarkerStamp, marker_stamp};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::Xxh3;

/// What the last build of an output folder recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The fingerprint of the inputs of that build.
    pub fingerprint: String,
    /// Identity of the output's marker file when that build finished:
    /// another build, or a person, replacing the folder changes it.
    pub marker: MarkerStamp,
    /// What that build made, to report again.
    pub figures: BuildFigures,
}

/// The figures of a build, repeated when it is found up to date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildFigures {
    /// Products published.
    pub products: usize,
    /// Producers published.
    pub producers: usize,
    /// Provinces with products.
    pub provinces: usize,
    /// Pages rendered.
    pub pages: usize,
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Warnings reported.
    pub warnings: usize,
}

/// Everything besides files that a build's output depends on.
#[derive(Debug, Clone)]
pub struct Settings<'a> {
    /// The output folder.
    pub output: &'a Path,
    /// `--base-url`, if given.
    pub base_url: Option<&'a str>,
    /// The day certificates are checked against.
    pub today: String,
    /// The theme folder (`None`: the theme built into ocop).
    pub theme: Option<&'a Path>,
}

/// The fingerprint of a build of the site at `root` with `settings`.
pub fn fingerprint(root: &Path, settings: &Settings<'_>) -> String {
    let mut hash = Xxh3::new();
    put(&mut hash, &binary_stamp());
    put(&mut hash, &settings.output.to_string_lossy());
    put(&mut hash, settings.base_url.unwrap_or("-"));
    put(&mut hash, &settings.today);
    put(&mut hash, &git_head(root).unwrap_or_default());
    let mut dirs = vec![root.join("content")];
    dirs.extend(settings.theme.map(Path::to_path_buf));
    for dir in dirs {
        put(&mut hash, &dir.to_string_lossy());
        stamp_folder(&mut hash, &dir);
    }
    format!("{:032x}", hash.digest128())
}

/// Feeds `text` to `hash`, ended so that no two texts run together.
fn put(hash: &mut Xxh3, text: &str) {
    hash.update(text.as_bytes());
    hash.update(&[0]);
}

/// Stamps `dir` and everything in it, in name order, without following
/// links. The folders two levels down (a producer's, under
/// `content/producers/`) are stamped in parallel, each on its own, and
/// their stamps taken in order: one after the other, the 30,000 files of
/// the national catalogue took a third of a second, all of a no-op
/// rebuild. Entries are read with the `stat` of their folder's handle
/// (`DirEntry::metadata`), not by their whole path.
fn stamp_folder(hash: &mut Xxh3, dir: &Path) {
    match std::fs::symlink_metadata(dir) {
        Ok(meta) => stamp(hash, Path::new(""), &meta),
        Err(error) => put(hash, &format!("unreadable {error}")),
    }
    let Some(top) = entries(hash, dir) else {
        return;
    };
    for entry in top {
        stamp_entry(hash, dir, &entry);
        if !is_folder(&entry) {
            continue;
        }
        let Some(inner) = entries(hash, &entry.path()) else {
            continue;
        };
        let stamps: Vec<u128> = inner
            .par_iter()
            .map(|entry| {
                let mut hash = Xxh3::new();
                stamp_entry(&mut hash, dir, entry);
                if is_folder(entry) {
                    stamp_tree(&mut hash, dir, &entry.path());
                }
                hash.digest128()
            })
            .collect();
        for stamp in stamps {
            hash.update(&stamp.to_le_bytes());
        }
    }
}

/// Stamps what is inside `folder`, depth first, in name order.
fn stamp_tree(hash: &mut Xxh3, base: &Path, folder: &Path) {
    for entry in entries(hash, folder).unwrap_or_default() {
        stamp_entry(hash, base, &entry);
        if is_folder(&entry) {
            stamp_tree(hash, base, &entry.path());
        }
    }
}

/// The entries of `folder` sorted by name; a folder that cannot be read
/// is stamped as such (the build reports it).
fn entries(hash: &mut Xxh3, folder: &Path) -> Option<Vec<std::fs::DirEntry>> {
    let read = std::fs::read_dir(folder).and_then(|list| list.collect::<Result<Vec<_>, _>>());
    match read {
        Ok(mut list) => {
            list.sort_by_key(std::fs::DirEntry::file_name);
            Some(list)
        }
        Err(error) => {
            put(hash, &format!("unreadable {}: {error}", folder.display()));
            None
        }
    }
}

/// Whether `entry` is a folder itself (a link to one is not followed).
fn is_folder(entry: &std::fs::DirEntry) -> bool {
    entry.file_type().is_ok_and(|t| t.is_dir())
}

/// Feeds one entry to `hash`: its path below `base`, its stamp, where it
/// links to.
fn stamp_entry(hash: &mut Xxh3, base: &Path, entry: &std::fs::DirEntry) {
    let path = entry.path();
    let relative = path.strip_prefix(base).unwrap_or(&path);
    match entry.metadata() {
        Ok(meta) => {
            stamp(hash, relative, &meta);
            if meta.file_type().is_symlink()
                && let Ok(target) = std::fs::read_link(&path)
            {
                put(hash, &target.to_string_lossy());
            }
        }
        Err(error) => put(hash, &format!("unreadable {}: {error}", relative.display())),
    }
}

/// Feeds a path and its stamp (kind, size, modification time) to `hash`.
fn stamp(hash: &mut Xxh3, relative: &Path, meta: &std::fs::Metadata) {
    hash.update(relative.as_os_str().as_encoded_bytes());
    let kind: u8 = if meta.is_dir() {
        1
    } else if meta.file_type().is_symlink() {
        2
    } else if meta.is_file() {
        3
    } else {
        4
    };
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    hash.update(&[0, kind]);
    hash.update(&meta.len().to_le_bytes());
    hash.update(&modified.to_le_bytes());
}

/// The version and file stamp of the running `ocop`: a rebuilt ocop of the
/// same version may render differently.
pub(crate) fn binary_stamp() -> String {
    let file = std::env::current_exe()
        .ok()
        .and_then(|exe| std::fs::metadata(exe).ok())
        .map(|m| stamp_of(&m))
        .unwrap_or_default();
    format!("{} {file}", env!("CARGO_PKG_VERSION"))
}

fn stamp_of(meta: &std::fs::Metadata) -> String {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("{:?}:{}:{modified}", meta.file_type(), meta.len())
}

/// The commit checked out, which page dates come from.
fn git_head(root: &Path) -> Option<String> {
    crate::git::git(root, &["rev-parse", "HEAD"]).map(|h| h.trim().to_string())
}

/// Where the record of builds into `output` is kept.
pub fn record_path(cache_dir: &Path, output: &Path) -> PathBuf {
    let key = xxhash_rust::xxh3::xxh3_64(output.to_string_lossy().as_bytes());
    cache_dir.join("builds").join(format!("{key:016x}.json"))
}

/// The record of the last build into `output`, if it is still true: the
/// output is the folder that build left.
pub fn current(cache_dir: &Path, output: &Path) -> Option<Record> {
    let text = std::fs::read_to_string(record_path(cache_dir, output)).ok()?;
    let record: Record = serde_json::from_str(&text).ok()?;
    (marker_stamp(output) == Some(record.marker)).then_some(record)
}

/// Records a finished build. Failing to record only costs the next build
/// its shortcut, so errors are ignored.
pub fn remember(cache_dir: &Path, output: &Path, fingerprint: String, figures: BuildFigures) {
    let Some(marker) = marker_stamp(output) else {
        return;
    };
    let record = Record {
        fingerprint,
        marker,
        figures,
    };
    let path = record_path(cache_dir, output);
    let Ok(json) = serde_json::to_string(&record) else {
        return;
    };
    if let Some(parent) = path.parent()
        && std::fs::create_dir_all(parent).is_ok()
    {
        let temporary = path.with_extension(format!("{}.tmp", std::process::id()));
        if std::fs::write(&temporary, json).is_ok() && std::fs::rename(&temporary, &path).is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
    }
}

/// Forgets the last build into `output`, before the folder is replaced.
pub fn forget(cache_dir: &Path, output: &Path) {
    let _ = std::fs::remove_file(record_path(cache_dir, output));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/producers/a")).unwrap();
        std::fs::write(dir.path().join("content/site.yaml"), "title: T\n").unwrap();
        std::fs::write(dir.path().join("content/producers/a/producer.yaml"), "x").unwrap();
        dir
    }

    fn settings(output: &Path) -> Settings<'_> {
        Settings {
            output,
            base_url: None,
            today: "2026-11-26".into(),
            theme: None,
        }
    }

    #[test]
    fn the_same_inputs_give_the_same_fingerprint() {
        let dir = site();
        let output = dir.path().join("public");
        assert_eq!(
            fingerprint(dir.path(), &settings(&output)),
            fingerprint(dir.path(), &settings(&output))
        );
    }

    #[test]
    fn any_input_changes_the_fingerprint() {
        let dir = site();
        let output = dir.path().join("public");
        let before = fingerprint(dir.path(), &settings(&output));
        let other_day = Settings {
            today: "2026-11-27".into(),
            ..settings(&output)
        };
        assert_ne!(fingerprint(dir.path(), &other_day), before);
        let base = Settings {
            base_url: Some("https://x.vn/"),
            ..settings(&output)
        };
        assert_ne!(fingerprint(dir.path(), &base), before);
        // Same size, same second: only the new name differs.
        std::fs::write(dir.path().join("content/producers/a/b.yaml"), "").unwrap();
        let added = fingerprint(dir.path(), &settings(&output));
        assert_ne!(added, before);
        std::fs::write(dir.path().join("content/producers/a/producer.yaml"), "xy").unwrap();
        let changed = fingerprint(dir.path(), &settings(&output));
        assert_ne!(changed, added);
        // Deeper in a producer's folder (stamped apart from the rest).
        std::fs::create_dir_all(dir.path().join("content/producers/a/products")).unwrap();
        let folder = fingerprint(dir.path(), &settings(&output));
        assert_ne!(folder, changed);
        std::fs::write(dir.path().join("content/producers/a/products/p.yaml"), "x").unwrap();
        let product = fingerprint(dir.path(), &settings(&output));
        assert_ne!(product, folder);
        std::fs::write(dir.path().join("content/producers/a/products/p.yaml"), "xy").unwrap();
        assert_ne!(fingerprint(dir.path(), &settings(&output)), product);
        // The same files in another producer's folder are another site.
        std::fs::create_dir_all(dir.path().join("content/producers/b")).unwrap();
        std::fs::rename(
            dir.path().join("content/producers/a/products"),
            dir.path().join("content/producers/b/products"),
        )
        .unwrap();
        assert_ne!(fingerprint(dir.path(), &settings(&output)), product);
    }

    #[test]
    fn a_record_holds_only_while_the_output_is_the_one_recorded() {
        let dir = site();
        let cache = dir.path().join(".ocop-cache");
        let output = dir.path().join("public");
        std::fs::create_dir_all(&output).unwrap();
        assert!(current(&cache, &output).is_none());
        remember(&cache, &output, "f".into(), BuildFigures::default());
        assert!(current(&cache, &output).is_none(), "no marker, no record");
        std::fs::write(output.join(crate::output::MARKER), "m").unwrap();
        remember(&cache, &output, "f".into(), BuildFigures::default());
        assert_eq!(current(&cache, &output).unwrap().fingerprint, "f");
        // Another folder in its place (as a swap makes) is not the one recorded.
        // (A new file may reuse the inode and, within a clock tick, the
        // time: the other folder's marker was made at another time.)
        std::fs::remove_file(output.join(crate::output::MARKER)).unwrap();
        std::fs::write(output.join(crate::output::MARKER), "m").unwrap();
        std::fs::File::options()
            .write(true)
            .open(output.join(crate::output::MARKER))
            .unwrap()
            .set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000))
            .unwrap();
        assert!(current(&cache, &output).is_none());
        remember(&cache, &output, "g".into(), BuildFigures::default());
        forget(&cache, &output);
        assert!(current(&cache, &output).is_none());
    }
}
