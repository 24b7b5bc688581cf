"""The builder's forms: a survey's settings, one question with its options, a page, invitees, an export."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from netzlotse.core.forms import KernFormMixin, style_widgets
from netzlotse.core.translation import CONTENT_LANGUAGES
from netzlotse.directory.models import TargetGroup
from netzlotse.network.models import Network, Organization, Region

from .models import Occasion, Page, Question, Survey

LANGUAGE_NAMES = {"de": _("Deutsch"), "en": _("Englisch"), "ar": _("Arabisch"), "fa": _("Farsi"),
                  "uk": _("Ukrainisch"), "ru": _("Russisch"), "tr": _("Türkisch")}
REQUIRED_LANGUAGES = ("de", "en")
KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
# The labels a new scale gets when none are written (5 or 7 points, agreement).
SCALES = {
    5: [("trifft gar nicht zu", "strongly disagree"), ("trifft eher nicht zu", "disagree"),
        ("teils, teils", "neither"), ("trifft eher zu", "agree"), ("trifft voll zu", "strongly agree")],
    7: [("trifft überhaupt nicht zu", "strongly disagree"), ("trifft nicht zu", "disagree"),
        ("trifft eher nicht zu", "somewhat disagree"), ("teils, teils", "neither"), ("trifft eher zu", "somewhat agree"),
        ("trifft zu", "agree"), ("trifft voll und ganz zu", "strongly agree")],
}


def _language_fields(form, name: str, label, languages, initial: dict, *, required_de: bool, widget=None):
    for code in languages:
        form.fields[f"{name}_{code}"] = forms.CharField(
            label=f"{label} ({LANGUAGE_NAMES.get(code, code)})", required=required_de and code in REQUIRED_LANGUAGES,
            max_length=2000, initial=(initial or {}).get(code, ""), widget=widget)


def _texts(data: dict, name: str, languages) -> dict:
    return {code: data[f"{name}_{code}"].strip() for code in languages if data.get(f"{name}_{code}", "").strip()}


class SurveyForm(KernFormMixin, forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Sprachen"), choices=[(c, LANGUAGE_NAMES[c]) for c in CONTENT_LANGUAGES],
        widget=forms.CheckboxSelectMultiple, help_text=_("Deutsch und Englisch immer; Arabisch und Farsi werden "
                                                         "von rechts nach links gesetzt."))

    class Meta:
        model = Survey
        fields = ["organization", "network", "anonymous", "opens_on", "closes_on"]
        widgets = {"opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, organizations, networks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["network"].queryset = networks
        self.fields["network"].required = False
        self.fields["languages"].initial = self.instance.languages or list(REQUIRED_LANGUAGES)
        _language_fields(self, "title", _("Titel"), CONTENT_LANGUAGES, self.instance.title, required_de=True)
        self.order_fields([f"title_{c}" for c in CONTENT_LANGUAGES] + ["languages"])
        if self.instance.pk and self.instance.responses.exists():
            # Answers said whether they were given anonymously: that promise cannot change afterwards.
            self.fields["anonymous"].disabled = True
        style_widgets(self.fields)

    def clean_languages(self):
        chosen = self.cleaned_data["languages"]
        return [c for c in CONTENT_LANGUAGES if c in chosen or c in REQUIRED_LANGUAGES]

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("Das Ende liegt vor dem Beginn."))
        languages = data.get("languages") or REQUIRED_LANGUAGES
        for code in languages:
            if not data.get(f"title_{code}", "").strip():
                self.add_error(f"title_{code}", _("Bitte den Titel in jeder gewählten Sprache angeben."))
        return data

    def save(self, commit=True):
        self.instance.languages = self.cleaned_data["languages"]
        self.instance.title = _texts(self.cleaned_data, "title", self.instance.languages)
        return super().save(commit)


class QuestionForm(KernFormMixin, forms.ModelForm):
    """One question. Options are written one per line, `key | Deutsch | English | …` in the survey's languages
    (a line without key gets one from its position); a matrix has its statements in the same form."""

    options_text = forms.CharField(label=_("Antwortoptionen"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    statements_text = forms.CharField(label=_("Aussagen der Matrix"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 5}))

    class Meta:
        model = Question
        fields = ["kind", "key", "page", "required", "relevance", "scale_points", "minimum", "maximum", "dont_know"]
        widgets = {"relevance": forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"})}

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.instance.survey = survey
        languages = survey.languages or list(REQUIRED_LANGUAGES)
        order = "key | " + " | ".join(str(LANGUAGE_NAMES.get(c, c)) for c in languages)
        self.fields["options_text"].help_text = _("Eine Option je Zeile: %(order)s") % {"order": order}
        self.fields["statements_text"].help_text = _("Eine Aussage je Zeile: %(order)s") % {"order": order}
        self.fields["relevance"].help_text = _("z. B. ${alter} >= 18 and selected(${status}, 'gefluechtet'); leer: "
                                               "immer angezeigt")
        self.fields["scale_points"].widget = forms.Select(choices=[("", "–"), (5, "5"), (7, "7")])
        _language_fields(self, "label", _("Frage"), languages, self.instance.label, required_de=True,
                         widget=forms.Textarea(attrs={"rows": 2}))
        _language_fields(self, "hint", _("Hilfetext"), languages, self.instance.hint, required_de=False)
        if self.instance.pk:
            self.fields["key"].disabled = True  # exports and conditions name it
            self.fields["kind"].disabled = True
            self.fields["options_text"].initial = _lines(self.instance, False, languages)
            self.fields["statements_text"].initial = _lines(self.instance, True, languages)
        self.languages = languages
        style_widgets(self.fields)

    def clean_key(self):
        key = self.cleaned_data["key"]
        if not KEY.match(key or ""):
            raise ValidationError(_("Kennung: Buchstaben, Ziffern und _, beginnend mit einem Buchstaben."))
        if self.survey.questions.filter(key=key).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Diese Kennung hat schon eine andere Frage dieser Umfrage."))
        return key

    def clean(self):
        data = super().clean()
        kind = data.get("kind") or self.instance.kind
        self.options = _parse_lines(self, "options_text", self.languages)
        self.statements = _parse_lines(self, "statements_text", self.languages)
        if kind == Question.Kind.LIKERT or kind == Question.Kind.MATRIX:
            points = data.get("scale_points")
            if points not in (5, 7):
                self.add_error("scale_points", _("Eine Skala hat 5 oder 7 Punkte."))
            elif not self.options:
                self.options = [(str(n), dict(zip(("de", "en"), texts, strict=True)))
                                for n, texts in enumerate(SCALES[points], start=1)]
            elif len(self.options) != points:
                self.add_error("options_text", _("Die Skala hat %(n)d Punkte: bitte genau so viele Zeilen.")
                               % {"n": points})
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.RANKING) and len(self.options) < 2:
            self.add_error("options_text", _("Bitte mindestens zwei Optionen angeben."))
        if kind == Question.Kind.MATRIX and not self.statements:
            self.add_error("statements_text", _("Bitte mindestens eine Aussage angeben."))
        if "relevance" in data and data.get("key", self.instance.key):
            from .services import checked_relevance

            probe = Question(survey=self.survey, key=data.get("key", self.instance.key), relevance=data["relevance"])
            try:
                checked_relevance(probe)
            except ValidationError as error:
                self.add_error("relevance", error.message_dict["relevance"])
        if data.get("minimum") is not None and data.get("maximum") is not None and data["minimum"] > data["maximum"]:
            self.add_error("maximum", _("Der größte Wert liegt unter dem kleinsten."))
        return data

    def apply(self) -> Question:
        """The question as the form describes it (not saved: `services.question_save` does that)."""
        question = self.instance
        question.label = _texts(self.cleaned_data, "label", self.languages)
        question.hint = _texts(self.cleaned_data, "hint", self.languages)
        return question


def _lines(question: Question, statement: bool, languages) -> str:
    return "\n".join(" | ".join([o.key] + [o.label.get(c, "") for c in languages])
                     for o in question.options.all() if o.statement == statement and o.removed_in is None)


def _parse_lines(form, name: str, languages) -> list[tuple[str, dict]]:
    found, seen = [], set()
    for number, line in enumerate((form.cleaned_data.get(name) or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        key, texts = (parts[0], parts[1:]) if len(parts) > 1 else (str(len(found) + 1), parts)
        if not KEY.match(key) and not key.isdigit():
            form.add_error(name, _("Zeile %(n)d: „%(key)s“ ist keine gültige Kennung.") % {"n": number, "key": key})
            continue
        if key in seen:
            form.add_error(name, _("Zeile %(n)d: die Kennung „%(key)s“ kommt doppelt vor.") % {"n": number, "key": key})
            continue
        label = {code: text for code, text in zip(languages, texts, strict=False) if text}
        missing = [str(LANGUAGE_NAMES[c]) for c in REQUIRED_LANGUAGES if c in languages and c not in label]
        if missing:
            form.add_error(name, _("Zeile %(n)d: der Text fehlt auf %(languages)s.") % {
                "n": number, "languages": ", ".join(missing)})
            continue
        seen.add(key)
        found.append((key, label))
    return found


class PageForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Page
        fields = ["relevance"]
        widgets = {"relevance": forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"})}

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages = survey.languages or list(REQUIRED_LANGUAGES)
        _language_fields(self, "title", _("Überschrift"), self.languages, self.instance.title, required_de=False)
        self.fields["relevance"].help_text = _("Die Seite erscheint nur, wenn die Bedingung über Fragen früherer "
                                               "Seiten zutrifft; leer: immer.")
        style_widgets(self.fields)

    def save(self, commit=True):
        self.instance.title = _texts(self.cleaned_data, "title", self.languages)
        return super().save(commit)


class OccasionForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Occasion
        fields = ["title", "held_on", "district", "target_group"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = Region.objects.filter(level=Region.Level.DISTRICT).order_by("name")
        self.fields["target_group"].queryset = TargetGroup.objects.filter(is_active=True).order_by("position")


class InviteForm(KernFormMixin, forms.Form):
    """Invitees from the directory's organisations (by kind, region and network) and/or typed addresses."""

    kinds = forms.MultipleChoiceField(label=_("Art der Organisation"), choices=Organization.Kind.choices,
                                      required=False, widget=forms.CheckboxSelectMultiple)
    region = forms.ModelChoiceField(label=_("Region (Land oder Kreis)"), required=False,
                                    queryset=Region.objects.exclude(level=Region.Level.MUNICIPALITY).order_by("level", "name"))
    network = forms.ModelChoiceField(label=_("Netzwerk"), required=False, queryset=Network.objects.order_by("name"))
    addresses = forms.CharField(label=_("Weitere Adressen"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                help_text=_("Eine je Zeile, wahlweise „Name <adresse@beispiel.de>“."))

    def clean_addresses(self):
        found = []
        for number, line in enumerate(self.cleaned_data["addresses"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            match = re.match(r"^(?:(?P<name>[^<>]+?)\s*<(?P<bracket>[^<>]+)>|(?P<plain>\S+))$", line)
            email = match and (match.group("bracket") or match.group("plain"))
            try:
                forms.EmailField().clean(email)
            except ValidationError:
                raise ValidationError(_("Zeile %(n)d ist keine E-Mail-Adresse: %(line)s") % {"n": number,
                                                                                         "line": line[:80]}) from None
            found.append((email, (match.group("name") or "").strip(), None))
        return found

    def recipients(self) -> list[tuple[str, str, int | None]]:
        data = self.cleaned_data
        found = list(data["addresses"])
        if data["kinds"] or data["region"] or data["network"]:
            orgs = Organization.objects.exclude(email="")
            if data["kinds"]:
                orgs = orgs.filter(kind__in=data["kinds"])
            if data["region"]:
                region = data["region"]
                orgs = orgs.filter(regions__ags__startswith=region.ags)
            if data["network"]:
                orgs = orgs.filter(pk__in=data["network"].member_organizations().values("pk"))
            found += [(email, name, pk) for pk, name, email in orgs.distinct().values_list("pk", "name", "email")]
        return found


class ExportForm(KernFormMixin, forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=[("xlsx", _("Excel-Datei mit Codebuch")),
                                                           ("csv", _("CSV-Datei"))], widget=forms.RadioSelect)
    labels = forms.BooleanField(label=_("Texte statt Codes"), required=False)


class XLSFormUploadForm(KernFormMixin, forms.Form):
    file = forms.FileField(label=_("XLSForm (.xlsx)"))
    organization = forms.ModelChoiceField(label=_("verantwortliche Organisation"), queryset=Organization.objects.none())
    network = forms.ModelChoiceField(label=_("Netzwerk"), queryset=Network.objects.none(), required=False)

    def __init__(self, *args, organizations, networks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["network"].queryset = networks
        style_widgets(self.fields)

    def clean_file(self):
        from django.conf import settings

        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise ValidationError(_("Die Datei ist zu groß."))
        return upload
