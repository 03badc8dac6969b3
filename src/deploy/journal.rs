//! The record of uploads finished by a deploy that has not completed: a
//! line per upload, appended as each finishes, so a deploy killed at any
//! point (even by SIGKILL) is resumed by the next one without uploading
//! again what already went up.

use super::manifest::Entry;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Serialize, Deserialize)]
struct Line {
    key: String,
    #[serde(flatten)]
    entry: Entry,
}

/// An open journal.
pub struct Journal {
    path: PathBuf,
    file: File,
}

/// The uploads a journal records, the last of each key winning. A line
/// cut short by a kill is ignored.
pub fn read(path: &Path) -> BTreeMap<String, Entry> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return BTreeMap::new();
    };
    text.lines()
        .filter_map(|line| serde_json::from_str::<Line>(line).ok())
        .map(|line| (line.key, line.entry))
        .collect()
}

impl Journal {
    pub fn open(path: &Path) -> std::io::Result<Journal> {
        let cut = std::fs::read(path).is_ok_and(|b| b.last().is_some_and(|&c| c != b'\n'));
        let mut file = OpenOptions::new().create(true).append(true).open(path)?;
        if cut {
            // Ends the line a kill cut short, so the next one reads whole.
            file.write_all(b"\n")?;
        }
        Ok(Journal {
            path: path.to_path_buf(),
            file,
        })
    }

    /// Records an upload that the server confirmed. One `write` per line,
    /// so lines never interleave; no fsync: the journal only needs to
    /// survive the process, and a lost line costs one upload again.
    pub fn record(&mut self, key: &str, entry: &Entry) -> std::io::Result<()> {
        let mut line = serde_json::to_vec(&Line {
            key: key.to_string(),
            entry: entry.clone(),
        })
        .map_err(std::io::Error::other)?;
        line.push(b'\n');
        self.file.write_all(&line)
    }

    /// Removes the journal once its uploads are in the manifest.
    pub fn finish(self) -> std::io::Result<()> {
        drop(self.file);
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survives_a_cut_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal");
        let entry = Entry {
            size: 1,
            md5: "ab".into(),
            headers: crate::deploy::headers::headers("a.html"),
        };
        let mut journal = Journal::open(&path).unwrap();
        journal.record("a.html", &entry).unwrap();
        journal.record("b.html", &entry).unwrap();
        drop(journal);
        let mut file = OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(b"{\"key\":\"c.html\",\"si").unwrap();
        let found = read(&path);
        assert_eq!(found.keys().collect::<Vec<_>>(), ["a.html", "b.html"]);
        Journal::open(&path)
            .unwrap()
            .record("d.html", &entry)
            .unwrap();
        assert_eq!(read(&path).len(), 3);
        Journal::open(&path).unwrap().finish().unwrap();
        assert!(!path.exists());
    }
}
