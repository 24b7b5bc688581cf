"""The report's parameters (programme, cut-off dates, indicator groups, breakdowns, filters) and the
forms for a programme's cut-off series and targets."""

from datetime import date

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from netzlotse.cases.models import Participant
from netzlotse.core.forms import FastSelect, KernForm, style_widgets
from netzlotse.directory.models import ResidenceStatus, TargetGroup
from netzlotse.network.forms import DISTRICT_KEY
from netzlotse.network.models import Organization, Programme, Project, Region

from . import breakdowns as bd
from .indicators import GROUPS, INDICATORS, STATA
from .report import Scope
from .scope import MAX_DATES, ScopeError, parse_dates, programmes_for

MAX_BREAKDOWNS = 3
CHECKBOXES = forms.CheckboxSelectMultiple


def default_dates(today: date) -> list[date]:
    """The first day of each of the last six months, as a report usually starts."""
    days, year, month = [], today.year, today.month
    for _month in range(6):
        days.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return sorted(days)


def _filter_choices(programmes) -> dict[str, list]:
    """Choices for each filter, read from the reference tables (never from the events, which are many)."""
    none = [("", _("alle"))]
    providers = Organization.objects.filter(Q(led_projects__programme__in=programmes)
                                            | Q(partner_projects__programme__in=programmes)).distinct()
    return {
        "jobcenter": none + [(o.pk, o.name) for o in Organization.objects.filter(kind=Organization.Kind.JOBCENTER)
                             .order_by("name")],
        "traeger": none + [(o.pk, o.name) for o in providers.order_by("name")],
        "kreis": none + [(getattr(r, DISTRICT_KEY), r.label) for r in Region.objects.districts().order_by("name")],
        "geschlecht": none + list(Participant.Gender.choices),
        "altersgruppe": none + bd.AGE_BANDS,
        "zielgruppe": none + [(t.pk, str(t)) for t in TargetGroup.objects.filter(is_active=True)],
        "aufenthaltsstatus": none + [(s.pk, str(s)) for s in ResidenceStatus.objects.filter(is_active=True)],
    }


INTEGER_KEYS = {"jobcenter", "traeger", "zielgruppe", "aufenthaltsstatus"}


class ReportForm(KernForm):
    programm = forms.ModelChoiceField(label=_("Förderprogramm"), queryset=Programme.objects.none(), widget=FastSelect,
                                      empty_label=_("– bitte wählen –"))
    stichtage = forms.CharField(label=_("Stichtage"), max_length=200, required=False,
                                help_text=_("TT.MM.JJJJ, durch Komma getrennt, höchstens zwölf; leer: die Stichtage "
                                            "des Programms"))
    kennzahlen = forms.MultipleChoiceField(label=_("Kennzahlen"), choices=list(GROUPS.items()), required=False,
                                           widget=CHECKBOXES, initial=[STATA])
    aufschluesselung = forms.MultipleChoiceField(
        label=_("Aufschlüsseln nach"), required=False, widget=CHECKBOXES,
        choices=[(b.code, b.label) for b in bd.BREAKDOWNS],
        help_text=_("höchstens drei"))
    projekt = forms.ModelChoiceField(label=_("Projekt"), queryset=Project.objects.none(), required=False,
                                     widget=FastSelect, empty_label=_("alle"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        programmes = programmes_for(user)
        self.fields["programm"].queryset = programmes.order_by("name")
        self.fields["projekt"].queryset = Project.objects.filter(programme__in=programmes).order_by("name")
        for code, choices in _filter_choices(programmes).items():
            self.fields[code] = forms.ChoiceField(label=bd.BY_CODE[code].label, choices=choices, required=False,
                                                  widget=FastSelect)
        self.order_fields(["programm", "stichtage", "kennzahlen", "aufschluesselung", "projekt"])

    def filter_fields(self):
        return [self["projekt"], *[self[code] for code in _FILTERS]]

    def clean_stichtage(self):
        text = self.cleaned_data["stichtage"].strip()
        if not text:
            return []
        try:
            return parse_dates(text)
        except ScopeError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_aufschluesselung(self):
        chosen = self.cleaned_data["aufschluesselung"]
        if len(chosen) > MAX_BREAKDOWNS:
            raise forms.ValidationError(_("Höchstens drei Aufschlüsselungen auf einmal."))
        return chosen

    def clean(self):
        data = super().clean()
        project, programme = data.get("projekt"), data.get("programm")
        if project and programme and project.programme_id != programme.pk:
            self.add_error("projekt", _("Das Projekt gehört nicht zu diesem Programm."))
        return data

    @property
    def groups(self) -> list[str]:
        return self.cleaned_data.get("kennzahlen") or [STATA]

    def dates(self, today: date) -> list[date]:
        chosen = self.cleaned_data["stichtage"]
        if chosen:
            return chosen
        series = list(self.cleaned_data["programm"].cutoffs.order_by("-date").values_list("date", flat=True)
                      [:MAX_DATES])
        return sorted(series) or default_dates(today)

    def scope(self) -> Scope:
        filters = {}
        for code in _FILTERS:
            value = self.cleaned_data.get(code)
            if value and code == "kreis":  # chosen by its official key, counted by its id
                filters[code] = Region.objects.get(**{DISTRICT_KEY: value}).pk
            elif value:
                filters[code] = int(value) if code in INTEGER_KEYS else value
        return Scope(programme=self.cleaned_data["programm"], project=self.cleaned_data.get("projekt"), filters=filters)

    def parameters(self, *, today: date) -> dict:
        """The parsed parameters, for `report.build` (page, export job and print view alike)."""
        return {"scope": self.scope(), "dates": self.dates(today), "groups": self.groups,
                "breakdowns": self.cleaned_data["aufschluesselung"]}

    @property
    def steps(self) -> int:
        """How many steps building and writing it takes: the table, each breakdown, the file."""
        return 2 + len(self.cleaned_data["aufschluesselung"])


_FILTERS = ["jobcenter", "traeger", "kreis", "geschlecht", "altersgruppe", "zielgruppe", "aufenthaltsstatus"]


class CutoffAddForm(KernForm):
    stichtage = forms.CharField(label=_("Stichtage hinzufügen"), max_length=200,
                                help_text=_("TT.MM.JJJJ, durch Komma getrennt"))

    def clean_stichtage(self):
        try:
            return parse_dates(self.cleaned_data["stichtage"])
        except ScopeError as exc:
            raise forms.ValidationError(str(exc)) from None


class TargetForm(KernForm):
    """One number field per indicator that can have a target (every indicator but the ratios)."""

    def __init__(self, *args, current: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for indicator in INDICATORS:
            if indicator.is_ratio:
                continue
            self.fields[indicator.code] = forms.IntegerField(label=indicator.label, required=False, min_value=0,
                                                             max_value=10_000_000, initial=current.get(indicator.code))
        style_widgets(self.fields)  # the fields above came after the form styled its own


class EsfReportForm(KernForm):
    projekt = forms.ModelChoiceField(label=_("Projekt"), queryset=Project.objects.none(), widget=FastSelect,
                                     empty_label=_("– bitte wählen –"))
    von = forms.DateField(label=_("von"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    bis = forms.DateField(label=_("bis"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projekt"].queryset = Project.objects.filter(programme__in=programmes_for(user)).order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("von") and data.get("bis") and data["bis"] < data["von"]:
            self.add_error("bis", _("Das Ende liegt vor dem Beginn."))
        return data

    def scope(self) -> Scope:
        project = self.cleaned_data["projekt"]
        return Scope(programme=project.programme, project=project)
