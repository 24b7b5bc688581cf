"""Panels that apps above a page's own app contribute to it: the case file's reminders and the actions from
meetings on the start page (Übersicht), the events' figures on the monitoring report. Each app registers them
in a `dashboard` module, found through the app registry, so the page's view never imports an app above it."""

from django.utils.module_loading import autodiscover_modules

START = "start"
# (page, template name, function(request, **context) → context dict, or None to leave out)
PANELS: list[tuple[str, str, object]] = []


def panel(template: str, page: str = START):
    def register(function):
        PANELS.append((page, template, function))
        return function

    return register


def panels_for(request, page: str = START, **context) -> list[tuple[str, dict]]:
    autodiscover_modules("dashboard")
    shown = []
    for on, template, function in PANELS:
        if on != page:
            continue
        found = function(request, **context)
        if found is not None:
            shown.append((template, found))
    return shown
