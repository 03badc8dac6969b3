//! The one pipeline every command drives.
//!
//! ```text
//! content (walk, parse, validate) → catalogue (model + indexes)
//!   → photos ∥ pages ∥ search index → output (staging swapped in, or live)
//! ```
//!
//! A [`Pipeline`] holds what the stages remember between runs and takes
//! [`Changes`]. `ocop build` runs it once with [`Changes::Everything`];
//! `ocop serve` feeds it the files each save touched; `ocop check` runs the
//! stages up to validation ([`Pipeline::check`]). A run over everything
//! writes into a [`Staging`](crate::output::Staging) folder swapped in at
//! the end ([`whole`]); a run over edited producer folders re-reads those
//! folders, renders the pages that can show them and writes them into the
//! served folder in place ([`edit`]), leaving the search index, sitemaps,
//! feed and exports to a run over everything that follows.

mod edit;
#[cfg(test)]
mod equivalence;
mod options;
mod photo_problems;
mod scope;
mod summary;
mod whole;

pub use options::BuildOptions;
pub use summary::{BuildError, BuildSummary, Timings};

use crate::cancel::Cancel;
use crate::catalogue::Catalogue;
use crate::content::{ContentMemo, LoadOptions};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Date;
use crate::output::PageKeys;
use crate::photos::{Photo, PhotoCache};
use crate::render::{CardMemory, Theme};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// What changed since the last run.
#[derive(Debug, Clone)]
pub enum Changes {
    /// Anything may have: every stage runs over everything (`ocop build`).
    Everything,
    /// These files were saved, made or removed (`ocop serve`).
    Files(Vec<PathBuf>),
}

/// When a run over everything builds the search index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Search {
    /// Before the site is swapped in.
    Now,
    /// Later, by another run: when the searchable text changed, the previous
    /// index is published for now, marked stale in the summary. `ocop serve`
    /// reloads the open pages first and indexes right after.
    Later,
}

/// What the stages remember after a run, to follow the next edit page by
/// page: the content as read, the catalogue, the photos, the theme, and
/// the key of every page of the served site.
struct Memory {
    content: ContentMemo,
    catalogue: Catalogue,
    photos: HashMap<PathBuf, Photo>,
    /// What is wrong with the photos.
    photo_problems: Vec<Diagnostic>,
    cache: PhotoCache,
    theme: Theme,
    /// The key and size of each page of the site, by file.
    pages: PageKeys,
    /// What every page of each language shares, as a key.
    globals: Vec<u128>,
    /// The product cards of each language.
    cards: Vec<CardMemory>,
    today: Date,
    /// The site folder.
    output: PathBuf,
}

/// The pipeline and what its stages remember.
pub struct Pipeline {
    options: BuildOptions,
    /// Held for writing while the published folder changes: `ocop serve`'s
    /// requests wait meanwhile, so no half-written page is served.
    site_lock: Option<Arc<RwLock<()>>>,
    /// Whether runs keep what they read and rendered for the next one.
    remembering: bool,
    memory: Option<Memory>,
}

impl Pipeline {
    /// A pipeline for one run (`ocop build`, `ocop check`): it keeps
    /// nothing in memory between runs (the caches on disk still serve).
    pub fn new(options: BuildOptions) -> Pipeline {
        Pipeline {
            options,
            site_lock: None,
            remembering: false,
            memory: None,
        }
    }

    /// A pipeline that remembers what each run read and rendered, so that
    /// edits of producer folders are followed page by page (`ocop serve`).
    /// It writes the published folder only while holding `site_lock`.
    pub fn remembering(options: BuildOptions, site_lock: Arc<RwLock<()>>) -> Pipeline {
        Pipeline {
            options,
            site_lock: Some(site_lock),
            remembering: true,
            memory: None,
        }
    }

    /// What the pipeline is asked to do.
    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Runs the stages that `changes` reach. On any error the published
    /// site is as it was. Edits inside producer folders, once a run over
    /// everything was remembered, are written into the site page by page,
    /// their warnings left out of the summary (see [`Pipeline::problems`])
    /// and the search index marked stale; anything else is a run over
    /// everything, whose search index waits when `search` says so.
    pub fn run(
        &mut self,
        changes: &Changes,
        search: Search,
        cancel: &Cancel,
    ) -> Result<BuildSummary, BuildError> {
        if let (Changes::Files(files), Some(memory)) = (changes, self.memory.as_mut())
            && let Some(folders) = scope::producer_folders(&self.options.root, files)
        {
            let lock = self.site_lock.as_deref();
            match edit::run(memory, &self.options, &folders, lock, cancel) {
                Ok(Some(summary)) => return Ok(summary),
                Ok(None) => {}
                Err(error) => {
                    // Content with errors leaves the site as it was, and
                    // what was remembered true of it; anything else may
                    // have left it between two states.
                    if !matches!(error, BuildError::Content(_)) {
                        self.memory = None;
                    }
                    return Err(error);
                }
            }
        }
        match whole::run(self, search, cancel) {
            Ok((summary, memory)) => {
                if self.remembering {
                    self.memory = memory;
                }
                Ok(summary)
            }
            // A run that gave up changed nothing: what was remembered is
            // still true of the published site.
            Err(error) if error.is_interrupted() => Err(error),
            Err(error) => {
                self.memory = None;
                Err(error)
            }
        }
    }

    /// Runs the stages up to validation: content, reference data, the
    /// theme's templates compiled, and every photo decoded (through the
    /// cache, so the next build reuses the work). Returns every problem,
    /// sorted; `Err` only for what is not a problem of the content.
    pub fn check(&mut self, cancel: &Cancel) -> Result<Diagnostics, BuildError> {
        let today = self.options.today.unwrap_or_else(Date::today);
        match whole::prepare(&self.options, today, None, cancel) {
            Ok(prepared) => {
                // The build would compile the theme next; a template that
                // does not compile fails the check as it fails the build.
                whole::load_theme(&self.options.root, &prepared.catalogue)?;
                Ok(prepared.warnings)
            }
            Err(BuildError::Content(diagnostics)) => Ok(diagnostics),
            Err(error) => Err(error),
        }
    }

    /// Every problem of the content and photos the site was last built
    /// from, sorted: an edit's summary leaves them out (a national
    /// catalogue has 27,000 warnings, and copying them took longer than
    /// writing the pages), for the caller to ask once pages have reloaded.
    pub fn problems(&self) -> Diagnostics {
        let Some(memory) = &self.memory else {
            return Diagnostics::new();
        };
        let mut problems = memory.content.diagnostics();
        problems.extend(memory.photo_problems.iter().cloned());
        problems.sort();
        problems
    }

    /// Keeps the keys of the served site's pages, changed by edits, as its
    /// page memory in the cache, for the run over everything that reuses
    /// the site: done once pages have reloaded, since no page waits for it.
    pub fn remember_pages(&self) {
        if let Some(memory) = &self.memory
            && let Ok(output) = crate::output::Live::open(&memory.output)
        {
            output.remember_pages(&self.options.cache_dir().join("pages"), &memory.pages);
        }
    }
}

/// Builds the site of `options` once, swapping it in at the end: `ocop
/// build`. On any error the previous output is left as it was.
pub fn build(options: &BuildOptions, cancel: &Cancel) -> Result<BuildSummary, BuildError> {
    Pipeline::new(options.clone()).run(&Changes::Everything, Search::Now, cancel)
}

/// Reads and checks the content and builds the catalogue, leaving photos
/// aside (they are only checked to exist): the quick check of content
/// alone, as the scale tests use it.
pub fn load_catalogue(
    root: &Path,
    options: &LoadOptions,
    cancel: &Cancel,
) -> Result<(Catalogue, Diagnostics, Duration), Diagnostics> {
    let (content, mut diagnostics) = crate::content::load(root, options, cancel);
    if let Some(site) = &content.site
        && let Err(problem) = crate::render::theme_dir(root, site.theme.as_deref())
    {
        diagnostics.push(*problem);
    }
    diagnostics.sort();
    match content.site.clone() {
        Some(site) if !diagnostics.has_errors() => {
            let started = std::time::Instant::now();
            let catalogue = Catalogue::new(content, site);
            Ok((catalogue, diagnostics, started.elapsed()))
        }
        _ => Err(diagnostics),
    }
}
