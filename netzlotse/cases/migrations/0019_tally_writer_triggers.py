"""The writer lock on the case file's own tables (see cases/writers.py), owned here since the app that owns a
table owns its triggers. Databases that ran monitoring's migration 0004 before it moved here have the same
functions and triggers; they are replaced as they are."""

from django.db import migrations

LOCK_KEY = 5_150_001  # cases.writers.WRITER_LOCK

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

DROP TRIGGER IF EXISTS caseevent_tally_writer ON cases_caseevent;
CREATE TRIGGER caseevent_tally_writer BEFORE INSERT ON cases_caseevent
    FOR EACH STATEMENT EXECUTE FUNCTION netzlotse_tally_writer();
DROP TRIGGER IF EXISTS participant_tally_writer ON cases_participant;
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
    dependencies = [("cases", "0018_esf_answers_encrypted")]
    operations = [migrations.RunPython(forward, backward)]
