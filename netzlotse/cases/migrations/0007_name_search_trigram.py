"""On PostgreSQL, a trigram index on the participants' spelling-tolerant name key makes the caseload's name
search an index scan instead of a scan of every participant. SQLite scans, which is fine at embedded sizes."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE INDEX IF NOT EXISTS participant_name_key_trgm ON cases_participant "
                          "USING gin (name_key gin_trgm_ops)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS participant_name_key_trgm")


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_steps_and_chain_events")]
    operations = [migrations.RunPython(forwards, backwards)]
