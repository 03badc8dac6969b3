//! The 34 provincial-level units since 1 July 2025 and the units they absorbed.

use super::lookup::{Lookup, match_key};
use crate::model::{Place, ProvinceId};
use crate::text::slugify;
use serde::Deserialize;

/// A former unit merged into a current one.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormerUnit {
    /// Its name ("Sóc Trăng").
    pub name: String,
    /// Its pre-2025 code, when known.
    #[serde(default)]
    pub code: Option<String>,
}

/// A current provincial-level unit.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Province {
    /// Code of Decision 19/2025/QĐ-TTg ("92").
    pub code: String,
    /// Name used in listings ("Cần Thơ").
    pub name: String,
    /// Official name ("Thành phố Cần Thơ").
    pub full_name: String,
    /// Short official name ("TP. Cần Thơ").
    pub short_name: String,
    /// Units merged into this one.
    #[serde(default)]
    pub former: Vec<FormerUnit>,
    /// Other spellings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// `[column, row]` of its square on the tile-grid map, row 0 at the top.
    /// Data rather than code, so a site with its own reference file places
    /// its own units; a unit without one is left off the map.
    #[serde(default)]
    pub tile: Option<[u8; 2]>,
    /// Address slug, from the name.
    #[serde(skip)]
    pub slug: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProvincesFile {
    units: Vec<Province>,
}

/// The provinces, with a lookup by any of their names and codes.
#[derive(Debug, Clone)]
pub struct Provinces {
    units: Vec<Province>,
    lookup: Lookup<Place>,
}

/// Words before a province name that matching ignores.
const PREFIXES: &[&[&str]] = &[&["thanh", "pho"], &["tinh"], &["tp"]];

impl Provinces {
    /// Reads and checks a provinces file.
    pub fn from_yaml(text: &str) -> Result<Provinces, String> {
        let file: ProvincesFile = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
        Provinces::new(file.units)
    }

    fn new(mut units: Vec<Province>) -> Result<Provinces, String> {
        if units.is_empty() {
            return Err("the list of units is empty".into());
        }
        let mut lookup = Lookup::new();
        let mut slugs = std::collections::HashMap::new();
        let mut tiles = std::collections::HashMap::new();
        for (id, unit) in units.iter_mut().enumerate() {
            unit.slug = slugify(&unit.name);
            if unit.slug.is_empty() {
                return Err(format!("the unit {:?} has no usable name", unit.name));
            }
            if let Some(other) = slugs.insert(unit.slug.clone(), unit.name.clone()) {
                return Err(format!(
                    "{:?} and {:?} have the same address /{}/",
                    other, unit.name, unit.slug
                ));
            }
            if let Some(tile) = unit.tile
                && let Some(other) = tiles.insert(tile, unit.name.clone())
            {
                return Err(format!(
                    "{:?} and {:?} are on the same map tile {tile:?}",
                    other, unit.name
                ));
            }
            let current = Place {
                province: id,
                former: None,
            };
            let mut names = vec![&unit.name, &unit.full_name, &unit.short_name, &unit.code];
            names.extend(unit.aliases.iter());
            for name in names {
                add(&mut lookup, name, current.clone())?;
            }
            for (index, former) in unit.former.iter().enumerate() {
                let place = Place {
                    province: id,
                    former: Some(index),
                };
                add(&mut lookup, &former.name, place)?;
            }
        }
        Ok(Provinces { units, lookup })
    }

    /// Finds the unit a name, former name or code stands for, or suggests
    /// spellings close to it.
    pub fn resolve(&self, written: &str) -> Result<Place, Vec<String>> {
        let key = match_key(written, PREFIXES);
        match self.lookup.get(&key) {
            Some(place) => Ok(place.clone()),
            None => Err(self.lookup.suggest(&key)),
        }
    }

    /// The unit with this id.
    pub fn get(&self, id: ProvinceId) -> &Province {
        &self.units[id]
    }

    /// All units, in file order.
    pub fn all(&self) -> &[Province] {
        &self.units
    }

    /// How a place reads on a page: "Cần Thơ", or "Sóc Trăng (nay thuộc TP. Cần Thơ)"
    /// for a former unit.
    pub fn describe(&self, place: &Place) -> String {
        let unit = self.get(place.province);
        match place.former.and_then(|i| unit.former.get(i)) {
            Some(former) => format!("{} (nay thuộc {})", former.name, unit.short_name),
            None => unit.name.clone(),
        }
    }
}

fn add(lookup: &mut Lookup<Place>, name: &str, place: Place) -> Result<(), String> {
    let key = match_key(name, PREFIXES);
    lookup
        .insert(key, name, place)
        .map_err(|_| format!("the name {name:?} stands for two different units"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::PROVINCES_YAML;

    fn provinces() -> Provinces {
        Provinces::from_yaml(PROVINCES_YAML).unwrap()
    }

    #[test]
    fn embedded_list_has_34_units_with_unique_codes() {
        let p = provinces();
        assert_eq!(p.all().len(), 34);
        let mut codes: Vec<&str> = p.all().iter().map(|u| u.code.as_str()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 34);
    }

    #[test]
    fn resolves_current_names_in_any_spelling() {
        let p = provinces();
        for written in [
            "Cần Thơ",
            "Thành phố Cần Thơ",
            "TP. Cần Thơ",
            "can tho",
            "CẦN THƠ",
            "92",
            "tp Can Tho",
        ] {
            let place = p
                .resolve(written)
                .unwrap_or_else(|s| panic!("{written}: {s:?}"));
            assert_eq!(p.get(place.province).code, "92", "{written}");
            assert_eq!(place.former, None, "{written}");
        }
    }

    #[test]
    fn resolves_former_units_to_their_new_unit() {
        let p = provinces();
        let place = p.resolve("Sóc Trăng").unwrap();
        assert_eq!(p.get(place.province).name, "Cần Thơ");
        assert_eq!(p.describe(&place), "Sóc Trăng (nay thuộc TP. Cần Thơ)");
        let place = p.resolve("tỉnh Đắk Nông").unwrap();
        assert_eq!(p.get(place.province).name, "Lâm Đồng");
        let place = p.resolve("Thừa Thiên Huế").unwrap();
        assert_eq!(p.get(place.province).code, "46");
        let place = p.resolve("Bà Rịa - Vũng Tàu").unwrap();
        assert_eq!(p.get(place.province).code, "79");
        let place = p.resolve("TP.HCM").unwrap();
        assert_eq!(p.get(place.province).code, "79");
        assert_eq!(place.former, None);
    }

    #[test]
    fn tone_placement_and_d_do_not_matter() {
        let p = provinces();
        assert_eq!(
            p.resolve("Hoà Bình").unwrap(),
            p.resolve("Hòa Bình").unwrap()
        );
        assert_eq!(p.get(p.resolve("Dak Lak").unwrap().province).code, "66");
        assert_eq!(p.get(p.resolve("Đăk Lăk").unwrap().province).code, "66");
    }

    #[test]
    fn suggests_close_names() {
        let p = provinces();
        let suggestions = p.resolve("Soc Trang x").unwrap_err();
        assert_eq!(suggestions.first().map(String::as_str), Some("Sóc Trăng"));
        assert!(p.resolve("Atlantis").is_err());
    }

    #[test]
    fn slugs_are_ascii() {
        let p = provinces();
        let slugs: Vec<&str> = p.all().iter().map(|u| u.slug.as_str()).collect();
        assert!(slugs.contains(&"dong-thap"));
        assert!(slugs.contains(&"lam-dong"));
        assert!(slugs.contains(&"ho-chi-minh"));
    }

    #[test]
    fn every_embedded_unit_has_its_own_map_tile() {
        let p = provinces();
        let mut tiles: Vec<[u8; 2]> = p.all().iter().filter_map(|u| u.tile).collect();
        assert_eq!(tiles.len(), 34);
        tiles.sort();
        tiles.dedup();
        assert_eq!(tiles.len(), 34);
        // North above south: Hà Nội above Huế above Cần Thơ.
        let row = |name: &str| p.get(p.resolve(name).unwrap().province).tile.unwrap()[1];
        assert!(row("Hà Nội") < row("Huế") && row("Huế") < row("Cần Thơ"));
    }

    #[test]
    fn rejects_two_units_on_one_tile() {
        let yaml = "units:\n  - {code: '1', name: A, full_name: A, short_name: A, tile: [0, 1]}\n  - {code: '2', name: B, full_name: B, short_name: B, tile: [0, 1]}\n";
        assert!(
            Provinces::from_yaml(yaml)
                .unwrap_err()
                .contains("same map tile")
        );
    }

    #[test]
    fn rejects_conflicting_names() {
        let yaml = "units:\n  - {code: '1', name: A, full_name: A, short_name: A}\n  - {code: '2', name: B, full_name: B, short_name: B, former: [{name: A}]}\n";
        assert!(
            Provinces::from_yaml(yaml)
                .unwrap_err()
                .contains("two different units")
        );
    }
}
