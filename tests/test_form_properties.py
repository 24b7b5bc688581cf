"""Whatever is typed into a form: validating it never fails with an exception, a message never shows a
constraint's name, and what a form accepts is a row the database accepts (so nothing invalid is saved).
Each form of the application is drawn from its own fields: dates in the past and future and malformed,
negative and huge numbers, unknown choices, long and odd text."""

from datetime import date

import pytest
from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netzlotse.cases.forms import ContactForm, EsfForm, NeedForm, ParticipantForm, PlanForm, ResidenceForm
from netzlotse.cases.models import Case, Contact, EsfRecord, Need, Participant, ResidenceRecord
from netzlotse.cases.site_forms import SiteForm
from netzlotse.directory.forms import ChainForm, OfferForm, ServiceChainForm
from netzlotse.directory.models import Offer, Phase, ProcessChain
from netzlotse.gaps.forms import DemandForm, InterfaceForm, MeasureForm
from netzlotse.gaps.models import DemandFigure, Gap, Interface, Measure
from netzlotse.network.forms import (
    CooperationForm,
    MembershipForm,
    NetworkForm,
    OrganizationForm,
    ProgrammeForm,
    ProjectForm,
    RegionGroupForm,
)
from netzlotse.network.models import Network, NetworkMembership, Organization, Programme, Project, Region

FORMS = {  # form → its constructor's arguments for the objects below
    "ParticipantForm": (ParticipantForm, lambda o: {"instance": Participant(organization=o["org"])}),
    "ContactForm": (ContactForm, lambda o: {"instance": Contact(case=o["case"])}),
    "NeedForm": (NeedForm, lambda o: {"instance": Need(case=o["case"])}),
    "ResidenceForm": (ResidenceForm, lambda o: {"instance": ResidenceRecord(participant=o["case"].participant)}),
    "PlanForm": (PlanForm, lambda o: {"instance": o["case"]}),
    "EsfForm": (EsfForm, lambda o: {"instance": EsfRecord(case=o["case"]), "case": o["case"]}),
    "SiteForm": (SiteForm, lambda o: {"user": o["admin"]}),
    "OfferForm": (OfferForm, lambda o: {"instance": Offer(), "providers": Organization.objects.all()}),
    "ChainForm": (ChainForm, lambda o: {}),
    "ServiceChainForm": (ServiceChainForm, lambda o: {}),
    "OrganizationForm": (OrganizationForm, lambda o: {}),
    "ProjectForm": (ProjectForm, lambda o: {}),
    "NetworkForm": (NetworkForm, lambda o: {}),
    "MembershipForm": (MembershipForm, lambda o: {"instance": NetworkMembership(network=o["network"])}),
    "CooperationForm": (CooperationForm, lambda o: {}),
    "RegionGroupForm": (RegionGroupForm, lambda o: {}),
    "ProgrammeForm": (ProgrammeForm, lambda o: {}),
    "MeasureForm": (MeasureForm, lambda o: {"instance": Measure(gap=o["gap"]), "gap": o["gap"]}),
    "DemandForm": (DemandForm, lambda o: {"instance": DemandFigure(network=o["network"])}),
    "InterfaceForm": (InterfaceForm, lambda o: {"instance": Interface(network=o["network"]), "network": o["network"]}),
}
CONSTRAINT_NAMES = {c.name for m in apps.get_models() for c in m._meta.constraints}

ODD_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)


def _dates():
    days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
    return st.one_of(days.map(lambda d: d.strftime("%d.%m.%Y")), days.map(date.isoformat),
                     st.sampled_from(["31.02.2026", "2026-13-01", "morgen", ""]), ODD_TEXT)


def _times():
    return st.one_of(st.times().map(lambda t: t.strftime("%H:%M")), st.sampled_from(["25:00", "9 Uhr", ""]))


def _numbers():
    return st.one_of(st.integers(-10**12, 10**12).map(str), st.decimals(-10**6, 10**6, places=2).map(str),
                     st.sampled_from(["-5", "0", "1e9", "NaN", "12,50", ""]), ODD_TEXT)


def _choice(field):
    values = [str(value) for value, _label in field.choices][:40] if hasattr(field, "choices") else []
    known = st.sampled_from(values) if values else st.just("")
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return st.lists(st.one_of(known, ODD_TEXT), max_size=4)
    return st.one_of(known, known, st.sampled_from(["", "0", "999999", "nicht-da"]))


def value_for(field):
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", ""])
    if isinstance(field, forms.DateField):
        return _dates()
    if isinstance(field, forms.TimeField):
        return _times()
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return _numbers()
    if isinstance(field, forms.ChoiceField):
        return _choice(field)
    if isinstance(field, forms.EmailField):
        return st.one_of(st.emails(), ODD_TEXT)
    limit = getattr(field, "max_length", None) or 200
    return st.one_of(st.text(max_size=limit + 5), ODD_TEXT)


@pytest.fixture
def objects(db):
    User = get_user_model()
    org = Organization.objects.create(name="Träger Nord")
    Organization.objects.create(name="Jobcenter Stendal", kind=Organization.Kind.JOBCENTER)
    district = Region.objects.get(ags="15090")
    network = Network.objects.create(name="Netz", coordinator=org)
    network.regions.add(district)
    programme = Programme.objects.create(name="Landesprogramm")
    Project.objects.create(name="Projekt", lead=org, programme=programme, network=network)
    person = Participant.objects.create(organization=org, first_name="Anna", last_name="Berg")
    case = Case.objects.create(participant=person, organization=org, opened_on=date(2026, 1, 5))
    chain = ProcessChain.objects.filter(is_default=True).first()
    phase = Phase.objects.filter(chain=chain).first()
    gap = Gap.objects.create(network=network, chain=chain, phase=phase, district=district, kind=Gap.Kind.NO_OFFER)
    admin = User.objects.create_superuser("admin", "admin@example.org", "pw-Geheim-123")
    return {"org": org, "network": network, "case": case, "gap": gap, "admin": admin}


class Rollback(Exception):
    pass


@pytest.mark.parametrize("name", sorted(FORMS))
def test_no_input_breaks_a_form_or_saves_an_invalid_row(objects, name):
    form_class, arguments = FORMS[name]
    fields = form_class(**arguments(objects)).fields

    @settings(max_examples=30, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(st.fixed_dictionaries({key: value_for(field) for key, field in fields.items()}))
    def check(data):
        try:
            with transaction.atomic():
                form = form_class(data, **arguments(objects))
                valid = form.is_valid()  # must not raise
                text = " ".join(str(m) for messages in form.errors.values() for m in messages)
                assert not any(constraint in text for constraint in CONSTRAINT_NAMES), text
                if valid:
                    instance = form.save()  # an IntegrityError here: the form let an invalid row through
                    outside = [f.name for f in instance._meta.fields if f.name not in form.fields]
                    instance.full_clean(exclude=outside, validate_unique=False)  # the row as read back
                raise Rollback
        except Rollback:
            pass

    check()


def test_the_strategies_reach_the_messages_users_see(objects):
    """A sanity check of the drawing itself: a future birth date is drawn and refused at its field."""
    form = ParticipantForm({"first_name": "A", "last_name": "B", "birth_date": "05.05.2030"},
                           instance=Participant(organization=objects["org"]))
    assert not form.is_valid() and "birth_date" in form.errors
