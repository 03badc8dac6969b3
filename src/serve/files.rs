//! From a request's path to a file of the served folder, and never to
//! anything outside it: `..` in any spelling (`%2e%2e`, `..%2f`), a
//! backslash, a NUL or a drive path are refused before the disk is touched,
//! and the file found is checked, with symbolic links resolved, to be
//! inside the folder. tower-http's `ServeDir` is not used for this: it
//! follows symbolic links out of its folder, and its folder redirect keeps
//! a leading `//`, which a browser reads as another host.

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use std::path::{Path, PathBuf};

/// Why a path names no file to serve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The path is malformed or tries to leave the folder (400).
    BadRequest,
    /// Nothing is there (404).
    NotFound,
}

/// What a path resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A file to send.
    File(PathBuf),
    /// A folder asked for without its final `/`: redirect to this address,
    /// which always starts with a single `/` (never `//host`).
    Redirect(String),
}

/// What a path segment must escape to stay one segment of a local path.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// The safe segments of a request path (`/a/b/` → `["a", "b"]`) and
/// whether it ends in `/`.
pub fn segments(path: &str) -> Result<(Vec<String>, bool), Refused> {
    if !path.starts_with('/') {
        return Err(Refused::BadRequest);
    }
    let decoded = percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| Refused::BadRequest)?;
    if decoded.contains(['\\', '\0']) {
        return Err(Refused::BadRequest);
    }
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return Err(Refused::BadRequest),
            // `C:` would make a drive path on Windows.
            part if part.contains(':') => return Err(Refused::BadRequest),
            part => parts.push(part.to_string()),
        }
    }
    Ok((parts, decoded.ends_with('/')))
}

/// Resolves a request path against `root` (canonical): the file to send,
/// `index.html` for a folder, or a redirect for a folder without its `/`.
pub fn resolve(root: &Path, path: &str) -> Result<Target, Refused> {
    let (parts, trailing_slash) = segments(path)?;
    let mut file = root.to_path_buf();
    for part in &parts {
        file.push(part);
    }
    let canonical = file.canonicalize().map_err(|_| Refused::NotFound)?;
    if !canonical.starts_with(root) {
        return Err(Refused::NotFound);
    }
    if canonical.is_dir() {
        if !trailing_slash && !parts.is_empty() {
            // Built from the segments, not the raw path: `//evil.com` has
            // the segment `evil.com` and redirects to `/evil.com/`.
            let mut location = String::new();
            for part in &parts {
                location.push('/');
                location.extend(utf8_percent_encode(part, SEGMENT));
            }
            location.push('/');
            return Ok(Target::Redirect(location));
        }
        let index = canonical.join("index.html");
        let index = index.canonicalize().map_err(|_| Refused::NotFound)?;
        if !index.starts_with(root) || !index.is_file() {
            return Err(Refused::NotFound);
        }
        return Ok(Target::File(index));
    }
    if canonical.is_file() {
        Ok(Target::File(canonical))
    } else {
        Err(Refused::NotFound)
    }
}

/// The media type of a file by its extension, from `mime_guess`; text
/// types say they are UTF-8, as every file ocop writes is.
pub fn content_type(path: &Path) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    if mime.type_() == mime_guess::mime::TEXT && mime.get_param("charset").is_none() {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_every_spelling_of_leaving_the_folder() {
        for target in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/Cargo.toml",
            "/..%2fCargo.toml",
            "/a/..%5c..%5cCargo.toml",
            "/a\\..\\b",
            "/%00",
            "/%zz%ff",
            "/C:/Windows",
            "Cargo.toml",
            "//etc/passwd/..",
        ] {
            assert_eq!(
                segments(target).err(),
                Some(Refused::BadRequest),
                "{target}"
            );
        }
        assert_eq!(
            segments("/san-pham/a%20b/").unwrap(),
            (vec!["san-pham".to_string(), "a b".to_string()], true)
        );
    }

    #[test]
    fn serves_files_and_indexes_inside_the_root_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("a b")).unwrap();
        std::fs::write(root.join("a b/index.html"), "a").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "s").unwrap();
        let root = root.canonicalize().unwrap();
        assert_eq!(
            resolve(&root, "/a%20b/"),
            Ok(Target::File(root.join("a b/index.html")))
        );
        assert_eq!(
            resolve(&root, "/a%20b"),
            Ok(Target::Redirect("/a%20b/".into()))
        );
        // Never a redirect to another host.
        assert_eq!(
            resolve(&root, "//a%20b"),
            Ok(Target::Redirect("/a%20b/".into()))
        );
        assert_eq!(resolve(&root, "/b/"), Err(Refused::NotFound));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt"))
                .unwrap();
            assert_eq!(resolve(&root, "/link.txt"), Err(Refused::NotFound));
        }
    }

    #[test]
    fn text_types_say_utf8() {
        assert_eq!(
            content_type(Path::new("a.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("a.png")), "image/png");
        assert_eq!(content_type(Path::new("a")), "application/octet-stream");
    }
}
