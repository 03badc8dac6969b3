//! The content files `ocop import` reads and writes: found by folder and
//! file name or by their `name` field, changed in memory first, and written
//! only once every row was read (see [`super::import`]), never through a
//! symbolic link and never half.

use super::frontmatter::{self, Value};
use super::import::ImportError;
use crate::safe_write::{Mode, refuse_links, write_file};
use crate::text::fold;
use std::path::{Path, PathBuf};

/// A content file found on disk.
#[derive(Debug, Clone)]
pub(super) struct Existing {
    pub(super) path: PathBuf,
    pub(super) markdown: bool,
    pub(super) name: Option<String>,
}

/// The `name` field of a content file, to match rows by name.
fn name_of(path: &Path, markdown: bool) -> Option<String> {
    // Not through a link: it could lead to any file (`/dev/zero`).
    if !path.symlink_metadata().ok()?.is_file() {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let range = frontmatter::yaml_range(text, markdown)?;
    let value: serde_yaml::Value = serde_yaml::from_str(&text[range]).ok()?;
    value.get("name")?.as_str().map(str::to_string)
}

/// The content file `stem`.yaml/.yml/.md in `dir`, if there is one.
pub(super) fn find_file(dir: &Path, stem: &str) -> Option<Existing> {
    ["yaml", "yml", "md"].iter().find_map(|ext| {
        let path = dir.join(format!("{stem}.{ext}"));
        // A link counts as there, so that writing it is refused rather
        // than a second file made beside it.
        let meta = path.symlink_metadata().ok()?;
        (!meta.is_dir()).then(|| Existing {
            markdown: *ext == "md",
            name: None,
            path,
        })
    })
}

/// Content files in `dir` (products), or producer files under it, with their names.
pub(super) fn files_with_names(dir: &Path, producer_files: bool) -> Vec<(String, Existing)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Existing)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let path = entry.path();
            if producer_files {
                let slug = entry.file_name().to_string_lossy().into_owned();
                let mut file = find_file(&path, "producer")?;
                file.name = name_of(&file.path, file.markdown);
                Some((slug, file))
            } else {
                let ext = path.extension()?.to_str()?;
                let markdown = ext == "md";
                if !(markdown || ext == "yaml" || ext == "yml") {
                    return None;
                }
                let slug = path.file_stem()?.to_string_lossy().into_owned();
                let name = name_of(&path, markdown);
                Some((
                    slug,
                    Existing {
                        path,
                        markdown,
                        name,
                    },
                ))
            }
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Finds the file a row means: by slug, then by name (ignoring case and
/// diacritics).
pub(super) fn find_match(
    files: &[(String, Existing)],
    slug: &str,
    name: &str,
) -> Option<(String, Existing)> {
    let folded = fold(name);
    files
        .iter()
        .find(|(s, _)| s == slug)
        .or_else(|| {
            files
                .iter()
                .find(|(_, f)| f.name.as_deref().is_some_and(|n| fold(n) == folded))
        })
        .cloned()
}

/// The change of one file, planned in memory.
#[derive(Debug, Clone)]
pub(super) struct Change {
    /// The file, relative to the site root.
    pub(super) relative: PathBuf,
    before: Option<String>,
    after: String,
}

impl Change {
    /// Whether the file would be created.
    pub(super) fn creates(&self) -> bool {
        self.before.is_none()
    }

    /// Whether the file's bytes would change.
    pub(super) fn changes(&self) -> bool {
        self.before.as_deref() != Some(self.after.as_str())
    }
}

/// Plans the change of the file at `path` (under `root`): `fields` set in
/// `existing`, or a new file of them. A symbolic link on the way is
/// refused before anything is read.
pub(super) fn plan(
    root: &Path,
    path: &Path,
    existing: Option<&Existing>,
    fields: &[(&str, Value)],
) -> Result<Change, ImportError> {
    let relative = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let error = |source| ImportError::Write {
        path: path.to_path_buf(),
        source,
    };
    refuse_links(root, &relative).map_err(error)?;
    let (before, after) = match existing {
        Some(file) => {
            let before = std::fs::read_to_string(&file.path).map_err(error)?;
            let bom = before.starts_with('\u{feff}');
            let text = before.strip_prefix('\u{feff}').unwrap_or(&before);
            let Some(after) = frontmatter::set_fields(text, file.markdown, fields) else {
                return Err(error(std::io::Error::other(
                    "a Markdown file without front matter (--- lines) cannot be updated",
                )));
            };
            let after = if bom {
                format!("\u{feff}{after}")
            } else {
                after
            };
            (Some(before), after)
        }
        None => (None, frontmatter::new_file(fields)),
    };
    Ok(Change {
        relative,
        before,
        after,
    })
}

/// Writes a planned change, each file whole (see [`crate::safe_write`]).
pub(super) fn write(root: &Path, change: &Change) -> Result<(), ImportError> {
    let mode = if change.creates() {
        Mode::CreateNew
    } else {
        Mode::Replace
    };
    write_file(root, &change.relative, change.after.as_bytes(), mode).map_err(|source| {
        ImportError::Write {
            path: root.join(&change.relative),
            source,
        }
    })
}
