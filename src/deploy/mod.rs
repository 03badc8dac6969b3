//! `ocop deploy`: the output folder uploaded to S3-compatible object
//! storage, only what changed, in an order that never shows a visitor a
//! page whose assets are missing, resumable after any interruption.
//!
//! Where things are: [`target`] reads the address and credentials,
//! [`local`] what the output would store, [`plan`] the comparison with
//! the [`manifest`] (or, with `--verify`, a listing), [`journal`] the
//! uploads of an unfinished deploy, [`client`] the requests.

pub mod client;
pub mod headers;
pub mod journal;
pub mod local;
pub mod manifest;
pub mod plan;
pub mod progress;
pub mod target;
mod upload;

use crate::cancel::Cancel;
use manifest::{MANIFEST_KEY, Manifest};
use plan::{Known, Plan};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
pub use target::{Connection, Target};

/// What `ocop deploy` was asked to do.
#[derive(Debug, Clone)]
pub struct DeployOptions {
    pub output: PathBuf,
    /// ocop's cache folder; the deploy's state goes in `deploy/` inside.
    pub cache_dir: PathBuf,
    pub target: Target,
    pub connection: Connection,
    pub dry_run: bool,
    /// None: [`plan::default_max_deletes`].
    pub max_deletes: Option<usize>,
    pub workers: usize,
    pub force: bool,
    pub verify: bool,
    /// A progress bar on a terminal.
    pub progress: bool,
}

/// Uploads at once unless `--workers` says otherwise: enough to hide the
/// latency of a distant server, few enough for a small office link.
pub const DEFAULT_WORKERS: usize = 16;

/// What a deploy did (or, for a dry run, would do).
#[derive(Debug, Default)]
pub struct DeploySummary {
    pub uploaded: usize,
    pub uploaded_bytes: u64,
    pub unchanged: usize,
    pub deleted: usize,
    /// Uploads a previous, interrupted deploy had finished.
    pub resumed: usize,
    pub elapsed: Duration,
    /// For a dry run: the plan, a line per file.
    pub plan: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum DeployError {
    #[error("{0}")]
    Target(String),
    #[error(
        "the server at {endpoint} refused the credentials ({code}): check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_REGION); nothing was changed"
    )]
    Credentials { code: String, endpoint: String },
    #[error("cannot reach {endpoint} after retrying: {detail}")]
    Unreachable { endpoint: String, detail: String },
    #[error("{0}")]
    Remote(String),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{} is not a site built by ocop (no {} marker): run `ocop build` first",
        .0.display(), crate::output::MARKER
    )]
    NotAnOutput(PathBuf),
    #[error(
        "{plan}refusing to deploy: {count} files would be deleted, more than --max-deletes {max}. Nothing was changed. If the output is right, run again with --max-deletes {count}"
    )]
    TooManyDeletes {
        count: usize,
        max: usize,
        plan: String,
    },
    #[error(
        "{cause}\n{} files were not uploaded ({}); the site in the bucket still works, and the next deploy uploads only these",
        not_uploaded.len(), preview(not_uploaded)
    )]
    Incomplete {
        cause: Box<DeployError>,
        not_uploaded: Vec<String>,
    },
    #[error("interrupted; the next deploy resumes where this one stopped")]
    Interrupted,
}

fn preview(keys: &[String]) -> String {
    let mut text: Vec<&str> = keys.iter().take(5).map(String::as_str).collect();
    if keys.len() > 5 {
        text.push("…");
    }
    text.join(", ")
}

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> DeployError + '_ {
    move |source| DeployError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The cache folder of one target: its manifest, file stamps and journal.
fn state_dir(options: &DeployOptions) -> PathBuf {
    let endpoint = options
        .connection
        .endpoint
        .clone()
        .unwrap_or_else(|| format!("aws:{}", options.connection.region));
    let id = format!("{endpoint}\n{}", options.target);
    let hash = xxhash_rust::xxh3::xxh3_64(id.as_bytes());
    options
        .cache_dir
        .join("deploy")
        .join(format!("{hash:016x}"))
}

/// Deploys the output to the target; see the module's description.
pub fn deploy(options: &DeployOptions, cancel: &Cancel) -> Result<DeploySummary, DeployError> {
    let started = Instant::now();
    if !options.output.join(crate::output::MARKER).is_file() {
        return Err(DeployError::NotAnOutput(options.output.clone()));
    }
    crate::photos::claim_cache_dir(&options.cache_dir).map_err(io_error(&options.cache_dir))?;
    let state = state_dir(options);
    std::fs::create_dir_all(&state).map_err(io_error(&state))?;
    let manifest_path = state.join("manifest.json");
    let stamps_path = state.join("stamps.json");
    let journal_path = state.join("journal.jsonl");

    let known_stamps = local::Stamps::read(&stamps_path);
    let (local, stamps) =
        local::scan(&options.output, &known_stamps).map_err(io_error(&options.output))?;
    let stamps_changed = stamps != known_stamps;
    drop(known_stamps);
    let client = client::Client::new(&options.connection, &options.target)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(io_error(&state))?;
    runtime.block_on(async {
        let cached = Manifest::read(&manifest_path);
        let mut fetched = false;
        let manifest = match cached {
            Some(manifest) => manifest,
            None => {
                fetched = true;
                client
                    .get(MANIFEST_KEY)
                    .await?
                    .and_then(|bytes| Manifest::from_bytes(&bytes))
                    .unwrap_or_default()
            }
        };
        let journal = journal::read(&journal_path);
        let mut known = if options.verify {
            upload::known_by_listing(&client, &manifest).await?
        } else {
            plan::known_from_manifest(&manifest)
        };
        let mut resumed = 0;
        if !options.verify {
            for (key, entry) in journal {
                resumed += 1;
                known.insert(
                    key,
                    Known {
                        size: entry.size,
                        md5: Some(entry.md5),
                        headers: Some(entry.headers),
                    },
                );
            }
        }
        let plan = plan::plan(&local, &known, options.force);
        let max = options
            .max_deletes
            .unwrap_or_else(|| plan::default_max_deletes(local.len()));
        if plan.deletes.len() > max {
            return Err(DeployError::TooManyDeletes {
                count: plan.deletes.len(),
                max,
                plan: plan.describe(),
            });
        }
        let mut summary = DeploySummary {
            unchanged: plan.unchanged,
            resumed,
            ..DeploySummary::default()
        };
        if options.dry_run {
            summary.uploaded = plan.uploads.len();
            summary.uploaded_bytes = plan.upload_bytes();
            summary.deleted = plan.deletes.len();
            summary.plan = Some(plan.describe());
            summary.elapsed = started.elapsed();
            return Ok(summary);
        }
        let done: BTreeMap<String, manifest::Entry> = local
            .iter()
            .map(|f| (f.relative.clone(), f.entry.clone()))
            .collect();
        let new_manifest = Manifest::new(done);
        let changed = !plan.is_empty() || resumed > 0 || new_manifest != manifest;
        if changed {
            apply(&client, options, &plan, &journal_path, &mut summary, cancel).await?;
            client.put_manifest(&new_manifest).await?;
        }
        // The cache copies are written last: a deploy stopped before this
        // point is finished by the next from the journal.
        if changed || fetched {
            new_manifest
                .write(&manifest_path)
                .map_err(io_error(&manifest_path))?;
        }
        if stamps_changed && !options.dry_run {
            stamps.write(&stamps_path).map_err(io_error(&stamps_path))?;
        }
        if let Ok(journal) = journal::Journal::open(&journal_path) {
            journal.finish().map_err(io_error(&journal_path))?;
        }
        summary.elapsed = started.elapsed();
        Ok(summary)
    })
}

/// Uploads group by group, then deletes.
async fn apply(
    client: &client::Client,
    options: &DeployOptions,
    plan: &Plan,
    journal_path: &Path,
    summary: &mut DeploySummary,
    cancel: &Cancel,
) -> Result<(), DeployError> {
    let mut journal = journal::Journal::open(journal_path).map_err(io_error(journal_path))?;
    let progress =
        progress::Progress::new(plan.uploads.len(), plan.upload_bytes(), options.progress);
    let result = upload::upload_all(
        client,
        options.workers,
        plan,
        &mut journal,
        &progress,
        summary,
        cancel,
    )
    .await;
    progress.finish();
    result?;
    if !plan.deletes.is_empty() {
        client.delete(&plan.deletes).await?;
        summary.deleted = plan.deletes.len();
    }
    Ok(())
}
