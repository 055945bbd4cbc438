#!/usr/bin/env bash
# Runs every benchmark under bench/ and prints its figures. Loopback only; each bounded in count and time.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=tijara.settings
export TIJARA_DATA_DIR="${TIJARA_DATA_DIR:-$(mktemp -d)}"
.venv/bin/python -m tijara migrate --noinput -v 0
.venv/bin/python -m tijara load_reference_data -v 0
for f in bench/bench_*.py; do
  echo "=== $f"
  .venv/bin/python "$f"
done
