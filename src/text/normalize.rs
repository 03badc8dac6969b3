//! Producers type on many keyboards; some send decomposed (NFD) Vietnamese,
//! which looks identical but compares differently. Everything read from
//! content goes through [`normalize`] so that two spellings that look alike
//! are alike.

use std::borrow::Cow;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Returns `text` in Unicode NFC.
pub(crate) fn compose(text: &str) -> Cow<'_, str> {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// Returns `text` in Unicode NFC with trailing whitespace removed from every line.
pub fn normalize(text: &str) -> Cow<'_, str> {
    let composed = compose(text);
    if !composed.lines().any(|line| line.ends_with([' ', '\t'])) {
        return composed;
    }
    let mut out = String::with_capacity(composed.len());
    for (i, line) in composed.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line.trim_end_matches([' ', '\t']));
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn composes_decomposed_vietnamese() {
        let decomposed = "Nu\u{031b}o\u{031b}\u{0301}c";
        assert_eq!(normalize(decomposed), "Nước");
    }

    #[test]
    fn trims_trailing_spaces_per_line() {
        assert_eq!(normalize("a  \nb\t\nc"), "a\nb\nc");
    }

    #[test]
    fn borrows_clean_text() {
        assert!(matches!(
            normalize("Nước mắm"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
