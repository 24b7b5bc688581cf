"""The JSON API under /api/v1/ (read-only: public data, and the gap matrix for signed-in members)."""

from ninja import NinjaAPI

from netzlotse.directory.api import router as directory_router
from netzlotse.gaps.api import router as gaps_router
from netzlotse.monitoring.api import router as monitoring_router
from netzlotse.network.api import router as network_router

api = NinjaAPI(
    title="netzlotse API",
    version="1",
    description="Angebote, Prozessketten, Organisationen und Regionen (öffentliche Daten; offene Daten im "
                "Standard HSDS 3.0 gibt es unter /api/hsds/) sowie die Abdeckungsmatrix der Lückenanalyse "
                "für angemeldete Netzwerkmitglieder und die Kennzahlen des Monitorings zu Stichtagen.",
    urls_namespace="api-v1",
    # The interactive docs page would load Swagger UI from a CDN; the OpenAPI document is enough.
    docs_url=None,
)
api.add_router("/", directory_router)
api.add_router("/", network_router)
api.add_router("/", gaps_router)
api.add_router("/", monitoring_router)
