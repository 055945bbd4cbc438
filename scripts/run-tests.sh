#!/usr/bin/env bash
# The unit, service, view and API suite on SQLite, then again on PostgreSQL when DATABASE_URL is set.
# The browser tests run once, on the production database (PostgreSQL) when DATABASE_URL is set, else on SQLite:
# the pages do not depend on the database, which the suite above checks on both; running them twice doubled CI.
# They run when Debian's Chromium is installed; otherwise they are skipped and the summary says so.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PG_URL="${DATABASE_URL:-}"
WORKERS="${TIJARA_TEST_WORKERS:-2}"
status=0
summary=()

run() {  # label, then pytest arguments
  local label="$1"; shift
  echo "=== $label"
  $PY -m pytest "$@"
  local rc=$?
  if [ $rc -ne 0 ]; then status=1; summary+=("$label: FAILED (exit $rc)"); else summary+=("$label: passed"); fi
}

unset DATABASE_URL
run "SQLite: unit, service, view and API tests" -q -n "$WORKERS" -m "not browser"
if [ ! -x /usr/bin/chromium ]; then
  summary+=("browser tests: SKIPPED — /usr/bin/chromium is not installed (apt-get install chromium)")
elif [ -z "$PG_URL" ]; then
  run "SQLite: browser tests (Chromium)" -q -p no:xdist -m browser tests/browser
fi

if [ -n "$PG_URL" ]; then
  export DATABASE_URL="$PG_URL"
  run "PostgreSQL: unit, service, view and API tests" -q -n "$WORKERS" -m "not browser"
  if [ -x /usr/bin/chromium ]; then
    run "PostgreSQL: browser tests (Chromium)" -q -p no:xdist -m browser tests/browser
  fi
else
  summary+=("PostgreSQL: SKIPPED — DATABASE_URL is not set (.ci/run sets it)")
fi

echo "=== Summary"
printf '%s\n' "${summary[@]}"
exit $status
