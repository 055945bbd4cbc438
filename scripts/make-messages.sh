#!/usr/bin/env bash
# Refresh each app's .po catalogue (ar, fr) from its templates and code. Needs GNU gettext.
set -euo pipefail
cd "$(dirname "$0")/../src/tijara"
for app in core accounts markets knowledge assistant pricing catalog channels marketplace plans events training; do
  (cd "$app" && mkdir -p locale && ../../../.venv/bin/django-admin makemessages -l ar -l fr --no-obsolete -v 0)
done
