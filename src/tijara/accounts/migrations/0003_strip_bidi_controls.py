"""Remove bidi embedding/override/isolate characters already stored in names (new input is cleaned on save)."""

import re

from django.db import migrations

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
PATTERN = "[\u202a-\u202e\u2066-\u2069]"


def strip(apps, schema_editor):
    for model, fields in (("Organisation", ("public_name", "legal_name", "city", "story")), ("User", ("full_name",))):
        Model = apps.get_model("accounts", model)
        for field in fields:
            for row in Model.objects.filter(**{f"{field}__regex": PATTERN}).only("pk", field):
                setattr(row, field, BIDI_CONTROLS.sub("", getattr(row, field)))
                row.save(update_fields=[field])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_token_scopes_login_throttle")]
    operations = [migrations.RunPython(strip, migrations.RunPython.noop)]
