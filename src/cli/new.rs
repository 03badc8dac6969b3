//! `ocop new`: a producer or product file with a comment on every field.

use ocop::lang::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

/// Create a producer or product file, with a comment on every field.
#[derive(clap::Subcommand)]
pub enum Args {
    /// content/producers/<slug>/producer.yaml, the slug made from the name.
    Producer {
        /// The producer's name, e.g. "HTX Chè Tân Cương".
        name: String,
        /// Province or city (required), e.g. "Thái Nguyên".
        #[arg(long)]
        province: Option<String>,
        /// Kind: doanh-nghiep, hop-tac-xa, to-hop-tac or ho-kinh-doanh.
        #[arg(long)]
        kind: Option<String>,
        /// The site folder, holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// content/producers/<producer>/products/<slug>.yaml.
    Product {
        /// The producer's folder name, e.g. che-tan-cuong.
        producer: String,
        /// The product's name, e.g. "Chè búp Tân Cương".
        name: String,
        /// Category (required): a code such as I.5.a, or its name.
        #[arg(long)]
        category: Option<String>,
        /// Stars (required): 3, 4 or 5.
        #[arg(long)]
        stars: Option<u8>,
        /// The site folder, holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// Creates the file. Exit status: 0 created, 1 refused (an existing file,
/// a missing or unknown value), 2 it could not be written.
pub fn run(command: Args, lang: Lang) -> ExitCode {
    use ocop::scaffold::{NewProducer, NewProduct, new_producer, new_product};
    let (root, result, next) = match command {
        Args::Producer {
            name,
            province,
            kind,
            root,
        } => {
            let result = new_producer(
                &root,
                &NewProducer {
                    name,
                    province,
                    kind,
                },
            );
            let next = result.as_ref().ok().and_then(|path| {
                let slug = path.parent()?.file_name()?.to_string_lossy().into_owned();
                Some(lang.pick(
                    format!(
                        "Bước tiếp: mở tệp, điền các trường còn trống, đặt ảnh vào photos/ bên cạnh, rồi chạy `ocop check`.\n\
                         Thêm sản phẩm: ocop new product {slug} \"Tên sản phẩm\" --category <mã nhóm> --stars <3|4|5>"
                    ),
                    format!(
                        "Next: open the file, fill in what is empty, put photos in photos/ beside it, then run `ocop check`.\n\
                         Add a product: ocop new product {slug} \"Product name\" --category <code> --stars <3|4|5>"
                    ),
                ))
            });
            (root, result, next)
        }
        Args::Product {
            producer,
            name,
            category,
            stars,
            root,
        } => {
            let result = new_product(
                &root,
                &NewProduct {
                    producer,
                    name,
                    category,
                    stars,
                },
            );
            let next = Some(lang.pick(
                "Bước tiếp: mở tệp, thêm ảnh (photos) và mô tả (description), rồi chạy `ocop check`.".to_string(),
                "Next: open the file, add photos and a description, then run `ocop check`.".to_string(),
            ));
            (root, result, next)
        }
    };
    match result {
        Ok(path) => {
            println!(
                "{} {}",
                lang.pick("Đã tạo", "Created"),
                root.join(path).display()
            );
            if let Some(next) = next {
                println!("{next}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}: {}", lang.pick("lỗi", "error"), error.message(lang));
            if let Some(help) = error.help(lang) {
                eprintln!("  = {}: {help}", lang.pick("cách sửa", "help"));
            }
            match error {
                ocop::scaffold::NewError::Io { .. } => ExitCode::from(2),
                _ => ExitCode::from(1),
            }
        }
    }
}
