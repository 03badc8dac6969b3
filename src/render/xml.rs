//! Escaping text for the XML files the site writes (sitemaps, the feed).

/// `text` with the five XML special characters escaped, and control
/// characters XML 1.0 forbids dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_drops_controls() {
        assert_eq!(
            escape("Bánh <pía> & \"trà\" 'x'\u{1}"),
            "Bánh &lt;pía&gt; &amp; &quot;trà&quot; &apos;x&apos;"
        );
    }
}
