//! How text becomes the words of the index. The browser runtime
//! (`runtime.js`) cuts and folds a query the same way: a word is a run of
//! letters, marks and digits; its key is the word in lower case without
//! diacritics and with `đ` as `d` ([`crate::text::fold`]), so "nuoc",
//! "nươc" and "Nước" share one key. The word as written, when it differs
//! from its key, is kept as its form, so that a query typed with the right
//! diacritics ranks "đậu" above "dầu".

use pagefind_stem::Algorithm;
pub use pagefind_stem::Stemmer;

/// The longest word indexed, in bytes: longer runs (a pasted link, a
/// base64 blob) are cut, so no one word can swell the index.
const MAX_WORD_BYTES: usize = 48;

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Token {
    /// What is looked up: lower case, no diacritics.
    pub key: String,
    /// The word in lower case as written, when it has diacritics.
    pub form: Option<String>,
}

/// The stemmer for `language` (its code, or code-region), if there is one.
/// A stemmed language files each word under its stem as well, so that
/// "berries" finds "berry" (both are filed under "berri"). Of the
/// languages ocop publishes ([`crate::lang::Lang`]), English has one;
/// Vietnamese words do not inflect.
pub fn stemmer(language: &str) -> Option<Stemmer> {
    match language.split('-').next().unwrap_or_default() {
        "en" => Some(Stemmer::create(Algorithm::English)),
        _ => None,
    }
}

/// Whether `c` belongs to a word (the runtime's `[\p{L}\p{M}\p{N}]`).
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// The words of `text`, in order, each followed by its stem where
/// `stemmer` changes it (filed without a form: the stem is not a word
/// anyone wrote).
pub fn tokens(text: &str, stemmer: Option<&Stemmer>, mut each: impl FnMut(Token)) {
    // Content is composed when it is read; text from elsewhere (reference
    // data, a theme's strings) may not be.
    let composed = crate::text::compose(text);
    for word in composed
        .split(|c: char| !in_word(c))
        .filter(|w| !w.is_empty())
    {
        let word = cut(word);
        let lower = word.to_lowercase();
        let key = crate::text::fold(&lower);
        if key.is_empty() {
            continue;
        }
        let stem = stemmer
            .map(|s| s.stem(&key).into_owned())
            .filter(|stem| *stem != key && !stem.is_empty());
        let form = (lower != key).then_some(lower);
        each(Token { key, form });
        if let Some(stem) = stem {
            each(Token {
                key: stem,
                form: None,
            });
        }
    }
}

/// `word` cut to [`MAX_WORD_BYTES`] at a character boundary.
fn cut(word: &str) -> &str {
    if word.len() <= MAX_WORD_BYTES {
        return word;
    }
    let mut end = MAX_WORD_BYTES;
    while !word.is_char_boundary(end) {
        end -= 1;
    }
    &word[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str, stemmer: Option<&Stemmer>) -> Vec<(String, Option<String>)> {
        let mut out = Vec::new();
        tokens(text, stemmer, |t| out.push((t.key, t.form)));
        out
    }

    #[test]
    fn folds_tones_marks_and_d() {
        assert_eq!(
            all("Nước mắm (Phú Quốc), ĐẶC-sản 500ml!", None),
            [
                ("nuoc".into(), Some("nước".into())),
                ("mam".into(), Some("mắm".into())),
                ("phu".into(), Some("phú".into())),
                ("quoc".into(), Some("quốc".into())),
                ("dac".into(), Some("đặc".into())),
                ("san".into(), Some("sản".into())),
                ("500ml".into(), None),
            ]
        );
    }

    #[test]
    fn decomposed_text_is_one_word_per_word() {
        // "Nước" typed as base letters and combining marks.
        assert_eq!(
            all("Nu\u{31b}o\u{31b}\u{301}c", None),
            [("nuoc".to_string(), Some("nước".to_string()))]
        );
    }

    #[test]
    fn a_stemmed_language_files_the_stem_too() {
        let english = stemmer("en").expect("English");
        assert_eq!(
            all("Berries teas", Some(&english)),
            [
                ("berries".into(), None),
                ("berri".into(), None),
                ("teas".into(), None),
                ("tea".into(), None),
            ]
        );
        assert!(stemmer("vi").is_none());
    }

    #[test]
    fn long_runs_are_cut() {
        let long = "đ".repeat(100);
        let words = all(&long, None);
        assert_eq!(words.len(), 1);
        assert!(
            words[0]
                .1
                .as_deref()
                .is_some_and(|w| w.len() <= MAX_WORD_BYTES)
        );
    }
}
