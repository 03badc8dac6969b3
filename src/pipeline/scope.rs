//! How far a set of changed files reaches: into producer folders only,
//! which a run can follow page by page, or further.

use crate::content::PRODUCERS_DIR;
use std::collections::HashSet;
use std::path::Path;

/// The producer folders (by name) that `changed` paths are in, when every
/// one is in a producer folder under `root`'s `content/producers`; `None`
/// when a path is elsewhere (site settings, reference data, the theme) or
/// names that folder itself, which a whole build must handle.
pub(super) fn producer_folders(
    root: &Path,
    changed: &[std::path::PathBuf],
) -> Option<HashSet<String>> {
    let producers = root.join(PRODUCERS_DIR);
    let canonical = producers.canonicalize().ok();
    let mut folders = HashSet::new();
    for path in changed {
        let relative = path
            .strip_prefix(&producers)
            .ok()
            .or_else(|| canonical.as_ref().and_then(|c| path.strip_prefix(c).ok()))?;
        let mut parts = relative.components();
        let folder = parts.next()?.as_os_str().to_str()?;
        // A folder come or gone is seen in the list of folders, read again
        // on each update; a file beside the folders is not a producer's.
        if parts.next().is_none() && !path.is_dir() && path.exists() {
            return None;
        }
        folders.insert(folder.to_string());
    }
    Some(folders)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_in_producer_folders_are_followed_page_by_page() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        let producers = root.join(PRODUCERS_DIR);
        std::fs::create_dir_all(producers.join("a/products")).unwrap();
        let changed = |paths: &[&str]| {
            let paths: Vec<_> = paths.iter().map(|p| root.join(p)).collect();
            producer_folders(root, &paths)
        };
        let folders = changed(&[
            "content/producers/a/products/x.yaml",
            "content/producers/b/producer.md",
        ])
        .unwrap();
        assert_eq!(folders.len(), 2);
        assert!(folders.contains("a") && folders.contains("b"));
        assert_eq!(changed(&["content/site.yaml"]), None);
        assert_eq!(changed(&["themes/default/templates/base.html"]), None);
        // A new folder is a producer's; a file beside the folders is not.
        assert!(changed(&["content/producers/a"]).is_some());
        std::fs::write(producers.join("notes.txt"), "x").unwrap();
        assert_eq!(changed(&["content/producers/notes.txt"]), None);
    }
}
