#!/usr/bin/env python3
"""`ocop build` against Hugo on the same catalogue, in one sitting (issue 24).

    cargo bench --bench generate -- --products 20000 --out /tmp/n20k --hugo /tmp/h20k
    python3 benches/versus_hugo.py --site /tmp/n20k --hugo-site /tmp/h20k \\
        [--ocop target/release/ocop ...] [--hugo hugo] [--runs 4] [--pause 20] [--work DIR]
        [--ocop-only]

`--ocop` may be given more than once, to compare two builds of ocop in the same sitting
(each is named by its file name in the table).

Runs ocop and Hugo alternately, RUNS times each, every build into a fresh output
folder and (for ocop) a fresh cache, so each is a cold build: ocop's with its search
index, Hugo's without one (it has none). Before each build it syncs the disk and waits
PAUSE seconds outside the timing (ext4 here is slow to create files right after many were
deleted, and the kernel's writeback of one build must not land in the next). The outputs
are kept until the end, then deleted.

For each build: wall time, CPU (user + sys, from wait4), peak resident memory
(ru_maxrss) and the files and HTML pages written. Prints the medians and Hugo's median
wall time over ocop's, and a Markdown table for BENCHMARKS.md.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def count_files(folder):
    files = pages = 0
    for _, _, names in os.walk(folder):
        files += len(names)
        pages += sum(1 for name in names if name.endswith(".html"))
    return files, pages


def timed(command, output):
    """Runs `command`; returns wall, user, sys, peak MB, files, pages."""
    started = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode(errors="replace")
    child.stderr.close()
    if child.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({child.returncode}):\n{errors}")
    files, pages = count_files(output)
    return {
        "wall": wall,
        "user": usage.ru_utime,
        "sys": usage.ru_stime,
        "peak": usage.ru_maxrss / 1024,
        "files": files,
        "pages": pages,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", required=True, help="ocop site (SITE/content)")
    parser.add_argument("--hugo-site", help="the same catalogue in Hugo's form (unless --ocop-only)")
    parser.add_argument("--ocop", action="append", help="default: target/release/ocop")
    parser.add_argument("--hugo", default="hugo")
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--pause", type=float, default=20.0)
    parser.add_argument("--work", help="where the outputs go (default: a new folder in /tmp)")
    parser.add_argument("--ocop-only", action="store_true", help="no Hugo runs")
    args = parser.parse_args()

    if args.runs < 1:
        sys.exit("--runs must be at least 1")
    binaries = args.ocop or ["target/release/ocop"]
    for binary in binaries:
        if not os.access(binary, os.X_OK):
            sys.exit(f"{binary} is not an executable: cargo build --release --bin ocop")
    sites = [(args.site, "content")]
    if not args.ocop_only:
        sites.append((args.hugo_site or "(no --hugo-site)", "config.yaml"))
    for site, form in sites:
        if not os.path.exists(os.path.join(site, form)):
            sys.exit(f"{site} has no {form}: cargo bench --bench generate -- --out SITE --hugo HUGO_SITE")
    names = [os.path.basename(b) if len(binaries) > 1 else "ocop" for b in binaries]
    if len(set(names)) != len(names):
        sys.exit("give the ocop binaries different file names")
    ocops = dict(zip(names, binaries))
    if args.ocop_only:
        version = "no Hugo runs"
    elif shutil.which(args.hugo) is None:
        sys.exit(f"{args.hugo} not found: install Debian's hugo package, or pass --ocop-only")
    else:
        version = subprocess.run([args.hugo, "version"], capture_output=True,
                                 text=True).stdout.strip()
    work = args.work or tempfile.mkdtemp(prefix="versus-hugo-")
    os.makedirs(work, exist_ok=True)
    tools = names if args.ocop_only else names + ["hugo"]
    results = {tool: [] for tool in tools}
    print(f"ocop: {', '.join(binaries)}; {version}; outputs in {work}", flush=True)
    try:
        for run in range(args.runs):
            # Alternate which tool goes first, so that neither always follows the other.
            order = tools if run % 2 == 0 else list(reversed(tools))
            for tool in order:
                output = os.path.join(work, f"{tool}-{run}", "public")
                cache = os.path.join(work, f"{tool}-{run}", "cache")
                if tool in ocops:
                    command = [ocops[tool], "build", "--root", args.site, "--output", output,
                               "--cache-dir", cache]
                else:
                    command = [args.hugo, "--source", args.hugo_site, "--destination", output,
                               "--cacheDir", cache, "--quiet"]
                subprocess.run(["sync"], check=True)
                time.sleep(args.pause)
                result = timed(command, output)
                results[tool].append(result)
                print(f"run {run + 1} {tool:12}: {result['wall']:6.2f} s wall, "
                      f"{result['user']:6.2f} user + {result['sys']:5.2f} sys, "
                      f"peak {result['peak']:6.0f} MB, {result['files']} files, "
                      f"{result['pages']} pages", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    medians = {}
    print("\n| tool | wall | CPU (user + sys) | sys | peak memory | files | pages |")
    print("|---|---|---|---|---|---|---|")
    for tool in tools:
        rows = results[tool]
        median = {key: statistics.median(row[key] for row in rows)
                  for key in ["wall", "user", "sys", "peak"]}
        medians[tool] = median
        walls = ", ".join(f"{row['wall']:.2f}" for row in rows)
        print(f"| {tool} | **{median['wall']:.2f} s** ({walls}) | "
              f"{median['user'] + median['sys']:.1f} s | {median['sys']:.1f} s | "
              f"{median['peak']:,.0f} MB | {rows[0]['files']:,} | {rows[0]['pages']:,} |")
    if "hugo" in medians:
        for name in names:
            print(f"Hugo / {name}, median wall: {medians['hugo']['wall'] / medians[name]['wall']:.2f}×")


if __name__ == "__main__":
    main()
