#!/usr/bin/env bash
# Measures `crt-admin notifications send` for 1,000 staff and 5,000 saved
# searches (docs/benchmarks.md). Run on a database already seeded with
# `crt-admin seed --reports 100000 --seed 7`:
#
#   DATABASE_URL=sqlite://data/bench.sqlite3 tools/bench-notifications.sh
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/crt_bench tools/bench-notifications.sh
#
# It adds 1,000 staff (with addresses), 5,000 saved searches shared with
# their owner's section, each with its owner's digest (a quarter each as
# they come in, daily, weekly, over 50) starting 500 reports back, and
# 2,000 assignments to announce; then runs the pass twice (the second finds nothing new), once after 20 new
# reports, and once more as two passes at the same time, which must queue
# nothing twice.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to a seeded database}"
bin=${BIN:-target/release}
sql() {
  case "$DATABASE_URL" in
    sqlite://*) f=${DATABASE_URL#sqlite://}; sqlite3 "${f%%\?*}" "$1" ;;
    postgres://*) psql -q -X -v ON_ERROR_STOP=1 -tA "$DATABASE_URL" -c "$1" ;;
  esac
}
section="CASE i % 4 WHEN 0 THEN 'VOT' WHEN 1 THEN 'CRM' WHEN 2 THEN 'HCE' ELSE 'EOS' END"
sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO app_user (username, email, display_name, is_active, portal_access, section, groups, created_at, emergency_local, notify_assigned)
SELECT 'staff' || i, 'staff' || i || '@example.gov', 'Staff ' || i, true, true, $section, '',
  (SELECT MAX(create_date) FROM report), false, true FROM n"
sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO saved_search (code, name, owner, shared_with, query, created_at, action_last_report_id)
SELECT 'bench' || i, 'Bench search ' || i, 'staff' || ((i - 1) % 1000 + 1),
  CASE ((i - 1) % 1000 + 1) % 4 WHEN 0 THEN 'VOT' WHEN 1 THEN 'CRM' WHEN 2 THEN 'HCE' ELSE 'EOS' END,
  CASE i % 5 WHEN 0 THEN 'assigned_section=VOT&status=new' WHEN 1 THEN 'assigned_section=CRM'
    WHEN 2 THEN 'status=new&primary_complaint=housing' WHEN 3 THEN 'location_state=CA'
    ELSE 'assigned_section=HCE&status=open' END,
  (SELECT MAX(create_date) FROM report), 0 FROM n"
sql "INSERT INTO notification_subscription (search_id, username, frequency, threshold, last_report_id, created_at)
SELECT id, owner, CASE id % 4 WHEN 0 THEN 'immediately' WHEN 1 THEN 'daily' WHEN 2 THEN 'weekly' ELSE 'over' END,
  CASE id % 4 WHEN 3 THEN 50 ELSE NULL END, (SELECT MAX(id) FROM report) - 500, created_at
FROM saved_search WHERE code LIKE 'bench%'"
sql "DELETE FROM notification_cursor"
sql "INSERT INTO notification_cursor (name, position) SELECT 'assigned', COALESCE(MAX(id), 0) FROM activity"
sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO activity (report_id, actor, verb, old_value, new_value, created_at)
SELECT i, 'bench', 'Assigned to:', NULL, 'staff' || (i % 1000 + 1), (SELECT MIN(create_date) FROM report) FROM n"
before=$(sql "SELECT COUNT(*) FROM email_outbox")
echo "== first pass"
/usr/bin/time -f "%e s wall, %M KB peak RSS" "$bin/crt-admin" notifications send
echo "== second pass (nothing new)"
/usr/bin/time -f "%e s wall, %M KB peak RSS" "$bin/crt-admin" notifications send
echo "== 20 new reports (a minute's worth on a busy day): every digest counts them"
"$bin/crt-admin" seed --reports 20 --seed 8 >/dev/null 2>&1
/usr/bin/time -f "%e s wall, %M KB peak RSS" "$bin/crt-admin" notifications send
queued=$(( $(sql "SELECT COUNT(*) FROM email_outbox") - before ))
echo "notices queued: $queued"
echo "== 500 more assignments, two passes at once"
sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
INSERT INTO activity (report_id, actor, verb, old_value, new_value, created_at)
SELECT i, 'bench', 'Assigned to:', NULL, 'staff' || (i % 1000 + 1), (SELECT MIN(create_date) FROM report) FROM n"
"$bin/crt-admin" notifications send & "$bin/crt-admin" notifications send; wait
after=$(( $(sql "SELECT COUNT(*) FROM email_outbox") - before ))
echo "notices queued in all: $after (expected $queued + 500)"
[ "$after" -eq $(( queued + 500 )) ] || { echo "a notice was queued twice or lost" >&2; exit 1; }
