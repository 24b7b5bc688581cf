"""Demo organisations, networks, programmes, projects and users, after the seed stories.

Organisations named in the source material keep their real names. Where the
material only counts actors (StaTA's seven providers, İNPUT's poles' partners),
the demo invents plainly fictional names.
"""

from datetime import date

from netzlotse.accounts.demo import DEMO_PASSWORD, DEMO_USERS
from netzlotse.accounts.models import Membership, User
from netzlotse.network.models import (
    Cooperation,
    Network,
    NetworkMembership,
    Organization,
    Programme,
    Project,
    Region,
    RegionGroup,
)

K = Organization.Kind

# external id, name, kind, city, district AGS
ORGANIZATIONS = [
    ("org-ist", "IST – Intelligenz System Transfer Dresden", K.PROVIDER, "Dresden", "14612"),
    ("org-ibas", "IBAS – Informations- und Beratungsstelle Anerkennung Sachsen", K.COUNSELLING, "Dresden", "14612"),
    ("org-iq-gruendung", "IQ Gründungszentrum Dresden", K.PROVIDER, "Dresden", "14612"),
    ("org-iq-leipzig", "IQ Qualifizierungsverbund Leipzig", K.PROVIDER, "Leipzig", "14713"),
    ("org-iq-chemnitz", "IQ Beratungsstelle Chemnitz", K.COUNSELLING, "Chemnitz", "14511"),
    ("org-resque", "RESQUE continued", K.PROVIDER, "Dresden", "14612"),
    ("org-fluechtlingsrat", "Sächsischer Flüchtlingsrat e. V.", K.MIGRANT_ORGANISATION, "Dresden", "14612"),
    ("org-smwa", "Sächsisches Staatsministerium für Wirtschaft, Arbeit und Verkehr (SMWA)", K.MINISTRY,
     "Dresden", "14612"),
    ("org-smgi", "Sächsisches Staatsministerium für Gleichstellung und Integration (SMGI)", K.MINISTRY,
     "Dresden", "14612"),
    ("org-rd-sachsen", "Regionaldirektion Sachsen der Bundesagentur für Arbeit", K.EMPLOYMENT_AGENCY,
     "Chemnitz", "14511"),
    ("org-aa-pirna", "Agentur für Arbeit Pirna", K.EMPLOYMENT_AGENCY, "Pirna", "14628"),
    ("org-jc-meissen", "Jobcenter Landkreis Meißen", K.JOBCENTER, "Meißen", "14627"),
    ("org-dgb-sachsen", "Deutscher Gewerkschaftsbund (DGB) Bezirk Sachsen", K.UNION, "Dresden", "14612"),
    ("org-hwk-dresden", "Handwerkskammer Dresden", K.CHAMBER, "Dresden", "14612"),
    ("org-ihk-chemnitz", "Industrie- und Handelskammer Chemnitz", K.CHAMBER, "Chemnitz", "14511"),
    ("org-awo-sachsen", "Arbeiterwohlfahrt (AWO) Landesverband Sachsen e. V.", K.WELFARE, "Dresden", "14612"),
    ("org-paritaet-sachsen", "Paritätischer Wohlfahrtsverband Landesverband Sachsen e. V.", K.WELFARE,
     "Dresden", "14612"),
    ("org-diakonie-sachsen", "Diakonisches Werk der Ev.-Lutherischen Landeskirche Sachsens e. V.", K.WELFARE,
     "Radebeul", "14627"),
    ("org-lasub", "Landesamt für Schule und Bildung, Standort Dresden", K.AUTHORITY, "Dresden", "14612"),
    ("org-ab-dresden", "Ausländerbeauftragte der Landeshauptstadt Dresden", K.AUTHORITY, "Dresden", "14612"),
    ("org-ab-chemnitz", "Ausländerbeauftragte der Stadt Chemnitz", K.AUTHORITY, "Chemnitz", "14511"),
    ("org-donner", "Donner + Partner GmbH Sachsen", K.EMPLOYER, "Dresden", "14612"),
    ("org-bmas", "Bundesministerium für Arbeit und Soziales (BMAS)", K.MINISTRY, "Berlin", "11000"),
    # StaTA, Landkreis Stendal
    ("org-ms-lsa", "Ministerium für Arbeit, Soziales und Integration Sachsen-Anhalt", K.MINISTRY,
     "Magdeburg", "15003"),
    ("org-jc-stendal", "Jobcenter Landkreis Stendal, Geschäftsstelle Stendal", K.JOBCENTER, "Stendal", "15090"),
    ("org-jc-havelberg", "Jobcenter Landkreis Stendal, Geschäftsstelle Havelberg", K.JOBCENTER, "Havelberg",
     "15090"),
    ("org-jc-osterburg", "Jobcenter Landkreis Stendal, Geschäftsstelle Osterburg", K.JOBCENTER, "Osterburg",
     "15090"),
    ("org-stata-bic", "Intensivbetreuung StaTA im Beratungs- und Integrationscenter Stendal", K.COUNSELLING,
     "Stendal", "15090"),
    ("org-stata-t1", "Altmärkische Beschäftigungsinitiative (fiktiv)", K.PROVIDER, "Stendal", "15090"),
    ("org-stata-t2", "Bildungswerk Uchte (fiktiv)", K.PROVIDER, "Stendal", "15090"),
    ("org-stata-t3", "Gemeinwohlwerkstatt Havelberg (fiktiv)", K.PROVIDER, "Havelberg", "15090"),
    ("org-stata-t4", "Osterburger Sozialwerk (fiktiv)", K.PROVIDER, "Osterburg", "15090"),
    ("org-stata-t5", "Tangermünder Stadtteilhilfe (fiktiv)", K.PROVIDER, "Tangermünde", "15090"),
    ("org-stata-t6", "Arneburger Natur- und Landschaftspflege (fiktiv)", K.PROVIDER, "Arneburg", "15090"),
    ("org-stata-t7", "Seehausener Tafel- und Sozialdienst (fiktiv)", K.PROVIDER, "Seehausen (Altmark)", "15090"),
    ("org-sucht-stendal", "Suchtberatung Stendal (fiktiv)", K.COUNSELLING, "Stendal", "15090"),
    ("org-schuldner-stendal", "Schuldnerberatung Altmark (fiktiv)", K.COUNSELLING, "Stendal", "15090"),
    # İNPUT's three project poles
    ("org-bbq", "BBQ Berufliche Bildung gGmbH", K.PROVIDER, "Stuttgart", "08111"),
    ("org-jufun", "JuFuN e. V.", K.MIGRANT_ORGANISATION, "Esslingen am Neckar", "08116"),
    ("org-forum-kulturen", "Forum der Kulturen Stuttgart e. V.", K.MIGRANT_ORGANISATION, "Stuttgart", "08111"),
    # A binding local cooperation network in North Rhine-Westphalia
    ("org-mais-nrw", "Ministerium für Arbeit, Soziales und Integration des Landes Nordrhein-Westfalen (MAIS)",
     K.MINISTRY, "Düsseldorf", "05111"),
    ("org-jc-gelsenkirchen", "Jobcenter Gelsenkirchen (Produktionsnetzwerk)", K.JOBCENTER, "Gelsenkirchen",
     "05513"),
    ("org-jugendhilfe-ge", "Jugendhilfe Gelsenkirchen (fiktiv)", K.AUTHORITY, "Gelsenkirchen", "05513"),
    ("org-gesundheit-ge", "Gesundheitsamt und Suchthilfe Gelsenkirchen (fiktiv)", K.AUTHORITY, "Gelsenkirchen",
     "05513"),
    ("org-fogs", "FOGS – Gesellschaft für Forschung und Beratung im Gesundheits- und Sozialbereich", K.RESEARCH,
     "Köln", "05315"),
]

RESQUE_REGION = ["14625", "14511", "14612", "14521", "14626", "14627", "14522", "14628", "14523", "14524"]
RESQUE_STRATEGIC = ["org-smwa", "org-smgi", "org-rd-sachsen", "org-aa-pirna", "org-jc-meissen", "org-dgb-sachsen",
                    "org-hwk-dresden", "org-ihk-chemnitz", "org-awo-sachsen", "org-paritaet-sachsen",
                    "org-diakonie-sachsen", "org-lasub", "org-ab-dresden", "org-ab-chemnitz", "org-donner"]
STATA_PROVIDERS = [f"org-stata-t{i}" for i in range(1, 8)]
STATA_PARTNERS = ["org-stata-bic", "org-jc-stendal", "org-jc-havelberg", "org-jc-osterburg", *STATA_PROVIDERS]


def _upsert(model, lookup: dict, values: dict):
    obj, _created = model.objects.update_or_create(**lookup, defaults=values)
    return obj


def load_network() -> dict:
    regions = {r.ags: r for r in Region.objects.all()}
    orgs = {}
    for ext_id, name, kind, city, ags in ORGANIZATIONS:
        # Reserved example addresses (never delivered anywhere), so the demo can invite organisations to surveys.
        email = f"kontakt@{ext_id.removeprefix('org-')}.example.org"
        orgs[ext_id] = _upsert(Organization, {"external_id": ext_id}, {"name": name, "kind": kind, "city": city,
                                                                      "email": email})
        orgs[ext_id].regions.set([regions[ags]] if ags in regions else [])

    def network(name, coordinator, members, region_codes, description=""):
        net = _upsert(Network, {"name": name}, {"coordinator": orgs[coordinator], "description": description})
        net.regions.set([regions[c] for c in region_codes if c in regions])
        for ext_id, role, *since in members:  # a member may have joined later than the network began
            NetworkMembership.objects.update_or_create(network=net, organization=orgs[ext_id],
                                                       defaults={"role": role, "since": since[0] if since else None})
        return net

    R = NetworkMembership.Role
    iq = network("IQ Netzwerk Sachsen", "org-ist",
                 [("org-ibas", R.SUBPROJECT_PARTNER), ("org-iq-gruendung", R.SUBPROJECT_PARTNER),
                  ("org-iq-leipzig", R.SUBPROJECT_PARTNER), ("org-iq-chemnitz", R.SUBPROJECT_PARTNER),
                  ("org-resque", R.COOPERATION_PARTNER, date(2022, 7, 1)), ("org-smwa", R.STRATEGIC_PARTNER)],
                 ["14"], "Landesnetzwerk im Förderprogramm „Integration durch Qualifizierung“.")
    resque_net = network("RESQUE continued Projektverbund", "org-resque",
                         [("org-fluechtlingsrat", R.COOPERATION_PARTNER)]
                         + [(ext_id, R.STRATEGIC_PARTNER) for ext_id in RESQUE_STRATEGIC],
                         RESQUE_REGION, "IvAF-Netzwerkprojekt für Geflüchtete in Sachsen.")
    stata_net = network("StaTA Landkreis Stendal", "org-stata-bic",
                        [(j, R.STRATEGIC_PARTNER) for j in ("org-jc-stendal", "org-jc-havelberg", "org-jc-osterburg")]
                        + [(t, R.SUBPROJECT_PARTNER) for t in STATA_PROVIDERS]
                        + [("org-sucht-stendal", R.COOPERATION_PARTNER), ("org-schuldner-stendal",
                                                                          R.COOPERATION_PARTNER)],
                        ["15090"], "Landesprogramm Stabilisierung und Teilhabe am Arbeitsleben.")
    inp = network("İNPUT Projektpole", "org-bbq",
                  [("org-jufun", R.SUBPROJECT_PARTNER), ("org-forum-kulturen", R.SUBPROJECT_PARTNER)],
                  ["08111", "08116"], "Transfer guter Praxis für Arbeitslose mit Migrationsgeschichte und über 45.")
    prod = network("Produktionsnetzwerk Gelsenkirchen", "org-jc-gelsenkirchen",
                   [("org-jugendhilfe-ge", R.SUBPROJECT_PARTNER), ("org-gesundheit-ge", R.SUBPROJECT_PARTNER),
                    ("org-fogs", R.STRATEGIC_PARTNER)], ["05513"],
                   "Verbindliche lokale Kooperation von Jobcenter, Jugend- und Gesundheitshilfe.")

    def programme(name, short, funders, starts, ends):
        prog = _upsert(Programme, {"name": name}, {"short_name": short, "starts_on": starts, "ends_on": ends})
        prog.funders.set([orgs[f] for f in funders])
        return prog

    iq_prog = programme("Integration durch Qualifizierung", "IQ", ["org-bmas"], date(2023, 1, 1), date(2028, 12, 31))
    ivaf = programme("Integration von Asylbewerberinnen, Asylbewerbern und Flüchtlingen", "IvAF", ["org-bmas"],
                     date(2022, 10, 1), date(2027, 12, 31))
    stata = programme("Stabilisierung und Teilhabe am Arbeitsleben", "StaTA", ["org-ms-lsa"],
                      date(2017, 12, 1), date(2027, 12, 31))
    inp_prog = programme("Innovationstransfer für Beschäftigung (İNPUT)", "İNPUT", ["org-bmas"],
                         date(2024, 1, 1), date(2027, 6, 30))
    hand = programme("Soziale Dienstleistungen Hand in Hand", "Hand in Hand", ["org-mais-nrw"],
                     date(2024, 1, 1), date(2027, 12, 31))

    resque_region = _upsert(RegionGroup, {"name": "Förderregion RESQUE continued"},
                            {"description": "Zehn sächsische Kreise und kreisfreie Städte."})
    resque_region.regions.set([regions[c] for c in RESQUE_REGION])
    stendal_region = _upsert(RegionGroup, {"name": "Landkreis Stendal (StaTA)"}, {})
    stendal_region.regions.set([regions["15090"]])

    def project(name, prog, net, lead, partners=(), region=None, participants=None, slots=None,
                starts=None, ends=None, code=None):
        proj = _upsert(Project, {"name": name}, {"code": code,
            "programme": prog, "network": net, "lead": orgs[lead], "funding_region": region,
            "planned_participants": participants, "planned_slots": slots,
            "funding_starts_on": starts or prog.starts_on, "funding_ends_on": ends or prog.ends_on})
        proj.partners.set([orgs[p] for p in partners])
        return proj

    projects = {
        "psst": project("PsssT – Prozesskette Sachsen", iq_prog, iq, "org-ist"),
        "ibas": project("IBAS – Anerkennungsberatung Sachsen", iq_prog, iq, "org-ibas"),
        "gruendung": project("IQ Gründungszentrum Dresden", iq_prog, iq, "org-iq-gruendung"),
        "iq-quali": project("IQ Qualifizierung Sachsen", iq_prog, iq, "org-iq-leipzig", ["org-iq-chemnitz"]),
        "resque": project("RESQUE continued", ivaf, resque_net, "org-resque", ["org-fluechtlingsrat"],
                          resque_region, participants=600, code="RESQUE"),
        "input": project("İNPUT Transferprojekt", inp_prog, inp, "org-bbq", ["org-jufun", "org-forum-kulturen"]),
        "hand": project("Produktionsnetzwerk Gelsenkirchen", hand, prod, "org-jc-gelsenkirchen",
                        ["org-jugendhilfe-ge", "org-gesundheit-ge"]),
    }
    # StaTA: 42 projects with 113 work-opportunity slots at seven providers.
    slots = [3] * 29 + [2] * 13  # 87 + 26 = 113
    stata_projects = []
    for i, n in enumerate(slots, start=1):
        lead = STATA_PROVIDERS[(i - 1) % 7]
        # One joint programme: the Jobcenters admit, the centre and every provider follow up and place people.
        partners = [p for p in STATA_PARTNERS if p != lead]
        stata_projects.append(project(f"StaTA-Projekt {i:02d}", stata, stata_net, lead, partners, region=stendal_region,
                                      slots=n, starts=date(2017, 12, 1), code=f"STATA-{i:02d}"))
    projects["stata"] = stata_projects

    coop = Cooperation.Kind
    # The IQ network's links changed over the years: IBAS's referral route to the start-up centre ended in 2022,
    # others began in 2023, so the network graph shows links gained and lost between two dates.
    for source, target, kind, net, since, *until in [
        ("org-resque", "org-fluechtlingsrat", coop.AGREEMENT, resque_net, date(2020, 1, 1)),
        ("org-ibas", "org-iq-gruendung", coop.REFERRAL_ROUTE, iq, date(2019, 1, 1), date(2022, 12, 31)),
        ("org-ibas", "org-iq-leipzig", coop.REFERRAL_ROUTE, iq, date(2023, 3, 1)),
        ("org-iq-chemnitz", "org-iq-gruendung", coop.HANDOVER, iq, date(2023, 6, 1)),
        ("org-jc-stendal", "org-stata-bic", coop.JOINT_PROFILING, stata_net, date(2017, 12, 1)),
        ("org-jc-havelberg", "org-stata-bic", coop.JOINT_PROFILING, stata_net, date(2017, 12, 1)),
        ("org-jc-osterburg", "org-stata-bic", coop.JOINT_PROFILING, stata_net, date(2017, 12, 1)),
        ("org-stata-bic", "org-sucht-stendal", coop.REFERRAL_ROUTE, stata_net, date(2018, 4, 1)),
        ("org-stata-bic", "org-schuldner-stendal", coop.REFERRAL_ROUTE, stata_net, date(2018, 4, 1)),
        ("org-resque", "org-aa-pirna", coop.STRATEGIC, resque_net, date(2022, 10, 1)),
        ("org-jc-gelsenkirchen", "org-jugendhilfe-ge", coop.AGREEMENT, prod, date(2024, 1, 1)),
        ("org-jc-gelsenkirchen", "org-gesundheit-ge", coop.AGREEMENT, prod, date(2024, 1, 1)),
    ]:
        Cooperation.objects.update_or_create(source=orgs[source], target=orgs[target], kind=kind,
                                             defaults={"network": net, "since": since,
                                                       "until": until[0] if until else None})
    return {"orgs": orgs, "regions": regions, "projects": projects, "networks": {"iq": iq, "prod": prod}}


def load_users(orgs) -> None:
    for username, role, org_id, _description in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username)
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.is_staff = user.is_superuser = role == "admin"
        user.save()
        Membership.objects.get_or_create(user=user, organization=orgs[org_id], role=role)
