//! Any text as Markdown: rendering must never panic and never emit an
//! element or attribute that runs script or loads from another host.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ocop::markdown::{LocalTarget, render, summary};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let resolve = |dest: &str| {
        dest.starts_with("ok").then(|| LocalTarget {
            url: format!("/anh/x/{}", dest.len()),
            picture: Some(ocop::markdown::Picture { srcset: "/a 1w".into(), webp_srcset: "/b 1w".into(), width: 10, height: 10 }),
        })
    };
    let html = render(text, &resolve);
    let lowered = html.to_ascii_lowercase();
    // Tags the renderer writes are from a fixed set; anything else is text.
    let mut rest = lowered.as_str();
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let name: String = rest.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        const ALLOWED: &[&str] = &[
            "p", "a", "img", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "h2", "h3",
            "h4", "h5", "h6", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "input", "sup",
            "picture", "source",
        ];
        assert!(ALLOWED.contains(&name.as_str()), "unexpected tag <{name}> in {html}");
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        for forbidden in [" on", "javascript:", "vbscript:", "data:", "src=\"http", "src=\"//", "style="] {
            assert!(!tag.contains(forbidden), "{forbidden} in <{tag}> from {text:?}");
        }
    }
    let _ = summary(text, 160);
});
