//! Matching names the way people write them: without regard to case,
//! diacritics, punctuation or spacing, with "did you mean" suggestions.

use crate::text::fold;
use std::collections::HashMap;

/// Reduces a name to what matching compares: folded letters and digits only.
/// Leading words in `prefixes` (already folded, e.g. "tinh") are dropped.
pub fn match_key(text: &str, prefixes: &[&[&str]]) -> String {
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut rest: &[&str] = &words;
    for prefix in prefixes {
        if rest.len() > prefix.len() && rest.starts_with(prefix) {
            rest = &rest[prefix.len()..];
            break;
        }
    }
    rest.concat()
}

/// Names mapped to targets, with the spelling to suggest for each.
#[derive(Debug, Clone)]
pub struct Lookup<T> {
    targets: HashMap<String, T>,
    /// (key, spelling to suggest) for fuzzy suggestions.
    spellings: Vec<(String, String)>,
}

impl<T: Clone + PartialEq> Lookup<T> {
    pub fn new() -> Self {
        Lookup {
            targets: HashMap::new(),
            spellings: Vec::new(),
        }
    }

    /// Adds a name. Fails with the existing target if the key already means
    /// something else.
    pub fn insert(&mut self, key: String, spelling: &str, target: T) -> Result<(), T> {
        if key.is_empty() {
            return Ok(());
        }
        match self.targets.get(&key) {
            Some(existing) if *existing != target => return Err(existing.clone()),
            Some(_) => {}
            None => {
                self.targets.insert(key.clone(), target);
            }
        }
        self.spellings.push((key, spelling.to_string()));
        Ok(())
    }

    pub fn get(&self, key: &str) -> Option<&T> {
        self.targets.get(key)
    }

    /// Up to three spellings close to `key`, best first.
    pub fn suggest(&self, key: &str) -> Vec<String> {
        if key.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(f64, &str)> = self
            .spellings
            .iter()
            .map(|(candidate, spelling)| {
                let mut score = strsim::jaro_winkler(key, candidate);
                // A name typed in part ("can tho" for "thanh pho can tho") is close too.
                if candidate.contains(key) || key.contains(candidate.as_str()) {
                    score = score.max(0.9);
                }
                (score, spelling.as_str())
            })
            .filter(|(score, _)| *score >= 0.8)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        let mut out: Vec<String> = Vec::new();
        for (_, spelling) in scored {
            if !out.iter().any(|s| s == spelling) {
                out.push(spelling.to_string());
            }
            if out.len() == 3 {
                break;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_marks_and_punctuation() {
        assert_eq!(match_key("Bà Rịa – Vũng Tàu", &[]), "bariavungtau");
        assert_eq!(match_key("I.4.a", &[]), "i4a");
        assert_eq!(match_key("  tỉnh Sóc  Trăng ", &[&["tinh"]]), "soctrang");
        // A prefix is kept when nothing would remain.
        assert_eq!(match_key("Tỉnh", &[&["tinh"]]), "tinh");
    }

    #[test]
    fn suggests_close_spellings() {
        let mut lookup = Lookup::new();
        lookup.insert("soctrang".into(), "Sóc Trăng", 1).unwrap();
        lookup.insert("cantho".into(), "Cần Thơ", 2).unwrap();
        assert_eq!(lookup.suggest("soctrag"), vec!["Sóc Trăng"]);
        assert!(lookup.suggest("hanoi").is_empty());
        assert_eq!(lookup.insert("cantho".into(), "x", 3), Err(2));
    }
}
