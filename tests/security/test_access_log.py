"""Finding 9 of the security review: every page under /faelle/ that shows a person's data logs the read. The
URLs come from the URL conf, not from a list kept by hand, so a new case page without a log entry fails here."""

from datetime import date

import pytest
from django.urls import URLPattern, reverse

from netzlotse.cases import urls as case_urls
from netzlotse.cases.models import AccessLog, Consent, Need, PlacementSite
from netzlotse.cases.services import consent_record, need_record, placement_book
from netzlotse.cases.tests.test_pages import open_case, verified
from netzlotse.network.models import Project

PATTERNS = [p for p in case_urls.urlpatterns if isinstance(p, URLPattern)]


@pytest.fixture
def case_with_parts(world):
    case = open_case(world.provider_a, last="Odanović")
    need = need_record(case=case, by=None, need=Need(kind=Need.Kind.HOUSING))
    consent = consent_record(consent=Consent(participant=case.participant, text_version="2026-01", for_referral=True,
                                             valid_until=date(2030, 1, 1)), recipients=[world.provider_b], by=None)
    site = PlacementSite.objects.create(project=Project.objects.create(name="AGH", lead=world.provider_a),
                                        organization=world.provider_a, name="Garten", slots=1)
    placement = placement_book(case=case, site=site, start=date.today(), by=None)
    return {"pk": case.pk, "need_pk": need.pk, "consent_pk": consent.pk, "placement_pk": placement.pk,
            "step_pk": 1, "referral_pk": 1}, case


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.name for p in PATTERNS])
def test_every_case_page_that_shows_a_person_logs_the_read(client, world, case_with_parts, pattern):
    kwargs, case = case_with_parts
    wanted = {name: value for name, value in kwargs.items() if name in pattern.pattern.converters}
    url = reverse(f"cases:{pattern.name}", kwargs=wanted)
    verified(client, world.counsellor)
    before = AccessLog.objects.filter(participant=case.participant).count()
    response = client.get(url)
    if response.status_code != 200 or response.get("Content-Type", "").startswith("application/vnd"):
        return  # POST-only (405), a redirect, or a blank template
    shown = response.content.decode()
    person = case.participant
    # A page of one case shows data about that person (under a code, still personal data); a list shows codes
    # only, and names only where the read is logged (a name search).
    if "pk" in wanted or person.last_name in shown or person.birth_date.strftime("%d.%m.%Y") in shown:
        assert AccessLog.objects.filter(participant=person).count() > before, f"{url}: read not logged"

