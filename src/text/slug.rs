//! URL slugs are plain ASCII so that they survive every host, shell and chat
//! app: "Đồng Tháp" becomes `dong-thap`, never `đong-thap`.

use super::fold::fold;

/// Turns a name into a slug: folded, with every run of other characters
/// replaced by one hyphen. Characters outside Latin script are dropped.
///
/// ```
/// assert_eq!(ocop::text::slugify("Đồng Tháp"), "dong-thap");
/// assert_eq!(ocop::text::slugify("Tương, nước mắm & gia vị"), "tuong-nuoc-mam-gia-vi");
/// ```
pub fn slugify(name: &str) -> String {
    let folded = fold(name);
    let mut slug = String::with_capacity(folded.len());
    let mut pending_hyphen = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c);
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

/// Whether `text` is already a slug: non-empty, lower-case ASCII letters,
/// digits and single inner hyphens.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::{is_slug, slugify};

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slugify("Đồng Tháp"), "dong-thap");
        assert_eq!(slugify("Thành phố Hồ Chí Minh"), "thanh-pho-ho-chi-minh");
        assert_eq!(slugify("Bà Rịa – Vũng Tàu"), "ba-ria-vung-tau");
        assert_eq!(slugify("  Gạo ST25 (5 kg)  "), "gao-st25-5-kg");
        assert_eq!(slugify("Đắk Lắk"), "dak-lak");
    }

    #[test]
    fn drops_non_latin_and_empty() {
        assert_eq!(slugify("茶 trà"), "tra");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn recognises_slugs() {
        assert!(is_slug("dong-thap"));
        assert!(is_slug("gao-st25"));
        assert!(!is_slug("Dong-thap"));
        assert!(!is_slug("dong--thap"));
        assert!(!is_slug("-dong"));
        assert!(!is_slug("đong"));
        assert!(!is_slug(""));
        assert!(!is_slug("a_b"));
    }

    #[test]
    fn slugify_always_yields_a_slug_or_nothing() {
        for name in ["Đồng Tháp", "a -- b", "--x--", "Ấp 3, xã Mỹ Long"] {
            let slug = slugify(name);
            assert!(slug.is_empty() || is_slug(&slug), "{name} -> {slug}");
        }
    }
}
