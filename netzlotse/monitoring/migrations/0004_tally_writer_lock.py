"""Once installed the writer-lock triggers on the case file's tables; they moved to the cases app, which owns
those tables (cases migration 0019, contract in cases/writers.py). Kept so that databases that ran it stay in
step; it does nothing now."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0003_export_job"), ("cases", "0013_participant_updated_at")]
    operations = []
