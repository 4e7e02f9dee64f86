#!/usr/bin/env bash
# Two crt-portal instances on one PostgreSQL behind Debian's nginx
# (round robin: consecutive requests of one person go to different
# instances), as production runs several stateless instances.
#
#   tools/two-instances.sh [SECONDS]
#
# Starts everything on free loopback ports, with a fresh PostgreSQL
# database, then checks:
# - complete reports filed through the proxy by 4 clients for SECONDS
#   (default 5), every step of each report on alternating instances: no
#   error, and exactly as many reports stored as confirmation pages seen;
# - both instances served requests;
# - every report's auto-response reached the SMTP catcher exactly once,
#   though both instances' outbox workers send.
# Stops everything and drops the database at the end. Needs nginx
# (`apt-get install nginx-light`) and PostgreSQL at 127.0.0.1:5432 (user
# postgres, trust), as on the development machines.
set -euo pipefail
seconds="${1:-5}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cargo build -q -p crt-web -p crt-admin -p crt-loadtest --bins
case "${CARGO_TARGET_DIR:-target}" in
  /*) bin="$CARGO_TARGET_DIR/debug" ;;
  *) bin="$root/${CARGO_TARGET_DIR:-target}/debug" ;;
esac
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

work="$(mktemp -d)"
db="crt_two_$(date +%s)_$$"
pids=()
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS \"$db\"" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE \"$db\""
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db"
"$bin/crt-admin" migrate >/dev/null

a=$(free_port); b=$(free_port); proxy=$(free_port); smtp=$(free_port)
"$bin/crt-admin" mail catch --listen "127.0.0.1:$smtp" > "$work/mail.log" 2>&1 &
pids+=($!)
for port in "$a" "$b"; do
  # Same SECRET_KEY (ENV=TEST's), so a session or CSRF token made by one
  # instance is good on the other.
  ENV=TEST PORT="$port" TRUSTED_PROXY_NETS=127.0.0.1/32 PUBLIC_SUBMIT_LIMIT=1000000 \
    PUBLIC_DRAFT_LIMIT=1000000 AUTO_RESPONSE_LIMIT=0 EMAIL_HOST=127.0.0.1 EMAIL_PORT="$smtp" \
    RUST_LOG=info "$bin/crt-portal" > "$work/portal-$port.log" 2>&1 &
  pids+=($!)
done
cat > "$work/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  upstream crt { server 127.0.0.1:$a; server 127.0.0.1:$b; keepalive 16; }
  server {
    listen 127.0.0.1:$proxy;
    location / {
      proxy_pass http://crt;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
}
EOF
mkdir -p "$work/nginx"
nginx -c "$work/nginx.conf" -p "$work/nginx"
for port in "$a" "$b" "$proxy"; do
  for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null
done
echo "instances on :$a and :$b, nginx on :$proxy, database $db"

out=$("$bin/crt-loadtest" --url "http://127.0.0.1:$proxy" submit --clients 4 --seconds "$seconds")
echo "$out"
filed=$(sed -E 's/^complete reports with [0-9]+ client\(s\): ([0-9]+) in .*/\1/' <<<"$out")
stored=$(psql -h 127.0.0.1 -U postgres -d "$db" -tAc "SELECT count(*) FROM report")
echo "confirmation pages: $filed; reports stored: $stored"
[ "$filed" -gt 0 ] && [ "$filed" -eq "$stored" ] || { echo "lost or doubled reports" >&2; exit 1; }

served() { sed 's/\x1b\[[0-9;]*m//g' "$work/portal-$1.log" | grep -c 'path=/report/' || true; }
served_a=$(served "$a")
served_b=$(served "$b")
echo "form requests served: instance A $served_a, instance B $served_b"
[ "$served_a" -gt 0 ] && [ "$served_b" -gt 0 ] || { echo "one instance served nothing" >&2; exit 1; }

# Every report has a contact address, so each queued one auto-response;
# both workers send from the one outbox.
caught() { grep -c '^---- ' "$work/mail.log" || true; }
for _ in $(seq 1 150); do [ "$(caught)" -ge "$stored" ] && break; sleep 0.2; done
sleep 2 # a mail sent twice would arrive by now
mails=$(caught)
echo "auto-responses caught: $mails (one per report: $stored)"
[ "$mails" -eq "$stored" ] || { echo "mail lost or sent twice" >&2; exit 1; }
echo "two-instance check passed"
