//! Carrying out a plan's uploads, a group at a time with `workers` at once;
//! and, for `--verify`, what the bucket holds according to a listing.

use super::client::Client;
use super::journal::Journal;
use super::local::{md5_hex, stored_bytes};
use super::manifest::{Entry, Manifest};
use super::plan::{Known, Plan, Upload};
use super::progress::Progress;
use super::{DeployError, DeploySummary};
use crate::cancel::Cancel;
use futures_util::StreamExt;
use std::collections::BTreeMap;
use std::time::Duration;

/// What the bucket holds by its listing: sizes and ETags (the MD5 ocop
/// stored in the metadata, for multipart objects), with the headers the
/// manifest recorded for objects whose bytes are the ones it recorded.
pub async fn known_by_listing(
    client: &Client,
    manifest: &Manifest,
) -> Result<BTreeMap<String, Known>, DeployError> {
    let mut known = BTreeMap::new();
    for (key, listed) in client.list().await? {
        let md5 = match listed.e_tag {
            Some(tag) if !tag.contains('-') => Some(tag),
            _ => client.stored_md5(&key).await?,
        };
        let headers = manifest
            .files
            .get(&key)
            .filter(|e| Some(&e.md5) == md5.as_ref() && e.size == listed.size)
            .map(|e| e.headers.clone());
        known.insert(
            key,
            Known {
                size: listed.size,
                md5,
                headers,
            },
        );
    }
    Ok(known)
}

/// A pause before each upload, so the tests can kill a deploy in the
/// middle of its uploads.
fn test_pause() -> Option<Duration> {
    std::env::var("OCOP_DEPLOY_SLOW_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map(Duration::from_millis)
}

/// Reads (and gzips) a file off the async threads, then stores it. The
/// entry is recomputed from the bytes actually sent, in case the file
/// changed since the scan.
async fn upload_one(client: &Client, upload: &Upload) -> Result<Entry, DeployError> {
    if let Some(pause) = test_pause() {
        tokio::time::sleep(pause).await;
    }
    let path = upload.file.path.clone();
    let headers = upload.file.entry.headers.clone();
    let read_headers = headers.clone();
    let bytes = tokio::task::spawn_blocking(move || stored_bytes(&path, &read_headers))
        .await
        .map_err(|e| DeployError::Remote(e.to_string()))?
        .map_err(|source| DeployError::Io {
            path: upload.file.path.clone(),
            source,
        })?;
    let entry = Entry {
        size: bytes.len() as u64,
        md5: md5_hex(&bytes),
        headers,
    };
    client
        .put(&upload.file.relative, bytes, &entry.headers, &entry.md5)
        .await?;
    Ok(entry)
}

/// Uploads every group in order, stopping after the first group with a
/// failure, so that no page goes up whose assets did not.
pub async fn upload_all(
    client: &Client,
    workers: usize,
    plan: &Plan,
    journal: &mut Journal,
    progress: &Progress,
    summary: &mut DeploySummary,
    cancel: &Cancel,
) -> Result<(), DeployError> {
    let total = plan.uploads.len();
    let mut start = 0;
    while start < total {
        let group = plan.uploads[start].group;
        let end = plan.uploads[start..]
            .iter()
            .position(|u| u.group != group)
            .map_or(total, |n| start + n);
        let mut failed: Vec<String> = Vec::new();
        let mut first_error = None;
        let mut results = futures_util::stream::iter(&plan.uploads[start..end])
            .map(|upload| async move {
                if cancel.is_cancelled() {
                    return (upload, Err(DeployError::Interrupted));
                }
                (upload, upload_one(client, upload).await)
            })
            .buffer_unordered(workers.max(1));
        while let Some((upload, result)) = results.next().await {
            match result {
                Ok(entry) => {
                    journal
                        .record(&upload.file.relative, &entry)
                        .map_err(|source| DeployError::Io {
                            path: "deploy journal".into(),
                            source,
                        })?;
                    summary.uploaded += 1;
                    summary.uploaded_bytes += entry.size;
                    progress.uploaded(summary.uploaded, total, entry.size);
                }
                Err(error) => {
                    failed.push(upload.file.relative.clone());
                    first_error.get_or_insert(error);
                }
            }
        }
        if let Some(error) = first_error {
            if matches!(error, DeployError::Interrupted) {
                return Err(error);
            }
            failed.extend(plan.uploads[end..].iter().map(|u| u.file.relative.clone()));
            return Err(DeployError::Incomplete {
                cause: Box::new(error),
                not_uploaded: failed,
            });
        }
        start = end;
    }
    Ok(())
}
