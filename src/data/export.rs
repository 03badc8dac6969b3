//! `data/products.json` and `data/products.csv`: every published product
//! with its producer, in catalogue order, for partners who want the data
//! rather than the pages. The columns are documented in `docs/data.md`;
//! `ocop import` reads the same CSV back.

use crate::output::{OutputError, Sink};
use crate::render::Presenter;
use crate::render::urls::section;
use serde::Serialize;

/// Where the exports are written, relative to the site.
pub const JSON_PATH: &str = "data/products.json";
/// The CSV export.
pub const CSV_PATH: &str = "data/products.csv";

/// The CSV columns, in order. Names are a public interface: never renamed.
pub const COLUMNS: &[&str] = &[
    "producer_slug",
    "producer_name",
    "producer_kind",
    "producer_province",
    "producer_address",
    "producer_phone",
    "producer_email",
    "producer_website",
    "producer_representative",
    "product_slug",
    "name",
    "province",
    "province_code",
    "province_as_written",
    "sector_code",
    "sector_name",
    "group_code",
    "group_name",
    "category_as_written",
    "stars",
    "potential_5_star",
    "certificate_decision",
    "certificate_issuer",
    "certificate_date",
    "certificate_valid_until",
    "price",
    "unit",
    "standards",
    "ingredients",
    "shelf_life",
    "packaging",
    "url",
    "photos",
];

/// Separates list items (standards) inside one CSV cell.
pub const LIST_SEPARATOR: &str = "; ";

/// One product with its producer, flat: a row of the CSV, an object of the JSON.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Record {
    /// Folder name of the producer.
    pub producer_slug: String,
    /// Producer name.
    pub producer_name: String,
    /// `doanh-nghiep`, `hop-tac-xa`, `to-hop-tac` or `ho-kinh-doanh`.
    pub producer_kind: Option<String>,
    /// The producer's province as written (a former province by its name).
    pub producer_province: String,
    /// Postal address.
    pub producer_address: Option<String>,
    /// Phone as written.
    pub producer_phone: Option<String>,
    /// Email.
    pub producer_email: Option<String>,
    /// Web site.
    pub producer_website: Option<String>,
    /// Representative.
    pub producer_representative: Option<String>,
    /// File name of the product, without extension.
    pub product_slug: String,
    /// Product name.
    pub name: String,
    /// The current province it is filed under.
    pub province: String,
    /// Its code (Decision 19/2025/QĐ-TTg).
    pub province_code: String,
    /// The province as written: a former province by its name, else `province`.
    pub province_as_written: String,
    /// Sector code (Decision 148/QĐ-TTg).
    pub sector_code: String,
    /// Sector name.
    pub sector_name: String,
    /// Group code.
    pub group_code: String,
    /// Group name.
    pub group_name: String,
    /// The category as written, when of the 2019 scheme.
    pub category_as_written: Option<String>,
    /// 3, 4 or 5.
    pub stars: u8,
    /// Awaiting national 5-star evaluation.
    pub potential_5_star: bool,
    /// Decision number.
    pub certificate_decision: Option<String>,
    /// Issuing body.
    pub certificate_issuer: Option<String>,
    /// Signing date, `YYYY-MM-DD`.
    pub certificate_date: Option<String>,
    /// Last valid day, `YYYY-MM-DD`.
    pub certificate_valid_until: Option<String>,
    /// Price in đồng.
    pub price: Option<u64>,
    /// What the price buys.
    pub unit: Option<String>,
    /// Standards.
    pub standards: Vec<String>,
    /// Ingredients.
    pub ingredients: Option<String>,
    /// Shelf life.
    pub shelf_life: Option<String>,
    /// Packaging.
    pub packaging: Option<String>,
    /// The product page, absolute.
    pub url: String,
    /// Photos, largest JPEG variants, absolute; the main one first.
    pub photos: Vec<String>,
}

/// The whole JSON export.
#[derive(Debug, Serialize)]
struct Export<'a> {
    title: &'a str,
    base_url: &'a str,
    count: usize,
    products: &'a [Record],
}

/// The records of every product, in catalogue order.
pub fn records(presenter: &Presenter<'_>) -> Vec<Record> {
    let catalogue = presenter.catalogue;
    let provinces = &catalogue.reference.provinces;
    let classification = &catalogue.reference.classification;
    let written = |place: &crate::model::Place| {
        let unit = provinces.get(place.province);
        place
            .former
            .and_then(|i| unit.former.get(i))
            .map_or_else(|| unit.name.clone(), |f| f.name.clone())
    };
    catalogue
        .products
        .iter()
        .map(|product| {
            let producer = catalogue.producer_of(product);
            let group = classification.group(product.group);
            let sector = classification.sector(group.sector);
            let unit = provinces.get(product.place.province);
            let certificate = product.certificate.as_ref();
            Record {
                producer_slug: producer.slug.clone(),
                producer_name: producer.name.clone(),
                producer_kind: producer.kind.map(|k| k.key().to_string()),
                producer_province: written(&producer.place),
                producer_address: producer.address.clone(),
                producer_phone: producer.phone.clone(),
                producer_email: producer.email.clone(),
                producer_website: producer.website.clone(),
                producer_representative: producer.representative.clone(),
                product_slug: product.slug.clone(),
                name: product.name.clone(),
                province: unit.name.clone(),
                province_code: unit.code.clone(),
                province_as_written: written(&product.place),
                sector_code: sector.code.clone(),
                sector_name: sector.name.clone(),
                group_code: group.code.clone(),
                group_name: group.name.clone(),
                category_as_written: product.former_category.clone(),
                stars: product.stars.number(),
                potential_5_star: product.potential_five_star,
                certificate_decision: certificate.and_then(|c| c.decision.clone()),
                certificate_issuer: certificate.and_then(|c| c.issuer.clone()),
                certificate_date: certificate.map(|c| c.date.iso()),
                certificate_valid_until: certificate.map(|c| c.valid_until.iso()),
                price: product.price,
                unit: product.unit.clone(),
                standards: product.standards.clone(),
                ingredients: product.ingredients.clone(),
                shelf_life: product.shelf_life.clone(),
                packaging: product.packaging.clone(),
                url: presenter.urls.absolute(&format!(
                    "{}/{}/{}/",
                    section::PRODUCTS,
                    producer.slug,
                    product.slug
                )),
                photos: product
                    .photos
                    .iter()
                    .filter_map(|p| presenter.largest_jpeg(producer, p))
                    .collect(),
            }
        })
        .collect()
}

impl Record {
    /// The CSV cells, in the order of [`COLUMNS`].
    pub fn cells(&self) -> Vec<String> {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        vec![
            self.producer_slug.clone(),
            self.producer_name.clone(),
            text(&self.producer_kind),
            self.producer_province.clone(),
            text(&self.producer_address),
            text(&self.producer_phone),
            text(&self.producer_email),
            text(&self.producer_website),
            text(&self.producer_representative),
            self.product_slug.clone(),
            self.name.clone(),
            self.province.clone(),
            self.province_code.clone(),
            self.province_as_written.clone(),
            self.sector_code.clone(),
            self.sector_name.clone(),
            self.group_code.clone(),
            self.group_name.clone(),
            text(&self.category_as_written),
            self.stars.to_string(),
            self.potential_5_star.to_string(),
            text(&self.certificate_decision),
            text(&self.certificate_issuer),
            text(&self.certificate_date),
            text(&self.certificate_valid_until),
            self.price.map(|p| p.to_string()).unwrap_or_default(),
            text(&self.unit),
            self.standards.join(LIST_SEPARATOR),
            text(&self.ingredients),
            text(&self.shelf_life),
            text(&self.packaging),
            self.url.clone(),
            self.photos.join(" "),
        ]
    }
}

/// What a spreadsheet reads as the start of a formula in a cell (OWASP's
/// CSV injection rule): `=`, `+`, `-`, `@`, a tab or a carriage return.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `cell` starts with apostrophes (maybe none) and then a formula
/// start: the cells [`neutralise`] prefixes and import strips.
pub fn needs_apostrophe(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A cell a spreadsheet shows as text: one `'` before a formula start (a
/// phone number `+84…` included). Apostrophes already there before a
/// formula start get one more, so that [`restore`] is exact.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if needs_apostrophe(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The value of a cell [`neutralise`] wrote: the apostrophe it added removed.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_apostrophe(rest) => rest,
        _ => cell,
    }
}

/// The CSV text: a UTF-8 BOM (so Excel reads Vietnamese right), a header
/// row, one row per product, RFC 4180 quoting and CRLF line ends, and
/// cells that a spreadsheet would run as a formula neutralised.
pub fn csv_bytes(records: &[Record]) -> Result<Vec<u8>, csv::Error> {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut bytes);
        writer.write_record(COLUMNS)?;
        for record in records {
            let cells = record.cells();
            writer.write_record(cells.iter().map(|c| neutralise(c).into_owned()))?;
        }
        writer.flush()?;
    }
    Ok(bytes)
}

/// The JSON text.
pub fn json_bytes(presenter: &Presenter<'_>, records: &[Record]) -> Vec<u8> {
    let site = &presenter.catalogue.site;
    let export = Export {
        title: &site.title,
        base_url: &site.base_url.full,
        count: records.len(),
        products: records,
    };
    // Serialising plain strings and numbers cannot fail.
    let mut bytes = serde_json::to_vec_pretty(&export).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Writes both exports into the site.
pub fn write_exports(presenter: &Presenter<'_>, sink: &dyn Sink) -> Result<(), OutputError> {
    let records = records(presenter);
    sink.write(JSON_PATH, &json_bytes(presenter, &records))?;
    let csv = csv_bytes(&records).map_err(|e| OutputError::Io {
        path: CSV_PATH.into(),
        source: std::io::Error::other(e.to_string()),
    })?;
    sink.write(CSV_PATH, &csv)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Record {
        Record {
            producer_slug: "a".into(),
            producer_name: "HTX \"Đồng Xanh\", Sóc Trăng".into(),
            producer_kind: Some("hop-tac-xa".into()),
            producer_province: "Sóc Trăng".into(),
            producer_address: Some("Ấp 1\nxã 2".into()),
            producer_phone: None,
            producer_email: None,
            producer_website: None,
            producer_representative: None,
            product_slug: "b".into(),
            name: "Gạo; ST25".into(),
            province: "Cần Thơ".into(),
            province_code: "92".into(),
            province_as_written: "Sóc Trăng".into(),
            sector_code: "I".into(),
            sector_name: "Thực phẩm".into(),
            group_code: "I.2.a".into(),
            group_name: "Gạo".into(),
            category_as_written: None,
            stars: 4,
            potential_5_star: true,
            certificate_decision: None,
            certificate_issuer: None,
            certificate_date: Some("2025-01-16".into()),
            certificate_valid_until: Some("2028-01-16".into()),
            price: Some(150_000),
            unit: None,
            standards: vec!["VietGAP".into(), "HACCP".into()],
            ingredients: None,
            shelf_life: None,
            packaging: None,
            url: "https://x.vn/san-pham/a/b/".into(),
            photos: vec!["https://x.vn/1.jpg".into(), "https://x.vn/2.jpg".into()],
        }
    }

    #[test]
    fn csv_has_a_bom_a_header_and_quoted_cells() {
        let bytes = csv_bytes(&[record()]).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBFproducer_slug,producer_name,"));
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(headers, COLUMNS);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        let cells: Vec<&str> = rows[0].iter().collect();
        assert_eq!(cells, record().cells());
        assert_eq!(cells[1], "HTX \"Đồng Xanh\", Sóc Trăng");
        assert_eq!(cells[4], "Ấp 1\nxã 2");
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            text.contains("\"HTX \"\"Đồng Xanh\"\", Sóc Trăng\""),
            "RFC 4180 quotes"
        );
        assert!(text.contains("\r\n"));
    }

    #[test]
    fn formulas_are_neutralised_and_restored_exactly() {
        for (value, written) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+84 912 345 678", "'+84 912 345 678"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("'=x", "''=x"),
            ("'quoted'", "'quoted'"),
            ("0912 345 678", "0912 345 678"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(neutralise(value), written);
            assert_eq!(restore(written), value);
        }
        let mut formula = record();
        formula.producer_phone = Some("+84 299 3822 123".into());
        formula.name = "=1+1".into();
        let text = String::from_utf8(csv_bytes(&[formula]).unwrap()).unwrap();
        assert!(text.contains(",'+84 299 3822 123,"), "{text}");
        assert!(text.contains(",'=1+1,"), "{text}");
    }

    #[test]
    fn every_column_has_a_cell() {
        assert_eq!(record().cells().len(), COLUMNS.len());
    }
}
