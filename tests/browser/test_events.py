"""Events in the browser (axe on every page): the calendar with its filters, an event's page, registering,
confirming the address by the link from the mail; attendance on a tablet and the certificates."""

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from netzlotse.events.models import Registration
from netzlotse.events.tests.factories import training
from netzlotse.network.models import Organization, Region

pytestmark = pytest.mark.browser


def test_a_visitor_finds_an_event_registers_and_confirms(visitor, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    page = visitor.page
    event = training(Organization.objects.get(external_id="org-resque"), capacity=12,
                     district=Region.objects.get(ags="14612"), days=6)
    visitor.goto("/veranstaltungen/")
    visitor.check("events-calendar")
    page.select_option("#id_kreis", "14612")
    page.get_by_role("button", name="Anzeigen").click()
    page.get_by_role("link", name="Aufenthaltsrecht für die Beratung").first.click()  # two sessions, one event
    visitor.check()
    page.fill("#id_name", "Amal Haddad")
    page.fill("#id_email", "amal@example.org")
    page.fill("#id_needs", "Dolmetschen Arabisch")
    page.get_by_label("Ich bin einverstanden", exact=False).check()
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_text("Bitte bestätigen Sie Ihre Anmeldung", exact=False)).to_be_visible()
    visitor.check("events-registered")
    registration = Registration.objects.get(event=event)
    assert registration.status == "pending" and mail.outbox
    visitor.goto(f"/veranstaltungen/anmeldung/{registration.token}/bestaetigen/")
    page.get_by_role("button", name="Anmeldung bestätigen").click()
    expect(page.get_by_text("Sie sind angemeldet", exact=False)).to_be_visible()
    visitor.check("events-confirmed")
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"


def test_the_organiser_ticks_attendance_on_a_tablet_after_the_second_factor(browser, live_server, demo, settings):
    from netzlotse.events.services import registration_create

    from .conftest import Visitor
    from .test_cases import current_code

    context = browser.new_context(locale="de-DE", viewport={"width": 820, "height": 1180}, has_touch=True)
    tablet = Visitor(context.new_page(), live_server.url)
    page = tablet.page
    event = training(Organization.objects.get(external_id="org-resque"), capacity=10, days=2)
    for n, name in enumerate(["Leila Ahmadi", "Jonas Berger", "Mira Kovač"]):
        registration_create(event=event, verified=True, name=name, email=f"p{n}@example.org",
                            organization_name="Jobcenter Dresden")
    tablet.login("traeger")
    session = event.sessions.first()
    tablet.goto(f"/veranstaltungen/verwalten/{event.pk}/termine/{session.pk}/")
    page.fill("#id_token", current_code("traeger"))
    page.get_by_role("button", name="Einrichtung bestätigen").click()
    page.wait_for_url(f"**/termine/{session.pk}/")
    page.get_by_label("Leila Ahmadi", exact=False).check()
    page.get_by_label("Mira Kovač", exact=False).check()
    tablet.check("events-attendance")
    page.get_by_role("button", name="Anwesenheit speichern").click()
    expect(page.get_by_text("2 Anwesende gespeichert.")).to_be_visible()
    assert session.attendances.count() == 2
    # The certificates: one attendee's PDF at once, all of them as a ZIP from the worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    tablet.goto(f"/veranstaltungen/verwalten/{event.pk}/anmeldungen/")
    tablet.check("events-registrations")
    with page.expect_download() as single:
        page.get_by_role("link", name="PDF für Leila Ahmadi").click()
    assert single.value.suggested_filename == "teilnahmebescheinigung-leila-ahmadi.pdf"
    assert single.value.path().read_bytes()[:4] == b"%PDF"
    page.get_by_role("button", name="Teilnahmebescheinigungen für alle Anwesenden", exact=False).click()
    expect(page.get_by_text("2 Bescheinigungen sind fertig.")).to_be_visible()
    tablet.check("events-certificates")
    with page.expect_download() as batch:
        page.get_by_role("link", name="herunterladen", exact=False).click()
    assert batch.value.suggested_filename.endswith(".zip")
    assert not tablet.foreign_requests()
    context.close()


def test_minutes_with_an_action_reach_the_owners_start_page(visitor):
    from datetime import timedelta

    from django.utils import timezone

    from netzlotse.accounts.models import User
    from netzlotse.events.models import Action, Kind, Minutes

    page = visitor.page
    meeting = training(Organization.objects.get(external_id="org-stata-bic"), kind=Kind.MEETING, days=-3,
                       title_de="Austauschtreffen der Intensivbetreuung")
    visitor.login("admin")
    visitor.goto(f"/veranstaltungen/verwalten/{meeting.pk}/protokoll/")
    page.fill("#id_agenda", "Begrüßung\nEinsatzstellen in Havelberg\nVerschiedenes")
    page.select_option("#id_participants", label="Intensivbetreuung StaTA im Beratungs- und Integrationscenter Stendal")
    page.fill("#id_results", "Zwei Träger sprechen Betriebe in Havelberg an.")
    page.fill("#id_aktion-0-text", "Betriebe in Havelberg ansprechen")
    page.select_option("#id_aktion-0-owner", label="beratung")
    page.fill("#id_aktion-0-due_on", (timezone.localdate() - timedelta(days=1)).isoformat())
    visitor.check("events-minutes-edit")
    page.get_by_role("button", name="Protokoll speichern").click()
    expect(page.get_by_text("Das Protokoll ist gespeichert.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("überfällig")
    visitor.check("events-minutes")
    assert Action.objects.get(minutes=Minutes.objects.get(event=meeting)).owner == User.objects.get(username="beratung")
    page.get_by_role("button", name="Abmelden").click()
    visitor.login("beratung")
    visitor.goto(reverse("directory:dashboard"))
    expect(page.get_by_text("1 Vereinbarung ist überfällig.")).to_be_visible()
    visitor.check("events-actions-start")
    page.get_by_role("link", name="Protokoll „Austauschtreffen der Intensivbetreuung“").click()
    page.get_by_role("button", name="als erledigt vermerken").click()
    expect(page.get_by_text("Die Vereinbarung ist als erledigt vermerkt.")).to_be_visible()
