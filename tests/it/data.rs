//! The data exports of the built example (`data/products.json`, `.csv`)
//! read back as a partner would, and `ocop import` of that CSV into an
//! empty site giving the same products again.

use crate::common::{build, repo, text};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn built(root: &Path, output: &Path) {
    let result = build(root, output, &[]);
    assert!(result.status.success(), "{:?}", text(&result));
}

fn products_json(output: &Path) -> Value {
    let text = std::fs::read_to_string(output.join("data/products.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn exports_every_product_as_json_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("public");
    built(&repo(), &output);
    let json = products_json(&output);
    let products = json["products"].as_array().unwrap();
    assert_eq!(json["count"], products.len());
    let pages: usize = std::fs::read_dir(output.join("san-pham"))
        .unwrap()
        .map(|p| std::fs::read_dir(p.unwrap().path()).unwrap().count())
        .sum();
    assert_eq!(products.len(), pages, "every product page");

    let bytes = std::fs::read(output.join("data/products.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers, ocop::data::COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), products.len());
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    // Same rows in the same (catalogue) order as the JSON.
    for (row, product) in rows.iter().zip(products) {
        assert_eq!(&row[column("url")], product["url"].as_str().unwrap());
        assert_eq!(&row[column("name")], product["name"].as_str().unwrap());
        assert_eq!(
            row[column("stars")].parse::<u64>().unwrap(),
            product["stars"].as_u64().unwrap()
        );
    }
    let names: Vec<&str> = products
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_by_cached_key(|n| ocop::text::sort_key(n));
    assert_eq!(names, sorted, "catalogue order");
    // The former province as written, the current one it is filed under.
    let pia = products
        .iter()
        .find(|p| p["product_slug"] == "banh-pia-sau-rieng-trung")
        .unwrap();
    assert_eq!(pia["province"], "Cần Thơ");
    assert_eq!(pia["province_as_written"], "Sóc Trăng");
    assert_eq!(pia["group_code"], "I.3.b");
    assert!(pia["certificate_decision"].as_str().is_some());
    for product in products {
        let url = product["url"].as_str().unwrap();
        let page = url.strip_prefix("https://ocop.example.vn/").unwrap();
        assert!(output.join(page).join("index.html").is_file(), "{url}");
        let photos = product["photos"].as_array().unwrap();
        assert!(!photos.is_empty(), "{url} has photos");
        for photo in photos {
            let path = photo
                .as_str()
                .unwrap()
                .strip_prefix("https://ocop.example.vn/")
                .unwrap();
            assert!(
                path.ends_with(".jpg") && output.join(path).is_file(),
                "{photo}"
            );
        }
    }
}

/// The JSON export without what an import cannot bring back (photos).
fn comparable(json: &Value) -> Vec<Value> {
    json["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let mut p = p.clone();
            p.as_object_mut().unwrap().remove("photos");
            p
        })
        .collect()
}

fn import(csv: &Path, root: &Path, extra: &[&str]) -> (bool, String, String) {
    let result = crate::common::import(csv, root, extra);
    let (stdout, stderr) = text(&result);
    (result.status.success(), stdout, stderr)
}

#[test]
fn importing_the_csv_into_an_empty_site_gives_the_same_products() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    built(&repo(), &first);
    let csv = first.join("data/products.csv");

    let root: PathBuf = dir.path().join("imported");
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::copy(
        repo().join("content/site.yaml"),
        root.join("content/site.yaml"),
    )
    .unwrap();
    let (ok, stdout, stderr) = import(&csv, &root, &["--dry-run"]);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(
        !root.join("content/producers").exists(),
        "a dry run writes nothing"
    );
    let (ok, stdout, stderr) = import(&csv, &root, &[]);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(stdout.contains("0 rows refused"), "{stdout}");

    let second = dir.path().join("second");
    built(&root, &second);
    let before = comparable(&products_json(&first));
    let after = comparable(&products_json(&second));
    assert_eq!(before.len(), after.len());
    for (a, b) in before.iter().zip(&after) {
        assert_eq!(a, b);
    }

    // Importing again changes nothing; a semicolon CSV without BOM reads the same.
    let (ok, stdout, _) = import(&csv, &root, &[]);
    assert!(
        ok && stdout.contains("0 files created, 0 updated"),
        "{stdout}"
    );
    let mut semicolons = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let bytes = std::fs::read(&csv).unwrap();
    for record in csv::Reader::from_reader(&bytes[3..]).into_records() {
        semicolons.write_record(&record.unwrap()).unwrap();
    }
    let mut header = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    header.write_record(ocop::data::COLUMNS).unwrap();
    let mut text = header.into_inner().unwrap();
    text.extend(semicolons.into_inner().unwrap());
    let other = dir.path().join("semicolons.csv");
    std::fs::write(&other, text).unwrap();
    let (ok, stdout, stderr) = import(&other, &root, &[]);
    assert!(
        ok && stdout.contains("0 files created, 0 updated"),
        "{stdout}\n{stderr}"
    );
}

#[test]
fn import_reports_unusable_rows_and_imports_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir_all(root.join("content")).unwrap();
    let csv = dir.path().join("in.csv");
    std::fs::write(
        &csv,
        "producer_name,producer_province,name,group_code,stars\nHTX Một,An Giang,Mắm cá linh,I.4.a,4\nHTX Hai,An Giang,Trà,I.9.z,6\n",
    )
    .unwrap();
    let (ok, stdout, stderr) = import(&csv, &root, &["--skip-invalid"]);
    assert!(!ok, "a refused row makes the exit status 1");
    assert!(stderr.contains("in.csv:3, column group_code"), "{stderr}");
    assert!(stderr.contains("in.csv:3, column stars"), "{stderr}");
    assert!(stdout.contains("1 rows used, 1 rows refused"), "{stdout}");
    assert!(
        root.join("content/producers/htx-mot/products/mam-ca-linh.yaml")
            .is_file()
    );
}
