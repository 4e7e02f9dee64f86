#!/usr/bin/env bash
# Starts crt-portal on a free port with a fresh SQLite file and runs the
# browser test against it; with TEST_OIDC_MOCK_URL set (an
# oidc-provider-mock, as .ci/run starts one), also a second crt-portal with
# single sign-on on and the sign-in test (sso.mjs). Needs Debian's chromium
# and `npm ci` done here.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
. tools/lib.sh
build_debug crt-web crt-admin
port=$(free_port)
data="$(mktemp -d)"
echo "browser test password" | DATABASE_URL="sqlite://$data/browser.sqlite3" "$bin"/crt-admin user create browser --staff --password-stdin >/dev/null
DATABASE_URL="sqlite://$data/browser.sqlite3" "$bin"/crt-admin user groups browser --add records >/dev/null
for section in CRM SPL; do
  DATABASE_URL="sqlite://$data/browser.sqlite3" "$bin"/crt-admin tag add --section "$section" follow-up --description "Needs a call back" >/dev/null
done
smtp=$(free_port)
"$bin"/crt-admin mail catch --listen "127.0.0.1:$smtp" > "$data/mail.log" 2>&1 &
catcher=$!
ENV=TEST PORT="$port" DATABASE_URL="sqlite://$data/browser.sqlite3" EMAIL_HOST=127.0.0.1 EMAIL_PORT="$smtp" \
  "$bin"/crt-portal > "$data/portal.log" 2>&1 &
pid=$!
sso_pid=""
trap 'kill $pid $catcher $sso_pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 50); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.2
done
cd "$here"
if [ -n "${SCREENSHOT_DIR:-}" ]; then mkdir -p "$SCREENSHOT_DIR"; fi
BASE_URL="http://127.0.0.1:$port" node run.mjs
# The other languages: step 1 of each at 1400 px and phone width (kept as
# screenshots), the whole form in Spanish and Korean, a switch mid-form.
SCREENSHOT_DIR="${SCREENSHOT_DIR:-$root/target/ci-artefacts/screenshots}" BASE_URL="http://127.0.0.1:$port" node languages.mjs
# The auto-response and the staff letter reached the SMTP catcher.
for _ in $(seq 1 50); do
  [ "$(grep -c '^---- ' "$data/mail.log" || true)" -ge 4 ] && break
  sleep 0.2
done
caught=$(grep -c '^---- ' "$data/mail.log" || true)
echo "mails caught by the SMTP catcher: $caught"
# The English report's auto-response and staff letter, and the Spanish and
# Korean reports' auto-responses.
[ "$caught" -ge 4 ]

if [ -n "${TEST_OIDC_MOCK_URL:-}" ]; then
  mock="${TEST_OIDC_MOCK_URL%/}"
  for who in "ana.browser@example.gov Ana Browser crt-staff" "bo.browser@example.gov Bo Browser payroll"; do
    read -r sub first last group <<<"$who"
    curl -fsS -X PUT -H 'content-type: application/json' \
      -d "{\"email\": \"$sub\", \"name\": \"$first $last\", \"groups\": [\"$group\"]}" "$mock/users/$sub"
  done
  sso_port=$(free_port)
  ENV=TEST PORT="$sso_port" DATABASE_URL="sqlite://$data/sso.sqlite3" \
    AUTH_SSO_ENVIRONMENTS=TEST AUTH_SERVER="$mock" AUTH_CLIENT_ID=crt-portal-browser \
    AUTH_CLIENT_SECRET=browser-test-secret AUTH_PORTAL_GROUPS=crt-staff \
    AUTH_RELYING_PARTY_ID="http://127.0.0.1:$sso_port" \
    "$bin/crt-portal" > "$data/sso-portal.log" 2>&1 &
  sso_pid=$!
  for _ in $(seq 1 50); do
    curl -fsS "http://127.0.0.1:$sso_port/health" >/dev/null 2>&1 && break
    sleep 0.2
  done
  BASE_URL="http://127.0.0.1:$sso_port" MOCK_URL="$mock" node sso.mjs
else
  echo "TEST_OIDC_MOCK_URL is not set: the single sign-on browser test did not run"
fi
