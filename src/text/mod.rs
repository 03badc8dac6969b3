//! Vietnamese text handling: folding for matching and search, ASCII slugs,
//! alphabetical ordering, and the normalisation applied to everything read.

mod collate;
mod fold;
mod hidden;
mod normalize;
mod slug;

pub use collate::{SortKey, sort_key};
pub use fold::{fold, fold_into};
pub use hidden::{is_hidden_control, visible};
pub(crate) use normalize::compose;
pub use normalize::normalize;
pub use slug::{is_slug, slugify};
