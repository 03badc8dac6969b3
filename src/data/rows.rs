//! One row of an imported CSV read into a producer and a product, with
//! every problem it has (see [`super::import`]).

use super::export::LIST_SEPARATOR;
use super::frontmatter::{self, Value, quoted};
use super::import::RowProblem;
use crate::content::parse_price;
use crate::model::{Date, Place, ProducerKind, StarLevel};
use crate::reference::{CategoryMatch, Classification, Reference};
use crate::text::{fold, is_slug, slugify};
use std::collections::BTreeMap;

/// A producer as a row describes it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ProducerRow {
    pub(super) slug: String,
    pub(super) name: String,
    pub(super) fields: Vec<(&'static str, Value)>,
}

/// A product as a row describes it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ProductRow {
    pub(super) slug: String,
    pub(super) name: String,
    pub(super) fields: Vec<(&'static str, Value)>,
}

/// A category of a former scheme as export writes it, "Vải và may mặc
/// (1048/QĐ-TTg)", is the name followed by its scheme: the name alone is
/// what the content file had, and what reads back to the same label.
fn former_without_label(classification: &Classification, written: &str) -> String {
    if classification.resolve(written).is_err()
        && let Some((name, _)) = written.rsplit_once(" (")
        && let Ok((_, Some(label))) = classification.resolve(name)
        && crate::text::fold(&label) == crate::text::fold(written)
    {
        return name.trim().to_string();
    }
    written.to_string()
}

/// Reads one row into a producer and a product, or every problem it has.
pub(super) struct RowReader<'a> {
    pub(super) headers: &'a BTreeMap<String, usize>,
    pub(super) record: &'a csv::StringRecord,
    pub(super) row: u64,
    pub(super) reference: &'a Reference,
    pub(super) problems: Vec<RowProblem>,
}

impl RowReader<'_> {
    pub(super) fn cell(&self, column: &str) -> Option<String> {
        let index = *self.headers.get(column)?;
        // The apostrophe export put before a formula is not part of the value.
        let raw = super::export::restore(self.record.get(index)?);
        let text = crate::text::normalize(raw.trim()).into_owned();
        (!text.is_empty()).then_some(text)
    }

    pub(super) fn problem(&mut self, column: &str, vi: String, en: String) {
        self.problems.push(RowProblem {
            row: self.row,
            column: Some(column.to_string()),
            message: (vi, en),
        });
    }

    fn required(&mut self, column: &str) -> Option<String> {
        let value = self.cell(column);
        if value.is_none() {
            self.problem(
                column,
                "cột này không được để trống: điền giá trị vào ô".into(),
                "this column must not be empty: fill the cell in".into(),
            );
        }
        value
    }

    fn province(&mut self, column: &str, written: &str) -> Option<Place> {
        match self.reference.provinces.resolve(written) {
            Ok(place) => Some(place),
            Err(suggestions) => {
                let hint = suggestions.join(", ");
                self.problem(
                    column,
                    format!("không có tỉnh, thành \"{written}\" (gần nhất: {hint})"),
                    format!("no province \"{written}\" (closest: {hint})"),
                );
                None
            }
        }
    }

    fn date(&mut self, column: &str) -> Option<Date> {
        let written = self.cell(column)?;
        let date = Date::parse(&written);
        if date.is_none() {
            self.problem(
                column,
                format!("ngày \"{written}\" không hợp lệ; viết 2024-03-15 hoặc 15/03/2024"),
                format!("\"{written}\" is not a date; write 2024-03-15 or 15/03/2024"),
            );
        }
        date
    }

    pub(super) fn producer(&mut self) -> Option<(ProducerRow, Option<Place>)> {
        let name = self.required("producer_name");
        let slug = match self.cell("producer_slug") {
            Some(slug) if is_slug(&slug) => Some(slug),
            Some(slug) => {
                self.problem(
                    "producer_slug",
                    format!("\"{slug}\" không phải tên thư mục hợp lệ (chữ thường không dấu, số, gạch nối)"),
                    format!("\"{slug}\" is not a valid folder name (lower-case ASCII, digits, hyphens)"),
                );
                None
            }
            None => name.as_deref().map(slugify).filter(|s| !s.is_empty()),
        };
        let mut fields = Vec::new();
        if let Some(name) = &name {
            fields.push(("name", quoted(name)));
        }
        if let Some(kind) = self.cell("producer_kind") {
            match ProducerKind::from_key(&slugify(&kind)) {
                Some(kind) => fields.push(("kind", Value::Inline(kind.key().into()))),
                None => self.problem(
                    "producer_kind",
                    format!("loại chủ thể \"{kind}\" không hợp lệ; dùng doanh-nghiep, hop-tac-xa, to-hop-tac hoặc ho-kinh-doanh"),
                    format!("unknown kind \"{kind}\"; use doanh-nghiep, hop-tac-xa, to-hop-tac or ho-kinh-doanh"),
                ),
            }
        }
        let place = match self.cell("producer_province") {
            Some(written) => {
                let place = self.province("producer_province", &written);
                fields.push(("province", quoted(&written)));
                place
            }
            None => None,
        };
        for (column, field) in [
            ("producer_address", "address"),
            ("producer_phone", "phone"),
            ("producer_email", "email"),
            ("producer_website", "website"),
            ("producer_representative", "representative"),
        ] {
            if let Some(value) = self.cell(column) {
                fields.push((field, quoted(&value)));
            }
        }
        Some((
            ProducerRow {
                slug: slug?,
                name: name?,
                fields,
            },
            place,
        ))
    }

    fn category(&mut self) -> Option<String> {
        let (column, written) = ["category_as_written", "group_code", "group_name"]
            .iter()
            .find_map(|c| self.cell(c).map(|v| (*c, v)))
            .or_else(|| {
                self.problem(
                    "group_code",
                    "thiếu nhóm sản phẩm (group_code)".into(),
                    "the product group (group_code) is missing".into(),
                );
                None
            })?;
        let written = former_without_label(&self.reference.classification, &written);
        match self.reference.classification.resolve(&written) {
            Ok((CategoryMatch::Group(_), _)) => Some(written),
            Ok(_) => {
                self.problem(
                    column,
                    format!("\"{written}\" là một ngành; hãy ghi mã nhóm, ví dụ I.2.a"),
                    format!("\"{written}\" is a sector; give a group code such as I.2.a"),
                );
                None
            }
            Err(suggestions) => {
                let hint = suggestions.join(", ");
                self.problem(
                    column,
                    format!("không có nhóm sản phẩm \"{written}\" (gần nhất: {hint})"),
                    format!("no category \"{written}\" (closest: {hint})"),
                );
                None
            }
        }
    }

    pub(super) fn product(&mut self, producer_place: Option<&Place>) -> Option<ProductRow> {
        let name = self.required("name");
        let slug = match self.cell("product_slug") {
            Some(slug) if is_slug(&slug) => Some(slug),
            Some(slug) => {
                self.problem(
                    "product_slug",
                    format!("\"{slug}\" không phải tên tệp hợp lệ; dùng chữ thường không dấu, số, gạch nối, hoặc để trống"),
                    format!("\"{slug}\" is not a valid file name; use lower-case ASCII, digits and hyphens, or leave it empty"),
                );
                None
            }
            None => name.as_deref().map(slugify).filter(|s| !s.is_empty()),
        };
        let category = self.category();
        let stars = match self.required("stars") {
            Some(text) => {
                let digits = text.trim_end_matches(['★', '*']).trim();
                let digits = digits.strip_suffix("sao").unwrap_or(digits).trim();
                let level = digits.parse().ok().and_then(StarLevel::from_number);
                if level.is_none() {
                    self.problem(
                        "stars",
                        format!("hạng sao \"{text}\" không hợp lệ; OCOP có 3, 4 hoặc 5 sao"),
                        format!("\"{text}\" is not a star level; OCOP has 3, 4 or 5 stars"),
                    );
                }
                level
            }
            None => None,
        };
        let mut fields = Vec::new();
        if let Some(name) = &name {
            fields.push(("name", quoted(name)));
        }
        if let Some(category) = &category {
            fields.push(("category", quoted(category)));
        }
        if let Some(stars) = stars {
            fields.push(("stars", Value::Inline(stars.number().to_string())));
        }
        if let Some(potential) = self.cell("potential_5_star") {
            let value = match fold(&potential).as_str() {
                "true" | "1" | "co" | "x" | "yes" => Some(true),
                "false" | "0" | "khong" | "no" => Some(false),
                _ => None,
            };
            match value {
                Some(value) => fields.push(("potential_5_star", Value::Inline(value.to_string()))),
                None => self.problem(
                    "potential_5_star",
                    format!("\"{potential}\" không phải true hoặc false; ghi true hoặc false"),
                    format!("\"{potential}\" is not true or false; write true or false"),
                ),
            }
        }
        let date = self.date("certificate_date");
        let valid_until = self.date("certificate_valid_until");
        let decision = self.cell("certificate_decision");
        let issuer = self.cell("certificate_issuer");
        match date {
            Some(date) => {
                let mut lines = Vec::new();
                if let Some(decision) = &decision {
                    lines.push(format!("decision: {}", frontmatter::quote(decision)));
                }
                lines.push(format!("date: {}", frontmatter::quote(&date.iso())));
                if let Some(issuer) = &issuer {
                    lines.push(format!("issuer: {}", frontmatter::quote(issuer)));
                }
                if let Some(until) = valid_until {
                    lines.push(format!("valid_until: {}", frontmatter::quote(&until.iso())));
                }
                fields.push(("certificate", Value::Block(lines)));
            }
            // A certificate without a date: unless the date was written and
            // already reported as unreadable, say it is missing.
            None if (decision.is_some() || issuer.is_some() || valid_until.is_some())
                && self.cell("certificate_date").is_none() =>
            {
                self.problem(
                    "certificate_date",
                    "giấy chứng nhận cần ngày ký".into(),
                    "a certificate needs its date".into(),
                );
            }
            None => {}
        }
        if let Some(price) = self.cell("price") {
            match parse_price(&price) {
                Some(amount) => fields.push(("price", Value::Inline(amount.to_string()))),
                None => self.problem(
                    "price",
                    format!("giá \"{price}\" không hợp lệ; viết 150000 hoặc 150.000"),
                    format!("\"{price}\" is not a price; write 150000 or 150.000"),
                ),
            }
        }
        if let Some(unit) = self.cell("unit") {
            fields.push(("unit", quoted(&unit)));
        }
        // The product's province only when it is not the producer's.
        let written = self
            .cell("province_as_written")
            .or_else(|| self.cell("province"));
        if let Some(written) = written
            && let Some(place) = self.province("province_as_written", &written)
            && Some(&place) != producer_place
        {
            fields.push(("province", quoted(&written)));
        }
        if let Some(standards) = self.cell("standards") {
            let items: Vec<String> = standards
                .split(LIST_SEPARATOR.trim())
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| format!("- {}", frontmatter::quote(s)))
                .collect();
            fields.push(("standards", Value::Block(items)));
        }
        for column in ["ingredients", "shelf_life", "packaging"] {
            if let Some(value) = self.cell(column) {
                fields.push((column, quoted(&value)));
            }
        }
        Some(ProductRow {
            slug: slug?,
            name: name?,
            fields,
        })
    }
}
