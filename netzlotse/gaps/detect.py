"""Finding gaps in a network's districts: every kind the register knows, from a handful of aggregates.

A finding names a cell (kind, district, phase, optionally target group and field of action) and keeps
the numbers behind it (the register words them in the reader's language). services.detect_gaps turns
new findings into gap records and closes records whose finding has gone.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q

from netzlotse.directory.models import ProcessChain, TargetGroup
from netzlotse.network.models import Region

from .matrix import Facts, cell_facts, unmet_demand
from .models import CoverageThreshold, DemandFigure, Gap

CLIFF_DAYS = 183  # "all offers end within six months"

Kind = Gap.Kind


@dataclass(frozen=True)
class Finding:
    kind: str
    district_id: int
    phase_id: int
    target_group_id: int | None = None
    field_of_action_id: int | None = None
    figures: dict = field(default_factory=dict, compare=False)

    @property
    def key(self) -> tuple:
        return (self.kind, self.district_id, self.phase_id, self.target_group_id, self.field_of_action_id)


def network_districts(network) -> list[Region]:
    """The districts a network works in: those it names and those of the states it names."""
    regions = network.regions.all()
    return list(Region.objects.districts().filter(Q(pk__in=regions) | Q(parent__in=regions)).order_by("name"))


def detect(network, day: date, chain: ProcessChain | None = None) -> list[Finding]:
    chain = chain or ProcessChain.objects.default()
    district_ids = [d.pk for d in network_districts(network)]
    phases = list(chain.phases.all())
    if not district_ids or not phases:
        return []
    base = cell_facts(chain=chain, day=day, district_ids=district_ids, lasting_after=day + timedelta(days=CLIFF_DAYS))
    by_group = cell_facts(chain=chain, day=day, district_ids=district_ids, by=("target_group",))
    found = [*_coverage_findings(base, district_ids, phases, CoverageThreshold.for_network(network), day),
             *chain_breaks(by_group, district_ids, phases),
             *_capacity_findings(network, base, by_group),
             *_duplicate_findings(chain, day, district_ids),
             *_unmet_demand_findings(chain, day, district_ids)]
    return found


def _coverage_findings(base, district_ids, phases, thresholds, day):
    cliff = (day + timedelta(days=CLIFF_DAYS)).isoformat()
    for district_id in district_ids:
        for phase in phases:
            facts = base.get((district_id, phase.pk), Facts())
            minimum = thresholds.get(phase.pk, thresholds.get(None, 1))
            if facts.offers == 0:
                yield Finding(Kind.NO_OFFER, district_id, phase.pk)
            elif facts.offers < minimum:
                yield Finding(Kind.TOO_FEW, district_id, phase.pk, figures={"offers": facts.offers, "minimum": minimum})
            if facts.offers and not facts.lasting:
                yield Finding(Kind.FUNDING_CLIFF, district_id, phase.pk, figures={"offers": facts.offers, "until": cliff})


def _group_offers(by_group, district_id, phase_id, group_id) -> int:
    """Offers a target group can use in a cell: those for the group plus those open to everyone."""
    open_to_all = by_group.get((district_id, phase_id, None), Facts()).offers
    return open_to_all + (by_group.get((district_id, phase_id, group_id), Facts()).offers if group_id else 0)


def chain_breaks(by_group: dict, district_ids, phases) -> list[Finding]:
    """Phase n has offers meant for a target group, phase n+1 has none it can use (target groups that do not
    move on through the phases, such as employers, have no such break)."""
    outside = set(TargetGroup.objects.filter(follows_chain=False).values_list("pk", flat=True))
    groups_in = defaultdict(set)  # (district, phase) → target groups with offers of their own
    for district_id, phase_id, group_id in by_group:
        if group_id is not None and group_id not in outside:
            groups_in[(district_id, phase_id)].add(group_id)
    found = []
    for district_id in district_ids:
        for here, after in zip(phases, phases[1:], strict=False):
            for group_id in sorted(groups_in[(district_id, here.pk)]):
                if not _group_offers(by_group, district_id, after.pk, group_id):
                    found.append(Finding(Kind.CHAIN_BREAK, district_id, after.pk, group_id,
                                         figures={"after": here.position}))
    return found


def _capacity_findings(network, base, by_group):
    for demand in DemandFigure.objects.filter(network=network):
        key = (demand.district_id, demand.phase_id)
        if demand.target_group_id:
            places = sum(by_group.get((*key, g), Facts()).places for g in (None, demand.target_group_id))
        else:
            places = base.get(key, Facts()).places
        if places < demand.places_needed:
            yield Finding(Kind.CAPACITY_SHORT, demand.district_id, demand.phase_id, demand.target_group_id,
                          figures={"places": places, "needed": demand.places_needed})


def _duplicate_findings(chain, day, district_ids):
    facts = cell_facts(chain=chain, day=day, district_ids=district_ids, by=("target_group", "field_of_action"),
                       providers=True)
    for (district_id, phase_id, group_id, field_id), cell in facts.items():
        if group_id and field_id and cell.providers >= 2:
            yield Finding(Kind.DUPLICATES, district_id, phase_id, group_id, field_id,
                          figures={"offers": cell.offers, "providers": cell.providers})


def _unmet_demand_findings(chain, day, district_ids):
    misses = unmet_demand(district_ids, day)
    if not misses:
        return
    offered = defaultdict(list)  # (district, phase) → [(target group, field)] with offers
    for (d, p, g, f) in cell_facts(chain=chain, day=day, district_ids=district_ids,
                                   by=("target_group", "field_of_action")):
        offered[(d, p)].append((g, f))
    for (district_id, phase_id, group_id, field_id), n in misses.items():
        usable = any((group_id is None or g in (None, group_id)) and (field_id is None or f in (None, field_id))
                     for g, f in offered[(district_id, phase_id)])
        if not usable:
            yield Finding(Kind.UNMET_DEMAND, district_id, phase_id, group_id, field_id, figures={"signals": n})
