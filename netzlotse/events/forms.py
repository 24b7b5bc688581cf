"""The calendar's filters and the registration form."""

import re
from datetime import datetime, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzlotse.core.dates import NotADate, parse_date
from netzlotse.core.forms import FastSelect, KernFormMixin, style_widgets
from netzlotse.directory.models import ProcessChain
from netzlotse.network.models import Organization, Project, Region

from .calendar import MOBILE
from .models import Event, Kind, Series

DEFAULT_WEEKS = 8
LONGEST = timedelta(days=366)


class CalendarForm(KernFormMixin, forms.Form):
    art = forms.ChoiceField(label=_("Art"), required=False,
                            choices=[("", _("alle"))] + list(Kind.choices) + [(MOBILE, _("Mobile Beratung"))])
    kreis = forms.ModelChoiceField(label=_("Kreis"), required=False, to_field_name="ags", empty_label=_("alle"),
                                   queryset=Region.objects.filter(level=Region.Level.DISTRICT).order_by("name"),
                                   widget=FastSelect)  # 400 districts: rendered in Python, not per option template
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


SESSION_LINE = re.compile(r"^\s*(?P<day>\S+)\s+(?P<start>\d{1,2}:\d{2})\s*[-–]\s*(?P<end>\d{1,2}:\d{2})\s*$")


class EventForm(KernFormMixin, forms.ModelForm):
    """An event with its sessions, one per line: `TT.MM.JJJJ HH:MM-HH:MM`."""

    sessions_text = forms.CharField(label=_("Termine"), widget=forms.Textarea(attrs={"rows": 4}),
                                    help_text=_("Ein Termin je Zeile, z. B. 12.03.2027 09:00-13:00"))
    audience_kinds = forms.MultipleChoiceField(label=_("für Fachkräfte aus"), required=False,
                                               choices=Organization.Kind.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Event
        fields = ["kind", "title_de", "title_en", "description_de", "description_en", "organizer", "project", "series",
                  "status", "address", "district", "online_url", "capacity", "registration_opens",
                  "registration_closes", "public", "cost", "phases", "fields_of_action", "feedback_survey",
                  "followup_survey", "followup_weeks"]
        widgets = {"phases": forms.SelectMultiple(attrs={"size": 6}),
                   "fields_of_action": forms.SelectMultiple(attrs={"size": 6}),
                   "registration_opens": forms.DateTimeInput(attrs={"type": "datetime-local"}),
                   "registration_closes": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def __init__(self, *args, organizations, surveys, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = organizations
        for name in ("feedback_survey", "followup_survey"):
            self.fields[name].queryset = surveys
        self.fields["feedback_survey"].help_text = _("geht nach dem letzten Termin an alle, die da waren")
        self.fields["followup_weeks"].required = False
        self.fields["project"].queryset = Project.objects.filter(lead__in=organizations).order_by("name")
        self.fields["series"].queryset = Series.objects.filter(organizer__in=organizations)
        self.fields["district"].queryset = Region.objects.filter(level=Region.Level.DISTRICT).order_by("name")
        self.fields["phases"].queryset = ProcessChain.objects.default().phases.order_by("position")  # the shared chain
        self.fields["audience_kinds"].initial = self.instance.audience_kinds
        if self.instance.pk:
            self.fields["sessions_text"].initial = "\n".join(
                f"{timezone.localtime(s.starts_at):%d.%m.%Y %H:%M}-{timezone.localtime(s.ends_at):%H:%M}"
                for s in self.instance.sessions.all())
        style_widgets(self.fields)

    def clean_sessions_text(self):
        found, now = [], timezone.now()
        known = {s.starts_at for s in self.instance.sessions.all()} if self.instance.pk else set()
        for number, line in enumerate(self.cleaned_data["sessions_text"].splitlines(), start=1):
            if not line.strip():
                continue
            match = SESSION_LINE.match(line)
            try:
                day = parse_date(match.group("day")) if match else None
                start, end = (datetime.strptime(match.group(k), "%H:%M").time() for k in ("start", "end")) if match \
                    else (None, None)
            except (NotADate, ValueError):
                day = None
            if day is None:
                raise ValidationError(_("Zeile %(n)d: bitte „TT.MM.JJJJ HH:MM-HH:MM“, nicht „%(line)s“.")
                                      % {"n": number, "line": line.strip()[:40]})
            starts_at = timezone.make_aware(datetime.combine(day, start))
            ends_at = timezone.make_aware(datetime.combine(day, end))
            if ends_at <= starts_at:
                raise ValidationError(_("Zeile %(n)d: das Ende liegt vor dem Beginn.") % {"n": number})
            if starts_at < now and starts_at not in known:
                raise ValidationError(_("Zeile %(n)d: dieser Termin liegt in der Vergangenheit.") % {"n": number})
            found.append((starts_at, ends_at))
        if not found:
            raise ValidationError(_("Bitte mindestens einen Termin angeben."))
        return found

    def clean_followup_weeks(self):
        return self.cleaned_data.get("followup_weeks") or Event._meta.get_field("followup_weeks").default

    def clean(self):
        data = super().clean()
        opens, closes = data.get("registration_opens"), data.get("registration_closes")
        if opens and closes and closes < opens:
            self.add_error("registration_closes", _("Das Ende der Anmeldung liegt vor ihrem Beginn."))
        if not data.get("address") and not data.get("online_url"):
            self.add_error("address", _("Bitte eine Adresse oder einen Link zur Online-Teilnahme angeben."))
        return data

    def save(self, commit=True):
        kinds = self.cleaned_data.get("audience_kinds") or []
        self.instance.audience = f",{','.join(kinds)}," if kinds else ""
        return super().save(commit)


class PersonExportForm(KernFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse der Person"),
                             help_text=_("Alle Anmeldungen mit dieser Adresse in Ihren Veranstaltungen, als Excel-Datei"))
