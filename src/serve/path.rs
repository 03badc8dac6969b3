//! From a request's address to a file of the served folder, and never to
//! anything outside it: `..` in any spelling (`%2e%2e`, `..%2f`), a
//! backslash, a NUL, an absolute or drive path are refused before the disk
//! is touched, and the file found is checked, with symbolic links resolved,
//! to be inside the folder.

use std::path::{Path, PathBuf};

/// Why an address names no file to serve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The address is malformed or tries to leave the folder (400).
    BadRequest,
    /// Nothing is there (404).
    NotFound,
}

/// What an address resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A file to send.
    File(PathBuf),
    /// A folder asked for without its final `/`: redirect to this address.
    Redirect(String),
}

fn hex(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XX` escapes; a malformed escape or text that is not UTF-8
/// after decoding is refused.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let high = hex(*bytes.get(i + 1)?)?;
            let low = hex(*bytes.get(i + 2)?)?;
            out.push(high * 16 + low);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The safe segments of a request target (`/a/b/?q` → `["a", "b"]`) and
/// whether it ends in `/`.
pub fn segments(target: &str) -> Result<(Vec<String>, bool), Refused> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Err(Refused::BadRequest);
    }
    let decoded = percent_decode(path).ok_or(Refused::BadRequest)?;
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

/// Resolves a request target against `root` (canonical): the file to send,
/// `index.html` for a folder, or a redirect for a folder without its `/`.
pub fn resolve(root: &Path, target: &str) -> Result<Target, Refused> {
    let (parts, trailing_slash) = segments(target)?;
    let mut path = root.to_path_buf();
    for part in &parts {
        path.push(part);
    }
    let canonical = path.canonicalize().map_err(|_| Refused::NotFound)?;
    if !canonical.starts_with(root) {
        return Err(Refused::NotFound);
    }
    if canonical.is_dir() {
        if !trailing_slash && !parts.is_empty() {
            let path = target.split(['?', '#']).next().unwrap_or("/");
            return Ok(Target::Redirect(format!("{path}/")));
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

/// The media type of a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
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
            "/%zz",
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
            segments("/san-pham/a%20b/?q=1").unwrap(),
            (vec!["san-pham".to_string(), "a b".to_string()], true)
        );
    }

    #[test]
    fn serves_files_and_indexes_inside_the_root_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/index.html"), "a").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "s").unwrap();
        let root = root.canonicalize().unwrap();
        assert_eq!(
            resolve(&root, "/a/"),
            Ok(Target::File(root.join("a/index.html")))
        );
        assert_eq!(resolve(&root, "/a"), Ok(Target::Redirect("/a/".into())));
        assert_eq!(resolve(&root, "/b/"), Err(Refused::NotFound));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt"))
                .unwrap();
            assert_eq!(resolve(&root, "/link.txt"), Err(Refused::NotFound));
        }
    }
}
