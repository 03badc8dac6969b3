//! ocop: a static site generator for Vietnam's OCOP product catalogue.
//!
//! The build is a one-way pipeline, each stage a module:
//! [`content`] (walk, parse, validate) → [`catalogue`] (model and indexes)
//! → photos, pages ([`render`]) → [`output`] (staging folder, swap).
//! The `ocop` binary only parses arguments and prints; everything else is
//! here, so tests and benchmarks drive the library directly.

pub mod build;
pub mod catalogue;
pub mod check;
pub mod codeowners;
pub mod content;
pub mod data;
pub mod diagnostic;
pub mod i18n;
pub mod lang;
pub mod markdown;
pub mod memory;
pub mod model;
pub mod output;
pub mod photos;
pub mod reference;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod text;
pub mod uptodate;
