//! Vietnamese alphabetical order, as in dictionaries:
//! a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, compared word
//! by word, where two words with the same letters are told apart by their tone
//! in the order: none, huyền, hỏi, ngã, sắc, nặng (ba < bà < bả < bã < bá < bạ).
//!
//! Byte or code point order gets this wrong in many ways (it puts every
//! accented letter after z, and "Đ" after "Z"), and Unicode's default collation
//! treats ă, â and đ as accents on a and d rather than letters of their own.

use unicode_normalization::char::decompose_canonical;

/// A precomputed key: comparing keys compares names in Vietnamese order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SortKey(Vec<u32>);

/// Separates one word's letters from its tone. Lower than every letter, so a
/// word sorts before its own extensions ("ba" < "bac").
const END_OF_LETTERS: u32 = 1;
/// Ranks of digits start here; letters come after all digits.
const FIRST_DIGIT: u32 = 10;
/// Letters outside the Vietnamese alphabet sort after it, by code point.
const FOREIGN_LETTER: u32 = 100;

/// The Vietnamese alphabet plus f, j, w, z (found in loanwords and brand names),
/// in dictionary order.
const ALPHABET: [char; 33] = [
    'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z',
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tone {
    Level = 0,
    Huyen = 1,
    Hoi = 2,
    Nga = 3,
    Sac = 4,
    Nang = 5,
}

/// A letter of the alphabet (or a digit) with its tone and case, from one
/// composed character.
struct Letter {
    rank: u32,
    tone: Tone,
    upper: bool,
}

fn analyse(c: char) -> Option<Letter> {
    let upper = c.is_uppercase();
    let mut base = None;
    let mut tone = Tone::Level;
    let mut breve = false;
    let mut circumflex = false;
    let mut horn = false;
    decompose_canonical(c, |part| match part {
        '\u{0300}' => tone = Tone::Huyen,
        '\u{0309}' => tone = Tone::Hoi,
        '\u{0303}' => tone = Tone::Nga,
        '\u{0301}' => tone = Tone::Sac,
        '\u{0323}' => tone = Tone::Nang,
        '\u{0306}' => breve = true,
        '\u{0302}' => circumflex = true,
        '\u{031B}' => horn = true,
        other if base.is_none() => base = Some(other),
        _ => {}
    });
    let base = base?.to_lowercase().next()?;
    let letter = match (base, breve, circumflex, horn) {
        ('a', true, _, _) => 'ă',
        ('a', _, true, _) => 'â',
        ('e', _, true, _) => 'ê',
        ('o', _, true, _) => 'ô',
        ('o', _, _, true) => 'ơ',
        ('u', _, _, true) => 'ư',
        (other, _, _, _) => other,
    };
    let rank = if let Some(digit) = letter.to_digit(10) {
        FIRST_DIGIT + digit
    } else if let Some(position) = ALPHABET.iter().position(|&a| a == letter) {
        FOREIGN_LETTER - ALPHABET.len() as u32 + position as u32
    } else if letter.is_alphanumeric() {
        FOREIGN_LETTER + letter as u32
    } else {
        return None;
    };
    Some(Letter { rank, tone, upper })
}

/// Computes the Vietnamese sort key of `text`. Punctuation and spacing only
/// separate words; case decides only between otherwise equal names.
pub fn sort_key(text: &str) -> SortKey {
    let text = super::normalize::compose(text);
    let mut key = Vec::with_capacity(text.len() + 8);
    let mut cases = Vec::new();
    let mut word_tone = Tone::Level;
    let mut in_word = false;
    for c in text.chars() {
        match analyse(c) {
            Some(letter) => {
                key.push(letter.rank);
                cases.push(u32::from(letter.upper));
                if word_tone == Tone::Level {
                    word_tone = letter.tone;
                }
                in_word = true;
            }
            None if in_word => {
                key.push(END_OF_LETTERS);
                key.push(word_tone as u32);
                word_tone = Tone::Level;
                in_word = false;
            }
            None => {}
        }
    }
    if in_word {
        key.push(END_OF_LETTERS);
        key.push(word_tone as u32);
    }
    // Zero ends the words and sorts before any letter: all-words-equal names
    // are then ordered by case alone.
    key.push(0);
    key.extend(cases);
    SortKey(key)
}

#[cfg(test)]
mod tests {
    use super::sort_key;

    fn sorted(words: &[&str]) -> Vec<String> {
        let mut words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        words.sort_by_cached_key(|w| sort_key(w));
        words
    }

    #[test]
    fn follows_the_vietnamese_alphabet() {
        let alphabet = [
            "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o",
            "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y",
        ];
        let mut shuffled = alphabet.to_vec();
        shuffled.reverse();
        assert_eq!(sorted(&shuffled), alphabet);
    }

    #[test]
    fn letters_before_tones() {
        assert_eq!(
            sorted(&["bạ", "bác", "bá", "bã", "bả", "bà", "ba"]),
            ["ba", "bà", "bả", "bã", "bá", "bạ", "bác"]
        );
    }

    #[test]
    fn d_with_stroke_is_its_own_letter_after_d() {
        assert_eq!(
            sorted(&[
                "Đồng Tháp",
                "Điện Biên",
                "Đà Nẵng",
                "Dương",
                "Cà Mau",
                "Gia Lai"
            ]),
            [
                "Cà Mau",
                "Dương",
                "Đà Nẵng",
                "Điện Biên",
                "Đồng Tháp",
                "Gia Lai"
            ]
        );
    }

    #[test]
    fn compares_word_by_word() {
        // The tone of the first word decides before the letters of the second.
        assert_eq!(sorted(&["bà a", "ba b"]), ["ba b", "bà a"]);
        assert_eq!(
            sorted(&["Hà Tĩnh", "Hà Nội", "Hải Phòng", "Hạ Long"]),
            ["Hà Nội", "Hà Tĩnh", "Hạ Long", "Hải Phòng"]
        );
    }

    #[test]
    fn provinces_in_order() {
        assert_eq!(
            sorted(&[
                "Vĩnh Long",
                "An Giang",
                "Ăn uống",
                "Âu Cơ",
                "Bắc Ninh",
                "Cần Thơ",
                "Cao Bằng"
            ]),
            [
                "An Giang",
                "Ăn uống",
                "Âu Cơ",
                "Bắc Ninh",
                "Cao Bằng",
                "Cần Thơ",
                "Vĩnh Long"
            ]
        );
    }

    #[test]
    fn ignores_case_and_punctuation_except_as_tiebreak() {
        assert_eq!(sorted(&["Bánh", "bánh", "ban"]), ["ban", "bánh", "Bánh"]);
        assert_eq!(sort_key("Trà, xanh"), sort_key("Trà xanh"));
    }

    #[test]
    fn digits_before_letters_and_decomposed_equals_composed() {
        assert_eq!(sorted(&["a", "9", "1"]), ["1", "9", "a"]);
        assert_eq!(sort_key("Nu\u{031b}o\u{031b}\u{0301}c"), sort_key("Nước"));
    }

    #[test]
    fn old_and_new_tone_placement_sort_together() {
        assert_eq!(sort_key("Hoà Bình"), sort_key("Hòa Bình"));
    }
}
