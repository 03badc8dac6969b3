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
        Some("/search-index/runtime.js")
    );
    assert_eq!(
        attr(&search, ".search-page", "data-language").as_deref(),
        Some("en")
    );
    assert!(output.join("search-index/runtime.js").is_file());
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

    let count = |language: &str| entry(&output, language)["records"].as_u64();
    assert!(count("vi").is_some_and(|n| n > 0));
    assert_eq!(count("en"), count("vi"));
    let results: Vec<serde_json::Value> = ["vi", "en"]
        .iter()
        .flat_map(|language| search_results(&output, language))
        .collect();
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
    // Found by its Vietnamese name too, in the English index.
    let english_words = indexed_words(&output, "en", "/en/san-pham/hai-son/banh-pia/");
    for word in ["durian", "pia", "cake", "banh", "sau", "rieng"] {
        assert!(english_words.contains(word), "{word}: {english_words:?}");
    }
    let vietnamese = results
        .iter()
        .find(|r| r["url"] == "/san-pham/hai-son/banh-pia/")
        .expect("the Vietnamese result");
    assert_eq!(vietnamese["meta"]["title"], "Bánh pía sầu riêng");
    let vietnamese_words = indexed_words(&output, "vi", "/san-pham/hai-son/banh-pia/");
    assert!(vietnamese_words.contains("banh"), "{vietnamese_words:?}");
    assert!(!vietnamese_words.contains("durian"), "{vietnamese_words:?}");
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

/// The entry of one language's search index.
fn entry(output: &Path, language: &str) -> serde_json::Value {
    let file = output.join(format!("search-index/{language}.json"));
    serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap()
}

/// A file of the search index, inflated.
fn index_file(output: &Path, language: &str, kind: &str, name: &str) -> Vec<u8> {
    use std::io::Read;
    let path = output.join(format!("search-index/{language}/{kind}/{name}.bin"));
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_end(&mut bytes)
        .unwrap();
    bytes
}

/// The data of every search result of one language, in record order, as
/// the browser reads it: the entry's bundles, gzip, then JSON.
fn search_results(output: &Path, language: &str) -> Vec<serde_json::Value> {
    let entry = entry(output, language);
    entry["bundles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|name| {
            let bytes = index_file(output, language, "r", name.as_str().unwrap());
            serde_json::from_slice::<Vec<serde_json::Value>>(&bytes).unwrap()
        })
        .collect()
}

/// The keys the word index of `language` files the record of `url` under,
/// read as `runtime.js` reads the chunks.
fn indexed_words(output: &Path, language: &str, url: &str) -> std::collections::BTreeSet<String> {
    fn number(bytes: &[u8], at: &mut usize) -> u64 {
        let (mut value, mut shift) = (0u64, 0);
        loop {
            let byte = bytes[*at];
            *at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return value;
            }
            shift += 7;
        }
    }
    fn text(bytes: &[u8], at: &mut usize) -> String {
        let length = number(bytes, at) as usize;
        *at += length;
        String::from_utf8(bytes[*at - length..*at].to_vec()).unwrap()
    }
    let record = search_results(output, language)
        .iter()
        .position(|r| r["url"] == url)
        .expect("the record") as u64;
    let mut keys = std::collections::BTreeSet::new();
    for name in entry(output, language)["chunks"].as_array().unwrap() {
        let bytes = index_file(output, language, "w", name.as_str().unwrap());
        let mut at = 0;
        for _ in 0..number(&bytes, &mut at) {
            let key = text(&bytes, &mut at);
            for _ in 0..number(&bytes, &mut at) {
                text(&bytes, &mut at);
            }
            let mut current = 0;
            for _ in 0..number(&bytes, &mut at) {
                current += number(&bytes, &mut at);
                number(&bytes, &mut at);
                at += 1;
                if current == record {
                    keys.insert(key.clone());
                }
            }
        }
    }
    keys
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
