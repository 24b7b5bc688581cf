"""The downloadable import template: empty sheets with the headers, an example row, and all codes."""

from netzlotse.core.xlsx import workbook_bytes
from netzlotse.network.models import Organization

from ..models import DeliveryMode, FieldOfAction, Language, Offer, Phase, ResidenceStatus, TargetGroup
from .columns import (
    LOCATION_COLUMNS,
    OFFER_COLUMNS,
    ORG_COLUMNS,
    SHEET_CODES,
    SHEET_LOCATIONS,
    SHEET_OFFERS,
    SHEET_ORGS,
)


def template_bytes() -> bytes:
    codes = []
    for phase in Phase.objects.select_related("chain").order_by("-chain__is_default", "chain__code", "position"):
        code = phase.code if phase.chain.is_default else f"{phase.chain.code}:{phase.code}"
        codes.append(["Phasen", code, phase.name_de])
    for title, model in (("Handlungsfelder", FieldOfAction), ("Zielgruppen", TargetGroup),
                         ("Aufenthaltsstatus", ResidenceStatus), ("Angebotsformen", DeliveryMode),
                         ("Sprachen", Language)):
        codes += [[title, v.code, v.label_de] for v in model.objects.filter(is_active=True)]
    codes += [["Art (Organisation)", value, str(label)] for value, label in Organization.Kind.choices]
    codes += [["Status", value, str(label)] for value, label in Offer.Status.choices]
    codes += [["Arbeitsmarktzugang", value, str(label)] for value, label in Offer.Access.choices if value]
    codes += [["Art (Ort)", "office", "Feste Beratungsstelle"], ["Art (Ort)", "mobile", "Mobiler Beratungsort"]]
    codes += [["Hinweis", "AGS", "Regionen als amtliche Schlüssel, z. B. 14612 (Dresden) oder 14 (Sachsen)"]]
    return workbook_bytes({
        SHEET_ORGS: ([c.header for c in ORG_COLUMNS], []),
        SHEET_OFFERS: ([c.header for c in OFFER_COLUMNS], []),
        SHEET_LOCATIONS: ([c.header for c in LOCATION_COLUMNS], []),
        SHEET_CODES: (["Liste", "Code", "Bedeutung"], codes),
    })
