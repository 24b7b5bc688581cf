"""On PostgreSQL, a trigram index makes the substring search on search_text indexed.

SQLite has no equivalent; there the search scans, which is fine at embedded sizes.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS offer_search_trgm ON directory_offer USING gin (search_text gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS offer_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_reference_data")]
    operations = [migrations.RunPython(forwards, backwards)]
