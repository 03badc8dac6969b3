//! Reading typed fields out of parsed YAML, collecting every problem instead
//! of stopping at the first, each with a pointer to where it is.

use super::yaml::{Fields, Pointer, Step, field_name, kind_of};
use crate::diagnostic::{Problem, Severity, ValueKind};
use crate::text::normalize;
use serde_yaml::{Mapping, Value};

/// Problems found in one file, pointing into its YAML.
#[derive(Debug, Default)]
pub struct Report {
    /// Each problem with its severity and, when known, where it is.
    pub problems: Vec<(Severity, Problem, Option<Pointer>)>,
    /// Problems outside the YAML (in a Markdown body), already located.
    pub located: Vec<(Severity, Problem, crate::diagnostic::Location)>,
}

impl Report {
    /// Records an error.
    pub fn error(&mut self, problem: Problem, pointer: Option<Pointer>) {
        self.problems.push((Severity::Error, problem, pointer));
    }

    /// Records a warning.
    pub fn warning(&mut self, problem: Problem, pointer: Option<Pointer>) {
        self.problems.push((Severity::Warning, problem, pointer));
    }

    /// Whether any error was recorded.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|(s, ..)| *s == Severity::Error)
            || self.located.iter().any(|(s, ..)| *s == Severity::Error)
    }
}

/// Reads the fields of one mapping of a file.
pub struct Reader<'f> {
    fields: &'f Fields<'f>,
    map: &'f Mapping,
    path: Vec<Step>,
}

/// Single-line text: NFC, no surrounding or trailing whitespace.
fn clean_line(text: &str) -> String {
    normalize(text.trim()).into_owned()
}

impl<'f> Reader<'f> {
    /// Reads the top-level fields.
    pub fn root(fields: &'f Fields<'f>) -> Reader<'f> {
        Reader {
            fields,
            map: &fields.root,
            path: Vec::new(),
        }
    }

    fn path_to(&self, key: &str) -> Vec<Step> {
        let mut path = self.path.clone();
        path.push(Step::Key(key.to_string()));
        path
    }

    /// A pointer at the value of `key`.
    pub fn at(&self, key: &str) -> Option<Pointer> {
        Some(Pointer::value(self.path_to(key)))
    }

    /// A pointer at the mapping itself, for problems of the whole group: its
    /// key when nested, its first field at the top of a file.
    pub fn here(&self) -> Option<Pointer> {
        match self.path.last() {
            None | Some(Step::Index(_)) => Some(Pointer::value(self.path.clone())),
            Some(Step::Key(_)) => Some(Pointer::key(self.path.clone())),
        }
    }

    /// The value of `key`, unless absent or empty (`~`, `null`, nothing).
    pub fn get(&self, key: &str) -> Option<&'f Value> {
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(value) => Some(value),
        }
    }

    /// Whether `key` is written, even with an empty value.
    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    fn wrong_type(&self, key: &str, expected: ValueKind, value: &Value, report: &mut Report) {
        report.error(
            Problem::WrongType {
                field: field_name(&self.path_to(key)),
                expected,
                found: kind_of(value),
            },
            self.at(key),
        );
    }

    /// Text of a scalar: strings as they are, numbers and booleans exactly as
    /// written (a phone number `0912345678` keeps its leading zero).
    fn scalar_text(&self, key: &str, value: &Value) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            Value::Number(_) | Value::Bool(_) => {
                self.fields.raw_scalar(&self.path_to(key)).or_else(|| {
                    serde_yaml::to_string(value)
                        .ok()
                        .map(|s| s.trim().to_string())
                })
            }
            Value::Tagged(tagged) => match &tagged.value {
                Value::String(s) => Some(s.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    /// An optional single-line text field.
    pub fn text(&self, key: &str, report: &mut Report) -> Option<String> {
        let value = self.get(key)?;
        match self.scalar_text(key, value) {
            Some(text) => {
                let text = clean_line(&text);
                (!text.is_empty()).then_some(text)
            }
            None => {
                self.wrong_type(key, ValueKind::Text, value, report);
                None
            }
        }
    }

    /// A required single-line text field.
    pub fn required_text(&self, key: &str, report: &mut Report) -> Option<String> {
        if !self.has(key) {
            report.error(
                Problem::MissingField {
                    field: field_name(&self.path_to(key)),
                },
                self.here(),
            );
            return None;
        }
        let before = report.problems.len();
        let text = self.text(key, report);
        if text.is_none() && report.problems.len() == before {
            report.error(
                Problem::EmptyField {
                    field: field_name(&self.path_to(key)),
                },
                Some(Pointer::key(self.path_to(key))),
            );
        }
        text
    }

    /// An optional text of several lines (Markdown): NFC, lines trimmed at the end.
    pub fn long_text(&self, key: &str, report: &mut Report) -> Option<String> {
        let value = self.get(key)?;
        match self.scalar_text(key, value) {
            Some(text) => {
                let text = normalize(&text).trim().to_string();
                (!text.is_empty()).then_some(text)
            }
            None => {
                self.wrong_type(key, ValueKind::Text, value, report);
                None
            }
        }
    }

    /// An optional true/false field.
    pub fn bool(&self, key: &str, report: &mut Report) -> Option<bool> {
        let value = self.get(key)?;
        match value {
            Value::Bool(b) => Some(*b),
            _ => {
                self.wrong_type(key, ValueKind::YesNo, value, report);
                None
            }
        }
    }

    /// An optional list of single-line texts; a single text counts as a list of one.
    pub fn text_list(&self, key: &str, report: &mut Report) -> Vec<String> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        match value {
            Value::Sequence(items) => {
                let mut out = Vec::new();
                for (index, item) in items.iter().enumerate() {
                    let mut path = self.path_to(key);
                    path.push(Step::Index(index));
                    match item {
                        Value::Null => {}
                        Value::String(_) | Value::Number(_) | Value::Bool(_) => {
                            let text = match item {
                                Value::String(s) => s.clone(),
                                _ => self.fields.raw_scalar(&path).unwrap_or_default(),
                            };
                            let text = clean_line(&text);
                            if !text.is_empty() {
                                out.push(text);
                            }
                        }
                        other => report.error(
                            Problem::WrongType {
                                field: field_name(&path),
                                expected: ValueKind::Text,
                                found: kind_of(other),
                            },
                            Some(Pointer::value(path)),
                        ),
                    }
                }
                out
            }
            Value::String(_) | Value::Number(_) => self.text(key, report).into_iter().collect(),
            other => {
                self.wrong_type(key, ValueKind::List, other, report);
                Vec::new()
            }
        }
    }

    /// An optional group of named fields.
    pub fn nested(&self, key: &str, report: &mut Report) -> Option<Reader<'f>> {
        let value = self.get(key)?;
        match value {
            Value::Mapping(map) => Some(Reader {
                fields: self.fields,
                map,
                path: self.path_to(key),
            }),
            other => {
                self.wrong_type(key, ValueKind::Mapping, other, report);
                None
            }
        }
    }

    /// An optional list; a single item counts as a list of one.
    pub fn list(&self, key: &str) -> Vec<(Vec<Step>, &'f Value)> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let path = self.path_to(key);
        match value {
            Value::Sequence(items) => items
                .iter()
                .enumerate()
                .filter(|(_, item)| !item.is_null())
                .map(|(index, item)| {
                    let mut item_path = path.clone();
                    item_path.push(Step::Index(index));
                    (item_path, item)
                })
                .collect(),
            single => vec![(path, single)],
        }
    }

    /// Reads a list item that is a group of fields.
    pub fn item(&self, path: Vec<Step>, map: &'f Mapping) -> Reader<'f> {
        Reader {
            fields: self.fields,
            map,
            path,
        }
    }

    /// Text of a list item that is a scalar, exactly as written.
    pub fn item_text(&self, path: &[Step], value: &Value) -> Option<String> {
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Number(_) | Value::Bool(_) => self.fields.raw_scalar(path)?,
            _ => return None,
        };
        let text = clean_line(&text);
        (!text.is_empty()).then_some(text)
    }

    /// Reports every key that is not in `allowed`, with the closest allowed one.
    pub fn reject_unknown(&self, allowed: &[&'static str], report: &mut Report) {
        for key in self.map.keys() {
            let name = match key {
                Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            };
            if allowed.contains(&name.as_str()) {
                continue;
            }
            let suggestion = closest(&name, allowed);
            report.error(
                Problem::UnknownField {
                    field: name.clone(),
                    suggestion,
                    allowed: allowed.to_vec(),
                },
                Some(Pointer::key(self.path_to(&name))),
            );
        }
    }

    /// Type error helper for list items.
    pub fn item_wrong_type(
        &self,
        path: Vec<Step>,
        expected: ValueKind,
        value: &Value,
        report: &mut Report,
    ) {
        report.error(
            Problem::WrongType {
                field: field_name(&path),
                expected,
                found: kind_of(value),
            },
            Some(Pointer::value(path)),
        );
    }
}

/// The allowed name closest to `name`, if close enough to be a likely typo.
pub fn closest(name: &str, allowed: &[&'static str]) -> Option<String> {
    let lowered = crate::text::fold(name).replace([' ', '-'], "_");
    allowed
        .iter()
        .map(|candidate| (strsim::jaro_winkler(&lowered, candidate), *candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::yaml::parse;

    #[test]
    fn collects_every_problem() {
        let text = "name:\nprise: 3\nphone: 0912345678\nstandards: [HACCP, 22000, [x]]\ncertificate: yes\n";
        let fields = parse(text, text, 0).unwrap();
        let reader = Reader::root(&fields);
        let mut report = Report::default();
        assert_eq!(reader.required_text("name", &mut report), None);
        assert_eq!(reader.required_text("province", &mut report), None);
        assert_eq!(
            reader.text("phone", &mut report).as_deref(),
            Some("0912345678")
        );
        assert_eq!(
            reader.text_list("standards", &mut report),
            vec!["HACCP", "22000"]
        );
        assert!(reader.nested("certificate", &mut report).is_none());
        reader.reject_unknown(
            &[
                "name",
                "province",
                "phone",
                "price",
                "standards",
                "certificate",
            ],
            &mut report,
        );
        let problems: Vec<&Problem> = report.problems.iter().map(|(_, p, _)| p).collect();
        assert!(matches!(problems[0], Problem::EmptyField { field } if field == "name"));
        assert!(matches!(problems[1], Problem::MissingField { field } if field == "province"));
        assert!(matches!(problems[2], Problem::WrongType { field, .. } if field == "standards #3"));
        assert!(
            matches!(problems[3], Problem::WrongType { field, expected: ValueKind::Mapping, .. } if field == "certificate")
        );
        assert!(
            matches!(problems[4], Problem::UnknownField { field, suggestion: Some(s), .. } if field == "prise" && s == "price")
        );
        assert_eq!(problems.len(), 5);
    }

    #[test]
    fn normalises_text() {
        let text = "name: \"  Nu\u{031b}o\u{031b}\u{0301}c mắm  \"\n";
        let fields = parse(text, text, 0).unwrap();
        let mut report = Report::default();
        assert_eq!(
            Reader::root(&fields).text("name", &mut report).as_deref(),
            Some("Nước mắm")
        );
    }

    #[test]
    fn suggests_only_close_names() {
        assert_eq!(
            closest("descripton", &["description", "name"]).as_deref(),
            Some("description")
        );
        assert_eq!(
            closest("Potential 5 star", &["potential_5_star"]).as_deref(),
            Some("potential_5_star")
        );
        assert_eq!(closest("zzz", &["description", "name"]), None);
    }
}
