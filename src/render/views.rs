//! What templates see: plain serializable views built from the catalogue,
//! with every address already made and every text already formatted, so
//! templates only lay things out.

use super::urls::Urls;
use serde::Serialize;

/// A labelled link.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Text.
    pub label: String,
    /// Address.
    pub url: String,
}

/// A labelled link with a count, for browsing lists.
#[derive(Debug, Clone, Serialize)]
pub struct CountView {
    /// Text.
    pub label: String,
    /// Address; none when there is no product, since no page is built.
    pub url: Option<String>,
    /// Number of products.
    pub count: usize,
    /// The count formatted for reading.
    pub count_text: String,
    /// A code shown before the label (category codes), if any.
    pub code: Option<String>,
    /// A note after the label (former units of a province), if any.
    pub note: Option<String>,
    /// The label in Vietnamese, as the search index files it (filters
    /// match on it whatever the page's language).
    pub value: String,
}

/// A picture with its intrinsic size (no layout shift) and alt text.
#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    /// JPEG fallback for browsers without `srcset` (a middle width).
    pub src: String,
    /// JPEG variants: `url 400w, url 800w, …`.
    pub srcset: String,
    /// WebP variants, for `<source type="image/webp">`.
    pub webp_srcset: String,
    /// Width of the largest variant: with `height`, the intrinsic ratio that
    /// reserves the space before the picture loads.
    pub width: u32,
    /// Height of the largest variant.
    pub height: u32,
    /// Alternative text.
    pub alt: String,
    /// Placeholder colour shown while loading (`#rrggbb`).
    pub colour: String,
    /// The 1200 × 630 sharing image, absolute address.
    pub share: String,
    /// Width of the sharing image.
    pub share_width: u32,
    /// Height of the sharing image.
    pub share_height: u32,
    /// The largest JPEG variant, absolute address: what machines (structured
    /// data, sitemaps, data exports) are given.
    pub full: String,
}

/// A product in a listing.
#[derive(Debug, Clone, Serialize)]
pub struct CardView {
    /// Product name.
    pub name: String,
    /// Its page.
    pub url: String,
    /// Producer name.
    pub producer: String,
    /// Province as shown.
    pub province: String,
    /// Star count.
    pub stars: u8,
    /// "4 sao OCOP".
    pub stars_label: String,
    /// Awaiting national 5-star evaluation.
    pub potential_5_star: bool,
    /// Group name.
    pub group: String,
    /// Main photo.
    pub image: Option<ImageView>,
    /// Price, formatted.
    pub price: Option<String>,
    /// Unit of the price.
    pub unit: Option<String>,
}

/// A place: the unit's page and how the content wrote it.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceView {
    /// Current unit name.
    pub name: String,
    /// Its page; none when it has no product, since no page is built.
    pub url: Option<String>,
    /// As shown: "Sóc Trăng (nay thuộc TP. Cần Thơ)" or the name.
    pub written: String,
    /// The former unit named by the content, if any.
    pub former: Option<String>,
}

/// The recognition decision.
#[derive(Debug, Clone, Serialize)]
pub struct CertificateView {
    /// Decision number.
    pub decision: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// Signing date, dd/mm/yyyy.
    pub date: String,
    /// Signing date, ISO.
    pub date_iso: String,
    /// Last valid day, dd/mm/yyyy.
    pub valid_until: String,
    /// Last valid day, ISO.
    pub valid_until_iso: String,
    /// Whether it has expired.
    pub expired: bool,
}

/// A producer with its contacts.
#[derive(Debug, Clone, Serialize)]
pub struct ProducerView {
    /// Name.
    pub name: String,
    /// Its page.
    pub url: String,
    /// "Hợp tác xã" etc.
    pub kind: Option<String>,
    /// Where it is.
    pub place: PlaceView,
    /// Postal address.
    pub address: Option<String>,
    /// Phone as written.
    pub phone: Option<String>,
    /// `tel:` link.
    pub phone_href: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Web site.
    pub website: Option<String>,
    /// Representative.
    pub representative: Option<String>,
    /// Logo.
    pub logo: Option<ImageView>,
    /// Story, as safe HTML.
    pub description_html: Option<String>,
    /// Plain first paragraph of the story.
    pub summary: Option<String>,
    /// Number of products.
    pub product_count: usize,
}

/// A whole product page's product.
#[derive(Debug, Clone, Serialize)]
pub struct ProductView {
    /// Name.
    pub name: String,
    /// Page address.
    pub url: String,
    /// Stars.
    pub stars: u8,
    /// "4 sao OCOP".
    pub stars_label: String,
    /// Potential 5-star mark.
    pub potential_5_star: bool,
    /// Sector link.
    pub sector: LinkView,
    /// Sector code.
    pub sector_code: String,
    /// Group link.
    pub group: LinkView,
    /// Group code.
    pub group_code: String,
    /// Category as written, when of a former scheme.
    pub former_category: Option<String>,
    /// Star level page.
    pub stars_url: String,
    /// Where it is filed.
    pub place: PlaceView,
    /// The recognition decision.
    pub certificate: Option<CertificateView>,
    /// Price, formatted.
    pub price: Option<String>,
    /// Price in đồng, for machines.
    pub price_value: Option<u64>,
    /// Unit of the price.
    pub unit: Option<String>,
    /// Description, as safe HTML.
    pub description_html: Option<String>,
    /// Plain first paragraph, for meta descriptions.
    pub summary: Option<String>,
    /// Standards.
    pub standards: Vec<String>,
    /// Ingredients.
    pub ingredients: Option<String>,
    /// Shelf life.
    pub shelf_life: Option<String>,
    /// Packaging.
    pub packaging: Option<String>,
    /// Shops.
    pub links: Vec<LinkView>,
    /// Photos, main first.
    pub photos: Vec<ImageView>,
}

/// A link to one page of a paginated listing.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    /// Page number, or `None` for a gap ("…").
    pub number: Option<usize>,
    /// Address.
    pub url: String,
    /// Whether it is the current page.
    pub current: bool,
}

/// Navigation between the pages of a listing.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    /// Current page, from 1.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// Previous page.
    pub prev: Option<String>,
    /// Next page.
    pub next: Option<String>,
    /// Links: first, last, and pages near the current one, with gaps.
    pub pages: Vec<PageLink>,
}

impl Pagination {
    /// Navigation for page `current` of `total` of the listing at `path`.
    pub fn new(urls: &Urls, path: &str, current: usize, total: usize) -> Pagination {
        let link = |n: usize| urls.link(&Urls::paginated(path, n));
        let mut pages = Vec::new();
        let mut last_shown = 0;
        for n in 1..=total {
            let near = n + 2 >= current && n <= current + 2;
            if n == 1 || n == total || near {
                if last_shown + 1 < n {
                    pages.push(PageLink {
                        number: None,
                        url: String::new(),
                        current: false,
                    });
                }
                pages.push(PageLink {
                    number: Some(n),
                    url: link(n),
                    current: n == current,
                });
                last_shown = n;
            }
        }
        Pagination {
            current,
            total,
            prev: (current > 1).then(|| link(current - 1)),
            next: (current < total).then(|| link(current + 1)),
            pages,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_shows_ends_and_neighbours() {
        let urls = Urls::new("https://x/", "/");
        let p = Pagination::new(&urls, "sao/3/", 6, 20);
        let numbers: Vec<Option<usize>> = p.pages.iter().map(|l| l.number).collect();
        assert_eq!(
            numbers,
            vec![
                Some(1),
                None,
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                None,
                Some(20)
            ]
        );
        assert_eq!(p.prev.as_deref(), Some("/sao/3/trang/5/"));
        assert_eq!(p.next.as_deref(), Some("/sao/3/trang/7/"));
        let first = Pagination::new(&urls, "sao/3/", 1, 2);
        assert_eq!(first.prev, None);
        assert_eq!(first.pages[0].url, "/sao/3/");
    }
}
