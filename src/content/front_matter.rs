//! Splitting a content file into its YAML fields and its Markdown body.

use crate::diagnostic::Problem;

/// The parts of a content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document<'a> {
    /// The YAML fields.
    pub yaml: &'a str,
    /// Lines of the file before the YAML starts (1 for front matter).
    pub yaml_line_offset: usize,
    /// The Markdown body of a `.md` file, if it has any text.
    pub body: Option<&'a str>,
    /// Lines of the file before the body starts.
    pub body_line_offset: usize,
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits `text`. A Markdown file must start with front matter between two
/// `---` lines (the closing line may also be `...`, as YAML allows).
/// On failure returns the problem and the 1-based line it is on.
pub fn split(text: &str, markdown: bool) -> Result<Document<'_>, (Problem, usize)> {
    if !markdown {
        return Ok(Document {
            yaml: text,
            yaml_line_offset: 0,
            body: None,
            body_line_offset: 0,
        });
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if !is_fence(first) {
        return Err((Problem::FrontMatterMissing, 1));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for (index, line) in lines.enumerate() {
        if is_fence(line) || line.trim_end() == "..." {
            let yaml = &text[yaml_start..offset];
            let body_start = offset + line.len();
            let body = &text[body_start..];
            return Ok(Document {
                yaml,
                yaml_line_offset: 1,
                body: (!body.trim().is_empty()).then_some(body),
                body_line_offset: index + 2,
            });
        }
        offset += line.len();
    }
    Err((Problem::FrontMatterUnclosed, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_files_are_all_fields() {
        let doc = split("name: A\n", false).unwrap();
        assert_eq!(doc.yaml, "name: A\n");
        assert_eq!(doc.body, None);
    }

    #[test]
    fn splits_front_matter_and_body() {
        let doc = split("---\nname: A\nstars: 3\n---\n\nCâu chuyện.\n", true).unwrap();
        assert_eq!(doc.yaml, "name: A\nstars: 3\n");
        assert_eq!(doc.yaml_line_offset, 1);
        assert_eq!(doc.body, Some("\nCâu chuyện.\n"));
        assert_eq!(doc.body_line_offset, 4);
    }

    #[test]
    fn a_body_of_blank_lines_is_no_body() {
        let doc = split("---\nname: A\n---\n\n  \n", true).unwrap();
        assert_eq!(doc.body, None);
    }

    #[test]
    fn reports_missing_and_unclosed_front_matter() {
        assert_eq!(
            split("name: A\n", true).unwrap_err().0,
            Problem::FrontMatterMissing
        );
        assert_eq!(
            split("---\nname: A\n", true).unwrap_err().0,
            Problem::FrontMatterUnclosed
        );
    }

    #[test]
    fn accepts_a_trailing_space_on_fences() {
        assert!(split("--- \nname: A\n---  \nx\n", true).is_ok());
    }
}
