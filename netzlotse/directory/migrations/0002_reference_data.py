from django.db import migrations


def forwards(apps, schema_editor):
    from netzlotse.directory.reference_data import load_reference_data

    load_reference_data(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
