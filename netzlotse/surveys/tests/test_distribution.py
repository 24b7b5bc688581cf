"""Sending a survey out: invitees drawn from the directory's organisations by kind, region and network or typed
in, invitations and reminders written by the task worker through Django's mail framework, once each."""

from django.core import mail
from django.urls import reverse

from netzlotse.network.models import Organization, Region
from netzlotse.surveys.forms import InviteForm
from netzlotse.surveys.models import Invitation
from netzlotse.surveys.services import invitations_add, respond
from netzlotse.surveys.tests.factories import feedback_survey


def organisations():
    saxony, dresden = Region.objects.get(ags="14"), Region.objects.get(ags="14612")
    jobcenter = Organization.objects.create(name="Jobcenter Dresden", kind="jobcenter", email="jc@example.org")
    jobcenter.regions.add(dresden)
    chamber = Organization.objects.create(name="IHK", kind="chamber", email="ihk@example.org")
    chamber.regions.add(Region.objects.get(ags="09162"))
    silent = Organization.objects.create(name="ohne Adresse", kind="jobcenter")
    silent.regions.add(dresden)
    return saxony, jobcenter, chamber


def test_invitees_come_from_the_directory_by_kind_and_region_and_from_typed_addresses(world):
    saxony, jobcenter, _chamber = organisations()
    form = InviteForm({"kinds": ["jobcenter", "chamber"], "region": saxony.pk,
                       "addresses": "Frau Muster <muster@example.org>\nplain@example.org"})
    assert form.is_valid(), form.errors
    found = {(email, org) for email, _name, org in form.recipients()}
    assert found == {("jc@example.org", jobcenter.pk), ("muster@example.org", None), ("plain@example.org", None)}
    bad = InviteForm({"addresses": "kein-at-zeichen"})
    assert not bad.is_valid() and "Zeile 1" in str(bad.errors)


def test_invitations_and_reminders_go_out_once_each_after_the_request(client, world, after_commit):
    survey = feedback_survey(world.provider_a, anonymous=False)
    client.force_login(world.owner)
    client.post(reverse("surveys:invite", args=[survey.pk]), {"addresses": "a@example.org\nb@example.org"})
    client.post(reverse("surveys:invite", args=[survey.pk]), {"addresses": "A@example.org"})  # already invited
    assert survey.invitations.count() == 2
    page = client.get(reverse("surveys:distribute", args=[survey.pk])).content.decode()
    assert "a…@example.org" in page and "a@example.org" not in page  # a person's address is not shown whole
    with after_commit():
        client.post(reverse("surveys:send", args=[survey.pk]), {"was": "einladungen"})
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    first = next(m for m in mail.outbox if m.to == ["a@example.org"])
    token = Invitation.objects.get(email="a@example.org").token
    assert first.subject == "Einladung zur Umfrage: Seminarfeedback" and f"/u/e/{token}/" in first.body
    with after_commit():
        client.post(reverse("surveys:send", args=[survey.pk]), {"was": "einladungen"})
    assert len(mail.outbox) == 2  # nobody is invited twice
    respond(survey=survey, given={"useful": "5"}, invitation=Invitation.objects.get(email="a@example.org"))
    with after_commit():
        client.post(reverse("surveys:send", args=[survey.pk]), {"was": "erinnerungen"})
    assert [m.to for m in mail.outbox[2:]] == [["b@example.org"]] and mail.outbox[2].subject.startswith("Erinnerung")


def test_nothing_is_sent_before_the_survey_runs(client, world):
    survey = feedback_survey(world.provider_a, live=False)
    invitations_add(survey=survey, recipients=[("x@example.org", "", None)])
    client.force_login(world.owner)
    response = client.post(reverse("surveys:send", args=[survey.pk]), {"was": "einladungen"}, follow=True)
    assert "erst hinaus, wenn die Umfrage läuft" in response.content.decode() and not mail.outbox


def test_the_distribution_page_lists_links_per_occasion(client, world):
    survey = feedback_survey(world.provider_a)
    client.force_login(world.owner)
    client.post(reverse("surveys:occasion_create", args=[survey.pk]), {"title": "Seminar Leipzig",
                                                                       "held_on": "2026-11-03"})
    page = client.get(reverse("surveys:distribute", args=[survey.pk])).content.decode()
    occasion = survey.occasions.get()
    assert "Seminar Leipzig" in page and reverse("respond:occasion", args=[survey.uuid, occasion.uuid]) in page
    refused = client.post(reverse("surveys:occasion_create", args=[survey.pk]), {"title": ""})
    assert refused.status_code == 400


def test_the_invitation_list_can_be_deleted_and_the_responses_stay(client, world):
    survey = feedback_survey(world.provider_a, anonymous=False)
    invitations_add(survey=survey, recipients=[("a@example.org", "A", None), ("b@example.org", "B", None)])
    response = respond(survey=survey, given={"useful": "4"}, invitation=survey.invitations.get(email="a@example.org"))
    client.force_login(world.owner)
    client.post(reverse("surveys:invitations_remove", args=[survey.pk]))
    assert not Invitation.objects.exists() and survey.responses.get() == response
