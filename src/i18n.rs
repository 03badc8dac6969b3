//! The site's interface strings in each language, read from the theme's
//! `i18n/<code>.yaml` files (flat `key: text` maps).
//!
//! Vietnamese is the reference: every other language starts from it and
//! replaces what it translates, so a key a translation lacks shows in
//! Vietnamese rather than breaking a page. A theme's own files are laid
//! over the default theme's key by key, so a theme may change one string.

use crate::lang::Lang;
use std::collections::BTreeMap;

/// A language's strings by key.
pub type StringMap = BTreeMap<String, String>;

/// The interface strings of one language, complete (gaps filled in Vietnamese).
#[derive(Debug, Clone)]
pub struct Strings {
    lang: Lang,
    map: StringMap,
}

impl Strings {
    /// Strings of `lang` from a complete map.
    pub fn new(lang: Lang, map: StringMap) -> Strings {
        Strings { lang, map }
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Every string, as templates see them (`t.key`).
    pub fn map(&self) -> &StringMap {
        &self.map
    }

    /// The text of `key`; the key itself when no file has it, so a typo in
    /// a theme shows on the page instead of failing the build.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// The text of `key` with its `{name}` placeholders filled from `args`.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// "4 sao OCOP" / "4-star OCOP": what a star badge says.
    pub fn stars_label(&self, stars: u8) -> String {
        self.format("stars_label", &[("stars", &stars.to_string())])
    }
}

/// Replaces `{name}` by its value in one pass, so braces inside a value
/// (a product named "{count}") are never filled again.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every language's strings.
#[derive(Debug, Clone)]
pub struct Translations {
    vi: Strings,
    en: Strings,
}

/// A translation file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot read the translation file {name}: {message}")]
pub struct TranslationError {
    /// The file, inside the theme (`i18n/en.yaml`).
    pub name: String,
    /// The parser's message, with its line and column.
    pub message: String,
}

/// Reads a translation file: a map of keys to texts.
pub fn parse(name: &str, bytes: &[u8]) -> Result<StringMap, TranslationError> {
    let error = |message: String| TranslationError {
        name: name.to_string(),
        message,
    };
    let value: serde_yaml::Value =
        serde_yaml::from_slice(bytes).map_err(|e| error(e.to_string()))?;
    let serde_yaml::Value::Mapping(mapping) = value else {
        return Err(error("expected `key: text` lines".into()));
    };
    let mut map = StringMap::new();
    for (key, value) in mapping {
        let key = match key {
            serde_yaml::Value::String(key) => key,
            other => return Err(error(format!("the key {other:?} is not text"))),
        };
        let text = match value {
            serde_yaml::Value::String(text) => text,
            serde_yaml::Value::Number(n) => n.to_string(),
            serde_yaml::Value::Bool(b) => b.to_string(),
            _ => return Err(error(format!("the value of {key} is not text"))),
        };
        map.insert(key, crate::text::normalize(&text).into_owned());
    }
    Ok(map)
}

/// The keys of `reference` that `other` lacks, sorted.
pub fn missing_keys(reference: &StringMap, other: &StringMap) -> Vec<String> {
    reference
        .keys()
        .filter(|k| !other.contains_key(*k))
        .cloned()
        .collect()
}

impl Translations {
    /// Builds every language from layers of files (`(language code, map)`,
    /// later layers overriding earlier ones); English falls back to Vietnamese.
    pub fn from_layers(layers: &[(Lang, StringMap)]) -> Translations {
        let mut vi = StringMap::new();
        let mut en = StringMap::new();
        for (lang, map) in layers {
            let target = match lang {
                Lang::Vi => &mut vi,
                Lang::En => &mut en,
            };
            target.extend(map.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        let mut full_en = vi.clone();
        full_en.extend(en);
        Translations {
            vi: Strings::new(Lang::Vi, vi),
            en: Strings::new(Lang::En, full_en),
        }
    }

    /// The strings of `lang`.
    pub fn get(&self, lang: Lang) -> &Strings {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> StringMap {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn fills_placeholders_once() {
        assert_eq!(
            fill(
                "{count} sản phẩm của {producer}",
                &[("count", "3"), ("producer", "{count}")]
            ),
            "3 sản phẩm của {count}"
        );
        assert_eq!(fill("{unknown} {", &[("count", "3")]), "{unknown} {");
    }

    #[test]
    fn english_falls_back_to_vietnamese_and_themes_override() {
        let t = Translations::from_layers(&[
            (Lang::Vi, map(&[("home", "Trang chủ"), ("search", "Tìm")])),
            (Lang::En, map(&[("home", "Home")])),
            (Lang::Vi, map(&[("search", "Tìm kiếm")])),
        ]);
        assert_eq!(t.get(Lang::En).get("home"), "Home");
        assert_eq!(t.get(Lang::En).get("search"), "Tìm kiếm");
        assert_eq!(t.get(Lang::Vi).get("search"), "Tìm kiếm");
        assert_eq!(t.get(Lang::Vi).get("nope"), "nope");
    }

    #[test]
    fn refuses_files_that_are_not_flat_maps() {
        assert!(parse("i18n/vi.yaml", b"- a\n- b\n").is_err());
        assert!(parse("i18n/vi.yaml", b"a:\n  b: c\n").is_err());
        assert_eq!(parse("i18n/vi.yaml", b"a: 3\n").unwrap()["a"], "3");
    }

    /// The default theme's English is complete: a key added to vi.yaml
    /// without its translation fails here rather than showing Vietnamese.
    #[test]
    fn english_has_every_vietnamese_key() {
        let vi = parse("vi.yaml", include_bytes!("../themes/default/i18n/vi.yaml")).unwrap();
        let en = parse("en.yaml", include_bytes!("../themes/default/i18n/en.yaml")).unwrap();
        assert_eq!(missing_keys(&vi, &en), Vec::<String>::new());
        assert_eq!(missing_keys(&en, &vi), Vec::<String>::new());
        let lacking = missing_keys(&vi, &map(&[("home", "Home")]));
        assert!(lacking.contains(&"search_button".to_string()));
    }
}
