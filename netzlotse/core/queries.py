"""Query pieces the ORM does not offer in the form we need."""

from django.db.models import BooleanField, Expression, Q


class _IdInArray(Expression):
    """`<table>.id = ANY(%s)` with the ids as one array parameter (PostgreSQL). A plain `pk__in` with thousands
    of ids sends one parameter per id, which Django prepares one by one: for a district's 5,000 offers that took
    about 5 ms per query, twice per search page. The table's alias comes from the query being compiled, so it
    works in subqueries too."""

    conditional = True

    def __init__(self, ids):
        super().__init__(output_field=BooleanField())
        self.ids = ids

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name('id')} = ANY(%s)", [self.ids]


def id_in(ids, vendor: str):
    """A filter on primary keys from a (possibly long) list of ids."""
    ids = sorted(ids)
    return _IdInArray(ids) if vendor == "postgresql" else Q(pk__in=ids)
