//! The second stage: the checked content as one catalogue, in Vietnamese
//! alphabetical order, with the indexes every listing page needs (by
//! producer, province, sector, group and star level, and their
//! intersections with each province), built once.

mod narrow;

pub use narrow::InProvince;

use crate::content::{Content, SiteConfig};
use crate::model::{
    GroupId, Producer, ProducerId, Product, ProductId, ProvinceId, SectorId, StarLevel,
};
use crate::reference::Reference;
use crate::text::sort_key;

/// The catalogue: every producer and product with its indexes.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// Site settings.
    pub site: SiteConfig,
    /// Provinces and classification.
    pub reference: Reference,
    /// Producers in alphabetical order of name.
    pub producers: Vec<Producer>,
    /// Products in alphabetical order of name, then producer.
    pub products: Vec<Product>,
    /// Products of each producer.
    pub by_producer: Vec<Vec<ProductId>>,
    /// Products filed under each province.
    pub by_province: Vec<Vec<ProductId>>,
    /// Producers in each province.
    pub producers_by_province: Vec<Vec<ProducerId>>,
    /// Products of each sector.
    pub by_sector: Vec<Vec<ProductId>>,
    /// Products of each group.
    pub by_group: Vec<Vec<ProductId>>,
    /// Products of each star level: 3, 4, 5.
    pub by_stars: [Vec<ProductId>; 3],
    /// Products of each province by sector, group and star level.
    pub in_province: Vec<InProvince>,
    /// Provinces in alphabetical order.
    pub province_order: Vec<ProvinceId>,
    /// Sectors in alphabetical order.
    pub sector_order: Vec<SectorId>,
    /// Groups of each sector, in alphabetical order.
    pub group_order: Vec<Vec<GroupId>>,
}

/// Index of a star level in [`Catalogue::by_stars`].
pub fn star_index(stars: StarLevel) -> usize {
    stars as usize - 3
}

fn order_by_name<T>(items: &[T], name: impl Fn(&T) -> &str) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_cached_key(|&i| sort_key(name(&items[i])));
    order
}

impl Catalogue {
    /// Builds the catalogue from checked content and site settings.
    pub fn new(content: Content, site: SiteConfig) -> Catalogue {
        let Content {
            reference,
            producers,
            products,
            ..
        } = content;

        // Producers by name; ties (two producers of one name) by folder.
        let mut producer_order: Vec<usize> = (0..producers.len()).collect();
        producer_order
            .sort_by_cached_key(|&i| (sort_key(&producers[i].name), producers[i].slug.clone()));
        let mut new_producer_id = vec![0; producers.len()];
        for (new, &old) in producer_order.iter().enumerate() {
            new_producer_id[old] = new;
        }
        let mut producers_sorted: Vec<Option<Producer>> = producers.into_iter().map(Some).collect();
        let producers: Vec<Producer> = producer_order
            .iter()
            .filter_map(|&old| producers_sorted[old].take())
            .collect();

        let mut products: Vec<Product> = products
            .into_iter()
            .map(|mut p| {
                p.producer = new_producer_id[p.producer];
                p
            })
            .collect();
        products.sort_by_cached_key(|p| {
            (
                sort_key(&p.name),
                sort_key(&producers[p.producer].name),
                p.slug.clone(),
            )
        });

        let classification = &reference.classification;
        let province_order = order_by_name(reference.provinces.all(), |p| &p.name);
        let sector_order = order_by_name(classification.sectors(), |s| &s.name);
        let group_order = classification
            .sectors()
            .iter()
            .map(|sector| {
                let mut groups = sector.groups.clone();
                groups.sort_by_cached_key(|&g| sort_key(&classification.group(g).name));
                groups
            })
            .collect();
        let province_count = reference.provinces.all().len();
        let mut catalogue = Catalogue {
            by_producer: vec![Vec::new(); producers.len()],
            by_province: vec![Vec::new(); province_count],
            producers_by_province: vec![Vec::new(); province_count],
            by_sector: vec![Vec::new(); classification.sectors().len()],
            by_group: vec![Vec::new(); classification.groups().len()],
            by_stars: [Vec::new(), Vec::new(), Vec::new()],
            in_province: Vec::new(),
            province_order,
            sector_order,
            group_order,
            site,
            reference,
            producers,
            products: Vec::new(),
        };
        for (id, product) in products.iter().enumerate() {
            let group = catalogue.reference.classification.group(product.group);
            catalogue.by_producer[product.producer].push(id);
            catalogue.by_province[product.place.province].push(id);
            catalogue.by_sector[group.sector].push(id);
            catalogue.by_group[product.group].push(id);
            catalogue.by_stars[star_index(product.stars)].push(id);
        }
        for (id, producer) in catalogue.producers.iter().enumerate() {
            catalogue.producers_by_province[producer.place.province].push(id);
        }
        catalogue.in_province = narrow::split(
            &catalogue.by_province,
            &products,
            &catalogue.reference.classification,
        );
        catalogue.products = products;
        catalogue
    }

    /// The producer of a product.
    pub fn producer_of(&self, product: &Product) -> &Producer {
        &self.producers[product.producer]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::BaseUrl;
    use crate::lang::Lang;
    use crate::model::Place;
    use std::path::PathBuf;

    fn producer(slug: &str, name: &str, province: usize) -> Producer {
        Producer {
            slug: slug.into(),
            name: name.into(),
            name_en: None,
            kind: None,
            place: Place {
                province,
                former: None,
            },
            address: None,
            phone: None,
            email: None,
            website: None,
            representative: None,
            logo: None,
            description: None,
            description_en: None,
            maintainers: Vec::new(),
            source: PathBuf::new(),
        }
    }

    fn product(slug: &str, name: &str, producer: usize, stars: StarLevel, group: usize) -> Product {
        Product {
            slug: slug.into(),
            producer,
            name: name.into(),
            name_en: None,
            group,
            former_category: None,
            stars,
            potential_five_star: false,
            certificate: None,
            photos: Vec::new(),
            price: None,
            unit: None,
            description: None,
            description_en: None,
            place: Place {
                province: producer,
                former: None,
            },
            own_place: false,
            standards: Vec::new(),
            ingredients: None,
            shelf_life: None,
            packaging: None,
            links: Vec::new(),
            source: PathBuf::new(),
        }
    }

    #[test]
    fn sorts_in_vietnamese_order_and_indexes() {
        let content = Content {
            site: None,
            reference: Reference::builtin(),
            producers: vec![producer("z", "Đồng Xanh", 0), producer("a", "Dừa Sáp", 1)],
            products: vec![
                product("b", "Đường thốt nốt", 0, StarLevel::Three, 0),
                product("a", "Dầu dừa", 1, StarLevel::Four, 0),
                product("c", "Ăn liền", 1, StarLevel::Three, 25),
            ],
        };
        let site = SiteConfig {
            title: "t".into(),
            description: None,
            base_url: BaseUrl::parse("https://x.example/").unwrap(),
            language: Lang::Vi,
            languages: vec![Lang::Vi],
            theme: None,
            page_size: 48,
            reviewers: Vec::new(),
            publisher: None,
            photos: Default::default(),
        };
        let catalogue = Catalogue::new(content, site);
        let names: Vec<&str> = catalogue
            .producers
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["Dừa Sáp", "Đồng Xanh"]);
        let names: Vec<&str> = catalogue.products.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Ăn liền", "Dầu dừa", "Đường thốt nốt"]);
        // Product ids follow the new order, producer ids too.
        assert_eq!(catalogue.products[2].producer, 1);
        assert_eq!(catalogue.by_producer[0], vec![0, 1]);
        assert_eq!(catalogue.by_stars[0], vec![0, 2]);
        assert_eq!(catalogue.by_stars[1], vec![1]);
        assert_eq!(catalogue.by_group[0], vec![1, 2]);
        let sector_vi = catalogue.reference.classification.group(25).sector;
        assert_eq!(catalogue.by_sector[sector_vi], vec![0]);
        assert_eq!(catalogue.province_order.len(), 34);
        // Intersections follow the same order, and only hold their province.
        assert_eq!(catalogue.in_province[0].by_group[0], vec![2]);
        assert_eq!(catalogue.in_province[0].by_stars[0], vec![2]);
        assert_eq!(catalogue.in_province[1].by_group[0], vec![1]);
        assert_eq!(catalogue.in_province[1].by_stars[1], vec![1]);
        assert_eq!(catalogue.in_province[1].by_sector[sector_vi], vec![0]);
        assert!(catalogue.in_province[2].by_group.iter().all(Vec::is_empty));
        let first = catalogue
            .reference
            .provinces
            .get(catalogue.province_order[0]);
        assert_eq!(first.name, "An Giang");
    }
}
