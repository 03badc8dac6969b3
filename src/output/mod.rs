//! The last stage: writing the site without ever losing the previous one.
//!
//! Pages are written into a staging folder next to the output folder. Only
//! when everything succeeded is the staging folder swapped in; a failed or
//! interrupted build leaves the previous site as it was. The output folder
//! is replaced only when it is empty or carries the marker a previous build
//! left, so a mistyped `--output` cannot delete a folder of the user's files.

use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

/// Set when the user asked the build to stop (Ctrl-C, SIGTERM): stages
/// check it between units of work and give up, so the staging folder is
/// removed and the previous site stays as it was.
static STOP: AtomicBool = AtomicBool::new(false);

/// Asks every running stage to stop at its next check.
pub fn request_stop() {
    STOP.store(true, Ordering::SeqCst);
}

/// Whether a stop was asked for.
pub fn stop_requested() -> bool {
    STOP.load(Ordering::Relaxed)
}

/// The file that marks a folder as made by `ocop build`.
pub const MARKER: &str = ".ocop-build";
const MARKER_TEXT: &str =
    "This folder was written by `ocop build` and is replaced by each build.\n";

/// Why the output folder cannot be used or written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output would replace something that is not a previous build.
    #[error("refusing to write the site into {path}: {reason}")]
    Refused {
        /// The output folder.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The build was asked to stop before the new site was complete.
    #[error("interrupted; the previous site was left as it was")]
    Interrupted,
    /// A file system operation failed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// What was being written.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Makes `path` absolute and free of `.` and `..` without requiring it to exist.
fn absolute(path: &Path) -> io::Result<PathBuf> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    // Resolve symbolic links in the part that exists, so comparisons below
    // see through them.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_os_string()),
            None => break,
        }
        existing.pop();
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

/// Checks that `output` may be replaced by a build of the site at `root`.
pub fn check_output(output: &Path, root: &Path) -> Result<PathBuf, OutputError> {
    let refuse = |reason: &str| OutputError::Refused {
        path: output.to_path_buf(),
        reason: reason.to_string(),
    };
    let path = absolute(output).map_err(io_error(output))?;
    let root = absolute(root).map_err(io_error(root))?;
    if path.parent().is_none() {
        return Err(refuse("it is the root of the file system"));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolute(&home).is_ok_and(|home| home == path)
    {
        return Err(refuse("it is your home folder"));
    }
    if root.starts_with(&path) {
        return Err(refuse(
            "it holds the site's own files (content/); choose a folder such as public/",
        ));
    }
    for protected in ["content", "themes", ".git"] {
        if path.starts_with(root.join(protected)) {
            return Err(refuse(&format!(
                "it is inside the site's {protected}/ folder"
            )));
        }
    }
    match path.symlink_metadata() {
        Err(_) => Ok(path),
        Ok(meta) if meta.file_type().is_symlink() => Err(refuse("it is a symbolic link")),
        Ok(meta) if !meta.is_dir() => Err(refuse("it is a file, not a folder")),
        Ok(_) => {
            let empty = std::fs::read_dir(&path)
                .map_err(io_error(&path))?
                .next()
                .is_none();
            if empty || path.join(MARKER).is_file() {
                Ok(path)
            } else {
                Err(refuse(&format!(
                    "it holds files that a previous `ocop build` did not write (no {MARKER} marker); \
                     empty it or choose another folder"
                )))
            }
        }
    }
}

/// A folder being filled with the new site.
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    committed: bool,
    files: AtomicUsize,
    bytes: AtomicU64,
}

fn sibling(target: &Path, tag: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.ocop-{tag}-{}", std::process::id()))
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
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
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
    /// left aside, and clears left-overs of interrupted builds.
    pub fn create(target: &Path) -> Result<Staging, OutputError> {
        for leftover in leftovers(target) {
            let was_old_site = leftover
                .file_name()
                .is_some_and(|n| n.to_string_lossy().contains(".ocop-old-"));
            if was_old_site && !target.exists() {
                std::fs::rename(&leftover, target).map_err(io_error(target))?;
            } else {
                let _ = std::fs::remove_dir_all(&leftover);
            }
        }
        let dir = sibling(target, "staging");
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(io_error(&dir))?;
        }
        std::fs::create_dir(&dir).map_err(io_error(&dir))?;
        std::fs::write(dir.join(MARKER), MARKER_TEXT).map_err(io_error(&dir))?;
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            committed: false,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
        })
    }

    fn place(&self, relative: &str) -> io::Result<PathBuf> {
        let relative = Path::new(relative);
        let safe = relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !safe || relative.as_os_str().is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("unsafe output path {}", relative.display()),
            ));
        }
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        Ok(path)
    }

    /// Writes a file of the new site (path relative to the site root).
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), OutputError> {
        if stop_requested() {
            return Err(OutputError::Interrupted);
        }
        let path = self
            .place(relative)
            .map_err(io_error(Path::new(relative)))?;
        std::fs::write(&path, bytes).map_err(io_error(&path))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Copies a file into the new site.
    pub fn copy(&self, relative: &str, source: &Path) -> Result<(), OutputError> {
        if stop_requested() {
            return Err(OutputError::Interrupted);
        }
        let path = self
            .place(relative)
            .map_err(io_error(Path::new(relative)))?;
        let size = std::fs::copy(source, &path).map_err(io_error(source))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(size, Ordering::Relaxed);
        Ok(())
    }

    /// Puts a file of the cache into the new site: a hard link, which costs
    /// no copy and no space, or a copy when the two are on different disks.
    pub fn link(&self, relative: &str, source: &Path) -> Result<(), OutputError> {
        if stop_requested() {
            return Err(OutputError::Interrupted);
        }
        let path = self
            .place(relative)
            .map_err(io_error(Path::new(relative)))?;
        let size = match std::fs::hard_link(source, &path) {
            Ok(()) => std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => return Ok(()),
            Err(_) => std::fs::copy(source, &path).map_err(io_error(source))?,
        };
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(size, Ordering::Relaxed);
        Ok(())
    }

    /// Files and bytes written so far.
    pub fn written(&self) -> (usize, u64) {
        (
            self.files.load(Ordering::Relaxed),
            self.bytes.load(Ordering::Relaxed),
        )
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Swaps the new site in place of the old one.
    pub fn commit(mut self) -> Result<(), OutputError> {
        if stop_requested() {
            return Err(OutputError::Interrupted);
        }
        let old = sibling(&self.target, "old");
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old).map_err(io_error(&self.target))?;
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
        if had_old {
            std::fs::remove_dir_all(&old).map_err(io_error(&old))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_folders_it_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(dir.path().join("photos")).unwrap();
        std::fs::write(dir.path().join("photos/holiday.jpg"), b"x").unwrap();
        for refused in [
            root.clone(),
            root.join("content"),
            root.join("content/x"),
            dir.path().join("photos"),
            dir.path().to_path_buf(),
            PathBuf::from("/"),
        ] {
            assert!(
                check_output(&refused, &root).is_err(),
                "{}",
                refused.display()
            );
        }
        assert!(check_output(&root.join("public"), &root).is_ok());
        assert!(check_output(&root.join("a/../public"), &root).is_ok());
        assert!(check_output(&root.join("content/../.."), &root).is_err());
    }

    #[test]
    fn swaps_in_the_new_site_and_keeps_the_old_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let staging = Staging::create(&target).unwrap();
        staging.write("index.html", b"one").unwrap();
        staging.write("a/b/index.html", b"two").unwrap();
        staging.commit().unwrap();
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"one");
        assert!(
            check_output(&target, dir.path()).is_ok(),
            "the marker makes it ours"
        );

        let staging = Staging::create(&target).unwrap();
        staging.write("index.html", b"broken").unwrap();
        drop(staging);
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"one");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no staging left behind"
        );

        let staging = Staging::create(&target).unwrap();
        staging.write("index.html", b"three").unwrap();
        staging.commit().unwrap();
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"three");
        assert!(!target.join("a").exists(), "stale files do not survive");
    }

    #[test]
    fn restores_a_site_left_aside_by_an_interrupted_swap() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let aside = dir.path().join(".public.ocop-old-999999");
        std::fs::create_dir_all(&aside).unwrap();
        std::fs::write(aside.join(MARKER), MARKER_TEXT).unwrap();
        std::fs::write(aside.join("index.html"), b"old").unwrap();
        let staging = Staging::create(&target).unwrap();
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"old");
        drop(staging);
    }

    #[test]
    fn refuses_unsafe_relative_paths() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::create(&dir.path().join("public")).unwrap();
        assert!(staging.write("../x", b"").is_err());
        assert!(staging.write("/etc/x", b"").is_err());
        assert!(!dir.path().join("x").exists());
    }
}
