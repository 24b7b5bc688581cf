"""Writing a checked import plan: everything in bulk, in the caller's transaction.

Rows are matched by their stable external id, so importing the same file again
updates the same records instead of duplicating them.
"""

from django.db.models import prefetch_related_objects
from django.utils import timezone

from netzlotse.core.bulk import insert_rows
from netzlotse.network.models import Network, NetworkMembership, Organization

from ..history import offer_snapshot
from ..models import Location, MobileDate, Offer, OfferCell, OfferChange, OpeningHours
from ..signals import offers_changed, send_after_commit
from .columns import ORG_COLUMNS, SHEET_LOCATIONS, SHEET_OFFERS, SHEET_ORGS, match_by_id
from .validate import ImportPlan

BATCH = 2000
ORG_SCALARS = [c.key for c in ORG_COLUMNS if c.kind not in ("ags", "ref") and c.key != "external_id"]
OFFER_M2M = ["phases", "fields_of_action", "target_groups", "residence_statuses", "regions", "delivery_modes",
             "languages"]


def _replace_m2m(model, field_name: str, owners: dict, wanted: dict, existing_pks=None) -> None:
    """Set an M2M relation for many owners with one delete and one bulk insert of plain rows.

    `existing_pks` limits the delete to owners that existed before (new ones have no links yet).
    """
    through = model._meta.get_field(field_name).remote_field.through
    own_col = f"{model._meta.model_name}_id"
    other_col = next(f.column for f in through._meta.concrete_fields if f.column not in ("id", own_col))
    stale = [o.pk for o in owners.values()] if existing_pks is None else list(existing_pks)
    if stale:
        through.objects.filter(**{f"{own_col}__in": stale}).delete()
    insert_rows(through._meta.db_table, [own_col, other_col],
                ((owners[key].pk, pk) for key, targets in wanted.items() for pk in {t.pk for t in targets}))


def _write_organizations(plan: ImportPlan, by_network: Network | None) -> dict[str, Organization]:
    rows = plan.rows.get(SHEET_ORGS, [])
    orgs = dict(plan.lookups.orgs)
    if not rows:
        return orgs
    new, changed = [], []
    for r in rows:
        v = r.values
        org = orgs.get(v["external_id"]) or Organization(external_id=v["external_id"])
        for key in ORG_SCALARS:
            setattr(org, key, v[key])
        (changed if org.pk else new).append(org)
        orgs[v["external_id"]] = org
    # SQLite and PostgreSQL both return primary keys from bulk_create.
    Organization.objects.bulk_create(new, batch_size=BATCH)
    Organization.objects.bulk_update(changed, ORG_SCALARS, batch_size=BATCH)
    for r in rows:
        org = orgs[r.values["external_id"]]
        org.parent = orgs.get(r.values["parent"]) if r.values["parent"] else None
    Organization.objects.bulk_update([orgs[r.values["external_id"]] for r in rows], ["parent"], batch_size=BATCH)
    _replace_m2m(Organization, "regions", {r.values["external_id"]: orgs[r.values["external_id"]] for r in rows},
                 {r.values["external_id"]: r.values["regions"] for r in rows})
    if by_network is not None:
        # A coordinator's new organisations join the coordinated network, so its offers stay in their scope.
        NetworkMembership.objects.bulk_create(
            [NetworkMembership(network=by_network, organization=org,
                               role=NetworkMembership.Role.COOPERATION_PARTNER) for org in new],
            ignore_conflicts=True)
    return orgs


def _write_offers(plan: ImportPlan, orgs: dict, by) -> dict[str, Offer]:
    rows = plan.rows.get(SHEET_OFFERS, [])
    if not rows:
        return {}
    ids = [r.values["external_id"] for r in rows]
    existing = match_by_id(Offer, ids)
    prefetch_related_objects(list(existing.values()), *OFFER_M2M)
    before = {o.pk: offer_snapshot(o, with_locations=False) for o in existing.values()}
    scalars = [f.name for f in Offer._meta.concrete_fields
               if f.name not in ("id", "uuid", "created_at", "updated_at", "archived_on", "search_text")]
    offers, new = {}, []
    today, now = timezone.localdate(), timezone.now()
    for r in rows:
        v = r.values
        offer = existing.get(v["external_id"]) or Offer(external_id=v["external_id"])
        for column_key, value in v.items():
            if column_key in ("provider", "project", *OFFER_M2M):
                continue
            if column_key == "external_id" and offer.pk and value == str(offer.uuid):
                continue  # matched by the UUID an export wrote: keep it without an external id
            setattr(offer, column_key, value)
        offer.provider = orgs[v["provider"]]
        offer.project = plan.lookups.projects.get(v["project"]) if v["project"] else None
        offer.status = v["status"] or Offer.Status.DRAFT
        offer.labour_market_access = v["labour_market_access"] or ""
        offer.archived_on = (offer.archived_on or today) if offer.status == Offer.Status.ARCHIVED else None
        offer.search_text = offer.build_search_text(offer.provider.name)
        offer.updated_at = now
        offers[v["external_id"]] = offer
        if offer.pk is None:
            new.append(offer)
    Offer.objects.bulk_create(new, batch_size=BATCH)
    Offer.objects.bulk_update([o for key, o in offers.items() if key in existing],
                              [*scalars, "archived_on", "search_text", "updated_at"], batch_size=500)
    existing_pks = [o.pk for o in existing.values()]
    for name in OFFER_M2M:
        _replace_m2m(Offer, name, offers, {r.values["external_id"]: r.values[name] for r in rows}, existing_pks)
    # History: one entry per new offer, and one per existing offer whose values changed.
    after_source = Offer.objects.filter(pk__in=[o.pk for o in existing.values()]).prefetch_related(*OFFER_M2M)
    changes = []
    for offer in after_source:
        diff = {k: [before[offer.pk].get(k, ""), val] for k, val in offer_snapshot(offer, with_locations=False).items()
                if before[offer.pk].get(k, "") != val}
        if diff:
            changes.append(OfferChange(offer=offer, changed_by=by, action=OfferChange.Action.IMPORTED, changes=diff))
    changes += [OfferChange(offer=o, changed_by=by, action=OfferChange.Action.IMPORTED) for o in new]
    OfferChange.objects.bulk_create(changes, batch_size=BATCH)
    return offers


def _write_locations(plan: ImportPlan, offers: dict) -> None:
    rows = plan.rows.get(SHEET_LOCATIONS, [])
    if not rows:
        return
    missing = {r.values["offer"] for r in rows} - offers.keys()
    offers = {**offers, **match_by_id(Offer, missing)}
    Location.objects.filter(offer__in=[offers[r.values["offer"]].pk for r in rows]).delete()
    locations = [Location(offer=offers[r.values["offer"]], kind=r.values["kind"], name=r.values["name"],
                          street=r.values["street"], postcode=r.values["postcode"], city=r.values["city"],
                          district=r.values["district"], phone=r.values["phone"],
                          accessibility_note=r.values["accessibility_note"]) for r in rows]
    Location.objects.bulk_create(locations, batch_size=BATCH)
    OpeningHours.objects.bulk_create(
        [OpeningHours(location=loc, weekday=d, opens=o, closes=c)
         for loc, r in zip(locations, rows, strict=True) for d, o, c in r.values["hours"]], batch_size=BATCH)
    MobileDate.objects.bulk_create(
        [MobileDate(location=loc, date=d, starts=s, ends=e)
         for loc, r in zip(locations, rows, strict=True) for d, s, e in r.values["dates"]], batch_size=BATCH)


def write_plan(plan: ImportPlan, *, by=None, network: Network | None = None) -> dict[str, int]:
    assert plan.is_valid, "only a plan without errors may be written"
    orgs = _write_organizations(plan, network)
    offers = _write_offers(plan, orgs, by)
    _write_locations(plan, offers)
    OfferCell.objects.refresh([offer.pk for offer in offers.values()])
    send_after_commit(offers_changed, Offer, offer_ids=[offer.pk for offer in offers.values()])
    return {sheet: len(rows) for sheet, rows in plan.rows.items()}
