"""The contract between the case file's writers and the counts that read it (monitoring's tallies).

On PostgreSQL, every transaction that inserts case events, or inserts or changes participants, holds a shared
advisory lock (`WRITER_LOCK`) until it commits, and a participant's `updated_at` comes from the database clock
once that lock is held; triggers on the two tables do this (migration 0019), so no code path can forget it.
A reader that takes the lock exclusively waits for every writer in flight: an event id or change time it
reads afterwards can never be passed by one that commits later. SQLite admits one writer at a time and needs
none of this. Any new table whose rows the counts read incrementally joins the contract the same way.
"""

WRITER_LOCK = 5_150_001  # a fixed number so that every process agrees on it (also written in migration 0019)
