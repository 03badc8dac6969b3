//! Narrowing down without JavaScript, and the province map, checked on the
//! built example against its own data export (`data/products.json`): every
//! province links to the intersections it has, each intersection lists the
//! right products with the right count, category and star level pages link
//! to the same addresses, and the map has one linked tile per province.

use crate::common::{build, copy_tree, repo, text};
use scraper::{ElementRef, Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const BASE: &str = "https://ocop.example.vn/";

fn built(root: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let result = build(root, &out.path().join("public"), &[]);
    assert!(result.status.success(), "build failed: {:?}", text(&result));
    out
}

/// The HTML page at a root-relative address.
fn page(output: &Path, href: &str) -> Html {
    let file = output.join(href.trim_start_matches('/')).join("index.html");
    let html = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{href}: {e}"));
    Html::parse_document(&html)
}

fn select<'a>(element: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap();
    element.select(&selector).collect()
}

fn text_of(element: ElementRef<'_>) -> String {
    element.text().collect::<String>().trim().to_string()
}

/// The number at the start of a count ("1.234 sản phẩm" → 1234).
fn number(text: &str) -> usize {
    let digits: String = text
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .filter(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no count in {text:?}"))
}

/// Every product a listing shows, over all its pages (following `rel=next`).
fn listed(output: &Path, href: &str) -> BTreeSet<String> {
    let mut products = BTreeSet::new();
    let mut next = Some(href.to_string());
    let mut pages = 0;
    while let Some(href) = next {
        pages += 1;
        assert!(pages < 100, "{href}: pagination does not end");
        let document = page(output, &href);
        for card in select(document.root_element(), "article.card a.card-link") {
            products.insert(card.value().attr("href").unwrap().to_string());
        }
        next = select(document.root_element(), "a[rel=next]")
            .first()
            .and_then(|a| a.value().attr("href"))
            .map(str::to_string);
    }
    products
}

/// One product of the data export.
struct Row {
    url: String,
    province: String,
    sector: String,
    group: String,
    stars: u64,
}

fn products(output: &Path) -> Vec<Row> {
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(output.join("data/products.json")).unwrap())
            .unwrap();
    json["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| Row {
            url: p["url"].as_str().unwrap().replace(BASE, "/"),
            province: p["province"].as_str().unwrap().to_string(),
            sector: p["sector_code"].as_str().unwrap().to_string(),
            group: p["group_code"].as_str().unwrap().to_string(),
            stars: p["stars"].as_u64().unwrap(),
        })
        .collect()
}

/// What a narrowing link stands for: a category code ("I", "I.3.b") or a
/// star level ("sao-4").
fn key_of(link: ElementRef<'_>) -> String {
    match select(link, ".code").first() {
        Some(code) => text_of(*code),
        None => {
            let label = text_of(link);
            let stars = label.split(" sao").next().unwrap_or_default().trim();
            assert!(stars.parse::<u8>().is_ok(), "not a star level: {label:?}");
            format!("sao-{stars}")
        }
    }
}

fn matches(row: &Row, key: &str) -> bool {
    match key.strip_prefix("sao-") {
        Some(stars) => row.stars.to_string() == stars,
        None => row.sector == key || row.group == key,
    }
}

/// Each province's narrowing links: (province, key) → (address, count).
type Links = BTreeMap<(String, String), (String, usize)>;

/// The provinces of the provinces page: name → address.
fn provinces(output: &Path) -> BTreeMap<String, String> {
    let document = page(output, "/tinh/");
    select(document.root_element(), "ul.count-list a")
        .into_iter()
        .map(|a| {
            let name = text_of(select(a, ".label")[0]);
            (name, a.value().attr("href").unwrap().to_string())
        })
        .collect()
}

/// Reads every province page's narrowing links and checks each against the
/// data: the right products behind it, its count, a page under the province.
fn province_side(output: &Path, rows: &[Row]) -> Links {
    let mut links = Links::new();
    for (name, href) in provinces(output) {
        let document = page(output, &href);
        let mut keys = BTreeSet::new();
        for link in select(document.root_element(), "section.narrow a") {
            let target = link.value().attr("href").unwrap().to_string();
            let key = key_of(link);
            let count_element = select(link, ".count")
                .first()
                .copied()
                .or_else(|| {
                    // A sector heading: the count follows the link.
                    link.parent()
                        .and_then(ElementRef::wrap)
                        .and_then(|h| select(h, ".count").first().copied())
                })
                .unwrap_or_else(|| panic!("{href}: no count for {target}"));
            let count = number(&text_of(count_element));
            let expected: BTreeSet<String> = rows
                .iter()
                .filter(|r| r.province == name && matches(r, &key))
                .map(|r| r.url.clone())
                .collect();
            assert!(
                target.starts_with(&href) && target.len() > href.len(),
                "{href}: {key} links to {target}, not to a page under the province"
            );
            assert_eq!(count, expected.len(), "{href}: count shown for {key}");
            assert_eq!(
                listed(output, &target),
                expected,
                "{target}: products of {name} × {key}"
            );
            keys.insert(key.clone());
            links.insert((name.clone(), key), (target, count));
        }
        // Every non-empty combination is offered, and only those.
        let mut wanted = BTreeSet::new();
        for row in rows.iter().filter(|r| r.province == name) {
            wanted.insert(row.sector.clone());
            if row.group != row.sector {
                wanted.insert(row.group.clone());
            }
            wanted.insert(format!("sao-{}", row.stars));
        }
        assert_eq!(keys, wanted, "{href}: narrowing links");
    }
    links
}

#[test]
fn province_pages_link_to_intersections_with_the_right_products() {
    let out = built(&repo());
    let output = out.path().join("public");
    let rows = products(&output);
    let links = province_side(&output, &rows);
    assert!(links.len() >= 20, "only {} intersections", links.len());
    // Only non-empty combinations have pages: every intersection page on
    // disk is one the province pages link to.
    let mut on_disk = BTreeSet::new();
    for entry in walkdir::WalkDir::new(output.join("tinh")) {
        let entry = entry.unwrap();
        let relative = entry.path().strip_prefix(&output).unwrap();
        let parts: Vec<String> = relative
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if parts.len() == 5 && parts[4] == "index.html" && (parts[2] == "nhom" || parts[2] == "sao")
        {
            on_disk.insert(format!(
                "/{}/{}/{}/{}/",
                parts[0], parts[1], parts[2], parts[3]
            ));
        }
    }
    let linked: BTreeSet<String> = links.values().map(|(href, _)| href.clone()).collect();
    assert_eq!(on_disk, linked);
    // One address per intersection: nothing under a category's own pages.
    assert!(!output.join("nhom/thuc-pham/tinh").exists());
    // In the sitemap, with a title, a canonical address and breadcrumbs
    // back through the province.
    let sitemap = std::fs::read_to_string(output.join("sitemap.xml")).unwrap();
    for ((province, key), (href, _)) in &links {
        let absolute = format!("{}{}", BASE, &href[1..]);
        assert!(
            sitemap.contains(&format!("<loc>{absolute}</loc>")),
            "{href} in the sitemap"
        );
        let document = page(&output, href);
        let root = document.root_element();
        let title = text_of(select(root, "title")[0]);
        assert!(title.contains(province.as_str()), "{href}: title {title:?}");
        let canonical = select(root, "link[rel=canonical]")[0].value().attr("href");
        assert_eq!(canonical, Some(absolute.as_str()), "{href}: canonical");
        let crumbs: Vec<String> = select(root, "nav.breadcrumbs a")
            .iter()
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        let province_href = &provinces(&output)[province];
        assert_eq!(crumbs.first().map(String::as_str), Some("/"), "{href}");
        assert!(crumbs.contains(province_href), "{href}: crumbs {crumbs:?}");
        assert_eq!(
            select(root, "nav.breadcrumbs [aria-current=page]").len(),
            1,
            "{href}"
        );
        if !key.starts_with("sao-") && key.contains('.') {
            // A group's crumbs pass through its sector in the province.
            assert!(crumbs.len() >= 4, "{href}: crumbs {crumbs:?}");
        }
    }
}

#[test]
fn category_and_star_pages_link_to_the_same_intersections() {
    let out = built(&repo());
    let output = out.path().join("public");
    let rows = products(&output);
    let links = province_side(&output, &rows);
    // Every sector and group of the categories page, and every star level.
    let categories = page(&output, "/nhom/");
    let mut pages: Vec<(String, String)> = Vec::new();
    for a in select(categories.root_element(), ".sector h2 a, ul.count-list a") {
        pages.push((key_of(a), a.value().attr("href").unwrap().to_string()));
    }
    for stars in [3, 4, 5] {
        pages.push((format!("sao-{stars}"), format!("/sao/{stars}/")));
    }
    assert!(pages.len() > 20, "{pages:?}");
    let mut checked = 0;
    for (key, href) in pages {
        let document = page(&output, &href);
        let heading = select(document.root_element(), "#narrow-provinces-heading");
        let provinces: Vec<ElementRef<'_>> = match heading.first() {
            Some(h) => select(ElementRef::wrap(h.parent().unwrap()).unwrap(), "ul.chips a"),
            None => Vec::new(),
        };
        let mut seen = BTreeSet::new();
        for a in provinces {
            let name = text_of(select(a, ".label")[0]);
            let target = a.value().attr("href").unwrap().to_string();
            let count = number(&text_of(select(a, ".count")[0]));
            assert_eq!(
                links.get(&(name.clone(), key.clone())),
                Some(&(target.clone(), count)),
                "{href} links {name} to {target} ({count}); the province page disagrees"
            );
            seen.insert(name);
            checked += 1;
        }
        let wanted: BTreeSet<String> = rows
            .iter()
            .filter(|r| matches(r, &key))
            .map(|r| r.province.clone())
            .collect();
        assert_eq!(seen, wanted, "{href}: provinces offered");
    }
    assert_eq!(
        checked,
        links.len(),
        "every intersection is linked from its category or star level"
    );
}

#[test]
fn the_map_has_a_tile_for_each_of_the_34_units_linked_where_there_are_products() {
    let out = built(&repo());
    let output = out.path().join("public");
    let rows = products(&output);
    // The provinces page lists only units with products.
    let provinces = provinces(&output);
    let with_products: BTreeSet<&str> = rows.iter().map(|r| r.province.as_str()).collect();
    assert_eq!(
        provinces
            .keys()
            .map(String::as_str)
            .collect::<BTreeSet<_>>(),
        with_products
    );
    for href in ["/", "/tinh/"] {
        let document = page(&output, href);
        let root = document.root_element();
        let maps = select(root, "figure.cartogram svg");
        assert_eq!(maps.len(), 1, "{href}: one map");
        let tiles = select(maps[0], ".tile");
        assert_eq!(tiles.len(), 34, "{href}: tiles");
        let mut names = BTreeSet::new();
        let mut top = (0, String::new());
        let mut shaded = Vec::new();
        for tile in tiles {
            let label = tile.value().attr("aria-label").unwrap_or_default();
            let (name, count) = label
                .split_once(": ")
                .unwrap_or_else(|| panic!("{href}: tile named {label:?}"));
            assert!(count.ends_with(" sản phẩm"), "{href}: {label:?}");
            let count = number(count);
            let expected = rows.iter().filter(|r| r.province == name).count();
            assert_eq!(count, expected, "{href}: count of {name}");
            // A unit without products has no page, and its tile no link.
            assert_eq!(
                tile.value().attr("href"),
                provinces.get(name).map(String::as_str),
                "{href}: {name} links to its page"
            );
            assert_eq!(tile.value().name() == "a", expected > 0, "{href}: {name}");
            assert_eq!(text_of(select(tile, "title")[0]), label, "{href}: tooltip");
            assert!(
                !text_of(select(tile, "text")[0]).is_empty(),
                "{name}: label"
            );
            let class = tile.value().attr("class").unwrap_or_default().to_string();
            assert_eq!(
                class.contains("step-0"),
                expected == 0,
                "{href}: {name} ({expected}) is {class}"
            );
            shaded.push((step_of(&class), count));
            if count > top.0 {
                top = (count, class);
            }
            names.insert(name.to_string());
        }
        assert_eq!(names.len(), 34, "{href}: every unit once");
        assert!(top.1.contains("step-4"), "the most products, the darkest");
        let legend = select(root, "figure.cartogram .legend li");
        assert!(legend.len() >= 3, "{href}: legend");
        // The legend says what each shade holds: every tile's count is in
        // the range its shade's entry gives.
        let ranges: BTreeMap<usize, (usize, usize)> = legend
            .iter()
            .map(|entry| {
                let swatch = select(*entry, ".swatch")[0]
                    .value()
                    .attr("class")
                    .unwrap_or_default();
                let text = text_of(*entry);
                let numbers: Vec<usize> = text
                    .split(|c: char| !c.is_ascii_digit() && c != '.')
                    .filter(|n| !n.is_empty())
                    .map(number)
                    .collect();
                let range = match numbers[..] {
                    [] => (0, 0),
                    [n] => (n, n),
                    [low, high, ..] => (low, high),
                };
                (step_of(swatch), range)
            })
            .collect();
        for (step, count) in shaded {
            let (low, high) = ranges[&step];
            assert!(
                (low..=high).contains(&count),
                "{href}: {count} products shaded {step}, legend {ranges:?}"
            );
        }
    }
}

/// The shading step in a class list such as "tile step-3".
fn step_of(class: &str) -> usize {
    class
        .split_whitespace()
        .find_map(|c| c.strip_prefix("step-"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no step in {class:?}"))
}

#[test]
fn intersections_are_paginated_like_other_listings() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_tree(
        &repo().join("tests/sites/base/content"),
        &root.join("content"),
    );
    let site = root.join("content/site.yaml");
    let yaml = std::fs::read_to_string(&site)
        .unwrap()
        .replace("page_size: 2", "page_size: 1");
    std::fs::write(&site, yaml).unwrap();
    let out = built(&root);
    let output = out.path().join("public");
    // Two products of the food sector in Cần Thơ, one per page.
    let href = "/tinh/can-tho/nhom/thuc-pham/";
    assert!(
        output
            .join("tinh/can-tho/nhom/thuc-pham/trang/2/index.html")
            .is_file()
    );
    assert!(!output.join("tinh/can-tho/nhom/thuc-pham/trang/3").exists());
    assert_eq!(listed(&output, href).len(), 2);
    let second = page(&output, "/tinh/can-tho/nhom/thuc-pham/trang/2/");
    let title = text_of(select(second.root_element(), "title")[0]);
    assert!(title.contains("trang 2"), "{title}");
    let sitemap = std::fs::read_to_string(output.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://ocop.example.vn/tinh/can-tho/nhom/thuc-pham/trang/2/</loc>")
    );
    // No page for a combination without products.
    assert!(!output.join("tinh/can-tho/sao/5").exists());
    assert!(output.join("tinh/vinh-long/sao/5/index.html").is_file());
}
