//! Reading a site's own reference files (`content/reference/`) over the
//! embedded ones.

use crate::diagnostic::{Diagnostic, Diagnostics, Location, Problem};
use crate::reference::{Classification, Provinces, Reference};
use std::path::Path;

/// Where a site keeps its own reference files, relative to the root.
pub const OVERRIDE_DIR: &str = "content/reference";

/// Loads the reference data for the site at `root`: each file from
/// `content/reference/` when the site has it, else the embedded one.
pub fn load_reference(root: &Path) -> (Reference, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let builtin = Reference::builtin();
    let provinces = load_one(
        root,
        "provinces.yaml",
        &mut diagnostics,
        Provinces::from_yaml,
    )
    .unwrap_or(builtin.provinces);
    let classification = load_one(
        root,
        "classification.yaml",
        &mut diagnostics,
        Classification::from_yaml,
    )
    .unwrap_or(builtin.classification);
    (
        Reference {
            provinces,
            classification,
        },
        diagnostics,
    )
}

fn load_one<T>(
    root: &Path,
    name: &str,
    diagnostics: &mut Diagnostics,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Option<T> {
    let display = Path::new(OVERRIDE_DIR).join(name);
    let path = root.join(&display);
    if let Some(link) = super::first_link(root, &display) {
        diagnostics.push(Diagnostic::error(link, None, Problem::SymlinkNotAllowed));
        return None;
    }
    if !path.is_file() {
        return None;
    }
    let text = match super::read_text(&path, &display) {
        Ok(text) => text,
        Err(diagnostic) => {
            diagnostics.push(*diagnostic);
            return None;
        }
    };
    match parse(&text) {
        Ok(value) => Some(value),
        Err(detail) => {
            let location = serde_yaml_location(&detail)
                .map(|(line, column)| Location::in_text(&text, line, column, 1));
            diagnostics.push(Diagnostic::error(
                display,
                location,
                Problem::InvalidReference { detail },
            ));
            None
        }
    }
}

/// serde_yaml ends its messages with "at line L column C".
fn serde_yaml_location(message: &str) -> Option<(usize, usize)> {
    let rest = &message[message.rfind("at line ")? + "at line ".len()..];
    let mut words = rest.split_whitespace();
    let line = words.next()?.parse().ok()?;
    let column = if words.next() == Some("column") {
        words
            .next()?
            .trim_end_matches(|c: char| !c.is_ascii_digit())
            .parse()
            .ok()?
    } else {
        1
    };
    Some((line, column))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_serde_yaml_positions() {
        assert_eq!(
            serde_yaml_location("units[0]: missing field `code` at line 2 column 5"),
            Some((2, 5))
        );
        assert_eq!(serde_yaml_location("nothing"), None);
    }

    #[test]
    fn uses_a_site_override_and_reports_broken_ones() {
        let dir = tempfile::tempdir().unwrap();
        let reference = dir.path().join(OVERRIDE_DIR);
        std::fs::create_dir_all(&reference).unwrap();
        std::fs::write(
            reference.join("provinces.yaml"),
            "units:\n  - {code: '99', name: Đảo Mẫu, full_name: Đặc khu Đảo Mẫu, short_name: Đảo Mẫu}\n",
        )
        .unwrap();
        std::fs::write(
            reference.join("classification.yaml"),
            "current:\n  sectors: 3\n",
        )
        .unwrap();
        let (loaded, diagnostics) = load_reference(dir.path());
        assert_eq!(loaded.provinces.all().len(), 1);
        assert_eq!(
            loaded.classification.sectors().len(),
            6,
            "falls back to the embedded file"
        );
        assert_eq!(diagnostics.len(), 1);
        let diagnostic = diagnostics.iter().next().unwrap();
        assert!(diagnostic.file.ends_with("classification.yaml"));
        assert!(diagnostic.location.is_some());
    }
}
