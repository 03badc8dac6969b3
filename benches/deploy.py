#!/usr/bin/env python3
"""`ocop deploy` of the national catalogue to a local SeaweedFS (issue 22).

    python3 benches/deploy.py --site /tmp/n20k-photos [--ocop target/release/ocop]
                              [--build-with OCOP] [--weed .venv/bin/weed] [--workers N]

SITE must hold a built site: SITE/content and SITE/public, e.g.

    cargo bench --bench generate -- --products 20000 --photos --out /tmp/n20k-photos
    target/release/ocop build --root /tmp/n20k-photos

Starts `weed mini` on free loopback ports (data in a temporary folder), then times:
a first deploy into an empty bucket; a deploy with nothing changed; the same without
the local cache (one GET of the manifest); a deploy after each of three edits of one
product, each followed by a rebuild. For each it prints the wall time, what ocop said, and the S3
requests the server counted (SeaweedFS_s3_request_total, HEAD counted as GET).
Prints a Markdown table for BENCHMARKS.md at the end.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ACCESS, SECRET = "ocopbench", "benchsecret"


def free_pair(taken):
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port in taken or port + 10000 > 65535:
            continue
        try:
            with socket.socket() as s:
                s.bind(("127.0.0.1", port + 10000))
        except OSError:
            continue
        taken.add(port)
        return port


def start_weed(weed, data):
    taken = set()
    ports = {name: free_pair(taken) for name in ["master", "volume", "filer", "s3", "admin"]}
    metrics = free_pair(taken)
    config = os.path.join(data, "s3.json")
    with open(config, "w") as f:
        f.write(
            '{"identities":[{"name":"ocop","credentials":[{"accessKey":"%s","secretKey":"%s"}],'
            '"actions":["Admin","Read","List","Tagging","Write"]}]}' % (ACCESS, SECRET)
        )
    os.makedirs(os.path.join(data, "d"))
    args = [weed, "mini", "-dir=" + os.path.join(data, "d"), "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1", "-master.telemetry=false", "-webdav=false",
            "-admin.ui=false", "-s3.port.iceberg=0", "-s3.port.lance=0",
            "-s3.config=" + config, "-metricsPort=%d" % metrics]
    for name, port in ports.items():
        args += ["-%s.port=%d" % (name, port), "-%s.port.grpc=%d" % (name, port + 10000)]
    log = open(os.path.join(data, "log"), "w")
    proc = subprocess.Popen(args, stdout=log, stderr=log, start_new_session=True)
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen("http://127.0.0.1:%d/buckets/" % ports["filer"], timeout=1)
            socket.create_connection(("127.0.0.1", ports["s3"]), timeout=1).close()
            break
        except Exception:
            if time.time() > deadline:
                sys.exit("weed did not start; see " + data)
            time.sleep(0.2)
    req = urllib.request.Request("http://127.0.0.1:%d/buckets/bench/" % ports["filer"], method="POST")
    urllib.request.urlopen(req)
    return proc, ports, metrics


def requests(metrics):
    text = urllib.request.urlopen("http://127.0.0.1:%d/metrics" % metrics).read().decode()
    counts = {}
    for m in re.finditer(r'^SeaweedFS_s3_request_total\{([^}]*)\} (\S+)', text, re.M):
        labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        if labels.get("bucket") == "bench":
            kind = labels.get("type", "?")
            counts[kind] = counts.get(kind, 0) + int(float(m.group(2)))
    return counts


def diff(after, before):
    return {k: v - before.get(k, 0) for k, v in after.items() if v - before.get(k, 0)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", required=True)
    parser.add_argument("--ocop", default="target/release/ocop")
    parser.add_argument("--build-with", help="the ocop that rebuilds after the edit [default: --ocop]")
    parser.add_argument("--weed", default=".venv/bin/weed")
    parser.add_argument("--workers", type=int)
    args = parser.parse_args()
    site = os.path.abspath(args.site)
    output = os.path.join(site, "public")
    if not os.path.isfile(os.path.join(output, ".ocop-build")):
        sys.exit("build the site first: %s build --root %s" % (args.ocop, site))
    files = sizes = 0
    for folder, _, names in os.walk(output):
        for name in names:
            if not name.startswith(".ocop"):
                files += 1
                sizes += os.path.getsize(os.path.join(folder, name))
    print("site: %d files, %.1f MB" % (files, sizes / 1e6))
    data = tempfile.mkdtemp(prefix="ocop-deploy-bench-")
    proc, ports, metrics = start_weed(args.weed, data)
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID=ACCESS, AWS_SECRET_ACCESS_KEY=SECRET,
               AWS_ENDPOINT_URL="http://127.0.0.1:%d" % ports["s3"])
    cache = os.path.join(data, "cache")
    rows = []

    def deploy(label, extra=()):
        before = requests(metrics)
        cmd = [args.ocop, "--lang", "en", "deploy", "--root", site, "--to", "s3://bench",
               "--cache-dir", cache] + list(extra)
        if args.workers:
            cmd += ["--workers", str(args.workers)]
        started = time.time()
        done = subprocess.run(cmd, env=env, capture_output=True, text=True)
        elapsed = time.time() - started
        if done.returncode != 0:
            sys.exit("%s failed:\n%s%s" % (label, done.stdout, done.stderr))
        counted = diff(requests(metrics), before)
        line = done.stdout.strip().splitlines()[-1]
        print("%-32s %7.2f s  %s  requests %s" % (label, elapsed, line, counted))
        rows.append((label, elapsed, line, counted))
        return elapsed, line

    try:
        elapsed, line = deploy("first deploy")
        uploaded = re.search(r": (\d+) uploaded \(([\d.]+) MB\)", line)
        if uploaded:
            n, mb = int(uploaded.group(1)), float(uploaded.group(2))
            print("  first deploy: %.0f files/s, %.1f MB/s (stored bytes, gzip included)"
                  % (n / elapsed, mb / elapsed))
        deploy("nothing changed")
        shutil.rmtree(os.path.join(cache, "deploy"))
        deploy("nothing changed, no local cache")
        deploy("nothing changed")
        products = os.path.join(site, "content", "producers")
        producer = sorted(os.listdir(products))[0]
        folder = os.path.join(products, producer, "products")
        product = os.path.join(folder, sorted(os.listdir(folder))[0])
        with open(product, encoding="utf-8") as f:
            original = f.read()
        # Three edits, each built then deployed: the first build after the
        # one deployed fills a fresh folder (every page has a new inode);
        # later builds refill the folder swapped out two builds before, the
        # steady state of an office that builds and deploys each change.
        try:
            for n in range(1, 4):
                edited = re.sub(r"^(name|title): (.*)$", r"\1: \2 (sửa %d)" % n, original,
                                count=1, flags=re.M)
                with open(product, "w", encoding="utf-8") as f:
                    f.write(edited)
                started = time.time()
                subprocess.run([args.build_with or args.ocop, "build", "--root", site],
                               check=True, capture_output=True)
                print("  rebuild after edit %d: %.2f s (not part of the deploy)"
                      % (n, time.time() - started))
                deploy("one product edited (edit %d)" % n)
        finally:
            with open(product, "w", encoding="utf-8") as f:
                f.write(original)
        print("\n| deploy | wall time | ocop's summary | S3 requests counted by the server |")
        print("|---|---|---|---|")
        for label, elapsed, line, counted in rows:
            shown = ", ".join("%s %d" % kv for kv in sorted(counted.items())) or "none"
            print("| %s | %.2f s | %s | %s |" % (label, elapsed, line, shown))
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
