"""KERN UX styling for Django forms, so templates render any field the same way."""

from django import forms


class KernFormMixin:
    """Adds KERN classes to widgets and marks invalid fields for assistive technology."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for _name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple)):
                css = "kern-form-check__checkbox"
            elif isinstance(widget, forms.RadioSelect):
                css = "kern-form-check__radio"
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                css = "kern-form-input__select"
            else:
                css = "kern-form-input__input"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"{self.add_prefix(name)}-error"
                if "--error" not in widget.attrs.get("class", ""):
                    base = widget.attrs.get("class", "").split()[0] if widget.attrs.get("class") else ""
                    if base:
                        widget.attrs["class"] += f" {base}--error"


class KernForm(KernFormMixin, forms.Form):
    pass


class KernModelForm(KernFormMixin, forms.ModelForm):
    pass
