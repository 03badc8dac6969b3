//! The second stage: the checked content as one catalogue, in Vietnamese
//! alphabetical order, with the indexes every listing page needs (by
//! producer, province, sector, group and star level, and their
//! intersections with each province), built once.

mod province_index;

pub use province_index::InProvince;

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

/// What producers are ordered by: name, then folder (two producers of
/// one name).
fn producer_key(producer: &Producer) -> (crate::text::SortKey, String) {
    (sort_key(&producer.name), producer.slug.clone())
}

/// What products are ordered by: name, then producer's name, then file
/// and folder names, so that the order is the same whatever order products
/// come in.
fn product_key(
    product: &Product,
    producers: &[Producer],
) -> (crate::text::SortKey, crate::text::SortKey, String, String) {
    let producer = &producers[product.producer];
    (
        sort_key(&product.name),
        sort_key(&producer.name),
        product.slug.clone(),
        producer.slug.clone(),
    )
}

/// `items` (in order by `key`) with `new` put in order among them. Only
/// the keys of the items a binary search visits are worked out: after an
/// edit, sorting a national catalogue again (working out every item's
/// collation key) took a tenth of a second.
fn merge_in<T, K: Ord>(items: Vec<T>, new: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    let mut new: Vec<(K, T)> = new.into_iter().map(|item| (key(&item), item)).collect();
    new.sort_by(|a, b| a.0.cmp(&b.0));
    let places: Vec<usize> = new
        .iter()
        .map(|(k, _)| items.partition_point(|item| key(item) < *k))
        .collect();
    let mut merged = Vec::with_capacity(items.len() + new.len());
    let mut new = places.into_iter().zip(new).peekable();
    for (i, item) in items.into_iter().enumerate() {
        while let Some((_, (_, inserted))) = new.next_if(|(place, _)| *place == i) {
            merged.push(inserted);
        }
        merged.push(item);
    }
    merged.extend(new.map(|(_, (_, item))| item));
    merged
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
        producer_order.sort_by_cached_key(|&i| producer_key(&producers[i]));
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
        products.sort_by_cached_key(|p| product_key(p, &producers));
        Catalogue::indexed(site, reference, producers, products)
    }

    /// The catalogue of producers and products already in order (see
    /// [`producer_key`] and [`product_key`]), with its indexes.
    fn indexed(
        site: SiteConfig,
        reference: Reference,
        producers: Vec<Producer>,
        products: Vec<Product>,
    ) -> Catalogue {
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
        catalogue.in_province = province_index::split(
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

    /// The catalogue with the producer folders of `folders` (by folder
    /// name: the producer and its products, or `None` for a folder whose
    /// producer file is not valid) in place of what it had of them, and
    /// without the folders `gone`. What did not change is
    /// moved, not copied: `ocop serve` does this after each edit, and a
    /// copy of a national catalogue took a quarter of a second.
    pub fn replace_folders(
        &mut self,
        folders: Vec<(String, Option<crate::content::Folder>)>,
        gone: &std::collections::HashSet<String>,
    ) {
        let producers = std::mem::take(&mut self.producers);
        let products = std::mem::take(&mut self.products);
        let replaced: std::collections::HashSet<&str> =
            folders.iter().map(|(slug, _)| slug.as_str()).collect();
        let kept: Vec<bool> = producers
            .iter()
            .map(|p| !replaced.contains(p.slug.as_str()) && !gone.contains(&p.slug))
            .collect();
        // What stays keeps its order; what was read again is put in order
        // among it. Each producer notes where it comes from: its old place,
        // or its place among those read again.
        enum From {
            Old(usize),
            New(usize),
        }
        let old: Vec<(Producer, From)> = producers
            .into_iter()
            .enumerate()
            .filter(|(id, _)| kept[*id])
            .map(|(id, p)| (p, From::Old(id)))
            .collect();
        let mut fresh = Vec::new();
        let mut new_products = Vec::new();
        for (producer, products) in folders.into_iter().filter_map(|(_, read)| read) {
            fresh.push((producer, From::New(new_products.len())));
            new_products.push(products);
        }
        let ordered = merge_in(old, fresh, |(p, _)| producer_key(p));
        let mut old_id = vec![usize::MAX; kept.len()];
        let mut new_id = vec![usize::MAX; new_products.len()];
        let mut producers = Vec::with_capacity(ordered.len());
        for (id, (producer, from)) in ordered.into_iter().enumerate() {
            match from {
                From::Old(old) => old_id[old] = id,
                From::New(new) => new_id[new] = id,
            }
            producers.push(producer);
        }
        // Products are large: they are moved once, into their new place.
        let stayed: Vec<Product> = products
            .into_iter()
            .filter(|p| kept[p.producer])
            .map(|mut p| {
                p.producer = old_id[p.producer];
                p
            })
            .collect();
        let read: Vec<Product> = new_products
            .into_iter()
            .enumerate()
            .flat_map(|(new, products)| {
                let id = new_id[new];
                products.into_iter().map(move |mut p| {
                    p.producer = id;
                    p
                })
            })
            .collect();
        let products = merge_in(stayed, read, |p| product_key(p, &producers));
        *self = Catalogue::indexed(
            self.site.clone(),
            self.reference.clone(),
            producers,
            products,
        );
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
        let catalogue = Catalogue::new(content, site());
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

    fn site() -> SiteConfig {
        SiteConfig {
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
            cms: None,
        }
    }

    /// The producers and products of a catalogue, by folder, as read.
    fn folders(catalogue: &Catalogue) -> Vec<(Producer, Vec<Product>)> {
        catalogue
            .producers
            .iter()
            .enumerate()
            .map(|(id, p)| {
                let products = catalogue.by_producer[id]
                    .iter()
                    .map(|&i| Product {
                        producer: 0,
                        ..catalogue.products[i].clone()
                    })
                    .collect();
                (p.clone(), products)
            })
            .collect()
    }

    #[test]
    fn replacing_folders_gives_the_catalogue_built_from_scratch() {
        let names = [
            "Ốc", "An", "Ăn", "Bưởi", "Đào", "Dừa", "Ổi", "Me", "Na", "Cam",
        ];
        let mut producers: Vec<Producer> = (0..6)
            .map(|i| producer(&format!("p{i}"), names[i * 3 % 10], i % 3))
            .collect();
        // Two producers of one name: folders break the tie.
        producers[5].name = producers[1].name.clone();
        let products: Vec<Product> = (0..30)
            .map(|i| {
                let stars = [StarLevel::Three, StarLevel::Four, StarLevel::Five][i % 3];
                // Products of one name in different folders, too.
                product(&format!("s{i}"), names[i % 10], i % 6, stars, i % 5)
            })
            .collect();
        let whole = |producers: Vec<Producer>, products: Vec<Product>| {
            let content = Content {
                site: None,
                reference: Reference::builtin(),
                producers,
                products,
            };
            Catalogue::new(content, site())
        };
        let mut catalogue = whole(producers.clone(), products.clone());

        // Renamed, moved, emptied, gone and new folders at once.
        let mut read: Vec<(String, Option<crate::content::Folder>)> = Vec::new();
        let mut p1 = producers[1].clone();
        p1.name = "Ánh".into();
        let mut p1_products: Vec<Product> = products
            .iter()
            .filter(|p| p.producer == 1)
            .cloned()
            .collect();
        p1_products[0].name = "Zô".into();
        p1_products[1].stars = StarLevel::Five;
        read.push(("p1".into(), Some((p1.clone(), p1_products.clone()))));
        read.push(("p3".into(), None));
        let new = producer("p9", "Gạo", 2);
        let new_products = vec![product("x", "Gạo tám", 0, StarLevel::Four, 1)];
        read.push(("p9".into(), Some((new.clone(), new_products.clone()))));
        let gone = std::collections::HashSet::from(["p5".to_string()]);
        catalogue.replace_folders(read, &gone);

        // The same content, from scratch.
        let mut producers_now = vec![];
        let mut products_now = vec![];
        for (old, producer) in producers.iter().enumerate() {
            let (producer, mine): (Producer, Vec<Product>) = match old {
                1 => (p1.clone(), p1_products.clone()),
                3 | 5 => continue,
                _ => (
                    producer.clone(),
                    products
                        .iter()
                        .filter(|p| p.producer == old)
                        .cloned()
                        .collect(),
                ),
            };
            let id = producers_now.len();
            producers_now.push(producer);
            products_now.extend(mine.into_iter().map(|p| Product { producer: id, ..p }));
        }
        let id = producers_now.len();
        producers_now.push(new);
        products_now.extend(
            new_products
                .into_iter()
                .map(|p| Product { producer: id, ..p }),
        );
        let expected = whole(producers_now, products_now);

        assert_eq!(folders(&catalogue), folders(&expected));
        assert_eq!(catalogue.by_province, expected.by_province);
        assert_eq!(catalogue.by_stars, expected.by_stars);
        assert_eq!(catalogue.by_group, expected.by_group);
        assert_eq!(catalogue.by_sector, expected.by_sector);
        assert_eq!(
            format!("{:?}", catalogue.in_province),
            format!("{:?}", expected.in_province)
        );
        let names = |c: &Catalogue| -> Vec<String> {
            c.products
                .iter()
                .map(|p| format!("{}/{}", c.producers[p.producer].slug, p.slug))
                .collect()
        };
        assert_eq!(names(&catalogue), names(&expected));
    }

    #[test]
    fn merging_in_keeps_the_order() {
        let merged = merge_in(vec![1, 3, 5, 7], vec![8, 0, 4, 4], |&x| x);
        assert_eq!(merged, [0, 1, 3, 4, 4, 5, 7, 8]);
        assert_eq!(merge_in(Vec::new(), vec![2, 1], |&x| x), [1, 2]);
        assert_eq!(merge_in(vec![1, 2], Vec::new(), |&x| x), [1, 2]);
    }
}
