//! Builds the bundled example catalogue with the real binary and checks what
//! a consumer gets: every page, every link, the details of a product.

use crate::common::{
    broken_links, build, listings_have_products_and_the_sitemap_lists_the_pages, repo, text,
};
use std::path::Path;

fn built_example() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let result = build(&repo(), &output, &[]);
    let (stdout, stderr) = text(&result);
    assert!(result.status.success(), "build failed:\n{stdout}\n{stderr}");
    assert!(stdout.starts_with("Built "), "{stdout}");
    out
}

fn read(output: &Path, path: &str) -> String {
    std::fs::read_to_string(output.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn example_meets_the_content_brief() {
    let out = built_example();
    let output = out.path().join("public");
    let products = std::fs::read_dir(output.join("san-pham"))
        .unwrap()
        .map(|producer| std::fs::read_dir(producer.unwrap().path()).unwrap().count())
        .sum::<usize>();
    let producers = std::fs::read_dir(output.join("chu-the"))
        .unwrap()
        .filter(|e| {
            e.as_ref().unwrap().file_name() != "index.html"
                && e.as_ref().unwrap().file_name() != "trang"
        })
        .count();
    assert!(products >= 40, "{products} products");
    assert!(producers >= 12, "{producers} producers");
    let home = read(&output, "index.html");
    for stars in ["sao/3/", "sao/4/", "sao/5/"] {
        assert!(home.contains(stars), "home links to {stars}");
    }
    let provinces_with_products = std::fs::read_dir(output.join("tinh"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter(|e| !read(&e.path(), "index.html").contains("Chưa có sản phẩm"))
        .count();
    assert!(
        provinces_with_products >= 8,
        "{provinces_with_products} provinces"
    );
}

#[test]
fn every_internal_link_resolves() {
    let out = built_example();
    let output = out.path().join("public");
    let broken = broken_links(&output, "https://ocop.example.vn/", "/");
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn links_work_under_a_base_path() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    let result = build(
        &repo(),
        &output,
        &["--base-url", "https://example.github.io/ocop/"],
    );
    assert!(result.status.success(), "{:?}", text(&result));
    let broken = broken_links(&output, "https://example.github.io/ocop/", "/ocop/");
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
    let home = read(&output, "index.html");
    assert!(
        home.contains("href=\"/ocop/tinh/\""),
        "nav links carry the base path"
    );
    assert!(home.contains("<link rel=\"canonical\" href=\"https://example.github.io/ocop/\">"));
}

#[test]
fn a_product_page_shows_what_the_brief_asks() {
    let out = built_example();
    let output = out.path().join("public");
    let page = read(
        &output,
        "san-pham/banh-pia-hai-suong/banh-pia-sau-rieng-trung/index.html",
    );
    let document = scraper::Html::parse_document(&page);
    let select = |css: &str| -> Vec<String> {
        let selector = scraper::Selector::parse(css).unwrap();
        document
            .select(&selector)
            .map(|e| e.text().collect::<String>())
            .collect()
    };
    assert_eq!(select("h1").len(), 1);
    assert!(select("h1")[0].contains("Bánh pía"), "{:?}", select("h1"));
    // Stars with an accessible label, the producer linked, the former province shown.
    assert!(page.contains("aria-label=\"4 sao OCOP"), "star badge label");
    assert!(
        page.contains("href=\"/chu-the/banh-pia-hai-suong/\""),
        "producer linked"
    );
    assert!(
        page.contains("Sóc Trăng (nay thuộc TP. Cần Thơ)"),
        "former province shown"
    );
    assert!(
        page.contains("href=\"/tinh/can-tho/\""),
        "filed under the new unit"
    );
    // The certificate with decision, issuer, dates.
    let certificate = select(".certificate").join(" ");
    for part in ["Quyết định", "Cơ quan cấp", "Ngày ký", "Hiệu lực đến"] {
        assert!(
            certificate.contains(part),
            "certificate shows {part}: {certificate}"
        );
    }
    assert!(page.contains("₫"), "price in đồng");
    assert!(page.contains("<html lang=\"vi\">"));
    // Breadcrumb: home › province › group › product.
    let crumbs = select(".breadcrumbs li");
    assert_eq!(crumbs.len(), 4, "{crumbs:?}");
    assert_eq!(crumbs[1], "Cần Thơ");
}

#[test]
fn expired_certificates_are_shown_as_expired() {
    let out = built_example();
    let output = out.path().join("public");
    let page = read(
        &output,
        "san-pham/banh-pia-hai-suong/banh-pia-kim-sa/index.html",
    );
    assert!(page.contains("Đã hết hạn"), "expired certificate marked");
}

#[test]
fn listings_are_in_vietnamese_order_and_paginated() {
    let out = built_example();
    let output = out.path().join("public");
    let page = read(&output, "sao/3/index.html");
    let document = scraper::Html::parse_document(&page);
    let selector = scraper::Selector::parse(".card-title").unwrap();
    let names: Vec<String> = document
        .select(&selector)
        .map(|e| e.text().collect())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_by_cached_key(|n| ocop::text::sort_key(n));
    assert_eq!(names, sorted);
    assert!(
        output.join("sao/3/trang/2/index.html").is_file(),
        "page size 12 paginates 3-star products"
    );
    assert!(page.contains("rel=\"next\""));
}

#[test]
fn site_files_exist() {
    let out = built_example();
    let output = out.path().join("public");
    let sitemap = read(&output, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://ocop.example.vn/san-pham/"));
    assert!(read(&output, "robots.txt").contains("Sitemap: https://ocop.example.vn/sitemap.xml"));
    assert!(read(&output, "404.html").contains("Không tìm thấy"));
    let assets: Vec<String> = std::fs::read_dir(output.join("assets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        assets
            .iter()
            .any(|a| a.starts_with("style.") && a.ends_with(".css") && a.len() > "style.css".len()),
        "{assets:?}"
    );
    // Stylesheets and scripts are published minified: no comments, no
    // indentation, and smaller than the theme's files.
    for name in assets
        .iter()
        .filter(|a| a.ends_with(".css") || a.ends_with(".js"))
    {
        let published = read(&output, &format!("assets/{name}"));
        // "style.ce123bbd.css" is "style.css" in the theme.
        let mut parts = name.split('.');
        let source_name = format!("{}.{}", parts.next().unwrap(), parts.next_back().unwrap());
        let source = read(&repo().join("themes/default/static"), &source_name);
        assert!(
            !published.contains("/*") && !published.contains("\n  "),
            "{name}: {published}"
        );
        assert!(
            published.len() * 10 < source.len() * 9,
            "{name}: {} of {} bytes",
            published.len(),
            source.len()
        );
    }
}

#[test]
fn no_listing_page_is_empty_and_the_sitemap_lists_exactly_the_pages() {
    let out = built_example();
    let output = out.path().join("public");
    listings_have_products_and_the_sitemap_lists_the_pages(&output, "https://ocop.example.vn/");
}
