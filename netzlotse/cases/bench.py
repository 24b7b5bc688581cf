"""The case file's benchmark operations: caseload, case page, matching and slot booking under contention."""

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.utils import timezone

from netzlotse.core.bench import operation

from .generate import CODE_PREFIX
from .models import Case, CaseEvent, Participant, Placement, PlacementSite


def _busiest_organization():
    """The generated organisation with the most cases: the heaviest caseload a counsellor can have."""
    from django.db.models import Count

    return (Participant.objects.filter(code__startswith=CODE_PREFIX).values("organization")
            .annotate(n=Count("pk")).order_by("-n").values_list("organization", flat=True).first())


def _verified_client(ctx, organization_id):
    """A counsellor of that organisation, signed in and confirmed with a second factor, as in real use."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from netzlotse.accounts.models import Membership, User
    from netzlotse.accounts.roles import Role

    user, _ = User.objects.get_or_create(username="bench-beratung")
    Membership.objects.get_or_create(user=user, organization_id=organization_id, role=Role.COUNSELLOR)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _case_ids(organization_id):
    return list(Case.objects.filter(organization_id=organization_id, closed_on__isnull=True)
                .values_list("pk", flat=True)[:2000])


def _timed(ctx, client, next_url):
    previous, ctx.client = ctx.client, client
    try:
        return ctx.time_requests(next_url)
    finally:
        ctx.client = previous


@operation("caseload", goal_ms=50)
def caseload(ctx):
    """The caseload of the busiest organisation: first pages, later pages, and a search by name."""
    org = _busiest_organization()
    client = _verified_client(ctx, org)
    pages = max(1, Case.objects.filter(organization_id=org, closed_on__isnull=True).count() // 25)
    queries = ["", "?meine=", "?q=Haddad", "?q=Anna+Müller", f"?seite={ctx.rng.randint(1, pages)}"]
    return _timed(ctx, client, lambda: f"/faelle/{ctx.rng.choice(queries)}")


@operation("case_page", goal_ms=100)
def case_page(ctx):
    org = _busiest_organization()
    ids = _case_ids(org)
    return _timed(ctx, _verified_client(ctx, org), lambda: f"/faelle/{ctx.rng.choice(ids)}/")


@operation("matching", goal_ms=200)
def matching(ctx):
    """The matching page for one case: offers of the participant's district ranked with their reasons."""
    org = _busiest_organization()
    ids = _case_ids(org)
    return _timed(ctx, _verified_client(ctx, org), lambda: f"/faelle/{ctx.rng.choice(ids)}/zuweisung/")


@operation("slot_booking", goal_ms=500)
def slot_booking(ctx):
    """400 bookings by 20 parallel workers for one site with 113 slots (PostgreSQL: real row locks); each
    booking's time, waits for the lock included. Prints the throughput. Everything is removed afterwards."""
    from netzlotse.network.models import Project

    from .services import SiteFull, placement_book

    org = _busiest_organization()
    cases = list(Case.objects.filter(organization_id=org)[:400])
    project = Project.objects.create(name="Bench: Arbeitsgelegenheiten", lead_id=org)
    site = PlacementSite.objects.create(project=project, organization_id=org, name="Bench-Einsatzstelle", slots=113)
    start = timezone.localdate() + timedelta(days=7)

    def book(case):
        began = time.perf_counter()
        try:
            placement_book(case=case, site=site, start=start, by=None)
        except SiteFull:
            pass
        finally:
            if connection.vendor == "postgresql":
                connection.close()
        return (time.perf_counter() - began) * 1000

    workers = 20 if connection.vendor == "postgresql" else 1  # SQLite admits one writer at a time
    began = time.perf_counter()
    if workers > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            timings = list(pool.map(book, cases))
    else:
        timings = [book(case) for case in cases]
    elapsed = time.perf_counter() - began
    taken = site.placements.filter(status__in=Placement.OCCUPYING).count()
    CaseEvent.objects.filter(slot=site).delete()
    site.placements.all().delete()
    site.delete()
    project.delete()
    print(f"slot_booking: {len(timings)} Buchungen von {workers} parallelen Prozessen in {elapsed:.2f} s "  # noqa: T201
          f"({len(timings) / elapsed:.0f}/s), {taken} von 113 Plätzen vergeben")
    if taken != 113:
        raise RuntimeError(f"{taken} slots taken for 113")
    return timings
