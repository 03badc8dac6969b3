//! A place in a content file's YAML, by path: what a problem found after
//! parsing points at, so it can be located in the text when reported.

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    /// The value of a mapping key.
    Key(String),
    /// An item of a sequence, from 0.
    Index(usize),
}

/// A place in a YAML document: a key, or the value under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pointer {
    /// Path from the root.
    pub path: Vec<Step>,
    /// Whether to point at the key itself rather than its value.
    pub at_key: bool,
}

impl Pointer {
    /// The value at `path`.
    pub fn value(path: Vec<Step>) -> Pointer {
        Pointer {
            path,
            at_key: false,
        }
    }

    /// The key at the end of `path`.
    pub fn key(path: Vec<Step>) -> Pointer {
        Pointer { path, at_key: true }
    }

    /// How the field is named in messages: `certificate.date`, `photos #2`.
    pub fn field_name(&self) -> String {
        field_name(&self.path)
    }
}

/// How a path is named in messages.
pub fn field_name(path: &[Step]) -> String {
    let mut name = String::new();
    for step in path {
        match step {
            Step::Key(key) => {
                if !name.is_empty() {
                    name.push('.');
                }
                name.push_str(key);
            }
            Step::Index(index) => {
                name.push_str(&format!(" #{}", index + 1));
            }
        }
    }
    name
}
