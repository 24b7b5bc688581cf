"""Finding 7 of the security review: two people editing one record at once — the second save is refused with
a message naming the change made meanwhile, instead of silently overwriting it (offers, case plans, gaps)."""

from django.urls import reverse

from netzlotse.cases.tests.test_pages import open_case, verified
from netzlotse.gaps.models import Gap


def _form_data(form):
    """What the browser sends back for a form as it was opened (initial values, hidden version included)."""
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, (list, tuple)) or hasattr(value, "all"):
            data[name] = [getattr(v, "pk", v) for v in (value.all() if hasattr(value, "all") else value)]
        else:
            data[name] = getattr(value, "pk", value)
    return data


def test_the_second_save_of_an_offer_is_refused_with_what_changed(client, world):
    client.force_login(world.owner)
    url = reverse("directory:edit", args=[world.offer_a.pk])
    opened = client.get(url).context["form"]
    first, second = _form_data(opened), _form_data(opened)
    for data in (first, second):
        data.update({"orte-TOTAL_FORMS": 0, "orte-INITIAL_FORMS": 0})
    first["title_de"] = "Anerkennungsberatung (neu)"
    assert client.post(url, first).status_code == 302
    second["title_de"] = "Anerkennungsberatung (anders)"
    refused = client.post(url, second)
    assert refused.status_code == 200
    message = " ".join(refused.context["form"].non_field_errors())
    assert "nachdem Sie das Formular geöffnet haben" in message and "Titel" in message
    world.offer_a.refresh_from_db()
    assert world.offer_a.title_de == "Anerkennungsberatung (neu)"


def test_the_second_save_of_a_case_plan_is_refused(client, world):
    case = open_case(world.provider_a)
    verified(client, world.counsellor)
    url = reverse("cases:plan", args=[case.pk])
    opened = _form_data(client.get(url).context["form"])
    assert client.post(url, {**opened, "goals": "Arbeit im Einzelhandel"}).status_code == 302
    refused = client.post(url, {**opened, "goals": "Ausbildung"})
    assert "nachdem Sie das Formular geöffnet haben" in " ".join(refused.context["form"].non_field_errors())
    case.refresh_from_db()
    assert case.goals == "Arbeit im Einzelhandel"


def test_the_second_save_of_a_gap_is_refused(client, world):
    from netzlotse.directory.models import Phase
    from netzlotse.network.models import Region

    phase = Phase.objects.filter(chain__is_default=True).first()
    gap = Gap.objects.create(network=world.network, kind=Gap.Kind.NO_OFFER, district=Region.objects.get(ags="14628"),
                             phase=phase, chain=phase.chain)
    client.force_login(world.coordinator)
    url = reverse("gaps:gap", args=[gap.pk])
    opened = _form_data(client.get(url).context["update_form"])
    assert client.post(url, {**opened, "status": "communicated", "notes": "an alle Projekte"}).status_code == 302
    refused = client.post(url, {**opened, "status": "measure_planned", "notes": "anders"})
    assert "nachdem Sie das Formular geöffnet haben" in " ".join(refused.context["update_form"].non_field_errors())
    gap.refresh_from_db()
    assert (gap.status, gap.notes) == ("communicated", "an alle Projekte")
