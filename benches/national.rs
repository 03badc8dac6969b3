//! National-scale figures (issues 4 and 7): builds a generated catalogue and
//! reports each stage, peak memory, the no-op rebuild, a rebuild after one
//! edit, and (with `--browser`) the bytes searches cost in headless Chromium.
//!
//!     cargo bench --bench national -- --products 20000 --producers 10000 [--photos] [--browser]
//!
//! Options: `--products N` (20000), `--producers M` (N/2), `--seed S` (1),
//! `--photos` (small generated photos), `--cold-only` (stop after the cold
//! build, for the largest sizes), `--no-serve` (skip the `ocop serve`
//! edits), `--serve-only` (only those), `--browser` (search bytes; needs
//! Chromium and `npm ci --prefix tests/browser`), `--browser-only` (one
//! build, then the search bytes), `--dir DIR` (keep the
//! catalogue there and reuse it across runs).

#[path = "support/generate.rs"]
mod generate;
#[path = "../tests/it/common/server.rs"]
#[allow(dead_code)]
mod server;

use ocop::cancel::Cancel;
use ocop::peak_memory;
use ocop::pipeline::{BuildOptions, BuildSummary};
use std::path::{Path, PathBuf};
use std::time::Instant;

// The allocator of the `ocop` binary, so that the figures are its own.
#[global_allocator]
static ALLOCATOR: ocop::allocator::Allocator = ocop::allocator::Allocator;

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn flag(name: &str) -> bool {
    std::env::args().any(|a| a == name)
}

/// Resets the peak resident memory, so each build's peak is its own.
fn megabytes(bytes: Option<u64>) -> f64 {
    bytes.map_or(0.0, |b| b as f64 / (1024.0 * 1024.0))
}

/// Waits until what earlier rows wrote is on the disk. The kernel writes
/// a build's 600 MB back half a minute later, on the same two cores: that
/// writeback landed in the next row and slowed its render+write by a
/// fifth. Each row now pays for its own files only, as a build on a
/// machine that does nothing else does.
fn settle() {
    // Where there is no `sync` (not Unix), rows are left as they are.
    let _ = std::process::Command::new("sync").status();
}

fn run(label: &str, options: &BuildOptions, products: usize) -> BuildSummary {
    settle();
    peak_memory::reset_peak();
    let started = Instant::now();
    let summary =
        ocop::pipeline::build(options, &Cancel::new()).unwrap_or_else(|e| panic!("{label}: {e:?}"));
    let wall = started.elapsed().as_secs_f64();
    let t = &summary.timings;
    println!(
        "{label:<34} {wall:>6.2} s  load {:.2} · catalogue {:.2} · photos {:.2} · render+write {:.2} · search {:.2}{} · other files {:.2} · swap {:.2}  \
         peak {:.0} MB (pages and other files {:.0} MB)  {:.2} ms/product  ({} pages, {} files, photos {}/{} reused)",
        t.load.as_secs_f64(),
        t.catalogue.as_secs_f64(),
        t.photos.as_secs_f64(),
        t.render.as_secs_f64(),
        t.search.as_secs_f64(),
        if summary.search.reused {
            " (reused)"
        } else {
            ""
        },
        t.other_files.as_secs_f64(),
        t.commit.as_secs_f64(),
        // The build resets the peak when pages and the other files start.
        megabytes(t.peak_reading).max(megabytes(peak_memory::peak())),
        megabytes(t.peak_rendering),
        wall * 1000.0 / products as f64,
        summary.pages,
        summary.files,
        summary.photos.reused,
        summary.photos.processed + summary.photos.reused,
    );
    summary
}

/// Moves `path` (if it exists) into `trash`, to be deleted once every
/// figure is taken. Deleting tens of thousands of files returns at once,
/// but on a disk with online discard the deletions go on in the background
/// for tens of seconds and slowed the next build by a third: the figures
/// were the disk's, not the build's.
fn set_aside(path: &Path, trash: &Path) {
    if !path.exists() {
        return;
    }
    std::fs::create_dir_all(trash).expect("trash folder");
    let count = std::fs::read_dir(trash).map_or(0, |d| d.count());
    std::fs::rename(path, trash.join(count.to_string())).expect("set aside");
}

/// Deletes what the rows set aside. ext4 without a journal, as here, does
/// not reuse the inodes of files deleted less than a minute ago (five
/// more while their blocks are not written back): each file created
/// meanwhile skips them one by one, which made a build right after the
/// deletion of 300,000 files spend a second or more of system time in
/// it. The sync starts the minute; the next run should wait it out.
fn empty_trash(trash: &Path) {
    let _ = std::fs::remove_dir_all(trash);
    settle();
}

fn search_bytes(output: &Path) {
    let server = server::Server::start(output);
    let browser = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let status = std::process::Command::new("node")
        .arg(browser.join("run.mjs"))
        .arg("search-weight")
        .env("OCOP_BASE_URL", server.url())
        .env("OCOP_RUN", "bench-search-weight")
        .status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => println!("search weight check failed ({s})"),
        Err(e) => println!(
            "search weight not measured: {e} (needs node and `npm ci --prefix tests/browser`)"
        ),
    }
}

/// Reads a server-sent event stream until an event named `name`.
fn read_event(stream: &mut std::io::BufReader<std::net::TcpStream>, name: &str) {
    use std::io::BufRead;
    let wanted = format!("event: {name}");
    let mut line = String::new();
    loop {
        line.clear();
        let read = stream.read_line(&mut line).expect("event stream");
        assert!(read > 0, "the event stream closed");
        if line.trim_end() == wanted {
            return;
        }
    }
}

/// Milliseconds from `change` to the reload event of a page of the server
/// at `address` opened just before it (it hears of the next build only).
fn reload_after(address: &str, change: impl FnOnce()) -> f64 {
    use std::io::Write;
    let mut stream = std::net::TcpStream::connect(address).expect("connect");
    write!(
        stream,
        "GET {} HTTP/1.1\r\nHost: {address}\r\n\r\n",
        ocop::serve::EVENTS
    )
    .expect("ask for events");
    let mut events = std::io::BufReader::new(stream);
    read_event(&mut events, "hello");
    let saved = Instant::now();
    change();
    read_event(&mut events, "reload");
    saved.elapsed().as_secs_f64() * 1000.0
}

/// `ocop serve` on the catalogue: the time from saving a product file to
/// the reload event the open pages receive, for several edits in a row
/// (each waits until the search index caught up with the one before).
fn serve_edits(root: &Path, trash: &Path) {
    use ocop::serve::{Event, ServeOptions, Server};
    let output = root.join(".ocop-cache/serve");
    set_aside(&output, trash);
    settle();
    let server = Server::bind(ServeOptions {
        root: root.to_path_buf(),
        bind: ocop::serve::DEFAULT_BIND,
        port: 0,
        output: Some(output),
        cache_dir: None,
        lang: ocop::lang::Lang::En,
    })
    .expect("serve");
    let address = server
        .url()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let (indexed, builds) = std::sync::mpsc::channel::<()>();
    let (ready, started) = std::sync::mpsc::channel::<()>();
    let stop = Cancel::new();
    let stop_server = stop.clone();
    let thread = std::thread::spawn(move || {
        let mut report = |event: Event<'_>| match event {
            Event::Built(summary) if !summary.search.stale => {
                let _ = indexed.send(());
            }
            Event::Built(summary) if flag("--verbose") => {
                let t = &summary.timings;
                println!(
                    "  pages first: {:.0} ms (load {:.0} · photos {:.0} · catalogue {:.0} · render {:.0} · write {:.0}; {} of {} pages rendered)",
                    t.total.as_secs_f64() * 1000.0,
                    t.load.as_secs_f64() * 1000.0,
                    t.photos.as_secs_f64() * 1000.0,
                    t.catalogue.as_secs_f64() * 1000.0,
                    t.render.as_secs_f64() * 1000.0,
                    t.commit.as_secs_f64() * 1000.0,
                    summary.rendered,
                    summary.pages,
                );
            }
            Event::Failed(error) => panic!("serve: {error:?}"),
            _ => {}
        };
        let _ = server.run(&stop_server, &mut report, &mut |_| {
            let _ = ready.send(());
        });
    });
    let first = Instant::now();
    started.recv().expect("serve started");
    builds.recv().expect("first build indexed");
    println!(
        "{:<34} {:>6.2} s",
        "serve: first build, indexed",
        first.elapsed().as_secs_f64()
    );
    let files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content/producers"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().parent().is_some_and(|p| p.ends_with("products")))
        .map(|e| e.into_path())
        .collect();
    let mut times = Vec::new();
    let mut indexed_after = Vec::new();
    // A name (cards, listings and the index change) and a description
    // (the product's own page and the index), each edited and put back.
    for (n, file) in files.iter().step_by(files.len() / 3 + 1).enumerate() {
        let text = std::fs::read_to_string(file).expect("read");
        let markdown = file.extension().is_some_and(|e| e == "md");
        let edited = if n % 2 == 1 && markdown {
            format!("{text}\nĐã sửa đổi.\n")
        } else {
            text.replacen("name: ", "name: Mới ", 1)
        };
        for content in [&edited, &text] {
            let saved = Instant::now();
            times.push(reload_after(&address, || {
                std::fs::write(file, content).expect("write");
            }));
            builds.recv().expect("indexed");
            indexed_after.push(saved.elapsed().as_secs_f64());
        }
    }
    // A product added beside the first one, then removed: every listing
    // it is in grows or shrinks, and its producer's pages change.
    let extension = files[0]
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("yaml");
    let added = files[0].with_file_name(format!("ocop-bench-new.{extension}"));
    let new_product =
        std::fs::read_to_string(&files[0])
            .expect("read")
            .replacen("name: ", "name: Mới ", 1);
    let mut come_and_gone = Vec::new();
    for add in [true, false] {
        come_and_gone.push(reload_after(&address, || {
            if add {
                std::fs::write(&added, &new_product).expect("write");
            } else {
                std::fs::remove_file(&added).expect("remove");
            }
        }));
        builds.recv().expect("indexed");
    }
    stop.cancel();
    let _ = thread.join();
    println!(
        "{:<34} added {:.0} ms, removed {:.0} ms",
        "serve: save to reload, a product", come_and_gone[0], come_and_gone[1]
    );
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let shown: Vec<String> = times.iter().map(|t| format!("{t:.0}")).collect();
    let indexed: Vec<String> = indexed_after.iter().map(|t| format!("{t:.1}")).collect();
    println!(
        "{:<34} median {:.0} ms, worst {:.0} ms  (each: {} ms; search index after {} s)",
        "serve: save to reload, one edit",
        sorted[sorted.len() / 2],
        sorted[sorted.len() - 1],
        shown.join(", "),
        indexed.join(", ")
    );
}

fn main() {
    if flag("--list") {
        return;
    }
    let products: usize = arg("--products")
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let producers: usize = arg("--producers")
        .and_then(|v| v.parse().ok())
        .unwrap_or(products / 2);
    let seed: u64 = arg("--seed").and_then(|v| v.parse().ok()).unwrap_or(1);
    let temporary = tempfile::tempdir().expect("temp dir");
    let root: PathBuf = arg("--dir")
        .map(PathBuf::from)
        .unwrap_or_else(|| temporary.path().join("site"));
    if !root.join("content").exists() {
        let started = Instant::now();
        let spec = generate::Spec {
            products,
            producers,
            seed,
            photos: flag("--photos"),
        };
        generate::generate(&root, &spec).expect("generate");
        println!(
            "generated {products} products of {producers} producers in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    println!(
        "machine: {} cores; ocop {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        env!("CARGO_PKG_VERSION")
    );
    let output = root.join("public");
    let cache = root.join(".ocop-cache");
    let options = BuildOptions {
        output: Some(output.clone()),
        ..BuildOptions::new(&root)
    };
    // Left by an earlier run: deleted now, before anything is measured.
    let trash = root.join(".bench-trash");
    if trash.exists() {
        empty_trash(&trash);
        println!("waiting a minute: the disk avoids the inodes of files just deleted");
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
    set_aside(&output, &trash);
    set_aside(&cache, &trash);
    // The site before last, kept by earlier runs for the next build to reuse.
    set_aside(&root.join(".public.ocop-spare"), &trash);
    if flag("--serve-only") {
        serve_edits(&root, &trash);
        empty_trash(&trash);
        return;
    }
    run("first build (nothing cached)", &options, products);
    if flag("--browser-only") {
        search_bytes(&output);
        return;
    }
    // The figure of the issue: photos cached, no previous site, no search
    // index, no memory of rendered pages.
    set_aside(&output, &trash);
    set_aside(&cache.join("search"), &trash);
    set_aside(&cache.join("pages"), &trash);
    run("cold build (photos cached)", &options, products);
    if flag("--cold-only") {
        empty_trash(&trash);
        return;
    }
    run("no-op rebuild", &options, products);
    let forced = BuildOptions {
        force: true,
        ..options.clone()
    };
    run("forced rebuild, nothing changed", &forced, products);
    // One product edited: its name changes, so its pages and the index change.
    let edited = walkdir::WalkDir::new(root.join("content/producers"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| {
            e.path().extension().is_some_and(|x| x == "yaml")
                && e.path().parent().is_some_and(|p| p.ends_with("products"))
        })
        .map(|e| e.into_path())
        .expect("a product file");
    let text = std::fs::read_to_string(&edited).expect("read");
    std::fs::write(&edited, text.replacen("name: ", "name: Mới ", 1)).expect("write");
    run("rebuild after one product edited", &options, products);
    std::fs::write(&edited, text).expect("restore");
    if !flag("--no-serve") {
        serve_edits(&root, &trash);
    }
    if flag("--browser") {
        search_bytes(&output);
    }
    empty_trash(&trash);
}
