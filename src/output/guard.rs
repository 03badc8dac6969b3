//! Which folders a build may replace, and the marker that says a folder
//! is one a build wrote.

use super::{OutputError, io_error};
use serde::{Deserialize, Serialize};
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as made by `ocop build`.
pub const MARKER: &str = ".ocop-build";
pub(super) const MARKER_TEXT: &str =
    "This folder was written by `ocop build` and is replaced by each build.\n";
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

/// Device, inode and modification time of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MarkerStamp {
    device: u64,
    inode: u64,
    modified_ns: u128,
}

/// The stamp of `output`'s marker file, if it has one.
pub fn marker_stamp(output: &Path) -> Option<MarkerStamp> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(output.join(MARKER)).ok()?;
    let modified_ns = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some(MarkerStamp {
        device: meta.dev(),
        inode: meta.ino(),
        modified_ns,
    })
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
}
