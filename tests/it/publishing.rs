//! What the built example offers search engines, chat apps and feed
//! readers, checked by parsing it: schema.org JSON-LD against the
//! vocabulary, Open Graph tags, titles and descriptions, the sitemap and
//! the Atom feed, the QR code read back from its pixels, and byte-identical
//! rebuilds.

use crate::common::{build, copy_tree, percent_decode, repo, snapshot, text};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

const BASE: &str = "https://ocop.example.vn/";
const PRODUCT: &str = "san-pham/banh-pia-hai-suong/banh-pia-sau-rieng-trung/";
const PRODUCER: &str = "chu-the/banh-pia-hai-suong/";

fn built_example() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("public");
    let result = build(&repo(), &output, &[]);
    assert!(result.status.success(), "{:?}", text(&result));
    (dir, output)
}

fn page(output: &Path, path: &str) -> scraper::Html {
    let file = output.join(path).join("index.html");
    let html = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{path}: {e}"));
    scraper::Html::parse_document(&html)
}

fn select<'a>(document: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = scraper::Selector::parse(css).unwrap();
    document.select(&selector).collect()
}

fn meta(document: &scraper::Html, attribute: &str, name: &str) -> Option<String> {
    select(document, &format!("meta[{attribute}=\"{name}\"]"))
        .first()
        .and_then(|e| e.value().attr("content"))
        .map(str::to_string)
}

/// The file an absolute address of the site is served from.
fn file_of(output: &Path, url: &str) -> PathBuf {
    let path = percent_decode(
        url.strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{url} is not on the site")),
    );
    if path.is_empty() || path.ends_with('/') {
        output.join(path).join("index.html")
    } else {
        output.join(path)
    }
}

fn json_ld(document: &scraper::Html) -> Vec<Value> {
    select(document, "script[type=\"application/ld+json\"]")
        .iter()
        .map(|script| {
            let text: String = script.text().collect();
            serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}\n{text}"))
        })
        .collect()
}

// ---------------------------------------------------------------------------
// A structural validator of schema.org JSON-LD. The `json-ld` crate would
// expand the document, but needs the schema.org context from the network
// (tests run offline) and expansion does not check the vocabulary anyway:
// this checks every node's properties against schema.org's definition of
// its type, and the properties search engines require.

/// The properties schema.org defines for each type used (those of its
/// supertypes Thing, Intangible, StructuredValue included, as far as used).
fn vocabulary() -> HashMap<&'static str, &'static [&'static str]> {
    const THING: &[&str] = &[
        "@context",
        "@type",
        "@id",
        "name",
        "url",
        "description",
        "image",
        "sameAs",
    ];
    let mut v: HashMap<&'static str, &'static [&'static str]> = HashMap::new();
    v.insert(
        "Product",
        &[
            "brand",
            "manufacturer",
            "category",
            "offers",
            "additionalProperty",
            "hasCertification",
            "sku",
            "gtin",
        ],
    );
    v.insert("Organization", &["address", "telephone", "email", "logo"]);
    v.insert(
        "Offer",
        &[
            "price",
            "priceCurrency",
            "seller",
            "eligibleQuantity",
            "availability",
        ],
    );
    v.insert(
        "PropertyValue",
        &["propertyID", "value", "minValue", "maxValue", "unitText"],
    );
    v.insert(
        "Certification",
        &[
            "certificationIdentifier",
            "issuedBy",
            "validFrom",
            "expires",
            "certificationRating",
            "certificationStatus",
        ],
    );
    v.insert("Rating", &["ratingValue", "bestRating", "worstRating"]);
    v.insert(
        "QuantitativeValue",
        &["value", "unitText", "unitCode", "minValue", "maxValue"],
    );
    v.insert(
        "PostalAddress",
        &[
            "streetAddress",
            "addressLocality",
            "addressRegion",
            "addressCountry",
            "postalCode",
        ],
    );
    v.into_iter()
        .map(|(k, props)| {
            let all: Vec<&'static str> = THING.iter().chain(props).copied().collect();
            (k, &*Box::leak(all.into_boxed_slice()))
        })
        .collect()
}

/// Every problem of a node and the nodes in it.
fn validate(node: &Value, at: &str, problems: &mut Vec<String>) {
    let vocabulary = vocabulary();
    let Some(map) = node.as_object() else {
        return;
    };
    let Some(kind) = map.get("@type").and_then(Value::as_str) else {
        problems.push(format!("{at}: a node without @type"));
        return;
    };
    let Some(allowed) = vocabulary.get(kind) else {
        problems.push(format!("{at}: unexpected type {kind}"));
        return;
    };
    for (key, value) in map {
        if !allowed.contains(&key.as_str()) {
            problems.push(format!("{at}: {kind} has no property {key} in schema.org"));
        }
        match value {
            Value::Object(_) => validate(value, &format!("{at}.{key}"), problems),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    validate(item, &format!("{at}.{key}[{i}]"), problems);
                }
            }
            Value::String(s) if s.trim().is_empty() => {
                problems.push(format!("{at}.{key} is empty"));
            }
            _ => {}
        }
    }
    let required: &[&str] = match kind {
        "Product" => &[
            "name",
            "url",
            "image",
            "description",
            "brand",
            "manufacturer",
            "category",
            "additionalProperty",
        ],
        "Organization" => &["name"],
        "Offer" => &["price", "priceCurrency"],
        "PropertyValue" => &["name", "value"],
        "PostalAddress" => &["addressCountry"],
        "Rating" => &["ratingValue"],
        _ => &[],
    };
    for key in required {
        if !map.contains_key(*key) {
            problems.push(format!("{at}: {kind} lacks {key}"));
        }
    }
}

fn validated(value: &Value) {
    assert_eq!(value["@context"], "https://schema.org");
    let mut problems = Vec::new();
    validate(value, "$", &mut problems);
    assert!(problems.is_empty(), "{}\n{value:#}", problems.join("\n"));
}

#[test]
fn product_and_producer_pages_carry_valid_schema_org_data() {
    let (_dir, output) = built_example();
    let document = page(&output, PRODUCT);
    let data = json_ld(&document);
    assert_eq!(data.len(), 1);
    let product = &data[0];
    validated(product);
    assert_eq!(product["@type"], "Product");
    assert_eq!(product["url"], format!("{BASE}{PRODUCT}"));
    let h1: String = select(&document, "h1")[0].text().collect();
    assert_eq!(product["name"], h1.trim());
    let images = product["image"].as_array().unwrap();
    assert!(images.len() >= 2, "sharing image and photos");
    for image in images {
        let file = file_of(&output, image.as_str().unwrap());
        assert!(file.is_file(), "{image} resolves");
    }
    let offer = &product["offers"];
    assert_eq!(offer["priceCurrency"], "VND");
    assert!(offer["price"].as_u64().unwrap() > 0);
    assert_eq!(product["brand"]["@type"], "Organization");
    assert_eq!(product["manufacturer"]["url"], format!("{BASE}{PRODUCER}"));
    let stars = product["additionalProperty"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["propertyID"] == "ocop-stars")
        .unwrap();
    assert_eq!(stars["value"], 4, "the page's star level");
    assert_eq!(
        product["hasCertification"]["certificationRating"]["ratingValue"],
        4
    );

    let document = page(&output, PRODUCER);
    let data = json_ld(&document);
    assert_eq!(data.len(), 1);
    let organization = &data[0];
    validated(organization);
    assert_eq!(organization["@type"], "Organization");
    assert_eq!(
        organization["@id"], product["manufacturer"]["@id"],
        "one node for the producer"
    );
    assert_eq!(organization["address"]["addressCountry"], "VN");
    let phone: String = select(&document, "a[href^=\"tel:\"]")[0].text().collect();
    assert_eq!(organization["telephone"], phone.trim());
    assert!(organization["email"].as_str().unwrap().contains('@'));
    assert!(file_of(&output, organization["logo"].as_str().unwrap()).is_file());

    // Every product page has valid data.
    for entry in std::fs::read_dir(output.join("san-pham")).unwrap() {
        for product in std::fs::read_dir(entry.unwrap().path()).unwrap() {
            let html = std::fs::read_to_string(product.unwrap().path().join("index.html")).unwrap();
            for value in json_ld(&scraper::Html::parse_document(&html)) {
                validated(&value);
            }
        }
    }
}

#[test]
fn a_name_holding_a_closing_script_tag_stays_inside_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_tree(
        &repo().join("tests/sites/base/content"),
        &root.join("content"),
    );
    let name = "Bánh </script><script>alert(1)</script> <!-- & pía";
    let file = root.join("content/producers/hai-son/products/banh-pia.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap().replace(
        "name: Bánh pía sầu riêng",
        &format!("name: {}", serde_json::to_string(name).unwrap()),
    );
    std::fs::write(&file, yaml).unwrap();
    let output = root.join("public");
    let result = build(&root, &output, &[]);
    assert!(result.status.success(), "{:?}", text(&result));
    let document = page(&output, "san-pham/hai-son/banh-pia/");
    // The JSON-LD and the theme's header script, nothing more.
    let scripts = select(&document, "script");
    assert_eq!(scripts.len(), 2, "the name added no script element");
    let data = json_ld(&document);
    assert_eq!(data[0]["name"], name, "the name, whole, in the JSON");
    validated(&data[0]);
}

#[test]
fn pages_have_sharing_tags_and_unique_titles() {
    let (_dir, output) = built_example();
    let document = page(&output, PRODUCT);
    let canonical = select(&document, "link[rel=canonical]")[0]
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    assert_eq!(meta(&document, "property", "og:url").unwrap(), canonical);
    assert_eq!(meta(&document, "property", "og:type").unwrap(), "product");
    assert_eq!(meta(&document, "property", "og:locale").unwrap(), "vi_VN");
    assert_eq!(
        meta(&document, "name", "twitter:card").unwrap(),
        "summary_large_image"
    );
    assert!(
        meta(&document, "property", "og:title")
            .unwrap()
            .contains("Bánh pía sầu riêng trứng")
    );
    assert!(
        !meta(&document, "property", "og:image:alt")
            .unwrap()
            .is_empty()
    );
    let image = meta(&document, "property", "og:image").unwrap();
    let size = image::image_dimensions(file_of(&output, &image)).unwrap();
    assert_eq!(size, (1200, 630), "the sharing image");
    assert_eq!(
        meta(&document, "property", "og:image:width").unwrap(),
        "1200"
    );
    assert_eq!(
        meta(&document, "property", "og:image:height").unwrap(),
        "630"
    );
    let feed = select(
        &document,
        "link[rel=alternate][type=\"application/atom+xml\"]",
    );
    assert!(file_of(&output, feed[0].value().attr("href").unwrap()).is_file());
    assert_eq!(
        meta(&page(&output, ""), "property", "og:type").unwrap(),
        "website"
    );

    // Every page: a title and a description, none shared with another page
    // of its language (a page and its translation may share a product name).
    let mut titles: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut descriptions: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut kinds = std::collections::BTreeSet::new();
    for entry in walkdir::WalkDir::new(&output) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let path = entry
            .path()
            .strip_prefix(&output)
            .unwrap()
            .display()
            .to_string();
        kinds.insert(path.split('/').next().unwrap().to_string());
        let document =
            scraper::Html::parse_document(&std::fs::read_to_string(entry.path()).unwrap());
        let title: String = select(&document, "title")[0].text().collect();
        let description = meta(&document, "name", "description").unwrap_or_default();
        assert!(!title.trim().is_empty(), "{path}: empty title");
        assert!(!description.trim().is_empty(), "{path}: empty description");
        let lang = select(&document, "html")[0]
            .value()
            .attr("lang")
            .unwrap_or_default()
            .to_string();
        if let Some(other) = titles.insert((lang.clone(), title.clone()), path.clone()) {
            panic!("{path} and {other} share the title {title:?}");
        }
        if let Some(other) = descriptions.insert((lang, description.clone()), path.clone()) {
            panic!("{path} and {other} share the description {description:?}");
        }
    }
    for kind in [
        "index.html",
        "404.html",
        "san-pham",
        "chu-the",
        "tinh",
        "nhom",
        "sao",
    ] {
        assert!(kinds.contains(kind), "checked a page of {kind}: {kinds:?}");
    }
}

fn xml(output: &Path, path: &str) -> String {
    std::fs::read_to_string(output.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const IMAGE_NS: &str = "http://www.google.com/schemas/sitemap-image/1.1";
const ATOM: &str = "http://www.w3.org/2005/Atom";

/// A W3C date-time as the sitemap and Atom write it.
fn is_datetime(text: &str) -> bool {
    let b = text.as_bytes();
    text.len() == 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'Z'
        && text.chars().filter(char::is_ascii_digit).count() == 14
}

#[test]
fn the_sitemap_lists_every_page_with_dates_and_photos() {
    let (_dir, output) = built_example();
    let text = xml(&output, "sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let root = doc.root_element();
    assert!(root.has_tag_name((SITEMAP_NS, "urlset")));
    let mut locations = Vec::new();
    let mut images = 0;
    for url in root.children().filter(|n| n.is_element()) {
        assert!(url.has_tag_name((SITEMAP_NS, "url")));
        let child = |name: &str| {
            url.children()
                .find(|c| c.has_tag_name((SITEMAP_NS, name)))
                .and_then(|c| c.text())
        };
        let loc = child("loc").unwrap().to_string();
        assert!(file_of(&output, &loc).is_file(), "{loc}");
        match child("lastmod") {
            Some(lastmod) => assert!(is_datetime(lastmod), "{loc}: {lastmod}"),
            // Only a listing without products has nothing to date it by.
            None => {
                let html = std::fs::read_to_string(file_of(&output, &loc)).unwrap();
                assert!(html.contains("class=\"empty\""), "{loc} has no lastmod");
            }
        }
        for image in url
            .descendants()
            .filter(|n| n.has_tag_name((IMAGE_NS, "loc")))
        {
            let src = image.text().unwrap();
            assert!(
                src.ends_with(".jpg") && file_of(&output, src).is_file(),
                "{src}"
            );
            images += 1;
        }
        locations.push(loc);
    }
    assert!(images >= 60, "{images} photos listed");
    // Every page but the 404 page is listed, once.
    let mut pages: Vec<String> = walkdir::WalkDir::new(&output)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_name() == "index.html")
        .map(|e| {
            let dir = e
                .path()
                .parent()
                .unwrap()
                .strip_prefix(&output)
                .unwrap()
                .display()
                .to_string();
            if dir.is_empty() {
                BASE.to_string()
            } else {
                format!("{BASE}{dir}/")
            }
        })
        .collect();
    // (Other features' pages, such as the search page, may choose otherwise.)
    pages.retain(|p| {
        let path = p.strip_prefix(BASE).unwrap();
        path.is_empty()
            || ["san-pham/", "chu-the/", "tinh/", "nhom/", "sao/"]
                .iter()
                .any(|s| path.starts_with(s))
    });
    let listed: std::collections::BTreeSet<&String> = locations.iter().collect();
    let missing: Vec<&String> = pages.iter().filter(|p| !listed.contains(p)).collect();
    assert!(missing.is_empty(), "not in the sitemap: {missing:?}");
    assert_eq!(listed.len(), locations.len(), "each address once");
    assert!(xml(&output, "robots.txt").contains(&format!("Sitemap: {BASE}sitemap.xml")));
}

#[test]
fn the_feed_is_atom_with_the_newest_certificates_first() {
    let (_dir, output) = built_example();
    let text = xml(&output, "feed.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    let child = |node: roxmltree::Node<'_, '_>, name: &str| -> Option<String> {
        node.children()
            .find(|c| c.has_tag_name((ATOM, name)))
            .and_then(|c| c.text().map(str::to_string))
    };
    for name in ["id", "title", "updated"] {
        assert!(
            child(feed, name).is_some_and(|t| !t.is_empty()),
            "feed/{name}"
        );
    }
    let links = |node: roxmltree::Node<'_, '_>, rel: &str| -> Vec<String> {
        node.children()
            .filter(|c| {
                c.has_tag_name((ATOM, "link")) && c.attribute("rel").unwrap_or("alternate") == rel
            })
            .filter_map(|c| c.attribute("href").map(str::to_string))
            .collect()
    };
    assert_eq!(links(feed, "self"), [format!("{BASE}feed.xml")]);
    let author = feed
        .children()
        .find(|c| c.has_tag_name((ATOM, "author")))
        .unwrap();
    assert!(child(author, "name").is_some());
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .collect();
    assert!(
        !entries.is_empty() && entries.len() <= 50,
        "{} entries",
        entries.len()
    );
    let mut ids = std::collections::HashSet::new();
    let mut previous: Option<String> = None;
    for entry in &entries {
        let id = child(*entry, "id").unwrap();
        assert!(ids.insert(id.clone()), "{id} twice");
        assert!(child(*entry, "title").is_some_and(|t| !t.is_empty()));
        let updated = child(*entry, "updated").unwrap();
        assert!(is_datetime(&updated), "{updated}");
        if let Some(previous) = &previous {
            assert!(
                *previous >= updated,
                "newest first: {previous} then {updated}"
            );
        }
        previous = Some(updated);
        let link = links(*entry, "alternate");
        assert!(file_of(&output, &link[0]).is_file(), "{link:?}");
        let author = entry
            .children()
            .find(|c| c.has_tag_name((ATOM, "author")))
            .unwrap();
        assert!(child(author, "name").is_some());
    }
    // The newest certificate of the example (2025-12-10) comes first.
    assert_eq!(
        child(entries[0], "title").unwrap(),
        "Tôm sú ruộng lúa cấp đông"
    );
}

/// Renders an SVG to pixels and reads the QR code in it, as a phone would.
fn decode_qr(svg: &str) -> String {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).unwrap();
    let scale = 6.0;
    let size = tree.size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(
        (size.width() * scale) as u32,
        (size.height() * scale) as u32,
    )
    .unwrap();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let (w, h) = (pixmap.width() as usize, pixmap.height() as usize);
    let data = pixmap.data().to_vec();
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
        let i = (y * w + x) * 4;
        if data[i + 3] == 0 { 255 } else { data[i] }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().unwrap().1
}

#[test]
fn the_qr_code_of_a_product_page_reads_back_as_its_address() {
    let (_dir, output) = built_example();
    for path in [PRODUCT, "san-pham/gao-thom-tran-de/gao-st25/"] {
        let document = page(&output, path);
        let svg = select(&document, "figure.qr svg");
        assert_eq!(svg.len(), 1, "{path}");
        let svg = svg[0];
        assert_eq!(svg.value().attr("role"), Some("img"));
        assert!(
            svg.value()
                .attr("aria-label")
                .is_some_and(|l| l.contains("QR"))
        );
        assert_eq!(decode_qr(&svg.html()), format!("{BASE}{path}"));
    }
}

#[test]
fn the_same_content_builds_to_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    let second = dir.path().join("elsewhere/second");
    for output in [&first, &second] {
        let result = build(&repo(), output, &[]);
        assert!(result.status.success(), "{:?}", text(&result));
    }
    let a = snapshot(&first);
    let b = snapshot(&second);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    let differing: Vec<&String> = a
        .iter()
        .filter(|(k, v)| b[*k] != **v)
        .map(|(k, _)| k)
        .collect();
    assert!(differing.is_empty(), "differ between builds: {differing:?}");
    // No path of the build machine in any file.
    let machine = [
        repo().display().to_string(),
        dir.path().display().to_string(),
    ];
    for (name, bytes) in &a {
        let text = String::from_utf8_lossy(bytes);
        for path in &machine {
            assert!(!text.contains(path.as_str()), "{name} holds {path}");
        }
    }
    // What hosts may cache forever carries a hash of its contents in its name.
    let hashed = |name: &str, digits: usize| {
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        stem.split(['.', '-'])
            .any(|part| part.len() == digits && part.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    for name in a.keys() {
        if let Some(asset) = name.strip_prefix("assets/") {
            assert!(hashed(asset, 8), "{name} has no content hash");
        }
        if name.starts_with("anh/") && (name.ends_with(".jpg") || name.ends_with(".webp")) {
            assert!(
                hashed(name.rsplit('/').next().unwrap(), 10),
                "{name} has no content hash"
            );
        }
    }
}
