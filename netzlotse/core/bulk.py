"""Fast inserts of plain rows (link tables), used by imports and the data generator."""

from django.db import connection


def insert_rows(table: str, columns: list[str], rows) -> None:
    """Insert tuples into a table: COPY on PostgreSQL, executemany elsewhere. Runs in the caller's transaction."""
    rows = list(rows)
    if not rows:
        return
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            # Table and column names come from model metadata, values go as parameters.
            sql = f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({marks})"  # noqa: S608
            cursor.executemany(sql, rows)
