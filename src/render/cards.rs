//! Product cards: each made once per rendering of a language and shared by
//! every page that shows it, and kept between renderings of `ocop serve`.

use super::key::serialized_key;
use super::presenter::Presenter;
use super::views::CardView;
use crate::model::Product;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use tera::{Context, Value};

/// The theme's product card component, when it can be rendered from a card
/// alone: each card is then rendered once and given to templates as
/// `card.html` (a safe string). A listing shows up to a page of cards and
/// a product page a few, so a national catalogue rendered the component
/// 340,000 times for 20,000 cards: a quarter of the rendering time.
pub(super) struct CardHtml<'a> {
    tera: &'a tera::Tera,
    /// What the component may read besides its arguments (`@t`).
    implicits: Context,
}

/// The component [`CardHtml`] renders, with its other arguments' defaults.
const CARD_COMPONENT: &str = "product_card";

impl<'a> CardHtml<'a> {
    /// `None` when the theme has no such component or one that needs more
    /// than a card: its templates then call it themselves.
    pub(super) fn of(tera: &'a tera::Tera, implicits: Context) -> Option<CardHtml<'a>> {
        let component = tera.get_component_definition(CARD_COMPONENT)?;
        let card_alone = component
            .args()
            .iter()
            .all(|arg| arg.name() == "card" || !arg.is_required() || arg.is_implicit());
        (card_alone && component.rest_param().is_none()).then_some(CardHtml { tera, implicits })
    }

    /// `card` with its `html`; as it is when the component fails, so that
    /// the template calling it reports the error against a page.
    fn add_to(&self, card: Value) -> Value {
        let mut args = Context::new();
        args.insert_value("card", card.clone());
        let Ok(html) = self.tera.render_component_with_implicits(
            CARD_COMPONENT,
            &args,
            &self.implicits,
            None,
            true,
        ) else {
            return card;
        };
        let Some(mut fields) = card.clone().into_map() else {
            return card;
        };
        fields.insert("html".into(), Value::safe_string(&html));
        Value::from(fields)
    }
}

/// A view with the key of what it serializes to, made when first needed:
/// a rebuild after an edit renders few pages, and works out the keys of
/// those an edit may have changed only.
pub(super) struct Keyed<T>(OnceLock<(T, u128)>);

impl<T: Serialize> Keyed<T> {
    pub(super) fn new() -> Self {
        Keyed(OnceLock::new())
    }

    pub(super) fn get(&self, make: impl FnOnce() -> T) -> &(T, u128) {
        self.0.get_or_init(|| {
            let view = make();
            let key = serialized_key(&view);
            (view, key)
        })
    }
}

/// One language's cards as rendered, kept between renderings of the same
/// site, by producer folder and product file: after an edit, `ocop serve`
/// renders a few hundred pages showing up to 48 cards each, and making and
/// rendering those cards again took a quarter of the time.
#[derive(Default)]
pub struct CardMemory(HashMap<String, HashMap<String, RememberedCard>>);

/// A card's key and, when a page showing it was rendered, its value as
/// templates get it.
#[derive(Clone)]
struct RememberedCard {
    key: u128,
    value: Option<Value>,
}

impl CardMemory {
    /// Forgets the cards of `products` (by folder and file): they changed.
    pub fn forget(&mut self, products: &HashSet<(String, String)>) {
        for (folder, file) in products {
            if let Some(cards) = self.0.get_mut(folder) {
                cards.remove(file);
                if cards.is_empty() {
                    self.0.remove(folder);
                }
            }
        }
    }

    fn get(&self, folder: &str, file: &str) -> Option<&RememberedCard> {
        self.0.get(folder)?.get(file)
    }

    /// Keeps what a rendering made of its cards. A card whose key is the
    /// remembered one keeps its remembered value when the rendering made
    /// none (no page showing it was rendered).
    pub(super) fn add(&mut self, made: Vec<MadeCard>) {
        for card in made {
            let cards = self.0.entry(card.folder).or_default();
            match cards.get_mut(&card.file) {
                Some(known) if known.key == card.key => {
                    known.value = card.value.or(known.value.take());
                }
                _ => {
                    let (key, value) = (card.key, card.value);
                    cards.insert(card.file, RememberedCard { key, value });
                }
            }
        }
    }

    /// Number of cards remembered.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.0.values().map(HashMap::len).sum()
    }
}

/// The cards of one rendering of a language, each made when a page first
/// needs it, or taken from a [`CardMemory`].
pub(super) struct Cards<'a> {
    presenter: &'a Presenter<'a>,
    /// Each product's card, with a key (see `Deferred::cards`).
    made: Vec<Keyed<CardView>>,
    /// Each card as templates get it, made when a rendered page first
    /// shows it (a rebuild renders few pages) and then shared by every
    /// page that does (tera values share their contents, so a clone is a
    /// reference count).
    values: Vec<OnceLock<Value>>,
    html: Option<CardHtml<'a>>,
    /// Cards of an earlier rendering, for products that did not change
    /// since.
    memory: Option<&'a CardMemory>,
}

impl<'a> Cards<'a> {
    pub(super) fn new(
        presenter: &'a Presenter<'a>,
        html: Option<CardHtml<'a>>,
        memory: Option<&'a CardMemory>,
    ) -> Cards<'a> {
        let products = &presenter.catalogue.products;
        Cards {
            presenter,
            made: products.iter().map(|_| Keyed::new()).collect(),
            values: products.iter().map(|_| OnceLock::new()).collect(),
            html,
            memory,
        }
    }

    fn remembered(&self, id: usize) -> Option<&'a RememberedCard> {
        let memory = self.memory?;
        let product = &self.presenter.catalogue.products[id];
        memory.get(self.folder(product), &product.slug)
    }

    fn folder(&self, product: &Product) -> &'a str {
        &self.presenter.catalogue.producer_of(product).slug
    }

    fn made(&self, id: usize) -> &(CardView, u128) {
        self.made[id].get(|| self.presenter.card(&self.presenter.catalogue.products[id]))
    }

    /// The key of product `id`'s card.
    pub(super) fn key(&self, id: usize) -> u128 {
        match self.remembered(id) {
            Some(card) => card.key,
            None => self.made(id).1,
        }
    }

    /// Product `id`'s card as templates get it.
    pub(super) fn value(&self, id: usize) -> Value {
        self.values[id]
            .get_or_init(|| {
                if let Some(value) = self.remembered(id).and_then(|c| c.value.clone()) {
                    return value;
                }
                let value = Value::from_serializable(&self.made(id).0);
                match &self.html {
                    Some(html) => html.add_to(value),
                    None => value,
                }
            })
            .clone()
    }

    /// What this rendering made of each card, for a [`CardMemory`]. A
    /// card whose key was not worked out came whole from the memory
    /// (see [`Cards::key`] and [`Cards::value`]): giving it back is
    /// nothing new, and an edit's listings show ten thousand of them.
    pub(super) fn into_made(self) -> Vec<MadeCard> {
        let Cards {
            presenter,
            made,
            values,
            ..
        } = self;
        let catalogue = presenter.catalogue;
        catalogue
            .products
            .iter()
            .zip(made)
            .zip(values)
            .filter_map(|((product, made), value)| {
                let (_, key) = made.0.into_inner()?;
                Some(MadeCard {
                    folder: catalogue.producer_of(product).slug.clone(),
                    file: product.slug.clone(),
                    key,
                    value: value.into_inner(),
                })
            })
            .collect()
    }
}

/// What one rendering made of a card: its key, and its value when a page
/// showing it was rendered.
pub(super) struct MadeCard {
    folder: String,
    file: String,
    key: u128,
    value: Option<Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(components: &str) -> tera::Tera {
        let mut tera = tera::Tera::default();
        tera.add_raw_template("components.html", components)
            .unwrap();
        tera
    }

    fn card() -> Value {
        let mut fields = tera::Map::new();
        fields.insert("name".into(), Value::from("Mắm <tôm>"));
        Value::from(fields)
    }

    #[test]
    fn cards_carry_the_component_rendered_with_its_defaults() {
        let tera = tera(
            r#"{% component product_card(card, heading="h3", @t) %}<{{ heading }}>{{ card.name }} {{ t.more }}</{{ heading }}>{% endcomponent product_card %}"#,
        );
        let mut implicits = Context::new();
        implicits.insert("t", &HashMap::from([("more", "thêm")]));
        let html = CardHtml::of(&tera, implicits).expect("a card alone renders it");
        let card = html.add_to(card());
        let text = card.get_from_path("html").and_then(Value::as_str);
        assert_eq!(text, Some("<h3>Mắm &lt;tôm&gt; thêm</h3>"));
        assert!(card.get_from_path("html").is_some_and(Value::is_safe));
        assert_eq!(
            card.get_from_path("name").and_then(Value::as_str),
            Some("Mắm <tôm>")
        );
    }

    #[test]
    fn themes_whose_card_needs_more_render_it_themselves() {
        let needs_more = tera(
            "{% component product_card(card, size) %}{{ size }}{% endcomponent product_card %}",
        );
        assert!(CardHtml::of(&needs_more, Context::new()).is_none());
        let none = tera("{% component other(card) %}{% endcomponent other %}");
        assert!(CardHtml::of(&none, Context::new()).is_none());
        // A component that fails leaves the card as it was, for the page
        // that calls it to report the error.
        let failing = tera(
            "{% component product_card(card) %}{{ card.missing.field }}{% endcomponent product_card %}",
        );
        let html = CardHtml::of(&failing, Context::new()).expect("a card alone");
        assert!(html.add_to(card()).get_from_path("html").is_none());
    }

    fn made(file: &str, key: u128, value: Option<&str>) -> MadeCard {
        MadeCard {
            folder: "htx-a".into(),
            file: file.into(),
            key,
            value: value.map(Value::from),
        }
    }

    fn remembered(memory: &CardMemory, file: &str) -> Option<(u128, Option<String>)> {
        let card = memory.get("htx-a", file)?;
        let value = card
            .value
            .as_ref()
            .and_then(Value::as_str)
            .map(String::from);
        Some((card.key, value))
    }

    #[test]
    fn memory_keeps_the_latest_card_of_each_product() {
        let mut memory = CardMemory::default();
        memory.add(vec![made("mam", 1, Some("mắm")), made("che", 2, None)]);
        assert_eq!(memory.len(), 2);
        assert_eq!(remembered(&memory, "mam"), Some((1, Some("mắm".into()))));
        assert_eq!(remembered(&memory, "che"), Some((2, None)));
        assert_eq!(remembered(&memory, "gao"), None);

        // A rendering that made a card's key and no value keeps the
        // remembered value of an unchanged card; one that made the value
        // adds it; a card with a new key is replaced whole.
        memory.add(vec![
            made("mam", 1, None),
            made("che", 2, Some("chè")),
            made("gao", 3, None),
        ]);
        assert_eq!(remembered(&memory, "mam"), Some((1, Some("mắm".into()))));
        assert_eq!(remembered(&memory, "che"), Some((2, Some("chè".into()))));
        assert_eq!(remembered(&memory, "gao"), Some((3, None)));
        memory.add(vec![made("mam", 4, None)]);
        assert_eq!(remembered(&memory, "mam"), Some((4, None)));

        let changed = HashSet::from([
            ("htx-a".to_string(), "mam".to_string()),
            ("htx-b".to_string(), "che".to_string()),
        ]);
        memory.forget(&changed);
        assert_eq!(remembered(&memory, "mam"), None);
        assert_eq!(remembered(&memory, "che"), Some((2, Some("chè".into()))));
        assert_eq!(memory.len(), 2);
    }
}
