//! The site before last, kept beside the output and reused by the next
//! build: files whose bytes did not change stay as they are.

use super::guard::marker_stamp;
use super::{MarkerStamp, only_link};
use std::io;
use std::path::Path;

pub(super) struct Reused {
    /// The marker of the reused folder, naming its page memory.
    pub(super) stamp: Option<MarkerStamp>,
    pub(super) files: std::collections::HashMap<String, u64>,
    pub(super) folders: Vec<String>,
    pub(super) kept: std::sync::Mutex<std::collections::HashSet<String>>,
}
impl Reused {
    /// Takes stock of a reused folder. Anything but files and folders (a
    /// symbolic link someone put in the published site) is removed first,
    /// so that no write can follow it out of the folder.
    pub(super) fn survey(dir: &Path) -> io::Result<Reused> {
        let mut files = std::collections::HashMap::new();
        let mut folders = Vec::new();
        for entry in walkdir::WalkDir::new(dir).min_depth(1) {
            let entry = entry.map_err(io::Error::other)?;
            let relative = entry
                .path()
                .strip_prefix(dir)
                .map_err(io::Error::other)?
                .to_string_lossy()
                .replace('\\', "/");
            let kind = entry.file_type();
            if kind.is_dir() {
                folders.push(relative);
            } else if kind.is_file() {
                let size = entry.metadata().map_err(io::Error::other)?.len();
                files.insert(relative, size);
            } else {
                std::fs::remove_file(entry.path())?;
            }
        }
        Ok(Reused {
            stamp: marker_stamp(dir),
            files,
            folders,
            kept: std::sync::Mutex::new(std::collections::HashSet::new()),
        })
    }

    pub(super) fn keep(&self, relative: &str) {
        if let Ok(mut kept) = self.kept.lock() {
            kept.insert(relative.to_string());
        }
    }

    /// Whether `path` (at `relative`) already holds exactly `bytes`.
    pub(super) fn holds(&self, relative: &str, path: &Path, bytes: &[u8]) -> bool {
        self.files.get(relative) == Some(&(bytes.len() as u64))
            && std::fs::read(path).is_ok_and(|old| old == bytes)
    }

    /// Clears the way for a new file at `relative`: a folder where the file
    /// goes, or a file where one of its folders goes, left by the old site.
    /// An existing file is removed, because it may be a hard link into the
    /// cache, unless `overwrite` and it has no other link: then it is
    /// rewritten in place, which on a slow disk costs far less than
    /// deleting a file and making another (a new theme or ocop rewrites
    /// every page).
    pub(super) fn clear(&self, dir: &Path, relative: &str, overwrite: bool) -> io::Result<()> {
        let mut prefix = String::new();
        for part in relative.split('/') {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(part);
            if prefix.len() < relative.len() && self.files.contains_key(&prefix) {
                let _ = std::fs::remove_file(dir.join(&prefix));
            }
        }
        let path = dir.join(relative);
        match path.symlink_metadata() {
            Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(&path),
            Ok(meta) if overwrite && meta.is_file() && only_link(&meta) => Ok(()),
            Ok(_) => std::fs::remove_file(&path),
            Err(_) => Ok(()),
        }
    }

    /// Removes what the old site had and the new one lacks.
    pub(super) fn sweep(self, dir: &Path) -> io::Result<()> {
        let kept = self.kept.into_inner().unwrap_or_default();
        for relative in self.files.keys().filter(|r| !kept.contains(*r)) {
            let path = dir.join(relative);
            // Gone, or now a folder of the new site.
            let Ok(meta) = path.symlink_metadata() else {
                continue;
            };
            if !meta.is_dir() {
                std::fs::remove_file(&path)?;
            }
        }
        // Deepest first, so that a folder emptied by the removal of its
        // sub-folders goes too; a folder still in use is not empty.
        let mut folders = self.folders;
        folders.sort_by_key(|f| std::cmp::Reverse(f.matches('/').count()));
        for folder in folders {
            let _ = std::fs::remove_dir(dir.join(folder));
        }
        Ok(())
    }
}
