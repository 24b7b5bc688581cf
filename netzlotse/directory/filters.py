"""The directory's search form: one form serves the public page, the staff lists, exports and the API."""

from django import forms
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from netzlotse.core.cache import reference_list
from netzlotse.core.forms import FastSelect, KernForm
from netzlotse.core.queries import id_in
from netzlotse.core.translation import CONTENT_LANGUAGES
from netzlotse.network.forms import DISTRICT_KEY
from netzlotse.network.models import Network, Region, RegionGroup

from . import search
from .models import DeliveryMode, FieldOfAction, Language, Location, Offer, Phase, TargetGroup


class CachedChoiceField(forms.ChoiceField):
    """Choices from a small cached reference list; cleans to the entry itself, with no query per request.

    `key` picks the URL value (a vocabulary code, or a primary key) and `show` the text shown.
    """

    def __init__(self, *, source, key, show=str, empty_label, **kwargs):
        self.source, self.key, self.show, self.empty_label = source, key, show, empty_label
        super().__init__(**kwargs)

    _built: dict = {}  # (id(reference list), language, empty label) → (list, entries, choices)

    def load_choices(self):
        """Entries and choices of the current reference list, built once per list and language.

        The reference list object stays the same while cached, so the choices list does too; assigning
        it directly skips Django's per-request normalisation and lets FastSelect reuse escaped options.
        """
        source = self.source()
        key = (id(source), get_language(), str(self.empty_label))
        built = self._built.get(key)
        if built is None or built[0] is not source:
            entries = {str(self.key(obj)): obj for obj in source}
            choices = [("", str(self.empty_label)), *((k, str(self.show(obj))) for k, obj in entries.items())]
            if len(self._built) > 256:
                self._built.clear()
            built = self._built[key] = (source, entries, choices)
        self.entries = built[1]
        # Straight onto the widget: its `choices` setter would normalise the list into a new one each request,
        # and FastSelect recognises (and reuses the escaped options of) only the very same list.
        self._choices = self.widget._choices = built[2]

    def validate(self, value):
        if value and value not in self.entries:
            raise forms.ValidationError(_("Unbekannter Wert."), code="invalid_choice")

    def clean(self, value):
        value = super().clean(value)
        return self.entries.get(value) if value else None


def _vocabulary(model):
    return lambda: reference_list(model.__name__, lambda: list(model.objects.filter(is_active=True)))


def _default_phases():
    return reference_list("default-phases", lambda: list(Phase.objects.filter(chain__is_default=True)
                                                          .select_related("chain").order_by("position")))


def vocabulary_field(model, label, empty_label):
    """A filter on a vocabulary, addressed by its stable code."""
    return CachedChoiceField(label=label, source=_vocabulary(model), key=lambda v: v.code, show=lambda v: str(v.label),
                             required=False, widget=FastSelect, empty_label=empty_label)


# Filter field name → the OfferQuerySet method that applies it; shared by every form filtering offers.
VOCABULARY_FILTERS = {"zielgruppe": "for_target_group", "handlungsfeld": "in_field", "sprache": "speaking",
                      "form": "delivered_as"}


def apply_vocabulary_filters(qs, data):
    for name, method in VOCABULARY_FILTERS.items():
        if data.get(name):
            qs = getattr(qs, method)(data[name])
    return qs


def _districts():
    return reference_list("districts", lambda: list(Region.objects.districts().order_by("name")))


SORTS = {
    "relevanz": ("-relevance", _("beste Treffer zuerst (mit Suchbegriff)")),
    "titel": ("title_de", _("Titel A–Z")),
    "neu": ("-created_at", _("zuletzt angelegt")),
    "bestaetigt": ("-last_verified", _("zuletzt bestätigt")),
    "ende": ("valid_until", _("endet bald")),
}


class OfferFilterForm(KernForm):
    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=200)
    phase = CachedChoiceField(label=_("Phase der Prozesskette"), source=_default_phases, key=lambda p: p.pk,
                              required=False, widget=FastSelect, empty_label=_("alle Phasen"))
    kreis = CachedChoiceField(label=_("Kreis / kreisfreie Stadt"), source=_districts,
                              key=lambda r: getattr(r, DISTRICT_KEY),
                              show=lambda r: r.label, required=False, widget=FastSelect, empty_label=_("alle Kreise"))
    region = CachedChoiceField(label=_("Regionsgruppe / Förderregion"), key=lambda g: g.pk, required=False,
                               source=lambda: reference_list("region-groups", lambda: list(RegionGroup.objects.all())),
                               widget=FastSelect, empty_label=_("alle Regionen"))
    zielgruppe = vocabulary_field(TargetGroup, _("Zielgruppe"), _("alle Zielgruppen"))
    handlungsfeld = vocabulary_field(FieldOfAction, _("Handlungsfeld"), _("alle Handlungsfelder"))
    sprache = vocabulary_field(Language, _("Sprache im Angebot"), _("alle Sprachen"))
    form = vocabulary_field(DeliveryMode, _("Angebotsform"), _("alle Angebotsformen"))
    jetzt_offen = forms.BooleanField(label=_("jetzt geöffnet"), required=False)
    stand = forms.DateField(label=_("Stand am"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                            help_text=_("Verzeichnis so anzeigen, wie es an diesem Tag galt"))
    sortierung = forms.ChoiceField(label=_("Sortierung"), required=False, widget=FastSelect,
                                   choices=[(key, label) for key, (_field, label) in SORTS.items()])

    def __init__(self, *args, user=None, memo=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.memo = {} if memo is None else memo  # district → ids of its offers, shared by the forms of one request
        for name in ("phase", "kreis", "region", "zielgruppe", "handlungsfeld", "sprache", "form"):
            self.fields[name].load_choices()
        if user is not None and user.is_authenticated:
            self._own_districts_first(user)

    def _own_districts_first(self, user):
        """A coordinator finds the districts of their networks at the top of the district filter."""
        from netzlotse.accounts import roles

        if roles.can(user, roles.MANAGE_ALL_NETWORKS):
            return
        networks = Network.objects.coordinated_by(roles.organization_ids(user))
        own = {str(key) for key in Region.objects.served_by(networks).values_list(DISTRICT_KEY, flat=True)}
        if not own:
            return
        field = self.fields["kreis"]
        empty, *choices = field.choices
        first = [choice for choice in choices if choice[0] in own]
        field._choices = field.widget._choices = [empty, *first, *(c for c in choices if c[0] not in own)]
        field.help_text = _("Oben die %(n)d Kreise Ihres Netzwerks, darunter alle anderen.") % {"n": len(first)}

    def base_queryset(self, user=None):
        """Public view by default; a date switches to the directory as it stood then."""
        day = self.cleaned_data.get("stand") if self.is_valid() else None
        if day:
            return Offer.objects.as_of(day)
        if user is not None:
            return Offer.objects.visible_to(user)
        return Offer.objects.public()

    def apply(self, qs, typos=False):
        if not self.is_valid():
            return qs.none()
        data = self.cleaned_data
        if data.get("q"):
            qs = search.matching(qs, data["q"], typos=typos)
        if data.get("phase"):
            qs = qs.in_phase(data["phase"])
        if data.get("kreis"):
            district = data["kreis"]
            if district.pk not in self.memo:
                self.memo[district.pk] = Offer.objects.serving_ids([district])
            qs = qs.filter(id_in(self.memo[district.pk], qs.db_vendor()))
        if data.get("region"):
            qs = qs.in_region_group(data["region"])
        qs = apply_vocabulary_filters(qs, data)
        if data.get("jetzt_offen"):
            qs = qs.open_at(timezone.now())
        sort_field = SORTS[self.sort()][0]
        if sort_field in ("title_de", "-relevance"):  # ranking, where chosen, comes in results()
            return qs.order_by_title()
        return qs.order_by(sort_field, "pk")

    def sort(self) -> str:
        """With a search term the best matches come first unless another order was chosen; without one, "best
        matches" has nothing to rank by and means titles."""
        data = self.cleaned_data if self.is_valid() else {}
        sort = data.get("sortierung") or ("relevanz" if data.get("q") else "titel")
        return "titel" if sort == "relevanz" and not data.get("q") else sort

    def results(self, user=None):
        """The matching offers in the order asked for; `self.count` holds their number where a search term made
        it known already (the page's paginator takes it instead of counting again)."""
        base = self.base_queryset(user)
        qs, self.count = self.apply(base), None
        q = self.cleaned_data.get("q") if self.is_valid() else None
        if q:
            self.count = qs.count()
            if not self.count:  # forgive typos (search.py: trigrams on PostgreSQL, title words on SQLite)
                qs = self.apply(base, typos=True)
                self.count = qs.count()
            if self.sort() == "relevanz" and self.count <= search.RANK_LIMIT:
                qs = search.ranked(qs, q)
        # The cards show title, provider, phases, delivery modes, places, languages, cost and whether it is open
        # now; the long texts stay in the database.
        heavy = ["search_text", *(f"description_{lang}" for lang in CONTENT_LANGUAGES)]
        places = Location.objects.only("offer_id", "city", "kind").order_by("city")
        return qs.select_related("provider").defer(*heavy).with_open_now().prefetch_related(
            "phases__chain", "delivery_modes", "languages", Prefetch("locations", queryset=places))

    def alternatives(self, limit_districts=3) -> list[tuple[str, str]]:
        """For a search that found nothing: (what to change, its query string) for each filter whose dropping
        finds something, and for up to three other districts of the same state that have matching offers
        (there is no adjacency data for true neighbours). Each is an EXISTS, so an empty result stays cheap."""
        if not self.is_valid():
            return []
        found = []
        for name in [n for n, value in self.cleaned_data.items() if value and n not in ("stand", "sortierung")]:
            params = self._params(drop=name)
            if OfferFilterForm(params, memo=self.memo).apply(self.base_queryset(self.user)).exists():
                found.append((_("ohne „%(filter)s“") % {"filter": self.fields[name].label}, params.urlencode()))
        district = self.cleaned_data.get("kreis")
        if district is not None and district.parent_id:
            relaxed = OfferFilterForm(self._params(drop="kreis"), memo=self.memo).apply(
                self.base_queryset(self.user)).order_by()
            nearby = Location.objects.filter(district__parent_id=district.parent_id, offer__in=relaxed.values("pk")) \
                .exclude(district=district).order_by().values_list("district_id", flat=True).distinct()
            names = {r.pk: r for r in _districts()}
            for district_id in nearby[:limit_districts]:
                params = self._params(drop="kreis")
                params["kreis"] = getattr(names[district_id], DISTRICT_KEY)
                found.append((_("in %(district)s") % {"district": names[district_id].label}, params.urlencode()))
        return found

    def _params(self, drop):
        params = self.data.copy()
        for key in (drop, "seite"):
            params.pop(key, None)
        return params

    def active_filters(self) -> int:
        """How many filters besides the search box are set (the collapsed filter list says so)."""
        if not self.is_valid():
            return 0
        return sum(1 for name, value in self.cleaned_data.items() if value and name not in ("q", "sortierung"))

    def has_filters(self):
        return self.is_valid() and any(value for value in self.cleaned_data.values())
