#!/usr/bin/env bash
# Runs schemathesis (from PyPI) against a live crt-portal with a staff API
# token, over every operation of /api/openapi.json: no server errors, no
# response that breaks the document. Called by .ci/run; runs locally too
# (pip install schemathesis). MAX_EXAMPLES sets the examples per operation.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. tools/lib.sh
build_debug crt-web crt-admin
port=$(free_port)
data="$(mktemp -d)"
export DATABASE_URL="sqlite://$data/api.sqlite3"
echo "schemathesis password" | "$bin"/crt-admin user create fuzzer --staff --password-stdin >/dev/null
token=$("$bin"/crt-admin token create fuzzer --name schemathesis | tail -n 1)
ENV=TEST PORT="$port" PUBLIC_SUBMIT_LIMIT=0 PUBLIC_DRAFT_LIMIT=0 AUTO_RESPONSE_LIMIT=0 \
  "$bin"/crt-portal > "$data/portal.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 50); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.2
done
base="http://127.0.0.1:$port"
# A few reports for the operations that read one.
for concern in housing voting workplace; do
  curl -fsS -o "$data/filed.json" -X POST "$base/api/reports" -H "Authorization: Bearer $token" \
    -H 'content-type: application/json' \
    -d "{\"servicemember\":\"no\",\"primary_complaint\":\"$concern\",\"public_or_private_employer\":\"not_sure\",\"employer_size\":\"not_sure\",\"location_name\":\"Hall\",\"location_city_town\":\"Reno\",\"location_state\":\"NV\",\"protected_class\":[\"age\"],\"last_incident_month\":1,\"last_incident_year\":2026,\"violation_summary\":\"Seeded for schemathesis.\",\"intake_format\":\"letter\",\"received_date\":\"2026-01-05\"}"
done
# The operations on one report get a real record number (the last filed).
public_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["public_id"])' "$data/filed.json")
printf '[parameters]\n"path.public_id" = "%s"\n' "$public_id" > "$data/schemathesis.toml"
status=0
# (Run from the scratch directory: schemathesis keeps a cache where it runs.)
cd "$data"
st --config-file "$data/schemathesis.toml" run "$base/api/openapi.json" \
  -H "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance,negative_data_rejection,unsupported_method \
  --max-examples "${MAX_EXAMPLES:-40}" \
  --workers 2 \
  --seed 1 || status=$?
if grep -q 'panicked' "$data/portal.log"; then
  echo "the server panicked:" >&2
  grep -B2 -A5 'panicked' "$data/portal.log" >&2
  status=1
fi
exit "$status"
