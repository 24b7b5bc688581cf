"""Demo case files: StaTA in Landkreis Stendal (intensive support, 113 work-opportunity slots at seven providers)
and RESQUE continued (refugees counselled into work and training). Every person is invented; the histories are
written through the services, so the case events are the ones real work would leave behind.

Loading is idempotent: nothing is added once the StaTA counselling centre has participants."""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from netzlotse.accounts.models import User
from netzlotse.directory.models import Language, Offer, Phase, ResidenceStatus, ServiceChain, TargetGroup
from netzlotse.directory.services import service_chain_save
from netzlotse.network.models import Network, Organization, Project, Region

from . import services
from .models import Case, CaseEvent, Consent, Contact, Need, Participant, Placement, PlacementSite, Qualification, ResidenceRecord

GERMAN_FIRST = ["Andreas", "Birgit", "Carsten", "Daniela", "Enrico", "Franziska", "Gerd", "Heike", "Ingo", "Jana",
                "Kai", "Katrin", "Lutz", "Mandy", "Marco", "Nicole", "Olaf", "Peggy", "Rene", "Sandra", "Steffen",
                "Susann", "Thomas", "Ute", "Uwe", "Yvonne", "Dirk", "Ramona", "Silvio", "Anja"]
GERMAN_LAST = ["Bauer", "Behrendt", "Dietrich", "Engel", "Fiedler", "Franke", "Gericke", "Hahn", "Haase", "Jahn",
               "Kühne", "Lange", "Lehmann", "Lorenz", "Marx", "Nitsche", "Pohl", "Rothe", "Schulze", "Seidel",
               "Stein", "Thiele", "Voigt", "Wagner", "Winkler", "Ziegler", "Zimmer", "Kretschmer", "Brandt", "Koch"]
REFUGEE_PEOPLE = [  # (first names, last names, languages, country of the qualification)
    (["Ahmad", "Rama", "Yousef", "Lina", "Omar", "Hiba"], ["Al-Hassan", "Haddad", "Khalil", "Nasser", "Saleh"],
     ["ar"], "Syrien"),
    (["Farid", "Mina", "Reza", "Shabnam", "Jawad"], ["Ahmadi", "Hosseini", "Karimi", "Rahimi", "Sadat"], ["fa"],
     "Afghanistan"),
    (["Awet", "Selam", "Yonas", "Helen"], ["Tesfaye", "Gebremedhin", "Kidane", "Berhane"], ["ti"], "Eritrea"),
    (["Olena", "Dmytro", "Iryna", "Serhii", "Kateryna"], ["Shevchenko", "Kovalenko", "Bondarenko", "Melnyk"],
     ["uk", "ru"], "Ukraine"),
    (["Dilan", "Rojin", "Azad", "Berivan"], ["Kaya", "Demir", "Aydin", "Yildiz"], ["ku", "tr"], "Irak"),
]
F, P = PlacementSite.Field, PlacementSite.Physical
SITE_WORK = [  # (what the site does, its field of work, how hard the work is on the body)
    ("Grünpflege", F.GARDENING, P.HEAVY), ("Tafel und Lebensmittelausgabe", F.RETAIL, P.MEDIUM),
    ("Holzwerkstatt", F.CRAFTS, P.MEDIUM), ("Kleiderkammer", F.RETAIL, P.LIGHT),
    ("Hausmeisterdienste", F.CRAFTS, P.HEAVY), ("Seniorenbegleitung", F.CARE, P.LIGHT),
    ("Schulgarten", F.GARDENING, P.MEDIUM), ("Fahrradwerkstatt", F.CRAFTS, P.MEDIUM),
    ("Heimatstube", F.CULTURE, P.LIGHT), ("Landschaftspflege", F.GARDENING, P.HEAVY),
    ("Sozialkaufhaus", F.RETAIL, P.MEDIUM), ("Bibliotheksdienst", F.CULTURE, P.LIGHT),
    ("Stadtteilcafé", F.HOUSEKEEPING, P.MEDIUM), ("Tierpark-Hilfe", F.ANIMALS, P.HEAVY)]
PROVIDER_TOWNS = {"org-stata-t1": ("Stendal", "39576"), "org-stata-t2": ("Stendal-Uchtspringe", "39576"),
                  "org-stata-t3": ("Havelberg", "39539"), "org-stata-t4": ("Osterburg", "39606"),
                  "org-stata-t5": ("Tangermünde", "39590"), "org-stata-t6": ("Arneburg", "39596"),
                  "org-stata-t7": ("Seehausen (Altmark)", "39615")}
STREETS = ["Bahnhofstraße", "Hauptstraße", "Am Markt", "Gartenweg", "Schulstraße", "Lindenallee", "Mühlenweg"]
JOBCENTERS = ["Jobcenter Stendal", "Jobcenter Havelberg", "Jobcenter Osterburg"]
EARLY_ENDS = [  # (placement end reason, case outcome or None when the person stays in the programme)
    (Placement.EndReason.HEALTH, Case.Outcome.HEALTH), (Placement.EndReason.HEALTH, None),
    (Placement.EndReason.OVERLOAD, None), (Placement.EndReason.OVERLOAD, Case.Outcome.OVERLOAD),
    (Placement.EndReason.QUALIFICATION, Case.Outcome.TRAINING), (Placement.EndReason.WORK, Case.Outcome.JOB)]
STATA_STEPS = [
    ("Gemeinsames Profiling mit dem Jobcenter", "jobcenter", 14, "zugang"),
    ("Stabilisierung: Hilfeplan mit Sucht- und Schuldnerberatung", "counselling", 28, "orientierung"),
    ("Einsatz in einer Arbeitsgelegenheit", "provider", 30, "qualifizierung"),
    ("Folgeprofiling und Abstimmung des nächsten Schritts", "jobcenter", 90, "einmuendung"),
]


@transaction.atomic
def load_cases_demo(today: date | None = None) -> dict:
    stata_centre = Organization.objects.get(external_id="org-stata-bic")
    if Participant.objects.filter(organization=stata_centre).exists():
        return {"participants": 0, "events": 0}
    today = today or timezone.localdate()
    rng = random.Random(2018)  # noqa: S311 - invented demo data, not security
    counsellor = User.objects.filter(username="beratung").first()
    chain = _stata_service_chain(stata_centre)
    stata = _stata(rng, today, stata_centre, counsellor, chain)
    resque = _resque(rng, today)
    return {"participants": stata + resque, "events": CaseEvent.objects.filter(
        organization__external_id__in=["org-stata-bic", "org-resque"]).count()}


def _stata_service_chain(centre):
    network = Network.objects.get(name="StaTA Landkreis Stendal")
    chain, created = ServiceChain.objects.get_or_create(network=network, name="StaTA: vom Profiling in die AGH",
                                                        defaults={"description": "Übliche Schritte der Intensivbetreuung."})
    if created:
        phases = {p.code: p for p in Phase.objects.filter(chain__is_default=True)}
        service_chain_save(chain=chain, steps=[
            {"title": title, "responsible_kind": kind, "expected_days": days, "phase": phases[phase]}
            for title, kind, days, phase in STATA_STEPS])
    return chain


def _person(rng, org, first_names, last_names, *, district, born_between, used, **extra):
    while True:
        first, last = rng.choice(first_names), rng.choice(last_names)
        if (first, last) not in used:
            used.add((first, last))
            break
    start, end = born_between
    birth = start + timedelta(days=rng.randrange((end - start).days))
    person = Participant(organization=org, first_name=first, last_name=last, birth_date=birth, district=district,
                         gender="f" if first in FEMALE else "m", postcode=extra.pop("postcode", ""), **extra)
    return person


FEMALE = {"Birgit", "Daniela", "Franziska", "Heike", "Jana", "Katrin", "Mandy", "Nicole", "Peggy", "Sandra", "Susann",
          "Ute", "Yvonne", "Ramona", "Anja", "Rama", "Lina", "Hiba", "Mina", "Shabnam", "Selam", "Helen", "Olena",
          "Iryna", "Kateryna", "Dilan", "Rojin", "Berivan"}


def _stata(rng, today, centre, counsellor, chain) -> int:
    """180 admissions over eleven months; 113 slots filled in order of admission, the rest wait; some placements
    end early (health, overload, qualification, work) and the waiting list moves up."""
    stendal = Region.objects.get(ags="15090")
    groups = list(TargetGroup.objects.filter(code__in=["langzeitarbeitslose", "ue45"]))
    german = list(ResidenceStatus.objects.filter(code="deutsch"))
    sites = _stata_sites()
    jobcenters = list(Organization.objects.filter(external_id__in=["org-jc-stendal", "org-jc-havelberg",
                                                                    "org-jc-osterburg"]).order_by("external_id"))
    used, cases = set(), []
    for i in range(180):
        opened = today - timedelta(days=330 - i * 330 // 180 + rng.randrange(0, 3))
        person = _person(rng, centre, GERMAN_FIRST, GERMAN_LAST, district=stendal, used=used,
                         born_between=(date(1962, 1, 1), date(1995, 12, 31)), postcode=rng.choice(
                             ["39576", "39539", "39606", "39590", "39596", "39615"]),
                         german_level="C2", education=rng.choice(["isced_0_2", "isced_0_2", "isced_3_4"]))
        jobcenter = rng.choice(jobcenters) if jobcenters else None
        case = services.admission(participant=person, case=Case(organization=centre, opened_on=opened,
                                                                 project=sites[i % len(sites)].project,
                                                                 jobcenter=jobcenter),
                                  by=counsellor, residence=ResidenceRecord(status=german[0], labour_market_access="full",
                                                                           recorded_on=opened) if german else None,
                                  allow_duplicate=True)
        person.target_groups.set(rng.sample(groups, rng.randint(1, len(groups))))
        _stata_history(rng, today, case, counsellor)
        cases.append(case)
    _fill_slots(rng, today, cases, sites, counsellor)
    for case in rng.sample(cases[:120], 30):
        services.service_chain_apply(case=case, chain=chain, by=counsellor, start=case.opened_on)
        for step in case.steps.filter(due_on__lt=today - timedelta(days=10 + rng.choice([0, 0, 0, 40]))):
            services.case_step_tick(step=step, done=True, by=counsellor, day=step.due_on - timedelta(days=rng.randrange(0, 5)))
    _stata_referrals(rng, today, cases[:40], counsellor)
    return len(cases)


def load_stata_sites() -> int:
    """StaTA's 42 work-opportunity sites with 113 slots (a programme history may be imported into them first)."""
    return len(_stata_sites())


def _stata_sites() -> list[PlacementSite]:
    sites = []
    stendal = Region.objects.filter(ags="15090").first()
    for number, project in enumerate(Project.objects.filter(name__startswith="StaTA-Projekt").select_related(
            "lead").order_by("name"), start=1):
        town, postcode = PROVIDER_TOWNS.get(project.lead.external_id, ("Stendal", "39576"))
        work, field, physical = SITE_WORK[number % len(SITE_WORK)]
        site, _ = PlacementSite.objects.get_or_create(code=f"AGH-SDL-{number:02d}", defaults={
            "project": project, "organization": project.lead, "slots": project.planned_slots or 2,
            "name": f"{work} {town}", "field_of_work": field, "physical_demand": physical,
            "street": f"{STREETS[number % len(STREETS)]} {number + 2}", "postcode": postcode, "city": town,
            "district": stendal, "hours_per_week": 20 if number % 3 else 30, "driving_licence": number % 9 == 0,
            "german_level": "A2" if field in (F.CARE, F.OFFICE, F.CULTURE) else "",
            "valid_from": date(2017, 12, 1), "contact_name": f"Einsatzstellenbetreuung {town}",
            "contact_phone": f"03931 {4100 + number}"})
        sites.append(site)
    return sites


def _stata_history(rng, today, case, counsellor):
    opened = case.opened_on
    services.contact_record(case=case, by=counsellor, contact=Contact(
        kind=Contact.Kind.PROFILING, date=opened, duration_minutes=90,
        place=case.jobcenter.city if case.jobcenter else rng.choice(JOBCENTERS),
        notes="Gemeinsames Profiling; Stärken und Hemmnisse besprochen."))
    day = opened
    while True:
        day += timedelta(days=rng.randint(18, 45))
        if day > today:
            break
        kind = rng.choice([Contact.Kind.FOLLOW_UP_PROFILING, Contact.Kind.FOLLOW_UP_PROFILING, Contact.Kind.HOME_VISIT,
                           Contact.Kind.AT_PROVIDER, Contact.Kind.PHONE])
        next_day = day + timedelta(days=rng.randint(14, 42))
        services.contact_record(case=case, by=counsellor, contact=Contact(
            kind=kind, date=day, duration_minutes=rng.choice([30, 45, 60]), next_contact_on=next_day,
            place="Hausbesuch" if kind == Contact.Kind.HOME_VISIT else ""))
    for kind in rng.sample([Need.Kind.HEALTH, Need.Kind.ADDICTION, Need.Kind.DEBTS, Need.Kind.HOUSING,
                            Need.Kind.MOBILITY], rng.randint(1, 3)):
        services.need_record(case=case, by=counsellor, need=Need(
            kind=kind, recorded_on=opened, status=rng.choice(list(Need.Status.values)),
            notes={Need.Kind.HEALTH: "Rückenbeschwerden, keine schwere körperliche Arbeit.",
                   Need.Kind.ADDICTION: "Anbindung an die Suchtberatung besprochen.",
                   Need.Kind.DEBTS: "Termin bei der Schuldnerberatung vereinbart.",
                   Need.Kind.HOUSING: "Wohnung gekündigt, Unterstützung bei der Suche.",
                   Need.Kind.MOBILITY: "Kein Führerschein; Busverbindung zur Einsatzstelle prüfen."}[kind]))
    case.strengths = rng.choice(["Zuverlässig, handwerklich geschickt.", "Arbeitet gern im Freien.",
                                 "Gute Kontakte im Ort, hilfsbereit."])
    case.goals = "Tagesstruktur festigen, Belastbarkeit in der Arbeitsgelegenheit erproben."
    case.phase = Phase.objects.filter(chain__is_default=True, code="qualifizierung").first()
    services.plan_save(case=case, by=counsellor)


def _fill_slots(rng, today, cases, sites, counsellor):
    free = {site.pk: site.slots for site in sites}
    ending = []
    for case in cases[:140]:
        start = case.opened_on + timedelta(days=rng.randint(10, 28))
        open_sites = [s for s in sites if free[s.pk] > 0]
        site = rng.choice(open_sites) if open_sites else rng.choice(sites)
        try:
            placement = services.placement_book(case=case, site=site, start=min(start, today + timedelta(days=20)),
                                                planned_end=start + timedelta(days=rng.choice([300, 330, 365])),
                                                by=counsellor)
        except services.SiteFull:
            continue
        free[site.pk] -= 1
        if placement.status == Placement.Status.ACTIVE and (today - start).days > 90:
            ending.append(placement)
    for placement, (reason, outcome) in zip(rng.sample(ending, 17), EARLY_ENDS * 3, strict=False):
        day = placement.started_on + timedelta(days=rng.randint(40, 80))
        ended = services.placement_end(placement=placement, reason=reason, early=True, by=counsellor, day=day)
        if ended.moved_up is not None and ended.moved_up.planned_start <= today:
            services.placement_start(placement=ended.moved_up, by=counsellor, day=ended.moved_up.planned_start)
        if outcome is not None:
            services.case_close(case=placement.case, outcome=outcome, early=True, by=counsellor,
                                day=day + timedelta(days=3))
    # Where nobody was waiting at the site itself, the counsellors fill the slot from another site's waiting list;
    # two slots stay free and two placements are still planned, as at any cut-off date.
    free_sites = [site for site in sites for _ in range(site.slots - site.placements.filter(
        status__in=Placement.OCCUPYING).count())][2:]
    waiting = Placement.objects.filter(site__in=sites, status=Placement.Status.WAITING).order_by("created_at", "pk")
    for number, (site, placement) in enumerate(zip(free_sites, list(waiting), strict=False)):
        services.placement_cancel(placement=placement, by=counsellor, day=today - timedelta(days=30))
        start = today + timedelta(days=7 + number) if number < 2 else today - timedelta(days=rng.randint(1, 25))
        services.placement_book(case=placement.case, site=site, start=start, planned_end=start + timedelta(days=365),
                                by=counsellor)


def _stata_referrals(rng, today, cases, counsellor):
    """Referrals to the local addiction and debt counselling, each under a consent limited to what they need."""
    partners = list(Organization.objects.filter(external_id__in=["org-sucht-stendal", "org-schuldner-stendal"]))
    for case in rng.sample([c for c in cases if c.is_open], 8):
        partner = rng.choice(partners)
        granted = case.opened_on + timedelta(days=7)
        consent = services.consent_record(consent=Consent(
            participant=case.participant, for_referral=True, data_categories=["identity", "contact", "needs"],
            text_version="StaTA-2024-1", granted_on=granted, valid_until=granted + timedelta(days=730)),
            recipients=[partner], by=counsellor)
        referral = services.referral_propose(case=case, recipient=partner, by=counsellor, day=granted)
        services.referral_update(referral=referral, status="accepted", by=None, day=granted + timedelta(days=5))
        if consent.pk % 3 == 0:
            services.consent_withdraw(consent=consent, by=counsellor, day=min(today, granted + timedelta(days=120)))


def _resque(rng, today) -> int:
    """60 refugees counselled by RESQUE continued in its ten districts: residence status, languages, foreign
    qualifications, referrals to recognition counselling, and a few cases where nothing suitable existed."""
    resque = Organization.objects.get(external_id="org-resque")
    staff = User.objects.filter(username="traeger").first()
    project = Project.objects.get(name="RESQUE continued")
    districts = list(Region.objects.filter(ags__in=["14612", "14511", "14625", "14626", "14627", "14628"]))
    statuses = {s.code: s for s in ResidenceStatus.objects.filter(
        code__in=["gestattung", "duldung", "aufenthaltserlaubnis", "schutz-24"])}
    languages = {lang.code: lang for lang in Language.objects.all()}
    groups = {g.code: g for g in TargetGroup.objects.all()}
    recognition = list(Offer.objects.filter(external_id__startswith="iq-anerkennung-").select_related("provider")[:4])
    phases = {p.code: p for p in Phase.objects.filter(chain__is_default=True)}
    used, count = set(), 0
    for i in range(60):
        firsts, lasts, langs, country = REFUGEE_PEOPLE[i % len(REFUGEE_PEOPLE)]
        district = districts[i % len(districts)]
        opened = today - timedelta(days=rng.randint(10, 400))
        status = ["gestattung", "duldung", "aufenthaltserlaubnis", "aufenthaltserlaubnis", "schutz-24"][i % 5]
        if status == "schutz-24" and country != "Ukraine":
            status = "aufenthaltserlaubnis"
        person = _person(rng, resque, firsts, lasts, district=district, used=used,
                         born_between=(date(1975, 1, 1), date(2006, 6, 30)),
                         german_level=rng.choice(["A1", "A2", "A2", "B1", "B1", "B2"]),
                         education=rng.choice(["isced_0_2", "isced_3_4", "isced_5_8"]))
        valid_until = today + timedelta(days=rng.choice([20, 45, 90, 180, 365, 700]))
        access = {"gestattung": "subordinate", "duldung": "subordinate"}.get(status, "full")
        case = services.admission(participant=person, by=staff, allow_duplicate=True,
                                  case=Case(organization=resque, project=project, opened_on=opened,
                                            phase=phases["orientierung"]),
                                  residence=ResidenceRecord(status=statuses[status], valid_until=valid_until,
                                                            labour_market_access=access, recorded_on=opened))
        person.languages.set([languages[c] for c in langs if c in languages])
        tg = ["gefluechtete", "junge-erwachsene"] if person.birth_date.year > 1998 else ["gefluechtete"]
        person.target_groups.set([groups[c] for c in tg + (["asylsuchende"] if status == "gestattung" else [])
                                  + (["geduldete"] if status == "duldung" else []) if c in groups])
        if person.education == "isced_5_8" or i % 4 == 0:
            Qualification.objects.create(participant=person, country=country, title=rng.choice(
                ["Bachelor Bauingenieurwesen", "Krankenpflege (Diplom)", "Elektriker (Berufsabschluss)",
                 "Lehramt Mathematik", "Kfz-Mechatroniker (Berufsabschluss)"]),
                recognition=rng.choice(list(Qualification.Recognition.values)))
        _resque_history(rng, today, case, staff, recognition, phases)
        count += 1
    return count


def _resque_history(rng, today, case, staff, recognition, phases):
    day = case.opened_on
    services.contact_record(case=case, by=staff, contact=Contact(
        kind=Contact.Kind.COUNSELLING, date=day, duration_minutes=60, place="Beratungsstelle",
        notes="Erstberatung: Aufenthalt, Arbeitsmarktzugang, Ausbildungswunsch.", next_contact_on=day + timedelta(days=21)))
    for kind in rng.sample([Need.Kind.RESIDENCE_LAW, Need.Kind.LANGUAGE, Need.Kind.RECOGNITION, Need.Kind.CHILDCARE],
                           2):
        services.need_record(case=case, by=staff, need=Need(kind=kind, recorded_on=day, status=Need.Status.IN_PROGRESS))
    while (day := day + timedelta(days=rng.randint(20, 60))) <= today:
        services.contact_record(case=case, by=staff, contact=Contact(
            kind=rng.choice([Contact.Kind.COUNSELLING, Contact.Kind.PHONE, Contact.Kind.AT_JOBCENTER]), date=day,
            duration_minutes=rng.choice([20, 45, 60]), next_contact_on=day + timedelta(days=rng.randint(14, 35))))
    if case.participant.qualifications.exists() and recognition:
        offer = rng.choice(recognition)
        granted = case.opened_on + timedelta(days=3)
        services.consent_record(consent=Consent(
            participant=case.participant, for_referral=True, data_categories=["identity", "contact", "education"],
            text_version="RESQUE-2025-2", granted_on=granted, valid_until=granted + timedelta(days=365)),
            recipients=[offer.provider], by=staff)
        services.referral_propose(case=case, offer=offer, by=staff, day=granted)
    elif case.pk % 7 == 0:  # e.g. no training place for young refugees with a Duldung in the district
        services.referral_unmet(case=case, by=staff, phase=phases["qualifizierung"], district=case.participant.district,
                                target_group=case.participant.target_groups.first(), day=case.opened_on + timedelta(days=30))
    if case.pk % 9 == 0 and case.opened_on < today - timedelta(days=200):
        services.case_close(case=case, outcome=rng.choice([Case.Outcome.APPRENTICESHIP, Case.Outcome.JOB,
                                                           Case.Outcome.MOVED]), early=False, by=staff,
                            day=today - timedelta(days=rng.randint(5, 60)))
