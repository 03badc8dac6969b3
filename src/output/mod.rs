//! The last stage: writing the site without ever losing the previous one.
//!
//! Pages are written into a staging folder next to the output folder. Only
//! when everything succeeded is the staging folder swapped in; a failed or
//! interrupted build leaves the previous site as it was. The output folder
//! is replaced only when it is empty or carries the marker a previous build
//! left, so a mistyped `--output` cannot delete a folder of the user's files.

use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

/// Set when the user asked the build to stop (Ctrl-C, SIGTERM): stages
/// check it between units of work and give up, so the staging folder is
/// removed and the previous site stays as it was.
static STOP: AtomicBool = AtomicBool::new(false);

/// Asks every running stage to stop at its next check.
pub fn request_stop() {
    STOP.store(true, Ordering::SeqCst);
}

/// Whether a stop was asked for.
pub fn stop_requested() -> bool {
    STOP.load(Ordering::Relaxed)
}

/// Set while `ocop serve` waits for a build in the background to give up:
/// a newer edit makes it out of date.
static SUPERSEDED: AtomicBool = AtomicBool::new(false);

/// Makes running builds give up (`true`), or lets builds run again.
pub fn supersede(superseded: bool) {
    SUPERSEDED.store(superseded, Ordering::SeqCst);
}

/// Whether a build should give up at its next check: a stop was asked
/// for, or the build was superseded.
pub fn cancelled() -> bool {
    STOP.load(Ordering::Relaxed) || SUPERSEDED.load(Ordering::Relaxed)
}

/// The file that marks a folder as made by `ocop build`.
pub const MARKER: &str = ".ocop-build";
const MARKER_TEXT: &str =
    "This folder was written by `ocop build` and is replaced by each build.\n";

/// Why the output folder cannot be used or written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output would replace something that is not a previous build.
    #[error("refusing to write the site into {path}: {reason}")]
    Refused {
        /// The output folder.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The build was asked to stop before the new site was complete.
    #[error("interrupted; the previous site was left as it was")]
    Interrupted,
    /// A file system operation failed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// What was being written.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Makes `path` absolute and free of `.` and `..` without requiring it to exist.
fn absolute(path: &Path) -> io::Result<PathBuf> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    // Resolve symbolic links in the part that exists, so comparisons below
    // see through them.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_os_string()),
            None => break,
        }
        existing.pop();
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

/// Checks that `output` may be replaced by a build of the site at `root`.
pub fn check_output(output: &Path, root: &Path) -> Result<PathBuf, OutputError> {
    let refuse = |reason: &str| OutputError::Refused {
        path: output.to_path_buf(),
        reason: reason.to_string(),
    };
    let path = absolute(output).map_err(io_error(output))?;
    let root = absolute(root).map_err(io_error(root))?;
    if path.parent().is_none() {
        return Err(refuse("it is the root of the file system"));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolute(&home).is_ok_and(|home| home == path)
    {
        return Err(refuse("it is your home folder"));
    }
    if root.starts_with(&path) {
        return Err(refuse(
            "it holds the site's own files (content/); choose a folder such as public/",
        ));
    }
    for protected in ["content", "themes", ".git"] {
        if path.starts_with(root.join(protected)) {
            return Err(refuse(&format!(
                "it is inside the site's {protected}/ folder"
            )));
        }
    }
    match path.symlink_metadata() {
        Err(_) => Ok(path),
        Ok(meta) if meta.file_type().is_symlink() => Err(refuse("it is a symbolic link")),
        Ok(meta) if !meta.is_dir() => Err(refuse("it is a file, not a folder")),
        Ok(_) => {
            let empty = std::fs::read_dir(&path)
                .map_err(io_error(&path))?
                .next()
                .is_none();
            if empty || path.join(MARKER).is_file() {
                Ok(path)
            } else {
                Err(refuse(&format!(
                    "it holds files that a previous `ocop build` did not write (no {MARKER} marker); \
                     empty it or choose another folder"
                )))
            }
        }
    }
}

/// A folder being filled with the new site.
///
/// The folder is the site before last when one was kept (the "spare"): a
/// file whose bytes did not change is then left as it is, neither rewritten
/// nor deleted, and only files the new site lacks are removed at the swap.
/// On a slow disk, creating and deleting tens of thousands of files costs
/// more than the build itself; this also keeps unchanged pages' times, so
/// `rsync` and static hosts upload only what changed.
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    committed: bool,
    files: AtomicUsize,
    bytes: AtomicU64,
    unchanged: AtomicUsize,
    /// What the reused folder held (relative path → size), and what this
    /// build put there; `None` for a fresh folder.
    reused: Option<Reused>,
    /// The key each page was rendered from, kept to skip rendering pages
    /// whose inputs did not change (see [`Staging::remember_pages`]).
    pages: Option<PageMemory>,
    /// Folders made (or found) so far: a site of 64,000 files asked the
    /// file system to make each file's folder again, tens of thousands of
    /// failed `mkdir` calls.
    folders: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
}

/// Keys of rendered pages: those of the reused folder's pages (checked to
/// belong to that folder through its marker), and those of the new site.
struct PageMemory {
    folder: PathBuf,
    target_tag: String,
    /// Page → (key, size in bytes).
    before: std::collections::HashMap<String, (u128, u64)>,
    now: std::sync::Mutex<Vec<(String, u128, u64)>>,
}

struct Reused {
    /// The marker of the reused folder, naming its page memory.
    stamp: Option<crate::uptodate::MarkerStamp>,
    files: std::collections::HashMap<String, u64>,
    folders: Vec<String>,
    kept: std::sync::Mutex<std::collections::HashSet<String>>,
}

fn sibling(target: &Path, tag: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.ocop-{tag}-{}", std::process::id()))
}

/// Where the site before last is kept for the next build to reuse.
fn spare(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.ocop-spare"))
}

/// Left-overs of interrupted builds next to `target`: staging folders, and
/// previous sites moved aside just before a swap.
fn leftovers(target: &Path) -> Vec<PathBuf> {
    let Some(parent) = target.parent() else {
        return Vec::new();
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.ocop-");
    let keep = spare(target);
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            *p != keep
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
        })
        // A build killed between creating its staging folder and writing
        // the marker leaves an empty folder: ours too, and harmless to remove.
        .filter(|p| p.join(MARKER).is_file() || is_empty_dir(p))
        .collect();
    found.sort();
    found
}

fn is_empty_dir(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_none())
}

/// Whether the file of `meta` has no other hard link (one into the cache).
fn only_link(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.nlink() == 1
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// A path relative to the site root, checked and written with `/`.
fn normalised(relative: &str) -> io::Result<String> {
    let path = Path::new(relative);
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy()),
            _ => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("unsafe output path {}", path.display()),
                ));
            }
        }
    }
    if parts.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "empty output path",
        ));
    }
    Ok(parts.join("/"))
}

/// What names the page memories of the site at `target`.
fn target_tag(target: &Path) -> String {
    format!(
        "{:016x}",
        xxhash_rust::xxh3::xxh3_64(target.to_string_lossy().as_bytes())
    )
}

fn memory_name(target_tag: &str, stamp: &crate::uptodate::MarkerStamp) -> String {
    let mut hash = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(stamp, &mut hash);
    format!("{target_tag}-{:016x}", std::hash::Hasher::finish(&hash))
}

impl PageMemory {
    /// Writes the keys of the new site as the memory of the site marked
    /// `site`; returns its name.
    fn write(&self, site: &crate::uptodate::MarkerStamp) -> Option<String> {
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

    fn note(&self, relative: &str, key: u128, size: u64) {
        if let Ok(mut now) = self.now.lock() {
            now.push((relative.to_string(), key, size));
        }
    }

    /// Writes the keys of the new site (named by its marker) and removes
    /// older memories of this output, but the spare's. Best effort: a lost
    /// memory only means pages are rendered again.
    fn save(
        self,
        site: Option<crate::uptodate::MarkerStamp>,
        spare: Option<crate::uptodate::MarkerStamp>,
    ) {
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

impl Reused {
    /// Takes stock of a reused folder. Anything but files and folders (a
    /// symbolic link someone put in the published site) is removed first,
    /// so that no write can follow it out of the folder.
    fn survey(dir: &Path) -> io::Result<Reused> {
        let mut files = std::collections::HashMap::new();
        let mut folders = Vec::new();
        for entry in walkdir::WalkDir::new(dir).min_depth(1) {
            let entry = entry.map_err(io::Error::other)?;
            let relative = entry
                .path()
                .strip_prefix(dir)
                .map_err(io::Error::other)?
                .to_string_lossy()
                .replace('\\', "/");
            let kind = entry.file_type();
            if kind.is_dir() {
                folders.push(relative);
            } else if kind.is_file() {
                let size = entry.metadata().map_err(io::Error::other)?.len();
                files.insert(relative, size);
            } else {
                std::fs::remove_file(entry.path())?;
            }
        }
        Ok(Reused {
            stamp: crate::uptodate::marker_stamp(dir),
            files,
            folders,
            kept: std::sync::Mutex::new(std::collections::HashSet::new()),
        })
    }

    fn keep(&self, relative: &str) {
        if let Ok(mut kept) = self.kept.lock() {
            kept.insert(relative.to_string());
        }
    }

    /// Whether `path` (at `relative`) already holds exactly `bytes`.
    fn holds(&self, relative: &str, path: &Path, bytes: &[u8]) -> bool {
        self.files.get(relative) == Some(&(bytes.len() as u64))
            && std::fs::read(path).is_ok_and(|old| old == bytes)
    }

    /// Clears the way for a new file at `relative`: a folder where the file
    /// goes, or a file where one of its folders goes, left by the old site.
    /// An existing file is removed, because it may be a hard link into the
    /// cache, unless `overwrite` and it has no other link: then it is
    /// rewritten in place, which on a slow disk costs far less than
    /// deleting a file and making another (a new theme or ocop rewrites
    /// every page).
    fn clear(&self, dir: &Path, relative: &str, overwrite: bool) -> io::Result<()> {
        let mut prefix = String::new();
        for part in relative.split('/') {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(part);
            if prefix.len() < relative.len() && self.files.contains_key(&prefix) {
                let _ = std::fs::remove_file(dir.join(&prefix));
            }
        }
        let path = dir.join(relative);
        match path.symlink_metadata() {
            Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(&path),
            Ok(meta) if overwrite && meta.is_file() && only_link(&meta) => Ok(()),
            Ok(_) => std::fs::remove_file(&path),
            Err(_) => Ok(()),
        }
    }

    /// Removes what the old site had and the new one lacks.
    fn sweep(self, dir: &Path) -> io::Result<()> {
        let kept = self.kept.into_inner().unwrap_or_default();
        for relative in self.files.keys().filter(|r| !kept.contains(*r)) {
            let path = dir.join(relative);
            // Gone, or now a folder of the new site.
            let Ok(meta) = path.symlink_metadata() else {
                continue;
            };
            if !meta.is_dir() {
                std::fs::remove_file(&path)?;
            }
        }
        // Deepest first, so that a folder emptied by the removal of its
        // sub-folders goes too; a folder still in use is not empty.
        let mut folders = self.folders;
        folders.sort_by_key(|f| std::cmp::Reverse(f.matches('/').count()));
        for folder in folders {
            let _ = std::fs::remove_dir(dir.join(folder));
        }
        Ok(())
    }
}

impl Staging {
    /// Prepares a staging folder for `target` (already checked with
    /// [`check_output`]). Recovers a previous site that an interrupted swap
    /// left aside, and clears left-overs of interrupted builds (or keeps
    /// one as the spare to reuse).
    pub fn create(target: &Path) -> Result<Staging, OutputError> {
        let spare = spare(target);
        for leftover in leftovers(target) {
            let was_old_site = leftover
                .file_name()
                .is_some_and(|n| n.to_string_lossy().contains(".ocop-old-"));
            if was_old_site && !target.exists() {
                std::fs::rename(&leftover, target).map_err(io_error(target))?;
            } else if spare.exists() || std::fs::rename(&leftover, &spare).is_err() {
                let _ = std::fs::remove_dir_all(&leftover);
            }
        }
        let dir = sibling(target, "staging");
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(io_error(&dir))?;
        }
        // Another build may take the spare first: then this one starts
        // from an empty folder.
        let reused = spare.join(MARKER).is_file() && std::fs::rename(&spare, &dir).is_ok();
        let reused = if reused {
            let survey = Reused::survey(&dir).map_err(io_error(&dir))?;
            let _ = std::fs::remove_file(dir.join(MARKER));
            Some(survey)
        } else {
            std::fs::create_dir(&dir).map_err(io_error(&dir))?;
            None
        };
        std::fs::write(dir.join(MARKER), MARKER_TEXT).map_err(io_error(&dir))?;
        if let Some(reused) = &reused {
            reused.keep(MARKER);
        }
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            committed: false,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            unchanged: AtomicUsize::new(0),
            reused,
            pages: None,
            folders: Default::default(),
        })
    }

    /// Checks `relative`, notes it as part of the new site, and returns
    /// where it goes, its folders made; `None` when it already holds
    /// `bytes` (given for files written, rather than linked).
    fn place(&self, relative: &str, bytes: Option<&[u8]>) -> io::Result<Option<PathBuf>> {
        let relative = normalised(relative)?;
        let path = self.dir.join(&relative);
        if let Some(reused) = &self.reused {
            reused.keep(&relative);
            if let Some(bytes) = bytes
                && reused.holds(&relative, &path, bytes)
            {
                return Ok(None);
            }
            reused.clear(&self.dir, &relative, bytes.is_some())?;
        }
        if let Some(parent) = path.parent() {
            let known = self
                .folders
                .lock()
                .is_ok_and(|folders| folders.contains(parent));
            if !known {
                std::fs::create_dir_all(parent)?;
                if let Ok(mut folders) = self.folders.lock() {
                    folders.insert(parent.to_path_buf());
                }
            }
        }
        Ok(Some(path))
    }

    fn count(&self, bytes: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    /// Writes a file of the new site (path relative to the site root).
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), OutputError> {
        if cancelled() {
            return Err(OutputError::Interrupted);
        }
        let place = self
            .place(relative, Some(bytes))
            .map_err(io_error(Path::new(relative)))?;
        match place {
            Some(path) => std::fs::write(&path, bytes).map_err(io_error(&path))?,
            None => {
                self.unchanged.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.count(bytes.len() as u64);
        Ok(())
    }

    /// Copies a file into the new site.
    pub fn copy(&self, relative: &str, source: &Path) -> Result<(), OutputError> {
        let bytes = std::fs::read(source).map_err(io_error(source))?;
        self.write(relative, &bytes)
    }

    /// Puts a file of the cache into the new site: a hard link, which costs
    /// no copy and no space, or a copy when the two are on different disks.
    pub fn link(&self, relative: &str, source: &Path) -> Result<(), OutputError> {
        if cancelled() {
            return Err(OutputError::Interrupted);
        }
        if let Some(size) = self.linked_already(relative, source) {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            self.count(size);
            return Ok(());
        }
        let path = self
            .place(relative, None)
            .map_err(io_error(Path::new(relative)))?
            .ok_or_else(|| io_error(Path::new(relative))(io::Error::other("no place")))?;
        let size = match std::fs::hard_link(source, &path) {
            Ok(()) => std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => return Ok(()),
            Err(_) => std::fs::copy(source, &path).map_err(io_error(source))?,
        };
        self.count(size);
        Ok(())
    }

    /// The size of the file at `relative` when it is already a link to
    /// `source` (same file on the same disk), noted as kept.
    fn linked_already(&self, relative: &str, source: &Path) -> Option<u64> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let reused = self.reused.as_ref()?;
            let relative = normalised(relative).ok()?;
            reused.files.get(&relative)?;
            let here = std::fs::symlink_metadata(self.dir.join(&relative)).ok()?;
            let there = std::fs::metadata(source).ok()?;
            (here.is_file() && here.dev() == there.dev() && here.ino() == there.ino()).then(|| {
                reused.keep(&relative);
                here.len()
            })
        }
        #[cfg(not(unix))]
        {
            let _ = (relative, source);
            None
        }
    }

    /// Keeps the key each page is rendered from in `folder` (the cache),
    /// and loads those of the reused folder's pages, so that
    /// [`Staging::keep_rendered`] can skip pages whose key is unchanged.
    pub fn remember_pages(&mut self, folder: &Path) {
        let target_tag = target_tag(&self.target);
        let before = self
            .reused
            .as_ref()
            .and_then(|r| r.stamp)
            .and_then(|stamp| {
                std::fs::read_to_string(folder.join(memory_name(&target_tag, &stamp))).ok()
            })
            .map(|text| {
                text.lines()
                    .filter_map(|line| {
                        let mut parts = line.splitn(3, ' ');
                        let key = u128::from_str_radix(parts.next()?, 16).ok()?;
                        let size = parts.next()?.parse().ok()?;
                        Some((parts.next()?.to_string(), (key, size)))
                    })
                    .collect()
            })
            .unwrap_or_default();
        self.pages = Some(PageMemory {
            folder: folder.to_path_buf(),
            target_tag,
            before,
            now: std::sync::Mutex::new(Vec::new()),
        });
    }

    /// Keeps the page at `relative` as the reused folder has it when it was
    /// rendered from the same `key`; false when it must be rendered.
    pub fn keep_rendered(&self, relative: &str, key: u128) -> bool {
        let (Some(pages), Some(reused)) = (&self.pages, &self.reused) else {
            return false;
        };
        let Ok(relative) = normalised(relative) else {
            return false;
        };
        let Some(&size) = reused.files.get(&relative) else {
            return false;
        };
        // The size guards against a page changed by hand since.
        if pages.before.get(&relative) != Some(&(key, size)) {
            return false;
        }
        reused.keep(&relative);
        pages.note(&relative, key, size);
        self.unchanged.fetch_add(1, Ordering::Relaxed);
        self.count(size);
        true
    }

    /// Writes a page rendered from `key`.
    pub fn write_rendered(
        &self,
        relative: &str,
        bytes: &[u8],
        key: u128,
    ) -> Result<(), OutputError> {
        self.write(relative, bytes)?;
        if let (Some(pages), Ok(relative)) = (&self.pages, normalised(relative)) {
            pages.note(&relative, key, bytes.len() as u64);
        }
        Ok(())
    }

    /// The key and size of every page of the new site so far, by file
    /// (empty unless [`Staging::remember_pages`] was called).
    pub fn page_keys(&self) -> PageKeys {
        self.pages
            .as_ref()
            .and_then(|pages| pages.now.lock().ok().map(|now| now.clone()))
            .unwrap_or_default()
            .into_iter()
            .map(|(file, key, size)| (file, (key, size)))
            .collect()
    }

    /// Files and bytes of the new site so far.
    pub fn written(&self) -> (usize, u64) {
        (
            self.files.load(Ordering::Relaxed),
            self.bytes.load(Ordering::Relaxed),
        )
    }

    /// Files of the new site found unchanged in the reused folder.
    pub fn unchanged(&self) -> usize {
        self.unchanged.load(Ordering::Relaxed)
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Swaps the new site in place of the old one, which is kept as the
    /// spare for the next build.
    pub fn commit(mut self) -> Result<(), OutputError> {
        if cancelled() {
            return Err(OutputError::Interrupted);
        }
        if let Some(reused) = self.reused.take() {
            reused.sweep(&self.dir).map_err(io_error(&self.dir))?;
        }
        let old = sibling(&self.target, "old");
        let had_old = self.target.exists();
        // The site being replaced becomes the spare: its page memory stays.
        let previous = crate::uptodate::marker_stamp(&self.target);
        if had_old {
            std::fs::rename(&self.target, &old).map_err(io_error(&self.target))?;
        }
        if let Err(source) = std::fs::rename(&self.dir, &self.target) {
            if had_old {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(OutputError::Io {
                path: self.target.clone(),
                source,
            });
        }
        self.committed = true;
        if let Some(pages) = self.pages.take() {
            pages.save(crate::uptodate::marker_stamp(&self.target), previous);
        }
        if had_old && std::fs::rename(&old, spare(&self.target)).is_err() {
            std::fs::remove_dir_all(&old).map_err(io_error(&old))?;
        }
        Ok(())
    }
}

/// The key each page of a site was rendered from, and its size, by file.
pub type PageKeys = std::collections::HashMap<String, (u128, u64)>;

/// Changes a site already in place, file by file (`ocop serve` after an
/// edit, while no request is served).
pub struct InPlace {
    target: PathBuf,
}

impl InPlace {
    /// The site at `target`, which must be one a build made: it carries
    /// the marker.
    pub fn open(target: &Path) -> Result<InPlace, OutputError> {
        if !target.join(MARKER).is_file() {
            return Err(OutputError::Refused {
                path: target.to_path_buf(),
                reason: "it is not a site that ocop built".into(),
            });
        }
        Ok(InPlace {
            target: target.to_path_buf(),
        })
    }

    /// Where `relative` goes, its folders made. Nothing in a built site
    /// is a link (a reused folder is cleared of them), so no write can
    /// follow one out.
    fn place(&self, relative: &str) -> Result<PathBuf, OutputError> {
        let relative = normalised(relative).map_err(io_error(Path::new(relative)))?;
        let path = self.target.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        Ok(path)
    }

    /// A name beside `path` to write to first.
    fn temporary(path: &Path) -> PathBuf {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        path.with_file_name(format!(".{name}.ocop-new-{}", std::process::id()))
    }

    /// Writes `bytes` at `relative`. A file with no other link (a page)
    /// is rewritten where it is: replacing it deletes a file, which on a
    /// disk with online discard stalled an edit's writes by a third of a
    /// second. Its size changes last, and the page memory notes sizes, so
    /// a page cut short by a crash is not taken for one rendered.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.place(relative)?;
        if let Ok(meta) = path.symlink_metadata()
            && meta.is_file()
            && only_link(&meta)
        {
            use std::io::Write;
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(&path)
                .map_err(io_error(&path))?;
            file.write_all(bytes).map_err(io_error(&path))?;
            return file.set_len(bytes.len() as u64).map_err(io_error(&path));
        }
        let temporary = Self::temporary(&path);
        std::fs::write(&temporary, bytes).map_err(io_error(&temporary))?;
        std::fs::rename(&temporary, &path).map_err(|source| {
            let _ = std::fs::remove_file(&temporary);
            io_error(&path)(source)
        })
    }

    /// Puts the cache's file `source` at `relative`, as [`Staging::link`]
    /// does, unless it is there already.
    pub fn link(&self, relative: &str, source: &Path) -> Result<(), OutputError> {
        let path = self.place(relative)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if let (Ok(here), Ok(there)) = (std::fs::symlink_metadata(&path), source.metadata())
                && here.dev() == there.dev()
                && here.ino() == there.ino()
            {
                return Ok(());
            }
        }
        let temporary = Self::temporary(&path);
        let _ = std::fs::remove_file(&temporary);
        if std::fs::hard_link(source, &temporary).is_err() {
            std::fs::copy(source, &temporary).map_err(io_error(source))?;
        }
        std::fs::rename(&temporary, &path).map_err(|source| {
            let _ = std::fs::remove_file(&temporary);
            io_error(&path)(source)
        })
    }

    /// Removes the file at `relative`, if there is one.
    pub fn remove(&self, relative: &str) -> Result<(), OutputError> {
        let path = self.place(relative)?;
        match std::fs::remove_file(&path) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(io_error(&path)(error)),
            _ => Ok(()),
        }
    }

    /// Keeps `keys`, those of the site's pages now, as its page memory in
    /// `folder` (the cache), for the build that reuses this site.
    pub fn remember_pages(&self, folder: &Path, keys: &PageKeys) {
        let Some(stamp) = crate::uptodate::marker_stamp(&self.target) else {
            return;
        };
        let memory = PageMemory {
            folder: folder.to_path_buf(),
            target_tag: target_tag(&self.target),
            before: Default::default(),
            now: std::sync::Mutex::new(
                keys.iter()
                    .map(|(file, &(key, size))| (file.clone(), key, size))
                    .collect(),
            ),
        };
        memory.write(&stamp);
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // What was written is as good a start as the spare for the
            // next build, and cheaper to keep than to delete.
            let spare = spare(&self.target);
            if spare.exists() || std::fs::rename(&self.dir, &spare).is_err() {
                let _ = std::fs::remove_dir_all(&self.dir);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_folders_it_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(dir.path().join("photos")).unwrap();
        std::fs::write(dir.path().join("photos/holiday.jpg"), b"x").unwrap();
        for refused in [
            root.clone(),
            root.join("content"),
            root.join("content/x"),
            dir.path().join("photos"),
            dir.path().to_path_buf(),
            PathBuf::from("/"),
        ] {
            assert!(
                check_output(&refused, &root).is_err(),
                "{}",
                refused.display()
            );
        }
        assert!(check_output(&root.join("public"), &root).is_ok());
        assert!(check_output(&root.join("a/../public"), &root).is_ok());
        assert!(check_output(&root.join("content/../.."), &root).is_err());
    }

    #[test]
    fn swaps_in_the_new_site_and_keeps_the_old_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let staging = Staging::create(&target).unwrap();
        staging.write("index.html", b"one").unwrap();
        staging.write("a/b/index.html", b"two").unwrap();
        staging.commit().unwrap();
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"one");
        assert!(
            check_output(&target, dir.path()).is_ok(),
            "the marker makes it ours"
        );

        let staging = Staging::create(&target).unwrap();
        staging.write("index.html", b"broken").unwrap();
        drop(staging);
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"one");
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [".public.ocop-spare", "public"],
            "no staging left behind, only the spare"
        );

        let staging = Staging::create(&target).unwrap();
        staging.write("index.html", b"three").unwrap();
        staging.commit().unwrap();
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"three");
        assert!(!target.join("a").exists(), "stale files do not survive");
    }

    #[test]
    fn restores_a_site_left_aside_by_an_interrupted_swap() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let aside = dir.path().join(".public.ocop-old-999999");
        std::fs::create_dir_all(&aside).unwrap();
        std::fs::write(aside.join(MARKER), MARKER_TEXT).unwrap();
        std::fs::write(aside.join("index.html"), b"old").unwrap();
        let staging = Staging::create(&target).unwrap();
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"old");
        drop(staging);
    }

    fn inode(path: &Path) -> u64 {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(path).unwrap().ino()
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            0
        }
    }

    fn build(target: &Path, files: &[(&str, &[u8])]) -> usize {
        let staging = Staging::create(target).unwrap();
        for (path, bytes) in files {
            staging.write(path, bytes).unwrap();
        }
        let unchanged = staging.unchanged();
        staging.commit().unwrap();
        unchanged
    }

    fn tree(root: &Path) -> Vec<(String, Vec<u8>)> {
        let mut found: Vec<_> = walkdir::WalkDir::new(root)
            .min_depth(1)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file() && e.file_name() != MARKER)
            .map(|e| {
                let relative = e.path().strip_prefix(root).unwrap();
                (
                    relative.to_string_lossy().replace('\\', "/"),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        found.sort();
        found
    }

    #[test]
    fn reuses_the_site_before_last_and_rewrites_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        build(
            &target,
            &[("index.html", b"one"), ("a/b/index.html", b"ab")],
        );
        // The second build starts from an empty folder: no spare yet.
        assert_eq!(
            build(
                &target,
                &[("index.html", b"one"), ("a/b/index.html", b"ab")]
            ),
            0
        );
        // The third reuses the first: same bytes stay, the rest changes.
        let unchanged = build(
            &target,
            &[
                ("index.html", b"one"),
                ("a/b/index.html", b"AB!"),
                ("c/index.html", b"c"),
            ],
        );
        assert_eq!(unchanged, 1);
        assert_eq!(
            tree(&target),
            [
                ("a/b/index.html".to_string(), b"AB!".to_vec()),
                ("c/index.html".to_string(), b"c".to_vec()),
                ("index.html".to_string(), b"one".to_vec()),
            ]
        );
        assert!(target.join(MARKER).is_file());
        // A folder becomes a file, a file a folder, stale folders go.
        build(&target, &[("a", b"file now"), ("index.html/x", b"x")]);
        build(&target, &[("a", b"file now"), ("index.html/x", b"x")]);
        assert_eq!(
            tree(&target),
            [
                ("a".to_string(), b"file now".to_vec()),
                ("index.html/x".to_string(), b"x".to_vec()),
            ]
        );
        assert!(!target.join("c").exists(), "emptied folders are removed");
    }

    #[test]
    fn an_unchanged_file_is_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        for _ in 0..2 {
            build(&target, &[("index.html", b"same")]);
        }
        let kept = inode(&spare(&target).join("index.html"));
        assert_eq!(build(&target, &[("index.html", b"same")]), 1);
        assert_eq!(inode(&target.join("index.html")), kept);
        assert_eq!(build(&target, &[("index.html", b"other")]), 0);
    }

    #[cfg(unix)]
    #[test]
    fn a_changed_file_is_rewritten_in_place_but_never_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let cached = dir.path().join("cached.jpg");
        std::fs::write(&cached, b"photo").unwrap();
        for _ in 0..2 {
            let staging = Staging::create(&target).unwrap();
            staging.write("index.html", b"old").unwrap();
            staging.link("photo.jpg", &cached).unwrap();
            staging.commit().unwrap();
        }
        // Open, it shows whether the same file was rewritten or replaced.
        let mut page = std::fs::File::open(spare(&target).join("index.html")).unwrap();
        let staging = Staging::create(&target).unwrap();
        staging.write("index.html", b"new page").unwrap();
        // Where the old site linked a cached file, the new one writes.
        staging.write("photo.jpg", b"not the photo").unwrap();
        staging.commit().unwrap();
        let mut seen = String::new();
        std::io::Read::read_to_string(&mut page, &mut seen).unwrap();
        assert_eq!(seen, "new page", "rewritten in place");
        assert_eq!(
            std::fs::read(target.join("photo.jpg")).unwrap(),
            b"not the photo"
        );
        assert_eq!(
            std::fs::read(&cached).unwrap(),
            b"photo",
            "the cache is intact"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_reused_folder_never_leads_outside() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(dir.path().join("cached.jpg"), b"photo").unwrap();
        build(&target, &[("index.html", b"1")]);
        build(&target, &[("index.html", b"2")]);
        // Someone puts a link to a folder outside into the kept site, and
        // a hard link to a cached file sits where a page will be written.
        let spare = spare(&target);
        std::os::unix::fs::symlink(&outside, spare.join("escape")).unwrap();
        std::fs::hard_link(dir.path().join("cached.jpg"), spare.join("page.html")).unwrap();
        build(
            &target,
            &[("escape/index.html", b"in"), ("page.html", b"new page")],
        );
        assert!(!outside.join("index.html").exists(), "wrote through a link");
        assert_eq!(
            std::fs::read(dir.path().join("cached.jpg")).unwrap(),
            b"photo"
        );
        assert_eq!(
            std::fs::read(target.join("escape/index.html")).unwrap(),
            b"in"
        );
        assert!(!target.join("escape").is_symlink());
    }

    /// A build that renders `pages` (path, key, text) unless kept; returns
    /// the pages it kept.
    fn render(target: &Path, memory: &Path, pages: &[(&str, u128, &str)]) -> Vec<String> {
        let mut staging = Staging::create(target).unwrap();
        staging.remember_pages(memory);
        let mut kept = Vec::new();
        for (path, key, text) in pages {
            if staging.keep_rendered(path, *key) {
                kept.push(path.to_string());
            } else {
                staging.write_rendered(path, text.as_bytes(), *key).unwrap();
            }
        }
        staging.commit().unwrap();
        kept
    }

    #[test]
    fn keeps_pages_rendered_from_the_same_key() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let memory = dir.path().join("cache/pages");
        let site = [("a.html", 1, "a"), ("b/index.html", 2, "b")];
        assert!(render(&target, &memory, &site).is_empty());
        assert!(render(&target, &memory, &site).is_empty(), "no spare yet");
        // The spare is the first site, rendered from the same keys.
        let changed = [("a.html", 1, "a"), ("b/index.html", 3, "B!")];
        assert_eq!(render(&target, &memory, &changed), ["a.html"]);
        assert_eq!(std::fs::read(target.join("b/index.html")).unwrap(), b"B!");
        assert_eq!(render(&target, &memory, &changed), ["a.html"]);
        assert_eq!(
            render(&target, &memory, &changed),
            ["a.html", "b/index.html"]
        );
        // A page changed by hand in the kept site is rendered again.
        std::fs::write(spare(&target).join("a.html"), b"by hand").unwrap();
        assert_eq!(render(&target, &memory, &changed), ["b/index.html"]);
        assert_eq!(std::fs::read(target.join("a.html")).unwrap(), b"a");
        // Without its memory, nothing is kept; only two memories are left.
        std::fs::remove_dir_all(&memory).unwrap();
        assert!(render(&target, &memory, &changed).is_empty());
        render(&target, &memory, &changed);
        render(&target, &memory, &changed);
        assert_eq!(std::fs::read_dir(&memory).unwrap().count(), 2);
    }

    #[test]
    fn refuses_unsafe_relative_paths() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::create(&dir.path().join("public")).unwrap();
        assert!(staging.write("../x", b"").is_err());
        assert!(staging.write("/etc/x", b"").is_err());
        assert!(!dir.path().join("x").exists());
    }
}
