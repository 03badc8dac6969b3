//! Parsing the YAML fields of a content file, and pointing at them afterwards.
//!
//! serde_yaml parses (with its limits against alias bombs and deep nesting)
//! but keeps no positions for values. When a problem is found after parsing
//! (an unknown province, say), [`Fields::locate`] reads the same text again
//! as a stream of spanned events, with saphyr-parser, to find the line and
//! column of the key or value in question. That second reading happens only
//! for files with problems, so clean content pays nothing for it, and it
//! stops at the place wanted: most warnings point near the top of a file,
//! above its long description.

use crate::diagnostic::{Location, Problem, ValueKind};
use saphyr_parser::{Event, Parser, Span};
use serde_yaml::{Mapping, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

pub use crate::model::{Pointer, Step, field_name};

/// The kind of a parsed value, for type errors.
pub fn kind_of(value: &Value) -> ValueKind {
    match value {
        Value::Null => ValueKind::Nothing,
        Value::Bool(_) => ValueKind::YesNo,
        Value::Number(_) => ValueKind::WholeNumber,
        Value::String(_) => ValueKind::Text,
        Value::Sequence(_) => ValueKind::List,
        Value::Mapping(_) => ValueKind::Mapping,
        Value::Tagged(tagged) => kind_of(&tagged.value),
    }
}

/// The parsed fields of one file, with what is needed to point into it.
pub struct Fields<'a> {
    /// The whole file, for showing lines.
    pub text: &'a str,
    /// The YAML part of it.
    pub yaml: &'a str,
    /// Lines of the file before the YAML starts.
    pub line_offset: usize,
    /// The top-level fields.
    pub root: Mapping,
    /// Where keys and values are, found as far as they are needed.
    spans: RefCell<Spans>,
    /// The byte offset of each character of the YAML, found when first needed.
    char_starts: OnceLock<Vec<usize>>,
}

/// A problem found while parsing, with its 1-based line and column in the file.
pub type ParseFailure = (Problem, Option<(usize, usize)>);

/// Parses the YAML part of a file into top-level fields.
pub fn parse<'a>(
    text: &'a str,
    yaml: &'a str,
    line_offset: usize,
) -> Result<Fields<'a>, ParseFailure> {
    if let Some((line, column)) = super::nesting::too_deep(yaml) {
        return Err((
            Problem::NestingTooDeep {
                limit: super::nesting::MAX_NESTING,
            },
            Some((line + line_offset, column)),
        ));
    }
    let value: Value = match serde_yaml::from_str(yaml) {
        Ok(value) => value,
        Err(error) => {
            let message = error.to_string();
            let detail = match message.find(" at line ") {
                Some(end) => message[..end].to_string(),
                None => message,
            };
            let mut position = error
                .location()
                .map(|l| (l.line() + line_offset, l.column()));
            // serde_yaml points at the mapping holding a duplicate key; the
            // producer needs the second occurrence of the key.
            if detail.starts_with("duplicate entry")
                && let Some(span) = find_duplicate_key(yaml)
            {
                position = Some((span.start.line() + line_offset, span.start.col() + 1));
            }
            return Err((Problem::YamlSyntax { detail }, position));
        }
    };
    let root = match value {
        Value::Mapping(mapping) => mapping,
        // An empty file holds no fields; the missing ones are reported by name.
        Value::Null => Mapping::new(),
        other => {
            return Err((
                Problem::NotFields {
                    found: kind_of(&other),
                },
                Some((line_offset + 1, 1)),
            ));
        }
    };
    Ok(Fields {
        text,
        yaml,
        line_offset,
        root,
        spans: RefCell::new(Spans::default()),
        char_starts: OnceLock::new(),
    })
}

impl Fields<'_> {
    /// Finds where `pointer` is in the file.
    pub fn locate(&self, pointer: &Pointer) -> Option<Location> {
        let span = self.span(pointer)?;
        let line = span.start.line() + self.line_offset;
        let length = if span.end.line() == span.start.line() {
            span.len()
        } else {
            1
        };
        Some(Location::in_text(
            self.text,
            line,
            span.start.col() + 1,
            length,
        ))
    }

    /// The text of the scalar at `path` exactly as written: `0912345678`
    /// rather than the number YAML read from it.
    pub fn raw_scalar(&self, path: &[Step]) -> Option<String> {
        let span = self.span(&Pointer::value(path.to_vec()))?;
        let starts = self
            .char_starts
            .get_or_init(|| self.yaml.char_indices().map(|(at, _)| at).collect());
        let byte = |index: usize| starts.get(index).copied().unwrap_or(self.yaml.len());
        let raw = self
            .yaml
            .get(byte(span.start.index())..byte(span.start.index() + span.len()))?
            .trim();
        (!raw.is_empty()).then(|| raw.to_string())
    }

    fn span(&self, pointer: &Pointer) -> Option<Span> {
        // A copy of the path is the price of one map for keys and values.
        self.spans
            .borrow_mut()
            .find(self.yaml, &(pointer.path.clone(), pointer.at_key))
    }
}

enum Frame {
    Mapping {
        next_is_key: bool,
        key: Option<(String, Span)>,
    },
    Sequence {
        index: usize,
    },
}

fn current_path(stack: &[Frame]) -> Vec<Step> {
    stack
        .iter()
        .filter_map(|frame| match frame {
            Frame::Mapping {
                key: Some((key, _)),
                ..
            } => Some(Step::Key(key.clone())),
            Frame::Sequence { index } => Some(Step::Index(*index)),
            Frame::Mapping { key: None, .. } => None,
        })
        .collect()
}

/// Marks the node that just ended as done in its parent.
fn finish_node(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Mapping { next_is_key, key }) => {
            if *next_is_key {
                // Complex keys are rare; a key that is not a scalar matches nothing.
                *next_is_key = false;
            } else {
                *next_is_key = true;
                *key = None;
            }
        }
        Some(Frame::Sequence { index }) => *index += 1,
        None => {}
    }
}

/// The first key that repeats a key of the same mapping.
fn find_duplicate_key(yaml: &str) -> Option<Span> {
    // For each open collection: the keys seen (mappings) and whether the next
    // node is a key.
    let mut stack: Vec<Option<(std::collections::HashSet<String>, bool)>> = Vec::new();
    let mut parser = Parser::new_from_str(yaml);
    while let Some(Ok((event, span))) = parser.next_event() {
        let is_node = matches!(
            event,
            Event::Scalar(..)
                | Event::Alias(_)
                | Event::MappingStart(..)
                | Event::SequenceStart(..)
        );
        if is_node && let Some(Some((keys, next_is_key))) = stack.last_mut() {
            if *next_is_key
                && let Event::Scalar(text, ..) = &event
                && !keys.insert(text.to_string())
            {
                return Some(span);
            }
            *next_is_key = !*next_is_key;
        }
        match event {
            Event::MappingStart(..) => stack.push(Some((Default::default(), true))),
            Event::SequenceStart(..) => stack.push(None),
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            _ => {}
        }
    }
    None
}

/// Where each key and value of a document is, by its path; `true` marks a
/// key.
type SpanIndex = HashMap<(Vec<Step>, bool), Span>;

/// The places of a document found so far. The first place asked for is
/// found by reading only as far as it; any other place not found on the way
/// by reading the whole text, so no file is read more than twice, however
/// many problems it has.
#[derive(Default)]
struct Spans {
    index: SpanIndex,
    read: Reading,
}

#[derive(Default, PartialEq)]
enum Reading {
    #[default]
    Nothing,
    Partly,
    All,
}

impl Spans {
    fn find(&mut self, yaml: &str, place: &(Vec<Step>, bool)) -> Option<Span> {
        if let Some(span) = self.index.get(place) {
            return Some(*span);
        }
        match self.read {
            Reading::All => {}
            Reading::Nothing => {
                self.read = Reading::Partly;
                if !index_spans(yaml, &mut self.index, Some(place)) {
                    self.read = Reading::All;
                }
            }
            Reading::Partly => {
                index_spans(yaml, &mut self.index, None);
                self.read = Reading::All;
            }
        }
        self.index.get(place).copied()
    }
}

/// Notes where each key and value of `yaml` is in `index` (keeping what is
/// there), stopping once `until` is noted. True when it stopped early.
fn index_spans(yaml: &str, index: &mut SpanIndex, until: Option<&(Vec<Step>, bool)>) -> bool {
    let mut parser = Parser::new_from_str(yaml);
    let mut stack: Vec<Frame> = Vec::new();
    while let Some(Ok((event, span))) = parser.next_event() {
        let starts_node = matches!(
            event,
            Event::Scalar(..)
                | Event::Alias(_)
                | Event::MappingStart(..)
                | Event::SequenceStart(..)
        );
        if starts_node {
            let place = match stack.last_mut() {
                Some(Frame::Mapping {
                    next_is_key: true,
                    key,
                }) => match &event {
                    Event::Scalar(text, ..) => {
                        *key = Some((text.to_string(), span));
                        Some((current_path(&stack), true))
                    }
                    _ => None,
                },
                _ => Some((current_path(&stack), false)),
            };
            if let Some(place) = place {
                let reached = until == Some(&place);
                index.entry(place).or_insert(span);
                if reached {
                    return true;
                }
            }
        }
        match event {
            Event::MappingStart(..) => stack.push(Frame::Mapping {
                next_is_key: true,
                key: None,
            }),
            Event::SequenceStart(..) => stack.push(Frame::Sequence { index: 0 }),
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                finish_node(&mut stack);
            }
            Event::Scalar(..) | Event::Alias(_) => finish_node(&mut stack),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRODUCT: &str = "name: Nước mắm\nstars: 6\ncertificate:\n  decision: 1/QĐ\n  date: 2024-13-01\nphotos:\n  - a.jpg\n  - src: b.jpg\n    alt: Chai\nlinks: [{label: x, url: 'javascript:1'}]\nphone: 0912345678\n";

    fn fields(text: &str) -> Fields<'_> {
        parse(text, text, 0).unwrap()
    }

    fn at(fields: &Fields, pointer: Pointer) -> (usize, usize, usize) {
        let l = fields.locate(&pointer).unwrap();
        (l.line, l.column, l.length)
    }

    fn key(k: &str) -> Step {
        Step::Key(k.into())
    }

    #[test]
    fn points_at_top_level_keys_and_values() {
        let f = fields(PRODUCT);
        assert_eq!(at(&f, Pointer::key(vec![key("stars")])), (2, 1, 5));
        assert_eq!(at(&f, Pointer::value(vec![key("stars")])), (2, 8, 1));
        assert_eq!(at(&f, Pointer::value(vec![key("name")])), (1, 7, 8));
    }

    #[test]
    fn points_into_nested_mappings_and_lists() {
        let f = fields(PRODUCT);
        assert_eq!(
            at(&f, Pointer::value(vec![key("certificate"), key("date")])),
            (5, 9, 10)
        );
        assert_eq!(
            at(&f, Pointer::value(vec![key("photos"), Step::Index(0)])),
            (7, 5, 5)
        );
        assert_eq!(
            at(
                &f,
                Pointer::value(vec![key("photos"), Step::Index(1), key("alt")])
            ),
            (9, 10, 4)
        );
        assert_eq!(
            at(
                &f,
                Pointer::value(vec![key("links"), Step::Index(0), key("url")])
            )
            .0,
            10
        );
    }

    #[test]
    fn places_read_partly_then_wholly_are_where_one_whole_reading_puts_them() {
        let places = [
            Pointer::value(vec![key("certificate"), key("date")]),
            Pointer::value(vec![key("phone")]),
            Pointer::key(vec![key("name")]),
            Pointer::value(vec![key("photos"), Step::Index(1), key("alt")]),
            Pointer::value(vec![key("missing")]),
        ];
        let mut whole = SpanIndex::new();
        assert!(!index_spans(PRODUCT, &mut whole, None));
        let asked_in_turn = fields(PRODUCT);
        for place in places {
            let expected = whole.get(&(place.path.clone(), place.at_key)).copied();
            assert_eq!(asked_in_turn.span(&place), expected, "{place:?}");
        }
        assert_eq!(at(&asked_in_turn, Pointer::value(vec![key("phone")])).0, 11);
        assert!(asked_in_turn.spans.borrow().read == Reading::All);
    }

    #[test]
    fn offsets_front_matter_lines() {
        let text = "---\nname: A\nstars: 9\n---\nbody\n";
        let yaml = &text[4..20];
        let f = parse(text, yaml, 1).unwrap();
        let location = f.locate(&Pointer::value(vec![key("stars")])).unwrap();
        assert_eq!((location.line, location.column), (3, 8));
        assert_eq!(location.source_line, "stars: 9");
    }

    #[test]
    fn recovers_raw_scalars() {
        let f = fields(PRODUCT);
        assert_eq!(f.raw_scalar(&[key("phone")]).as_deref(), Some("0912345678"));
    }

    #[test]
    fn reports_syntax_errors_with_position() {
        let (problem, position) = parse("name: A\nstars: [3\n", "name: A\nstars: [3\n", 0)
            .err()
            .unwrap();
        assert!(matches!(problem, Problem::YamlSyntax { .. }));
        assert!(position.is_some());
    }

    #[test]
    fn rejects_duplicate_keys() {
        let text = "name: A\nname: B\n";
        let (problem, position) = parse(text, text, 0).err().unwrap();
        assert!(
            matches!(problem, Problem::YamlSyntax { ref detail } if detail.contains("duplicate")),
            "{problem:?}"
        );
        assert_eq!(position.map(|p| p.0), Some(2));
    }

    #[test]
    fn stops_alias_bombs_and_deep_nesting() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("b{}", i - 1)
            };
            bomb.push_str(&format!("b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        assert!(parse(&bomb, &bomb, 0).is_err());
        let deep = format!("name: {}{}\n", "[".repeat(500), "]".repeat(500));
        assert!(parse(&deep, &deep, 0).is_err());
    }

    #[test]
    fn a_list_at_the_top_is_not_fields() {
        let (problem, _) = parse("- a\n", "- a\n", 0).err().unwrap();
        assert_eq!(
            problem,
            Problem::NotFields {
                found: ValueKind::List
            }
        );
    }

    #[test]
    fn names_fields_for_people() {
        assert_eq!(
            field_name(&[key("photos"), Step::Index(1), key("alt")]),
            "photos #2.alt"
        );
        assert_eq!(
            field_name(&[key("certificate"), key("date")]),
            "certificate.date"
        );
    }
}
