//! How a record's text becomes index words, following Pagefind's indexing
//! rules exactly: the browser side of Pagefind looks words up in the index
//! the way its own indexer would have filed them, so any difference here
//! would make a search miss. `tests::same_files_as_pagefind` in the parent
//! module checks the result against Pagefind's indexer.

use convert_case::{Case, Casing};
use pagefind_stem::Algorithm;
pub use pagefind_stem::Stemmer;
use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_segmentation::UnicodeSegmentation;

/// Characters that count as part of a word besides letters and digits
/// (Unicode's connector punctuation), as Pagefind has them by default.
pub const WORD_SYMBOLS: [char; 10] = ['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'];

/// What a text weight of 1 is stored as; markers scale by it.
const WEIGHT_SCALE: f32 = 24.0;
/// The highest weight a marker can ask for.
const WEIGHT_MAX: f32 = 10.0;
/// The longest katakana suffix and dotted tail indexed, in characters.
const MAX_SUFFIX_CHARS: usize = 16;
const MAX_TAIL_CHARS: usize = 64;

/// One word to file in the index for a word of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexWord {
    /// The form looked up: lower case, without diacritics.
    pub key: String,
    /// The form as written, when it had diacritics (ranks exact matches).
    pub original: Option<String>,
    /// Part of a compound word (shares the word's weight with its siblings).
    pub part: bool,
}

/// One occurrence of a word in a record's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub word: IndexWord,
    pub position: u32,
    pub weight: u8,
}

/// A record's text, read: what results show, and what is indexed.
#[derive(Debug, Default)]
pub struct Digest {
    /// The text without markers, words separated by one space.
    pub content: String,
    pub occurrences: Vec<Occurrence>,
    /// Positions used: the last word's position plus one (one when empty).
    pub word_count: usize,
}

/// The stemmer Pagefind uses for `language` (its code, or code-region),
/// if it has one: the browser stems a query with the same algorithm, in the
/// WebAssembly of that language.
pub fn stemmer(language: &str) -> Option<Stemmer> {
    let algorithm = match language.split('-').next().unwrap_or_default() {
        "ar" => Algorithm::Arabic,
        "hy" => Algorithm::Armenian,
        "eu" => Algorithm::Basque,
        "ca" => Algorithm::Catalan,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "eo" => Algorithm::Esperanto,
        "et" => Algorithm::Estonian,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hi" => Algorithm::Hindi,
        "hu" => Algorithm::Hungarian,
        "id" => Algorithm::Indonesian,
        "ga" => Algorithm::Irish,
        "it" => Algorithm::Italian,
        "lt" => Algorithm::Lithuanian,
        "nb" | "nn" | "no" => Algorithm::Norwegian,
        "ne" => Algorithm::Nepali,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sr" => Algorithm::Serbian,
        "pl" => Algorithm::Polish,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        "yi" => Algorithm::Yiddish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// Whether a word is one of Pagefind's markers, which are not text.
pub fn is_marker(word: &str) -> bool {
    [
        "___PAGEFIND_ANCHOR___",
        "___PAGEFIND_WEIGHT___",
        "___PAGEFIND_AUTO_WEIGHT___",
        "___END_PAGEFIND_WEIGHT___",
    ]
    .iter()
    .any(|marker| word.starts_with(marker))
}

/// Reads text carrying Pagefind's weight markers
/// (`___PAGEFIND_WEIGHT___7 … ___END_PAGEFIND_WEIGHT___`).
pub fn digest(text: &str, stemmer: Option<&Stemmer>) -> Digest {
    let mut digest = Digest::default();
    let mut weights: Vec<u8> = vec![WEIGHT_SCALE as u8];
    let mut position: u32 = 0;
    let mut last_position: u32 = 0;
    for word in text.split_whitespace() {
        if word.starts_with('_') {
            if word.starts_with("___PAGEFIND_ANCHOR___") {
                // Anchors come from HTML, which records do not have.
                continue;
            }
            if let Some(value) = word.strip_prefix("___PAGEFIND_WEIGHT___") {
                let weight = value.parse::<f32>().unwrap_or(1.0);
                weights.push(if weight <= 0.0 {
                    0
                } else {
                    ((weight.clamp(0.0, WEIGHT_MAX) * WEIGHT_SCALE) as u8).max(1)
                });
                continue;
            }
            if let Some(value) = word.strip_prefix("___PAGEFIND_AUTO_WEIGHT___") {
                let inherited = weights.last().copied().unwrap_or_default();
                weights.push(if weights.len() == 1 {
                    let weight = value.parse::<f32>().unwrap_or(1.0);
                    (weight.clamp(0.0, WEIGHT_MAX) * WEIGHT_SCALE) as u8
                } else {
                    inherited
                });
                continue;
            }
            if word.starts_with("___END_PAGEFIND_WEIGHT___") {
                weights.pop();
                continue;
            }
        }
        let word = word.replace('\u{200B}', "");
        if word.is_empty() {
            continue;
        }
        digest.content.push_str(&word);
        digest.content.push(' ');
        let weight = weights.last().copied().unwrap_or(1);
        let mut words = index_words(&word, stemmer);
        let tails = dotted_tails(&word, &words, stemmer);
        words.extend(tails);
        let parts = words.iter().filter(|w| w.part).count();
        let part_weight = if parts > 0 && weight > 0 {
            (weight / u8::try_from(parts).unwrap_or(u8::MAX)).max(1)
        } else {
            0
        };
        for word in words {
            digest.occurrences.push(Occurrence {
                weight: if word.part { part_weight } else { weight },
                word,
                position,
            });
        }
        last_position = position;
        position += 1;
    }
    if digest.content.ends_with(' ') {
        digest.content.pop();
    }
    digest.word_count = last_position as usize + 1;
    digest
}

/// The words to index for one whitespace-separated word: the word itself,
/// folded (and stemmed, with a `stemmer`), and the parts of a compound
/// (`nước-mắm`, `camelCase`).
pub fn index_words(raw: &str, stemmer: Option<&Stemmer>) -> Vec<IndexWord> {
    let mut words = Vec::new();
    let normalized = normalize(raw);
    if !normalized.is_empty() {
        words.push(fold(normalized.clone(), false, stemmer));
    }
    for suffix in katakana_suffixes(raw) {
        let folded = fold_diacritics(suffix);
        words.push(IndexWord {
            key: folded.clone().unwrap_or_else(|| suffix.to_string()),
            original: folded.map(|_| suffix.to_string()),
            part: true,
        });
    }
    let compound =
        raw.chars().any(|c| !c.is_alphanumeric()) || raw.chars().skip(1).any(char::is_uppercase);
    if !compound {
        return words;
    }
    let parts = raw
        .replace(|c: char| c.is_ascii_punctuation(), " ")
        .to_case(Case::Lower)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if !normalized.is_empty()
        && (parts.contains(char::is_whitespace) || !normalized.starts_with(&parts))
    {
        for part in parts.split_whitespace().filter(|w| w.len() > 1) {
            words.push(fold(part.to_string(), true, stemmer));
        }
    }
    // An emoji always has a character outside ASCII.
    if !raw.is_ascii() {
        for emoji in raw.graphemes(true).filter(|g| emojis::get(g).is_some()) {
            words.push(IndexWord {
                key: emoji.to_string(),
                original: None,
                part: false,
            });
        }
    }
    words
}

/// The tails after each dot of a dotted word (`a.b_c` → `b_c`), when a
/// tail is itself a compound; plain tails are parts already.
fn dotted_tails(raw: &str, existing: &[IndexWord], stemmer: Option<&Stemmer>) -> Vec<IndexWord> {
    let mut tails = Vec::new();
    if !raw.contains('.') {
        return tails;
    }
    let seen: HashSet<&str> = existing.iter().map(|w| w.key.as_str()).collect();
    let mut seen_tails: HashSet<String> = HashSet::new();
    for (i, _) in raw.match_indices('.') {
        let rest = &raw[i + 1..];
        let tail = match rest.char_indices().nth(MAX_TAIL_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        let compound = tail.chars().any(|c| !c.is_alphanumeric())
            || tail.chars().skip(1).any(char::is_uppercase);
        if !compound {
            continue;
        }
        let normalized = normalize(tail);
        if normalized.chars().count() < 2 {
            continue;
        }
        let word = fold(normalized, true, stemmer);
        if !seen.contains(word.key.as_str()) && seen_tails.insert(word.key.clone()) {
            tails.push(word);
        }
    }
    tails
}

/// Letters, digits and word symbols of a word, in lower case.
fn normalize(raw: &str) -> String {
    let mut normalized = String::with_capacity(raw.len());
    for mut c in raw.chars() {
        if c.is_alphanumeric() || WORD_SYMBOLS.contains(&c) {
            c.make_ascii_lowercase();
            if c.is_uppercase() {
                normalized.extend(c.to_lowercase());
            } else {
                normalized.push(c);
            }
        }
    }
    normalized
}

/// The word as filed: without diacritics, then stemmed; the written form
/// is kept when diacritics were taken off (stemming alone keeps none).
fn fold(normalized: String, part: bool, stemmer: Option<&Stemmer>) -> IndexWord {
    let folded = fold_diacritics(&normalized);
    let key = match (stemmer, &folded) {
        (Some(stemmer), Some(folded)) => stemmer.stem(folded).into_owned(),
        (Some(stemmer), None) => stemmer.stem(&normalized).into_owned(),
        (None, Some(folded)) => folded.clone(),
        (None, None) => normalized.clone(),
    };
    IndexWord {
        key,
        original: folded.map(|_| normalized),
        part,
    }
}

/// The word without its combining marks, if that differs (`nước` →
/// `nuoc`). Kana sound marks stay: they tell words apart.
fn fold_diacritics(word: &str) -> Option<String> {
    if word.is_ascii() || !has_decomposition(word) {
        return None;
    }
    let kana_mark = |c: char| matches!(c, '\u{3099}' | '\u{309A}');
    let stripped: String = word
        .nfd()
        .filter(|&c| !is_combining_mark(c) || kana_mark(c))
        .collect();
    let folded = if stripped.chars().any(kana_mark) {
        stripped.nfc().collect()
    } else {
        stripped
    };
    (folded != word).then_some(folded)
}

fn has_decomposition(word: &str) -> bool {
    word.chars().any(|c| {
        let mut decomposes = is_combining_mark(c);
        decompose_canonical(c, |part| decomposes |= part != c);
        decomposes
    })
}

/// Every suffix of a katakana word, so that a query can match inside it
/// (the browser has no dictionary to split katakana).
fn katakana_suffixes(word: &str) -> Vec<&str> {
    let katakana = |c: char| matches!(c as u32, 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F);
    if word.chars().count() < 3 || !word.chars().all(katakana) {
        return Vec::new();
    }
    let mut seen = HashSet::new();
    let mut suffixes = Vec::new();
    for (i, _) in word.char_indices().skip(1) {
        let rest = &word[i..];
        let suffix = match rest.char_indices().nth(MAX_SUFFIX_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        if suffix.chars().count() >= 2 && seen.insert(suffix) {
            suffixes.push(suffix);
        }
    }
    suffixes
}

/// Removes Pagefind's private markers (`___PAGEFIND_…` up to the next
/// space, and that space) from a meta or filter value, as Pagefind does
/// before showing or indexing it.
pub fn without_markers(value: &str) -> std::borrow::Cow<'_, str> {
    const MARKER: &str = "___PAGEFIND_";
    if !value.contains(MARKER) {
        return value.into();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(start) = rest.find(MARKER) {
        let after = &rest[start + MARKER.len()..];
        let word_end = after.find(char::is_whitespace).unwrap_or(after.len());
        if word_end == 0 {
            // `[\S]+` needs at least one character after the prefix.
            out.push_str(&rest[..start + MARKER.len()]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..start]);
        let mut tail = &after[word_end..];
        if let Some(space) = tail.chars().next() {
            tail = &tail[space.len_utf8()..];
        }
        rest = tail;
    }
    out.push_str(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(raw: &str) -> Vec<(String, Option<String>, bool)> {
        index_words(raw, None)
            .into_iter()
            .map(|w| (w.key, w.original, w.part))
            .collect()
    }

    #[test]
    fn folds_vietnamese_and_keeps_the_written_form() {
        assert_eq!(
            keys("Nước"),
            vec![("nuoc".into(), Some("nước".into()), false)]
        );
        assert_eq!(keys("mam"), vec![("mam".into(), None, false)]);
        // đ has no decomposition: it stays, and ocop adds `d` spellings.
        assert_eq!(keys("đồng")[0].0, "đong");
    }

    #[test]
    fn splits_compounds_into_parts() {
        let words = keys("Hà-Nội");
        assert_eq!(words[0], ("hanoi".into(), Some("hànội".into()), false));
        assert!(words.contains(&("ha".into(), Some("hà".into()), true)));
        assert!(words.contains(&("noi".into(), Some("nội".into()), true)));
    }

    #[test]
    fn weighs_marked_words() {
        let digest = digest(
            "___PAGEFIND_WEIGHT___7 Mật ong ___END_PAGEFIND_WEIGHT___ rừng U\u{200B}",
            None,
        );
        assert_eq!(digest.content, "Mật ong rừng U");
        assert_eq!(digest.word_count, 4);
        let weights: Vec<u8> = digest.occurrences.iter().map(|o| o.weight).collect();
        assert_eq!(weights, [168, 168, 24, 24]);
    }

    #[test]
    fn strips_private_markers_from_values() {
        assert_eq!(without_markers("a ___PAGEFIND_X b"), "a b");
        assert_eq!(without_markers("a___PAGEFIND_"), "a___PAGEFIND_");
        assert_eq!(without_markers("plain"), "plain");
    }
}
