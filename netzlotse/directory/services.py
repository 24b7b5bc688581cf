"""Workflows on offers. Views, the API, commands and tests all call these functions.

Each write records who changed what in the offer's history (OfferChange).
"""

from dataclasses import dataclass, field
from datetime import date, time

from django.db import transaction
from django.utils import timezone

from netzlotse.core.locking import take_version
from netzlotse.network.models import Region

from .history import offer_snapshot
from .models import Location, MobileDate, Offer, OfferCell, OfferChange, OpeningHours
from .signals import offers_changed, send_after_commit


@dataclass
class LocationData:
    city: str
    district: Region
    kind: str = Location.Kind.OFFICE
    name: str = ""
    street: str = ""
    postcode: str = ""
    accessibility_note: str = ""
    phone: str = ""
    hours: list[tuple[int, time, time]] = field(default_factory=list)
    dates: list[tuple[date, time, time]] = field(default_factory=list)


def _diff(before: dict, after: dict) -> dict[str, list[str]]:
    return {key: [before.get(key, ""), value] for key, value in after.items() if before.get(key, "") != value}


def replace_locations(offer: Offer, locations: list[LocationData]) -> None:
    offer.locations.all().delete()
    for data in locations:
        location = Location.objects.create(
            offer=offer, kind=data.kind, name=data.name, street=data.street, postcode=data.postcode,
            city=data.city, district=data.district, accessibility_note=data.accessibility_note, phone=data.phone,
        )
        OpeningHours.objects.bulk_create(
            OpeningHours(location=location, weekday=d, opens=o, closes=c) for d, o, c in data.hours)
        MobileDate.objects.bulk_create(
            MobileDate(location=location, date=d, starts=s, ends=e) for d, s, e in data.dates)


@transaction.atomic
def offer_save(*, offer: Offer, m2m: dict, by, locations: list[LocationData] | None = None,
               version: int | None = None) -> Offer:
    """Create or update an offer with its relations, and record the change in its history. `version` is the one
    the form was opened with: a save over someone else's change is refused (EditedMeanwhile)."""
    creating = offer.pk is None
    take_version(offer, version)
    before = {} if creating else offer_snapshot(Offer.objects.get(pk=offer.pk))
    if offer.status == Offer.Status.ARCHIVED:
        offer.archived_on = offer.archived_on or timezone.localdate()
    else:
        offer.archived_on = None
    offer.search_text = offer.build_search_text(offer.provider.name)
    offer.save()
    for name, values in m2m.items():
        getattr(offer, name).set(values)
    if locations is not None:
        replace_locations(offer, locations)
    OfferCell.objects.refresh([offer.pk])
    send_after_commit(offers_changed, Offer, offer_ids=[offer.pk])
    changes = _diff(before, offer_snapshot(offer))
    if creating or changes:
        OfferChange.objects.create(offer=offer, changed_by=by, changes=changes,
                                   action=OfferChange.Action.CREATED if creating else OfferChange.Action.CHANGED)
    return offer


@transaction.atomic
def offer_verify(*, offer: Offer, by) -> Offer:
    """Confirm that the offer is still accurate (one click from the freshness list)."""
    today = timezone.localdate()
    old = offer.last_verified
    offer.last_verified = today
    offer.save(update_fields=["last_verified", "updated_at"])
    OfferChange.objects.create(offer=offer, changed_by=by, action=OfferChange.Action.VERIFIED,
                               changes={"last_verified": [str(old or ""), str(today)]})
    return offer


@transaction.atomic
def offer_archive(*, offer: Offer, by) -> Offer:
    if offer.status == Offer.Status.ARCHIVED:
        return offer
    old_status = offer.get_status_display()
    offer.status = Offer.Status.ARCHIVED
    offer.archived_on = timezone.localdate()
    offer.save(update_fields=["status", "archived_on", "updated_at"])
    OfferCell.objects.refresh([offer.pk])
    send_after_commit(offers_changed, Offer, offer_ids=[offer.pk])
    OfferChange.objects.create(offer=offer, changed_by=by, action=OfferChange.Action.ARCHIVED,
                               changes={"status": [str(old_status), str(offer.get_status_display())]})
    return offer


@transaction.atomic
def chain_save(*, chain, phases: list[dict]) -> None:
    """Save a chain and its ordered phases: rename and reorder by code, add new ones, drop removed ones.

    `phases` is the wanted order of {"code", "name_de", "name_en"}. A phase that
    still has offers cannot be removed (the caller validates that first).
    """
    from .models import Phase

    chain.save()
    wanted = {p["code"]: p for p in phases}
    chain.phases.exclude(code__in=wanted).delete()
    # Move existing positions out of the way so the unique (chain, position) holds throughout.
    for phase in chain.phases.all():
        phase.position += 1000
        phase.save(update_fields=["position"])
    for position, data in enumerate(phases, start=1):
        Phase.objects.update_or_create(chain=chain, code=data["code"], defaults={
            "position": position, "name_de": data["name_de"], "name_en": data.get("name_en", "")})


def offers_import(*, filename: str, content: bytes, by=None, dry_run: bool = False):
    """Check an uploaded organisations/offers file and, if every row is valid and not a dry run, write it.

    Returns the checked plan. Nothing is written unless every row is valid; then
    all rows are written in one transaction.
    """
    from netzlotse.accounts import roles
    from netzlotse.network.models import Network, Organization

    from .imports.reader import UnreadableFile, read_upload
    from .imports.validate import ImportPlan, check_sheets
    from .imports.writer import write_plan

    scope = network = None
    may_edit_organisations = by is None or roles.can(by, roles.EDIT_NETWORK)
    if by is not None and not roles.can(by, roles.MANAGE_ALL_NETWORKS):
        scope = set(Organization.objects.managed_by(by).values_list("pk", flat=True))
        network = Network.objects.coordinated_by(roles.organization_ids(by, roles.EDIT_NETWORK)).first()
    try:
        plan = check_sheets(read_upload(filename, content), user_scope=scope,
                            may_edit_organisations=may_edit_organisations)
    except UnreadableFile as exc:
        return ImportPlan(file_errors=[str(exc)])
    if plan.is_valid and not dry_run:
        with transaction.atomic():
            write_plan(plan, by=by, network=network)
        plan.written = True
    return plan


@transaction.atomic
def service_chain_save(*, chain, steps: list[dict]) -> None:
    """Save a service chain with its steps in the given order ({"title", "phase", "responsible_kind",
    "expected_days"} each). Cases that applied the chain keep their own copy of the steps."""
    from .models import ServiceChainStep

    chain.save()
    chain.steps.all().delete()
    ServiceChainStep.objects.bulk_create([
        ServiceChainStep(chain=chain, position=position, title=step["title"], phase=step.get("phase"),
                         responsible_kind=step["responsible_kind"], expected_days=step["expected_days"])
        for position, step in enumerate(steps, start=1)])
