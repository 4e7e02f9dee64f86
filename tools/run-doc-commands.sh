#!/usr/bin/env bash
# Runs the shell blocks of docs/*.md that are marked as runnable, so the
# operators' pages show commands that really work. A block is marked by the
# line `<!-- runs in CI -->` just before its ```sh fence. Each page gets a
# fresh SQLite database (DATABASE_URL) and an empty working directory; its
# blocks run in order with `set -euo pipefail`, `crt-admin` and `crt-portal`
# on the PATH, and
# `cargo run -p crt-admin --` read as `crt-admin`. Called by .ci/run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cargo build -q -p crt-admin -p crt-web --bins
bin="$(cd "${CARGO_TARGET_DIR:-target}/debug" && pwd)"
work="$(mktemp -d)"
# A page may start crt-portal in the background and write its pid to a
# `*.pid` file in its directory: it is stopped when the run ends.
stop_servers() {
  for f in "$work"/*/*.pid; do
    [ -e "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap stop_servers EXIT
mkdir -p "$work/bin"
ln -s "$bin/crt-admin" "$work/bin/crt-admin"
ln -s "$bin/crt-portal" "$work/bin/crt-portal"

total=0
for page in docs/*.md; do
  blocks=$(python3 - "$page" <<'PY'
import sys, json
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
blocks, i = [], 0
while i < len(lines):
    if lines[i].strip() == "<!-- runs in CI -->" and not (i + 1 < len(lines) and lines[i + 1].strip() == "```sh"):
        sys.exit(f"{sys.argv[1]}:{i + 1}: a runs-in-CI marker must be followed directly by a ```sh fence")
    if lines[i].strip() == "<!-- runs in CI -->":
        j = i + 2
        body = []
        while j < len(lines) and not lines[j].strip().startswith("```"):
            body.append(lines[j])
            j += 1
        blocks.append({"line": i + 2, "body": "\n".join(body)})
        i = j
    i += 1
print(json.dumps(blocks))
PY
)
  count=$(python3 -c 'import json,sys; print(len(json.loads(sys.argv[1])))' "$blocks")
  [ "$count" -eq 0 ] && continue
  dir="$work/$(basename "$page" .md)"
  mkdir -p "$dir"
  for n in $(seq 0 $((count - 1))); do
    line=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])[int(sys.argv[2])]["line"])' "$blocks" "$n")
    python3 -c 'import json,sys; print(json.loads(sys.argv[1])[int(sys.argv[2])]["body"].replace("cargo run -p crt-admin --", "crt-admin"))' "$blocks" "$n" > "$dir/block-$n.sh"
    if (cd "$dir" && env -u TEST_DATABASE_URL PATH="$work/bin:$PATH" DATABASE_URL="sqlite://$dir/docs.sqlite3" \
          USER=docs-check bash -euo pipefail "$dir/block-$n.sh" > "$dir/block-$n.log" 2>&1); then
      echo "ok    $page:$line"
    else
      echo "FAIL  $page:$line" >&2
      sed 's/^/      /' "$dir/block-$n.log" >&2
      exit 1
    fi
    total=$((total + 1))
  done
done
echo "$total documented command block(s) ran"
[ "$total" -gt 0 ]
