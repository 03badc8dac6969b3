//! `ocop build`: the whole pipeline, from content files to a swapped-in site.

use crate::catalogue::Catalogue;
use crate::content::{self, LoadOptions};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Date;
use crate::output::{OutputError, Staging, check_output};
use crate::render::{RenderError, Theme, ThemeError, Urls, Views, render_site, theme_dir};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
}

impl BuildOptions {
    /// Builds the site at `root` into `root/public`.
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            today: None,
        }
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// Time spent in each stage.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Walking, parsing and checking content.
    pub load: Duration,
    /// Sorting and indexing.
    pub catalogue: Duration,
    /// Rendering pages and writing them with the photos and assets.
    pub render: Duration,
    /// Swapping the new site in.
    pub commit: Duration,
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
    /// Pages rendered.
    pub pages: usize,
    /// Files written (pages, photos, assets).
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// The output folder.
    pub output: PathBuf,
    /// Warnings, sorted by file and line.
    pub warnings: Diagnostics,
    /// Time per stage.
    pub timings: Timings,
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
}

/// Reads and checks the site's content and builds the catalogue, without
/// writing anything. Errors come back as sorted diagnostics.
pub fn load_catalogue(
    root: &Path,
    options: &LoadOptions,
) -> Result<(Catalogue, Diagnostics, Duration), Diagnostics> {
    let (content, mut diagnostics) = content::load(root, options);
    let site = content.site.clone();
    let theme = site.as_ref().map(|s| theme_dir(root, s.theme.as_deref()));
    if let Some(Err(problem)) = theme {
        diagnostics.push(*problem);
    }
    diagnostics.sort();
    let site = match site {
        Some(site) if !diagnostics.has_errors() => site,
        _ => return Err(diagnostics),
    };
    let started = Instant::now();
    let catalogue = Catalogue::new(content, site);
    Ok((catalogue, diagnostics, started.elapsed()))
}

/// Builds the site. On any error the previous output is left as it was.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, BuildError> {
    let started = Instant::now();
    let output = check_output(&options.output_dir(), &options.root)?;
    let today = options.today.unwrap_or_else(Date::today);
    let load_options = LoadOptions {
        base_url: options.base_url.clone(),
        today,
    };
    let (catalogue, warnings, catalogue_time) =
        load_catalogue(&options.root, &load_options).map_err(BuildError::Content)?;
    if crate::output::stop_requested() {
        return Err(OutputError::Interrupted.into());
    }
    let load_time = started.elapsed() - catalogue_time;

    let render_started = Instant::now();
    let dir = theme_dir(&options.root, catalogue.site.theme.as_deref())
        .map_err(|d| BuildError::Content(single(*d)))?;
    let mut theme = Theme::load(dir.as_deref())?;
    let urls = Urls::new(&catalogue.site.base_url.full, &catalogue.site.base_url.path);
    let views = Views {
        catalogue: &catalogue,
        urls,
        today,
    };
    let staging = Staging::create(&output)?;
    let pages = render_site(&views, &mut theme, &staging)?;
    let (files, bytes) = staging.written();
    let render_time = render_started.elapsed();

    let commit_started = Instant::now();
    staging.commit()?;
    let commit_time = commit_started.elapsed();

    Ok(BuildSummary {
        products: catalogue.products.len(),
        producers: catalogue.producers.len(),
        provinces: catalogue
            .by_province
            .iter()
            .filter(|p| !p.is_empty())
            .count(),
        pages,
        files,
        bytes,
        output,
        warnings,
        timings: Timings {
            load: load_time,
            catalogue: catalogue_time,
            render: render_time,
            commit: commit_time,
            total: started.elapsed(),
        },
    })
}

impl BuildError {
    /// Whether the build stopped because it was asked to (Ctrl-C).
    pub fn is_interrupted(&self) -> bool {
        matches!(
            self,
            BuildError::Output(OutputError::Interrupted)
                | BuildError::Render(RenderError::Output(OutputError::Interrupted))
        )
    }
}

fn single(diagnostic: Diagnostic) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    diagnostics.push(diagnostic);
    diagnostics
}
