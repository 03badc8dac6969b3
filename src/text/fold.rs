//! Folding removes everything a Vietnamese reader may leave out when typing:
//! tones, the marks of ă â ê ô ơ ư, the bar of đ, and letter case.
//!
//! Unicode decomposition strips the marks but leaves `đ` alone (it has no
//! decomposition), so "Đồng" would fold to "đong" without the explicit mapping.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folds `text` for comparison: lower case, no diacritics, `đ` as `d`.
///
/// ```
/// assert_eq!(ocop::text::fold("Nước mắm Đồng Tháp"), "nuoc mam dong thap");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Appends the folded form of `text` to `out`.
pub fn fold_into(text: &str, out: &mut String) {
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            _ => decompose_canonical(c, |part| {
                if !is_combining_mark(part) {
                    out.extend(part.to_lowercase());
                }
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn removes_tones_and_vowel_marks() {
        assert_eq!(fold("Nước mắm"), "nuoc mam");
        assert_eq!(fold("nươc mam"), "nuoc mam");
        assert_eq!(fold("NUOC MAM"), "nuoc mam");
        assert_eq!(fold("ă â ê ô ơ ư Ă Â Ê Ô Ơ Ư"), "a a e o o u a a e o o u");
        assert_eq!(fold("ả ã á ạ à"), "a a a a a");
    }

    #[test]
    fn folds_d_with_stroke() {
        assert_eq!(fold("Lâm Đồng"), "lam dong");
        assert_eq!(fold("đậu"), "dau");
        assert_eq!(fold("dâu"), "dau");
    }

    #[test]
    fn folds_decomposed_input_like_composed() {
        let decomposed = "Nu\u{031b}o\u{031b}\u{0301}c ma\u{0306}\u{0301}m";
        assert_eq!(fold(decomposed), "nuoc mam");
    }

    #[test]
    fn keeps_other_scripts_and_punctuation() {
        assert_eq!(fold("Gạo ST25 – 5 kg"), "gao st25 – 5 kg");
        assert_eq!(fold("茶"), "茶");
    }
}
