//! The values of the search page's template: every filter with its count.

use super::Presenter;

/// Values of the kind filter.
pub const KIND_PRODUCT: &str = "Sản phẩm";
/// Values of the kind filter.
pub const KIND_PRODUCER: &str = "Chủ thể";

/// What the search page shows before the first search: every filter with
/// the counts known at build time (the counts of a search come with its
/// results, but loading the index's filter columns for the page alone
/// would cost tens of kilobytes), by the name templates read each under.
pub(super) fn page_values(presenter: &Presenter<'_>) -> Vec<(&'static str, tera::Value)> {
    let catalogue = presenter.catalogue;
    let classification = &catalogue.reference.classification;
    let mut values = vec![(
        "provinces",
        tera::Value::from_serializable(&presenter.province_counts()),
    )];
    let sectors: Vec<tera::Value> = catalogue
        .sector_order
        .iter()
        .map(|&s| {
            let sector = classification.sector(s);
            let mut map = tera::Map::new();
            let mut count = presenter.count(
                presenter.sector_name(s),
                &presenter.sector_path(s),
                catalogue.by_sector[s].len(),
                Some(&sector.code),
                None,
            );
            // Filters match the index, which files names in Vietnamese.
            count.value = sector.name.clone();
            map.insert("sector".into(), tera::Value::from_serializable(&count));
            map.insert(
                "groups".into(),
                tera::Value::from_serializable(&presenter.group_counts(s)),
            );
            tera::Value::from(map)
        })
        .collect();
    values.push(("sectors", tera::Value::from(sectors)));
    let stars: Vec<_> = presenter
        .star_counts()
        .into_iter()
        .zip([5, 4, 3])
        .map(|(mut level, number)| {
            level.code = Some(number.to_string());
            level
        })
        .collect();
    values.push(("star_levels", tera::Value::from_serializable(&stars)));
    // Values of the kind filter, as the index has them (labels are in `t`).
    values.push(("kind_product", tera::Value::from(KIND_PRODUCT)));
    values.push(("kind_producer", tera::Value::from(KIND_PRODUCER)));
    // What the script says, in the page's language.
    let strings: serde_json::Map<String, serde_json::Value> = presenter
        .t
        .map()
        .iter()
        .filter(|(key, _)| {
            key.starts_with("js_")
                || ["stars_label", "potential_5_star_suffix", "number_locale"]
                    .contains(&key.as_str())
        })
        .map(|(key, text)| (key.clone(), text.clone().into()))
        .collect();
    // Serialising a map of strings cannot fail.
    let json = serde_json::to_string(&strings).unwrap_or_default();
    values.push(("script_strings", tera::Value::from(json)));
    values
}
