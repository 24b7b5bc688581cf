"""Panels on the start page (Übersicht) that apps above the directory contribute, e.g. the case file's
reminders. Each app registers them in a `dashboard` module, found through the app registry, so the
directory's view never imports an app above it."""

from django.utils.module_loading import autodiscover_modules

PANELS: list[tuple[str, object]] = []  # (template name, function(request) → context dict, or None to leave out)


def panel(template: str):
    def register(function):
        PANELS.append((template, function))
        return function

    return register


def panels_for(request) -> list[tuple[str, dict]]:
    autodiscover_modules("dashboard")
    shown = []
    for template, function in PANELS:
        context = function(request)
        if context is not None:
            shown.append((template, context))
    return shown
