#!/usr/bin/env bash
# Starts crt-portal on a free port with a fresh SQLite file and runs the
# browser test against it. Needs Debian's chromium and `npm ci` done here.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
cargo build -q -p crt-web -p crt-admin --bins
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
data="$(mktemp -d)"
echo "browser test password" | DATABASE_URL="sqlite://$data/browser.sqlite3" "${CARGO_TARGET_DIR:-target}"/debug/crt-admin user create browser --staff --password-stdin >/dev/null
smtp=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${CARGO_TARGET_DIR:-target}"/debug/crt-admin mail catch --listen "127.0.0.1:$smtp" > "$data/mail.log" 2>&1 &
catcher=$!
ENV=TEST PORT="$port" DATABASE_URL="sqlite://$data/browser.sqlite3" EMAIL_HOST=127.0.0.1 EMAIL_PORT="$smtp" \
  "${CARGO_TARGET_DIR:-target}"/debug/crt-portal > "$data/portal.log" 2>&1 &
pid=$!
trap 'kill $pid $catcher 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 50); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.2
done
cd "$here"
BASE_URL="http://127.0.0.1:$port" node run.mjs
# The auto-response and the staff letter reached the SMTP catcher.
for _ in $(seq 1 50); do
  [ "$(grep -c '^---- ' "$data/mail.log" || true)" -ge 2 ] && break
  sleep 0.2
done
caught=$(grep -c '^---- ' "$data/mail.log" || true)
echo "mails caught by the SMTP catcher: $caught"
[ "$caught" -ge 2 ]
