#!/usr/bin/env bash
# SQLite's disk full, for real: the portal's database on a small tmpfs,
# filled to the last byte while people are on the form.
#
#   tools/disk-full.sh
#
# Checks that a form step that cannot be saved answers 503 with what the
# person typed still in the page (never a 500), that the database file is
# intact afterwards (`PRAGMA integrity_check`), and that once space is
# freed the same person's next press saves the step. Needs root (it
# mounts a tmpfs), as on the CI machines.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. tools/lib.sh
build_debug crt-web crt-admin
port=$(free_port)
work="$(mktemp -d)"
disk="$work/disk"
mkdir -p "$disk"
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  sleep 0.3
  umount "$disk" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mount -t tmpfs -o size=8m tmpfs "$disk"
export DATABASE_URL="sqlite://$disk/crt.sqlite3"
"$bin/crt-admin" migrate >/dev/null
ENV=TEST PORT="$port" PUBLIC_SUBMIT_LIMIT=0 PUBLIC_DRAFT_LIMIT=0 EMAIL_WORKER=off RUST_LOG=warn \
  "$bin/crt-portal" > "$work/portal.log" 2>&1 &
pid=$!
for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
base="http://127.0.0.1:$port"

# Fill the disk, leaving nothing.
dd if=/dev/zero of="$disk/filler" bs=64k status=none 2>/dev/null || true
echo "disk: $(df -h --output=avail "$disk" | tail -n 1 | tr -d ' ') left"

# New people start the form until a first step cannot be saved (the
# database may still have free pages for a few).
status=""
for i in $(seq 1 500); do
  jar="$work/jar-$i"
  page=$(curl -fsS -c "$jar" -b "$jar" "$base/report/")
  csrf=$(grep -o 'name="csrf_token" value="[^"]*"' <<<"$page" | head -n 1 | sed 's/.*value="//; s/"$//')
  name="Fullname$i"
  status=$(curl -sS -c "$jar" -b "$jar" -o "$work/answer.html" -w '%{http_code}' \
    --data-urlencode "csrf_token=$csrf" -d step=contact -d action=next -d servicemember=no \
    --data-urlencode "contact_first_name=$name" --data-urlencode "contact_email=full$i@example.org" \
    "$base/report/")
  [ "$status" = 303 ] || break
done
echo "person $i: the first step answered $status"
[ "$status" = 503 ] || { echo "expected 503 when the disk is full, got $status" >&2; exit 1; }
grep -q "We could not save this page just now" "$work/answer.html" || { echo "no notice on the page" >&2; exit 1; }
grep -q "value=\"$name\"" "$work/answer.html" || { echo "the typed name is not in the page" >&2; exit 1; }
grep -q "value=\"full$i@example.org\"" "$work/answer.html" || { echo "the typed e-mail is not in the page" >&2; exit 1; }
grep -q 'the database is out of reach' "$work/portal.log" || { echo "no warning in the log" >&2; exit 1; }
if grep -q ' ERROR ' "$work/portal.log"; then echo "an ERROR was logged:" >&2; grep ' ERROR ' "$work/portal.log" >&2; exit 1; fi
echo "503 with the typed answers kept in the page"

# Space again: the database is intact and the same person carries on.
rm -f "$disk/filler"
check=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])" "$disk/crt.sqlite3")
echo "integrity_check: $check"
[ "$check" = ok ] || exit 1
csrf=$(grep -o 'name="csrf_token" value="[^"]*"' "$work/answer.html" | head -n 1 | sed 's/.*value="//; s/"$//')
again=$(curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' \
  --data-urlencode "csrf_token=$csrf" -d step=contact -d action=next -d servicemember=no \
  --data-urlencode "contact_first_name=$name" --data-urlencode "contact_email=full$i@example.org" \
  "$base/report/")
[ "$again" = 303 ] || { echo "after freeing space the step answered $again" >&2; exit 1; }
next=$(curl -fsS -c "$jar" -b "$jar" "$base/report/")
grep -q 'name="step" value="primary-concern"' <<<"$next" || { echo "the draft did not move on" >&2; exit 1; }
echo "disk-full check passed"
