//! Files that content refers to (photos, logos, linked documents): the path
//! is resolved against the file that names it and must stay inside the
//! producer's folder, whether by `..`, an absolute path or a symbolic link.

use crate::diagnostic::Problem;
use std::path::{Component, Path, PathBuf};

/// A producer's folder, the boundary for every path its files name.
#[derive(Debug, Clone)]
pub struct ProducerFolder {
    /// The folder on disk.
    pub dir: PathBuf,
}

impl ProducerFolder {
    /// The folder at `dir`.
    pub fn new(dir: PathBuf) -> std::io::Result<ProducerFolder> {
        dir.metadata()?;
        Ok(ProducerFolder { dir })
    }

    /// Resolves `written`, as found in a file in `from` (a folder relative to
    /// this one), to a file inside this folder. Returns the file on disk and
    /// its path relative to the folder with `/` separators.
    pub fn resolve(&self, from: &Path, written: &str) -> Result<(PathBuf, String), Problem> {
        let written = written.trim();
        let outside = || Problem::PathOutsideFolder {
            path: written.to_string(),
        };
        if written.contains("://") || written.starts_with("data:") {
            return Err(Problem::ExternalImage {
                url: written.to_string(),
            });
        }
        let unified = written.replace('\\', "/");
        // `C:/...` and `/...` name places outside whatever folder the site is in.
        let has_drive = unified.len() >= 2
            && unified.as_bytes()[1] == b':'
            && unified.as_bytes()[0].is_ascii_alphabetic();
        if unified.starts_with('/') || has_drive {
            return Err(outside());
        }
        let mut parts: Vec<String> = Vec::new();
        let start = from.components().chain(Path::new(&unified).components());
        for component in start {
            match component {
                Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
                Component::CurDir => {}
                Component::ParentDir => {
                    if parts.pop().is_none() {
                        return Err(outside());
                    }
                }
                Component::RootDir | Component::Prefix(_) => return Err(outside()),
            }
        }
        if parts.is_empty() {
            return Err(outside());
        }
        let relative = parts.join("/");
        // A link inside the folder is refused even when it points inside:
        // its target is not in the diff a reviewer reads. With no link on
        // the way and `..` resolved above, the file is inside the folder.
        let missing = || Problem::FileNotFound {
            path: written.to_string(),
        };
        let mut path = self.dir.clone();
        let mut is_file = false;
        for part in &parts {
            path.push(part);
            let meta = path.symlink_metadata().map_err(|_| missing())?;
            if meta.file_type().is_symlink() {
                return Err(Problem::SymlinkNotAllowed);
            }
            is_file = meta.is_file();
        }
        if !is_file {
            return Err(missing());
        }
        Ok((path, relative))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> (tempfile::TempDir, ProducerFolder) {
        let dir = tempfile::tempdir().unwrap();
        let producer = dir.path().join("producers/a");
        std::fs::create_dir_all(producer.join("photos")).unwrap();
        std::fs::create_dir_all(producer.join("products")).unwrap();
        std::fs::write(producer.join("photos/x.jpg"), b"x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), b"s").unwrap();
        let folder = ProducerFolder::new(producer).unwrap();
        (dir, folder)
    }

    #[test]
    fn resolves_relative_to_the_naming_file() {
        let (_dir, folder) = folder();
        let (_, relative) = folder
            .resolve(Path::new("products"), "../photos/x.jpg")
            .unwrap();
        assert_eq!(relative, "photos/x.jpg");
        let (_, relative) = folder.resolve(Path::new(""), "./photos/x.jpg").unwrap();
        assert_eq!(relative, "photos/x.jpg");
        let (_, relative) = folder
            .resolve(Path::new("products"), "..\\photos\\x.jpg")
            .unwrap();
        assert_eq!(relative, "photos/x.jpg");
    }

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        let (_dir, folder) = folder();
        for written in [
            "../../secret.txt",
            "/etc/passwd",
            "C:\\x.jpg",
            "../../../x",
            "../photos/../../secret.txt",
            "..",
        ] {
            let error = folder.resolve(Path::new("products"), written);
            assert!(
                matches!(error, Err(Problem::PathOutsideFolder { .. })),
                "{written}: {error:?}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symbolic_links_in_or_out_of_the_folder() {
        let (dir, folder) = folder();
        std::os::unix::fs::symlink(
            dir.path().join("secret.txt"),
            folder.dir.join("photos/link.jpg"),
        )
        .unwrap();
        let error = folder.resolve(Path::new(""), "photos/link.jpg");
        assert_eq!(error, Err(Problem::SymlinkNotAllowed));
        std::os::unix::fs::symlink(folder.dir.join("photos"), folder.dir.join("pictures")).unwrap();
        let error = folder.resolve(Path::new(""), "pictures/x.jpg");
        assert_eq!(error, Err(Problem::SymlinkNotAllowed));
    }

    #[test]
    fn reports_missing_files_and_urls() {
        let (_dir, folder) = folder();
        assert!(matches!(
            folder.resolve(Path::new(""), "photos/y.jpg"),
            Err(Problem::FileNotFound { .. })
        ));
        assert!(matches!(
            folder.resolve(Path::new(""), "photos"),
            Err(Problem::FileNotFound { .. })
        ));
        assert!(matches!(
            folder.resolve(Path::new(""), "https://e.com/a.jpg"),
            Err(Problem::ExternalImage { .. })
        ));
    }
}
