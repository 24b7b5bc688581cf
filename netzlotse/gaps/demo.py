"""Demo settings for the gap analysis: IQ Netzwerk Sachsen's thresholds, known demand, a first register."""

from django.db import transaction

from netzlotse.accounts.models import User
from netzlotse.directory.models import Phase
from netzlotse.network.models import Network, Project, Region

from .models import CoverageThreshold, DemandFigure, Gap, Interface, Measure
from .services import detect_gaps, measure_add


@transaction.atomic
def load_gaps_demo() -> dict:
    iq = Network.objects.get(name="IQ Netzwerk Sachsen")
    phases = {p.code: p for p in Phase.objects.filter(chain__is_default=True)}
    CoverageThreshold.objects.update_or_create(network=iq, phase=None, defaults={"minimum": 2})
    CoverageThreshold.objects.update_or_create(network=iq, phase=phases["zugang"], defaults={"minimum": 3})
    DemandFigure.objects.update_or_create(
        network=iq, district=Region.objects.get(ags="14713"), phase=phases["qualifizierung"], target_group=None,
        defaults={"places_needed": 60, "note": "Warteliste der Anpassungsqualifizierungen, Stand Quartal 3"})
    counts = {}
    for network in Network.objects.filter(regions__isnull=False).distinct():
        counts[network.name] = detect_gaps(network=network).created
    leipzig_follow_up = Gap.objects.open().filter(network=iq, district__ags="14713", phase=phases["sicherung"],
                                                  kind=Gap.Kind.NO_OFFER).first()
    if leipzig_follow_up and not leipzig_follow_up.measures.exists():
        measure_add(gap=leipzig_follow_up, by=User.objects.filter(username="koordination").first(), measure=Measure(
            kind=Measure.Kind.TRANSFER, responsible=iq.coordinator,
            description="Nachbetreuung nach dem Dresdner Modell auf Leipzig übertragen; Abstimmung mit dem Jobcenter"))
    _interfaces(iq)
    return counts


def _interfaces(iq):
    projects = {p.name: p for p in Project.objects.filter(network=iq)}
    ibas, quali, psst = "IBAS – Anerkennungsberatung Sachsen", "IQ Qualifizierung Sachsen", "PsssT – Prozesskette Sachsen"
    for a, b, status, text in [
        (ibas, quali, Interface.Status.WORKING,
         "Nach der Anerkennungsberatung vermittelt IBAS in Anpassungsqualifizierungen."),
        (psst, ibas, Interface.Status.INITIATED,
         "Gemeinsame Fallbesprechungen zu Teilanerkennungen sind vereinbart, der erste Termin steht aus."),
    ]:
        if a in projects and b in projects:
            Interface.objects.update_or_create(network=iq, project_a=projects[a], project_b=projects[b],
                                               defaults={"status": status, "description": text})
