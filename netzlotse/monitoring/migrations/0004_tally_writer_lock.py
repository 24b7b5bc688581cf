"""On PostgreSQL, every transaction that writes case events or participants holds a shared advisory lock until
it commits, and a participant's `updated_at` is taken from the database clock once that lock is held. A tally
refresh takes the same lock exclusively: it waits for writers in flight, so its watermark can never pass an
event id or change time that commits later (see monitoring/tally.py). SQLite admits one writer at a time and
needs none of this."""

from django.db import migrations

LOCK_KEY = 5_150_001  # tally.WRITER_LOCK; a fixed number so that every process agrees on it

FORWARD = f"""
CREATE OR REPLACE FUNCTION netzlotse_tally_writer() RETURNS trigger AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared({LOCK_KEY});
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION netzlotse_participant_written() RETURNS trigger AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared({LOCK_KEY});
    NEW.updated_at := clock_timestamp();
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER caseevent_tally_writer BEFORE INSERT ON cases_caseevent
    FOR EACH STATEMENT EXECUTE FUNCTION netzlotse_tally_writer();
CREATE TRIGGER participant_tally_writer BEFORE INSERT OR UPDATE ON cases_participant
    FOR EACH ROW EXECUTE FUNCTION netzlotse_participant_written();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS caseevent_tally_writer ON cases_caseevent;
DROP TRIGGER IF EXISTS participant_tally_writer ON cases_participant;
DROP FUNCTION IF EXISTS netzlotse_tally_writer();
DROP FUNCTION IF EXISTS netzlotse_participant_written();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0003_export_job"), ("cases", "0013_participant_updated_at")]
    operations = [migrations.RunPython(forward, backward)]
