//! The national-scale generator (`benches/support/generate.rs`) at a tenth of
//! the national size: 2,000 products from 1,000 producers, with photos. The
//! real `ocop` binary must build it without errors, publish every product
//! and producer, and leave no broken internal link; generation must be
//! deterministic. Nothing here measures time (see `benches/generate.rs`).

use crate::common::generate::{Spec, Summary, generate};
use crate::common::{
    broken_links, build, listings_have_products_and_the_sitemap_lists_the_pages, snapshot, text,
};
use ocop::content::LoadOptions;
use ocop::diagnostic::{Problem, Severity};
use ocop::model::Date;
use ocop::pipeline::load_catalogue;
use std::path::{Path, PathBuf};

const PRODUCTS: usize = 2_000;
const PRODUCERS: usize = 1_000;

fn spec(seed: u64) -> Spec {
    Spec {
        products: PRODUCTS,
        producers: PRODUCERS,
        seed,
        photos: true,
    }
}

/// Content files under `content/producers`: (producer slug, product slugs).
fn generated_slugs(root: &Path) -> Vec<(String, Vec<String>)> {
    let mut producers = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("content/producers"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let slug = dir.file_name().unwrap().to_str().unwrap().to_string();
        let products = std::fs::read_dir(dir.join("products"))
            .unwrap()
            .map(|e| {
                let path = e.unwrap().path();
                path.file_stem().unwrap().to_str().unwrap().to_string()
            })
            .collect();
        producers.push((slug, products));
    }
    producers
}

fn check_shape(summary: &Summary) {
    assert_eq!(summary.products, PRODUCTS, "{summary}");
    assert_eq!(summary.producers, PRODUCERS, "{summary}");
    assert_eq!(summary.provinces, 34, "every province is used\n{summary}");
    assert_eq!(summary.categories, 26, "every category is used\n{summary}");
    let share = |n: usize, of: usize| n as f64 / of as f64;
    let three = share(summary.stars[0], PRODUCTS);
    assert!((0.60..0.73).contains(&three), "3-star share {three}");
    assert!(summary.stars[2] > 0, "some five-star products\n{summary}");
    assert!(
        summary.stars[2] < PRODUCTS / 50,
        "five-star products are rare\n{summary}"
    );
    assert!(summary.potential_5_star > 0, "{summary}");
    let former = share(summary.former_provinces, PRODUCERS);
    assert!((0.15..0.25).contains(&former), "former provinces {former}");
    let markdown = share(summary.markdown_files, PRODUCTS + PRODUCERS);
    assert!((0.4..0.6).contains(&markdown), "markdown share {markdown}");
    assert!(summary.photos >= PRODUCTS, "{summary}");
}

#[test]
fn national_sample_builds_with_every_page_and_link() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let summary = generate(&root, &spec(7)).unwrap();
    check_shape(&summary);

    // The only warnings are certificates older than 36 months, which a
    // catalogue of certificates from 2021–2025 is bound to have, and photos
    // written as bare paths, without alt text, as half of them are.
    let options = LoadOptions {
        base_url: None,
        today: Date::parse("2026-11-26").unwrap(), // SOURCE_DATE_EPOCH of crate::common::ocop
    };
    let (catalogue, warnings, _) =
        match load_catalogue(&root, &options, &ocop::cancel::Cancel::new()) {
            Ok(loaded) => loaded,
            Err(diagnostics) => panic!(
                "{} problems, the first: {:#?}",
                diagnostics.len(),
                diagnostics.iter().take(5).collect::<Vec<_>>()
            ),
        };
    assert_eq!(catalogue.products.len(), PRODUCTS);
    assert_eq!(catalogue.producers.len(), PRODUCERS);
    let unexpected: Vec<_> = warnings
        .iter()
        .filter(|d| {
            d.severity != Severity::Warning
                || !matches!(
                    d.problem,
                    Problem::CertificateExpired { .. } | Problem::MissingAltText { .. }
                )
        })
        .take(5)
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:#?}");

    let output = dir.path().join("public");
    let result = build(&root, &output, &[]);
    let (stdout, stderr) = text(&result);
    assert!(result.status.success(), "build failed:\n{stdout}\n{stderr}");
    assert!(
        stdout.contains(&format!(
            "for {PRODUCTS} products, {PRODUCERS} producers, 34 provinces"
        )),
        "{stdout}"
    );

    let mut products = 0;
    for (producer, slugs) in generated_slugs(&root) {
        let page = output.join("chu-the").join(&producer).join("index.html");
        assert!(page.is_file(), "no page for producer {producer}");
        for slug in slugs {
            let page = output
                .join("san-pham")
                .join(&producer)
                .join(&slug)
                .join("index.html");
            assert!(page.is_file(), "no page for product {producer}/{slug}");
            products += 1;
        }
    }
    assert_eq!(products, PRODUCTS);

    // Every province and every category lists products.
    for section in ["tinh", "nhom"] {
        let mut listings = 0;
        for entry in std::fs::read_dir(output.join(section)).unwrap() {
            let path = entry.unwrap().path();
            if !path.is_dir() || path.ends_with("trang") {
                continue;
            }
            let html = std::fs::read_to_string(path.join("index.html")).unwrap();
            assert!(
                html.contains("/san-pham/"),
                "{} lists no product",
                path.display()
            );
            listings += 1;
        }
        let least = if section == "tinh" { 34 } else { 26 };
        assert!(listings >= least, "{listings} listings under {section}/");
    }

    listings_have_products_and_the_sitemap_lists_the_pages(&output, "https://ocop.example.vn/");
    let broken = broken_links(&output, "https://ocop.example.vn/", "/");
    assert!(
        broken.is_empty(),
        "{} broken links, the first:\n{}",
        broken.len(),
        broken[..broken.len().min(20)].join("\n")
    );
}

#[test]
fn generation_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let generated = |name: &str, seed: u64| {
        let root = dir.path().join(name);
        let summary = generate(&root, &spec(seed)).unwrap();
        (summary, snapshot(&root.join("content")))
    };
    let (summary_a, a) = generated("a", 42);
    let (summary_b, b) = generated("b", 42);
    assert_eq!(summary_a, summary_b);
    assert_eq!(a.len(), b.len(), "same number of files");
    for ((path_a, bytes_a), (path_b, bytes_b)) in a.iter().zip(&b) {
        assert_eq!(path_a, path_b, "same file names");
        assert!(bytes_a == bytes_b, "{path_a} differs between two runs");
    }

    let (_, c) = generated("c", 43);
    assert!(a != c, "another seed gives another catalogue");

    // It never writes over existing content.
    let again = generate(&dir.path().join("a"), &spec(42));
    assert_eq!(again.unwrap_err().kind(), std::io::ErrorKind::AlreadyExists);
}
