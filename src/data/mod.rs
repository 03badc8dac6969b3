//! Data for partners: the catalogue as JSON and CSV in every build, and
//! `ocop import`, which turns such a CSV (the spreadsheets provincial
//! offices keep) into content files.

mod content_files;
pub mod export;
pub mod frontmatter;
pub mod import;
mod rows;

pub use export::{COLUMNS, CSV_PATH, JSON_PATH, Record, write_exports};
pub use import::{ImportError, ImportOptions, ImportReport, RowProblem, import};
