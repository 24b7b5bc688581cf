"""A network's service chain applied to a case: due dates from the expected durations, steps ticked off."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from netzlotse.cases.models import CaseEvent, CaseStep
from netzlotse.cases.services import service_chain_apply
from netzlotse.directory.models import Phase, ServiceChain
from netzlotse.directory.services import service_chain_save
from netzlotse.network.models import Network

from .test_pages import open_case, verified

TODAY = timezone.localdate()


def make_chain(network):
    chain = ServiceChain(network=network, name="Stabilisierung und Arbeitsgelegenheit")
    service_chain_save(chain=chain, steps=[
        {"title": "Gemeinsames Profiling", "responsible_kind": "jobcenter", "expected_days": 14,
         "phase": Phase.objects.get(chain__is_default=True, code="zugang")},
        {"title": "Suchtberatung", "responsible_kind": "counselling", "expected_days": 30},
        {"title": "Arbeitsgelegenheit", "responsible_kind": "provider", "expected_days": 60}])
    return chain


def test_applying_a_chain_plans_each_step_after_the_ones_before(world):
    case = open_case(world.provider_a)
    steps = service_chain_apply(case=case, chain=make_chain(world.network), by=None, start=TODAY)
    assert [(s.position, s.due_on) for s in steps] == [
        (1, TODAY + timedelta(days=14)), (2, TODAY + timedelta(days=44)), (3, TODAY + timedelta(days=104))]
    assert case.events.get(type=CaseEvent.Type.CHAIN_APPLIED).data["steps"] == 3


def test_later_edits_of_the_template_leave_the_planned_steps_alone(world):
    case = open_case(world.provider_a)
    chain = make_chain(world.network)
    service_chain_apply(case=case, chain=chain, by=None)
    service_chain_save(chain=chain, steps=[{"title": "Neu", "responsible_kind": "provider", "expected_days": 1}])
    assert list(case.steps.values_list("title", flat=True)) == ["Gemeinsames Profiling", "Suchtberatung",
                                                                "Arbeitsgelegenheit"]


def test_the_case_page_applies_a_chain_and_ticks_steps_off_in_place(client, world):
    case = open_case(world.provider_a)
    chain = make_chain(world.network)
    verified(client, world.counsellor)
    page = client.get(reverse("cases:case", args=[case.pk])).content.decode()
    assert "Stabilisierung und Arbeitsgelegenheit" in page  # offered, as provider A is a network member
    client.post(reverse("cases:chain_apply", args=[case.pk]), {"chain": chain.pk})
    step = case.steps.get(position=1)
    response = client.post(reverse("cases:step_tick", args=[case.pk, step.pk]), {"done": "1"},
                           headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="steps"') and "erledigt am" in html and "<html" not in html
    step.refresh_from_db()
    assert step.done_on == TODAY and step.done_by == world.counsellor
    client.post(reverse("cases:step_tick", args=[case.pk, step.pk]), {"done": "0"})
    step.refresh_from_db()
    assert step.done_on is None
    assert [e.type for e in case.events.filter(type__startswith="step_")] == ["step_done", "step_reopened"]


def test_chains_of_other_networks_and_steps_of_other_cases_are_out_of_reach(client, world):
    case, other_case = open_case(world.provider_a), open_case(world.provider_c, last="Fremd")
    foreign_chain = make_chain(Network.objects.create(name="Fremdes Netz", coordinator=world.provider_c))
    verified(client, world.counsellor)
    assert client.post(reverse("cases:chain_apply", args=[case.pk]), {"chain": foreign_chain.pk}).status_code == 404
    foreign_step = service_chain_apply(case=other_case, chain=foreign_chain, by=None)[0]
    assert client.post(reverse("cases:step_tick", args=[case.pk, foreign_step.pk]), {"done": "1"}).status_code == 404
    assert client.post(reverse("cases:step_tick", args=[other_case.pk, foreign_step.pk]),
                       {"done": "1"}).status_code == 404
    assert not CaseStep.objects.filter(done_on__isnull=False).exists()


def test_overdue_steps_are_on_the_due_list(client, world):
    case = open_case(world.provider_a)
    case.counsellors.add(world.counsellor)
    service_chain_apply(case=case, chain=make_chain(world.network), by=None, start=TODAY - timedelta(days=20))
    verified(client, world.counsellor)
    due = client.get(reverse("cases:due")).content.decode()
    assert "Gemeinsames Profiling" in due and "Suchtberatung" not in due


def test_the_start_page_counts_what_is_due_without_naming_anyone(client, world):
    from netzlotse.cases.models import Referral

    case = open_case(world.provider_a)
    case.counsellors.add(world.counsellor)
    service_chain_apply(case=case, chain=make_chain(world.network), by=None, start=TODAY - timedelta(days=20))
    Referral.objects.create(case=open_case(world.provider_b, last="Partner"), recipient=world.provider_a,
                            consent=None)  # without consent nothing is shared, so it does not count
    client.force_login(world.counsellor)
    page = client.get(reverse("directory:dashboard"))
    panel = dict(page.context["panels"])["cases/dashboard_panel.html"]
    assert panel["counts"]["steps"] == 1 and panel["open_cases"] == 1 and panel["referrals_waiting"] == 0
    html = page.content.decode()
    assert "Ihre Fälle: was ansteht" in html and case.participant.code not in html
    client.force_login(world.funder)
    assert "Ihre Fälle: was ansteht" not in client.get(reverse("directory:dashboard")).content.decode()
