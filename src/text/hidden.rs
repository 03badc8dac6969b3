//! Characters that hide what text says: controls and direction overrides.

use std::borrow::Cow;

/// Characters no content may hold: controls other than tab and line end
/// (NUL, ESC and the rest reach terminals and logs as commands), and the
/// invisible direction controls that make text read differently from what
/// it is (a reviewer sees `exe.pdf` where the file says `fdp.exe`).
pub fn is_hidden_control(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200e}' | '\u{200f}' | '\u{061c}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every hidden control shown as U+FFFD, for printing what came
/// from content (a file name, a value in a message) to a terminal or a CI log.
pub fn visible(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_hidden_control) {
        Cow::Owned(
            text.chars()
                .map(|c| if is_hidden_control(c) { '\u{fffd}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_and_line_ends_are_text_the_rest_is_hidden() {
        assert!(!is_hidden_control('\t') && !is_hidden_control('\n'));
        for c in [
            '\u{0}', '\u{1b}', '\r', '\u{7f}', '\u{85}', '\u{202e}', '\u{2067}',
        ] {
            assert!(is_hidden_control(c), "{c:?}");
        }
        assert!(!is_hidden_control('đ') && !is_hidden_control('\u{200d}'));
        assert_eq!(visible("a\u{1b}[31mb"), "a\u{fffd}[31mb");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
    }
}
