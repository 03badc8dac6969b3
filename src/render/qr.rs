//! A QR code of a product page's address, drawn as inline SVG at build time:
//! printed on a product sheet or shown at a fair, a phone opens the page.
//! No script, no request: the page carries it.

use super::xml::escape;
use qrcode::{EcLevel, QrCode};

/// Modules of white space around the code, as the standard requires.
const QUIET_ZONE: usize = 4;

/// An inline `<svg>` of the QR code of `url`, labelled `label` for screen
/// readers. `None` only when the address is too long for any QR code
/// (thousands of characters), which addresses of the site never are.
pub fn svg(url: &str, label: &str) -> Option<String> {
    // Level M: survives a crease or a smudge on paper at a modest size.
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let dark: Vec<bool> = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    let size = width + 2 * QUIET_ZONE;
    // One path of horizontal runs: a fraction of the size of one rect per module.
    let mut path = String::new();
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if dark[y * width + x] {
                let start = x;
                while x < width && dark[y * width + x] {
                    x += 1;
                }
                path.push_str(&format!(
                    "M{} {}h{}v1h-{}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE,
                    x - start,
                    x - start
                ));
            } else {
                x += 1;
            }
        }
    }
    let label = escape(label);
    Some(format!(
        "<svg class=\"qr-code\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{label}\" shape-rendering=\"crispEdges\"><title>{label}</title><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders the SVG to pixels and reads the code back, as a phone would.
    pub fn decode(svg: &str) -> String {
        let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).unwrap();
        let scale = 8.0;
        let size = tree.size();
        let mut pixmap = resvg::tiny_skia::Pixmap::new(
            (size.width() * scale) as u32,
            (size.height() * scale) as u32,
        )
        .unwrap();
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        let (w, h) = (pixmap.width() as usize, pixmap.height() as usize);
        let data = pixmap.data();
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
            let i = (y * w + x) * 4;
            // Transparent pixels are the page behind: white.
            if data[i + 3] == 0 { 255 } else { data[i] }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code in the picture");
        grids[0].decode().unwrap().1
    }

    #[test]
    fn decodes_back_to_the_address() {
        let url = "https://ocop.example.vn/san-pham/banh-pia-hai-suong/banh-pia-sau-rieng-trung/";
        let svg = svg(url, "Mã QR").unwrap();
        assert_eq!(decode(&svg), url);
        // A different address gives a different code: the test can fail.
        assert_ne!(decode(&super::svg("https://x.vn/a/", "x").unwrap()), url);
    }

    #[test]
    fn labels_are_escaped() {
        let svg = svg("https://x.vn/", "Bánh <b> & \"c\"").unwrap();
        assert!(svg.contains("aria-label=\"Bánh &lt;b&gt; &amp; &quot;c&quot;\""));
        roxmltree::Document::parse(&svg).unwrap();
    }
}
