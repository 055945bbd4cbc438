"""Remove bidi embedding/override/isolate characters already stored in product titles and descriptions."""

import re

from django.db import migrations

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
PATTERN = "[\u202a-\u202e\u2066-\u2069]"


def strip(apps, schema_editor):
    ProductText = apps.get_model("catalog", "ProductText")
    for field in ("title", "description"):
        for row in ProductText.objects.filter(**{f"{field}__regex": PATTERN}).only("pk", field):
            setattr(row, field, BIDI_CONTROLS.sub("", getattr(row, field)))
            row.save(update_fields=[field])


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_import_job")]
    operations = [migrations.RunPython(strip, migrations.RunPython.noop)]
