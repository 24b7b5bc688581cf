"""API query parameters described and checked by the Django form behind the matching page.

The form is the one source of what a parameter may be. `query_schema` describes its fields in the
OpenAPI document (choices as enums, dates, booleans, whole numbers, text lengths) and `bind` reads the
request's values into the same form, so the document and the answers cannot drift apart: a value the
document allows is accepted, and one it does not is answered with 422 and the page's own message.
An empty value means "not given", in the document and in the answers alike.
"""

import re
from collections.abc import Callable

from django import forms
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import ValidationError
from pydantic import Field, create_model

EMPTY = {"type": "string", "maxLength": 0}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# NUL is refused before any view runs (core.middleware), so the document leaves it out of every text.
NO_NUL = r"^[^\x00]*$"
TRUE, FALSE = "true", "false"


def value_schema(field: forms.Field) -> dict | None:
    """What a non-empty value of this form field may be, as JSON Schema (None: no value but empty)."""
    if isinstance(field, forms.BooleanField):
        return {"type": "boolean"}
    if isinstance(field, forms.DateField):
        return {"type": "string", "format": "date"}
    if isinstance(field, forms.IntegerField):
        bounds = {"minimum": field.min_value, "maximum": field.max_value}
        return {"type": "integer", **{k: v for k, v in bounds.items() if v is not None}}
    if isinstance(field, forms.ChoiceField):
        # Kept as text, ids too: a district key such as 07131 would lose its leading zero as a number.
        keys = [str(key) for key, _label in field.choices if str(key) != ""]
        return {"type": "string", "enum": keys} if keys else None
    text = {"type": "string", "pattern": NO_NUL}
    return {**text, "maxLength": field.max_length} if getattr(field, "max_length", None) else text


def query_schema(name: str, form_class: type[forms.Form], make_form: Callable[[], forms.Form] | None = None):
    """A ninja query schema with one optional parameter per field of `form_class`.

    The description is worked out when the OpenAPI document is asked for, from a fresh form (built by
    `make_form` where the form needs arguments), so the enums list the phases, districts and codes the
    form accepts at that moment.
    """
    make_form = make_form or form_class

    def describe(field_name):
        def extra(schema: dict) -> None:
            field = make_form().fields[field_name]
            help_text = f" – {field.help_text}" if field.help_text else ""
            value = value_schema(field)
            schema.clear()
            schema.update(title=str(field.label), description=f"{field.label}{help_text}",
                          **({"anyOf": [value, EMPTY]} if value else EMPTY))
        return extra

    fields = {field_name: (str | None, Field(None, json_schema_extra=describe(field_name)))
              for field_name in form_class.base_fields}
    return create_model(name, __base__=Schema, **fields)


def form_data(form_class: type[forms.Form], query: Schema) -> dict[str, str]:
    """The request's non-empty values in the form's terms; a value the document does not allow is a 422."""
    data, errors = {}, []
    for name, value in query.dict().items():
        if value in (None, ""):
            continue
        field = form_class.base_fields[name]
        if isinstance(field, forms.BooleanField):
            if value not in (TRUE, FALSE):
                errors.append((name, [_("Bitte true oder false angeben.")]))
            elif value == TRUE:
                data[name] = "on"
            continue
        if isinstance(field, forms.DateField) and not ISO_DATE.fullmatch(value):
            errors.append((name, [_("Bitte ein Datum im Format JJJJ-MM-TT angeben.")]))
            continue
        data[name] = value
    if errors:
        raise_422(dict(errors))
    return data


def raise_422(errors: dict) -> None:
    """The form's messages as the API's validation answer, one entry per parameter."""
    raise ValidationError([{"loc": ["query", name], "msg": " ".join(map(str, messages)), "type": "value_error"}
                           for name, messages in errors.items()])


def bind(form_class, query: Schema, **kwargs) -> forms.Form:
    """The form filled from the query and checked; its errors become the 422 answer."""
    form = form_class(form_data(form_class, query), **kwargs)
    if not form.is_valid():
        raise_422(form.errors)
    return form
