//! ocop: a static site generator for Vietnam's OCOP product catalogue.
//!
//! One incremental [`pipeline`] makes the site, each stage a module:
//! [`content`] (walk, parse, validate) → [`catalogue`] (model and indexes)
//! → [`photos`] ∥ pages ([`render`]) ∥ [`search`] index → [`output`]
//! (staging folder swapped in, or the live folder `ocop serve` changes).
//! `ocop build`, `check` and `serve` drive it; the `ocop` binary only parses
//! arguments and prints, so tests and benchmarks drive the library directly.

pub mod allocator;
pub mod cancel;
pub mod catalogue;
pub mod check;
pub mod cms;
pub mod codeowners;
pub mod content;
pub mod data;
pub mod deploy;
pub mod diagnostic;
pub mod git;
pub mod i18n;
pub mod lang;
pub mod markdown;
pub mod model;
pub mod output;
pub mod peak_memory;
pub mod photos;
pub mod pipeline;
pub mod reference;
pub mod render;
pub mod safe_write;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod text;
pub mod uptodate;
