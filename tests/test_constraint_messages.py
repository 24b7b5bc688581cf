"""Every check constraint of the data model answers a form (and the admin, which validates the same way) with a
German message at the field the user has to change, never with the constraint's name. A new constraint
without such a check fails the first test until it is added to VIOLATIONS."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from netzlotse.cases.models import PlacementSite
from netzlotse.directory.models import Location, MobileDate, Offer, OpeningHours
from netzlotse.events.models import Event, Session
from netzlotse.monitoring.models import Target
from netzlotse.network.models import Network, NetworkMembership, Organization, Programme, Project, Region

# constraint name → (a builder of a violating instance, the field where the message must appear)
VIOLATIONS = {
    "offer_valid_range": (lambda o: Offer(provider=o["org"], title_de="Kurs", valid_from=date(2026, 5, 1),
                                          valid_until=date(2026, 4, 1)), "valid_until"),
    "offer_age_range": (lambda o: Offer(provider=o["org"], title_de="Kurs", min_age=30, max_age=20), "max_age"),
    "hours_order": (lambda o: OpeningHours(location=o["location"], weekday=0, opens=time(12), closes=time(9)),
                    "closes"),
    "mobile_date_order": (lambda o: MobileDate(location=o["location"], date=date(2026, 5, 1), starts=time(14),
                                               ends=time(10)), "ends"),
    "site_valid_range": (lambda o: PlacementSite(organization=o["org"], name="Werkstatt", slots=2,
                                                 valid_from=date(2026, 5, 1), valid_until=date(2026, 1, 1)),
                         "valid_until"),
    "membership_period": (lambda o: NetworkMembership(network=o["network"], organization=o["org"], role="cooperation_partner",
                                               since=date(2026, 5, 1), until=date(2026, 1, 1)), "until"),
    "session_order": (lambda o: Session(event=o["event"], starts_at=datetime(2026, 5, 1, 14, tzinfo=UTC),
                                        ends_at=datetime(2026, 5, 1, 10, tzinfo=UTC)), "ends_at"),
    "target_programme_xor_project": (lambda o: Target(programme=o["programme"], project=o["project"],
                                                      indicator="admissions", value=10), "project"),
}


def check_constraints():
    return {constraint.name: model for model in apps.get_models() if model.__module__.startswith("netzlotse.")
            for constraint in model._meta.constraints if isinstance(constraint, models.CheckConstraint)}


def test_every_check_constraint_has_a_message_at_a_field():
    assert set(check_constraints()) == set(VIOLATIONS)


@pytest.fixture
def objects(db):
    org = Organization.objects.create(name="Träger Nord")
    district = Region.objects.get(ags="15090")
    offer = Offer.objects.create(provider=org, title_de="Beratung", cost_eur=Decimal("0"))
    programme = Programme.objects.create(name="Landesprogramm")
    return {"org": org, "network": Network.objects.create(name="Netz", coordinator=org),
            "location": Location.objects.create(offer=offer, city="Stendal", district=district),
            "programme": programme, "event": Event.objects.create(organizer=org, title_de="Seminar"),
            "project": Project.objects.create(name="Projekt", lead=org, programme=programme)}


@pytest.mark.parametrize("name", sorted(VIOLATIONS))
def test_a_violation_is_named_in_german_at_its_field(objects, name):
    build, field = VIOLATIONS[name]
    instance = build(objects)
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    errors = caught.value.message_dict
    assert field in errors, errors
    text = " ".join(message for messages in errors.values() for message in messages)
    assert name not in text and "constraint" not in text.casefold()
    assert not type(instance).objects.filter(pk=instance.pk).exists() if instance.pk else True
