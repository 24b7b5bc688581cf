"""The writer lock the counts rely on lives with the tables it guards (cases/writers.py)."""

import importlib

import pytest
from django.db import connection

from netzlotse.cases.writers import WRITER_LOCK


def test_the_migration_and_the_contract_name_the_same_lock():
    migration = importlib.import_module("netzlotse.cases.migrations.0019_tally_writer_triggers")
    assert migration.LOCK_KEY == WRITER_LOCK


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the triggers exist on PostgreSQL only")
def test_the_case_file_tables_carry_the_writer_triggers(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal")
        triggers = set(cursor.fetchall())
    assert {("cases_caseevent", "caseevent_tally_writer"), ("cases_participant", "participant_tally_writer")} <= triggers
