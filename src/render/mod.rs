//! The pages stage: views of the catalogue rendered with the theme's tera
//! templates, written into the staging folder in parallel.

mod format;
mod pages;
mod theme;
pub mod urls;
mod views;

pub use format::{stars_label, thousands, vnd};
pub use pages::{Page, RenderError, find_collision, plan, render_site};
pub use theme::{Theme, ThemeError, content_hash, theme_dir};
pub use urls::Urls;
pub use views::Views;
