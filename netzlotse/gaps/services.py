"""Gap register workflows: detection with automatic closing, status changes, measures."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from netzlotse.core.locking import take_version
from netzlotse.directory.models import Offer, ProcessChain
from netzlotse.network.models import Network

from .detect import detect, network_districts
from .models import CoverageThreshold, Gap, GapEvent, Measure

CLOSING_OFFERS_SHOWN = 20


@dataclass
class DetectionResult:
    created: int = 0
    closed: int = 0
    still_open: int = 0


def offers_in_cell(gap: Gap, day=None):
    """The offers active in a gap's cell: those that now close it, or that a coordinator can point to."""
    day = day or timezone.localdate()
    offers = Offer.objects.as_of(day).serving([gap.district])
    offers = offers.filter(is_cross_phase=True) | offers.in_phase(gap.phase)
    if gap.target_group_id:
        offers = offers.filter(target_groups=gap.target_group) | offers.filter(target_groups__isnull=True)
    if gap.field_of_action_id:
        offers = offers.filter(fields_of_action=gap.field_of_action) | offers.filter(fields_of_action__isnull=True)
    return offers.distinct().order_by("-created_at")


@transaction.atomic
def detect_gaps(*, network: Network, day=None, chain: ProcessChain | None = None) -> DetectionResult:
    """Record new findings as gaps and close open gaps whose finding has gone, keeping their history.

    Gaps a coordinator closed by hand stay closed; if the finding comes back, a new record starts.
    """
    day = day or timezone.localdate()
    chain = chain or ProcessChain.objects.default()
    findings = {f.key: f for f in detect(network, day, chain)}
    open_gaps = {g.cell_key(): g for g in Gap.objects.filter(network=network, chain=chain).open()}
    result = DetectionResult()
    new = [Gap(network=network, chain=chain, kind=f.kind, district_id=f.district_id, phase_id=f.phase_id,
               target_group_id=f.target_group_id, field_of_action_id=f.field_of_action_id, figures=f.figures,
               found_on=day) for key, f in findings.items() if key not in open_gaps]
    Gap.objects.bulk_create(new)
    GapEvent.objects.bulk_create([GapEvent(gap=g, status=Gap.Status.FOUND, note=_("bei der Prüfung erkannt"))
                                  for g in new])
    result.created = len(new)
    changed = []
    for key, gap in open_gaps.items():
        if key in findings:
            if gap.figures != findings[key].figures:
                gap.figures = findings[key].figures
                changed.append(gap)
            result.still_open += 1
        else:
            _close(gap, day, by=None, note=_("automatisch geschlossen: die Lücke besteht nicht mehr"),
                   offers=list(offers_in_cell(gap, day)[:CLOSING_OFFERS_SHOWN]))
            result.closed += 1
    Gap.objects.bulk_update(changed, ["figures"])
    return result


def _close(gap, day, *, by, note, offers):
    gap.status, gap.closed_on = Gap.Status.CLOSED, day
    gap.save(update_fields=["status", "closed_on"])
    if offers:
        gap.closing_offers.set(offers)
    GapEvent.objects.create(gap=gap, by=by, status=Gap.Status.CLOSED, note=note)


@transaction.atomic
def gap_update(*, gap: Gap, by, status: str, note: str = "", responsible=None, notes=None, offers=(),
               version: int | None = None) -> Gap:
    """A coordinator moves a gap along its lifecycle; closing may name the offers that closed it. A save over a
    change someone made after `version` (the form's) is refused (EditedMeanwhile)."""
    if not gap.is_open:
        raise ValueError("a closed gap stays closed")
    take_version(gap, version)
    gap.responsible = responsible
    if notes is not None:
        gap.notes = notes
    gap.save(update_fields=["responsible", "notes", "version"])
    if status == Gap.Status.CLOSED:
        _close(gap, timezone.localdate(), by=by, note=note, offers=list(offers))
    elif status != gap.status or note:
        gap.status = status
        gap.save(update_fields=["status"])
        GapEvent.objects.create(gap=gap, by=by, status=status, note=note)
    return gap


@transaction.atomic
def gaps_set_status(*, gaps, by, status: str, note: str = "") -> int:
    """Move several open gaps to one status at once (e.g. "kommuniziert" after the network meeting): one UPDATE,
    one history entry each, closing included. Returns how many changed."""
    gaps = list(gaps.filter(closed_on__isnull=True).exclude(status=status).select_for_update())
    if not gaps:
        return 0
    day = timezone.localdate()
    fields = {"status": status, "closed_on": day if status == Gap.Status.CLOSED else None}
    Gap.objects.filter(pk__in=[g.pk for g in gaps]).update(**fields, version=F("version") + 1)
    GapEvent.objects.bulk_create(GapEvent(gap=g, by=by, status=status, note=note) for g in gaps)
    return len(gaps)


@transaction.atomic
def measure_add(*, gap: Gap, measure: Measure, by) -> Measure:
    """Record a planned measure; a gap not yet further along is now "measure planned"."""
    measure.gap = gap
    measure.save()
    if gap.status in (Gap.Status.FOUND, Gap.Status.COMMUNICATED):
        gap.status = Gap.Status.MEASURE_PLANNED
        gap.save(update_fields=["status"])
    GapEvent.objects.create(gap=gap, by=by, status=gap.status,
                            note=_("Maßnahme: %(kind)s") % {"kind": measure.get_kind_display()})
    return measure


def networks_touched_by(offer_ids) -> list[Network]:
    """Networks with a gap register whose districts one of these offers serves."""
    from netzlotse.directory.models import OfferCell

    networks = list(Network.objects.filter(pk__in=Gap.objects.values("network")))
    if not networks:
        return []
    touched = set(OfferCell.objects.filter(offer__in=offer_ids).values_list("district", flat=True).distinct())
    return [n for n in networks if touched & {d.pk for d in network_districts(n)}]


def recheck_after_offer_change(offer_ids) -> None:
    """An offer was saved or archived: bring the registers of the networks it serves up to date at once."""
    for network in networks_touched_by(offer_ids):
        detect_gaps(network=network)


@transaction.atomic
def thresholds_save(*, network: Network, default: int, per_phase: dict) -> None:
    """Replace a network's thresholds: its default and the phases that differ from it."""
    CoverageThreshold.objects.filter(network=network).delete()
    CoverageThreshold.objects.bulk_create(
        [CoverageThreshold(network=network, minimum=default),
         *(CoverageThreshold(network=network, phase_id=phase_id, minimum=n) for phase_id, n in per_phase.items())])


@transaction.atomic
def demand_save(*, network: Network, formset) -> None:
    """Save the demand figures a coordinator entered (all rows or none)."""
    for figure in formset.save(commit=False):
        figure.network = network
        figure.save()
    for figure in formset.deleted_objects:
        figure.delete()
