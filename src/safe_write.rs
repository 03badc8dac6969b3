//! Writing content files (`ocop import`, `ocop new`) so that a symbolic
//! link in the site can never make them write elsewhere, and a failure
//! never leaves half a file.
//!
//! Content arrives through pull requests, and git stores symbolic links: a
//! `producer.yaml` that is a link to `~/.bashrc` looks like any other file
//! in a diff listing. Every folder and file on the way from the site root
//! is therefore looked at without following links, and a link is refused.
//! The bytes go into a temporary file of the same folder, renamed into
//! place: a rename replaces a directory entry (a link left there by a race
//! included) and never writes through it.

use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The message of a refused link; tests and users look for these words.
pub const LINKS_NOT_ALLOWED: &str = "symbolic links are not allowed";

/// Whether `error` is the refusal of a symbolic link.
pub fn is_link_refusal(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::InvalidInput && error.to_string().contains(LINKS_NOT_ALLOWED)
}

/// Fails when `relative` (a path under `root`, which is trusted) or any
/// folder on the way to it is a symbolic link. Parts that do not exist yet
/// are fine: they will be made as real folders.
pub fn refuse_links(root: &Path, relative: &Path) -> io::Result<()> {
    let mut path = root.to_path_buf();
    for component in relative.components() {
        match component {
            Component::Normal(part) => path.push(part),
            Component::CurDir => continue,
            _ => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("{} leads outside the site", relative.display()),
                ));
            }
        }
        match path.symlink_metadata() {
            Ok(meta) if meta.file_type().is_symlink() => {
                let shown = path.strip_prefix(root).unwrap_or(&path);
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!(
                        "{} is a symbolic link; {LINKS_NOT_ALLOWED}: replace it by the real file or folder",
                        shown.display()
                    ),
                ));
            }
            Ok(_) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

/// How a file is put in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Replace what is there.
    Replace,
    /// Fail with [`io::ErrorKind::AlreadyExists`] when the file exists,
    /// checked and created in one step.
    CreateNew,
}

/// Writes `bytes` to `root/relative`: links refused (see [`refuse_links`]),
/// folders made, the file written whole under a temporary name in its
/// folder and renamed into place.
pub fn write_file(root: &Path, relative: &Path, bytes: &[u8], mode: Mode) -> io::Result<()> {
    refuse_links(root, relative)?;
    let path = root.join(relative);
    let Some(folder) = path.parent() else {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "no folder"));
    };
    std::fs::create_dir_all(folder)?;
    // A folder made just now by someone else could be a link: look again.
    refuse_links(root, relative)?;
    let temporary = write_temporary(folder, &path, bytes)?;
    let placed = match mode {
        Mode::Replace => std::fs::rename(&temporary, &path),
        // A hard link fails when the name is taken, so two commands run at
        // once cannot both create the file.
        Mode::CreateNew => std::fs::hard_link(&temporary, &path).or_else(|error| {
            if error.kind() == io::ErrorKind::AlreadyExists || path.symlink_metadata().is_ok() {
                Err(io::Error::from(io::ErrorKind::AlreadyExists))
            } else {
                // Where the disk has no hard links: checked, then renamed.
                std::fs::rename(&temporary, &path)
            }
        }),
    };
    let _ = std::fs::remove_file(&temporary);
    placed
}

/// A new file in `folder` holding `bytes`, named after `path`.
fn write_temporary(folder: &Path, path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    static SERIAL: AtomicUsize = AtomicUsize::new(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    loop {
        let serial = SERIAL.fetch_add(1, Ordering::Relaxed);
        let temporary = folder.join(format!(".{name}.{}-{serial}.tmp", std::process::id()));
        // `create_new` never opens what is there, a link included.
        let mut file = match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
        {
            Ok(file) => file,
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        };
        let written = file.write_all(bytes).and_then(|()| file.flush());
        if let Err(error) = written {
            drop(file);
            let _ = std::fs::remove_file(&temporary);
            return Err(error);
        }
        return Ok(temporary);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_files_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let relative = Path::new("content/a/b.yaml");
        write_file(dir.path(), relative, b"one", Mode::CreateNew).unwrap();
        let error = write_file(dir.path(), relative, b"two", Mode::CreateNew).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(dir.path().join(relative)).unwrap(), b"one");
        write_file(dir.path(), relative, b"three", Mode::Replace).unwrap();
        assert_eq!(std::fs::read(dir.path().join(relative)).unwrap(), b"three");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("content/a"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["b.yaml"]);
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("x.yaml"), b"mine").unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::os::unix::fs::symlink(outside.join("x.yaml"), root.join("content/file.yaml")).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("content/folder")).unwrap();
        for relative in ["content/file.yaml", "content/folder/x.yaml"] {
            let error = write_file(&root, Path::new(relative), b"evil", Mode::Replace).unwrap_err();
            assert!(is_link_refusal(&error), "{error}");
        }
        assert_eq!(std::fs::read(outside.join("x.yaml")).unwrap(), b"mine");
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 1);
    }
}
