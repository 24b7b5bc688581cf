from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for paging and sorting links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def tel_href(number: str) -> str:
    """A phone number as written ("0341 / 123 45-6", "+49 341 12345") as a tel: link a phone can dial."""
    number = (number or "").strip()
    digits = "".join(ch for ch in number if ch.isdigit())
    return f"tel:+{digits}" if number.startswith("+") else f"tel:{digits}"

