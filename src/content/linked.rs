//! Files a description links to (`[price list](docs/bang-gia.pdf)`), which
//! the site publishes as they are. Only a few harmless kinds pass: an HTML
//! or SVG file published on the catalogue's own address would run its
//! scripts there, and a reviewer reading the diff sees only a file name.

use crate::diagnostic::Problem;
use std::io::Read;
use std::path::Path;

/// The largest file a description may link to.
pub const MAX_LINKED_FILE: u64 = 20 << 20;

/// A kind of file that may be linked: its extensions, the name messages
/// use, and a check of the first bytes that a renamed file cannot pass.
type Linkable = (&'static [&'static str], &'static str, fn(&[u8]) -> bool);

const LINKABLE: &[Linkable] = &[
    (&["pdf"], "PDF", |head| head.starts_with(b"%PDF-")),
    (&["jpg", "jpeg"], "JPEG", |head| {
        head.starts_with(&[0xFF, 0xD8, 0xFF])
    }),
    (&["png"], "PNG", |head| {
        head.starts_with(b"\x89PNG\r\n\x1a\n")
    }),
    (&["webp"], "WebP", |head| {
        head.len() >= 12 && head.starts_with(b"RIFF") && &head[8..12] == b"WEBP"
    }),
];

/// Checks the linked file at `path`, written as `written` in the content.
pub fn check_linked_file(path: &Path, written: &str) -> Result<(), Problem> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let Some((_, kind, looks_right)) = LINKABLE
        .iter()
        .find(|(extensions, _, _)| extensions.contains(&extension.as_str()))
    else {
        return Err(Problem::LinkedFileNotAllowed {
            path: written.to_string(),
        });
    };
    let unreadable = |_| Problem::FileNotFound {
        path: written.to_string(),
    };
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    if size > MAX_LINKED_FILE {
        return Err(Problem::LinkedFileTooLarge {
            path: written.to_string(),
            size,
            limit: MAX_LINKED_FILE,
        });
    }
    let mut head = Vec::with_capacity(16);
    file.by_ref()
        .take(16)
        .read_to_end(&mut head)
        .map_err(unreadable)?;
    if looks_right(&head) {
        Ok(())
    } else {
        Err(Problem::LinkedFileMismatch {
            path: written.to_string(),
            kind,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, bytes: &[u8]) -> Result<(), Problem> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        check_linked_file(&path, name)
    }

    #[test]
    fn documents_and_photos_pass_by_name_and_contents() {
        assert_eq!(check("bang-gia.pdf", b"%PDF-1.7\n..."), Ok(()));
        assert_eq!(check("ANH.JPG", &[0xFF, 0xD8, 0xFF, 0xE0, 0]), Ok(()));
        assert_eq!(check("a.webp", b"RIFF\x10\0\0\0WEBPVP8 "), Ok(()));
    }

    #[test]
    fn scripts_renamed_files_and_huge_files_are_refused() {
        for name in [
            "evil.html",
            "logo.svg",
            "run.js",
            "noextension",
            "a.pdf.html",
        ] {
            assert!(
                matches!(
                    check(name, b"<script>"),
                    Err(Problem::LinkedFileNotAllowed { .. })
                ),
                "{name}"
            );
        }
        assert_eq!(
            check("evil.pdf", b"<html><script>alert(1)</script>"),
            Err(Problem::LinkedFileMismatch {
                path: "evil.pdf".into(),
                kind: "PDF"
            })
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.pdf");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(MAX_LINKED_FILE + 1).unwrap();
        assert!(matches!(
            check_linked_file(&path, "big.pdf"),
            Err(Problem::LinkedFileTooLarge { .. })
        ));
    }
}
