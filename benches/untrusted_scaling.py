#!/usr/bin/env python3
"""How `ocop check` scales with hostile YAML (issue 21): deep and wide structure in one
product file of the test site, at 25k, 50k, 100k and 200k units, best of three, minus a
clean check. Linear growth (or none, where the nesting limit refuses the file at once)
is the target. Run after `cargo build --release`:

    python3 benches/untrusted_scaling.py [path/to/ocop]
"""
import shutil, subprocess, time
import sys, tempfile, os
repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ocop = sys.argv[1] if len(sys.argv) > 1 else os.path.join(repo, 'target/release/ocop')
site = os.path.join(tempfile.mkdtemp(), 'site')
def run(extra):
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(os.path.join(repo, 'tests/sites/base/content'), site + '/content')
    f = site + '/content/producers/hai-son/products/banh-pia.yaml'
    open(f, 'a').write(extra)
    best = 1e9
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([ocop, 'check', '--root', site], capture_output=True)
        best = min(best, time.perf_counter() - t)
    return best
base = run('')
print(f'baseline check {base*1000:.0f} ms')
for name, make in [
    ('deep flow [', lambda n: 'standards: ' + '[' * n + '\n'),
    ('deep block - - ', lambda n: 'standards: ' + '- ' * n + 'x\n'),
    ('deep flow {a: ', lambda n: 'standards: ' + '{a: ' * n + '\n'),
    ('wide flow list', lambda n: 'standards: [' + '1,' * n + '1]\n'),
    ('wide block list', lambda n: 'standards:\n' + '  - x\n' * n),
    ('many keys', lambda n: 'x:\n' + ''.join(f'  k{i}: v\n' for i in range(n))),
    ('long quoted', lambda n: 'ingredients: "' + 'a' * n + '"\n'),
]:
    row = []
    for n in [25_000, 50_000, 100_000, 200_000]:
        text = make(n)
        if len(text) > 1_000_000: row.append('  >1MB'); continue
        row.append(f'{(run(text) - base)*1000:6.0f}')
    print(f'{name:18s}', ' '.join(row), 'ms over baseline for n = 25k 50k 100k 200k')
