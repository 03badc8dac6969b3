//! Numbers and labels as Vietnamese readers expect them.

/// `111000` → `111.000 ₫`.
pub fn vnd(amount: u64) -> String {
    format!("{} ₫", thousands(amount))
}

/// `12345` → `12.345` (Vietnamese groups thousands with dots).
pub fn thousands(number: u64) -> String {
    let digits = number.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A `tel:` link from a phone number as written ("0000 000 001" → "tel:0000000001").
pub fn tel_href(phone: &str) -> Option<String> {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    (digits.len() >= 3).then(|| format!("tel:{digits}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_money_the_vietnamese_way() {
        assert_eq!(vnd(111_000), "111.000 ₫");
        assert_eq!(vnd(1_250_000), "1.250.000 ₫");
        assert_eq!(vnd(999), "999 ₫");
        assert_eq!(thousands(0), "0");
    }

    #[test]
    fn builds_tel_links() {
        assert_eq!(tel_href("0000 000 001").as_deref(), Some("tel:0000000001"));
        assert_eq!(
            tel_href("+84 28 0000 0000").as_deref(),
            Some("tel:+842800000000")
        );
        assert_eq!(tel_href("liên hệ"), None);
    }
}
