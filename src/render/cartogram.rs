//! The province overview as a picture: a tile-grid cartogram of Viet Nam,
//! one square per unit placed by the `tile` of the provinces reference data,
//! shaded by product count. Laid out here (positions, steps, label lines);
//! the theme draws it as inline SVG, and its stylesheet picks the colours of
//! each step for the light and dark schemes.

use super::format::thousands;
use super::presenter::Presenter;
use crate::i18n::Strings;
use serde::Serialize;

/// Side of a tile, in SVG units.
const TILE: u32 = 42;
/// Space between tiles.
const GAP: u32 = 3;
/// Shading steps above "no product", the darkest for the most products.
pub const STEPS: usize = 4;
/// Largest label size, in SVG units: about 12 px at the size phones show it.
const FONT: f64 = 10.0;
/// Width of a label character relative to its size, a little generous for
/// the wide letters of Vietnamese names, so no label spills over its tile.
const CHAR_WIDTH: f64 = 0.6;

/// One line of a tile's label.
#[derive(Debug, Clone, Serialize)]
pub struct LabelLine {
    /// Text.
    pub text: String,
    /// Baseline.
    pub y: f64,
}

/// One unit's tile.
#[derive(Debug, Clone, Serialize)]
pub struct Tile {
    /// Its page; none for a unit without products (no page is built), whose
    /// tile is drawn without a link.
    pub url: Option<String>,
    /// Accessible name: "Cần Thơ: 12 sản phẩm".
    pub name: String,
    /// Product count.
    pub count: usize,
    /// Shading step: 0 for none, up to [`STEPS`].
    pub step: usize,
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Horizontal centre of the label.
    pub cx: f64,
    /// Label size.
    pub font_size: f64,
    /// The name on one or two lines.
    pub lines: Vec<LabelLine>,
}

/// One entry of the legend.
#[derive(Debug, Clone, Serialize)]
pub struct LegendEntry {
    /// Shading step.
    pub step: usize,
    /// "1–3 sản phẩm".
    pub label: String,
}

/// The whole map.
#[derive(Debug, Clone, Serialize)]
pub struct Cartogram {
    /// Width, in SVG units.
    pub width: u32,
    /// Height.
    pub height: u32,
    /// Side of a tile.
    pub tile: u32,
    /// What the picture shows, for its title.
    pub title: String,
    /// Tiles, north to south and west to east (the order of keyboard focus).
    pub tiles: Vec<Tile>,
    /// Steps shown, lightest first.
    pub legend: Vec<LegendEntry>,
}

/// Splits a name into at most two lines of whole words, as even as possible.
fn label_lines(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return vec![name.trim().to_string()];
    }
    let width = |ws: &[&str]| ws.iter().map(|w| w.chars().count()).sum::<usize>() + ws.len() - 1;
    let split = (1..words.len())
        .min_by_key(|&i| width(&words[..i]).max(width(&words[i..])))
        .unwrap_or(1);
    vec![words[..split].join(" "), words[split..].join(" ")]
}

/// Upper bounds of the shading steps: the quartiles of the units' counts
/// (units without products left out), merged where they coincide. Even
/// shares of the largest count would let one large province take the
/// darkest step alone and leave the others looking alike; quantiles give
/// each step about as many units.
fn bounds(counts: &[usize]) -> Vec<usize> {
    let mut present: Vec<usize> = counts.iter().copied().filter(|&c| c > 0).collect();
    present.sort_unstable();
    let n = present.len();
    let mut bounds: Vec<usize> = (1..=STEPS)
        .filter_map(|k| present.get((n * k).div_ceil(STEPS).checked_sub(1)?))
        .copied()
        .collect();
    bounds.dedup();
    bounds
}

/// The step of `count`: 0 for none; otherwise the step of the first bound
/// that holds it, numbered so that the largest counts always get the
/// darkest step however many steps there are.
fn step(count: usize, bounds: &[usize]) -> usize {
    if count == 0 {
        return 0;
    }
    let index = bounds
        .iter()
        .position(|&b| count <= b)
        .unwrap_or(bounds.len().saturating_sub(1));
    STEPS - bounds.len() + index + 1
}

/// "1–3 sản phẩm", "4 sản phẩm".
fn range_label(t: &Strings, low: usize, high: usize) -> String {
    let count = if low == high {
        thousands(high as u64)
    } else {
        format!("{}–{}", thousands(low as u64), thousands(high as u64))
    };
    t.format("products_count", &[("count", &count)])
}

/// Lays out the map of every unit that has a tile.
pub fn cartogram(presenter: &Presenter<'_>) -> Cartogram {
    let catalogue = presenter.catalogue;
    let provinces = catalogue.reference.provinces.all();
    let mut placed: Vec<(usize, [u8; 2])> = provinces
        .iter()
        .enumerate()
        .filter_map(|(id, p)| p.tile.map(|t| (id, t)))
        .collect();
    placed.sort_by_key(|&(_, [col, row])| (row, col));
    let counts: Vec<usize> = placed
        .iter()
        .map(|&(id, _)| catalogue.by_province[id].len())
        .collect();
    let bounds = bounds(&counts);
    let cell = TILE + GAP;
    let columns = placed.iter().map(|(_, t)| u32::from(t[0]) + 1).max();
    let rows = placed.iter().map(|(_, t)| u32::from(t[1]) + 1).max();
    let tiles = placed
        .iter()
        .map(|&(id, [col, row])| {
            let unit = &provinces[id];
            let count = catalogue.by_province[id].len();
            let (x, y) = (u32::from(col) * cell, u32::from(row) * cell);
            let lines = label_lines(&unit.name);
            let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(1);
            let font_size = FONT
                .min(f64::from(TILE - 6) / (longest.max(1) as f64 * CHAR_WIDTH))
                .max(5.0);
            let line_height = font_size * 1.15;
            let centre = f64::from(y) + f64::from(TILE) / 2.0;
            // Centres the block of lines; 0.35 em lifts a baseline to the middle.
            let first = centre - line_height * (lines.len() as f64 - 1.0) / 2.0 + font_size * 0.35;
            Tile {
                url: (count > 0).then(|| presenter.urls.link(&presenter.province_path(id))),
                name: presenter.t.format(
                    "map_tile_name",
                    &[
                        ("province", &unit.name),
                        ("count", &thousands(count as u64)),
                    ],
                ),
                count,
                step: step(count, &bounds),
                x,
                y,
                cx: f64::from(x) + f64::from(TILE) / 2.0,
                font_size: (font_size * 10.0).round() / 10.0,
                lines: lines
                    .into_iter()
                    .enumerate()
                    .map(|(i, text)| LabelLine {
                        text,
                        y: ((first + line_height * i as f64) * 10.0).round() / 10.0,
                    })
                    .collect(),
            }
        })
        .collect();
    let mut legend = vec![LegendEntry {
        step: 0,
        label: presenter.t.get("map_none").to_string(),
    }];
    let mut low = 1;
    for &high in &bounds {
        legend.push(LegendEntry {
            step: step(high, &bounds),
            label: range_label(presenter.t, low, high),
        });
        low = high + 1;
    }
    Cartogram {
        width: columns.map_or(0, |c| c * cell - GAP),
        height: rows.map_or(0, |r| r * cell - GAP),
        tile: TILE,
        title: presenter
            .t
            .format("map_title", &[("count", &placed.len().to_string())]),
        tiles,
        legend,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_split_into_even_lines() {
        assert_eq!(label_lines("Huế"), vec!["Huế"]);
        assert_eq!(label_lines("Cần Thơ"), vec!["Cần", "Thơ"]);
        assert_eq!(label_lines("Hồ Chí Minh"), vec!["Hồ Chí", "Minh"]);
        assert_eq!(
            label_lines("Bà Rịa – Vũng Tàu"),
            vec!["Bà Rịa –", "Vũng Tàu"]
        );
    }

    #[test]
    fn steps_share_the_units_and_keep_the_darkest_for_the_most() {
        let twelve: Vec<usize> = (0..=12).collect();
        assert_eq!(bounds(&twelve), vec![3, 6, 9, 12]);
        assert_eq!(step(0, &bounds(&twelve)), 0);
        assert_eq!(step(1, &bounds(&twelve)), 1);
        assert_eq!(step(4, &bounds(&twelve)), 2);
        assert_eq!(step(12, &bounds(&twelve)), 4);
        // Few products: fewer steps, the top one still the darkest.
        assert_eq!(bounds(&[0, 1, 2, 0]), vec![1, 2]);
        assert_eq!(step(1, &bounds(&[1, 2])), 3);
        assert_eq!(step(2, &bounds(&[1, 2])), 4);
        assert_eq!(bounds(&[0, 0]), Vec::<usize>::new());
    }

    #[test]
    fn one_large_province_does_not_flatten_the_others() {
        // The national shape: 33 units between 300 and 940 products, one
        // with 5,000. Even shares of 5,000 put all 33 in the two lightest
        // steps; quartiles put about a quarter of the units in each.
        let mut counts: Vec<usize> = (0..33).map(|i| 300 + i * 20).collect();
        counts.push(5000);
        let bounds = bounds(&counts);
        let mut per_step = [0; STEPS + 1];
        for &count in &counts {
            per_step[step(count, &bounds)] += 1;
        }
        assert_eq!(per_step[0], 0);
        for (shade, &units) in per_step.iter().enumerate().skip(1) {
            assert!(
                (8..=9).contains(&units),
                "step {shade}: {units} units of 34"
            );
        }
        assert_eq!(step(5000, &bounds), STEPS);
    }

    #[test]
    fn ranges_read_as_counts() {
        let t = Strings::new(
            crate::lang::Lang::Vi,
            [("products_count".to_string(), "{count} sản phẩm".to_string())].into(),
        );
        assert_eq!(range_label(&t, 1, 3), "1–3 sản phẩm");
        assert_eq!(range_label(&t, 1500, 2000), "1.500–2.000 sản phẩm");
    }
}
