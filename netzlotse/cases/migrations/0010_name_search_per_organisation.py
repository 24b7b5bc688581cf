"""On PostgreSQL, the caseload's name search looks within the user's organisations: one GIN index over the
registering organisation and the trigrams of the name key (btree_gin lets an integer column join a GIN index)
finds a name among one organisation's people without reading everyone's. It replaces the name-only index."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    schema_editor.execute("CREATE INDEX IF NOT EXISTS participant_org_name_trgm ON cases_participant "
                          "USING gin (organization_id, name_key gin_trgm_ops)")
    schema_editor.execute("DROP INDEX IF EXISTS participant_name_key_trgm")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE INDEX IF NOT EXISTS participant_name_key_trgm ON cases_participant "
                          "USING gin (name_key gin_trgm_ops)")
    schema_editor.execute("DROP INDEX IF EXISTS participant_org_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("cases", "0009_caseload_index")]
    operations = [migrations.RunPython(forwards, backwards)]
