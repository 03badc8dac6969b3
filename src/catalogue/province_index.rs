//! The products of each province split by sector, group and star level: the
//! intersections a consumer narrows down to without JavaScript
//! (`/tinh/can-tho/nhom/thuc-pham/`, `/tinh/can-tho/sao/4/`).
//!
//! Built in one pass over the province index, so the cost is linear in the
//! number of products whatever the number of provinces and groups; each list
//! keeps the catalogue's alphabetical order because the province lists do.

use super::star_index;
use crate::model::{GroupId, Product, ProductId, SectorId};
use crate::reference::Classification;

/// The products of one province, by sector, group and star level.
#[derive(Debug, Clone, Default)]
pub struct InProvince {
    /// Products of each sector in the province.
    pub by_sector: Vec<Vec<ProductId>>,
    /// Products of each group in the province.
    pub by_group: Vec<Vec<ProductId>>,
    /// Products of each star level in the province: 3, 4, 5.
    pub by_stars: [Vec<ProductId>; 3],
}

/// Splits each province's products (`by_province`, in catalogue order).
pub fn split(
    by_province: &[Vec<ProductId>],
    products: &[Product],
    classification: &Classification,
) -> Vec<InProvince> {
    by_province
        .iter()
        .map(|ids| {
            let mut split = InProvince {
                by_sector: vec![Vec::new(); classification.sectors().len()],
                by_group: vec![Vec::new(); classification.groups().len()],
                by_stars: Default::default(),
            };
            for &id in ids {
                let product = &products[id];
                let sector: SectorId = classification.group(product.group).sector;
                let group: GroupId = product.group;
                split.by_sector[sector].push(id);
                split.by_group[group].push(id);
                split.by_stars[star_index(product.stars)].push(id);
            }
            split
        })
        .collect()
}
