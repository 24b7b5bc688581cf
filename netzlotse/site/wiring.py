"""Which app contributes what to the demo, the synthetic data and the benchmark, in the order of the layers
(network ← directory ← gaps; network ← cases ← monitoring). A new app adds its lines here, never in an app
below it."""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from netzlotse.cases import demo as cases_demo
from netzlotse.cases import generate as cases_generate
from netzlotse.directory import demo as directory_demo
from netzlotse.directory import generate as directory_generate
from netzlotse.events import demo as events_demo
from netzlotse.events import generate as events_generate
from netzlotse.gaps import demo as gaps_demo
from netzlotse.monitoring import demo as monitoring_demo
from netzlotse.monitoring import generate as monitoring_generate
from netzlotse.surveys import demo as surveys_demo
from netzlotse.surveys import generate as surveys_generate


@dataclass(frozen=True)
class DemoStep:
    name: str
    load: Callable[[], object]
    summary: Callable[[object], str | None]  # the line printed after loading, or None for nothing to say


def _offers(counts):
    return f"Demo geladen: {counts['organizations']} Organisationen, {counts['offers']} Angebote."


def _gaps(found):
    return f"Lückenregister: {sum(found.values())} neue Lücken in {len(found)} Netzwerken."


def _cases(counts):
    if counts["participants"]:
        return f"Fallakten: {counts['participants']} Teilnehmende, {counts['events']} Ereignisse."
    return None


def _monitoring(loaded):
    return "Monitoring: StaTA mit sechs Stichtagen, vier davon abgeschlossen." if loaded else None


def _history(rows):
    return f"StaTA 2017–2019: {rows} Ereignisse aus dem Zwischenbericht, sechs Stichtage abgeschlossen." if rows else None


def _surveys(counts):
    if not counts:
        return None
    return (f"Umfragen: {counts['surveys']} Umfragen mit {counts['responses']} Antworten "
            "(Seminarfeedback 2011–2014, Nachbefragung, Akteursbefragung).")


def _events(counts):
    return f"Veranstaltungen: {counts['events']} mit {counts['registrations']} Anmeldungen." if counts else None


# StaTA's history goes into its sites before today's case files fill them.
DEMO = [
    DemoStep("offers", directory_demo.load_demo, _offers),
    DemoStep("gaps", gaps_demo.load_gaps_demo, _gaps),
    DemoStep("sites", cases_demo.load_stata_sites, lambda _sites: None),
    DemoStep("history", monitoring_demo.load_stata_history, _history),
    DemoStep("cases", cases_demo.load_cases_demo, _cases),
    DemoStep("monitoring", monitoring_demo.load_monitoring_demo, _monitoring),
    DemoStep("surveys", surveys_demo.load_surveys_demo, _surveys),
    DemoStep("events", events_demo.load_events_demo, _events),
]


def load_demo(only: set[str] | None = None):
    """Load the demo step by step (or only the named steps); yields the line each step has to say."""
    for step in DEMO:
        if only is None or step.name in only:
            line = step.summary(step.load())
            if line:
                yield line

# The directory writes the networks and offers; each later module has `extend(size, seed, progress)` and
# `remove()`, and is extended in this order and removed in the reverse one.
GENERATE_BASE = directory_generate
GENERATE_EXTENSIONS = [("cases", cases_generate), ("monitoring", monitoring_generate), ("surveys", surveys_generate),
                       ("events", events_generate)]

# Modules whose import registers benchmark operations (`netzlotse.core.bench.operation`).
BENCH_MODULES = ["netzlotse.directory.bench", "netzlotse.gaps.bench", "netzlotse.cases.bench",
                 "netzlotse.monitoring.bench", "netzlotse.surveys.bench", "netzlotse.events.bench"]


def register_bench_operations() -> None:
    for name in BENCH_MODULES:
        import_module(name)
