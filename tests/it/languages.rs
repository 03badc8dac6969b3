//! A site built in two languages (`languages: [vi, en]`): Vietnamese at the
//! root, English under /en/ with the same paths, hreflang links between the
//! two, English text where the content has it and Vietnamese where not.

use crate::common::{broken_links, build, snapshot, text};
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};

/// The base test site with `extra_settings` added to its `site.yaml`.
fn site_with(extra_settings: &str) -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = crate::common::base_site();
    let site = root.join("content/site.yaml");
    let settings = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, format!("{settings}{extra_settings}")).unwrap();
    (dir, root)
}

/// The base site with two languages, an English name and description on
/// one product and on one producer, built into `root/public`.
fn two_language_site(base_url: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = site_with("languages: [vi, en]\n");
    let product = root.join("content/producers/hai-son/products/banh-pia.yaml");
    let written = std::fs::read_to_string(&product).unwrap();
    std::fs::write(
        &product,
        format!(
            "{written}name_en: Durian pia cake\ndescription_en: Flaky cake filled with durian.\n"
        ),
    )
    .unwrap();
    let producer = root.join("content/producers/hai-son/producer.yaml");
    let written = std::fs::read_to_string(&producer).unwrap();
    std::fs::write(&producer, format!("{written}name_en: Hai Son Pia Bakery\n")).unwrap();
    let output = root.join("public");
    let extra: Vec<&str> = base_url.map(|u| vec!["--base-url", u]).unwrap_or_default();
    let result = build(&root, &output, &extra);
    assert!(result.status.success(), "{:?}", text(&result));
    (dir, root)
}

fn page(output: &Path, path: &str) -> Html {
    let file = output.join(path).join("index.html");
    let html = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    Html::parse_document(&html)
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap();
    html.select(&selector).collect()
}

fn attr(html: &Html, css: &str, name: &str) -> Option<String> {
    select(html, css)
        .first()
        .and_then(|e| e.value().attr(name))
        .map(str::to_string)
}

fn texts(html: &Html, css: &str) -> Vec<String> {
    select(html, css)
        .iter()
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// Every page (`…/index.html`) under `dir`, as site paths, leaving out `skip`.
fn pages(dir: &Path, skip: &str) -> Vec<String> {
    snapshot(dir)
        .into_keys()
        .filter(|p| p.ends_with("index.html") && !p.starts_with(skip))
        .map(|p| p.trim_end_matches("index.html").to_string())
        .collect()
}

#[test]
fn every_page_has_an_english_twin_linked_both_ways() {
    let (_dir, root) = two_language_site(None);
    let output = root.join("public");
    let vietnamese = pages(&output, "en/");
    let english = pages(&output.join("en"), "\u{0}");
    assert!(vietnamese.len() > 10, "{vietnamese:?}");
    assert_eq!(vietnamese, english, "the same paths under /en/");

    for path in &vietnamese {
        let vi = page(&output, path);
        let en = page(&output.join("en"), path);
        assert_eq!(attr(&vi, "html", "lang").as_deref(), Some("vi"), "/{path}");
        assert_eq!(
            attr(&en, "html", "lang").as_deref(),
            Some("en"),
            "/en/{path}"
        );
        let vi_url = format!("https://ocop.example.vn/{path}");
        let en_url = format!("https://ocop.example.vn/en/{path}");
        for html in [&vi, &en] {
            assert_eq!(
                attr(html, r#"link[rel=alternate][hreflang=vi]"#, "href").as_deref(),
                Some(vi_url.as_str()),
                "{path}"
            );
            assert_eq!(
                attr(html, r#"link[rel=alternate][hreflang=en]"#, "href").as_deref(),
                Some(en_url.as_str()),
                "{path}"
            );
            assert_eq!(
                attr(html, r#"link[rel=alternate][hreflang=x-default]"#, "href").as_deref(),
                Some(vi_url.as_str()),
                "{path}"
            );
        }
        assert_eq!(
            attr(&en, "link[rel=canonical]", "href").as_deref(),
            Some(en_url.as_str())
        );
        // The switch leads to the same page in the other language.
        assert_eq!(
            attr(&vi, "a.language-switch", "href").as_deref(),
            Some(format!("/en/{path}").as_str()),
            "{path}"
        );
        assert_eq!(texts(&vi, "a.language-switch"), ["English"]);
        assert_eq!(
            attr(&en, "a.language-switch", "href").as_deref(),
            Some(format!("/{path}").as_str())
        );
        assert_eq!(texts(&en, "a.language-switch"), ["Tiếng Việt"]);
    }
    assert!(!output.join("en/404.html").exists(), "one 404 page");
    assert!(!output.join("en/robots.txt").exists());
    assert!(
        !output.join("en/data").exists(),
        "data files once, at the root"
    );
    assert!(!output.join("en/anh").exists(), "photos once, at the root");
    let broken = broken_links(&output, "https://ocop.example.vn/", "/");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn english_pages_speak_english_and_fall_back_to_vietnamese_content() {
    let (_dir, root) = two_language_site(None);
    let output = root.join("public");

    let product = page(&output, "en/san-pham/hai-son/banh-pia/");
    assert_eq!(texts(&product, "h1"), ["Durian pia cake"]);
    assert!(
        texts(&product, ".prose")
            .concat()
            .contains("Flaky cake filled with durian.")
    );
    let group = texts(&product, ".facts dd a").join(" | ");
    assert!(
        group.contains("Processed rice and cereal products"),
        "{group}"
    );
    assert!(texts(&product, "h2").contains(&"OCOP certificate".to_string()));
    assert!(
        texts(&product, ".product-producer")
            .concat()
            .contains("Hai Son Pia Bakery"),
        "the producer's English name"
    );
    assert_eq!(
        attr(&product, ".product-rating .stars", "aria-label").as_deref(),
        Some("4-star OCOP")
    );
    assert_eq!(texts(&product, "nav.breadcrumbs a")[0], "Home");
    // Provinces keep their Vietnamese names, with English around them.
    assert!(
        texts(&product, ".facts dd")
            .join(" ")
            .contains("Sóc Trăng (now part of"),
        "{:?}",
        texts(&product, ".facts dd")
    );
    let jsonld = select(&product, r#"script[type="application/ld+json"]"#)[0]
        .text()
        .collect::<String>();
    let jsonld: serde_json::Value = serde_json::from_str(&jsonld).unwrap();
    assert_eq!(jsonld["name"], "Durian pia cake");
    assert_eq!(
        jsonld["url"],
        "https://ocop.example.vn/en/san-pham/hai-son/banh-pia/"
    );

    // Without name_en, the English page shows the Vietnamese name.
    let fallback = page(&output, "en/san-pham/dua-xanh/keo-dua/");
    assert_eq!(texts(&fallback, "h1"), ["Kẹo dừa"]);
    assert!(
        texts(&fallback, ".prose")
            .concat()
            .contains("Kẹo dừa truyền thống.")
    );

    // The Vietnamese page is unchanged by the English fields.
    let vietnamese = page(&output, "san-pham/hai-son/banh-pia/");
    assert_eq!(texts(&vietnamese, "h1"), ["Bánh pía sầu riêng"]);
    assert!(texts(&vietnamese, "h2").contains(&"Giấy chứng nhận OCOP".to_string()));

    let categories = page(&output, "en/nhom/");
    let names = texts(&categories, ".sector h2 a").join(" | ");
    assert!(names.contains("Food"), "{names}");
    assert!(!names.contains("Thực phẩm"), "{names}");

    let home = page(&output, "en/");
    assert_eq!(
        texts(&home, ".site-nav a"),
        ["Provinces", "Categories", "Star levels", "Producers"]
    );
    let links: Vec<String> = select(&home, ".site-nav a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert!(links.iter().all(|l| l.starts_with("/en/")), "{links:?}");
    assert_eq!(
        attr(&home, "form.header-search", "action").as_deref(),
        Some("/en/tim-kiem/")
    );
    let listing = page(&output, "en/sao/4/");
    let summary = texts(&listing, ".summary").concat();
    assert!(summary.contains("products"), "{summary}");
    assert!(!summary.contains("sản phẩm"), "{summary}");

    // The English search page loads the same bundle, with Vietnamese
    // filter values and English labels; the bundle holds an index of each
    // language, which the browser picks by `<html lang>`.
    let search = page(&output, "en/tim-kiem/");
    assert_eq!(
        attr(&search, ".search-page", "data-bundle").as_deref(),
        Some("/pagefind/pagefind.js")
    );
    assert!(output.join("pagefind/pagefind.js").is_file());
    let option = select(&search, "#f-nhom option[data-count]")
        .into_iter()
        .find(|o| o.value().attr("value") == Some("Chế biến từ gạo, ngũ cốc"))
        .expect("a group filter valued in Vietnamese");
    assert!(
        option
            .text()
            .collect::<String>()
            .starts_with("Processed rice")
    );
    let strings = attr(&search, ".search-page", "data-strings").unwrap();
    let strings: serde_json::Value = serde_json::from_str(&strings).unwrap();
    assert_eq!(strings["js_searching"], "Searching…");

    let entry: serde_json::Value = serde_json::from_slice(
        &std::fs::read(output.join("pagefind/pagefind-entry.json")).unwrap(),
    )
    .unwrap();
    let count = |language: &str| entry["languages"][language]["page_count"].as_u64();
    assert!(count("vi").is_some_and(|n| n > 0), "{entry}");
    assert_eq!(count("en"), count("vi"), "{entry}");
    let results = search_results(&output);
    let english = results
        .iter()
        .find(|r| r["url"] == "/en/san-pham/hai-son/banh-pia/")
        .expect("the English result of the translated product");
    assert_eq!(english["meta"]["title"], "Durian pia cake");
    assert_eq!(english["meta"]["producer"], "Hai Son Pia Bakery");
    assert!(
        english["meta"]["group"]
            .as_str()
            .is_some_and(|g| g.starts_with("Processed rice")),
        "{english}"
    );
    // Found by its Vietnamese name too, after the English text.
    let content = english["content"].as_str().unwrap();
    assert!(content.starts_with("Durian pia cake"), "{content}");
    assert!(content.contains("Bánh pía sầu riêng"), "{content}");
    let vietnamese = results
        .iter()
        .find(|r| r["url"] == "/san-pham/hai-son/banh-pia/")
        .expect("the Vietnamese result");
    assert_eq!(vietnamese["meta"]["title"], "Bánh pía sầu riêng");
    assert!(!vietnamese["content"].as_str().unwrap().contains("Durian"));
    // Every English result leads to an English page, every other to a
    // Vietnamese one.
    let english_urls = results
        .iter()
        .filter(|r| r["url"].as_str().unwrap().starts_with("/en/"))
        .count();
    assert_eq!(
        english_urls * 2,
        results.len(),
        "half the results are English"
    );
}

/// The data of every search result of the site's bundle, as the browser
/// reads it: gzip, then Pagefind's signature, then JSON.
fn search_results(output: &Path) -> Vec<serde_json::Value> {
    use std::io::Read;
    let dir = output.join("pagefind/fragment");
    std::fs::read_dir(&dir)
        .unwrap()
        .map(|file| {
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(file.unwrap().path()).unwrap())
                .read_to_end(&mut bytes)
                .unwrap();
            let json = bytes
                .strip_prefix(b"pagefind_dcd")
                .expect("Pagefind's signature");
            serde_json::from_slice(json).unwrap()
        })
        .collect()
}

#[test]
fn the_sitemap_lists_both_languages_with_alternates() {
    let (_dir, root) = two_language_site(None);
    let xml = std::fs::read_to_string(root.join("public/sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name(("http://www.sitemaps.org/schemas/sitemap/0.9", "loc")))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"https://ocop.example.vn/san-pham/hai-son/banh-pia/"));
    assert!(locs.contains(&"https://ocop.example.vn/en/san-pham/hai-son/banh-pia/"));
    let url = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("url")
                && n.children().any(|c| {
                    c.has_tag_name("loc")
                        && c.text() == Some("https://ocop.example.vn/en/san-pham/hai-son/banh-pia/")
                })
        })
        .unwrap();
    let alternates: Vec<(&str, &str)> = url
        .children()
        .filter(|n| n.has_tag_name(("http://www.w3.org/1999/xhtml", "link")))
        .map(|n| {
            (
                n.attribute("hreflang").unwrap(),
                n.attribute("href").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        alternates,
        [
            ("vi", "https://ocop.example.vn/san-pham/hai-son/banh-pia/"),
            (
                "en",
                "https://ocop.example.vn/en/san-pham/hai-son/banh-pia/"
            ),
            (
                "x-default",
                "https://ocop.example.vn/san-pham/hai-son/banh-pia/"
            ),
        ]
    );
    // The feed and the data stay Vietnamese, once.
    let feed = std::fs::read_to_string(root.join("public/feed.xml")).unwrap();
    assert!(feed.contains("xml:lang=\"vi\""));
    assert!(feed.contains("Bánh pía sầu riêng") && !feed.contains("Durian pia cake"));
}

#[test]
fn english_pages_live_under_the_base_path() {
    let (_dir, root) = two_language_site(Some("https://example.github.io/ocop/"));
    let output = root.join("public");
    let vi = page(&output, "san-pham/hai-son/banh-pia/");
    assert_eq!(
        attr(&vi, "a.language-switch", "href").as_deref(),
        Some("/ocop/en/san-pham/hai-son/banh-pia/")
    );
    assert_eq!(
        attr(&vi, r#"link[hreflang=en]"#, "href").as_deref(),
        Some("https://example.github.io/ocop/en/san-pham/hai-son/banh-pia/")
    );
    let broken = broken_links(&output, "https://example.github.io/ocop/", "/ocop/");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn two_language_builds_are_byte_identical() {
    let (_dir, root) = two_language_site(None);
    let first = snapshot(&root.join("public"));
    let again = root.join("again");
    let result = build(&root, &again, &[]);
    assert!(result.status.success(), "{:?}", text(&result));
    let second = snapshot(&again);
    assert_eq!(first.len(), second.len());
    for (path, bytes) in &first {
        assert!(second.get(path) == Some(bytes), "{path} differs");
    }
}

#[test]
fn a_single_language_site_has_no_english_pages_and_no_hreflang() {
    let (_dir, root) = site_with("");
    let output = root.join("public");
    let result = build(&root, &output, &[]);
    assert!(result.status.success(), "{:?}", text(&result));
    assert!(!output.join("en").exists());
    let home = page(&output, "");
    assert!(select(&home, "link[hreflang]").is_empty());
    assert!(select(&home, "a.language-switch").is_empty());
    assert_eq!(attr(&home, "html", "lang").as_deref(), Some("vi"));
    let sitemap = std::fs::read_to_string(output.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("hreflang"));
}

#[test]
fn english_fields_are_checked_like_the_others() {
    let (_dir, root) = site_with("languages: [vi, fr]\n");
    let output = root.join("public");
    let result = build(&root, &output, &[]);
    assert_eq!(result.status.code(), Some(1), "{:?}", text(&result));
    let (_, stderr) = text(&result);
    assert!(stderr.contains("languages"), "{stderr}");

    let (_dir, root) = site_with("");
    let product = root.join("content/producers/hai-son/products/banh-pia.yaml");
    let text_before = std::fs::read_to_string(&product).unwrap();
    std::fs::write(
        &product,
        format!("{text_before}description_en: \"![cake](../photos/missing.png)\"\n"),
    )
    .unwrap();
    let result = build(&root, &output, &[]);
    assert_eq!(result.status.code(), Some(1), "{:?}", text(&result));
    let (_, stderr) = text(&result);
    assert!(stderr.contains("missing.png"), "{stderr}");
}
