"""Input that cannot be right is refused at its field with a German message, and nothing is saved."""

from datetime import timedelta

from django.utils import timezone

from netzlotse.cases.forms import ContactForm, ParticipantForm
from netzlotse.cases.models import Contact, Participant

TOMORROW = timezone.localdate() + timedelta(days=1)


def test_a_birth_date_in_the_future_is_refused(world):
    form = ParticipantForm({"first_name": "A", "last_name": "B", "birth_date": TOMORROW.isoformat(), "gender": "f"},
                           instance=Participant(organization=world.provider_a))
    assert not form.is_valid()
    assert form.errors["birth_date"] == ["Das Geburtsdatum liegt in der Zukunft."]


def test_a_contact_in_the_future_or_followed_by_an_earlier_one_is_refused(world):
    today = timezone.localdate()
    future = ContactForm({"kind": "counselling", "date": TOMORROW.isoformat()}, instance=Contact())
    assert not future.is_valid() and "in der Zukunft" in future.errors["date"][0]
    backwards = ContactForm({"kind": "counselling", "date": today.isoformat(),
                             "next_contact_on": (today - timedelta(days=3)).isoformat()}, instance=Contact())
    assert not backwards.is_valid()
    assert backwards.errors["next_contact_on"] == ["Der nächste Kontakt liegt vor diesem Kontakt."]
