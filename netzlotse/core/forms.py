"""KERN UX styling for Django forms, so templates render any field the same way."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

DJANGO_BLANK = "---------"  # Django's empty choice, which reads like a rendering fault to people


def style_widgets(fields):
    """Give each widget its KERN class (multi-selects keep their own look), and every empty choice a German text."""
    for field in fields.values():
        _name_the_empty_choice(field)
        widget = field.widget
        if "multi-select" in widget.attrs.get("class", "") or "kern-" in widget.attrs.get("class", ""):
            continue
        if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple)):
            css = "kern-form-check__checkbox"
        elif isinstance(widget, forms.RadioSelect):
            css = "kern-form-check__radio"
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            css = "kern-form-input__select"
        else:
            css = "kern-form-input__input"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def _name_the_empty_choice(field) -> None:
    if isinstance(field, forms.ModelChoiceField) and field.empty_label == DJANGO_BLANK:
        field.empty_label = _("– bitte wählen –")
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField) and any(
            label == DJANGO_BLANK for _key, label in field.choices):
        field.choices = [(key, _("– bitte wählen –") if label == DJANGO_BLANK else label) for key, label in field.choices]


class KernFormSet(forms.BaseFormSet):
    """Formsets add their DELETE and ORDER fields after the form is built; style those too."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        style_widgets(form.fields)


class KernFormMixin:
    """Adds KERN classes to widgets and marks invalid fields for assistive technology."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self.fields)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"{self.add_prefix(name)}-error"
                base = (widget.attrs.get("class") or "").split()
                if base and not base[-1].endswith("--error") and base[-1].startswith("kern-"):
                    widget.attrs["class"] += f" {base[-1]}--error"


class KernForm(KernFormMixin, forms.Form):
    pass


class KernModelForm(KernFormMixin, forms.ModelForm):
    pass


_ESCAPED: dict[int, tuple] = {}  # id(choices) → (choices, escaped options); cleared when it grows


def _escaped_options(choices) -> list[tuple[str, str, str]]:
    """(value, opening tag, rest) per option, escaped once per choice list rather than once per request."""
    cached = _ESCAPED.get(id(choices))
    if cached is not None and cached[0] is choices:
        return cached[1]
    options = [(str(v), f'<option value="{escape(str(v))}"', f">{escape(str(label))}</option>") for v, label in choices]
    if isinstance(choices, list):  # a shared, cached list (see CachedChoiceField); others change per form
        if len(_ESCAPED) > 64:
            _ESCAPED.clear()
        _ESCAPED[id(choices)] = (choices, options)
    return options


class FastSelect(forms.Select):
    """A <select> rendered in Python: hundreds of options (all districts) without a template per option."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        values = value if isinstance(value, (list, tuple)) else [value]
        selected = {str(v) for v in values if v not in (None, "")}
        # Plain string building: format_html per option costs more than the whole query.
        options = "".join(f'{opening}{" selected" if v in selected else ""}{rest}'
                          for v, opening, rest in _escaped_options(self.choices))
        return mark_safe(f'<select name="{escape(name)}"{flatatt(final_attrs)}>{options}</select>')  # noqa: S308


class FastSelectMultiple(FastSelect):
    allow_multiple_selected = True

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False
