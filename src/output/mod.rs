//! The last stage: writing the site, through one interface with two sinks.
//!
//! A build writes into a [`Staging`] folder next to the output folder and
//! swaps it in only when everything succeeded; a failed or interrupted build
//! leaves the previous site as it was. `ocop serve` changes the site it
//! serves file by file through a [`Live`] folder after an edit. Both are a
//! [`Sink`]. The output folder is replaced only when it is empty or carries
//! the marker a previous build left ([`check_output`]), so a mistyped
//! `--output` cannot delete a folder of the user's files.

mod guard;
mod live;
mod page_keys;
mod reuse;
mod staging;
mod swap;

pub use guard::{MARKER, MarkerStamp, check_output, marker_stamp};
pub use live::Live;
pub use page_keys::PageKeys;
pub use staging::Staging;

use std::io;
use std::path::{Component, Path, PathBuf};

/// Why the output folder cannot be used or written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output would replace something that is not a previous build.
    #[error("refusing to write the site into {path}: {reason}")]
    Refused {
        /// The output folder.
        path: PathBuf,
        /// What is wrong with the folder, in a phrase that ends the message.
        reason: String,
    },
    /// The build was asked to stop before the new site was complete.
    #[error("interrupted; the previous site was left as it was")]
    Interrupted,
    /// The disk (or the user's quota) is full. The message names the output
    /// folder, since the file being written is in a staging folder the user
    /// never sees.
    #[error(
        "the disk is full ({source}): the new site for {output} could not be written; \
         the previous site in {output} was kept as it was. Free some space and build again"
    )]
    DiskFull {
        /// The output folder.
        output: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// A file system operation failed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// What was being written.
        path: PathBuf,
        /// The system's error.
        source: io::Error,
    },
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Whether `error` says the disk or the quota is full.
pub fn is_disk_full(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    )
}

/// An error writing `path` for the site in `output`: [`OutputError::DiskFull`]
/// when the disk is full, else [`OutputError::Io`].
fn write_error<'a>(output: &'a Path, path: &'a Path) -> impl FnOnce(io::Error) -> OutputError + 'a {
    move |source| {
        if is_disk_full(&source) {
            OutputError::DiskFull {
                output: output.to_path_buf(),
                source,
            }
        } else {
            OutputError::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    }
}

/// Where the files of a site go: a staging folder swapped in at the end,
/// or the live folder `ocop serve` changes in place. Paths are relative to
/// the site root, with `/`; a path leading out of it is refused.
pub trait Sink: Sync {
    /// Writes a file of the site.
    fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), OutputError>;

    /// Puts a file of the cache (a photo variant, a file of the search index) into
    /// the site: a hard link where the disk allows, a copy otherwise.
    fn link(&self, relative: &str, source: &Path) -> Result<(), OutputError>;

    /// Writes a page rendered from `key` (see [`Sink::keep_rendered`]).
    fn write_rendered(&self, relative: &str, bytes: &[u8], key: u128) -> Result<(), OutputError>;

    /// Keeps the page at `relative` as it is when it was rendered from the
    /// same `key`; false when it must be rendered.
    fn keep_rendered(&self, relative: &str, key: u128) -> bool;

    /// Removes a file the site no longer has.
    fn remove(&self, relative: &str) -> Result<(), OutputError>;

    /// The folder the files land in.
    fn dir(&self) -> &Path;
}

/// Whether the file of `meta` has no other hard link (one into the cache).
fn only_link(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.nlink() == 1
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// A path relative to the site root, checked and written with `/`.
fn normalised(relative: &str) -> io::Result<String> {
    let path = Path::new(relative);
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy()),
            _ => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("unsafe output path {}", path.display()),
                ));
            }
        }
    }
    if parts.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "empty output path",
        ));
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_names_the_output_and_says_the_site_was_kept() {
        let output = Path::new("/srv/www/public");
        let staged = Path::new("/srv/www/.public.ocop-staging-1/index.html");
        for kind in [io::ErrorKind::StorageFull, io::ErrorKind::QuotaExceeded] {
            let error = write_error(output, staged)(io::Error::from(kind));
            let message = error.to_string();
            assert!(matches!(error, OutputError::DiskFull { .. }), "{message}");
            assert!(
                message.contains("/srv/www/public was kept as it was")
                    && !message.contains("staging"),
                "{message}"
            );
        }
        let other = write_error(output, staged)(io::Error::from(io::ErrorKind::PermissionDenied));
        assert!(matches!(other, OutputError::Io { .. }));
    }
}
