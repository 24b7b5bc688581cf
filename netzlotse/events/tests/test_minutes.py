"""Minutes of a meeting: the organiser writes agenda, participants, results and actions, linked to the network's
gaps, interfaces and service chains (another network's refused); participants read, print and take them as
DOCX; an overdue action shows on its owner's start page until the owner ticks it off."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from netzlotse.directory.models import ProcessChain, ServiceChain
from netzlotse.events.models import Action, Kind, Minutes
from netzlotse.events.tests.factories import training
from netzlotse.gaps.models import Gap
from netzlotse.network.models import Network, Region


@pytest.fixture
def meeting(world):
    return training(world.provider_a, kind=Kind.MEETING, title_de="Austauschtreffen der Beratung", days=-1)


def _gap(network):
    chain = ProcessChain.objects.default()
    return Gap.objects.create(network=network, chain=chain, kind=Gap.Kind.NO_OFFER, phase=chain.phases.first(),
                              district=Region.objects.get(ags="14628"))


def form(world, gap, *, due, owner=None, **extra):
    return {"agenda": "Begrüßung\nÜbergänge Jobcenter – Beratung\nVerschiedenes",
            "participants": [world.provider_a.pk, world.provider_b.pk], "other_participants": "Ausländerbehörde",
            "results": "Die Übergabe nach dem Profiling soll ein gemeinsamer Bogen regeln.", "gaps": [gap.pk],
            "aktion-TOTAL_FORMS": "3", "aktion-INITIAL_FORMS": "0", "aktion-MIN_NUM_FORMS": "0",
            "aktion-MAX_NUM_FORMS": "50", "aktion-0-text": "Entwurf des Übergabebogens verschicken",
            "aktion-0-owner": (owner or world.partner).pk, "aktion-0-due_on": due.isoformat(), **extra}


def test_the_organiser_writes_minutes_with_an_action_and_a_gap(client, world, meeting):
    gap = _gap(world.network)
    client.force_login(world.owner)
    assert client.get(reverse("events:minutes_edit", args=[meeting.pk])).status_code == 200
    due = timezone.localdate() + timedelta(days=10)
    response = client.post(reverse("events:minutes_edit", args=[meeting.pk]), form(world, gap, due=due))
    assert response.status_code == 302, response.content.decode()[:3000]
    minutes = Minutes.objects.get(event=meeting)
    assert minutes.agenda_items[1] == "Übergänge Jobcenter – Beratung" and list(minutes.gaps.all()) == [gap]
    assert minutes.written_by == world.owner
    action = Action.objects.get()
    assert action.owner == world.partner and action.due_on == due and action.done_on is None
    page = client.get(reverse("events:minutes", args=[meeting.pk])).content.decode()
    assert "Entwurf des Übergabebogens verschicken" in page and "Ausländerbehörde" in page and "Träger B" in page


def test_choices_stay_within_the_organisers_networks(client, world, meeting):
    other = Network.objects.create(name="Netzwerk Chemnitz", coordinator=world.provider_c)
    foreign_gap = _gap(other)
    foreign_chain = ServiceChain.objects.create(network=other, name="Kette Chemnitz")
    client.force_login(world.owner)
    due = timezone.localdate() + timedelta(days=3)
    response = client.post(reverse("events:minutes_edit", args=[meeting.pk]),
                           form(world, foreign_gap, due=due, owner=world.outsider, service_chains=[foreign_chain.pk]))
    body = response.content.decode()
    assert response.status_code == 400 and "gültige Auswahl" in body
    assert not Minutes.objects.exists() and not Action.objects.exists()


def test_an_action_needs_a_text_owner_and_date_and_nothing_is_half_saved(client, world, meeting):
    client.force_login(world.owner)
    data = form(world, _gap(world.network), due=timezone.localdate())
    data["aktion-0-due_on"] = "31.02.2027"
    response = client.post(reverse("events:minutes_edit", args=[meeting.pk]), data)
    assert response.status_code == 400 and not Minutes.objects.exists()


def test_participants_read_print_and_download_outsiders_do_not(client, world, meeting):
    gap = _gap(world.network)
    client.force_login(world.owner)
    client.post(reverse("events:minutes_edit", args=[meeting.pk]),
                form(world, gap, due=timezone.localdate() + timedelta(days=5)))
    client.force_login(world.partner)
    assert client.get(reverse("events:minutes", args=[meeting.pk])).status_code == 200
    printed = client.get(reverse("events:minutes", args=[meeting.pk]), {"ansicht": "druck"}).content.decode()
    assert "print.css" in printed and "Übergänge Jobcenter – Beratung" in printed
    assert client.get(reverse("events:minutes", args=[meeting.pk]), {"ansicht": "x"}).status_code == 400
    word = client.get(reverse("events:minutes_docx", args=[meeting.pk]))
    assert word["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    text = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    assert "Protokoll: Austauschtreffen der Beratung" in text and "Übergänge Jobcenter – Beratung" in text
    cells = [c.text for t in Document(io.BytesIO(word.content)).tables for row in t.rows for c in row.cells]
    assert "Entwurf des Übergabebogens verschicken" in cells and "partner" in cells
    client.force_login(world.outsider)
    assert client.get(reverse("events:minutes", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("events:minutes_docx", args=[meeting.pk])).status_code == 404
    client.force_login(world.funder)
    assert client.get(reverse("events:minutes", args=[meeting.pk])).status_code == 403


def test_an_overdue_action_is_on_its_owners_start_page_until_ticked_off(client, world, meeting):
    minutes = Minutes.objects.create(event=meeting, written_by=world.owner)
    late = Action.objects.create(minutes=minutes, text="Liste der Sprachkurse aktualisieren", owner=world.partner,
                                 due_on=timezone.localdate() - timedelta(days=3))
    Action.objects.create(minutes=minutes, text="Raum buchen", owner=world.owner, due_on=timezone.localdate())
    client.force_login(world.partner)
    start = client.get(reverse("directory:dashboard")).content.decode()
    assert "1 Vereinbarung ist überfällig." in start and "Liste der Sprachkurse aktualisieren" in start
    assert "Raum buchen" not in start
    client.force_login(world.owner)  # not the owner of that action: cannot tick it off
    assert client.post(reverse("events:action_done", args=[late.pk])).status_code == 404
    client.force_login(world.partner)
    done = client.post(reverse("events:action_done", args=[late.pk]), {"next": "https://example.org/"})
    assert done.status_code == 302 and done.url == reverse("events:minutes", args=[meeting.pk])
    late.refresh_from_db()
    assert late.done_on == timezone.localdate()
    assert "überfällig" not in client.get(reverse("directory:dashboard")).content.decode()


def test_ticking_done_in_the_form_and_removing_an_action(client, world, meeting):
    minutes = Minutes.objects.create(event=meeting, written_by=world.owner)
    keep = Action.objects.create(minutes=minutes, text="Bogen abstimmen", owner=world.owner,
                                 due_on=timezone.localdate())
    drop = Action.objects.create(minutes=minutes, text="Doppelt", owner=world.owner, due_on=timezone.localdate())
    client.force_login(world.owner)
    data = {"agenda": "", "results": "", "other_participants": "", "aktion-TOTAL_FORMS": "2",
            "aktion-INITIAL_FORMS": "2", "aktion-MIN_NUM_FORMS": "0", "aktion-MAX_NUM_FORMS": "50"}
    for n, action in enumerate((keep, drop)):
        data |= {f"aktion-{n}-id": action.pk, f"aktion-{n}-minutes": minutes.pk, f"aktion-{n}-text": action.text,
                 f"aktion-{n}-owner": world.owner.pk, f"aktion-{n}-due_on": action.due_on.isoformat()}
    data |= {"aktion-0-done": "on", "aktion-1-DELETE": "on"}
    response = client.post(reverse("events:minutes_edit", args=[meeting.pk]), data)
    assert response.status_code == 302
    assert list(Action.objects.values_list("text", "done_on")) == [("Bogen abstimmen", timezone.localdate())]
