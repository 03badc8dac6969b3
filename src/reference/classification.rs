//! The OCOP product classification: sectors and their groups (product sets)
//! of the current scheme, and former schemes mapped onto it.

use super::lookup::{Lookup, match_key};
use crate::model::{GroupId, SectorId};
use crate::text::slugify;
use serde::Deserialize;

/// A sector (ngành), such as "Thực phẩm".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sector {
    /// Roman numeral code ("I").
    pub code: String,
    /// Vietnamese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Address slug.
    pub slug: String,
    /// Its groups, in scheme order.
    pub groups: Vec<GroupId>,
}

/// A group (bộ sản phẩm), such as "Tương, nước mắm, gia vị dạng lỏng khác".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Code ("I.4.a").
    pub code: String,
    /// Vietnamese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Address slug.
    pub slug: String,
    /// Its sector.
    pub sector: SectorId,
    /// Whether this group is a sector without product sets, standing for itself.
    pub is_whole_sector: bool,
}

/// What a written category stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CategoryMatch {
    /// A group of the current scheme.
    Group(GroupId),
    /// A whole sector with several groups: a group must be chosen.
    Sector(SectorId),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupEntry {
    code: String,
    name: String,
    #[serde(default)]
    name_en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectorEntry {
    code: String,
    name: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    groups: Vec<GroupEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemeEntry {
    scheme: String,
    sectors: Vec<SectorEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FormerEntry {
    name: String,
    #[serde(default)]
    code: Option<String>,
    maps_to: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FormerScheme {
    scheme: String,
    entries: Vec<FormerEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassificationFile {
    current: SchemeEntry,
    #[serde(default)]
    former: Vec<FormerScheme>,
}

/// The classification, with a lookup by code and name of the current and
/// former schemes.
#[derive(Debug, Clone)]
pub struct Classification {
    /// Name of the current scheme ("148/QĐ-TTg").
    pub scheme: String,
    sectors: Vec<Sector>,
    groups: Vec<Group>,
    current: Lookup<CategoryMatch>,
    /// Former names map to the current scheme; kept apart so that a current
    /// name always wins and so that pages can say a name was a former one.
    former: Lookup<(CategoryMatch, String)>,
}

impl Classification {
    /// Reads and checks a classification file.
    pub fn from_yaml(text: &str) -> Result<Classification, String> {
        let file: ClassificationFile = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
        let mut sectors = Vec::new();
        let mut groups = Vec::new();
        let mut current = Lookup::new();
        let mut slugs = std::collections::HashMap::new();
        let mut claim_slug = |slug: &str, owner: &str| -> Result<(), String> {
            if slug.is_empty() {
                return Err(format!("{owner:?} has no usable name"));
            }
            match slugs.insert(slug.to_string(), owner.to_string()) {
                Some(other) => Err(format!(
                    "{other:?} and {owner:?} have the same address /{slug}/"
                )),
                None => Ok(()),
            }
        };
        if file.current.sectors.is_empty() {
            return Err("the current scheme has no sectors".into());
        }
        for (sector_id, entry) in file.current.sectors.into_iter().enumerate() {
            let slug = slugify(&entry.name);
            claim_slug(&slug, &entry.name)?;
            let mut sector = Sector {
                code: entry.code.clone(),
                name: entry.name.clone(),
                name_en: entry.name_en.clone(),
                slug: slug.clone(),
                groups: Vec::new(),
            };
            let entries = if entry.groups.is_empty() {
                vec![GroupEntry {
                    code: entry.code.clone(),
                    name: entry.name.clone(),
                    name_en: entry.name_en.clone(),
                }]
            } else {
                current
                    .insert(
                        match_key(&entry.code, &[]),
                        &entry.code,
                        CategoryMatch::Sector(sector_id),
                    )
                    .map_err(|_| format!("the code {:?} is used twice", entry.code))?;
                current
                    .insert(
                        match_key(&entry.name, &[]),
                        &entry.name,
                        CategoryMatch::Sector(sector_id),
                    )
                    .map_err(|_| format!("the name {:?} is used twice", entry.name))?;
                entry.groups
            };
            let is_whole_sector = entries.len() == 1 && entries[0].code == entry.code;
            for group in entries {
                let id = groups.len();
                let group_slug = if is_whole_sector {
                    slug.clone()
                } else {
                    slugify(&group.name)
                };
                if !is_whole_sector {
                    claim_slug(&group_slug, &group.name)?;
                }
                for spelling in [&group.code, &group.name] {
                    current
                        .insert(match_key(spelling, &[]), spelling, CategoryMatch::Group(id))
                        .map_err(|_| format!("{spelling:?} is used twice"))?;
                }
                sector.groups.push(id);
                groups.push(Group {
                    code: group.code,
                    name: group.name,
                    name_en: group.name_en,
                    slug: group_slug,
                    sector: sector_id,
                    is_whole_sector,
                });
            }
            sectors.push(sector);
        }
        let mut former = Lookup::new();
        for scheme in file.former {
            for entry in scheme.entries {
                let target = current
                    .get(&match_key(&entry.maps_to, &[]))
                    .cloned()
                    .ok_or_else(|| {
                        format!(
                            "{:?} maps to {:?}, which is not a current code",
                            entry.name, entry.maps_to
                        )
                    })?;
                let label = format!("{} ({})", entry.name, scheme.scheme);
                let mut spellings = vec![entry.name.clone()];
                spellings.extend(entry.code.clone());
                for spelling in spellings {
                    let key = match_key(&spelling, &[]);
                    if current.get(&key).is_some() {
                        continue;
                    }
                    former
                        .insert(key, &spelling, (target.clone(), label.clone()))
                        .map_err(|_| format!("{spelling:?} is used twice in former schemes"))?;
                }
            }
        }
        Ok(Classification {
            scheme: file.current.scheme,
            sectors,
            groups,
            current,
            former,
        })
    }

    /// Finds what a written category stands for: the match, and the former
    /// scheme's label when the name was a former one. Suggests close spellings
    /// when nothing matches.
    pub fn resolve(&self, written: &str) -> Result<(CategoryMatch, Option<String>), Vec<String>> {
        let key = match_key(written, &[]);
        if let Some(found) = self.current.get(&key) {
            return Ok((found.clone(), None));
        }
        if let Some((found, label)) = self.former.get(&key) {
            return Ok((found.clone(), Some(label.clone())));
        }
        let mut suggestions = self.current.suggest(&key);
        for s in self.former.suggest(&key) {
            if suggestions.len() < 3 && !suggestions.contains(&s) {
                suggestions.push(s);
            }
        }
        Err(suggestions)
    }

    /// All sectors, in scheme order.
    pub fn sectors(&self) -> &[Sector] {
        &self.sectors
    }

    /// All groups, in scheme order.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// The sector with this id.
    pub fn sector(&self, id: SectorId) -> &Sector {
        &self.sectors[id]
    }

    /// The group with this id.
    pub fn group(&self, id: GroupId) -> &Group {
        &self.groups[id]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::CLASSIFICATION_YAML;

    fn classification() -> Classification {
        Classification::from_yaml(CLASSIFICATION_YAML).unwrap()
    }

    fn group_code(c: &Classification, written: &str) -> String {
        match c.resolve(written) {
            Ok((CategoryMatch::Group(id), _)) => c.group(id).code.clone(),
            other => panic!("{written}: {other:?}"),
        }
    }

    #[test]
    fn embedded_scheme_has_six_sectors_and_26_groups() {
        let c = classification();
        assert_eq!(c.sectors().len(), 6);
        assert_eq!(c.groups().len(), 26);
        assert!(c.group(25).is_whole_sector);
    }

    #[test]
    fn resolves_codes_and_names_loosely() {
        let c = classification();
        assert_eq!(group_code(&c, "I.4.a"), "I.4.a");
        assert_eq!(group_code(&c, "i.4.A"), "I.4.a");
        assert_eq!(
            group_code(&c, "Tương, nước mắm, gia vị dạng lỏng khác"),
            "I.4.a"
        );
        assert_eq!(
            group_code(&c, "tuong nuoc mam gia vi dang long khac"),
            "I.4.a"
        );
        assert_eq!(group_code(&c, "VI"), "VI");
        assert_eq!(group_code(&c, "Cà phê, ca cao"), "I.6");
    }

    #[test]
    fn maps_former_scheme_names() {
        let c = classification();
        let (found, label) = c.resolve("Vải và may mặc").unwrap();
        assert_eq!(
            found,
            CategoryMatch::Group(c.groups().iter().position(|g| g.code == "IV.2").unwrap())
        );
        assert!(label.unwrap().contains("1048"));
        let (found, _) = c.resolve("Thảo dược").unwrap();
        assert!(matches!(found, CategoryMatch::Sector(s) if c.sector(s).code == "III"));
    }

    #[test]
    fn a_sector_code_is_not_a_group() {
        let c = classification();
        assert!(matches!(
            c.resolve("I").unwrap().0,
            CategoryMatch::Sector(0)
        ));
    }

    #[test]
    fn suggests_close_names() {
        let c = classification();
        let suggestions = c.resolve("Tuong nuoc mam").unwrap_err();
        assert!(
            suggestions.iter().any(|s| s.contains("nước mắm")),
            "{suggestions:?}"
        );
    }

    #[test]
    fn slugs_are_unique_and_ascii() {
        let c = classification();
        let mut slugs: Vec<&str> = c.sectors().iter().map(|s| s.slug.as_str()).collect();
        slugs.extend(
            c.groups()
                .iter()
                .filter(|g| !g.is_whole_sector)
                .map(|g| g.slug.as_str()),
        );
        let count = slugs.len();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), count);
        assert!(slugs.iter().all(|s| crate::text::is_slug(s)));
    }
}
