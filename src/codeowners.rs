//! `ocop codeowners`: a CODEOWNERS file from the content, so that review
//! follows the folders. Each producer folder is owned by the `maintainers`
//! its producer file names, and by the site's `reviewers`; everything else
//! (site settings, reference data, themes, the tooling) by the reviewers
//! alone. With branch protection requiring a code owner's review, a
//! producer's change to their own folder needs only their maintainers'
//! approval, and any other change a reviewer's.

use crate::content::{LoadOptions, PRODUCERS_DIR, load};
use crate::diagnostic::Diagnostics;
use std::fmt::Write;
use std::path::Path;

/// What `ocop codeowners` made: the file, and the problems of content it
/// could not read (producers whose files have errors get no line, so their
/// folders fall to the reviewers).
#[derive(Debug)]
pub struct CodeOwners {
    /// The CODEOWNERS text.
    pub text: String,
    /// Problems met while reading the content.
    pub diagnostics: Diagnostics,
    /// Producers without maintainers (their folders fall to the reviewers).
    pub unmaintained: Vec<String>,
}

/// A git-hosting owner as CODEOWNERS wants it: `@name`, `@org/team`, or an
/// email address as written.
fn owner(name: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty() || name.contains(char::is_whitespace) {
        return None;
    }
    if name.starts_with('@') || name.contains('@') {
        Some(name.to_string())
    } else {
        Some(format!("@{name}"))
    }
}

/// The owners of a line, each once, in the order given.
fn owners<'a>(names: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        if let Some(owner) = owner(name)
            && !out.contains(&owner)
        {
            out.push(owner);
        }
    }
    out
}

fn line(out: &mut String, pattern: &str, owners: &[String]) {
    if owners.is_empty() {
        let _ = writeln!(out, "{pattern}");
    } else {
        let _ = writeln!(out, "{pattern} {}", owners.join(" "));
    }
}

/// Makes the CODEOWNERS file of the site at `root`.
pub fn codeowners(root: &Path) -> CodeOwners {
    let (content, mut diagnostics) =
        load(root, &LoadOptions::default(), &crate::cancel::Cancel::new());
    diagnostics.sort();
    let reviewers = owners(content.site.iter().flat_map(|s| s.reviewers.iter()));
    let mut text = String::new();
    text.push_str(
        "# Made by `ocop codeowners` from the content: do not edit by hand, run it again.\n\
         # Tạo bởi `ocop codeowners` từ nội dung: đừng sửa tay, hãy chạy lại lệnh.\n\
         #\n\
         # The last matching line wins: each producer folder belongs to the maintainers\n\
         # named in its producer file (and to the reviewers of site.yaml); everything\n\
         # else to the reviewers. With branch protection requiring review from code\n\
         # owners, a producer's maintainers approve changes to that folder alone.\n\n",
    );
    line(&mut text, "*", &reviewers);
    line(&mut text, "/content/site.yaml", &reviewers);
    line(&mut text, "/content/reference/", &reviewers);
    line(&mut text, "/themes/", &reviewers);
    let mut producers: Vec<_> = content.producers.iter().collect();
    producers.sort_by(|a, b| a.slug.cmp(&b.slug));
    let mut unmaintained = Vec::new();
    let mut first = true;
    for producer in producers {
        let maintainers = owners(&producer.maintainers);
        if maintainers.is_empty() {
            unmaintained.push(producer.slug.clone());
            continue;
        }
        if first {
            text.push('\n');
            first = false;
        }
        let all = owners(
            producer
                .maintainers
                .iter()
                .chain(content.site.iter().flat_map(|s| s.reviewers.iter())),
        );
        line(
            &mut text,
            &format!("/{PRODUCERS_DIR}/{}/", producer.slug),
            &all,
        );
    }
    CodeOwners {
        text,
        diagnostics,
        unmaintained,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_get_an_at_sign_once() {
        let names: Vec<String> = ["lan", "@lan", "so-nn/ocop", "a@b.vn", "", "two words"]
            .map(String::from)
            .to_vec();
        assert_eq!(owners(&names), ["@lan", "@so-nn/ocop", "a@b.vn"]);
    }
}
