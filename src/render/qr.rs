//! A QR code of a product page's address, drawn as inline SVG at build time:
//! printed on a product sheet or shown at a fair, a phone opens the page.
//! No script, no request: the page carries it.

use super::xml::escape;
use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::{Color, EcLevel};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// Modules of white space around the code, as the standard requires.
const QUIET_ZONE: usize = 4;

/// An inline `<svg>` of the QR code of `url`, labelled `label` for screen
/// readers. `None` only when the address is too long for any QR code
/// (thousands of characters), which addresses of the site never are.
pub fn svg(url: &str, label: &str) -> Option<String> {
    let (width, rows) = rows(url)?;
    let size = width + 2 * QUIET_ZONE;
    // One path of horizontal runs: a fraction of the size of one rect per
    // module. Written by hand: formatting the numbers took a sixth of the
    // time of a code.
    let mut path = String::with_capacity(width * width);
    for (y, row) in rows.iter().enumerate() {
        row.for_each_run(|x, run| {
            path.push('M');
            push_number(&mut path, x + QUIET_ZONE);
            path.push(' ');
            push_number(&mut path, y + QUIET_ZONE);
            path.push('h');
            push_number(&mut path, run);
            path.push_str("v1h-");
            push_number(&mut path, run);
            path.push('z');
        });
    }
    let label = escape(label);
    Some(format!(
        "<svg class=\"qr-code\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{label}\" shape-rendering=\"crispEdges\"><title>{label}</title><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

/// Appends `n` in decimal.
fn push_number(text: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &digit in &digits[at..] {
        text.push(char::from(digit));
    }
}

/// One row of a code: its dark modules.
enum Row {
    /// Bit x is module x (codes up to 128 modules wide: all but addresses
    /// of thousands of characters).
    Bits(u128),
    /// Module by module.
    Modules(Vec<bool>),
}

impl Row {
    /// Calls `run` with each run of dark modules (first module, length),
    /// left to right.
    fn for_each_run(&self, mut run: impl FnMut(usize, usize)) {
        match self {
            Row::Bits(bits) => {
                let mut rest = *bits;
                while rest != 0 {
                    let start = rest.trailing_zeros();
                    let length = (!(rest >> start)).trailing_zeros();
                    run(start as usize, length as usize);
                    rest &= !(low_bits((start + length) as usize));
                }
            }
            Row::Modules(dark) => {
                let mut x = 0;
                while x < dark.len() {
                    let length = dark[x..].iter().take_while(|&&d| d).count();
                    if length > 0 {
                        run(x, length);
                    }
                    x += length.max(1);
                }
            }
        }
    }
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

/// The rows of the QR code of `url`, and its width in modules.
///
/// The same steps as `QrCode::with_error_correction_level`, except the
/// choice of mask: the crate draws and scores the eight candidates module
/// by module through closures, which took a quarter of a national build's
/// CPU. Here each candidate is a few operations per row of bits
/// ([`masked_rows`]) and [`penalty_rows`] scores the same rules over bit rows.
fn rows(url: &str) -> Option<(usize, Vec<Row>)> {
    // Level M: survives a crease or a smudge on paper at a modest size.
    let level = EcLevel::M;
    let (canvas, width) = unmasked(url, level)?;
    if width > 128 {
        // Thousands of characters: rows no longer fit the bit masks below.
        let code = qrcode::QrCode::with_error_correction_level(url.as_bytes(), level).ok()?;
        let dark: Vec<bool> = code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        let rows = dark.chunks(width).map(|row| Row::Modules(row.to_vec()));
        return Some((width, rows.collect()));
    }
    let layout = layout(&canvas, width);
    let code = Rows::of(&canvas, width);
    let rows = MASKS
        .iter()
        .enumerate()
        .map(|(m, _)| masked_rows(&code, &layout[m]))
        .min_by_key(|rows| penalty_rows(rows, width))?;
    Some((width, rows.into_iter().map(Row::Bits).collect()))
}

/// A code's modules as bit rows (bit x of row y is module x, y).
struct Rows {
    /// Dark modules.
    dark: Vec<u128>,
    /// Data modules, which masks flip.
    data: Vec<u128>,
    /// Modules left empty, which masks paint.
    empty: Vec<u128>,
}

impl Rows {
    fn of(canvas: &Canvas, width: usize) -> Self {
        let mut rows = Rows {
            dark: vec![0; width],
            data: vec![0; width],
            empty: vec![0; width],
        };
        for y in 0..width {
            for x in 0..width {
                let bit = 1u128 << x;
                // Widths are at most 177: coordinates fit an i16.
                match canvas.get(x as i16, y as i16) {
                    Module::Empty => rows.empty[y] |= bit,
                    Module::Unmasked(color) => {
                        rows.data[y] |= bit;
                        if color == Color::Dark {
                            rows.dark[y] |= bit;
                        }
                    }
                    Module::Masked(color) => {
                        if color == Color::Dark {
                            rows.dark[y] |= bit;
                        }
                    }
                }
            }
        }
        rows
    }
}

/// What a mask does to every code of one size: which modules it flips,
/// and the fixed patterns with the format information it writes.
struct MaskLayout {
    flips: Vec<u128>,
    /// Dark modules of the fixed patterns (finders, timing, format …)
    /// under this mask.
    fixed_dark: Vec<u128>,
}

/// The eight masks' layouts for codes as wide as `canvas`, worked out once
/// per size with the crate's own masking (sites use a handful of sizes).
fn layout(canvas: &Canvas, width: usize) -> Arc<Vec<MaskLayout>> {
    static LAYOUTS: OnceLock<Mutex<HashMap<usize, Arc<Vec<MaskLayout>>>>> = OnceLock::new();
    let layouts = LAYOUTS.get_or_init(Default::default);
    if let Some(known) = layouts.lock().ok().and_then(|l| l.get(&width).cloned()) {
        return known;
    }
    let code = Rows::of(canvas, width);
    let computed: Vec<MaskLayout> = MASKS
        .iter()
        .map(|&mask| {
            let mut reference = canvas.clone();
            reference.apply_mask(mask);
            let after = Rows::of(&reference, width);
            let fixed: Vec<u128> = (0..width)
                .map(|y| low_bits(width) & !code.data[y] & !code.empty[y])
                .collect();
            let flipped = (0..width)
                .map(|y| {
                    (0..width).fold(0u128, |row, x| {
                        row | (u128::from(flips(mask, x as i16, y as i16)) << x)
                    })
                })
                .collect();
            MaskLayout {
                fixed_dark: (0..width).map(|y| after.dark[y] & fixed[y]).collect(),
                flips: flipped,
            }
        })
        .collect();
    let computed = Arc::new(computed);
    if let Ok(mut layouts) = layouts.lock() {
        layouts.insert(width, Arc::clone(&computed));
    }
    computed
}

/// Whether `mask` flips module x, y (ISO/IEC 18004, table 10).
fn flips(mask: MaskPattern, x: i16, y: i16) -> bool {
    match mask {
        MaskPattern::Checkerboard => (x + y) % 2 == 0,
        MaskPattern::HorizontalLines => y % 2 == 0,
        MaskPattern::VerticalLines => x % 3 == 0,
        MaskPattern::DiagonalLines => (x + y) % 3 == 0,
        MaskPattern::LargeCheckerboard => ((y / 2) + (x / 3)) % 2 == 0,
        MaskPattern::Fields => (x * y) % 2 + (x * y) % 3 == 0,
        MaskPattern::Diamonds => ((x * y) % 2 + (x * y) % 3) % 2 == 0,
        MaskPattern::Meadow => ((x + y) % 2 + (x * y) % 3) % 2 == 0,
    }
}

/// The dark rows of `code` under a mask.
fn masked_rows(code: &Rows, layout: &MaskLayout) -> Vec<u128> {
    (0..code.dark.len())
        .map(|y| {
            let data = (code.dark[y] ^ layout.flips[y]) & code.data[y];
            let empty = layout.flips[y] & code.empty[y];
            data | empty | layout.fixed_dark[y]
        })
        .collect()
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

/// The penalty of a masked code (ISO/IEC 18004, 7.8.3): runs of five or
/// more modules of one colour, 2 × 2 blocks, finder-like 1:1:3:1:1 runs
/// beside four light modules, and imbalance between dark and light. The
/// mask with the lowest penalty scans best. Rows and columns are bit masks
/// (bit x is module x), so each rule is a few operations per line.
fn penalty_rows(rows: &[u128], width: usize) -> u32 {
    let mut columns = vec![0u128; width];
    for (y, &row) in rows.iter().enumerate() {
        let mut bits = row;
        while bits != 0 {
            let x = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            columns[x] |= 1 << y;
        }
    }
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
    // Bit x: modules x and x + 1 are alike, so a run of k ones is a run of
    // k + 1 alike modules, which scores k - 1 from five modules (k ≥ 4) on.
    let alike = !(line ^ (line >> 1)) & low_bits(width - 1);
    // Bit x: ones from x to x + 3. A run of k ≥ 4 ones leaves k - 3 of
    // them, the first of which starts it: k - 1 is their count plus two
    // per start, with no loop over runs.
    let four = alike & (alike >> 1) & (alike >> 2) & (alike >> 3);
    let starts = four & !(four << 1);
    let mut score = four.count_ones() + 2 * starts.count_ones();
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

    /// The modules of the QR code of `url` (width, dark or not, row by row).
    fn modules(url: &str) -> Option<(usize, Vec<bool>)> {
        let (width, rows) = rows(url)?;
        let mut dark = vec![false; width * width];
        for (y, row) in rows.iter().enumerate() {
            row.for_each_run(|x, run| dark[y * width + x..y * width + x + run].fill(true));
        }
        Some((width, dark))
    }

    /// [`penalty_rows`] of a grid of modules.
    fn penalty(dark: &[bool], width: usize) -> u32 {
        let rows: Vec<u128> = dark
            .chunks_exact(width)
            .map(|row| {
                row.iter()
                    .enumerate()
                    .fold(0u128, |line, (x, &d)| line | (u128::from(d) << x))
            })
            .collect();
        penalty_rows(&rows, width)
    }

    /// The modules of `canvas` under `mask` as the crate draws them.
    fn masked(canvas: &Canvas, mask: MaskPattern) -> Vec<bool> {
        let mut masked = canvas.clone();
        masked.apply_mask(mask);
        masked
            .into_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect()
    }

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
    fn masks_as_the_crate_does() {
        for length in [1, 10, 30, 60, 100, 140, 200, 270] {
            let url = format!("https://ocop.vn/{}", "sản-phẩm/".repeat(length / 9 + 1));
            let url = &url[..url.char_indices().nth(length).map_or(url.len(), |(i, _)| i)];
            let (canvas, width) = unmasked(url, EcLevel::M).unwrap();
            if width > 128 {
                continue;
            }
            let code = Rows::of(&canvas, width);
            for (m, &mask) in MASKS.iter().enumerate() {
                let rows = masked_rows(&code, &layout(&canvas, width)[m]);
                let ours: Vec<bool> = rows
                    .iter()
                    .flat_map(|&row| (0..width).map(move |x| row >> x & 1 == 1))
                    .collect();
                assert!(ours == masked(&canvas, mask), "{length} {mask:?}");
            }
        }
    }

    #[test]
    fn labels_are_escaped() {
        let svg = svg("https://x.vn/", "Bánh <b> & \"c\"").unwrap();
        assert!(svg.contains("aria-label=\"Bánh &lt;b&gt; &amp; &quot;c&quot;\""));
        roxmltree::Document::parse(&svg).unwrap();
    }
}
