from django.db import migrations, models

from tandem.places.naming import folded


def fill_search_names(apps, schema_editor):
    """Municipalities loaded before the field existed get their folded names."""
    municipalities = apps.get_model("places", "Municipality")
    rows = list(municipalities.objects.all())
    for municipality in rows:
        municipality.search_names = folded(f"{municipality.name_nl} {municipality.name_fr}")
    municipalities.objects.bulk_update(rows, ["search_names"], batch_size=200)


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="municipality",
            name="search_names",
            field=models.CharField(blank=True, editable=False, max_length=210),
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop),
    ]
