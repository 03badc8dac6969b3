//! `ocop schema`: JSON Schemas of the content files, for editors.

use ocop::diagnostic::render_human;
use ocop::lang::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

/// Write JSON Schemas of the content files, for editors.
#[derive(clap::Args)]
pub struct Args {
    /// The site folder, holding content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write them [default: ROOT/.ocop/schema].
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Writes the schemas. Exit status: 0 written, 2 they could not be.
pub fn run(args: Args, lang: Lang) -> ExitCode {
    let Args { root, out } = args;
    let (reference, problems) = ocop::content::load_reference(&root);
    for diagnostic in &problems {
        eprintln!("{}", render_human(diagnostic, lang));
    }
    let dir = out.unwrap_or_else(|| root.join(ocop::schema::SCHEMA_DIR));
    match ocop::schema::write_schemas(&dir, &reference) {
        Ok(files) => {
            for file in files {
                println!("{} {}", lang.pick("Đã ghi", "Wrote"), file.display());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!(
                "{}: {} {}: {error}",
                lang.pick("lỗi", "error"),
                lang.pick("không ghi được", "cannot write"),
                dir.display()
            );
            ExitCode::from(2)
        }
    }
}
