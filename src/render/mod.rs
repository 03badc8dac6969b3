//! The pages stage: views of the catalogue rendered with the theme's tera
//! templates, written into the staging folder in parallel.

mod addresses;
mod cards;
mod cartogram;
pub mod feed;
mod format;
pub mod jsonld;
mod key;
pub mod lastmod;
mod machine;
mod minify;
mod narrowing;
mod pages;
mod producer_files;
mod search_page;
pub use search_page::{KIND_PRODUCER, KIND_PRODUCT};
mod presenter;
pub mod qr;
pub mod sitemap;
mod theme;
mod update;
pub mod urls;
mod views;
pub(crate) mod xml;

pub use addresses::find_collision;
pub use cards::CardMemory;
pub use format::{thousands, vnd};
pub use lastmod::Dates;
pub use machine::write_machine_files;
pub use narrowing::Facet;
pub use pages::{Page, RenderError, Rendered, plan, render_site};
pub use presenter::Presenter;
pub use theme::{Theme, ThemeError, content_hash, theme_dir};
pub use update::{EditedEntries, EditedPlaces, PageUpdate, render_changed};
pub use urls::Urls;
