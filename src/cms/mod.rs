//! The browser editor: Decap CMS, bundled, with a configuration generated
//! from the field specification ([`crate::content::spec`]), so a field added
//! to the contract appears in the editor with no other change.
//!
//! - the `cms:` section of `site.yaml` is read with the rest of it
//!   ([`crate::content::CmsSettings`]);
//! - [`bundle`]: the pinned Decap CMS script, embedded and checked by hash;
//! - [`config`]: `admin/config.yml` from the field tables and reference data;
//! - [`admin`]: the files written under `admin/` by a build.

pub mod admin;
pub mod bundle;
pub mod config;
pub use crate::content::{CmsSettings, REPO_PATTERN, valid_repo};
