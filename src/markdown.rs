//! Markdown from producers, rendered safely.
//!
//! pulldown-cmark has no switch to turn raw HTML off, so raw HTML events are
//! turned into text (shown, escaped, never interpreted). Link and image
//! targets are allow-listed: web, mail and phone links, fragments, and files
//! inside the producer's folder. Everything else (`javascript:`, `data:`,
//! `vbscript:`, unknown schemes) loses its link and keeps its text. Images
//! from other hosts are not loaded: the page links to them instead.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::fmt::Write;
use std::ops::Range;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// What a link or image target is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// http(s), mailto or tel.
    External,
    /// `#section` on the same page.
    Fragment,
    /// A path, resolved against the file that holds the text.
    Local,
    /// Anything else: dropped.
    Unsafe,
}

/// Classifies a target. Browsers ignore ASCII whitespace and control
/// characters inside a scheme (`java\tscript:`), so this does too.
pub fn classify(dest: &str) -> Destination {
    let squeezed: String = dest
        .trim()
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect();
    if squeezed.is_empty() {
        return Destination::Unsafe;
    }
    if squeezed.starts_with('#') {
        return Destination::Fragment;
    }
    let scheme_end = squeezed.find(':');
    let path_start = squeezed.find(['/', '?', '#']);
    match scheme_end {
        Some(colon) if path_start.is_none_or(|p| colon < p) => {
            let scheme = squeezed[..colon].to_ascii_lowercase();
            match scheme.as_str() {
                "http" | "https" | "mailto" | "tel" => Destination::External,
                _ => Destination::Unsafe,
            }
        }
        // Protocol-relative (`//host/x`) leaves the site like an absolute URL
        // but without a scheme to check; a backslash start is read as a slash.
        _ if squeezed.starts_with("//")
            || squeezed.starts_with("\\\\")
            || squeezed.starts_with("/\\") =>
        {
            Destination::Unsafe
        }
        _ => Destination::Local,
    }
}

/// A link or image target found in Markdown, for checking before rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The target as written.
    pub dest: String,
    /// Whether it is an image.
    pub image: bool,
    /// What kind of target it is.
    pub kind: Destination,
    /// Byte range of the whole link or image in the text.
    pub range: Range<usize>,
}

/// Every link and image target in `markdown`.
pub fn references(markdown: &str) -> Vec<Reference> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some((dest_url, false, range)),
            Event::Start(Tag::Image { dest_url, .. }) => Some((dest_url, true, range)),
            _ => None,
        })
        .map(|(dest, image, range)| Reference {
            kind: classify(&dest),
            dest: dest.to_string(),
            image,
            range,
        })
        .collect()
}

/// A local file a link or image points to, as the site will serve it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalTarget {
    /// Its address on the site (for a picture, the fallback JPEG).
    pub url: String,
    /// For a picture: its responsive variants.
    pub picture: Option<Picture>,
}

/// The responsive variants of a picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// JPEG `srcset`.
    pub srcset: String,
    /// WebP `srcset`.
    pub webp_srcset: String,
    /// Intrinsic width.
    pub width: u32,
    /// Intrinsic height.
    pub height: u32,
}

/// How wide a picture in a description is shown: the text column.
const PROSE_SIZES: &str = "(min-width: 46rem) 46rem, 100vw";

fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Renders `markdown` to HTML. `resolve` maps a local target (as written)
/// to its address, or `None` to drop it. Headings move one level down so
/// the page's own title stays its only `<h1>`.
pub fn render(markdown: &str, resolve: &dyn Fn(&str) -> Option<LocalTarget>) -> String {
    render_into(markdown, resolve, &mut FirstParagraph::default())
}

/// [`render`] and [`summary`] of `markdown` at once: parsing took as long
/// as rendering, and a product page shows both.
pub fn render_with_summary(
    markdown: &str,
    resolve: &dyn Fn(&str) -> Option<LocalTarget>,
    limit: usize,
) -> (String, String) {
    let mut first = FirstParagraph::default();
    let html = render_into(markdown, resolve, &mut first);
    (html, first.summary(limit))
}

fn render_into(
    markdown: &str,
    resolve: &dyn Fn(&str) -> Option<LocalTarget>,
    first: &mut FirstParagraph,
) -> String {
    let mut events: Vec<Event<'_>> = Vec::new();
    // Whether each open link was kept, so its end matches.
    let mut open_links: Vec<bool> = Vec::new();
    let mut parser = Parser::new_ext(markdown, options());
    while let Some(event) = parser.next() {
        first.see(&event);
        match event {
            Event::Html(html) | Event::InlineHtml(html) => events.push(Event::Text(html)),
            Event::Start(Tag::Heading { level, .. }) => events.push(Event::Start(Tag::Heading {
                level: demote(level),
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            })),
            Event::End(TagEnd::Heading(level)) => {
                events.push(Event::End(TagEnd::Heading(demote(level))))
            }
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => {
                let href = match classify(&dest_url) {
                    Destination::External | Destination::Fragment => {
                        Some(dest_url.trim().to_string())
                    }
                    Destination::Local => resolve(&dest_url).map(|t| t.url),
                    Destination::Unsafe => None,
                };
                match href {
                    Some(href) => {
                        let mut tag = format!("<a href=\"{}\"", escape_attribute(&href));
                        if classify(&dest_url) == Destination::External {
                            tag.push_str(" rel=\"nofollow noopener\"");
                        }
                        if !title.is_empty() {
                            let _ = write!(tag, " title=\"{}\"", escape_attribute(&title));
                        }
                        tag.push('>');
                        events.push(Event::InlineHtml(CowStr::from(tag)));
                        open_links.push(true);
                    }
                    None => open_links.push(false),
                }
            }
            Event::End(TagEnd::Link) => {
                if open_links.pop() == Some(true) {
                    events.push(Event::InlineHtml(CowStr::Borrowed("</a>")));
                }
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let alt = collect_alt(&mut parser, first);
                let html = match classify(&dest_url) {
                    Destination::Local => resolve(&dest_url).map(|target| {
                        let mut img = format!(
                            "<img src=\"{}\" alt=\"{}\" loading=\"lazy\" decoding=\"async\"",
                            escape_attribute(&target.url),
                            escape_attribute(&alt)
                        );
                        if let Some(picture) = &target.picture {
                            let _ = write!(
                                img,
                                " srcset=\"{}\" sizes=\"{PROSE_SIZES}\" width=\"{}\" height=\"{}\"",
                                escape_attribute(&picture.srcset),
                                picture.width,
                                picture.height
                            );
                        }
                        if !title.is_empty() {
                            let _ = write!(img, " title=\"{}\"", escape_attribute(&title));
                        }
                        img.push('>');
                        match &target.picture {
                            Some(picture) => format!(
                                "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{PROSE_SIZES}\">{img}</picture>",
                                escape_attribute(&picture.webp_srcset)
                            ),
                            None => img,
                        }
                    }),
                    Destination::External => {
                        let label = if alt.is_empty() {
                            dest_url.to_string()
                        } else {
                            alt.clone()
                        };
                        Some(format!(
                            "<a href=\"{}\" rel=\"nofollow noopener\">{}</a>",
                            escape_attribute(dest_url.trim()),
                            escape_attribute(&label)
                        ))
                    }
                    Destination::Fragment | Destination::Unsafe => None,
                };
                match html {
                    Some(html) => events.push(Event::InlineHtml(CowStr::from(html))),
                    None if !alt.is_empty() => events.push(Event::Text(CowStr::from(alt))),
                    None => {}
                }
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// Consumes an image's inner events, returning them as plain alt text
/// (and showing them to `first`).
fn collect_alt(parser: &mut Parser<'_>, first: &mut FirstParagraph) -> String {
    let mut alt = String::new();
    let mut depth = 1;
    for event in parser.by_ref() {
        first.see(&event);
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                alt.push_str(&text)
            }
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    alt
}

/// The first paragraph of `markdown` as plain text, cut to about `limit`
/// characters at a word boundary: for meta descriptions and cards.
pub fn summary(markdown: &str, limit: usize) -> String {
    let mut first = FirstParagraph::default();
    for event in Parser::new_ext(markdown, options()) {
        first.see(&event);
        if first.done {
            break;
        }
    }
    first.summary(limit)
}

/// The text of a document's first paragraph with text, gathered from its
/// events.
#[derive(Default)]
struct FirstParagraph {
    text: String,
    in_paragraph: bool,
    done: bool,
}

impl FirstParagraph {
    fn see(&mut self, event: &Event<'_>) {
        if self.done {
            return;
        }
        match event {
            Event::Start(Tag::Paragraph) => self.in_paragraph = true,
            Event::End(TagEnd::Paragraph) if !self.text.trim().is_empty() => self.done = true,
            Event::End(TagEnd::Paragraph) => self.in_paragraph = false,
            Event::Text(t) | Event::Code(t) if self.in_paragraph => self.text.push_str(t),
            Event::SoftBreak | Event::HardBreak if self.in_paragraph => self.text.push(' '),
            _ => {}
        }
    }

    /// The text, cut to about `limit` characters at a word boundary.
    fn summary(self, limit: usize) -> String {
        let text = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.chars().count() <= limit {
            return text;
        }
        let mut cut: String = text.chars().take(limit).collect();
        if let Some(space) = cut.rfind(' ') {
            cut.truncate(space);
        }
        cut.push('…');
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_files(_: &str) -> Option<LocalTarget> {
        None
    }

    #[test]
    fn raw_html_is_shown_not_run() {
        let html = render(
            "Hi <script>alert(1)</script>\n\n<div onclick=\"x()\">y</div>\n",
            &no_files,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn unsafe_links_lose_their_target_but_keep_text() {
        for dest in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
            "//evil.example/x",
        ] {
            let html = render(&format!("[bấm đây](<{dest}>)"), &no_files);
            assert!(!html.contains("href"), "{dest}: {html}");
            assert!(html.contains("bấm đây"), "{dest}: {html}");
        }
    }

    #[test]
    fn web_links_are_kept_with_rel() {
        let html = render("[shop](https://example.com/a?b=1&c=2)", &no_files);
        assert!(
            html.contains(
                r#"<a href="https://example.com/a?b=1&amp;c=2" rel="nofollow noopener">shop</a>"#
            ),
            "{html}"
        );
        assert!(
            render("[mail](mailto:a@example.com) [#](#x)", &no_files)
                .matches("href")
                .count()
                == 2
        );
    }

    #[test]
    fn local_images_use_the_resolved_address() {
        let resolve = |dest: &str| {
            (dest == "photos/a.jpg").then(|| LocalTarget {
                url: "/anh/x/a-800.jpg".into(),
                picture: Some(Picture {
                    srcset: "/anh/x/a-400.jpg 400w, /anh/x/a-800.jpg 800w".into(),
                    webp_srcset: "/anh/x/a-400.webp 400w, /anh/x/a-800.webp 800w".into(),
                    width: 800,
                    height: 600,
                }),
            })
        };
        let html = render(
            "![Chai \"mẫu\"](photos/a.jpg) ![x](photos/missing.jpg)",
            &resolve,
        );
        assert!(html.contains(r#"<picture><source type="image/webp" srcset="/anh/x/a-400.webp 400w, /anh/x/a-800.webp 800w" sizes="(min-width: 46rem) 46rem, 100vw"><img src="/anh/x/a-800.jpg" alt="Chai &quot;mẫu&quot;" loading="lazy" decoding="async" srcset="/anh/x/a-400.jpg 400w, /anh/x/a-800.jpg 800w" sizes="(min-width: 46rem) 46rem, 100vw" width="800" height="600"></picture>"#), "{html}");
        assert!(!html.contains("missing"), "{html}");
    }

    #[test]
    fn external_images_become_links() {
        let html = render("![ảnh](https://example.com/a.jpg)", &no_files);
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains(r#"<a href="https://example.com/a.jpg" rel="nofollow noopener">ảnh</a>"#),
            "{html}"
        );
    }

    #[test]
    fn headings_move_down_one_level() {
        let html = render("# A\n\n## B\n", &no_files);
        assert!(
            html.contains("<h2>A</h2>") && html.contains("<h3>B</h3>"),
            "{html}"
        );
    }

    #[test]
    fn finds_references_with_their_kind() {
        let refs = references("![a](p.jpg) [b](javascript:x) [c](https://e.com)");
        let kinds: Vec<(bool, Destination)> =
            refs.iter().map(|r| (r.image, r.kind.clone())).collect();
        assert_eq!(
            kinds,
            vec![
                (true, Destination::Local),
                (false, Destination::Unsafe),
                (false, Destination::External)
            ]
        );
        assert_eq!(refs[0].range.start, 0);
    }

    #[test]
    fn summary_cuts_at_a_word() {
        assert_eq!(
            summary("Nước mắm **ngon** nhất\nvùng.\n\nĐoạn hai.", 100),
            "Nước mắm ngon nhất vùng."
        );
        assert_eq!(summary("một hai ba bốn", 8), "một hai…");
        assert_eq!(summary("# Tiêu đề\n\nĐoạn.", 100), "Đoạn.");
    }

    #[test]
    fn summary_with_the_html_is_the_summary_alone() {
        let documents = [
            "",
            "Một câu.",
            "# Tiêu đề\n\nĐoạn đầu có `mã` và [liên kết](https://x.vn) và *nhấn*.\n\nĐoạn hai.",
            "![ảnh **đậm**](photos/a.jpg) chú thích\ndòng hai  \ndòng ba\n\nSau.",
            "<div>html</div>\n\nĐoạn <b>thật</b>.",
            "- một\n- hai\n\n> trích\n\nCuối.",
            &"từ ".repeat(200),
        ];
        for text in documents {
            for limit in [5, 20, 160] {
                let (_, together) = render_with_summary(text, &no_files, limit);
                assert_eq!(together, summary(text, limit), "{text:?} {limit}");
            }
        }
        let (_, first) = render_with_summary(documents[2], &no_files, 160);
        assert_eq!(first, "Đoạn đầu có mã và liên kết và nhấn.");
    }
}
