//! Setting top-level fields of a content file's YAML in place, line by
//! line, so an import changes only the fields it sets.
//!
//! Kept as they were: the Markdown body of a `.md` file (byte for byte),
//! every other field, the order of fields, comment lines between fields,
//! and the file's line ends. Lost: comments inside the value of a field
//! that is replaced (after `name: …` on its line, or within a nested
//! `certificate:` block), since that value is written anew.

/// The new value of a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// On the key's line: `stars: 4`, `name: "Gạo ST25"`.
    Inline(String),
    /// Lines under the key, without their indentation
    /// (`decision: "…"` of a certificate, `- VietGAP` of a list).
    Block(Vec<String>),
}

/// A text as a YAML scalar: double-quoted, which reads back as exactly the
/// same text whatever it holds (`: `, `#`, a leading zero, `yes`).
pub fn quoted(text: &str) -> Value {
    Value::Inline(quote(text))
}

/// `text` double-quoted for YAML. A JSON string is a valid YAML
/// double-quoted scalar with the same meaning.
pub fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// Where the YAML is in a file: its byte range, and whether the file is
/// Markdown with front matter. `None` when a `.md` file has no front matter.
pub fn yaml_range(text: &str, markdown: bool) -> Option<std::ops::Range<usize>> {
    if !markdown {
        return Some(0..text.len());
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let start = first.len();
    let mut offset = start;
    for line in lines {
        let fence = line.trim_end();
        if fence == "---" || fence == "..." {
            return Some(start..offset);
        }
        offset += line.len();
    }
    None
}

/// The name of the top-level field a line starts, if it starts one.
fn top_level_key(line: &str) -> Option<&str> {
    let end = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(line.len());
    if end == 0 || line.starts_with('-') {
        return None;
    }
    let rest = line[end..].trim_start_matches([' ', '\t']);
    let after = rest.strip_prefix(':')?;
    (after.is_empty() || after.starts_with([' ', '\t', '\r', '\n'])).then(|| &line[..end])
}

/// Whether a line continues the value of the field above it.
fn continues(line: &str) -> bool {
    line.trim().is_empty() || line.starts_with([' ', '\t']) || line.starts_with('-')
}

fn render(key: &str, value: &Value, eol: &str) -> String {
    match value {
        Value::Inline(text) => format!("{key}: {text}{eol}"),
        Value::Block(lines) => {
            let mut out = format!("{key}:{eol}");
            for line in lines {
                out.push_str(&format!("  {line}{eol}"));
            }
            out
        }
    }
}

/// The YAML text with `fields` set: a field already there is replaced where
/// it is, the others are added at the end.
fn set_in_yaml(yaml: &str, fields: &[(&str, Value)], eol: &str) -> String {
    let lines: Vec<&str> = yaml.split_inclusive('\n').collect();
    let mut out = String::with_capacity(yaml.len() + 256);
    let mut done = vec![false; fields.len()];
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let found = top_level_key(line)
            .and_then(|key| fields.iter().position(|(k, _)| *k == key))
            .filter(|&f| !done[f]);
        let Some(f) = found else {
            out.push_str(line);
            i += 1;
            continue;
        };
        // The field's value runs to the next line that is not indented,
        // blank or a list item; blank lines at its end stay in the file.
        let mut end = i + 1;
        while end < lines.len() && continues(lines[end]) {
            end += 1;
        }
        let mut kept = end;
        while kept > i + 1 && lines[kept - 1].trim().is_empty() {
            kept -= 1;
        }
        out.push_str(&render(fields[f].0, &fields[f].1, eol));
        for blank in &lines[kept..end] {
            out.push_str(blank);
        }
        done[f] = true;
        i = end;
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(eol);
    }
    for ((key, value), done) in fields.iter().zip(done) {
        if !done {
            out.push_str(&render(key, value, eol));
        }
    }
    out
}

/// `text` (a `.yaml` file, or a `.md` file when `markdown`) with `fields`
/// set. `None` when a Markdown file has no front matter to change.
pub fn set_fields(text: &str, markdown: bool, fields: &[(&str, Value)]) -> Option<String> {
    let range = yaml_range(text, markdown)?;
    // A field that already holds the value stays as the producer wrote it
    // (unquoted, with its comment): re-importing an export must not fill
    // a pull request with changes of quoting.
    let existing: Option<serde_yaml::Mapping> = serde_yaml::from_str(&text[range.clone()]).ok();
    let changed: Vec<(&str, Value)> = fields
        .iter()
        .filter(|(key, value)| !holds(existing.as_ref(), key, value))
        .cloned()
        .collect();
    if changed.is_empty() {
        return Some(text.to_string());
    }
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let yaml = set_in_yaml(&text[range.clone()], &changed, eol);
    Some(format!(
        "{}{yaml}{}",
        &text[..range.start],
        &text[range.end..]
    ))
}

/// Whether `existing` already holds `value` under `key`, as YAML reads both.
fn holds(existing: Option<&serde_yaml::Mapping>, key: &str, value: &Value) -> bool {
    let Some(current) = existing.and_then(|fields| fields.get(key)) else {
        return false;
    };
    let written = set_in_yaml("", &[(key, value.clone())], "\n");
    serde_yaml::from_str::<serde_yaml::Mapping>(&written)
        .ok()
        .and_then(|fields| fields.get(key).cloned())
        .is_some_and(|new| &new == current)
}

/// A new `.yaml` file holding `fields`.
pub fn new_file(fields: &[(&str, Value)]) -> String {
    set_in_yaml("", fields, "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_already_holding_the_value_is_left_as_written() {
        let text = "name: Bánh pía # tên\nstars: 4\ndate: 2025-03-01\n";
        let same = set_fields(
            text,
            false,
            &[
                ("name", quoted("Bánh pía")),
                ("stars", Value::Inline("4".into())),
                ("date", quoted("2025-03-01")),
            ],
        )
        .unwrap();
        assert_eq!(same, text);
        let changed = set_fields(text, false, &[("stars", Value::Inline("5".into()))]).unwrap();
        assert_eq!(
            changed,
            "name: Bánh pía # tên\nstars: 5\ndate: 2025-03-01\n"
        );
    }

    #[test]
    fn replaces_fields_in_place_and_keeps_the_rest() {
        let text = "---\n# Sản phẩm chính\nname: Cũ # tên cũ\nstars: 3\ncertificate:\n  # số cũ\n  decision: 1/QĐ\n  date: 2024-01-01\n\nphotos:\n- a.jpg\nunit: hộp\n---\nCâu chuyện **giữ nguyên**.\n---\nname: không phải trường\n";
        let out = set_fields(
            text,
            true,
            &[
                ("name", quoted("Mới: tên #1")),
                (
                    "certificate",
                    Value::Block(vec![
                        "decision: \"2/QĐ\"".into(),
                        "date: \"2025-01-01\"".into(),
                    ]),
                ),
                ("price", Value::Inline("150000".into())),
            ],
        )
        .unwrap();
        assert_eq!(
            out,
            "---\n# Sản phẩm chính\nname: \"Mới: tên #1\"\nstars: 3\ncertificate:\n  decision: \"2/QĐ\"\n  date: \"2025-01-01\"\n\nphotos:\n- a.jpg\nunit: hộp\nprice: 150000\n---\nCâu chuyện **giữ nguyên**.\n---\nname: không phải trường\n"
        );
        let range = yaml_range(&out, true).unwrap();
        let value: serde_yaml::Value = serde_yaml::from_str(&out[range]).unwrap();
        assert_eq!(value["name"].as_str(), Some("Mới: tên #1"));
        assert_eq!(value["certificate"]["decision"].as_str(), Some("2/QĐ"));
        assert_eq!(value["photos"][0].as_str(), Some("a.jpg"));
    }

    #[test]
    fn keeps_crlf_line_ends_and_yaml_files() {
        let out = set_fields(
            "name: A\r\nstars: 3\r\n",
            false,
            &[("stars", Value::Inline("4".into()))],
        )
        .unwrap();
        assert_eq!(out, "name: A\r\nstars: 4\r\n");
        let out = set_fields("name: A", false, &[("unit", quoted("chai"))]).unwrap();
        assert_eq!(out, "name: A\nunit: \"chai\"\n");
    }

    #[test]
    fn refuses_markdown_without_front_matter() {
        assert_eq!(set_fields("Chỉ có nội dung", true, &[]), None);
    }

    #[test]
    fn quotes_what_yaml_would_misread() {
        for text in [
            "0912 345 678",
            "yes",
            "a: b",
            "# x",
            "\"q\" \\ ",
            "dòng\nhai",
        ] {
            let Value::Inline(yaml) = quoted(text) else {
                unreachable!()
            };
            let back: String = serde_yaml::from_str(&yaml).unwrap();
            assert_eq!(back, text);
        }
    }
}
