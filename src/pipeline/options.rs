//! What a run of the pipeline is asked to do.

use crate::model::Date;
use std::path::PathBuf;

/// What a build is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holding `content/`).
    pub root: PathBuf,
    /// Where to write the site; `root/public` by default.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` of `site.yaml`.
    pub base_url: Option<String>,
    /// The day certificates are checked against; today by default.
    pub today: Option<Date>,
    /// Where processed photos are kept; `root/.ocop-cache` by default.
    pub cache_dir: Option<PathBuf>,
    /// Delete cached photos this build did not use.
    pub prune_cache: bool,
    /// Draw a progress bar for long photo work on a terminal.
    pub progress: bool,
    /// Build even when nothing changed since the last build.
    pub force: bool,
}

impl BuildOptions {
    /// Builds the site at `root` into `root/public`.
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            today: None,
            cache_dir: None,
            prune_cache: false,
            progress: false,
            force: false,
        }
    }

    /// The photo cache folder.
    pub fn cache_dir(&self) -> PathBuf {
        self.cache_dir
            .clone()
            .unwrap_or_else(|| self.root.join(crate::photos::DEFAULT_CACHE_DIR))
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}
