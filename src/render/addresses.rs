//! Checks of the site's addresses: no two pages at one address, and no
//! page linking to an address no page has (a listing with no product is
//! not built, and a theme must not link to it).

use std::collections::{HashMap, HashSet};

/// Finds two pages with one address. Slugs are checked where they are made,
/// so this only fires on reference data or code that disagree.
pub fn find_collision<Page: Copy>(pages: &[(String, Page)]) -> Option<(String, Page, Page)> {
    let mut seen: HashMap<&str, Page> = HashMap::with_capacity(pages.len());
    for (path, page) in pages {
        if let Some(first) = seen.insert(path.as_str(), *page) {
            return Some((path.clone(), first, *page));
        }
    }
    None
}

/// The first link of `html` to a page of the site (an `href` under
/// `base_path` ending in `/`, before any query or fragment) whose path
/// (after the base path, as pages are planned) `is_built` denies. Links to
/// files (photos, feeds, assets) are not pages and are left to the stages
/// that make them.
///
/// It reads the page's bytes as rendered: every page of a build passes
/// through here, and making text of a whole page first (`from_utf8_lossy`)
/// was most of the check's time, a quarter of a serve edit's rendering.
pub fn unbuilt_link(
    html: &[u8],
    base_path: &str,
    is_built: impl Fn(&str) -> bool,
) -> Option<String> {
    const OPENING: &[u8] = b"href=\"";
    memchr::memmem::find_iter(html, OPENING).find_map(|at| {
        let rest = &html[at + OPENING.len()..];
        let target = &rest[..memchr::memchr(b'"', rest)?];
        let page = match memchr::memchr2(b'?', b'#', target) {
            Some(end) => &target[..end],
            None => target,
        };
        let path = page
            .strip_prefix(base_path.as_bytes())
            .filter(|_| !page.starts_with(b"//") && page.ends_with(b"/"))?;
        let path = String::from_utf8_lossy(path);
        (!is_built(&path)).then(|| String::from_utf8_lossy(target).into_owned())
    })
}

/// [`unbuilt_link`] against a set of planned paths.
pub fn unbuilt_link_in<S: std::hash::BuildHasher>(
    html: &[u8],
    base_path: &str,
    built: &HashSet<String, S>,
) -> Option<String> {
    unbuilt_link(html, base_path, |path| built.contains(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_to_pages_that_are_not_built() {
        let built: HashSet<String> = ["", "tinh/", "tinh/an-giang/", "tim-kiem/"]
            .into_iter()
            .map(String::from)
            .collect();
        let fine = r#"<a href="/tinh/an-giang/">x</a><a href="/tim-kiem/?q=a#r">s</a>
            <link href="/assets/style.1.css"><a href="https://ocop.vn/tinh/x/">abs</a>
            <a href="//cdn.example/x/">cdn</a><a href="/anh/a/b.webp">photo</a>"#;
        assert_eq!(unbuilt_link_in(fine.as_bytes(), "/", &built), None);
        let broken = r#"<a href="/tinh/">ok</a> <a href="/tinh/ha-noi/">empty</a>"#;
        assert_eq!(
            unbuilt_link_in(broken.as_bytes(), "/", &built).as_deref(),
            Some("/tinh/ha-noi/")
        );
        // Under a base path, only its own addresses are the site's.
        let under: HashSet<String> = [""].into_iter().map(String::from).collect();
        assert_eq!(
            unbuilt_link_in(br#"<a href="/other/">o</a>"#, "/ocop/", &under),
            None
        );
        assert_eq!(
            unbuilt_link_in(br#"<a href="/ocop/sao/9/">o</a>"#, "/ocop/", &under).as_deref(),
            Some("/ocop/sao/9/")
        );
        // Bytes that are not UTF-8 (a theme's stray byte) neither hide a
        // link nor stop the check.
        let stray = b"<p>\xff</p><a href=\"/tinh/\xfe/\">x</a>";
        assert_eq!(
            unbuilt_link_in(stray, "/", &built).as_deref(),
            Some("/tinh/\u{fffd}/")
        );
    }
}
