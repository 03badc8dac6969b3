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

/// [`super::penalty`] of a grid of modules, the same in every width
/// of bits it fits.
fn penalty(dark: &[bool], width: usize) -> u32 {
    let rows: Vec<u128> = dark
        .chunks_exact(width)
        .map(|row| {
            row.iter()
                .enumerate()
                .fold(0u128, |line, (x, &d)| line | (u128::from(d) << x))
        })
        .collect();
    let wide = super::penalty(&Lines::from_rows(rows.clone()), width);
    if width <= 64 {
        let narrow: Vec<u64> = rows.iter().map(|&r| r as u64).collect();
        assert_eq!(super::penalty(&Lines::from_rows(narrow), width), wide);
    }
    wide
}

/// The code of `url` before masking, as the crate draws it, and its
/// width in modules.
fn unmasked(url: &str) -> (Canvas, usize) {
    let level = EcLevel::M;
    let bits = qrcode::bits::encode_auto(url.as_bytes(), level).unwrap();
    let version = bits.version();
    let (data, ec) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, level).unwrap();
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    (canvas, version.width() as usize)
}

/// The eight candidates of the code of `url` as [`rows`] masks them
/// (rows and columns as `u128`s), or `None` when it leaves the code to
/// the crate.
fn candidates(url: &str) -> Option<Vec<Lines<u128>>> {
    let level = EcLevel::M;
    let bits = qrcode::bits::encode_auto(url.as_bytes(), level).unwrap();
    let version = bits.version();
    let (data, ec) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, level).unwrap();
    if version.width() > 128 {
        return None;
    }
    let widen = |lines: Vec<u64>| lines.into_iter().map(u128::from).collect();
    Some(
        match layout(version, level, data.len(), ec.len()).expect("a layout") {
            SizedLayout::Narrow(layout) => {
                assert!(width_of(version) <= 64);
                layout
                    .candidates(&data, &ec)
                    .map(|l| Lines {
                        rows: widen(l.rows),
                        columns: widen(l.columns),
                    })
                    .collect()
            }
            SizedLayout::Wide(layout) => {
                assert!(width_of(version) > 64);
                layout.candidates(&data, &ec).collect()
            }
        },
    )
}

fn width_of(version: Version) -> usize {
    version.width() as usize
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
    // One stroked line per run: filled rectangles took about 6 KB here.
    assert!(svg.len() < 3_000, "{} bytes", svg.len());
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
    let (canvas, _) = unmasked(url);
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
    // Every size of code that fits bit rows, and the first that does not.
    let mut sizes = 0;
    for length in (1..=300).step_by(7) {
        let url = format!("https://ocop.vn/{}", "sản-phẩm/".repeat(length / 9 + 1));
        let url = &url[..url.char_indices().nth(length).map_or(url.len(), |(i, _)| i)];
        let (canvas, width) = unmasked(url);
        let Some(candidates) = candidates(url) else {
            assert!(width > 128, "{length}");
            continue;
        };
        sizes += 1;
        for (lines, &mask) in candidates.iter().zip(&MASKS) {
            let ours: Vec<bool> = lines
                .rows
                .iter()
                .flat_map(|&row| (0..width).map(move |x| row >> x & 1 == 1))
                .collect();
            assert!(ours == masked(&canvas, mask), "{length} {mask:?}");
            let transposed = Lines::from_rows(lines.rows.clone());
            assert!(transposed == *lines, "columns of {length} {mask:?}");
        }
        // And the code chosen is one of them, as the crate would draw it.
        let (_, chosen) = modules(url).unwrap();
        assert!(MASKS.iter().any(|&mask| masked(&canvas, mask) == chosen));
    }
    assert!(sizes > 8, "{sizes}");
}

#[test]
fn labels_are_escaped() {
    let svg = svg("https://x.vn/", "Bánh <b> & \"c\"").unwrap();
    assert!(svg.contains("aria-label=\"Bánh &lt;b&gt; &amp; &quot;c&quot;\""));
    roxmltree::Document::parse(&svg).unwrap();
}
