"""Synthetic networks at scale, for load tests and the benchmark.

Everything is written with bulk inserts in batches (no per-row saves), seeded so
the same size always gives the same data. Generated rows carry external ids
starting with "gen-" so they can be told apart from real data and removed again.
"""

import random
from dataclasses import dataclass
from datetime import time, timedelta

from django.db import connection, transaction
from django.utils import timezone

from netzlotse.network.models import Cooperation, Network, NetworkMembership, Organization, Region

from .models import DeliveryMode, FieldOfAction, Language, Location, Offer, OfferCell, OpeningHours, Phase, TargetGroup

PREFIX = "gen-"
BATCH = 5000


@dataclass(frozen=True)
class Size:
    offers: int
    organizations: int
    states: tuple  # AGS prefixes of the states used; empty = all of Germany


SIZES = {
    "region": Size(1_000, 100, ("14",)),
    "land": Size(10_000, 1_000, ("14",)),
    "bund": Size(100_000, 10_000, ()),
}

TOPICS = {
    "anerkennung": ["Anerkennungsberatung", "Begleitung im Anerkennungsverfahren", "Anpassungsqualifizierung"],
    "existenzgruendung": ["Gründungsberatung", "Gründungsseminar", "Coaching für Selbstständige"],
    "sprache": ["Deutsch für den Beruf B1", "Deutsch für den Beruf B2", "Fachsprachkurs Pflege", "Sprachcafé Beruf"],
    "qualifizierung": ["Teilqualifizierung Lager und Logistik", "Weiterbildung Pflegehilfe", "IT-Grundlagenkurs"],
    "beratung": ["Migrationsberatung", "Jobcafé", "Berufliche Orientierung", "Perspektivberatung"],
    "ausbildung": ["Ausbildungsbegleitung", "Schulabschluss nachholen", "Praktikumsbörse"],
    "vermittlung": ["Bewerbungswerkstatt", "Matching mit Betrieben", "Stellenvermittlung"],
    "arbeitsgelegenheit": ["Arbeitsgelegenheit Grünpflege", "Arbeitsgelegenheit Sozialkaufhaus", "Werkstattprojekt"],
    "aufenthaltsrecht": ["Beratung Aufenthalt und Arbeit", "Sprechstunde Arbeitserlaubnis"],
    "stabilisierung": ["Schuldnerberatung", "Suchtberatung", "Gesundheitsorientierte Begleitung"],
    "interkulturell": ["Schulung Interkulturelle Kompetenz", "Fortbildung für Jobcenter-Teams"],
    "arbeitgeber": ["Beratung für Unternehmen", "Willkommenslotsen für Betriebe"],
}
PROVIDER_WORDS = ["Bildungswerk", "Beratungszentrum", "Qualifizierungsgesellschaft", "Verein für Integration",
                  "Beschäftigungsinitiative", "Sozialwerk", "Jugendwerkstatt", "Bildungszentrum"]
SENTENCES = [
    "Wir beraten vertraulich und kostenfrei.", "Die Teilnahme ist freiwillig.",
    "Termine nach Vereinbarung, auch kurzfristig.", "Wir arbeiten eng mit Jobcenter und Arbeitsagentur zusammen.",
    "Unterlagen zur Vorbereitung erhalten Sie beim ersten Gespräch.", "Kinderbetreuung kann organisiert werden.",
    "Der Einstieg ist jederzeit möglich.", "Am Ende erhalten Sie eine Teilnahmebescheinigung.",
]


def _rng_sample(rng, population, low, high):
    return rng.sample(population, k=min(len(population), rng.randint(low, high)))


def remove_generated() -> None:
    """Delete generated data quickly, table by table (no per-object cascade in Python)."""
    with transaction.atomic():
        offers = Offer.objects.filter(external_id__startswith=PREFIX)
        for field in Offer._meta.many_to_many:
            field.remote_field.through.objects.filter(offer__in=offers.values("pk"))._raw_delete(connection.alias)
        for rel in Offer._meta.related_objects:  # links other apps keep to offers (e.g. gaps they closed)
            if rel.many_to_many:
                link = rel.field.m2m_reverse_field_name()
                rel.through.objects.filter(**{f"{link}__in": offers.values("pk")})._raw_delete(connection.alias)
        OfferCell.objects.filter(offer__in=offers.values("pk"))._raw_delete(connection.alias)
        OpeningHours.objects.filter(location__offer__in=offers.values("pk"))._raw_delete(connection.alias)
        Location.objects.filter(offer__in=offers.values("pk"))._raw_delete(connection.alias)
        from .models import OfferChange

        OfferChange.objects.filter(offer__in=offers.values("pk"))._raw_delete(connection.alias)
        offers._raw_delete(connection.alias)
        orgs = Organization.objects.filter(external_id__startswith=PREFIX)
        Cooperation.objects.filter(source__in=orgs.values("pk"))._raw_delete(connection.alias)
        Cooperation.objects.filter(target__in=orgs.values("pk"))._raw_delete(connection.alias)
        NetworkMembership.objects.filter(organization__in=orgs.values("pk"))._raw_delete(connection.alias)
        Network.objects.filter(name__startswith="Generiertes Netzwerk").delete()  # few; cascades to their records
        Organization.regions.through.objects.filter(organization__in=orgs.values("pk"))._raw_delete(connection.alias)
        orgs._raw_delete(connection.alias)


def generate(size_name: str, seed: int = 42, progress=print) -> dict:
    size = SIZES[size_name]
    rng = random.Random(seed)
    districts = list(Region.objects.districts().order_by("ags"))
    if size.states:
        districts = [d for d in districts if d.ags[:2] in size.states]
    phases = list(Phase.objects.filter(chain__is_default=True).order_by("position"))
    # Later phases get fewer offers, as regional networks report.
    phase_weights = [30, 28, 25, 10, 7][: len(phases)]
    fields = {f.code: f for f in FieldOfAction.objects.all()}
    groups = list(TargetGroup.objects.all())
    languages = list(Language.objects.all())
    modes = {m.code: m for m in DeliveryMode.objects.all()}
    today = timezone.localdate()

    with transaction.atomic():
        orgs = [Organization(external_id=f"{PREFIX}org-{i}", name=f"{rng.choice(PROVIDER_WORDS)} "
                             f"{rng.choice(districts).short_name} {i}", kind=Organization.Kind.PROVIDER,
                             city=rng.choice(districts).short_name) for i in range(size.organizations)]
        Organization.objects.bulk_create(orgs, batch_size=BATCH)
        home = {org.pk: rng.choice(districts) for org in orgs}
        Organization.regions.through.objects.bulk_create(
            [Organization.regions.through(organization_id=o.pk, region_id=home[o.pk].pk) for o in orgs],
            batch_size=BATCH)
        coordinators = orgs[:: max(1, len(orgs) // 20)]
        networks = Network.objects.bulk_create(
            [Network(name=f"Generiertes Netzwerk {i}", coordinator=c) for i, c in enumerate(coordinators)])
        NetworkMembership.objects.bulk_create(
            [NetworkMembership(network=networks[i % len(networks)], organization=o,
                               role=NetworkMembership.Role.SUBPROJECT_PARTNER) for i, o in enumerate(orgs)],
            batch_size=BATCH, ignore_conflicts=True)
        states = sorted({d.parent_id for d in districts})
        Network.regions.through.objects.bulk_create(
            [Network.regions.through(network_id=n.pk, region_id=states[i % len(states)]) for i, n in enumerate(networks)])
        # Two referral or handover links per organisation, to members of the same network.
        members = [orgs[i::len(networks)] for i in range(len(networks))]
        links = [(i, o, rng.choice(members[i % len(networks)])) for i, o in enumerate(orgs) for _ in range(2)]
        Cooperation.objects.bulk_create(
            [Cooperation(source=o, target=partner, network=networks[i % len(networks)],
                         kind=rng.choice([Cooperation.Kind.REFERRAL_ROUTE, Cooperation.Kind.HANDOVER]))
             for i, o, partner in links if partner.pk != o.pk], batch_size=BATCH)
        progress(f"{len(orgs)} Organisationen, {len(networks)} Netzwerke")

        offers, plans = [], []
        for i in range(size.offers):
            org = orgs[i % len(orgs)]
            district = home[org.pk] if rng.random() < 0.8 else rng.choice(districts)
            field_code = rng.choice(list(TOPICS))
            title = f"{rng.choice(TOPICS[field_code])} {district.short_name}"
            description = " ".join(rng.sample(SENTENCES, 3))
            status = Offer.Status.PUBLISHED if rng.random() < 0.9 else rng.choice(
                [Offer.Status.DRAFT, Offer.Status.ARCHIVED])
            starts = today - timedelta(days=rng.randint(30, 1500))
            ends = starts + timedelta(days=rng.randint(180, 2400)) if rng.random() < 0.5 else None
            offer = Offer(external_id=f"{PREFIX}{i}", provider=org, title_de=title, description_de=description,
                          status=status, valid_from=starts, valid_until=ends,
                          last_verified=today - timedelta(days=rng.randint(0, 400)),
                          archived_on=today if status == Offer.Status.ARCHIVED else None,
                          capacity=rng.choice([None, 8, 12, 15, 20, 25]), cost_eur=0,
                          created_at=timezone.now() - timedelta(days=rng.randint(30, 1500)))
            offer.search_text = offer.build_search_text(org.name)
            offers.append(offer)
            plans.append((district, field_code))
        Offer.objects.bulk_create(offers, batch_size=BATCH)
        progress(f"{len(offers)} Angebote")

        through = {f.name: f.remote_field.through for f in Offer._meta.many_to_many}
        rows = {name: [] for name in through}
        locations = []
        for offer, (district, field_code) in zip(offers, plans, strict=True):
            chosen = rng.choices(phases, weights=phase_weights, k=rng.randint(1, 2))
            rows["phases"] += [through["phases"](offer_id=offer.pk, phase_id=p.pk) for p in {p.pk: p for p in chosen}.values()]
            rows["fields_of_action"].append(through["fields_of_action"](offer_id=offer.pk,
                                                                        fieldofaction_id=fields[field_code].pk))
            rows["target_groups"] += [through["target_groups"](offer_id=offer.pk, targetgroup_id=g.pk)
                                      for g in _rng_sample(rng, groups, 1, 3)]
            rows["languages"] += [through["languages"](offer_id=offer.pk, language_id=lang.pk)
                                  for lang in [languages[0], *_rng_sample(rng, languages[1:], 0, 2)]]
            mode_codes = ["office"] + (["online"] if rng.random() < 0.3 else []) + (
                ["mobile"] if rng.random() < 0.1 else [])
            rows["delivery_modes"] += [through["delivery_modes"](offer_id=offer.pk, deliverymode_id=modes[c].pk)
                                       for c in mode_codes]
            rows["regions"].append(through["regions"](offer_id=offer.pk, region_id=district.pk))
            locations.append(Location(offer_id=offer.pk, city=district.short_name, district=district,
                                      street=f"Hauptstraße {rng.randint(1, 120)}",
                                      postcode=f"{rng.randint(1000, 99999):05d}"))
        for name, batch in rows.items():
            through[name].objects.bulk_create(batch, batch_size=BATCH)
        Location.objects.bulk_create(locations, batch_size=BATCH)
        hours = [OpeningHours(location_id=loc.pk, weekday=day, opens=time(9), closes=time(rng.choice([12, 13, 15])))
                 for loc in locations for day in rng.sample(range(5), 2)]
        OpeningHours.objects.bulk_create(hours, batch_size=BATCH)
        OfferCell.objects.refresh([offer.pk for offer in offers])
        progress(f"{sum(len(b) for b in rows.values())} Zuordnungen, {len(locations)} Orte, {len(hours)} Sprechzeiten")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"offers": len(offers), "organizations": len(orgs)}
