//! Page addresses. Clean URLs (`…/slug/` served from `…/slug/index.html`),
//! Vietnamese path words, ASCII only, all under the site's base path.

/// Builds addresses under one base path (`/` or `/ocop/`).
#[derive(Debug, Clone)]
pub struct Urls {
    base_path: String,
    base_url: String,
}

/// Path words of each kind of page, in Vietnamese like the interface.
pub mod section {
    /// Products: `/san-pham/<producer>/<product>/`.
    pub const PRODUCTS: &str = "san-pham";
    /// Producers (chủ thể OCOP): `/chu-the/<producer>/`.
    pub const PRODUCERS: &str = "chu-the";
    /// Provinces: `/tinh/<province>/`.
    pub const PROVINCES: &str = "tinh";
    /// Sectors and groups: `/nhom/<slug>/`.
    pub const CATEGORIES: &str = "nhom";
    /// Star levels: `/sao/4/`.
    pub const STARS: &str = "sao";
    /// The search page: `/tim-kiem/`.
    pub const SEARCH: &str = "tim-kiem";
    /// Later pages of a listing: `…/trang/2/`.
    pub const PAGE: &str = "trang";
    /// Photos: `/anh/<producer>/…`.
    pub const PHOTOS: &str = "anh";
    /// Theme assets: `/assets/…`.
    pub const ASSETS: &str = "assets";
}

impl Urls {
    /// Addresses under `base_path` (starting and ending in `/`) of `base_url`.
    pub fn new(base_url: &str, base_path: &str) -> Urls {
        Urls {
            base_path: base_path.to_string(),
            base_url: base_url.to_string(),
        }
    }

    /// The address of a site-relative path (`san-pham/a/b/`) as used in links.
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path)
    }

    /// The absolute address, for canonical links and sitemaps.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// The site-relative path of page `page` (from 1) of a listing at `path`.
    pub fn paginated(path: &str, page: usize) -> String {
        if page <= 1 {
            path.to_string()
        } else {
            format!("{path}{}/{page}/", section::PAGE)
        }
    }

    /// The file a site-relative page path is written to.
    pub fn file_for(path: &str) -> String {
        if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        }
    }
}

/// Encodes a path for use in a URL: keeps unreserved characters and `/`,
/// percent-encodes the rest (spaces and Vietnamese letters in photo names).
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_links_under_the_base_path() {
        let urls = Urls::new("https://x.github.io/ocop/", "/ocop/");
        assert_eq!(urls.link("san-pham/a/b/"), "/ocop/san-pham/a/b/");
        assert_eq!(urls.link(""), "/ocop/");
        assert_eq!(
            urls.absolute("tinh/can-tho/"),
            "https://x.github.io/ocop/tinh/can-tho/"
        );
    }

    #[test]
    fn paginates_and_maps_files() {
        assert_eq!(Urls::paginated("tinh/can-tho/", 1), "tinh/can-tho/");
        assert_eq!(Urls::paginated("tinh/can-tho/", 3), "tinh/can-tho/trang/3/");
        assert_eq!(Urls::file_for("tinh/can-tho/"), "tinh/can-tho/index.html");
        assert_eq!(Urls::file_for(""), "index.html");
        assert_eq!(Urls::file_for("404.html"), "404.html");
    }

    #[test]
    fn encodes_unsafe_path_characters() {
        assert_eq!(encode_path("anh/a/Ảnh 1.jpg"), "anh/a/%E1%BA%A2nh%201.jpg");
        assert_eq!(encode_path("a/b-c_d.png"), "a/b-c_d.png");
    }
}
