#!/usr/bin/env bash
# Vendors the U.S. Web Design System's built assets into static/uswds/.
# Reproducible: installs the pinned version from npm into a scratch
# directory and copies only what the CSS and our templates reference.
# Usage: tools/update-uswds.sh [VERSION]   (default: the pinned one below)
set -euo pipefail
version="${1:-3.14.0}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/static/uswds"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

(cd "$scratch" && npm init -y >/dev/null && npm install --no-audit --no-fund "@uswds/uswds@$version" >/dev/null)
dist="$scratch/node_modules/@uswds/uswds/dist"

rm -rf "$dest"
mkdir -p "$dest/css" "$dest/js"
cp "$dist/css/uswds.min.css" "$dest/css/"
cp "$dist/js/uswds.min.js" "$dist/js/uswds-init.min.js" "$dest/js/"
cp "$scratch/node_modules/@uswds/uswds/LICENSE.md" "$dest/LICENSE.md"

# Every font and image the stylesheet points at.
grep -o 'url(\.\./[^)]*)' "$dist/css/uswds.min.css" | sed 's/^url(\.\.\///; s/)$//' | sort -u |
while read -r rel; do
  mkdir -p "$dest/$(dirname "$rel")"
  cp "$dist/$rel" "$dest/$rel"
done
# Images the templates use directly (the banner).
mkdir -p "$dest/img"
for f in us_flag_small.png icon-dot-gov.svg icon-https.svg; do cp "$dist/img/$f" "$dest/img/"; done

echo "$version" > "$dest/VERSION"
du -sh "$dest"
