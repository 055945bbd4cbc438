#!/usr/bin/env bash
# Refresh the .po catalogues (ar, fr) from templates and code. Needs GNU gettext (msgfmt/xgettext).
# The project catalogue (src/tijara/locale) covers templates/, core/ and accounts/; every other app keeps its own.
set -euo pipefail
cd "$(dirname "$0")/../src/tijara"
DJANGO_ADMIN=../../.venv/bin/django-admin
APPS="markets knowledge assistant pricing catalog channels marketplace plans events training"
ignores=(); for app in $APPS; do ignores+=(-i "$app/*"); done
$DJANGO_ADMIN makemessages -l ar -l fr --no-obsolete -i "tests/*" "${ignores[@]}" -v 0
for app in $APPS; do
  (cd "$app" && mkdir -p locale && ../$DJANGO_ADMIN makemessages -l ar -l fr --no-obsolete -i "tests/*" -v 0)
done
