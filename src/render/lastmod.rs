//! When each content file last changed, for `lastmod` in sitemaps and
//! `updated` in the feed.
//!
//! In a git repository that is the date of the last commit touching the
//! file, read for every file in ONE `git log` pass (asking git once per file
//! takes minutes at 30,000 files). A file that is not committed, or changed
//! since its last commit, or a site that is not in git, falls back to the
//! file's modification time. Both are stable across builds of unchanged
//! content, so the output stays byte-identical.

use crate::catalogue::Catalogue;
use crate::model::Date;
use std::collections::HashMap;
use std::path::Path;

/// Seconds since 1970-01-01 UTC.
pub type Seconds = i64;

/// The last change of each file under a site root.
#[derive(Debug, Default, Clone)]
pub struct History {
    /// Last commit time by path relative to the root, `/`-separated.
    committed: HashMap<String, Seconds>,
    /// Paths (relative to the root) changed since their last commit.
    dirty: std::collections::HashSet<String>,
}

/// Marks the line of a commit in the `git log` output (a byte no path holds
/// unquoted).
const COMMIT_MARK: char = '\u{1}';

impl History {
    /// Reads the history of `root/content` from git; empty when `root` is
    /// not in a git repository or git is not installed.
    pub fn load(root: &Path) -> History {
        let mut history = History::default();
        // --relative: paths relative to `root`, even when the repository
        // starts above it.
        let format = format!("--format={COMMIT_MARK}%ct");
        let Some(log) = crate::git::git(
            root,
            &[
                "log",
                "--name-only",
                "--relative",
                "--no-renames",
                &format,
                "--",
                "content",
            ],
        ) else {
            return history;
        };
        history.committed = parse_log(&log);
        // `git status` names files relative to the top of the repository.
        let prefix = crate::git::git(root, &["rev-parse", "--show-prefix"])
            .map(|p| p.trim().to_string())
            .unwrap_or_default();
        if let Some(status) = crate::git::git(
            root,
            &[
                "status",
                "--porcelain",
                "--untracked-files=all",
                "--",
                "content",
            ],
        ) {
            history.dirty = status
                .lines()
                .filter_map(|line| line.get(3..))
                .map(|path| path.rsplit(" -> ").next().unwrap_or(path))
                .filter_map(|path| path.strip_prefix(&prefix))
                .map(str::to_string)
                .collect();
        }
        history
    }

    /// When the file `relative` (to `root`) last changed.
    pub fn changed(&self, root: &Path, relative: &Path) -> Option<Seconds> {
        let key = relative.to_string_lossy().replace('\\', "/");
        if !self.dirty.contains(&key)
            && let Some(&time) = self.committed.get(&key)
        {
            return Some(time);
        }
        let modified = std::fs::metadata(root.join(relative))
            .and_then(|m| m.modified())
            .ok()?;
        let seconds = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
        Some(seconds.as_secs() as i64)
    }
}

/// When each product and producer page last changed.
#[derive(Debug, Clone, Default)]
pub struct Dates {
    /// A product page: its file, its photos and its producer's file.
    pub products: Vec<Option<Seconds>>,
    /// A producer page: its file, its logo and its products.
    pub producers: Vec<Option<Seconds>>,
}

impl Dates {
    /// Reads the dates of every file of the catalogue at `root`.
    pub fn of(catalogue: &Catalogue, root: &Path) -> Dates {
        let history = History::load(root);
        let changed = |path: &Path| {
            let relative = path.strip_prefix(root).unwrap_or(path);
            history.changed(root, relative)
        };
        let mut producers: Vec<Option<Seconds>> = catalogue
            .producers
            .iter()
            .map(|p| changed(&p.source).max(p.logo.as_ref().and_then(|l| changed(&l.source))))
            .collect();
        let products: Vec<Option<Seconds>> = catalogue
            .products
            .iter()
            .map(|p| {
                p.photos
                    .iter()
                    .map(|photo| changed(&photo.source))
                    .fold(changed(&p.source), Option::max)
                    .max(producers[p.producer])
            })
            .collect();
        for (product, date) in catalogue.products.iter().zip(&products) {
            let producer = &mut producers[product.producer];
            *producer = (*producer).max(*date);
        }
        Dates {
            products,
            producers,
        }
    }

    /// The latest change among `ids` (products).
    pub fn latest(&self, ids: &[usize]) -> Option<Seconds> {
        ids.iter().filter_map(|&i| self.products[i]).max()
    }
}

/// Maps each path of a `git log --name-only` output to its latest commit
/// time. Taking the latest rather than the first seen keeps the answer
/// right whatever order git walks merged branches in.
fn parse_log(log: &str) -> HashMap<String, Seconds> {
    let mut dates: HashMap<String, Seconds> = HashMap::new();
    let mut current: Option<Seconds> = None;
    for line in log.lines() {
        if let Some(time) = line.strip_prefix(COMMIT_MARK) {
            current = time.trim().parse().ok();
        } else if let Some(time) = current
            && !line.is_empty()
        {
            let entry = dates.entry(line.to_string()).or_insert(time);
            *entry = (*entry).max(time);
        }
    }
    dates
}

/// `2025-01-16T08:04:21Z`: W3C date-time, as sitemaps and Atom want it.
pub fn rfc3339(seconds: Seconds) -> String {
    let days = seconds.div_euclid(86_400);
    let rest = seconds.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        Date::from_days_since_epoch(days).iso(),
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The start of a calendar day in Viet Nam (UTC+7), as seconds.
pub fn day_start(date: Date) -> Seconds {
    date.days_since_epoch() * 86_400 - 7 * 3600
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    #[test]
    fn one_log_pass_keeps_the_latest_commit_of_each_file() {
        let log = format!(
            "{COMMIT_MARK}200\n\ncontent/a.yaml\ncontent/b.yaml\n{COMMIT_MARK}100\n\ncontent/a.yaml\ncontent/c.md\n{COMMIT_MARK}300\n\ncontent/c.md\n"
        );
        let dates = parse_log(&log);
        assert_eq!(dates["content/a.yaml"], 200);
        assert_eq!(dates["content/b.yaml"], 200);
        assert_eq!(dates["content/c.md"], 300);
    }

    #[test]
    fn formats_utc_times() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_651_200), "2026-11-26T00:00:00Z");
        let date = Date::new(2026, 11, 26).unwrap();
        assert_eq!(rfc3339(day_start(date)), "2026-11-25T17:00:00Z");
    }

    #[test]
    fn reads_a_git_repository_and_falls_back_to_the_file_time() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("content/a.yaml"), "a").unwrap();
        let run = |args: &[&str], date: &str| {
            let ok = Command::new("git")
                .arg("-C")
                .arg(root)
                .args(args)
                .env("GIT_COMMITTER_DATE", date)
                .env("GIT_AUTHOR_DATE", date)
                .env("GIT_AUTHOR_NAME", "t")
                .env("GIT_AUTHOR_EMAIL", "t@example.vn")
                .env("GIT_COMMITTER_NAME", "t")
                .env("GIT_COMMITTER_EMAIL", "t@example.vn")
                .output()
                .is_ok_and(|o| o.status.success());
            assert!(ok, "git {args:?}");
        };
        if Command::new("git").arg("--version").output().is_err() {
            return; // no git: History::load is then empty by design
        }
        run(&["init", "-q"], "2025-01-01T00:00:00Z");
        run(&["add", "content"], "2025-01-01T00:00:00Z");
        run(&["commit", "-q", "-m", "a"], "2025-01-02T03:04:05Z");
        std::fs::write(root.join("content/b.yaml"), "b").unwrap();
        let history = History::load(root);
        let a = history.changed(root, Path::new("content/a.yaml")).unwrap();
        assert_eq!(rfc3339(a), "2025-01-02T03:04:05Z");
        // Not committed: its modification time, which is recent.
        let b = history.changed(root, Path::new("content/b.yaml")).unwrap();
        assert!(b > a);
        assert_eq!(history.changed(root, Path::new("content/none.yaml")), None);
    }
}
