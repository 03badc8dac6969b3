//! The headers each file is served with, and whether it is gzipped, decided
//! from its path in the output alone (so a plan needs no file contents).

use serde::{Deserialize, Serialize};

/// Cache-Control of a file whose name changes when its bytes do.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Cache-Control of everything else: a CDN or browser rechecks within minutes.
pub const SHORT: &str = "public, max-age=300";

/// What a file is stored with.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Headers {
    pub content_type: String,
    pub cache_control: String,
    /// Stored gzipped, with `Content-Encoding: gzip`.
    pub gzip: bool,
}

/// The upload groups, in the order they go up: a page is only uploaded
/// after everything it may load, and the pages that lead to others
/// (home pages, sitemaps, feeds) last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// Photos and content-hashed assets.
    Assets,
    /// The search index's data files (its entries and runtime go with
    /// `Other`, after the files they name).
    Search,
    /// Other files that are not pages.
    Other,
    /// Pages but the home pages.
    Pages,
    /// Home pages, sitemaps, robots.txt, feeds.
    Entry,
}

/// The extension of the file name, lowercased.
fn extension(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

fn is_hex(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The search index's data files (`search-index/<language>/<kind>/<hash>.bin`):
/// already gzip, stored as they are, named by their contents.
fn is_search_data(path: &str) -> bool {
    path.strip_prefix(crate::search::BUNDLE_DIR)
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|rest| {
            let name = rest.rsplit('/').next().unwrap_or(rest);
            let stem = name.strip_suffix(".bin").unwrap_or_default();
            rest.matches('/').count() == 2 && is_hex(stem)
        })
}

/// Whether the file's name carries a hash of its bytes, so it can be
/// cached for good.
pub fn is_content_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    if is_search_data(path) {
        return true;
    }
    if path.starts_with("assets/") {
        // `style.7c771a08.css`
        return stem
            .rsplit_once('.')
            .is_some_and(|(_, hash)| hash.len() >= 8 && is_hex(hash));
    }
    if path.starts_with("anh/") {
        // `am-chen-men-lam-1-2a27da72a8-400.webp`, `…-2a27da72a8-chia-se.jpg`:
        // the photo's hash, then the variant.
        return stem
            .split('-')
            .skip(1)
            .any(|part| part.len() >= 8 && is_hex(part));
    }
    false
}

/// The Content-Type stored for `path`.
pub fn content_type(path: &str) -> String {
    if is_search_data(path) {
        return "application/octet-stream".into();
    }
    let known = match extension(path).as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "",
    };
    if !known.is_empty() {
        return known.into();
    }
    mime_guess::from_path(path)
        .first()
        .map_or_else(|| "application/octet-stream".into(), |m| m.to_string())
}

/// Whether text of this kind is stored gzipped.
fn gzipped(path: &str) -> bool {
    !is_search_data(path)
        && matches!(
            extension(path).as_str(),
            "html"
                | "htm"
                | "css"
                | "js"
                | "mjs"
                | "json"
                | "xml"
                | "svg"
                | "txt"
                | "csv"
                | "webmanifest"
        )
}

/// The headers of the file at `path` (relative to the output, `/`-separated).
pub fn headers(path: &str) -> Headers {
    Headers {
        content_type: content_type(path),
        cache_control: if is_content_hashed(path) {
            IMMUTABLE
        } else {
            SHORT
        }
        .into(),
        gzip: gzipped(path),
    }
}

/// The group `path` is uploaded in.
pub fn group(path: &str) -> Group {
    if is_search_data(path) {
        return Group::Search;
    }
    if path.starts_with("anh/") || is_content_hashed(path) {
        return Group::Assets;
    }
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
    let language_root =
        folder.is_empty() || folder.parse::<crate::lang::Lang>().is_ok() && !folder.contains('/');
    let entry = (language_root && name == "index.html")
        || name == "robots.txt"
        || (name.starts_with("sitemap") && extension(name) == "xml")
        || name == "feed.xml";
    if entry {
        return Group::Entry;
    }
    match extension(path).as_str() {
        "html" | "htm" => Group::Pages,
        _ => Group::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paths as `ocop build` writes them for the example site.
    #[test]
    fn real_paths_get_their_headers() {
        let cases = [
            // path, content type, immutable, gzip, group
            (
                "index.html",
                "text/html; charset=utf-8",
                false,
                true,
                Group::Entry,
            ),
            (
                "en/index.html",
                "text/html; charset=utf-8",
                false,
                true,
                Group::Entry,
            ),
            (
                "san-pham/gom-su-bat-trang/am-chen/index.html",
                "text/html; charset=utf-8",
                false,
                true,
                Group::Pages,
            ),
            (
                "tinh/index.html",
                "text/html; charset=utf-8",
                false,
                true,
                Group::Pages,
            ),
            (
                "404.html",
                "text/html; charset=utf-8",
                false,
                true,
                Group::Pages,
            ),
            ("sitemap.xml", "application/xml", false, true, Group::Entry),
            ("feed.xml", "application/xml", false, true, Group::Entry),
            (
                "robots.txt",
                "text/plain; charset=utf-8",
                false,
                true,
                Group::Entry,
            ),
            (
                "data/products.json",
                "application/json",
                false,
                true,
                Group::Other,
            ),
            (
                "data/products.csv",
                "text/csv; charset=utf-8",
                false,
                true,
                Group::Other,
            ),
            (
                "assets/style.7c771a08.css",
                "text/css; charset=utf-8",
                true,
                true,
                Group::Assets,
            ),
            (
                "assets/favicon.cb473572.svg",
                "image/svg+xml",
                true,
                true,
                Group::Assets,
            ),
            (
                "assets/search.72b0ecf9.js",
                "text/javascript; charset=utf-8",
                true,
                true,
                Group::Assets,
            ),
            (
                "anh/gom-su-bat-trang/am-chen-men-lam-1-2a27da72a8-400.webp",
                "image/webp",
                true,
                false,
                Group::Assets,
            ),
            (
                "anh/gom-su-bat-trang/am-chen-men-lam-1-2a27da72a8-chia-se.jpg",
                "image/jpeg",
                true,
                false,
                Group::Assets,
            ),
            (
                "anh/gom-su-bat-trang/am-chen-men-lam-1-2a27da72a8-800.jpg",
                "image/jpeg",
                true,
                false,
                Group::Assets,
            ),
            (
                "search-index/en/r/13acbeb0a1b2.bin",
                "application/octet-stream",
                true,
                false,
                Group::Search,
            ),
            (
                "search-index/vi/f/8794e2d00000.bin",
                "application/octet-stream",
                true,
                false,
                Group::Search,
            ),
            (
                "search-index/vi/w/1a2b3c4d5e6f7.bin",
                "application/octet-stream",
                true,
                false,
                Group::Search,
            ),
            (
                "search-index/vi.json",
                "application/json",
                false,
                true,
                Group::Other,
            ),
            (
                "search-index/runtime.js",
                "text/javascript; charset=utf-8",
                false,
                true,
                Group::Other,
            ),
            (
                "search-index/vi/w/not-a-hash.bin",
                "application/octet-stream",
                false,
                false,
                Group::Other,
            ),
            ("fonts/x.woff2", "font/woff2", false, false, Group::Other),
            (
                "anh/x/photo.avif",
                "image/avif",
                false,
                false,
                Group::Assets,
            ),
        ];
        for (path, content_type, immutable, gzip, group_) in cases {
            let h = headers(path);
            assert_eq!(h.content_type, content_type, "{path}");
            assert_eq!(h.cache_control == IMMUTABLE, immutable, "{path}");
            assert_eq!(h.gzip, gzip, "{path}");
            assert_eq!(group(path), group_, "{path}");
        }
    }
}
