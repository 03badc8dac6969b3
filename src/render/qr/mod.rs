//! A QR code of a product page's address, drawn as inline SVG at build time:
//! printed on a product sheet or shown at a fair, a phone opens the page.
//! No script, no request: the page carries it.

use super::xml::escape;
use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::{Color, EcLevel, Version};
use std::collections::HashMap;
use std::ops::{BitAnd, BitAndAssign, BitOr, BitOrAssign, BitXor, Not, Shl, Shr};
use std::sync::{Arc, Mutex, OnceLock};

/// Modules of white space around the code, as the standard requires.
const QUIET_ZONE: usize = 4;

/// An inline `<svg>` of the QR code of `url`, labelled `label` for screen
/// readers. `None` only when the address is too long for any QR code
/// (thousands of characters), which addresses of the site never are.
pub fn svg(url: &str, label: &str) -> Option<String> {
    let (width, rows) = rows(url)?;
    let size = width + 2 * QUIET_ZONE;
    // One stroked path, a line one module thick along the middle of each
    // row of modules: each run of dark modules is a relative move and a
    // horizontal line (`m2 0h3`), each row starts with an absolute move.
    // Filled rectangles (`M12 7h3v1h-3z`) made the code a third of a
    // product page. Written by hand: formatting the numbers took a sixth
    // of the time of a code.
    let mut path = String::with_capacity(width * width);
    for (y, row) in rows.iter().enumerate() {
        let mut pen = None;
        row.for_each_run(|x, run| {
            match pen {
                None => {
                    path.push('M');
                    push_number(&mut path, x + QUIET_ZONE);
                    path.push(' ');
                    push_number(&mut path, y + QUIET_ZONE);
                    path.push_str(".5h");
                }
                Some(end) => {
                    path.push('m');
                    push_number(&mut path, x - end);
                    path.push_str(" 0h");
                }
            }
            push_number(&mut path, run);
            pen = Some(x + run);
        });
    }
    let label = escape(label);
    Some(format!(
        "<svg class=\"qr-code\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{label}\" shape-rendering=\"crispEdges\"><title>{label}</title><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"none\" stroke=\"#000\" d=\"{path}\"/></svg>"
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
                    rest &= !(low_bits::<u128>((start + length) as usize));
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
/// The same steps as `QrCode::with_error_correction_level`, but drawing
/// and masking: the crate draws each code module by module, and draws and
/// scores the eight masked candidates through closures, which took a
/// quarter of a national build's CPU. Here where each bit goes and what
/// each mask does are worked out once per size ([`layout`]); a code is
/// its bits put in place, and each candidate a few operations per row and
/// column of bits ([`Lines::masked`]), scored by [`penalty`].
fn rows(url: &str) -> Option<(usize, Vec<Row>)> {
    // Level M: survives a crease or a smudge on paper at a modest size.
    let level = EcLevel::M;
    let bits = qrcode::bits::encode_auto(url.as_bytes(), level).ok()?;
    let version = bits.version();
    let width: usize = version.width().try_into().ok()?;
    let (data, ec) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, level).ok()?;
    let rows = match layout(version, level, data.len(), ec.len()) {
        Some(SizedLayout::Narrow(layout)) => layout.best(&data, &ec)?,
        Some(SizedLayout::Wide(layout)) => layout.best(&data, &ec)?,
        None => {
            // Thousands of characters: rows no longer fit the bit masks.
            let code = qrcode::QrCode::with_error_correction_level(url.as_bytes(), level).ok()?;
            let dark: Vec<bool> = code
                .to_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect();
            let rows = dark.chunks(width).map(|row| Row::Modules(row.to_vec()));
            return Some((width, rows.collect()));
        }
    };
    Some((width, rows.into_iter().map(Row::Bits).collect()))
}

/// A row or column of modules as bits, bit x for module x. Codes up to 64
/// modules wide, which every address of a site makes, are `u64`s: each
/// operation of the penalty rules is then one instruction, where a `u128`
/// takes two or more, and choosing the mask took half of a code's time.
trait Bits:
    Copy
    + Eq
    + Into<u128>
    + BitAnd<Output = Self>
    + BitOr<Output = Self>
    + BitXor<Output = Self>
    + Not<Output = Self>
    + Shl<usize, Output = Self>
    + Shr<usize, Output = Self>
    + BitAndAssign
    + BitOrAssign
{
    const ZERO: Self;
    const ONE: Self;
    /// The widest code whose lines fit.
    const WIDTH: usize;
    fn ones(self) -> u32;
    fn lowest(self) -> usize;
}

macro_rules! bits {
    ($($bits:ty),*) => {$(
        impl Bits for $bits {
            const ZERO: Self = 0;
            const ONE: Self = 1;
            const WIDTH: usize = <$bits>::BITS as usize;
            fn ones(self) -> u32 {
                self.count_ones()
            }
            fn lowest(self) -> usize {
                self.trailing_zeros() as usize
            }
        }
    )*};
}

bits!(u64, u128);

/// The modules of a code, or a set of them, as bit rows (bit x of row y
/// is module x, y) and as bit columns (bit y of column x): the penalty
/// rules run along both, and masks work alike on both.
#[derive(Clone, PartialEq)]
struct Lines<B> {
    rows: Vec<B>,
    columns: Vec<B>,
}

impl<B: Bits> Lines<B> {
    fn new(width: usize) -> Lines<B> {
        Lines {
            rows: vec![B::ZERO; width],
            columns: vec![B::ZERO; width],
        }
    }

    /// The modules of `canvas` that `wanted` picks.
    fn of(canvas: &Canvas, width: usize, wanted: impl Fn(Module) -> bool) -> Lines<B> {
        let mut lines = Lines::new(width);
        for y in 0..width {
            for x in 0..width {
                // Widths are at most 177: coordinates fit an i16.
                if wanted(canvas.get(x as i16, y as i16)) {
                    lines.set(x, y);
                }
            }
        }
        lines
    }

    /// The lines of a code given by its rows.
    #[cfg(test)]
    fn from_rows(rows: Vec<B>) -> Lines<B> {
        let mut columns = vec![B::ZERO; rows.len()];
        for (y, &row) in rows.iter().enumerate() {
            let mut bits = row;
            while bits != B::ZERO {
                let x = bits.lowest();
                bits &= !(B::ONE << x);
                columns[x] |= B::ONE << y;
            }
        }
        Lines { rows, columns }
    }

    fn set(&mut self, x: usize, y: usize) {
        self.rows[y] |= B::ONE << x;
        self.columns[x] |= B::ONE << y;
    }

    fn has(&self, x: usize, y: usize) -> bool {
        (self.rows[y] >> x) & B::ONE == B::ONE
    }

    /// The dark modules of a code whose data modules are dark as in
    /// `self`, under `mask`.
    fn masked(&self, layout: &Layout<B>, mask: &MaskLayout<B>) -> Lines<B> {
        let lines = |code: &[B], data: &[B], empty: &[B], flips: &[B], fixed: &[B]| {
            (0..code.len())
                .map(|i| ((code[i] ^ flips[i]) & data[i]) | (flips[i] & empty[i]) | fixed[i])
                .collect()
        };
        Lines {
            rows: lines(
                &self.rows,
                &layout.data.rows,
                &layout.empty.rows,
                &mask.flips.rows,
                &mask.fixed_dark.rows,
            ),
            columns: lines(
                &self.columns,
                &layout.data.columns,
                &layout.empty.columns,
                &mask.flips.columns,
                &mask.fixed_dark.columns,
            ),
        }
    }
}

/// Where the codewords of every code of one size and level go, and what
/// each mask does to such codes.
struct Layout<B> {
    width: usize,
    /// The module of each bit of the codewords, data then error
    /// correction, most significant bit of each first.
    positions: Vec<(u8, u8)>,
    /// Data modules, which masks flip.
    data: Lines<B>,
    /// Modules the codewords leave empty, which masks paint.
    empty: Lines<B>,
    masks: Vec<MaskLayout<B>>,
}

/// What a mask does to every code of one size.
struct MaskLayout<B> {
    /// The modules it flips.
    flips: Lines<B>,
    /// Dark modules of the fixed patterns (finders, timing, format …)
    /// under this mask.
    fixed_dark: Lines<B>,
}

impl<B: Bits> Layout<B> {
    /// The data modules of the code of `codewords` (data, then error
    /// correction), dark as its bits say, before masking.
    fn place<'a>(&self, codewords: impl Iterator<Item = &'a u8>) -> Lines<B> {
        let mut code = Lines::new(self.width);
        for (word, positions) in codewords.zip(self.positions.chunks(8)) {
            for (bit, &(x, y)) in positions.iter().enumerate() {
                if word >> (7 - bit) & 1 == 1 {
                    code.set(usize::from(x), usize::from(y));
                }
            }
        }
        code
    }

    /// The eight masked candidates of the code of `data` and `ec`.
    fn candidates(&self, data: &[u8], ec: &[u8]) -> impl Iterator<Item = Lines<B>> {
        let code = self.place(data.iter().chain(ec));
        self.masks.iter().map(move |mask| code.masked(self, mask))
    }

    /// The rows of the candidate with the lowest penalty.
    fn best(&self, data: &[u8], ec: &[u8]) -> Option<Vec<u128>> {
        let best = self
            .candidates(data, ec)
            .min_by_key(|lines| penalty(lines, self.width))?;
        Some(best.rows.into_iter().map(Into::into).collect())
    }
}

/// A layout in the narrowest bits its codes fit.
#[derive(Clone)]
enum SizedLayout {
    Narrow(Arc<Layout<u64>>),
    Wide(Arc<Layout<u128>>),
}

/// The layout of codes of `version` at `level`, with `data` and `ec`
/// codewords, worked out once per size with the crate's own drawing
/// (sites use a handful of sizes); `None` for codes wider than 128
/// modules, or if the crate draws something this cannot follow.
fn layout(version: Version, level: EcLevel, data: usize, ec: usize) -> Option<SizedLayout> {
    // By width and level: the crate's types are not keys.
    type Known = Mutex<HashMap<(i16, u8), Option<SizedLayout>>>;
    static LAYOUTS: OnceLock<Known> = OnceLock::new();
    let layouts = LAYOUTS.get_or_init(Default::default);
    let key = (version.width(), level as u8);
    if let Some(known) = layouts.lock().ok().and_then(|l| l.get(&key).cloned()) {
        return known;
    }
    let width = usize::try_from(version.width()).ok()?;
    let computed = match version {
        Version::Normal(_) if width <= u64::WIDTH => {
            work_out_layout(version, level, data, ec).map(|l| SizedLayout::Narrow(Arc::new(l)))
        }
        Version::Normal(_) if width <= u128::WIDTH => {
            work_out_layout(version, level, data, ec).map(|l| SizedLayout::Wide(Arc::new(l)))
        }
        _ => None,
    };
    if let Ok(mut layouts) = layouts.lock() {
        layouts.insert(key, computed.clone());
    }
    computed
}

fn work_out_layout<B: Bits>(
    version: Version,
    level: EcLevel,
    data: usize,
    ec: usize,
) -> Option<Layout<B>> {
    let width: usize = version.width().try_into().ok()?;
    let bits = 8 * (data + ec);
    let mut blank = Canvas::new(version, level);
    blank.draw_all_functional_patterns();
    // Where each bit goes, in as many drawings as a bit's index has bits:
    // in drawing k, the bits whose index has bit k set are dark. A module
    // is then dark in the drawings that spell its bit's index.
    let mut index = vec![0usize; width * width];
    let drawings = usize::BITS - bits.leading_zeros();
    let mut drawn = blank.clone();
    for k in 0..drawings {
        let word = |w: usize| {
            (0..8).fold(0u8, |byte, bit| {
                let i = 8 * w + bit;
                byte | (u8::from(i >> k & 1 == 1) << (7 - bit))
            })
        };
        let words: Vec<u8> = (0..data + ec).map(word).collect();
        drawn = blank.clone();
        drawn.draw_data(&words[..data], &words[data..]);
        for y in 0..width {
            for x in 0..width {
                if drawn.get(x as i16, y as i16) == Module::Unmasked(Color::Dark) {
                    index[y * width + x] |= 1 << k;
                }
            }
        }
    }
    let is_data = |m: Module| matches!(m, Module::Unmasked(_));
    let data_lines = Lines::of(&drawn, width, is_data);
    let empty = Lines::of(&drawn, width, |m| m == Module::Empty);
    let mut positions = vec![None; bits];
    for y in 0..width {
        for x in 0..width {
            if !is_data(drawn.get(x as i16, y as i16)) {
                continue;
            }
            let slot = positions.get_mut(index[y * width + x])?;
            if slot.is_some() {
                return None;
            }
            *slot = Some((u8::try_from(x).ok()?, u8::try_from(y).ok()?));
        }
    }
    let positions: Vec<(u8, u8)> = positions.into_iter().collect::<Option<_>>()?;
    let masks = MASKS
        .iter()
        .map(|&mask| {
            let mut reference = drawn.clone();
            reference.apply_mask(mask);
            let mut flips = Lines::new(width);
            for y in 0..width {
                for x in 0..width {
                    if self::flips(mask, x as i16, y as i16) {
                        flips.set(x, y);
                    }
                }
            }
            let mut fixed_dark = Lines::new(width);
            for y in 0..width {
                for x in 0..width {
                    let fixed = !data_lines.has(x, y) && !empty.has(x, y);
                    if fixed && reference.get(x as i16, y as i16) == Module::Masked(Color::Dark) {
                        fixed_dark.set(x, y);
                    }
                }
            }
            MaskLayout { flips, fixed_dark }
        })
        .collect();
    Some(Layout {
        width,
        positions,
        data: data_lines,
        empty,
        masks,
    })
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

/// The penalty of a masked code (ISO/IEC 18004, 7.8.3): runs of five or
/// more modules of one colour, 2 × 2 blocks, finder-like 1:1:3:1:1 runs
/// beside four light modules, and imbalance between dark and light. The
/// mask with the lowest penalty scans best. Rows and columns are bit masks,
/// so each rule is a few operations per line.
fn penalty<B: Bits>(lines: &Lines<B>, width: usize) -> u32 {
    let rows = &lines.rows;
    let mut score: u32 = rows
        .iter()
        .chain(&lines.columns)
        .map(|&line| line_penalty(line, width))
        .sum();
    // Bit x: modules x and x + 1 are alike.
    let pairs = |line: B| !(line ^ (line >> 1)) & low_bits(width - 1);
    for two in rows.windows(2) {
        let block = pairs(two[0]) & pairs(two[1]) & !(two[0] ^ two[1]);
        score += 3 * block.ones();
    }
    let darks: u32 = rows.iter().map(|r| r.ones()).sum();
    let percent = i64::from(darks) * 100 / (width * width).max(1) as i64;
    score + 10 * ((percent - 50).unsigned_abs() / 5) as u32
}

/// A mask of the lowest `n` bits.
fn low_bits<B: Bits>(n: usize) -> B {
    if n >= B::WIDTH {
        !B::ZERO
    } else {
        !(!B::ZERO << n)
    }
}

/// The penalties of one row or column of `width` modules: runs of five or
/// more alike, and finder-like patterns.
fn line_penalty<B: Bits>(line: B, width: usize) -> u32 {
    // Bit x: modules x and x + 1 are alike, so a run of k ones is a run of
    // k + 1 alike modules, which scores k - 1 from five modules (k ≥ 4) on.
    let alike = !(line ^ (line >> 1)) & low_bits(width - 1);
    // Bit x: ones from x to x + 3. A run of k ≥ 4 ones leaves k - 3 of
    // them, the first of which starts it: k - 1 is their count plus two
    // per start, with no loop over runs.
    let four = alike & (alike >> 1) & (alike >> 2) & (alike >> 3);
    let starts = four & !(four << 1);
    let mut score = four.ones() + 2 * starts.ones();
    // Dark, light, dark, dark, dark, light, dark from bit x.
    let at = |shift: usize| line >> shift;
    let mut finders = at(0) & !at(1) & at(2) & at(3) & at(4) & !at(5) & at(6);
    finders &= low_bits(width.saturating_sub(6));
    while finders != B::ZERO {
        let x = finders.lowest();
        finders &= !(B::ONE << x);
        // Outside the code is the light quiet zone.
        let before = line & (low_bits::<B>(x) & !low_bits::<B>(x.saturating_sub(4)));
        let after = line & (low_bits::<B>((x + 11).min(width)) & !low_bits::<B>(x + 7));
        if before == B::ZERO || after == B::ZERO {
            score += 40;
        }
    }
    score
}

#[cfg(test)]
mod tests;
