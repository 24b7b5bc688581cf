"""Helpers for the tests of every app: a small, readable world of organisations, users and offers (the
directory is the highest layer it needs)."""

from datetime import time, timedelta

from django.utils import timezone

from netzlotse.accounts.roles import Role
from netzlotse.accounts.tests.helpers import make_user
from netzlotse.directory.models import DeliveryMode, FieldOfAction, Language, Offer, OfferCell, Phase, ProcessChain, TargetGroup
from netzlotse.directory.services import LocationData, offer_save
from netzlotse.network.models import Network, NetworkMembership, Organization, Region


def make_offer(provider, title="Beratung", *, status=Offer.Status.PUBLISHED, phases=("zugang",), districts=("14612",),
               fields=(), groups=(), languages=("de",), modes=("office",), hours=None, by=None, **fields_) -> Offer:
    chain = ProcessChain.objects.default()
    fields_.setdefault("description_de", f"Beschreibung von {title}")
    offer = Offer(provider=provider, title_de=title, status=status, last_verified=timezone.localdate(), **fields_)
    dresden = Region.objects.get(ags=districts[0]) if districts else Region.objects.get(ags="14612")
    locations = [LocationData(city=dresden.short_name, district=dresden,
                              hours=hours if hours is not None else [(0, time(9), time(12))])]
    return offer_save(offer=offer, by=by, locations=locations, m2m={
        "phases": Phase.objects.filter(chain=chain, code__in=phases),
        "regions": Region.objects.filter(ags__in=districts),
        "fields_of_action": FieldOfAction.objects.filter(code__in=fields),
        "target_groups": TargetGroup.objects.filter(code__in=groups),
        "languages": Language.objects.filter(code__in=languages),
        "delivery_modes": DeliveryMode.objects.filter(code__in=modes),
    })


def update_offer(offer, **fields) -> None:
    """Change stored fields behind the services' back (e.g. backdating), keeping coverage cells in step."""
    Offer.objects.filter(pk=offer.pk).update(**fields)
    OfferCell.objects.refresh([offer.pk])


class World:
    """Owner and colleague at provider A; partner at provider B (same network); outsider at C;
    a coordinator of the network; a counsellor; a funder; an administrator."""

    def __init__(self):
        self.coordination = Organization.objects.create(name="Koordinierungsstelle", external_id="koord")
        self.provider_a = Organization.objects.create(name="Träger A", external_id="traeger-a")
        self.provider_b = Organization.objects.create(name="Träger B", external_id="traeger-b")
        self.provider_c = Organization.objects.create(name="Träger C", external_id="traeger-c")
        self.funder_org = Organization.objects.create(name="Ministerium", kind=Organization.Kind.MINISTRY)
        self.network = Network.objects.create(name="Netzwerk Dresden", coordinator=self.coordination)
        for org in (self.provider_a, self.provider_b):
            NetworkMembership.objects.create(network=self.network, organization=org,
                                             role=NetworkMembership.Role.SUBPROJECT_PARTNER)
        self.owner = make_user("owner", self.provider_a, Role.PROVIDER)
        self.colleague = make_user("colleague", self.provider_a, Role.PROVIDER)
        self.partner = make_user("partner", self.provider_b, Role.PROVIDER)
        self.outsider = make_user("outsider", self.provider_c, Role.PROVIDER)
        self.coordinator = make_user("coordinator", self.coordination, Role.COORDINATOR)
        self.counsellor = make_user("counsellor", self.provider_a, Role.COUNSELLOR)
        self.funder = make_user("funder", self.funder_org, Role.FUNDER)
        self.admin = make_user("admin", self.coordination, Role.ADMIN, is_staff=True, is_superuser=True)
        self.offer_a = make_offer(self.provider_a, "Anerkennungsberatung Dresden", fields=("anerkennung",))
        self.draft_a = make_offer(self.provider_a, "Entwurf von A", status=Offer.Status.DRAFT)
        self.offer_b = make_offer(self.provider_b, "Sprachkurs Leipzig", districts=("14713",), phases=("qualifizierung",))
        self.offer_c = make_offer(self.provider_c, "Gründungsberatung Chemnitz", districts=("14511",))
        self.draft_c = make_offer(self.provider_c, "Entwurf von C", status=Offer.Status.DRAFT)

    def users(self):
        return {name: getattr(self, name) for name in
                ("owner", "partner", "outsider", "coordinator", "counsellor", "funder", "admin")}


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)
