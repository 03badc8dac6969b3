//! `ocop import products.csv`: creates or updates producer and product
//! files from a CSV with the columns of `data/products.csv` (the
//! spreadsheets provincial offices keep).
//!
//! All or nothing: every problem of every row is reported (row, column,
//! why) and, unless `skip_invalid` asks to import the other rows, no file
//! is written when there is one. Files are matched by folder and
//! file name (the `producer_slug` and `product_slug` columns, or slugs made
//! from the names), then by name; existing files get only the fields the
//! row fills (see [`super::frontmatter`] for what is kept), new files are
//! `.yaml`. Photos and descriptions are never written: a CSV has neither.

use super::content_files::{self as files, files_with_names, find_file, find_match};
use super::export::COLUMNS;
use super::rows::{ProducerRow, ProductRow, RowReader};
use crate::content::{PRODUCERS_DIR, load_reference};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What to import, and where.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The CSV file.
    pub file: PathBuf,
    /// The site folder, holding `content/`.
    pub root: PathBuf,
    /// Report what would change without writing.
    pub dry_run: bool,
    /// Import the rows that can be used even when others cannot; by
    /// default one refused row means no file is written.
    pub skip_invalid: bool,
}

/// A row that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// Line of the CSV file the row starts on (the header is line 1).
    pub row: u64,
    /// The column at fault, if one is.
    pub column: Option<String>,
    /// What is wrong, in Vietnamese and English.
    pub message: (String, String),
}

/// What an import did (or, with `dry_run`, would do).
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// Files created, relative to the root.
    pub created: Vec<PathBuf>,
    /// Files whose fields changed.
    pub updated: Vec<PathBuf>,
    /// Files the rows matched that needed no change.
    pub unchanged: Vec<PathBuf>,
    /// Rows used.
    pub rows: usize,
    /// Rows refused.
    pub problems: Vec<RowProblem>,
    /// Whether files were written: false for a dry run, and for rows
    /// refused without `skip_invalid`.
    pub written: bool,
}

impl ImportReport {
    /// How many rows were refused (a row may have several problems).
    pub fn refused_rows(&self) -> usize {
        let mut rows: Vec<u64> = self.problems.iter().map(|p| p.row).collect();
        rows.dedup();
        rows.len()
    }
}

/// Why nothing could be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The CSV file cannot be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// The file is not CSV text this command understands.
    #[error("{path} is not a CSV file of products: {reason}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What about the file this command cannot read.
        reason: String,
    },
    /// A content file cannot be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
}

/// The delimiter of a CSV file: `;` (what Excel writes where the decimal
/// separator is a comma, as in Viet Nam) when the header has more of them
/// than commas, else `,`.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// Imports the rows of `options.file` into the content of `options.root`.
pub fn import(options: &ImportOptions) -> Result<ImportReport, ImportError> {
    let read_error = |source| ImportError::Read {
        path: options.file.clone(),
        source,
    };
    let bytes = std::fs::read(&options.file).map_err(read_error)?;
    let format_error = |reason: String| ImportError::Format {
        path: options.file.clone(),
        reason,
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| format_error("it is not UTF-8 text; save it as \"CSV UTF-8\"".into()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: BTreeMap<String, usize> = reader
        .headers()
        .map_err(|e| format_error(e.to_string()))?
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim().to_string(), i))
        .collect();
    if !headers.contains_key("name") || !headers.contains_key("producer_name") {
        return Err(format_error(format!(
            "the header row needs the columns name and producer_name (known columns: {})",
            COLUMNS.join(", ")
        )));
    }
    let (reference, _) = load_reference(&options.root);
    let mut report = ImportReport::default();
    let producers_dir = options.root.join(PRODUCERS_DIR);
    let existing_producers = files_with_names(&producers_dir, true);
    // Producers in first-seen order, each with its products.
    let mut plan: Vec<(ProducerRow, Vec<ProductRow>)> = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                report.problems.push(RowProblem {
                    row: error.position().map_or(index as u64 + 2, |p| p.line()),
                    column: None,
                    message: (
                        format!("không đọc được dòng: {error}"),
                        format!("cannot read the row: {error}"),
                    ),
                });
                continue;
            }
        };
        let row = record.position().map_or(index as u64 + 2, |p| p.line());
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut rows = RowReader {
            headers: &headers,
            record: &record,
            row,
            reference: &reference,
            problems: Vec::new(),
        };
        let producer = rows.producer();
        let known = producer
            .as_ref()
            .and_then(|(p, _)| find_match(&existing_producers, &p.slug, &p.name));
        if let Some((p, None)) = &producer
            && rows.cell("producer_province").is_none()
            && known.is_none()
            && !plan.iter().any(|(q, _)| q.slug == p.slug)
        {
            rows.problem(
                "producer_province",
                format!("chủ thể mới \"{}\" cần tỉnh, thành: điền cột producer_province, ví dụ An Giang", p.name),
                format!("the new producer \"{}\" needs its province: fill in producer_province, e.g. An Giang", p.name),
            );
        }
        let product = rows.product(producer.as_ref().and_then(|(_, place)| place.as_ref()));
        if !rows.problems.is_empty() {
            // In the order of the columns, as a spreadsheet user reads the row.
            rows.problems.sort_by_key(|p| {
                p.column
                    .as_ref()
                    .and_then(|c| headers.get(c))
                    .copied()
                    .unwrap_or(usize::MAX)
            });
            report.problems.extend(rows.problems);
            continue;
        }
        let (Some((mut producer, _)), Some(product)) = (producer, product) else {
            continue;
        };
        if let Some((slug, _)) = known {
            producer.slug = slug;
        }
        report.rows += 1;
        match plan.iter_mut().find(|(p, _)| p.slug == producer.slug) {
            Some((_, products)) => match products.iter_mut().find(|p| p.slug == product.slug) {
                Some(earlier) => *earlier = product,
                None => products.push(product),
            },
            None => plan.push((producer, vec![product])),
        }
    }
    if !report.problems.is_empty() && !options.skip_invalid {
        // All or nothing: a spreadsheet half imported is harder to put
        // right than one not imported at all.
        return Ok(report);
    }
    let mut changes = Vec::new();
    for (producer, products) in &plan {
        let dir = producers_dir.join(&producer.slug);
        let existing = find_file(&dir, "producer");
        let path = existing
            .as_ref()
            .map_or_else(|| dir.join("producer.yaml"), |e| e.path.clone());
        changes.push(files::plan(
            &options.root,
            &path,
            existing.as_ref(),
            &producer.fields,
        )?);
        let product_files = files_with_names(&dir.join("products"), false);
        for product in products {
            let found = find_match(&product_files, &product.slug, &product.name);
            let path = found.as_ref().map_or_else(
                || dir.join("products").join(format!("{}.yaml", product.slug)),
                |(_, e)| e.path.clone(),
            );
            changes.push(files::plan(
                &options.root,
                &path,
                found.as_ref().map(|(_, e)| e),
                &product.fields,
            )?);
        }
    }
    // Every file is read and changed in memory before the first is written.
    for change in &changes {
        if !options.dry_run && change.changes() {
            files::write(&options.root, change)?;
        }
        let relative = change.relative.clone();
        match (change.creates(), change.changes()) {
            (true, _) => report.created.push(relative),
            (false, true) => report.updated.push(relative),
            (false, false) => report.unchanged.push(relative),
        }
    }
    report.written = !options.dry_run;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        dir
    }

    fn run(dir: &Path, csv: &str, dry_run: bool) -> ImportReport {
        let file = dir.join("in.csv");
        std::fs::write(&file, csv).unwrap();
        import(&ImportOptions {
            file,
            root: dir.to_path_buf(),
            dry_run,
            skip_invalid: true,
        })
        .unwrap()
    }

    #[test]
    fn reports_every_problem_of_a_row_with_its_column() {
        let dir = site();
        let csv = "producer_name;producer_province;name;group_code;stars;price;certificate_date\n\
                   HTX A;Sóc Trăng;Gạo;I.2.a;4;150.000;2025-01-16\n\
                   HTX B;Mars;Bánh;Z.9;7;rẻ;32/13/2025\n";
        let report = run(dir.path(), csv, false);
        assert_eq!(report.rows, 1);
        let columns: Vec<(u64, Option<&str>)> = report
            .problems
            .iter()
            .map(|p| (p.row, p.column.as_deref()))
            .collect();
        assert_eq!(
            columns,
            [
                (3, Some("producer_province")),
                (3, Some("group_code")),
                (3, Some("stars")),
                (3, Some("price")),
                (3, Some("certificate_date")),
            ]
        );
        let product =
            std::fs::read_to_string(dir.path().join("content/producers/htx-a/products/gao.yaml"))
                .unwrap();
        let value: serde_yaml::Value = serde_yaml::from_str(&product).unwrap();
        assert_eq!(value["price"].as_u64(), Some(150_000));
        assert_eq!(value["certificate"]["date"].as_str(), Some("2025-01-16"));
        assert!(value.get("province").is_none(), "the producer's province");
        assert!(!dir.path().join("content/producers/htx-b").exists());
    }

    #[test]
    fn updates_front_matter_only_and_matches_by_name() {
        let dir = site();
        let products = dir.path().join("content/producers/dong-xanh/products");
        std::fs::create_dir_all(&products).unwrap();
        std::fs::write(
            dir.path().join("content/producers/dong-xanh/producer.yaml"),
            "name: Hợp tác xã Đồng Xanh\nprovince: Cần Thơ\n",
        )
        .unwrap();
        let body = "\nCâu chuyện, **không đổi**.\n\nname: x\n";
        std::fs::write(
            products.join("st25.md"),
            format!("---\n# giữ\nname: Gạo ST25\nstars: 3\nphotos: [a.jpg]\n---{body}"),
        )
        .unwrap();
        let csv = "producer_name,name,group_code,stars\nHỢP TÁC XÃ ĐỒNG XANH,gạo st25,I.2.a,4\n";
        let dry = run(dir.path(), csv, true);
        assert_eq!(dry.updated.len(), 2, "{dry:?}");
        let text = std::fs::read_to_string(products.join("st25.md")).unwrap();
        assert!(text.contains("stars: 3"), "a dry run writes nothing");
        let report = run(dir.path(), csv, false);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert!(report.created.is_empty(), "{:?}", report.created);
        let text = std::fs::read_to_string(products.join("st25.md")).unwrap();
        assert!(text.ends_with(&format!("---{body}")), "{text}");
        assert!(
            text.contains("# giữ\n")
                && text.contains("stars: 4\n")
                && text.contains("photos: [a.jpg]\n")
        );
        // Again: nothing to change.
        let again = run(dir.path(), csv, false);
        assert_eq!(again.unchanged.len(), 2);
    }

    #[test]
    fn one_bad_row_writes_nothing_unless_asked() {
        let dir = site();
        let csv = "producer_name,producer_province,name,group_code,stars\n\
                   HTX A,Sóc Trăng,Gạo,I.2.a,4\n\
                   HTX B,Sóc Trăng,Bánh,I.9.z,4\n\
                   HTX C,Mars,Trà,I.1.a,6\n";
        let file = dir.path().join("in.csv");
        std::fs::write(&file, csv).unwrap();
        let options = ImportOptions {
            file,
            root: dir.path().to_path_buf(),
            dry_run: false,
            skip_invalid: false,
        };
        let report = import(&options).unwrap();
        assert!(!report.written);
        assert_eq!(report.refused_rows(), 2, "{:?}", report.problems);
        assert_eq!(report.problems.len(), 3, "every problem of every row");
        assert!(!dir.path().join("content/producers").exists());
        let report = import(&ImportOptions {
            skip_invalid: true,
            ..options
        })
        .unwrap();
        assert!(report.written);
        assert!(dir.path().join("content/producers/htx-a").is_dir());
    }

    #[test]
    fn reads_back_a_former_category_with_its_label() {
        let dir = site();
        let csv = "producer_name,producer_province,name,category_as_written,group_code,stars,producer_phone\n\
                   HTX A,Sóc Trăng,Áo,Vải và may mặc (1048/QĐ-TTg),IV.2,4,'+84 299 123\n";
        let report = run(dir.path(), csv, false);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        let product =
            std::fs::read_to_string(dir.path().join("content/producers/htx-a/products/ao.yaml"))
                .unwrap();
        assert!(
            product.contains("category: \"Vải và may mặc\""),
            "{product}"
        );
        let producer =
            std::fs::read_to_string(dir.path().join("content/producers/htx-a/producer.yaml"))
                .unwrap();
        assert!(producer.contains("phone: \"+84 299 123\""), "{producer}");
    }

    #[test]
    fn refuses_files_that_are_not_csv_of_products() {
        let dir = site();
        let file = dir.path().join("x.csv");
        std::fs::write(&file, "a,b\n1,2\n").unwrap();
        let error = import(&ImportOptions {
            file,
            root: dir.path().to_path_buf(),
            dry_run: false,
            skip_invalid: false,
        })
        .unwrap_err();
        assert!(matches!(error, ImportError::Format { .. }), "{error}");
    }
}
