//! `sitemap.xml`: every page with when it last changed and its photos, so
//! search engines find new products and their pictures. Past
//! [`MAX_URLS`] addresses (or [`MAX_BYTES`]) it becomes a sitemap index
//! listing `sitemap-1.xml`, `sitemap-2.xml`, …, as the protocol requires.

use super::lastmod::{Dates, Seconds, rfc3339};
use super::pages::Page;
use super::presenter::Presenter;
use super::xml::escape;
use crate::catalogue::star_index;

/// Most addresses one sitemap file may list (sitemaps.org).
pub const MAX_URLS: usize = 50_000;
/// Largest size of one sitemap file, uncompressed (sitemaps.org: 50 MiB),
/// less room for the closing tag.
pub const MAX_BYTES: usize = 50 * 1024 * 1024 - 1024;
/// Most images listed for one address (Google's image sitemaps).
const MAX_IMAGES: usize = 1000;

/// The index, or the only sitemap.
pub const SITEMAP: &str = "sitemap.xml";

/// One address of the sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Absolute address.
    pub loc: String,
    /// Last change.
    pub lastmod: Option<Seconds>,
    /// Absolute addresses of its photos (largest JPEG variants).
    pub images: Vec<String>,
    /// The same page in each language of the site: `(code, absolute
    /// address)`, empty when the site has one language.
    pub alternates: Vec<(&'static str, String)>,
}

/// The sitemap entries of every page of `pages` (the 404 page and
/// non-HTML files left out). `languages` are the site's `(code, path
/// prefix)`, the root one first.
pub fn entries(
    presenter: &Presenter<'_>,
    pages: &[(String, Page)],
    dates: &Dates,
    languages: &[(&'static str, String)],
) -> Vec<Entry> {
    let catalogue = presenter.catalogue;
    let all = dates.products.iter().flatten().max().copied();
    pages
        .iter()
        .filter_map(|(path, page)| {
            let mut images = Vec::new();
            let lastmod = match *page {
                Page::NotFound | Page::Robots | Page::Search => return None,
                Page::Product(id) => {
                    let product = &catalogue.products[id];
                    let producer = catalogue.producer_of(product);
                    images.extend(
                        product
                            .photos
                            .iter()
                            .filter_map(|p| presenter.largest_jpeg(producer, p)),
                    );
                    dates.products[id]
                }
                Page::Producer(id, n) => {
                    let producer = &catalogue.producers[id];
                    if n == 1 {
                        images.extend(
                            producer
                                .logo
                                .iter()
                                .filter_map(|l| presenter.largest_jpeg(producer, l)),
                        );
                    }
                    dates.producers[id]
                }
                Page::Producers(_) => dates.producers.iter().flatten().max().copied(),
                Page::Province(id, _) => dates.latest(&catalogue.by_province[id]),
                Page::Sector(id, _) => dates.latest(&catalogue.by_sector[id]),
                Page::Group(id, _) => dates.latest(&catalogue.by_group[id]),
                Page::Stars(level, _) => dates.latest(&catalogue.by_stars[star_index(level)]),
                Page::Narrowed(province, facet, _) => {
                    dates.latest(super::narrowing::ids(catalogue, province, facet))
                }
                // The home page, the lists of provinces, categories and star
                // levels, and any page added later: they show the whole catalogue.
                _ => all,
            };
            images.truncate(MAX_IMAGES);
            let below = path.strip_prefix(presenter.prefix.as_str()).unwrap_or(path);
            let alternates = if languages.len() > 1 {
                languages
                    .iter()
                    .map(|(code, prefix)| {
                        (*code, presenter.urls.absolute(&format!("{prefix}{below}")))
                    })
                    .collect()
            } else {
                Vec::new()
            };
            Some(Entry {
                loc: presenter.urls.absolute(path),
                lastmod,
                images,
                alternates,
            })
        })
        .collect()
}

fn url_xml(entry: &Entry) -> String {
    let mut xml = format!("<url><loc>{}</loc>", escape(&entry.loc));
    if let Some(time) = entry.lastmod {
        xml.push_str(&format!("<lastmod>{}</lastmod>", rfc3339(time)));
    }
    for (code, href) in &entry.alternates {
        xml.push_str(&format!(
            "<xhtml:link rel=\"alternate\" hreflang=\"{code}\" href=\"{}\"/>",
            escape(href)
        ));
    }
    if let Some((_, href)) = entry.alternates.first() {
        xml.push_str(&format!(
            "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
            escape(href)
        ));
    }
    for image in &entry.images {
        xml.push_str(&format!(
            "<image:image><image:loc>{}</image:loc></image:image>",
            escape(image)
        ));
    }
    xml.push_str("</url>\n");
    xml
}

const URLSET_OPEN: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
const URLSET_CLOSE: &str = "</urlset>\n";

/// The sitemap files: `(file name, contents)`. One `sitemap.xml` when the
/// entries fit in one file of `max_urls` addresses; otherwise an index in
/// `sitemap.xml` and the parts in `sitemap-1.xml`, `sitemap-2.xml`, ….
/// `base` is the site's absolute address, ending in `/`.
pub fn files(entries: &[Entry], base: &str, max_urls: usize) -> Vec<(String, String)> {
    let max_urls = max_urls.max(1);
    let mut parts: Vec<(String, Option<Seconds>)> = Vec::new();
    let mut current = String::from(URLSET_OPEN);
    let mut count = 0;
    let mut latest: Option<Seconds> = None;
    for entry in entries {
        let xml = url_xml(entry);
        if count > 0
            && (count == max_urls || current.len() + xml.len() + URLSET_CLOSE.len() > MAX_BYTES)
        {
            current.push_str(URLSET_CLOSE);
            parts.push((std::mem::replace(&mut current, URLSET_OPEN.into()), latest));
            count = 0;
            latest = None;
        }
        current.push_str(&xml);
        count += 1;
        latest = latest.max(entry.lastmod);
    }
    current.push_str(URLSET_CLOSE);
    parts.push((current, latest));
    if parts.len() == 1 {
        return vec![(SITEMAP.to_string(), parts.remove(0).0)];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files = Vec::with_capacity(parts.len() + 1);
    for (n, (xml, latest)) in parts.into_iter().enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!(
            "<sitemap><loc>{}</loc>",
            escape(&format!("{base}{name}"))
        ));
        if let Some(time) = latest {
            index.push_str(&format!("<lastmod>{}</lastmod>", rfc3339(time)));
        }
        index.push_str("</sitemap>\n");
        files.push((name, xml));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, (SITEMAP.to_string(), index));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(n: usize) -> Entry {
        Entry {
            loc: format!("https://x.vn/san-pham/a/p{n}/"),
            lastmod: Some(1_700_000_000 + n as i64),
            images: vec![format!("https://x.vn/anh/a/p{n}-1600.jpg")],
            alternates: Vec::new(),
        }
    }

    fn parse(xml: &str) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}\n{xml}"))
    }

    #[test]
    fn one_file_under_the_limit() {
        let entries: Vec<Entry> = (0..3).map(entry).collect();
        let files = files(&entries, "https://x.vn/", 3);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "sitemap.xml");
        let doc = parse(&files[0].1);
        assert_eq!(doc.root_element().tag_name().name(), "urlset");
        let urls: Vec<_> = doc
            .root_element()
            .children()
            .filter(|n| n.has_tag_name("url"))
            .collect();
        assert_eq!(urls.len(), 3);
        let image = doc
            .descendants()
            .find(|n| n.has_tag_name(("http://www.google.com/schemas/sitemap-image/1.1", "loc")))
            .unwrap();
        assert_eq!(image.text(), Some("https://x.vn/anh/a/p0-1600.jpg"));
    }

    #[test]
    fn splits_into_an_index_past_the_limit() {
        let entries: Vec<Entry> = (0..7).map(entry).collect();
        let files = files(&entries, "https://x.vn/", 3);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        let index = parse(&files[0].1);
        assert_eq!(index.root_element().tag_name().name(), "sitemapindex");
        let locs: Vec<&str> = index
            .descendants()
            .filter(|n| n.has_tag_name("loc"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(
            locs,
            [
                "https://x.vn/sitemap-1.xml",
                "https://x.vn/sitemap-2.xml",
                "https://x.vn/sitemap-3.xml"
            ]
        );
        // Every address once, in order, at most 3 a file; each part's
        // lastmod in the index is its latest entry.
        let mut all = Vec::new();
        for (_, xml) in &files[1..] {
            let doc = parse(xml);
            let locs: Vec<String> = doc
                .root_element()
                .children()
                .filter(|n| n.has_tag_name("url"))
                .map(|u| u.children().find(|c| c.has_tag_name("loc")).unwrap())
                .map(|l| l.text().unwrap().to_string())
                .collect();
            assert!(locs.len() <= 3);
            all.extend(locs);
        }
        let expected: Vec<String> = entries.iter().map(|e| e.loc.clone()).collect();
        assert_eq!(all, expected);
        let lastmods: Vec<&str> = index
            .descendants()
            .filter(|n| n.has_tag_name("lastmod"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(lastmods[2], rfc3339(1_700_000_006));
    }

    #[test]
    fn lists_the_languages_of_a_page() {
        let mut e = entry(0);
        e.alternates = vec![
            ("vi", "https://x.vn/san-pham/a/p0/".into()),
            ("en", "https://x.vn/en/san-pham/a/p0/".into()),
        ];
        let files = files(&[e], "https://x.vn/", MAX_URLS);
        let doc = parse(&files[0].1);
        let links: Vec<(&str, &str)> = doc
            .descendants()
            .filter(|n| n.has_tag_name(("http://www.w3.org/1999/xhtml", "link")))
            .map(|n| {
                (
                    n.attribute("hreflang").unwrap(),
                    n.attribute("href").unwrap(),
                )
            })
            .collect();
        assert_eq!(
            links,
            [
                ("vi", "https://x.vn/san-pham/a/p0/"),
                ("en", "https://x.vn/en/san-pham/a/p0/"),
                ("x-default", "https://x.vn/san-pham/a/p0/")
            ]
        );
    }

    #[test]
    fn escapes_addresses() {
        let mut e = entry(0);
        e.loc = "https://x.vn/?a=1&b=2".into();
        let files = files(&[e], "https://x.vn/", MAX_URLS);
        assert!(files[0].1.contains("a=1&amp;b=2"));
        parse(&files[0].1);
    }
}
