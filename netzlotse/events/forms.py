"""The calendar's filters and the registration form."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzlotse.core.forms import KernFormMixin
from netzlotse.network.models import Organization, Region

from .calendar import MOBILE
from .models import Kind

DEFAULT_WEEKS = 8
LONGEST = timedelta(days=366)


class CalendarForm(KernFormMixin, forms.Form):
    art = forms.ChoiceField(label=_("Art"), required=False,
                            choices=[("", _("alle"))] + list(Kind.choices) + [(MOBILE, _("Mobile Beratung"))])
    kreis = forms.ModelChoiceField(label=_("Kreis"), required=False, to_field_name="ags", empty_label=_("alle"),
                                   queryset=Region.objects.filter(level=Region.Level.DISTRICT).order_by("name"))
    fuer = forms.ChoiceField(label=_("Für"), required=False, choices=[("", _("alle")), ("public", _("die Öffentlichkeit"))]
                             + [(k, _("Fachkräfte: %(kind)s") % {"kind": label}) for k, label in Organization.Kind.choices])
    von = forms.DateField(label=_("von"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    bis = forms.DateField(label=_("bis"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        first = data.get("von") or timezone.localdate()
        last = data.get("bis") or first + timedelta(weeks=DEFAULT_WEEKS)
        if last < first:
            self.add_error("bis", _("Das Ende liegt vor dem Beginn."))
        elif last - first > LONGEST:
            self.add_error("bis", _("Bitte höchstens ein Jahr auf einmal."))
        data["von"], data["bis"] = first, last
        return data

    def filters(self) -> dict:
        data = self.cleaned_data
        return {"first": data["von"], "last": data["bis"], "kind": data.get("art") or "", "district": data.get("kreis"),
                "audience": data.get("fuer") or ""}


class RegistrationForm(KernFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-Mail"))
    organization_name = forms.CharField(label=_("Organisation"), max_length=250, required=False)
    needs = forms.CharField(label=_("Brauchen Sie Unterstützung?"), max_length=500, required=False,
                            help_text=_("z. B. Dolmetschen, barrierefreier Zugang, Kinderbetreuung"))
    consent = forms.BooleanField(label=_("Ich bin einverstanden, dass der Veranstalter meine Angaben für diese "
                                         "Veranstaltung verwendet; sie werden danach gelöscht."))
