//! The staging folder a build fills and swaps in.

use super::guard::{MARKER, MARKER_TEXT, marker_stamp};
use super::page_keys::{PageKeyFile, PageKeys, memory_name, target_tag};
use super::reuse::Reused;
use super::{OutputError, Sink, io_error, normalised, write_error};
use crate::cancel::Cancel;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// A folder being filled with the new site.
///
/// The folder is the site before last when one was kept (the "spare"): a
/// file whose bytes did not change is then left as it is, neither rewritten
/// nor deleted, and only files the new site lacks are removed at the swap.
/// On a slow disk, creating and deleting tens of thousands of files costs
/// more than the build itself; this also keeps unchanged pages' times, so
/// `rsync` and static hosts upload only what changed.
pub struct Staging {
    target: PathBuf,
    /// Checked before each file is written, and before the swap.
    cancel: Cancel,
    dir: PathBuf,
    committed: bool,
    files: AtomicUsize,
    bytes: AtomicU64,
    unchanged: AtomicUsize,
    /// What the reused folder held (relative path → size), and what this
    /// build put there; `None` for a fresh folder.
    reused: Option<Reused>,
    /// The key each page was rendered from, kept to skip rendering pages
    /// whose inputs did not change (see [`Staging::remember_pages`]).
    pages: Option<PageKeyFile>,
    /// Folders made (or found) so far: a site of 64,000 files asked the
    /// file system to make each file's folder again, tens of thousands of
    /// failed `mkdir` calls.
    folders: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
}
fn sibling(target: &Path, tag: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.ocop-{tag}-{}", std::process::id()))
}

/// Where the site before last is kept for the next build to reuse.
fn spare(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.ocop-spare"))
}

/// Left-overs of interrupted builds next to `target`: staging folders, and
/// previous sites moved aside just before a swap.
fn leftovers(target: &Path) -> Vec<PathBuf> {
    let Some(parent) = target.parent() else {
        return Vec::new();
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.ocop-");
    let keep = spare(target);
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            *p != keep
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
        })
        // A build killed between creating its staging folder and writing
        // the marker leaves an empty folder: ours too, and harmless to remove.
        .filter(|p| p.join(MARKER).is_file() || is_empty_dir(p))
        .collect();
    found.sort();
    found
}

fn is_empty_dir(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_none())
}
impl Staging {
    /// Prepares a staging folder for `target` (already checked with
    /// [`check_output`]). Recovers a previous site that an interrupted swap
    /// left aside, and clears left-overs of interrupted builds (or keeps
    /// one as the spare to reuse). Gives up with
    /// [`OutputError::Interrupted`] once `cancel` is cancelled.
    pub fn create(target: &Path, cancel: Cancel) -> Result<Staging, OutputError> {
        let spare = spare(target);
        for leftover in leftovers(target) {
            let was_old_site = leftover
                .file_name()
                .is_some_and(|n| n.to_string_lossy().contains(".ocop-old-"));
            if was_old_site && !target.exists() {
                std::fs::rename(&leftover, target).map_err(io_error(target))?;
            } else if spare.exists() || std::fs::rename(&leftover, &spare).is_err() {
                let _ = std::fs::remove_dir_all(&leftover);
            }
        }
        let dir = sibling(target, "staging");
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(write_error(target, parent))?;
        }
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(io_error(&dir))?;
        }
        // Another build may take the spare first: then this one starts
        // from an empty folder.
        let reused = spare.join(MARKER).is_file() && std::fs::rename(&spare, &dir).is_ok();
        let reused = if reused {
            let survey = Reused::survey(&dir).map_err(io_error(&dir))?;
            let _ = std::fs::remove_file(dir.join(MARKER));
            Some(survey)
        } else {
            std::fs::create_dir(&dir).map_err(write_error(target, &dir))?;
            None
        };
        std::fs::write(dir.join(MARKER), MARKER_TEXT).map_err(write_error(target, &dir))?;
        if let Some(reused) = &reused {
            reused.keep(MARKER);
        }
        Ok(Staging {
            target: target.to_path_buf(),
            cancel,
            dir,
            committed: false,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            unchanged: AtomicUsize::new(0),
            reused,
            pages: None,
            folders: Default::default(),
        })
    }

    /// Checks `relative`, notes it as part of the new site, and returns
    /// where it goes, its folders made; `None` when it already holds
    /// `bytes` (given for files written, rather than linked).
    fn place(&self, relative: &str, bytes: Option<&[u8]>) -> io::Result<Option<PathBuf>> {
        let relative = normalised(relative)?;
        let path = self.dir.join(&relative);
        if let Some(reused) = &self.reused {
            reused.keep(&relative);
            if let Some(bytes) = bytes
                && reused.holds(&relative, &path, bytes)
            {
                return Ok(None);
            }
            reused.clear(&self.dir, &relative, bytes.is_some())?;
        }
        if let Some(parent) = path.parent() {
            let known = self
                .folders
                .lock()
                .is_ok_and(|folders| folders.contains(parent));
            if !known {
                std::fs::create_dir_all(parent)?;
                if let Ok(mut folders) = self.folders.lock() {
                    folders.insert(parent.to_path_buf());
                }
            }
        }
        Ok(Some(path))
    }

    fn count(&self, bytes: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    /// Copies a file into the new site.
    pub fn copy(&self, relative: &str, source: &Path) -> Result<(), OutputError> {
        let bytes = std::fs::read(source).map_err(io_error(source))?;
        self.write(relative, &bytes)
    }

    /// The size of the file at `relative` when it is already a link to
    /// `source` (same file on the same disk), noted as kept.
    fn linked_already(&self, relative: &str, source: &Path) -> Option<u64> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let reused = self.reused.as_ref()?;
            let relative = normalised(relative).ok()?;
            reused.files.get(&relative)?;
            let here = std::fs::symlink_metadata(self.dir.join(&relative)).ok()?;
            let there = std::fs::metadata(source).ok()?;
            (here.is_file() && here.dev() == there.dev() && here.ino() == there.ino()).then(|| {
                reused.keep(&relative);
                here.len()
            })
        }
        #[cfg(not(unix))]
        {
            let _ = (relative, source);
            None
        }
    }

    /// Keeps the key each page is rendered from in `folder` (the cache),
    /// and loads those of the reused folder's pages, so that
    /// [`Staging::keep_rendered`] can skip pages whose key is unchanged.
    pub fn remember_pages(&mut self, folder: &Path) {
        let target_tag = target_tag(&self.target);
        let before = self
            .reused
            .as_ref()
            .and_then(|r| r.stamp)
            .and_then(|stamp| {
                std::fs::read_to_string(folder.join(memory_name(&target_tag, &stamp))).ok()
            })
            .map(|text| {
                text.lines()
                    .filter_map(|line| {
                        let mut parts = line.splitn(3, ' ');
                        let key = u128::from_str_radix(parts.next()?, 16).ok()?;
                        let size = parts.next()?.parse().ok()?;
                        Some((parts.next()?.to_string(), (key, size)))
                    })
                    .collect()
            })
            .unwrap_or_default();
        self.pages = Some(PageKeyFile {
            folder: folder.to_path_buf(),
            target_tag,
            before,
            now: std::sync::Mutex::new(Vec::new()),
        });
    }

    /// The key and size of every page of the new site so far, by file
    /// (empty unless [`Staging::remember_pages`] was called).
    pub fn page_keys(&self) -> PageKeys {
        self.pages
            .as_ref()
            .and_then(|pages| pages.now.lock().ok().map(|now| now.clone()))
            .unwrap_or_default()
            .into_iter()
            .map(|(file, key, size)| (file, (key, size)))
            .collect()
    }

    /// Files and bytes of the new site so far.
    pub fn written(&self) -> (usize, u64) {
        (
            self.files.load(Ordering::Relaxed),
            self.bytes.load(Ordering::Relaxed),
        )
    }

    /// Files of the new site found unchanged in the reused folder.
    pub fn unchanged(&self) -> usize {
        self.unchanged.load(Ordering::Relaxed)
    }

    /// Swaps the new site in place of the old one, which is kept as the
    /// spare for the next build.
    pub fn commit(mut self) -> Result<(), OutputError> {
        if self.cancel.is_cancelled() {
            return Err(OutputError::Interrupted);
        }
        if let Some(reused) = self.reused.take() {
            reused.sweep(&self.dir).map_err(io_error(&self.dir))?;
        }
        let old = sibling(&self.target, "old");
        let had_old = self.target.exists();
        // The site being replaced becomes the spare: its page memory stays.
        let previous = marker_stamp(&self.target);
        if had_old
            && super::swap::exchange(&self.dir, &self.target)
                .map_err(write_error(&self.target, &self.target))?
        {
            // The old site is where the new one was built.
            self.committed = true;
            if let Some(pages) = self.pages.take() {
                pages.save(marker_stamp(&self.target), previous);
            }
            if std::fs::rename(&self.dir, spare(&self.target)).is_err() {
                std::fs::remove_dir_all(&self.dir).map_err(io_error(&self.dir))?;
            }
            return Ok(());
        }
        if had_old {
            std::fs::rename(&self.target, &old).map_err(write_error(&self.target, &self.target))?;
        }
        if let Err(source) = std::fs::rename(&self.dir, &self.target) {
            if had_old {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(OutputError::Io {
                path: self.target.clone(),
                source,
            });
        }
        self.committed = true;
        if let Some(pages) = self.pages.take() {
            pages.save(marker_stamp(&self.target), previous);
        }
        if had_old && std::fs::rename(&old, spare(&self.target)).is_err() {
            std::fs::remove_dir_all(&old).map_err(io_error(&old))?;
        }
        Ok(())
    }
}
impl Sink for Staging {
    /// Writes a file of the new site (path relative to the site root).
    fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), OutputError> {
        if self.cancel.is_cancelled() {
            return Err(OutputError::Interrupted);
        }
        let place = self
            .place(relative, Some(bytes))
            .map_err(write_error(&self.target, Path::new(relative)))?;
        match place {
            Some(path) => std::fs::write(&path, bytes).map_err(write_error(&self.target, &path))?,
            None => {
                self.unchanged.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.count(bytes.len() as u64);
        Ok(())
    }

    /// Puts a file of the cache into the new site: a hard link, which costs
    /// no copy and no space, or a copy when the two are on different disks.
    fn link(&self, relative: &str, source: &Path) -> Result<(), OutputError> {
        if self.cancel.is_cancelled() {
            return Err(OutputError::Interrupted);
        }
        if let Some(size) = self.linked_already(relative, source) {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            self.count(size);
            return Ok(());
        }
        let path = self
            .place(relative, None)
            .map_err(write_error(&self.target, Path::new(relative)))?
            .ok_or_else(|| io_error(Path::new(relative))(io::Error::other("no place")))?;
        let size = match std::fs::hard_link(source, &path) {
            Ok(()) => std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => return Ok(()),
            Err(_) => std::fs::copy(source, &path).map_err(write_error(&self.target, &path))?,
        };
        self.count(size);
        Ok(())
    }

    /// Keeps the page at `relative` as the reused folder has it when it was
    /// rendered from the same `key`; false when it must be rendered.
    fn keep_rendered(&self, relative: &str, key: u128) -> bool {
        let (Some(pages), Some(reused)) = (&self.pages, &self.reused) else {
            return false;
        };
        let Ok(relative) = normalised(relative) else {
            return false;
        };
        let Some(&size) = reused.files.get(&relative) else {
            return false;
        };
        // The size guards against a page changed by hand since.
        if pages.before.get(&relative) != Some(&(key, size)) {
            return false;
        }
        reused.keep(&relative);
        pages.note(&relative, key, size);
        self.unchanged.fetch_add(1, Ordering::Relaxed);
        self.count(size);
        true
    }

    /// Writes a page rendered from `key`.
    fn write_rendered(&self, relative: &str, bytes: &[u8], key: u128) -> Result<(), OutputError> {
        self.write(relative, bytes)?;
        if let (Some(pages), Ok(relative)) = (&self.pages, normalised(relative)) {
            pages.note(&relative, key, bytes.len() as u64);
        }
        Ok(())
    }

    /// Nothing to do: a file the new site does not write is not in it.
    fn remove(&self, _relative: &str) -> Result<(), OutputError> {
        Ok(())
    }

    /// The staging folder.
    fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // What was written is as good a start as the spare for the
            // next build, and cheaper to keep than to delete.
            let spare = spare(&self.target);
            if spare.exists() || std::fs::rename(&self.dir, &spare).is_err() {
                let _ = std::fs::remove_dir_all(&self.dir);
            }
        }
    }
}

#[cfg(test)]
#[path = "staging_tests.rs"]
mod tests;
