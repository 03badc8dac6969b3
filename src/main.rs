//! The `ocop` command: parses arguments and hands each subcommand to its
//! module in [`cli`], which reports what the library did.

mod cli;

use clap::{Parser, Subcommand};
use ocop::cancel::Cancel;
use ocop::lang::Lang;
use std::process::ExitCode;

// mimalloc, but for the largest blocks (see `ocop::allocator`).
#[global_allocator]
static ALLOCATOR: ocop::allocator::Allocator = ocop::allocator::Allocator;

/// Static site generator for Vietnam's OCOP product catalogue.
#[derive(Parser)]
#[command(name = "ocop", version, about)]
struct Cli {
    /// Language of messages: vi or en.
    #[arg(long, global = true, default_value = "vi")]
    lang: Lang,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from content/ into public/.
    Build(cli::build::Args),
    /// Create or update producer and product files from a CSV with the
    /// columns of data/products.csv (docs/data.md).
    Import(cli::import::Args),
    /// Check the content as a build would, without writing the site.
    Check(cli::check::Args),
    /// Create a producer or product file, with a comment on every field.
    #[command(subcommand)]
    New(cli::new::Args),
    /// Write JSON Schemas of the content files, for editors.
    Schema(cli::schema::Args),
    /// Build, serve on 127.0.0.1 and rebuild on every saved change, reloading pages.
    Serve(cli::serve::Args),
    /// Print a CODEOWNERS file: each producer folder to its maintainers.
    Codeowners(cli::codeowners::Args),
    /// Upload the built site to S3-compatible object storage, only what changed.
    Deploy(cli::deploy::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The first Ctrl-C stops the work cleanly (a build's staging folder is
    // removed, the previous site kept); a second one exits at once, and the
    // next build clears what was left.
    let cancel = Cancel::new();
    let on_signal = cancel.clone();
    let _ = ctrlc::set_handler(move || {
        if on_signal.is_cancelled() {
            std::process::exit(i32::from(cli::INTERRUPTED));
        }
        on_signal.cancel();
    });
    let lang = cli.lang;
    match cli.command {
        Command::Build(args) => cli::build::run(args, lang, &cancel),
        Command::Import(args) => cli::import::run(args, lang),
        Command::Check(args) => cli::check::run(args, lang, &cancel),
        Command::New(args) => cli::new::run(args, lang),
        Command::Schema(args) => cli::schema::run(args, lang),
        Command::Serve(args) => cli::serve::run(args, lang, &cancel),
        Command::Codeowners(args) => cli::codeowners::run(args, lang),
        Command::Deploy(args) => cli::deploy::run(args, lang, &cancel),
    }
}
