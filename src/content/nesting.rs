//! A bound on how deeply the YAML of a content file nests, checked before
//! the YAML parser sees it.
//!
//! serde_yaml refuses structure past its recursion limit, but only after its
//! scanner has worked through it, and that work grows faster than the text:
//! a value of 100,000 `[` took 16 s to be refused. Content files are a few
//! levels deep, so one linear pass over the text that over-estimates the
//! depth, never under-estimates it, can refuse the rest outright.

/// The deepest structure a content file may hold. The contract needs four
/// levels (a list of photos, each a mapping, inside the file's mapping).
pub const MAX_NESTING: usize = 64;

/// Where the text first nests deeper than [`MAX_NESTING`], as a 1-based
/// line and column of the YAML text, or `None` when it stays within it.
pub fn too_deep(yaml: &str) -> Option<(usize, usize)> {
    let mut scanner = Scanner::default();
    for (index, line) in yaml.split('\n').enumerate() {
        if let Some(column) = scanner.line(line) {
            return Some((index + 1, column));
        }
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    Single,
    Double,
}

/// What the scan carries from one line to the next.
#[derive(Default)]
struct Scanner {
    /// Indentation of the open block collections, innermost last.
    indents: Vec<usize>,
    /// Open `[` and `{`.
    flow: usize,
    /// A quoted scalar that goes on past the end of the line.
    quote: Option<Quote>,
    /// The indentation a block scalar's lines must exceed to belong to it.
    block_scalar: Option<usize>,
}

impl Scanner {
    /// Scans one line; the column where it nests too deep, if it does.
    fn line(&mut self, line: &str) -> Option<usize> {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = line[indent..].trim_end();
        if let Some(parent) = self.block_scalar {
            if rest.is_empty() || indent > parent {
                return None;
            }
            self.block_scalar = None;
        }
        let starts_fresh = self.flow == 0 && self.quote.is_none();
        if starts_fresh {
            if rest.is_empty() || rest.starts_with('#') {
                return None;
            }
            while self.indents.last().is_some_and(|&open| open >= indent) {
                self.indents.pop();
            }
            self.indents.push(indent);
        }
        let mut depth = self.indents.len();
        let bytes = line.as_bytes();
        let mut at = if starts_fresh { indent } else { 0 };
        // In block context, only the start of a value can open a flow
        // collection or a quoted scalar; elsewhere `[` and `"` are text.
        let mut value_start = starts_fresh;
        while at < bytes.len() {
            let byte = bytes[at];
            if let Some(quote) = self.quote {
                match (quote, byte) {
                    (Quote::Double, b'\\') => at += 1,
                    (Quote::Double, b'"') => self.quote = None,
                    (Quote::Single, b'\'') => {
                        if bytes.get(at + 1) == Some(&b'\'') {
                            at += 1;
                        } else {
                            self.quote = None;
                        }
                    }
                    _ => {}
                }
                at += 1;
                continue;
            }
            let after_space = at == 0 || matches!(bytes[at - 1], b' ' | b'\t');
            let followed_by_space = matches!(bytes.get(at + 1), None | Some(b' ' | b'\t'));
            if byte == b'#' && after_space {
                break;
            }
            if self.flow > 0 {
                match byte {
                    b'[' | b'{' => {
                        self.flow += 1;
                        if depth + self.flow > MAX_NESTING {
                            return Some(char_column(line, at));
                        }
                    }
                    b']' | b'}' => self.flow -= 1,
                    b'"' => self.quote = Some(Quote::Double),
                    b'\'' => self.quote = Some(Quote::Single),
                    _ => {}
                }
                at += 1;
                if self.flow == 0 {
                    value_start = false;
                }
                continue;
            }
            match byte {
                b' ' | b'\t' => {}
                b'-' | b'?' | b':' if followed_by_space && (value_start || byte == b':') => {
                    // `- - x` and `key: value` each open a level on one line.
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Some(char_column(line, at));
                    }
                    value_start = true;
                }
                b'[' | b'{' if value_start => {
                    self.flow = 1;
                    if depth + self.flow > MAX_NESTING {
                        return Some(char_column(line, at));
                    }
                }
                b'"' if value_start => self.quote = Some(Quote::Double),
                b'\'' if value_start => self.quote = Some(Quote::Single),
                b'|' | b'>' if value_start => {
                    self.block_scalar = Some(indent);
                    return None;
                }
                _ => value_start = false,
            }
            at += 1;
        }
        None
    }
}

/// The 1-based column, in characters, of byte `at` of `line`.
fn char_column(line: &str, at: usize) -> usize {
    line.get(..at).map_or(at, |before| before.chars().count()) + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_ok(yaml: &str) -> bool {
        too_deep(yaml).is_none()
    }

    #[test]
    fn content_as_written_passes() {
        let yaml = "name: Nước mắm [loại 1] {đặc biệt}\n\
                    price: \"[[[[\"\n\
                    note: 'it''s [ fine'\n\
                    description: |\n  [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n\
                    tags: [a, [b, c], {d: e}]\n\
                    photos:\n  - file: a.jpg   # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n    alt: x\n";
        assert!(depth_ok(yaml), "{:?}", too_deep(yaml));
    }

    #[test]
    fn deep_flow_is_refused_where_it_gets_too_deep() {
        let yaml = format!("name: x\nbad: {}", "[".repeat(100_000));
        let (line, column) = too_deep(&yaml).unwrap();
        assert_eq!(line, 2);
        assert!(column <= 6 + MAX_NESTING, "{column}");
        let balanced = format!("bad: {}{}\n", "[".repeat(60), "]".repeat(60));
        assert!(depth_ok(&balanced));
    }

    #[test]
    fn deep_block_structure_is_refused() {
        let dashes = format!("a: {}x\n", "- ".repeat(200));
        assert!(too_deep(&dashes).is_some());
        let mut indented = String::new();
        for level in 0..100 {
            indented.push_str(&" ".repeat(level));
            indented.push_str("k:\n");
        }
        assert_eq!(too_deep(&indented).map(|(line, _)| line), Some(MAX_NESTING));
    }

    #[test]
    fn flow_over_several_lines_and_quotes_spanning_lines() {
        let yaml = "a: [\n  1,\n  [2, 3],\n]\nb: \"line one\n  [[[[ still quoted\"\nc: d\n";
        assert!(depth_ok(yaml));
        let deep = format!("a: [\n{}\n", "[\n".repeat(100));
        assert!(too_deep(&deep).is_some());
    }
}
