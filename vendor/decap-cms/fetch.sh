#!/bin/sh
# Re-fetches the pinned Decap CMS bundle from npm, checks the package's
# integrity and the bundle's sha256 against SOURCE.md, and writes
# decap-cms.js.gz and decap-cms.js.LICENSE.txt next to this script.
# Needs npm, tar, gzip, sha256sum. Run from anywhere.
set -eu
VERSION=3.16.3
INTEGRITY='sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw=='
SHA256=7c1efd6b616b4786e279aeef194dd21649a72058d3bc8d1f78901b574610dfb8
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack "decap-cms@$VERSION" --json > pack.json
grep -q "\"integrity\": \"$INTEGRITY\"" pack.json || { echo "npm integrity differs from $INTEGRITY" >&2; exit 1; }
tar xzf "decap-cms-$VERSION.tgz"
echo "$SHA256  package/dist/decap-cms.js" | sha256sum -c -
gzip -9 -n -c package/dist/decap-cms.js > "$here/decap-cms.js.gz"
cp package/dist/decap-cms.js.LICENSE.txt "$here/"
echo "decap-cms $VERSION written to $here"
