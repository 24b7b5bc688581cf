"""Events in the browser (axe on every page): the calendar with its filters, an event's page, registering,
and confirming the address by the link from the mail."""

import pytest
from django.core import mail
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
