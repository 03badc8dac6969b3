//! What a run made, how long each stage took, and why a run failed.

use crate::diagnostic::Diagnostics;
use crate::output::OutputError;
use crate::photos::PhotoStats;
use crate::render::{RenderError, ThemeError};
use crate::uptodate::BuildFigures;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Time spent in each stage.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Walking, parsing and checking content.
    pub load: Duration,
    /// Sorting and indexing.
    pub catalogue: Duration,
    /// Processing photos (or finding them in the cache).
    pub photos: Duration,
    /// Rendering pages and writing them with the photos and assets.
    pub render: Duration,
    /// Building (or reusing) the search index, alongside `render`.
    pub search: Duration,
    /// Writing sitemaps, the feed, the data exports and the editor's
    /// files, after the search index and alongside `render`.
    pub other_files: Duration,
    /// Swapping the new site in.
    pub commit: Duration,
    /// Peak memory of the process while reading content, photos and the
    /// catalogue, in bytes; Linux only.
    pub peak_reading: Option<u64>,
    /// Peak memory while pages and the other files were made side by side
    /// (the peak is reset when they start), in bytes; Linux only.
    pub peak_rendering: Option<u64>,
    /// Everything.
    pub total: Duration,
}

/// What a successful build made.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// Products published.
    pub products: usize,
    /// Producers published.
    pub producers: usize,
    /// Provinces with at least one product.
    pub provinces: usize,
    /// Pages of the site.
    pub pages: usize,
    /// Pages rendered by this build; the others were unchanged since the
    /// site they were kept from, so neither rendered nor written.
    pub rendered: usize,
    /// Files written (pages, photos, assets).
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// The output folder.
    pub output: PathBuf,
    /// Warnings, sorted by file and line.
    pub warnings: Diagnostics,
    /// Photos processed, reused and failed.
    pub photos: PhotoStats,
    /// Cached photos deleted by `--gc`.
    pub pruned: usize,
    /// The search index.
    pub search: crate::search::SearchStats,
    /// Time per stage.
    pub timings: Timings,
    /// Nothing changed since the last build, which left the output as it
    /// is: nothing was read or written, and the figures are that build's.
    pub up_to_date: bool,
    /// The run followed an edit of producer folders page by page, into the
    /// served folder in place: the search index, sitemaps, feed and exports
    /// wait for a run over everything (`search.stale` says so).
    pub page_by_page: bool,
    /// Warnings of that last build, when `up_to_date` (they are not read
    /// again; `ocop check` shows them).
    pub earlier_warnings: usize,
}

impl BuildSummary {
    /// What the up-to-date record keeps of this build, to report again.
    pub(super) fn figures(&self) -> BuildFigures {
        BuildFigures {
            products: self.products,
            producers: self.producers,
            provinces: self.provinces,
            pages: self.pages,
            files: self.files,
            bytes: self.bytes,
            warnings: self.warnings.len(),
        }
    }

    pub(super) fn up_to_date(
        figures: BuildFigures,
        output: PathBuf,
        started: Instant,
    ) -> BuildSummary {
        BuildSummary {
            products: figures.products,
            producers: figures.producers,
            provinces: figures.provinces,
            pages: figures.pages,
            rendered: 0,
            files: figures.files,
            bytes: figures.bytes,
            output,
            warnings: Diagnostics::new(),
            photos: PhotoStats::default(),
            pruned: 0,
            search: crate::search::SearchStats::default(),
            timings: Timings {
                total: started.elapsed(),
                ..Timings::default()
            },
            up_to_date: true,
            page_by_page: false,
            earlier_warnings: figures.warnings,
        }
    }
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The content has errors (and maybe warnings), sorted by file and line.
    #[error("the content has errors")]
    Content(Diagnostics),
    /// The output folder cannot be used or written.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// The theme cannot be loaded.
    #[error(transparent)]
    Theme(#[from] ThemeError),
    /// A page cannot be rendered.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// The search index cannot be built.
    #[error(transparent)]
    Search(#[from] crate::search::SearchError),
    /// The photo cache cannot be used.
    #[error("cannot use the photo cache {path}: {source}")]
    Cache {
        /// The cache folder.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
}

impl BuildError {
    /// Whether the run stopped because it was asked to (Ctrl-C, or a newer
    /// edit in `ocop serve`).
    pub fn is_interrupted(&self) -> bool {
        matches!(
            self,
            BuildError::Output(OutputError::Interrupted)
                | BuildError::Render(RenderError::Output(OutputError::Interrupted))
                | BuildError::Search(crate::search::SearchError::Output(OutputError::Interrupted))
        )
    }
}
