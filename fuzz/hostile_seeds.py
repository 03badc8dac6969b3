#!/usr/bin/env python3
"""Writes seeds of the shapes hostile content takes (deep nesting, wide flow
lists, many keys, long scalars) into fuzz/corpus/content/, as hostile-*
files that git ignores: large test data is generated, not committed.

    python3 fuzz/hostile_seeds.py
    cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run content -- -max_len=300000

The first byte of a seed selects product or producer, YAML or Markdown
(see fuzz_targets/content.rs).
"""
from pathlib import Path

PRODUCT_YAML, PRODUCT_MD, PRODUCER_YAML = b"\x00", b"\x01", b"\x02"
BASE = "name: Mật ong rừng\ncategory: mat-ong\nstars: 4\n"

SEEDS = {
    "deep-brackets": PRODUCT_YAML + (BASE + "photos: " + "[" * 100_000 + "\n").encode(),
    "deep-braces": PRODUCER_YAML + (BASE + "address: " + "{a: " * 20_000 + "\n").encode(),
    "deep-block": PRODUCT_YAML + (BASE + "x:\n" + "".join("  " * i + "- \n" for i in range(300))).encode(),
    "wide-flow": PRODUCT_YAML + (BASE + "photos: [" + ", ".join(str(i) for i in range(25_000)) + "]\n").encode(),
    "many-keys": PRODUCER_YAML + ("name: HTX\n" + "".join(f"k{i}: {i}\n" for i in range(20_000))).encode(),
    "long-scalar-md": PRODUCT_MD + ("---\n" + BASE + "---\n" + "a" * 200_000 + "\n").encode(),
    "many-lines-cr": PRODUCT_YAML + (BASE + "description: |\n" + "  x\r" * 50_000).encode(),
}

corpus = Path(__file__).resolve().parent / "corpus" / "content"
corpus.mkdir(parents=True, exist_ok=True)
for name, data in SEEDS.items():
    (corpus / f"hostile-{name}").write_bytes(data)
    print(f"hostile-{name}: {len(data):,} bytes")
