"""Finding offers by what people type.

Each typed word is looked up with its synonyms (data/synonyms.csv: "Deutschkurs" also finds "Deutsch für den
Beruf B1"), and every word of the query must be found. On PostgreSQL this is full-text search with the German
dictionary (stemming: "Beratungen" finds "Beratung"; prefixes: "Anerkenn" finds "Anerkennungsberatung") over
a stored, indexed tsvector (migration 0012), ranked by ts_rank_cd; when that finds nothing, a trigram search
over the German titles forgives typos ("Anerkenung"). Ranking reads every match, so a query matching more than
RANK_LIMIT offers (a word like "Beratung" in half the directory) is listed by title instead: ranking that many
would cost a second and say little. SQLite has neither: there each word or one of its synonyms must occur as a
piece of the text (no stemming), ranked by whether the title contains it, and a search that finds nothing
tries the title words that begin almost like the typed ones (compared in Python over at most 20,000 titles:
SQLite serves small, embedded directories). See docs/decisions.md.
"""

import csv
import re
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from django.db import connection
from django.db.models import BooleanField, Case, Expression, FloatField, Func, IntegerField, Q, Value, When
from django.db.models.functions import Lower

SYNONYMS_FILE = Path(__file__).with_name("data") / "synonyms.csv"
MAX_WORDS = 8  # a pasted paragraph is not a query
RANK_LIMIT = 5000
_WORD = re.compile(r"[\w\-]+", re.UNICODE)


@cache
def synonyms() -> dict[str, tuple[str, ...]]:
    table = {}
    with SYNONYMS_FILE.open(encoding="utf-8") as handle:
        for row in csv.reader((line for line in handle if line.strip() and not line.startswith("#")), delimiter=";"):
            word, alternatives = row[0].strip().casefold(), row[1] if len(row) > 1 else ""
            table[word] = tuple(a.strip().casefold() for a in alternatives.split(",") if a.strip())
    return table


def word_groups(text: str) -> list[tuple[str, ...]]:
    """The typed words, each with its alternatives; a known phrase ("deutsch lernen") counts as one word."""
    words = [w.strip("-") for w in _WORD.findall((text or "").casefold())]
    words = [w for w in words if w][:MAX_WORDS]
    table, groups, i = synonyms(), [], 0
    while i < len(words):
        pair = " ".join(words[i:i + 2])
        if pair in table and i + 1 < len(words):
            groups.append((pair, *table[pair]))
            i += 2
            continue
        groups.append((words[i], *table.get(words[i], ())))
        i += 1
    return groups


def _lexemes(term: str) -> str:
    """A term as tsquery text: each of its words a prefix, joined by AND (only letters, digits and dashes reach
    the query, so nothing typed can change its syntax)."""
    parts = [p for p in re.split(r"[\s\-]+", term) if p]
    return " & ".join(f"{p}:*" for p in parts)


def tsquery(groups) -> str:
    return " & ".join("(" + " | ".join(f"({_lexemes(t)})" for t in group) + ")" for group in groups)


class _OnVector(Expression):
    """SQL over the offer table's `search_vector`, which PostgreSQL generates and the model does not declare
    (migration 0012). The table's alias comes from the query being compiled, so it also works in a subquery.
    The SQL is constant; what was typed is only ever the one parameter (reduced to words by tsquery())."""

    def __init__(self, template, query, output_field):
        super().__init__(output_field=output_field)
        self.template, self.query = template, query

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return self.template.format(vector=f"{table}.search_vector"), [self.query]


def _similar(term):
    # pg_trgm's word similarity of the term to the lower-cased German title (on the title's trigram index).
    return Func(Value(term), Lower("title_de"), template="%(expressions)s", arg_joiner=" <%% ",
                output_field=BooleanField())


def _postgres(qs, groups, typos):
    if typos:  # forgive typos word by word
        for group in groups:
            qs = qs.filter(Q(*[_similar(term) for term in group], _connector=Q.OR))
        return qs
    return qs.filter(_OnVector("{vector} @@ to_tsquery('german'::regconfig, %s)", tsquery(groups), BooleanField()))


def _sqlite(qs, groups):
    for group in groups:
        qs = qs.filter(Q(*[Q(search_text__contains=term) for term in group], _connector=Q.OR))
    return qs


SQLITE_VOCABULARY = 20_000  # titles read for the typo fallback (SQLite serves embedded, small directories)


def _close_words(qs, groups) -> list[tuple[str, ...]]:
    """SQLite's typo fallback: each typed word replaced by the words of the titles that begin almost like it
    ("anerkenung" → "anerkennungsberatung", compared on as many letters as were typed, plus one)."""
    words = {w for title in qs.order_by().values_list("title_de", flat=True)[:SQLITE_VOCABULARY]
             for w in _WORD.findall(title.casefold()) if len(w) > 3}
    corrected = []
    for group in groups:
        near = tuple(w for w in words for term in group if len(term) > 3 and SequenceMatcher(
            None, term, w[:len(term) + 1]).ratio() >= 0.85)
        corrected.append(near)
    return corrected


def matching(qs, text: str, *, typos=False):
    """The offers of `qs` that match what was typed; with `typos` (PostgreSQL), those whose titles come close."""
    groups = word_groups(text)
    if not groups:  # only punctuation: nothing to match
        return qs
    if connection.vendor != "postgresql":
        if typos:
            groups = _close_words(qs, groups)
            return qs.none() if not all(groups) else _sqlite(qs, groups)
        return _sqlite(qs, groups)
    return _postgres(qs, groups, typos)



def ranked(qs, text: str):
    """`qs` best match first (then by title). Call it on at most RANK_LIMIT matches: the rank reads each one."""
    groups = word_groups(text)
    if not groups:
        return qs.order_by("title_de", "pk")
    if connection.vendor == "postgresql":
        rank = _OnVector("ts_rank_cd({vector}, to_tsquery('german'::regconfig, %s))", tsquery(groups), FloatField())
    else:
        rank = Case(*[When(title_de__icontains=group[0], then=Value(1)) for group in groups], default=Value(0),
                    output_field=IntegerField())
    return qs.annotate(relevance=rank).order_by("-relevance", "title_de", "pk")
