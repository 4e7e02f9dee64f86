#!/usr/bin/env bash
# Two crt-portal instances on one PostgreSQL behind Debian's nginx
# (round robin: consecutive requests of one person go to different
# instances), as production runs several stateless instances.
#
#   tools/two-instances.sh [SECONDS]
#
# Starts everything on free loopback ports, with a fresh PostgreSQL
# database holding 50 seeded reports and a staff account, then checks:
# 1. the mixed load (`crt-loadtest mixed`: the public form and staff
#    list, searches, detail pages and comments, weights 10/2/2/1/1) from
#    4 clients for SECONDS (default 5) through the proxy, every request of
#    one person on alternating instances: no error; every record number
#    shown on a confirmation page stored exactly once; both instances
#    served; every report's auto-response caught once by the SMTP catcher
#    (both instances' outbox workers send);
# 2. a protected-class code changed with `crt-admin` shows on both
#    instances' staff list within the catalog cache time (60 s);
# 3. `kill -9` of one instance in the middle of the mixed load, and its
#    restart a second later: people carry on (a failed request is made
#    again, as a person would press the button again), every confirmed
#    report is stored exactly once, and no mail is lost: each sent one
#    was caught, and any the killed worker had claimed waits for its
#    lease (5 min) to run out and goes out then;
# 4. with RESTART_POSTGRES=1 (CI sets it; it restarts the machine's
#    cluster with pg_ctlcluster): PostgreSQL restarted in the middle of
#    the mixed load: 503s during the outage but never a 500, both
#    instances healthy within 5 s of the database coming back, every
#    confirmed report stored exactly once.
# Stops everything and drops the database at the end. Needs nginx
# (`apt-get install nginx-light`) and PostgreSQL at 127.0.0.1:5432 (user
# postgres, trust), as on the development machines.
set -euo pipefail
seconds="${1:-5}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. tools/lib.sh
build_debug crt-web crt-admin crt-loadtest

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

"$bin/crt-admin" seed --reports 50 --seed 5 >/dev/null
staff_password="two instances load tester $$"
echo "$staff_password" | "$bin/crt-admin" user create loadtester --staff --password-stdin >/dev/null
export LOAD_TESTER=loadtester LOAD_PASSWORD="$staff_password"

a=$(free_port); b=$(free_port); proxy=$(free_port); smtp=$(free_port)
"$bin/crt-admin" mail catch --listen "127.0.0.1:$smtp" > "$work/mail.log" 2>&1 &
pids+=($!)
declare -A instance_pid
start_instance() {
  # Same SECRET_KEY (ENV=TEST's), so a session or CSRF token made by one
  # instance is good on the other.
  ENV=TEST PORT="$1" TRUSTED_PROXY_NETS=127.0.0.1/32 PUBLIC_SUBMIT_LIMIT=1000000 \
    PUBLIC_DRAFT_LIMIT=1000000 AUTO_RESPONSE_LIMIT=0 EMAIL_HOST=127.0.0.1 EMAIL_PORT="$smtp" \
    RUST_LOG=info "$bin/crt-portal" >> "$work/portal-$1.log" 2>&1 &
  instance_pid[$1]=$!
  pids+=($!)
}
wait_healthy() {
  for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$1/health" >/dev/null 2>&1 && return 0; sleep 0.2; done
  curl -fsS "http://127.0.0.1:$1/health" >/dev/null
}
for port in "$a" "$b"; do start_instance "$port"; done
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
for port in "$a" "$b" "$proxy"; do wait_healthy "$port"; done
echo "instances on :$a and :$b, nginx on :$proxy, database $db"

psql_db() { psql -h 127.0.0.1 -U postgres -d "$db" -tAc "$1"; }
# Reports filed through the form (the seeded ones came by phone, mail and
# the like, and queue no letter).
web_reports() { psql_db "SELECT count(*) FROM report WHERE violation_summary LIKE '%This is a load test.%'"; }
# Checks that every record number in a result file is stored exactly once;
# prints how many there were.
check_confirmed() {
  python3 - "$1" "$db" <<'PY'
import json, subprocess, sys
result = json.load(open(sys.argv[1]))
numbers = result["confirmed"]
if len(set(numbers)) != len(numbers):
    sys.exit("a record number was confirmed twice")
pairs = ",".join("(%d,'%s')" % (int(n.split("-")[0]), n.split("-")[1]) for n in numbers) or "(0,'')"
found = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", sys.argv[2], "-tAc",
    "SELECT count(*) FROM report r JOIN (VALUES %s) v(id, s) ON r.id = v.id AND r.public_id_suffix = v.s" % pairs],
    check=True, capture_output=True, text=True).stdout.strip()
if int(found) != len(numbers):
    sys.exit("%d record numbers confirmed, %s of them stored" % (len(numbers), found))
print(len(numbers))
PY
}
summary() {
  python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for s in r["scenarios"]:
    print("  %-8s %5d ops %7.1f/s  p50 %7.2f ms  p99 %7.2f ms  errors %d  retried %d" % (
        s["scenario"], s["operations"], s["per_second"], s["p50_ms"], s["p99_ms"], s["errors"], s["retried"]))
PY
}

echo "== 1. mixed load through the proxy, ${seconds} s, 4 clients"
"$bin/crt-loadtest" --url "http://127.0.0.1:$proxy" mixed --clients 4 --seconds "$seconds" \
  --json "$work/mixed.json" > "$work/mixed.out" || { cat "$work/mixed.out"; echo "errors under the mixed load" >&2; exit 1; }
summary "$work/mixed.json"
filed=$(check_confirmed "$work/mixed.json")
stored=$(web_reports)
echo "confirmation pages: $filed; reports stored: $stored"
[ "$filed" -gt 0 ] && [ "$filed" -eq "$stored" ] || { echo "lost or doubled reports" >&2; exit 1; }

served() { sed 's/\x1b\[[0-9;]*m//g' "$work/portal-$1.log" | grep -c 'path=/report/' || true; }
served_a=$(served "$a")
served_b=$(served "$b")
echo "form requests served: instance A $served_a, instance B $served_b"
[ "$served_a" -gt 0 ] && [ "$served_b" -gt 0 ] || { echo "one instance served nothing" >&2; exit 1; }

# Every web report has a contact address, so each queued one
# auto-response; both workers send from the one outbox. The catcher prints
# each mail's Message-ID, the outbox row's own.
caught() { grep -c '^---- ' "$work/mail.log" || true; }
unique_caught() { grep '^Message-ID: ' "$work/mail.log" | sort -u | wc -l; }
for _ in $(seq 1 150); do [ "$(caught)" -ge "$stored" ] && break; sleep 0.2; done
sleep 2 # a mail sent twice would arrive by now
mails=$(caught)
echo "auto-responses caught: $mails (one per report: $stored)"
[ "$mails" -eq "$stored" ] && [ "$(unique_caught)" -eq "$stored" ] || { echo "mail lost or sent twice" >&2; exit 1; }

echo "== 2. a catalog change reaches both instances"
jar="$work/staff.jar"
login=$(curl -fsS -c "$jar" -b "$jar" "http://127.0.0.1:$proxy/accounts/login/")
csrf=$(grep -o 'name="csrf_token" value="[^"]*"' <<<"$login" | head -n 1 | sed 's/.*value="//; s/"$//')
curl -fsS -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf_token=$csrf" --data-urlencode "next=/form/view/" \
  --data-urlencode "username=$LOAD_TESTER" --data-urlencode "password=$LOAD_PASSWORD" "http://127.0.0.1:$proxy/accounts/login/"
"$bin/crt-admin" protected-class rename race_color --code RACE2 >/dev/null
changed=$(date +%s)
for port in "$a" "$b"; do
  until curl -fsS -b "$jar" "http://127.0.0.1:$port/form/view/?protected_class=race_color" | grep -q 'RACE2'; do
    [ $(( $(date +%s) - changed )) -le 65 ] || { echo "instance :$port still shows the old code after 65 s" >&2; exit 1; }
    sleep 1
  done
done
echo "the new code is on both instances' lists $(( $(date +%s) - changed )) s after the change (cache: 60 s)"

echo "== 3. kill -9 of instance A during the mixed load, restarted after 1 s"
sent_before=$(psql_db "SELECT count(*) FROM email_outbox WHERE status = 'sent'")
"$bin/crt-loadtest" --url "http://127.0.0.1:$proxy" mixed --clients 4 --seconds $(( seconds + 3 )) --seed 2 \
  --json "$work/kill.json" > "$work/kill.out" 2>&1 &
load=$!
sleep 2
kill -9 "${instance_pid[$a]}"
echo "killed instance A (pid ${instance_pid[$a]})"
sleep 1
start_instance "$a"
wait_healthy "$a"
echo "instance A is back"
wait "$load" || { cat "$work/kill.out"; echo "operations failed even after a retry" >&2; exit 1; }
summary "$work/kill.json"
filed=$(check_confirmed "$work/kill.json")
total=$(web_reports)
echo "confirmation pages: $filed, each stored once; web reports stored in all: $total (phase 1: $stored)"
[ $(( total - stored )) -ge "$filed" ] || { echo "fewer reports stored than confirmed" >&2; exit 1; }
rows=$(psql_db "SELECT count(*) FROM email_outbox")
[ "$rows" -eq "$total" ] || { echo "$total reports but $rows queued auto-responses" >&2; exit 1; }
# Wait until every row is sent or held by the dead worker's lease.
count_mail() {
  sent=$(psql_db "SELECT count(*) FROM email_outbox WHERE status = 'sent'")
  held=$(psql_db "SELECT count(*) FROM email_outbox WHERE status = 'new' AND claimed_at IS NOT NULL AND next_attempt_at > now() + interval '1 minute'")
}
for _ in $(seq 1 150); do
  count_mail
  [ $(( sent + held )) -eq "$rows" ] && [ "$(unique_caught)" -ge "$sent" ] && break
  sleep 0.2
done
sleep 2
count_mail
uniq=$(unique_caught)
echo "auto-responses: $sent recorded sent, $uniq distinct caught ($(caught) deliveries), $held claimed by the killed instance and due again after the lease"
if [ $(( sent + held )) -ne "$rows" ]; then
  echo "mail neither sent nor waiting for its lease:" >&2
  psql_db "SELECT id, status, attempts, interrupted, claimed_at, next_attempt_at, now(), left(coalesce(error_message, ''), 200) FROM email_outbox WHERE status <> 'sent' AND NOT (status = 'new' AND claimed_at IS NOT NULL AND next_attempt_at > now() + interval '1 minute')" >&2
  exit 1
fi
[ "$uniq" -ge "$sent" ] && [ "$uniq" -le $(( sent + held )) ] || { echo "a mail recorded as sent never arrived" >&2; exit 1; }
[ "$(caught)" -eq "$uniq" ] || { echo "a mail was delivered twice" >&2; exit 1; }
# A held mail the killed instance had already handed over (it died
# between the SMTP server's OK and recording it) goes out once more after
# the lease, with the same Message-ID: at-least-once across a crash.
echo "of the held ones, $(( uniq - sent )) had reached the catcher before the kill (they will be sent again, same Message-ID)"
if [ "${RESTART_POSTGRES:-0}" = 1 ]; then
  echo "== 4. PostgreSQL restarted during the mixed load"
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  "$bin/crt-loadtest" --url "http://127.0.0.1:$proxy" mixed --clients 4 --seconds $(( seconds + 4 )) --seed 3 \
    --json "$work/restart.json" > "$work/restart.out" 2>&1 &
  load=$!
  sleep 2
  down=$(date +%s%N)
  pg_ctlcluster --skip-systemctl-redirect "$version" main restart
  up=$(date +%s%N)
  echo "PostgreSQL was restarted in $(( (up - down) / 1000000 )) ms"
  for port in "$a" "$b"; do
    until curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
      [ $(( $(date +%s%N) - up )) -lt 5000000000 ] || { echo "instance :$port not healthy 5 s after the database came back" >&2; exit 1; }
      sleep 0.1
    done
  done
  echo "both instances healthy $(( ($(date +%s%N) - up) / 1000000 )) ms after the database came back"
  wait "$load" || true # operations that met the outage twice are counted, not fatal
  summary "$work/restart.json"
  filed=$(check_confirmed "$work/restart.json")
  echo "confirmation pages: $filed, each stored once"
  answered() { sed 's/\x1b\[[0-9;]*m//g' "$work"/portal-*.log | grep -c "status=$1" || true; }
  echo "answers during the run: $(answered 503) x 503, $(answered 500) x 500"
  if [ "$(answered 500)" -ne 0 ]; then
    echo "a 500 during the database restart; what the instances logged around it:" >&2
    sed 's/\x1b\[[0-9;]*m//g' "$work"/portal-*.log | grep -B3 "status=500" | cut -c1-400 >&2
    exit 1
  fi
fi
echo "two-instance check passed"
