"""The demo: the seed stories as data. Loading is idempotent (matched by stable ids and names)."""

from django.db import transaction

from .network import load_network, load_users
from .offers import load_offers


@transaction.atomic
def load_demo() -> dict:
    net = load_network()
    load_users(net["orgs"])
    return {"offers": load_offers(net), "organizations": len(net["orgs"])}
