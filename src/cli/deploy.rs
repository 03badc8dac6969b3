//! `ocop deploy`: the built site uploaded to S3-compatible object storage.

use super::{INTERRUPTED, print_diagnostics, seconds};
use ocop::cancel::Cancel;
use ocop::deploy::{Connection, DEFAULT_WORKERS, DeployError, DeployOptions, Target, deploy};
use ocop::lang::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

/// Upload the built site to S3-compatible object storage, only what changed.
#[derive(clap::Args)]
pub struct Args {
    /// The bucket, and a folder in it: s3://BUCKET[/PREFIX] [default: deploy.to of site.yaml].
    #[arg(long)]
    to: Option<String>,
    /// The site folder, holding content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The built site [default: ROOT/public].
    #[arg(long)]
    output: Option<PathBuf>,
    /// Where the deploy's state is kept [default: ROOT/.ocop-cache].
    #[arg(long)]
    cache_dir: Option<PathBuf>,
    /// Print what would be uploaded and deleted, and why; change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Refuse (changing nothing) if more files than this would be deleted
    /// [default: the larger of 256 and 1% of the files].
    #[arg(long)]
    max_deletes: Option<usize>,
    /// Uploads at once.
    #[arg(long, default_value_t = DEFAULT_WORKERS)]
    workers: usize,
    /// Upload every file, changed or not.
    #[arg(long)]
    force: bool,
    /// List the bucket and compare it with the output instead of trusting
    /// the manifest, repairing anything changed behind ocop's back.
    #[arg(long)]
    verify: bool,
}

/// Deploys. Exit status: 0 deployed, 1 refused (too many deletes, bad
/// target or credentials), 2 any other failure, 130 interrupted.
pub fn run(args: Args, lang: Lang, cancel: &Cancel) -> ExitCode {
    let to = match args.to {
        Some(to) => to,
        None => match ocop::content::deploy_target(&args.root) {
            Ok(Some(to)) => to,
            Ok(None) => {
                eprintln!(
                    "{}",
                    lang.pick(
                        "lỗi: chưa biết đăng lên đâu: dùng --to s3://BUCKET hoặc ghi deploy: {to: s3://BUCKET} trong content/site.yaml",
                        "error: no target: pass --to s3://BUCKET or write deploy: {to: s3://BUCKET} in content/site.yaml"
                    )
                );
                return ExitCode::from(1);
            }
            Err(diagnostics) => {
                print_diagnostics(&diagnostics, lang, usize::MAX);
                return ExitCode::from(1);
            }
        },
    };
    let prepared = Target::parse(&to).and_then(|target| {
        Ok((
            target,
            Connection::from_vars(|name| std::env::var(name).ok())?,
        ))
    });
    let (target, connection) = match prepared {
        Ok(prepared) => prepared,
        Err(error) => {
            eprintln!("{}: {error}", lang.pick("lỗi", "error"));
            return ExitCode::from(1);
        }
    };
    let options = DeployOptions {
        output: args.output.unwrap_or_else(|| args.root.join("public")),
        cache_dir: args
            .cache_dir
            .unwrap_or_else(|| args.root.join(ocop::photos::DEFAULT_CACHE_DIR)),
        target,
        connection,
        dry_run: args.dry_run,
        max_deletes: args.max_deletes,
        workers: args.workers,
        force: args.force,
        verify: args.verify,
        progress: true,
    };
    match deploy(&options, cancel) {
        Ok(summary) => {
            let time = seconds(summary.elapsed, lang);
            let mb = summary.uploaded_bytes as f64 / 1e6;
            if let Some(plan) = &summary.plan {
                print!("{plan}");
                println!(
                    "{}",
                    lang.pick(
                        format!("Chạy thử: không thay đổi gì trên {}", options.target),
                        format!("Dry run: nothing was changed at {}", options.target),
                    )
                );
                return ExitCode::SUCCESS;
            }
            if summary.resumed > 0 {
                println!(
                    "{}",
                    lang.pick(
                        format!(
                            "Tiếp tục lần đăng trước: {} tệp đã tải lên",
                            summary.resumed
                        ),
                        format!(
                            "Resumed the previous deploy: {} files were already uploaded",
                            summary.resumed
                        ),
                    )
                );
            }
            println!(
                "{}",
                lang.pick(
                    format!(
                        "đã đăng lên {}: {} tệp tải lên ({mb:.1} MB), {} không đổi, {} đã xóa trong {time}",
                        options.target, summary.uploaded, summary.unchanged, summary.deleted
                    ),
                    format!(
                        "deployed to {}: {} uploaded ({mb:.1} MB), {} unchanged, {} deleted in {time}",
                        options.target, summary.uploaded, summary.unchanged, summary.deleted
                    ),
                )
            );
            ExitCode::SUCCESS
        }
        Err(DeployError::Interrupted) => {
            eprintln!("{}", DeployError::Interrupted);
            ExitCode::from(INTERRUPTED)
        }
        Err(
            error @ (DeployError::TooManyDeletes { .. }
            | DeployError::Credentials { .. }
            | DeployError::Target(_)
            | DeployError::NotAnOutput(_)),
        ) => {
            eprintln!("{}: {error}", lang.pick("lỗi", "error"));
            ExitCode::from(1)
        }
        Err(error) => {
            eprintln!("{}: {error}", lang.pick("lỗi", "error"));
            ExitCode::from(2)
        }
    }
}
