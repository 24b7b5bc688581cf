"""Which placement sites suit a case, ranked, with the reason for every point given or taken.

Considered are the bookable sites the case's organisation fills. Nearness is judged from the site's and the
person's postcode and district (the same place, the same district, the same postcode area), since the product
keeps no map data. A requirement the person does not meet costs more than nearness and a free slot gain
together, so a site someone could not work at never ranks above one they could; what is not known about the
person is named as a question.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .matching import Scored
from .models import Case, Need, Participant, Placement, PlacementSite

HELD = [*Placement.OCCUPYING, Placement.Status.WAITING]  # a site the person is on (or waiting for) already
# A requirement the person does not meet outweighs the best nearness and a free slot together (+3 +2).
UNMET = -6
LEVELS = [value for value, _label in Participant.GermanLevel.choices]  # "" (none) < A1 < … < C2


@dataclass
class SiteMatch(Scored):
    site: PlacementSite


def _nearness(match, site, person) -> None:
    if site.postcode and site.postcode == person.postcode:
        match.add(3, _("am Wohnort (gleiche PLZ)"))
    elif site.district_id and site.district_id == person.district_id:
        match.add(2, _("im Wohnkreis"))
    elif site.postcode[:3] and site.postcode[:3] == person.postcode[:3]:
        match.add(1, _("in der Nähe (gleiches PLZ-Gebiet)"))
    elif site.district_id or site.postcode:
        match.add(-1, _("weiter entfernt (anderer Kreis)"))


def _requirements(match, site, person, health_need: bool) -> None:
    if site.german_level:
        have, need = LEVELS.index(person.german_level or ""), LEVELS.index(site.german_level)
        if not person.german_level:
            match.add(0, _("Deutschkenntnisse klären (verlangt: %(need)s)") % {"need": site.german_level})
        elif have >= need:
            match.add(1, _("Deutschkenntnisse reichen (%(have)s, verlangt %(need)s)") % {
                "have": person.german_level, "need": site.german_level})
        else:
            match.add(UNMET, _("Deutschkenntnisse unter der Anforderung (%(have)s, verlangt %(need)s)") % {
                "have": person.german_level, "need": site.german_level})
    if site.driving_licence:
        if person.driving_licence is None:
            match.add(0, _("Führerschein nötig: bitte klären"))
        elif person.driving_licence:
            match.add(1, _("Führerschein vorhanden"))
        else:
            match.add(UNMET, _("Führerschein nötig, fehlt"))
    if site.physical_demand == PlacementSite.Physical.HEAVY and health_need:
        match.add(-2, _("körperlich schwere Arbeit bei offenem gesundheitlichem Handlungsbedarf"))


def match_sites(case: Case, *, day=None, limit: int = 10) -> list[SiteMatch]:
    day = day or timezone.localdate()
    person = case.participant
    sites = (PlacementSite.objects.for_organizations([case.organization_id]).bookable(day)
             .exclude(pk__in=case.placements.filter(status__in=HELD).values("site"))
             .select_related("project", "district").with_occupancy())
    # The kind is encrypted: the few special needs of the case are read and decrypted, not queried by kind.
    health_need = any(need.kind == Need.Kind.HEALTH for need in
                      case.needs.filter(special=True).exclude(status=Need.Status.RESOLVED))
    matches = []
    for site in sites:
        match = SiteMatch(site)
        if site.free_slots:
            match.add(2, ngettext("%(n)d Platz frei", "%(n)d Plätze frei", site.free_slots) % {"n": site.free_slots})
        elif site.waiting:
            match.add(-2, ngettext("voll, %(n)d Person auf der Warteliste", "voll, %(n)d Personen auf der Warteliste",
                                   site.waiting) % {"n": site.waiting})
        else:
            match.add(-2, _("voll, Warteliste"))
        _nearness(match, site, person)
        _requirements(match, site, person, health_need)
        matches.append(match)
    matches.sort(key=lambda m: (-m.score, m.site.name, m.site.pk))
    return matches[:limit]
