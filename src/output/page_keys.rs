//! The key each page was rendered from, kept in the cache beside the site
//! it describes, so that a build skips pages whose inputs did not change.

use super::MarkerStamp;
use std::path::{Path, PathBuf};

/// The key each page of a site was rendered from, and its size, by file.
pub type PageKeys = rustc_hash::FxHashMap<String, (u128, u64)>;
/// Keys of rendered pages: those of the reused folder's pages (checked to
/// belong to that folder through its marker), and those of the new site.
pub(super) struct PageKeyFile {
    pub(super) folder: PathBuf,
    pub(super) target_tag: String,
    /// Page → (key, size in bytes).
    pub(super) before: std::collections::HashMap<String, (u128, u64)>,
    pub(super) now: std::sync::Mutex<Vec<(String, u128, u64)>>,
}
/// What names the page memories of the site at `target`.
pub(super) fn target_tag(target: &Path) -> String {
    format!(
        "{:016x}",
        xxhash_rust::xxh3::xxh3_64(target.to_string_lossy().as_bytes())
    )
}

pub(super) fn memory_name(target_tag: &str, stamp: &MarkerStamp) -> String {
    let mut hash = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(stamp, &mut hash);
    format!("{target_tag}-{:016x}", std::hash::Hasher::finish(&hash))
}
impl PageKeyFile {
    /// Writes the keys of the new site as the memory of the site marked
    /// `site`; returns its name.
    pub(super) fn write(&self, site: &MarkerStamp) -> Option<String> {
        let mut now = self.now.lock().ok()?.clone();
        now.sort();
        let text: String = now
            .iter()
            .map(|(path, key, size)| format!("{key:032x} {size} {path}\n"))
            .collect();
        std::fs::create_dir_all(&self.folder).ok()?;
        let name = memory_name(&self.target_tag, site);
        let temporary = self.folder.join(format!(".{name}.{}", std::process::id()));
        if std::fs::write(&temporary, text).is_err()
            || std::fs::rename(&temporary, self.folder.join(&name)).is_err()
        {
            let _ = std::fs::remove_file(&temporary);
            return None;
        }
        Some(name)
    }

    pub(super) fn note(&self, relative: &str, key: u128, size: u64) {
        if let Ok(mut now) = self.now.lock() {
            now.push((relative.to_string(), key, size));
        }
    }

    /// Writes the keys of the new site (named by its marker) and removes
    /// older memories of this output, but the spare's. Best effort: a lost
    /// memory only means pages are rendered again.
    pub(super) fn save(self, site: Option<MarkerStamp>, spare: Option<MarkerStamp>) {
        let Some(site) = site else { return };
        let Some(name) = self.write(&site) else {
            return;
        };
        let keep = [Some(name), spare.map(|s| memory_name(&self.target_tag, &s))];
        if let Ok(entries) = std::fs::read_dir(&self.folder) {
            for entry in entries.filter_map(Result::ok) {
                let file = entry.file_name().to_string_lossy().into_owned();
                if file.starts_with(&self.target_tag) && !keep.contains(&Some(file)) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
    }
}
