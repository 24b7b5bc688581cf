"""The coverage matrix: phases × districts, counting the offers active on a date that serve each district.

An offer serves a district when its area includes the district or the district's state, or when
it has a place there. A cross-phase offer counts in every phase of the chain. Counting happens in
one SQL aggregate over de-duplicated (offer, district) and (offer, phase) pairs, so a cell counts
each offer once and sums its places once.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import connection

from netzlotse.directory.models import Offer, Phase, ProcessChain
from netzlotse.network.models import Region

GAP, TOO_FEW, COVERED = "gap", "too_few", "covered"


@dataclass
class Cell:
    offers: int = 0
    places: int = 0
    status: str = GAP
    per_100k: float | None = None


@dataclass
class Matrix:
    chain: ProcessChain
    day: date
    phases: list[Phase]
    districts: list[Region]
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)  # (district id, phase id) → cell

    def cell(self, district, phase) -> Cell:
        return self.cells[(district.pk, phase.pk)]

    def rows(self):
        for district in self.districts:
            yield district, [self.cell(district, phase) for phase in self.phases]

    def totals(self) -> dict[str, int]:
        statuses = [c.status for c in self.cells.values()]
        return {GAP: statuses.count(GAP), TOO_FEW: statuses.count(TOO_FEW), COVERED: statuses.count(COVERED)}


def _sql(offer_sql: str) -> str:
    return f"""
        WITH offers AS ({offer_sql}),
        served AS (
            SELECT r.offer_id, r.region_id AS district_id FROM directory_offer_regions r
             WHERE r.region_id IN (SELECT id FROM scope)
            UNION
            SELECT r.offer_id, d.id FROM directory_offer_regions r JOIN network_region d ON d.parent_id = r.region_id
             WHERE d.id IN (SELECT id FROM scope)
            UNION
            SELECT l.offer_id, l.district_id FROM directory_location l WHERE l.district_id IN (SELECT id FROM scope)
        ),
        placed AS (
            -- Phase links are unique per offer, and a cross-phase offer is taken only from the second
            -- branch, so no pair repeats and no de-duplication is needed here.
            SELECT p.offer_id, p.phase_id FROM directory_offer_phases p JOIN offers o ON o.id = p.offer_id
             WHERE NOT o.is_cross_phase AND p.phase_id IN (SELECT id FROM directory_phase WHERE chain_id = %s)
            UNION ALL
            SELECT o.id, ph.id FROM offers o JOIN directory_phase ph ON ph.chain_id = %s WHERE o.is_cross_phase
        )
        SELECT s.district_id, pl.phase_id, COUNT(*), SUM(COALESCE(o.capacity, 0))
          FROM offers o JOIN served s ON s.offer_id = o.id JOIN placed pl ON pl.offer_id = o.id
         GROUP BY s.district_id, pl.phase_id
    """  # noqa: S608 - table names are fixed, every value is a parameter


def coverage(*, chain: ProcessChain, day: date, districts: list[Region], offers=None,
             thresholds: dict | None = None, per_capita: bool = False) -> Matrix:
    """The matrix for these districts; `offers` narrows the offers (target group, field, mode, language).

    `thresholds` maps phase id (or None for every phase) to the minimum number of offers; 0 offers is
    always a gap.
    """
    phases = list(chain.phases.all())
    offers = (offers if offers is not None else Offer.objects.all()).as_of(day)
    offer_sql, offer_params = offers.order_by().values("id", "capacity", "is_cross_phase").query.sql_with_params()
    scope_ids = [d.pk for d in districts]
    matrix = Matrix(chain=chain, day=day, phases=phases, districts=districts)
    thresholds = thresholds or {}
    counts = {}
    if scope_ids:
        marks = ", ".join(["%s"] * len(scope_ids))
        scope = f"scope AS (SELECT id FROM network_region WHERE id IN ({marks}))"  # noqa: S608
        sql = _sql(offer_sql).replace("WITH offers AS", f"WITH {scope}, offers AS", 1)
        with connection.cursor() as cursor:
            cursor.execute(sql, [*scope_ids, *offer_params, chain.pk, chain.pk])
            counts = {(d, p): (n, places) for d, p, n, places in cursor.fetchall()}
    for district in districts:
        for phase in phases:
            n, places = counts.get((district.pk, phase.pk), (0, 0))
            minimum = thresholds.get(phase.pk, thresholds.get(None, 1))
            status = GAP if n == 0 else TOO_FEW if n < minimum else COVERED
            cell = Cell(offers=n, places=int(places or 0), status=status)
            if per_capita and district.population:
                cell.per_100k = round(n * 100_000 / district.population, 1)
            matrix.cells[(district.pk, phase.pk)] = cell
    return matrix


def changes(before: Matrix, after: Matrix) -> list[tuple[Region, Phase, str]]:
    """Cells that opened (a gap was covered) or closed (became a gap) between two matrices."""
    result = []
    for district, phase in ((d, p) for d in after.districts for p in after.phases):
        old, new = before.cell(district, phase).status, after.cell(district, phase).status
        if old == GAP and new != GAP:
            result.append((district, phase, "opened"))
        elif old != GAP and new == GAP:
            result.append((district, phase, "closed"))
    return result
