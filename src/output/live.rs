//! The site `ocop serve` serves, changed file by file after an edit.

use super::guard::{MARKER, marker_stamp};
use super::page_keys::{PageKeyFile, PageKeys, memory_name, target_tag};
use super::{OutputError, Sink, io_error, normalised, only_link};
use std::io;
use std::path::{Path, PathBuf};

/// Changes a site already in place, file by file (`ocop serve` after an
/// edit, while no request is served).
pub struct Live {
    target: PathBuf,
}

impl Live {
    /// The site at `target`, which must be one a build made: it carries
    /// the marker.
    pub fn open(target: &Path) -> Result<Live, OutputError> {
        if !target.join(MARKER).is_file() {
            return Err(OutputError::Refused {
                path: target.to_path_buf(),
                reason: "it is not a site that ocop built".into(),
            });
        }
        Ok(Live {
            target: target.to_path_buf(),
        })
    }

    /// Where `relative` goes, its folders made. Nothing in a built site
    /// is a link (a reused folder is cleared of them), so no write can
    /// follow one out.
    fn place(&self, relative: &str) -> Result<PathBuf, OutputError> {
        let relative = normalised(relative).map_err(io_error(Path::new(relative)))?;
        let path = self.target.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        Ok(path)
    }

    /// A name beside `path` to write to first.
    fn temporary(path: &Path) -> PathBuf {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        path.with_file_name(format!(".{name}.ocop-new-{}", std::process::id()))
    }

    /// Forgets the page memory of the site in `folder` (the cache) before
    /// its pages change: a memory that no longer matches the files would
    /// let the next whole build keep a page of the same key and size but
    /// older contents (a count of products that went from 2 to 1, say).
    /// [`Live::remember_pages`] writes it again once the edit is done.
    pub fn forget_pages(&self, folder: &Path) {
        if let Some(stamp) = marker_stamp(&self.target) {
            let name = memory_name(&target_tag(&self.target), &stamp);
            let _ = std::fs::remove_file(folder.join(name));
        }
    }

    /// Keeps `keys`, those of the site's pages now, as its page memory in
    /// `folder` (the cache), for the build that reuses this site.
    pub fn remember_pages(&self, folder: &Path, keys: &PageKeys) {
        let Some(stamp) = marker_stamp(&self.target) else {
            return;
        };
        let memory = PageKeyFile {
            folder: folder.to_path_buf(),
            target_tag: target_tag(&self.target),
            before: Default::default(),
            now: std::sync::Mutex::new(
                keys.iter()
                    .map(|(file, &(key, size))| (file.clone(), key, size))
                    .collect(),
            ),
        };
        memory.write(&stamp);
    }
}

impl Sink for Live {
    /// Writes `bytes` at `relative`. A file with no other link (a page)
    /// is rewritten where it is: replacing it deletes a file, which on a
    /// disk with online discard stalled an edit's writes by a third of a
    /// second. Its size changes last, and the page memory notes sizes, so
    /// a page cut short by a crash is not taken for one rendered.
    fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.place(relative)?;
        if let Ok(meta) = path.symlink_metadata()
            && meta.is_file()
            && only_link(&meta)
        {
            use std::io::Write;
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(&path)
                .map_err(io_error(&path))?;
            file.write_all(bytes).map_err(io_error(&path))?;
            return file.set_len(bytes.len() as u64).map_err(io_error(&path));
        }
        let temporary = Self::temporary(&path);
        std::fs::write(&temporary, bytes).map_err(io_error(&temporary))?;
        std::fs::rename(&temporary, &path).map_err(|source| {
            let _ = std::fs::remove_file(&temporary);
            io_error(&path)(source)
        })
    }

    /// Puts the cache's file `source` at `relative`, as [`Staging::link`]
    /// does, unless it is there already.
    fn link(&self, relative: &str, source: &Path) -> Result<(), OutputError> {
        let path = self.place(relative)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if let (Ok(here), Ok(there)) = (std::fs::symlink_metadata(&path), source.metadata())
                && here.dev() == there.dev()
                && here.ino() == there.ino()
            {
                return Ok(());
            }
        }
        let temporary = Self::temporary(&path);
        let _ = std::fs::remove_file(&temporary);
        if std::fs::hard_link(source, &temporary).is_err() {
            std::fs::copy(source, &temporary).map_err(io_error(source))?;
        }
        std::fs::rename(&temporary, &path).map_err(|source| {
            let _ = std::fs::remove_file(&temporary);
            io_error(&path)(source)
        })
    }

    /// Removes the file at `relative`, if there is one.
    fn remove(&self, relative: &str) -> Result<(), OutputError> {
        let path = self.place(relative)?;
        match std::fs::remove_file(&path) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(io_error(&path)(error)),
            _ => Ok(()),
        }
    }

    fn write_rendered(&self, relative: &str, bytes: &[u8], _key: u128) -> Result<(), OutputError> {
        self.write(relative, bytes)
    }

    /// False: an edit's pages are chosen by their keys before rendering,
    /// and only those whose key changed are rendered.
    fn keep_rendered(&self, _relative: &str, _key: u128) -> bool {
        false
    }

    fn dir(&self) -> &Path {
        &self.target
    }
}
