"""A counsellor's day in the browser: second factor, admission, contact, matching, due list (axe on each page)."""

import re

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect


def current_code(username):
    device = TOTPDevice.objects.filter(user__username=username).order_by("-pk").first()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_counsellor_sets_up_two_factor_admits_a_person_and_records_a_contact(visitor):
    page = visitor.page
    visitor.login("beratung")
    visitor.goto("/faelle/")
    expect(page.locator("h1")).to_have_text("Zwei-Faktor-Anmeldung einrichten")
    expect(page.locator(".qr-code svg")).to_be_visible()
    visitor.check("two-factor-setup")
    page.fill("#id_token", current_code("beratung"))
    page.get_by_role("button", name="Einrichtung bestätigen").click()
    expect(page.locator("h1")).to_have_text("Fälle")
    visitor.check("caseload")

    page.get_by_role("link", name="Neue Aufnahme").click()
    page.fill("#id_first_name", "Erika")
    page.fill("#id_last_name", "Beispiel")
    page.fill("#id_birth_date", "1975-05-05")
    page.select_option("#id_district", label="Stendal")
    visitor.check("admission")
    page.get_by_role("button", name="Aufnehmen").click()
    expect(page.locator(".kern-alert--success")).to_contain_text("ist aufgenommen")
    expect(page.locator("h1")).to_contain_text("Erika Beispiel")
    visitor.check("case-page")

    page.get_by_role("link", name="Kontakt erfassen").click()
    page.select_option("#id_kind", value="profiling")
    page.fill("#id_notes", "Stärken: Erfahrung im Einzelhandel")
    page.fill("#id_date", "2026-01-05")  # recorded afterwards: the next contact planned then is overdue now
    page.fill("#id_next_contact_on", "2026-01-15")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("main")).to_contain_text("Erfahrung im Einzelhandel")

    page.get_by_role("link", name="Angebot finden und zuweisen").click()
    expect(page.locator("h1")).to_contain_text("Passende Angebote")
    visitor.check("matching")
    visitor.goto("/faelle/faellig/")
    expect(page.locator("main")).to_contain_text(re.compile("TN-"))  # the contact planned for the past is overdue
    visitor.check("due-list")


def test_counsellor_fills_slots_and_works_through_a_service_chain_in_the_stata_demo(visitor):
    from netzlotse.cases.demo import load_cases_demo
    from netzlotse.cases.models import Case

    assert load_cases_demo()["participants"] == 240
    assert load_cases_demo()["participants"] == 0  # safe to run again
    page = visitor.page
    visitor.login("beratung")
    visitor.goto("/faelle/einsatzstellen/")
    page.fill("#id_token", current_code("beratung"))
    page.get_by_role("button", name="Einrichtung bestätigen").click()
    expect(page.locator("main")).to_contain_text("111 von 113 Plätzen sind belegt oder fest geplant.")
    visitor.check("slots-board")

    case = Case.objects.filter(steps__isnull=False, steps__done_on__isnull=True, closed_on__isnull=True).order_by("pk").first()
    step = case.steps.filter(done_on__isnull=True).order_by("position").first()
    visitor.goto(f"/faelle/{case.pk}/")
    visitor.check("case-page-with-chain")
    page.get_by_role("button", name=f"erledigt: {step.title}").click()  # htmx swaps the table in place
    expect(page.get_by_role("button", name=f"wieder öffnen: {step.title}")).to_be_visible()
    expect(page.locator("#steps")).to_contain_text("erledigt am")
    step.refresh_from_db()
    assert step.done_on is not None
    visitor.check()

    page.get_by_text("Kontakt hier erfassen").click()  # quick entry, saved in place
    page.select_option("#id_kind", value="home_visit")
    page.fill("#id_notes", "Hausbesuch: Fahrrad für den Weg zur Einsatzstelle organisiert")
    page.get_by_role("button", name="Kontakt speichern").click()
    expect(page.locator("#contacts-section")).to_contain_text("Fahrrad für den Weg zur Einsatzstelle")
    expect(page.locator("#contacts-section .kern-alert--success")).to_be_visible()
    visitor.check("case-page-contact-saved")

    visitor.goto("/uebersicht/")
    expect(page.locator("#reminders-heading")).to_be_visible()
    visitor.check("dashboard-reminders")
    visitor.goto(f"/faelle/{case.pk}/person/")
    visitor.check("person-edit")
    visitor.goto("/faelle/import/")
    visitor.check("participant-import")

    visitor.goto("/faelle/faellig/?alle=1")
    expect(page.locator("#steps-heading")).to_be_visible()
    visitor.check("due-list-demo")
    visitor.goto("/faelle/")
    expect(page.locator("main")).to_contain_text("TN-")
    visitor.check("caseload-demo")


def test_provider_staff_keep_their_sites_and_a_counsellor_places_a_person_by_the_ranking(visitor):
    """The StaTA provider changes a site's slots and requirements (never below the slots taken), then the
    counsellor finds a free site for a person on the matching page and books it from there."""
    from netzlotse.cases.demo import load_cases_demo, load_stata_sites
    from netzlotse.cases.models import Case, Placement

    load_stata_sites()
    load_cases_demo()
    page = visitor.page
    visitor.login("einsatzstellen")
    visitor.goto("/verwaltung/einsatzstellen/")
    expect(page.locator("h1")).to_have_text("Einsatzstellen verwalten")
    visitor.check("sites-list")
    page.locator("tbody tr", has_text="AGH-SDL-01").get_by_role("link", name=re.compile("^Bearbeiten")).click()
    page.fill("#id_slots", "1")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("main")).to_contain_text("Plätze sind belegt oder fest geplant")
    visitor.check("site-edit-refused")
    page.fill("#id_slots", "4")
    page.select_option("#id_german_level", value="A2")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator(".kern-alert--success")).to_contain_text("Die Einsatzstelle ist gespeichert.")
    page.check("#id_frei")
    page.get_by_role("button", name="Filtern").click()
    expect(page.locator("tbody tr")).to_have_count(1)  # the one with a free slot now
    visitor.check("sites-free-only")
    page.get_by_role("link", name="Aus Datei importieren").click()
    expect(page.locator("h1")).to_have_text("Einsatzstellen importieren")
    visitor.check("sites-import")
    visitor.goto("/verwaltung/einsatzstellen/neu/")
    visitor.check("site-create")
    page.get_by_role("button", name="Abmelden").click()

    case = Case.objects.filter(organization__external_id="org-stata-bic", closed_on__isnull=True).exclude(
        placements__status__in=Placement.OCCUPYING).order_by("pk").first()
    visitor.login("beratung")
    visitor.goto(f"/faelle/{case.pk}/zuweisung/")
    page.fill("#id_token", current_code("beratung"))
    page.get_by_role("button", name="Einrichtung bestätigen").click()
    sites = page.locator("section[aria-labelledby=sites-heading]")
    expect(sites).to_contain_text(re.compile(r"\d+ Pl(atz|ätze) frei: \+2 Punkte"))
    visitor.check("matching-sites")
    sites.get_by_role("link", name=re.compile("^Platz buchen")).first.click()
    expect(page.locator("#id_site option:checked")).to_contain_text("frei")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator(".kern-alert--success")).to_contain_text("Der Platz ist gebucht.")
    assert case.placements.filter(status__in=Placement.OCCUPYING).exists()


def test_a_stata_case_is_admitted_into_its_project_referred_under_consent_and_accepted(visitor):
    """The demo's main programme end to end: the StaTA centre admits a person into a StaTA project, records the
    consent for the provider of a matching offer (found on the consent page), proposes the referral, and that
    provider's staff accept it from the case page, which shows them what the consent covers."""
    from netzlotse.accounts.demo import DEMO_PASSWORD
    from netzlotse.accounts.models import Membership, User
    from netzlotse.cases.demo import load_cases_demo
    from netzlotse.cases.matching import match_offers
    from netzlotse.cases.models import Case, Referral
    from netzlotse.network.models import Project

    load_cases_demo()
    project = Project.objects.filter(programme__short_name="StaTA").order_by("name").first()
    page = visitor.page
    visitor.login("beratung")
    visitor.goto("/faelle/neu/")
    page.fill("#id_token", current_code("beratung"))
    page.get_by_role("button", name="Einrichtung bestätigen").click()
    page.fill("#id_first_name", "Jana")
    page.fill("#id_last_name", "Vermittlung")
    page.fill("#id_birth_date", "1980-03-04")
    page.select_option("#id_district", label="Stendal")
    page.select_option("#id_project", label=project.name)
    page.get_by_role("button", name="Aufnehmen").click()
    expect(page.locator(".kern-alert--success")).to_contain_text("ist aufgenommen")
    case = Case.objects.get(participant__last_name="Vermittlung")
    assert case.project == project

    offer = match_offers(case).matches[0].offer
    provider = offer.provider
    visitor.goto(f"/faelle/{case.pk}/einwilligung/")
    page.fill("#id_suche", provider.name)
    page.get_by_role("button", name="Suchen").click()
    visitor.check("consent-with-search")
    page.check("#id_for_referral")
    page.select_option("#id_recipients", label=provider.name)
    page.check("input[name=data_categories][value=identity]")
    page.check("input[name=data_categories][value=history]")
    page.fill("#id_valid_until", "2027-12-31")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator(".kern-alert--success")).to_contain_text("Die Einwilligung ist erfasst.")

    visitor.goto(f"/faelle/{case.pk}/zuweisung/")
    page.get_by_role("button", name=f"{offer.title_de} zuweisen").first.click()
    expect(page.locator(".kern-alert--success")).to_contain_text("ist vorgeschlagen")
    page.get_by_role("button", name="Abmelden").click()

    staff = User.objects.create_user("annahme", password=DEMO_PASSWORD)
    Membership.objects.create(user=staff, organization=provider, role="provider")
    visitor.login("annahme")
    visitor.goto(f"/faelle/{case.pk}/")
    page.fill("#id_token", current_code("annahme"))
    page.get_by_role("button", name="Einrichtung bestätigen").click()
    expect(page.locator("h1")).to_contain_text("Jana Vermittlung")
    visitor.check("case-page-as-recipient")
    page.get_by_role("button", name="angenommen").first.click()
    expect(page.locator("main")).to_contain_text("angenommen")
    assert case.referrals.get().status == Referral.Status.ACCEPTED
