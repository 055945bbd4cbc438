"""The "address approximate" flag of a fact's source URL gets its own field (it was kept in the licence field)."""

from django.db import migrations, models


def forwards(apps, schema_editor):
    Fact = apps.get_model("knowledge", "Fact")
    Fact.objects.filter(licence="approximate-path").update(url_approximate=True, licence="")


def backwards(apps, schema_editor):
    Fact = apps.get_model("knowledge", "Fact")
    Fact.objects.filter(url_approximate=True).update(licence="approximate-path")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_alter_fact_mark_alter_fact_topic")]

    operations = [
        migrations.AddField(
            model_name="fact",
            name="url_approximate",
            field=models.BooleanField(
                default=False, help_text="The source URL points to the site or section, not to the exact page.",
                verbose_name="address approximate"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
