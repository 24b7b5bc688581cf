from django.db import migrations


def forwards(apps, schema_editor):
    from netzlotse.network.regions import load_regions

    load_regions(apps.get_model("network", "Region"))


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
