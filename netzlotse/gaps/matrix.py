"""The coverage matrix: phases × districts, counting the offers active on a date that serve each district.

An offer serves a district when its area includes the district or the district's state, or when
it has a place there. A cross-phase offer counts in every phase of the chain. Counting is one SQL
aggregate over the directory's coverage cells (one row per offer, district and phase, kept up to
date by every write), so a cell counts each offer once and sums its places once.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.db.models import Count
from django.utils import timezone

from netzlotse.directory.models import Offer, Phase, ProcessChain
from netzlotse.network.models import Region

from .models import DemandSignal

GAP, TOO_FEW, COVERED = "gap", "too_few", "covered"
DEMAND_WINDOW_DAYS = 90  # demand signals older than this no longer count


@dataclass
class Cell:
    offers: int = 0
    places: int = 0
    status: str = GAP
    per_100k: float | None = None
    unmet: int = 0  # searches and referrals that found no offer here (demand signals)


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


BY_COLUMNS = {
    "target_group": ("LEFT JOIN directory_offer_target_groups tg ON tg.offer_id = c.offer_id", "tg.targetgroup_id"),
    "field_of_action": ("LEFT JOIN directory_offer_fields_of_action fa ON fa.offer_id = c.offer_id",
                        "fa.fieldofaction_id"),
}


@dataclass
class Facts:
    offers: int = 0
    places: int = 0
    lasting: int = 0  # offers still running after `lasting_after`
    providers: int = 0  # distinct providers (only when asked for)

    def add(self, other: "Facts") -> None:
        self.offers += other.offers
        self.places += other.places
        self.lasting += other.lasting
        self.providers += other.providers


def cell_facts(*, chain: ProcessChain, day: date, district_ids: list[int], offers=None, by: tuple = (),
               lasting_after: date | None = None, providers: bool = False) -> dict[tuple, Facts]:
    """Offers active on `day` per (district id, phase id, *by values), from the maintained coverage cells.

    `offers` (a filtered Offer queryset) narrows what counts. `by` splits cells further by target group
    and/or field of action; an offer without any counts under None ("open to all"). Cross-phase offers
    count in every phase of the chain; with `providers`, which the duplicate check needs, they are left
    out, since they do not belong to one phase.
    """
    if not district_ids:
        return {}
    phase_ids = list(chain.phases.values_list("pk", flat=True))
    joins = " ".join(BY_COLUMNS[name][0] for name in by)
    extra = "".join(f", {BY_COLUMNS[name][1]}" for name in by)
    midnight = timezone.make_aware(datetime.combine(day + timedelta(days=1), time()))
    params = [lasting_after or day]
    sql = [f"""SELECT c.district_id, c.phase_id{extra}, COUNT(*), SUM(COALESCE(c.capacity, 0)),
                     SUM(CASE WHEN c.valid_until IS NULL OR c.valid_until > %s THEN 1 ELSE 0 END)
                     {", COUNT(DISTINCT c.provider_id)" if providers else ""}
                FROM directory_offercell c {joins}
               WHERE c.district_id IN ({", ".join(["%s"] * len(district_ids))})
                 AND (c.phase_id IN ({", ".join(["%s"] * len(phase_ids))}){"" if providers else " OR c.phase_id IS NULL"})
                 AND c.status IN (%s, %s) AND c.created_at < %s AND (c.archived_on IS NULL OR c.archived_on > %s)
                 AND (c.valid_from IS NULL OR c.valid_from <= %s) AND (c.valid_until IS NULL OR c.valid_until >= %s)"""]  # noqa: S608
    params += [*district_ids, *phase_ids, Offer.Status.PUBLISHED, Offer.Status.ARCHIVED, midnight, day, day, day]
    if offers is not None:
        offer_sql, offer_params = offers.order_by().values("id").query.sql_with_params()
        sql.append(f"AND c.offer_id IN ({offer_sql})")
        params += offer_params
    sql.append(f"GROUP BY c.district_id, c.phase_id{extra}")
    with connection.cursor() as cursor:
        cursor.execute(" ".join(sql), params)  # noqa: S608 - fixed table names, every value is a parameter
        rows = cursor.fetchall()
    result: dict[tuple, Facts] = {}
    width = 2 + len(by)
    for row in rows:
        district_id, phase_id, rest, numbers = row[0], row[1], tuple(row[2:width]), row[width:]
        facts = Facts(int(numbers[0]), int(numbers[1] or 0), int(numbers[2] or 0),
                      int(numbers[3]) if providers else 0)
        for phase in ([phase_id] if phase_id is not None else phase_ids):  # cross-phase: every phase
            result.setdefault((district_id, phase, *rest), Facts()).add(facts)
    return result


def coverage(*, chain: ProcessChain, day: date, districts: list[Region], offers=None,
             thresholds: dict | None = None, per_capita: bool = False) -> Matrix:
    """The matrix for these districts; `offers` narrows the offers (target group, field, mode, language).

    `thresholds` maps phase id (or None for every phase) to the minimum number of offers; 0 offers is
    always a gap.
    """
    phases = list(chain.phases.all())
    matrix = Matrix(chain=chain, day=day, phases=phases, districts=districts)
    thresholds = thresholds or {}
    counts = cell_facts(chain=chain, day=day, district_ids=[d.pk for d in districts], offers=offers)
    for district in districts:
        for phase in phases:
            facts = counts.get((district.pk, phase.pk), Facts())
            cell = Cell(offers=facts.offers, places=facts.places, status=status_of(facts.offers, phase, thresholds))
            if per_capita and district.population:
                cell.per_100k = round(facts.offers * 100_000 / district.population, 1)
            matrix.cells[(district.pk, phase.pk)] = cell
    return matrix


def status_of(offers: int, phase: Phase, thresholds: dict) -> str:
    minimum = thresholds.get(phase.pk, thresholds.get(None, 1))
    return GAP if offers == 0 else TOO_FEW if offers < minimum else COVERED


def unmet_demand(district_ids, day: date):
    """Searches and referrals that found no offer in the last 90 days, per (district, phase, target group, field)."""
    misses = (DemandSignal.objects.filter(district__in=district_ids, phase__isnull=False,
                                          day__gt=day - timedelta(days=DEMAND_WINDOW_DAYS), day__lte=day)
              .values_list("district", "phase", "target_group", "field_of_action").annotate(n=Count("id")))
    return {(d, p, g, f): n for d, p, g, f, n in misses}


def add_demand_signals(matrix: Matrix) -> None:
    """Count the demand signals in each cell (the last 90 days up to the matrix's day)."""
    for (district_id, phase_id, _group, _field), n in unmet_demand([d.pk for d in matrix.districts],
                                                                       matrix.day).items():
        cell = matrix.cells.get((district_id, phase_id))
        if cell is not None:
            cell.unmet += n


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


@dataclass(frozen=True)
class CoverageQuery:
    """What the matrix page, its Excel file and the API ask for, as the coverage form parsed it."""

    chain: ProcessChain
    day: date
    districts: list[Region]
    offers: object  # the offers to count (a QuerySet narrowed by target group, field, mode, language)
    thresholds: dict
    per_capita: bool = False
    compare_with: date | None = None


def coverage_for(query: CoverageQuery) -> Matrix:
    return coverage(chain=query.chain, day=query.day, districts=query.districts, offers=query.offers,
                    thresholds=query.thresholds, per_capita=query.per_capita)


def changes_for(query: CoverageQuery, matrix: Matrix):
    """Cells that opened or closed since the comparison date, or None when the query names none."""
    if query.compare_with is None:
        return None
    before = coverage(chain=matrix.chain, day=query.compare_with, districts=matrix.districts, offers=query.offers,
                      thresholds=query.thresholds)
    return changes(before, matrix)

