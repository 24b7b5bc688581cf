"""The demo logins, one per role. Only ever shown or created in demo mode."""

from django.utils.translation import gettext_lazy as _

DEMO_PASSWORD = "netzlotse-demo"  # noqa: S105 - published demo password, used only in demo mode

# (username, role, organisation external id, description)
DEMO_USERS = [
    ("admin", "admin", "org-ist", _("Administration: Benutzer, Organisationen, Vokabulare")),
    ("koordination", "coordinator", "org-ist", _("Netzwerkkoordination IQ Netzwerk Sachsen")),
    ("traeger", "provider", "org-resque", _("Trägermitarbeit RESQUE continued")),
    ("einsatzstellen", "provider", "org-stata-t1", _("Trägermitarbeit StaTA: Einsatzstellen eines Trägers")),
    ("beratung", "counsellor", "org-stata-bic", _("Intensivbetreuung im Programm StaTA")),
    ("foerderung", "funder", "org-ms-lsa", _("Fördermittelgeber StaTA, Land Sachsen-Anhalt (nur Kennzahlen)")),
]
