//! A QR code of a product page's address, drawn as inline SVG at build time:
//! printed on a product sheet or shown at a fair, a phone opens the page.
//! No script, no request: the page carries it.

use super::xml::escape;
use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel};

/// Modules of white space around the code, as the standard requires.
const QUIET_ZONE: usize = 4;

/// An inline `<svg>` of the QR code of `url`, labelled `label` for screen
/// readers. `None` only when the address is too long for any QR code
/// (thousands of characters), which addresses of the site never are.
pub fn svg(url: &str, label: &str) -> Option<String> {
    let (width, dark) = modules(url)?;
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

const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The modules of the QR code of `url` (width, dark or not, row by row).
///
/// The same steps as `QrCode::with_error_correction_level`, except the
/// choice of mask: the crate scores the eight candidates through per-module
/// closures, which took 40 % of a national build's CPU; [`penalty`] scores
/// the same rules over a plain grid, and a QR code is valid with any mask.
fn modules(url: &str) -> Option<(usize, Vec<bool>)> {
    // Level M: survives a crease or a smudge on paper at a modest size.
    let level = EcLevel::M;
    let (canvas, width) = unmasked(url, level)?;
    if width > 128 {
        // Thousands of characters: rows no longer fit the bit masks below.
        let code = qrcode::QrCode::with_error_correction_level(url.as_bytes(), level).ok()?;
        let dark = code.to_colors().into_iter().map(|c| c == Color::Dark);
        return Some((width, dark.collect()));
    }
    MASKS
        .iter()
        .map(|&mask| {
            let dark = masked(&canvas, mask);
            (penalty(&dark, width), dark)
        })
        .min_by_key(|(score, _)| *score)
        .map(|(_, dark)| (width, dark))
}

/// The code of `url` before masking, and its width in modules.
fn unmasked(url: &str, level: EcLevel) -> Option<(Canvas, usize)> {
    let bits = qrcode::bits::encode_auto(url.as_bytes(), level).ok()?;
    let version = bits.version();
    let width = version.width().try_into().ok()?;
    let data = bits.into_bytes();
    let (encoded, ec) = qrcode::ec::construct_codewords(&data, version, level).ok()?;
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&encoded, &ec);
    Some((canvas, width))
}

/// The modules of `canvas` under `mask`: dark or not, row by row.
fn masked(canvas: &Canvas, mask: MaskPattern) -> Vec<bool> {
    let mut masked = canvas.clone();
    masked.apply_mask(mask);
    masked
        .into_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect()
}

/// The penalty of a masked code (ISO/IEC 18004, 7.8.3): runs of five or
/// more modules of one colour, 2 × 2 blocks, finder-like 1:1:3:1:1 runs
/// beside four light modules, and imbalance between dark and light. The
/// mask with the lowest penalty scans best. Rows and columns are bit masks
/// (bit x is module x), so each rule is a few operations per line.
fn penalty(dark: &[bool], width: usize) -> u32 {
    let pack = |bits: &mut dyn Iterator<Item = bool>| {
        bits.enumerate()
            .fold(0u128, |line, (x, d)| line | (u128::from(d) << x))
    };
    let rows: Vec<u128> = dark
        .chunks_exact(width)
        .map(|row| pack(&mut row.iter().copied()))
        .collect();
    let columns: Vec<u128> = (0..width)
        .map(|x| pack(&mut (0..width).map(|y| dark[y * width + x])))
        .collect();
    let mut score: u32 = rows
        .iter()
        .chain(&columns)
        .map(|&line| line_penalty(line, width))
        .sum();
    // Bit x: modules x and x + 1 are alike.
    let pairs = |line: u128| !(line ^ (line >> 1)) & low_bits(width - 1);
    for two in rows.windows(2) {
        let block = pairs(two[0]) & pairs(two[1]) & !(two[0] ^ two[1]);
        score += 3 * block.count_ones();
    }
    let darks: u32 = rows.iter().map(|r| r.count_ones()).sum();
    let percent = i64::from(darks) * 100 / (width * width).max(1) as i64;
    score + 10 * ((percent - 50).unsigned_abs() / 5) as u32
}

/// A mask of the lowest `n` bits.
fn low_bits(n: usize) -> u128 {
    if n >= 128 {
        u128::MAX
    } else {
        (1u128 << n) - 1
    }
}

/// The penalties of one row or column of `width` modules: runs of five or
/// more alike, and finder-like patterns.
fn line_penalty(line: u128, width: usize) -> u32 {
    let mut score = 0;
    // Runs of k ones here are runs of k + 1 alike modules.
    let mut alike = !(line ^ (line >> 1)) & low_bits(width - 1);
    while alike != 0 {
        alike >>= alike.trailing_zeros();
        let ones = (!alike).trailing_zeros();
        if ones >= 4 {
            score += ones - 1;
        }
        alike = alike.checked_shr(ones).unwrap_or(0);
    }
    // Dark, light, dark, dark, dark, light, dark from bit x.
    let at = |shift: u32| line >> shift;
    let mut finders = at(0) & !at(1) & at(2) & at(3) & at(4) & !at(5) & at(6);
    finders &= low_bits(width.saturating_sub(6));
    while finders != 0 {
        let x = finders.trailing_zeros() as usize;
        finders &= finders - 1;
        // Outside the code is the light quiet zone.
        let before = line & (low_bits(x) & !low_bits(x.saturating_sub(4)));
        let after = line & (low_bits((x + 11).min(width)) & !low_bits(x + 7));
        if before == 0 || after == 0 {
            score += 40;
        }
    }
    score
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
    fn every_size_of_code_scans() {
        for length in [1, 20, 60, 120, 250] {
            let url = format!("https://ocop.vn/{}", "a1".repeat(length));
            assert_eq!(decode(&svg(&url, "x").unwrap()), url, "{length}");
        }
    }

    /// The rules as the standard words them, one module at a time.
    fn penalty_by_the_book(dark: &[bool], width: usize) -> u32 {
        let at = |x: usize, y: usize| dark[y * width + x];
        let mut score = 0;
        for line in 0..width {
            for across in [true, false] {
                let get = |i: isize| {
                    let i = usize::try_from(i).ok().filter(|&i| i < width)?;
                    Some(if across { at(i, line) } else { at(line, i) })
                };
                let mut run = 1;
                for i in 1..width as isize {
                    if get(i) == get(i - 1) {
                        run += 1;
                    } else {
                        score += if run >= 5 { run - 2 } else { 0 };
                        run = 1;
                    }
                }
                score += if run >= 5 { run - 2 } else { 0 };
                let light = |i: isize| get(i) != Some(true);
                for i in 0..width as isize - 6 {
                    let pattern = [true, false, true, true, true, false, true];
                    if (0..7).all(|k| get(i + k) == Some(pattern[k as usize]))
                        && ((1..=4).all(|d| light(i - d)) || (7..=10).all(|d| light(i + d)))
                    {
                        score += 40;
                    }
                }
            }
        }
        for y in 0..width - 1 {
            for x in 0..width - 1 {
                let c = at(x, y);
                if at(x + 1, y) == c && at(x, y + 1) == c && at(x + 1, y + 1) == c {
                    score += 3;
                }
            }
        }
        let darks = dark.iter().filter(|&&d| d).count();
        let percent = (darks * 100 / dark.len()) as i64;
        score + 10 * ((percent - 50).unsigned_abs() / 5) as u32
    }

    #[test]
    fn scores_as_the_standard_words_it() {
        assert_eq!(penalty(&[true; 25], 5), 30 + 48 + 100);
        let mut seed = 7u64;
        for width in [5, 21, 37, 64, 65, 127, 128] {
            for density in [2, 3, 5] {
                let grid: Vec<bool> = (0..width * width)
                    .map(|_| {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        (seed >> 33).is_multiple_of(density)
                    })
                    .collect();
                assert_eq!(
                    penalty(&grid, width),
                    penalty_by_the_book(&grid, width),
                    "width {width}, density 1/{density}"
                );
            }
        }
        let (width, code) = modules("https://ocop.vn/san-pham/nuoc-mam/").unwrap();
        assert_eq!(penalty(&code, width), penalty_by_the_book(&code, width));
    }

    #[test]
    fn picks_the_mask_with_the_lowest_penalty() {
        let url = "https://ocop.vn/san-pham/mat-ong/";
        let (width, chosen) = modules(url).unwrap();
        let best = penalty(&chosen, width);
        let (canvas, _) = unmasked(url, EcLevel::M).unwrap();
        let scores: Vec<u32> = MASKS
            .iter()
            .map(|&mask| penalty(&masked(&canvas, mask), width))
            .collect();
        assert_eq!(Some(&best), scores.iter().min());
        assert!(
            scores.iter().any(|&s| s != best),
            "masks differ: {scores:?}"
        );
    }

    #[test]
    fn labels_are_escaped() {
        let svg = svg("https://x.vn/", "Bánh <b> & \"c\"").unwrap();
        assert!(svg.contains("aria-label=\"Bánh &lt;b&gt; &amp; &quot;c&quot;\""));
        roxmltree::Document::parse(&svg).unwrap();
    }
}
