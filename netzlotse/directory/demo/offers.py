"""Demo offers along the process chain. Dates are relative to today so the demo stays current."""

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from django.utils import timezone

from ..models import DeliveryMode, FieldOfAction, Language, Offer, Phase, ProcessChain, ResidenceStatus, TargetGroup
from ..services import LocationData, offer_save

WEEKDAY_HOURS = {
    "Dresden": [(0, time(9), time(12)), (2, time(13), time(16)), (3, time(9), time(12))],
    "Chemnitz": [(1, time(9), time(12)), (3, time(13), time(17))],
    "Pirna": [(0, time(13), time(16)), (3, time(9), time(12))],
}
MOBILE_PLACES = [("Bautzen", "14625", 0), ("Görlitz", "14626", 1), ("Meißen", "14627", 2), ("Plauen", "14523", 3),
                 ("Zwickau", "14524", 4)]
STATA_WORK = ["Grünpflege im Stadtpark", "Tafel und Lebensmittelausgabe", "Stadtteilcafé", "Holzwerkstatt",
              "Begleitung von Senior*innen", "Tierpflege auf dem Lehrhof", "Fahrradwerkstatt", "Kleiderkammer",
              "Schulgarten", "Heimatmuseum: Archiv und Aufsicht", "Umweltbildung am Elbufer", "Hausmeisterdienste",
              "Kinder- und Jugendtreff", "Dorfgemeinschaftshaus"]


@dataclass
class Spec:
    ext: str
    provider: str
    title: str
    text: str
    phases: list = field(default_factory=list)
    fields: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    project: str | None = None
    modes: list = field(default_factory=lambda: ["office"])
    langs: list = field(default_factory=lambda: ["de"])
    regions: list = field(default_factory=list)
    statuses: list = field(default_factory=list)
    locations: list = field(default_factory=list)
    capacity: int | None = None
    cost: int | None = 0
    started_days_ago: int = 400
    ends_in_days: int | None = None
    verified_days_ago: int = 30
    cross: bool = False
    min_age: int | None = None
    max_age: int | None = None
    access: str = ""
    translations: dict = field(default_factory=dict)
    status: str = Offer.Status.PUBLISHED


def office(city, ags, street="", postcode="", name=""):
    return LocationData(city=city, district=ags, street=street, postcode=postcode, name=name,
                        hours=WEEKDAY_HOURS.get(city, [(1, time(9), time(12))]))


def mobile(city, ags, offset, today):
    # Every second week on a fixed weekday, for the coming three months.
    first = today + timedelta(days=(offset - today.weekday()) % 7)
    dates = [(first + timedelta(days=14 * i), time(10), time(14)) for i in range(6)]
    return LocationData(kind="mobile", city=city, district=ags, name=f"Mobile Beratung {city}", dates=dates)


def iq_specs() -> list[Spec]:
    specs = []
    recognition_cities = [("Dresden", "14612"), ("Leipzig", "14713"), ("Chemnitz", "14511"), ("Görlitz", "14626"),
                          ("Zwickau", "14524"), ("Bautzen", "14625"), ("Plauen", "14523"), ("Freiberg", "14522"),
                          ("Pirna", "14628"), ("Torgau", "14730")]
    for i, (city, ags) in enumerate(recognition_cities):
        specs.append(Spec(
            f"iq-anerkennung-{ags}", "org-ibas", f"Anerkennungsberatung {city}",
            "Wir klären mit Ihnen, ob und wie Ihr ausländischer Berufs- oder Studienabschluss in Deutschland "
            "anerkannt werden kann, welche Stelle zuständig ist und welche Unterlagen Sie brauchen.",
            ["zugang", "orientierung"], ["anerkennung", "beratung"], ["migrantinnen", "akademiker", "gefluechtete"],
            project="ibas", langs=["de", "en", "ar", "ru"][: 2 + i % 3], regions=[ags],
            locations=[office(city, ags)], verified_days_ago=20 + 25 * i,
            translations={"en": (f"Recognition counselling {city}",
                                 "We check with you whether and how your foreign qualification can be recognised.")}))
    for city, ags in [("Dresden", "14612"), ("Leipzig", "14713"), ("Chemnitz", "14511")]:
        specs.append(Spec(
            f"iq-schulung-anerkennung-{ags}", "org-ibas", f"Schulung Anerkennungsverfahren für Beratungsfachkräfte ({city})",
            "Eintägige Schulung für Fachkräfte aus Jobcentern, Arbeitsagenturen und Beratungsstellen: "
            "Ablauf der Anerkennung, Zuständigkeiten, Fördermöglichkeiten.",
            ["zugang"], ["anerkennung", "interkulturell"], ["fachkraefte"], project="ibas", regions=["14"],
            locations=[office(city, ags)], capacity=20))
    specs += [
        Spec("iq-gruendung-beratung", "org-iq-gruendung", "Gründungsberatung für Menschen mit Migrationsgeschichte",
             "Orientierung zur Selbstständigkeit: Idee prüfen, Voraussetzungen klären, Finanzierung verstehen.",
             ["orientierung"], ["existenzgruendung", "beratung"], ["gruendungsinteressierte", "migrantinnen"],
             project="gruendung", langs=["de", "en", "ar", "tr"], regions=["14612", "14628", "14627"],
             locations=[office("Dresden", "14612", "Bautzner Straße 12", "01099")]),
        Spec("iq-gruendung-seminar", "org-iq-gruendung", "Seminarreihe Businessplan",
             "Sechs Abende zu Geschäftsmodell, Marketing, Finanzplan und Behörden; mit Übungen am eigenen Vorhaben.",
             ["qualifizierung"], ["existenzgruendung", "qualifizierung"], ["gruendungsinteressierte"],
             project="gruendung", regions=["14612"], capacity=16, locations=[office("Dresden", "14612")]),
        Spec("iq-gruendung-nachgruendung", "org-iq-gruendung", "Begleitung im ersten Geschäftsjahr",
             "Coaching nach der Gründung: Buchhaltung, Steuern, erste Krisen und Wachstum.",
             ["sicherung"], ["existenzgruendung"], ["gruendungsinteressierte"], project="gruendung",
             regions=["14612"], locations=[office("Dresden", "14612")], ends_in_days=120),
        Spec("iq-prozessbegleitung", "org-ist", "Prozessbegleitung für Projekte im Netzwerk",
             "Wir verorten Angebote in der Prozesskette, machen Schnittstellen sichtbar und begleiten Partner "
             "beim Schließen von Angebotslücken.", [], ["beratung"], ["fachkraefte"], project="psst", cross=True,
             regions=["14612"], locations=[office("Dresden", "14612")]),
        Spec("iq-matching", "org-iq-chemnitz", "Matching-Tage mit Unternehmen der Region",
             "Unternehmen und Fachkräfte mit ausländischen Abschlüssen lernen sich bei kurzen Gesprächen kennen.",
             ["einmuendung"], ["vermittlung", "arbeitgeber"], ["akademiker", "unternehmen"], project="iq-quali",
             regions=["14511", "14522"], locations=[office("Chemnitz", "14511")], verified_days_ago=240),
    ]
    qualifications = [
        ("pflege", "Anpassungsqualifizierung Pflege", "Leipzig", "14713"),
        ("medizin", "Vorbereitung auf die Kenntnisprüfung für Ärzt*innen", "Dresden", "14612"),
        ("elektro", "Anpassungsqualifizierung Elektrotechnik", "Chemnitz", "14511"),
        ("it", "Brückenkurs IT-Berufe", "Leipzig", "14713"),
        ("paedagogik", "Qualifizierung für pädagogische Fachkräfte", "Dresden", "14612"),
        ("ingenieur", "Fachsprache und Normen für Ingenieur*innen", "Chemnitz", "14511"),
        ("lehrkraefte", "Wege in den Schuldienst für Lehrkräfte", "Leipzig", "14713"),
        ("buchhaltung", "Anpassungsqualifizierung kaufmännische Berufe", "Zwickau", "14524"),
    ]
    for i, (code, title, city, ags) in enumerate(qualifications):
        specs.append(Spec(
            f"iq-quali-{code}", "org-iq-leipzig" if city != "Chemnitz" else "org-iq-chemnitz", title,
            "Modulare Qualifizierung, die fehlende Inhalte für die volle Anerkennung ausgleicht, mit Praxisphase.",
            ["qualifizierung"], ["qualifizierung", "anerkennung"], ["akademiker", "migrantinnen"], project="iq-quali",
            regions=["14"], capacity=12 + i, locations=[office(city, ags)], ends_in_days=90 + 60 * i,
            verified_days_ago=10 + 30 * i))
    for level in ("B1", "B2", "C1"):
        for city, ags in [("Dresden", "14612"), ("Leipzig", "14713"), ("Chemnitz", "14511")]:
            specs.append(Spec(
                f"iq-sprache-{level}-{ags}".lower(), "org-iq-leipzig", f"Deutsch für den Beruf {level} in {city}",
                "Berufsbezogener Sprachkurs mit Schwerpunkt auf Gesprächen im Betrieb, Schriftverkehr und Fachwortschatz.",
                ["qualifizierung"], ["sprache"], ["migrantinnen", "gefluechtete"], project="iq-quali",
                modes=["office", "online"], regions=[ags], capacity=18, locations=[office(city, ags)]))
    return specs


CITY_AR = {"Dresden": "دريسدن", "Chemnitz": "كيمنتس", "Pirna": "بيرنا", "Bautzen": "باوتسن", "Görlitz": "غورليتس",
           "Meißen": "مايسن", "Plauen": "بلاون", "Zwickau": "تسفيكاو"}
CITY_FA = {"Dresden": "درسدن", "Chemnitz": "کمنیتس", "Pirna": "پیرنا"}


def _named(translation, city):
    title, text = translation
    return title.format(city=city), text


def resque_specs(today) -> list[Spec]:
    region = ["14625", "14511", "14612", "14521", "14626", "14627", "14522", "14628", "14523", "14524"]
    # Each office and place has a title of its own in Arabic and Farsi too: the city in the visitor's script.
    arabic = ("إرشاد للعمل والتدريب المهني – {city}",
              "نقدم الإرشاد للاجئين حول الوصول إلى العمل والتدريب المهني وحق الإقامة.")
    farsi = ("مشاوره برای کار و آموزش حرفه‌ای – {city}", "مشاوره برای پناهجویان درباره دسترسی به کار، آموزش و اقامت.")
    mobile_arabic = ("إرشاد متنقل في {city}", "مواعيد إرشاد منتظمة في المكان بالتعاون مع مجلس اللاجئين في ساكسونيا.")
    statuses = ["gestattung", "duldung", "aufenthaltserlaubnis"]
    specs = []
    for city, ags, street, postcode in [("Dresden", "14612", "Kamenzer Straße 12", "01099"),
                                        ("Chemnitz", "14511", "Annaberger Straße 24", "09111"),
                                        ("Pirna", "14628", "Gartenstraße 8", "01796")]:
        specs.append(Spec(
            f"resque-beratung-{city.lower()}", "org-resque", f"Beratung zu Arbeit und Ausbildung – Beratungsstelle {city}",
            "Offene Sprechzeiten für Geflüchtete: Arbeitserlaubnis, Ausbildungssuche, Bewerbung und die "
            "aufenthaltsrechtlichen Fragen, die dabei wichtig sind.",
            ["zugang", "orientierung"], ["beratung", "aufenthaltsrecht"], ["gefluechtete", "asylsuchende", "geduldete"],
            project="resque", langs=["de", "en", "ar", "fa"], regions=region, statuses=statuses, access="subordinate",
            locations=[office(city, ags, street, postcode, f"RESQUE continued {city}")],
            translations={"en": (f"Work and training counselling – {city} office",
                                 "Open office hours for refugees on work permits, training and residence law."),
                          "ar": _named(arabic, CITY_AR[city]), "fa": _named(farsi, CITY_FA[city])}))
    for city, ags, offset in MOBILE_PLACES:
        specs.append(Spec(
            f"resque-mobil-{ags}", "org-resque", f"Mobile Beratung in {city}",
            "Regelmäßige Beratungstermine vor Ort, gemeinsam mit der Asylberatung des Sächsischen Flüchtlingsrats.",
            ["zugang"], ["beratung", "aufenthaltsrecht"], ["gefluechtete", "asylsuchende", "geduldete"],
            project="resque", modes=["mobile"], langs=["de", "ar", "fa"], regions=[ags], statuses=statuses,
            locations=[mobile(city, ags, offset, today)], started_days_ago=300,
            translations={"ar": _named(mobile_arabic, CITY_AR[city])}))
    specs += [
        Spec("resque-schulung-jobcenter", "org-resque", "Schulungen für Jobcenter und Arbeitsagenturen",
             "Rechtliche und praktische Grundlagen der Arbeitsmarktintegration Geflüchteter, zugeschnitten auf Ihr Team.",
             ["zugang"], ["aufenthaltsrecht", "interkulturell"], ["fachkraefte"], project="resque", regions=region,
             modes=["office", "online"], locations=[office("Dresden", "14612")]),
        Spec("resque-ausbildungsreife", "org-resque", "Wege zu Schulabschluss und Ausbildungsreife",
             "Für junge Erwachsene: Schulabschluss nachholen, Praktika finden, Ausbildung vorbereiten.",
             ["orientierung", "qualifizierung"], ["ausbildung"], ["junge-erwachsene", "gefluechtete"],
             project="resque", min_age=18, max_age=27, regions=region, statuses=statuses, access="subordinate",
             locations=[office("Chemnitz", "14511")]),
        Spec("resque-ausbildungssuche", "org-resque", "Begleitung bei der Ausbildungssuche",
             "Wir suchen mit Ihnen passende Betriebe, üben Vorstellungsgespräche und klären die Ausbildungsduldung.",
             ["einmuendung"], ["ausbildung", "vermittlung"], ["junge-erwachsene", "geduldete"], project="resque",
             regions=region, statuses=statuses, locations=[office("Dresden", "14612")], ends_in_days=150),
        Spec("resque-beschaeftigungssicherung", "org-resque", "Beschäftigung sichern: Aufenthalt und Arbeitsplatz",
             "Wenn Aufenthaltstitel auslaufen oder sich ändern: Beratung für Beschäftigte und ihre Betriebe.",
             ["sicherung"], ["aufenthaltsrecht", "beratung"], ["gefluechtete", "unternehmen"], project="resque",
             regions=region, locations=[office("Dresden", "14612")], verified_days_ago=260),
        Spec("resque-unternehmen", "org-resque", "Beratung für Unternehmen, die Geflüchtete beschäftigen",
             "Arbeitserlaubnis, Fördermöglichkeiten und Ansprechpartner – fallbezogen und kostenfrei.",
             ["einmuendung"], ["arbeitgeber", "aufenthaltsrecht"], ["unternehmen"], project="resque", regions=region,
             modes=["office", "outreach"], locations=[office("Pirna", "14628")]),
    ]
    return specs


def stata_specs(project_names) -> list[Spec]:
    towns = {"org-stata-t1": "Stendal", "org-stata-t2": "Stendal", "org-stata-t3": "Havelberg",
             "org-stata-t4": "Osterburg", "org-stata-t5": "Tangermünde", "org-stata-t6": "Arneburg",
             "org-stata-t7": "Seehausen (Altmark)"}
    specs = []
    for i, (name, lead, slots) in enumerate(project_names, start=1):
        work = STATA_WORK[(i - 1) % len(STATA_WORK)]
        specs.append(Spec(
            f"stata-agh-{i:02d}", lead, f"Arbeitsgelegenheit {i:02d}: {work} ({towns[lead]})",
            "Gemeinwohlorientierte Tätigkeit mit fester Tagesstruktur, begleitet von einer Intensivbetreuerin. "
            "Zugang über das gemeinsame Profiling im Jobcenter.",
            ["qualifizierung"], ["arbeitsgelegenheit", "stabilisierung"], ["langzeitarbeitslose"], project=name,
            regions=["15090"], capacity=slots, locations=[office(towns[lead], "15090")], started_days_ago=500,
            verified_days_ago=15 + 9 * i))
    for ext, town in [("org-jc-stendal", "Stendal"), ("org-jc-havelberg", "Havelberg"),
                      ("org-jc-osterburg", "Osterburg")]:
        specs.append(Spec(
            f"stata-profiling-{town.lower()}", ext, f"Gemeinsames Profiling im Jobcenter {town}",
            "Jobcenter und Intensivbetreuung lernen Sie gemeinsam kennen und planen den passenden Einstieg.",
            ["zugang"], ["beratung"], ["langzeitarbeitslose"], regions=["15090"],
            locations=[office(town, "15090")]))
    specs += [
        Spec("stata-intensivbetreuung", "org-stata-bic", "Intensivbetreuung mit Hausbesuchen",
             "Ganzheitliche Begleitung während der Arbeitsgelegenheit: Folgegespräche im Beratungszentrum, beim "
             "Träger oder zu Hause.", [], ["beratung", "stabilisierung"], ["langzeitarbeitslose"], cross=True,
             modes=["office", "home_visit", "outreach"], regions=["15090"], locations=[office("Stendal", "15090")]),
        Spec("stata-sucht", "org-sucht-stendal", "Suchtberatung für Teilnehmende", "Vertrauliche Beratung und "
             "Vermittlung in Hilfen, abgestimmt mit der Intensivbetreuung.", ["orientierung"], ["stabilisierung"],
             ["langzeitarbeitslose"], regions=["15090"], locations=[office("Stendal", "15090")]),
        Spec("stata-schulden", "org-schuldner-stendal", "Schuldnerberatung", "Überblick über Schulden, Gespräche mit "
             "Gläubigern, Pfändungsschutz.", ["orientierung"], ["stabilisierung"], ["langzeitarbeitslose"],
             regions=["15090"], locations=[office("Stendal", "15090")], verified_days_ago=400),
    ]
    return specs


def input_specs() -> list[Spec]:
    s, e = ("Stuttgart", "08111"), ("Esslingen am Neckar", "08116")
    return [
        Spec("input-45plus", "org-bbq", "Bewerbungswerkstatt 45 plus", "Erfahrung sichtbar machen: Kompetenzen "
             "erfassen, Unterlagen erstellen, Gespräche üben.", ["orientierung"], ["vermittlung", "beratung"],
             ["ue45", "langzeitarbeitslose"], project="input", regions=["08111"], locations=[office(*s)]),
        Spec("input-kompetenz", "org-bbq", "Kompetenzfeststellung für Zugewanderte", "Praktische Arbeitsproben "
             "und Gespräch, um berufliche Erfahrung aus dem Herkunftsland zu erfassen.", ["orientierung"],
             ["beratung", "anerkennung"], ["migrantinnen"], project="input", langs=["de", "tr", "ru"],
             regions=["08111"], locations=[office(*s)]),
        Spec("input-mentoring", "org-forum-kulturen", "Mentoring durch Migrantenorganisationen", "Ehrenamtliche "
             "Mentor*innen begleiten beim Einstieg in Arbeit – in Ihrer Sprache.", ["einmuendung"],
             ["vermittlung", "beratung"], ["migrantinnen"], project="input", langs=["de", "tr", "ar", "ru", "fa"],
             regions=["08111"], locations=[office(*s)], modes=["office", "outreach"]),
        Spec("input-transfer", "org-forum-kulturen", "Transferwerkstatt gute Praxis", "Fachkräfte prüfen erprobte "
             "Ansätze aus anderen Regionen und planen die Übernahme vor Ort.", [], ["interkulturell"],
             ["fachkraefte"], project="input", cross=True, regions=["08"], locations=[office(*s)]),
        Spec("input-jugend", "org-jufun", "Berufsorientierung für junge Zugewanderte", "Betriebe kennenlernen, "
             "Praktika machen, Ausbildungswege verstehen.", ["orientierung"], ["ausbildung"],
             ["junge-erwachsene", "migrantinnen"], project="input", min_age=16, max_age=25, regions=["08116"],
             locations=[office(*e)]),
        Spec("input-sprachcafe", "org-jufun", "Sprachcafé Beruf", "Wöchentliches Treffen zum Üben von Gesprächen "
             "im Arbeitsalltag.", ["qualifizierung"], ["sprache"], ["migrantinnen"], project="input",
             regions=["08116"], locations=[office(*e)]),
        Spec("input-online", "org-bbq", "Online-Lernbegleitung für Weiterbildung", "Digitale Begleitung bei "
             "Weiterbildungen, mit festen Sprechstunden per Video.", ["qualifizierung"], ["qualifizierung"],
             ["ue45", "migrantinnen"], project="input", modes=["online"], regions=["08"]),
    ]


def gelsenkirchen_specs() -> list[Spec]:
    ge = ("Gelsenkirchen", "05513")
    return [
        Spec("ge-fallkonferenz", "org-jc-gelsenkirchen", "Fallkonferenz im Produktionsnetzwerk", "Jobcenter, "
             "Jugend- und Gesundheitshilfe beraten gemeinsam und vereinbaren einen abgestimmten Hilfeplan.",
             ["dlk:fallberatung", "orientierung"], ["beratung"], ["langzeitarbeitslose", "junge-erwachsene"],
             project="hand", regions=["05513"], locations=[office(*ge)]),
        Spec("ge-clearing", "org-jc-gelsenkirchen", "Erstgespräch und Clearing", "Gemeinsame Aufnahme: Was ist "
             "dringend, wer hilft, wer koordiniert?", ["dlk:clearing", "zugang"], ["beratung"],
             ["langzeitarbeitslose"], project="hand", regions=["05513"], locations=[office(*ge)]),
        Spec("ge-jugendberufshilfe", "org-jugendhilfe-ge", "Jugendberufshilfe", "Begleitung junger Menschen "
             "zwischen Schule, Ausbildung und Arbeit.", ["dlk:hilfen", "orientierung"], ["ausbildung"],
             ["junge-erwachsene"], project="hand", min_age=15, max_age=25, regions=["05513"],
             locations=[office(*ge)]),
        Spec("ge-gesundheit", "org-gesundheit-ge", "Gesundheitsorientierte Beratung", "Unterstützung bei "
             "gesundheitlichen Einschränkungen und Sucht, mit Übergang in Arbeitsförderung.",
             ["dlk:hilfen", "orientierung"], ["stabilisierung"], ["langzeitarbeitslose"], project="hand",
             regions=["05513"], locations=[office(*ge)], modes=["office", "home_visit"]),
        Spec("ge-arbeitscoaching", "org-jc-gelsenkirchen", "Coaching beim Übergang in Arbeit", "Begleitung in den "
             "ersten Monaten einer Beschäftigung, auch im Betrieb.", ["dlk:uebergang", "einmuendung"],
             ["vermittlung"], ["langzeitarbeitslose"], project="hand", regions=["05513"], locations=[office(*ge)]),
    ]


SAXONY = ["14511", "14521", "14522", "14523", "14524", "14612", "14625", "14626", "14627", "14628", "14713", "14729",
          "14730"]
WELFARE = ["org-awo-sachsen", "org-paritaet-sachsen", "org-diakonie-sachsen"]


def welfare_specs(regions) -> list[Spec]:
    specs = []
    for i, ags in enumerate(SAXONY):
        place = regions[ags].short_name
        specs.append(Spec(
            f"mbe-{ags}", WELFARE[i % 3], f"Migrationsberatung für Erwachsene – {place}",
            "Beratung in allen Fragen des Ankommens: Sprache, Arbeit, Wohnen, Familie, Behörden.",
            ["zugang", "orientierung"], ["beratung"], ["migrantinnen", "gefluechtete"], regions=[ags],
            langs=["de", "en", "ar", "uk", "ru"][: 2 + i % 4], locations=[office(place, ags)],
            verified_days_ago=30 + 17 * i))
        if i < 8:
            specs.append(Spec(
                f"jmd-{ags}", WELFARE[(i + 1) % 3], f"Jugendmigrationsdienst {place}",
                "Begleitung junger Zugewanderter bis 27 Jahre in Schule, Ausbildung und Beruf.",
                ["orientierung"], ["ausbildung", "beratung"], ["junge-erwachsene", "migrantinnen"], min_age=12,
                max_age=27, regions=[ags], locations=[office(place, ags)]))
        if i < 6:
            specs.append(Spec(
                f"jobcafe-{ags}", "org-diakonie-sachsen", f"Jobcafé für Geflüchtete – {place}",
                "Offener Treff mit Hilfe bei Bewerbungen, Stellensuche und Fragen zum Arbeitsvertrag.",
                ["einmuendung"] if i == 0 else ["orientierung"], ["vermittlung"], ["gefluechtete"],
                modes=["office", "outreach"], regions=[ags], locations=[office(place, ags)]))
    for level in ("B1", "B2"):
        for ags in ("14626", "14524", "14625"):
            place = regions[ags].short_name
            specs.append(Spec(
                f"sprache-{level}-{ags}".lower(), "org-paritaet-sachsen", f"Berufssprachkurs {level} {place}",
                "Deutsch für den Arbeitsalltag mit Praxisbezug; Vermittlung über Jobcenter oder Agentur für Arbeit.",
                ["qualifizierung"], ["sprache"], ["migrantinnen", "gefluechtete"], regions=[ags], capacity=20,
                locations=[office(place, ags)], ends_in_days=200))
    specs += [
        Spec("hwk-ausbildungsakquise", "org-hwk-dresden", "Ausbildungsakquise im Handwerk",
             "Wir bringen ausbildungsinteressierte Geflüchtete und Handwerksbetriebe zusammen.", ["einmuendung"],
             ["ausbildung", "vermittlung"], ["gefluechtete", "junge-erwachsene", "unternehmen"], regions=["14612"],
             locations=[office("Dresden", "14612")]),
        Spec("hwk-teilqualifizierung", "org-hwk-dresden", "Teilqualifizierung im Handwerk",
             "Berufsabschluss Schritt für Schritt in zertifizierten Modulen.", ["qualifizierung"], ["qualifizierung"],
             ["langzeitarbeitslose", "migrantinnen"], regions=["14612", "14628"], locations=[office("Dresden", "14612")]),
        Spec("ihk-willkommenslotsen", "org-ihk-chemnitz", "Willkommenslotsen für Betriebe",
             "Beratung für Unternehmen, die Fachkräfte mit Fluchtgeschichte einstellen und halten wollen.",
             ["sicherung"], ["arbeitgeber"], ["unternehmen"], regions=["14511", "14521", "14522"],
             locations=[office("Chemnitz", "14511")], modes=["office", "outreach"]),
        Spec("ihk-pruefungsvorbereitung", "org-ihk-chemnitz", "Prüfungsvorbereitung für Auszubildende",
             "Nachhilfe in Fachtheorie und Fachsprache vor der Abschlussprüfung.", ["qualifizierung"],
             ["ausbildung", "sprache"], ["junge-erwachsene", "gefluechtete"], regions=["14511"],
             locations=[office("Chemnitz", "14511")]),
    ]
    # Offers that have ended: they no longer show today, but do on an earlier "Stand am".
    for i, ags in enumerate(("14612", "14713", "14511", "15090", "08111")):
        place = regions[ags].short_name
        specs.append(Spec(
            f"beendet-{ags}", "org-iq-leipzig" if ags.startswith("14") else "org-bbq",
            f"Perspektivenwerkstatt {place} (Förderung ausgelaufen)",
            "Gruppenangebot zur beruflichen Neuorientierung; die Förderung ist ausgelaufen.", ["orientierung"],
            ["beratung"], ["migrantinnen"], regions=[ags], locations=[office(place, ags)], started_days_ago=900,
            ends_in_days=-(60 + 40 * i)))
    # Drafts being prepared by providers.
    for i, (provider, title) in enumerate([("org-resque", "Digitale Sprechstunde per Video (in Planung)"),
                                            ("org-resque", "Gruppenberatung für geflüchtete Frauen (in Planung)"),
                                            ("org-iq-gruendung", "Gründungsstammtisch (in Planung)"),
                                            ("org-stata-t1", "Qualifizierungsbaustein Lager und Logistik (in Planung)")]):
        specs.append(Spec(f"entwurf-{i}", provider, title, "Das Angebot wird gerade vorbereitet.", ["orientierung"],
                          ["beratung"], ["gefluechtete"], status=Offer.Status.DRAFT, verified_days_ago=5))
    return specs


DIENSTLEISTUNGSKETTE = ("dlk", "Dienstleistungskette Gelsenkirchen", [
    ("clearing", "Erstkontakt und Clearing"), ("fallberatung", "Fallberatung im Netzwerk"),
    ("hilfen", "Hilfen abstimmen und umsetzen"), ("uebergang", "Übergang in Arbeit begleiten")])


def load_offers(net: dict) -> int:
    from ..services import chain_save

    code, name, phases = DIENSTLEISTUNGSKETTE
    chain = ProcessChain.objects.filter(code=code).first() or ProcessChain(code=code, name=name)
    chain.network = net["networks"]["prod"]
    chain_save(chain=chain, phases=[{"code": c, "name_de": n, "name_en": ""} for c, n in phases])

    today = timezone.localdate()
    projects = {key: p for key, p in net["projects"].items() if key != "stata"}
    stata = [(p.name, p.lead.external_id, p.planned_slots) for p in net["projects"]["stata"]]
    projects.update({p.name: p for p in net["projects"]["stata"]})
    specs = iq_specs() + resque_specs(today) + stata_specs(stata) + input_specs() + gelsenkirchen_specs()
    specs += welfare_specs(net["regions"])
    phase_by_code = {p.code: p for p in Phase.objects.filter(chain__is_default=True)}
    phase_by_code.update({f"dlk:{p.code}": p for p in Phase.objects.filter(chain=chain)})
    vocab = {m: {v.code: v for v in m.objects.all()}
             for m in (FieldOfAction, TargetGroup, Language, DeliveryMode, ResidenceStatus)}
    for number, spec in enumerate(specs):
        _save(spec, net, projects, phase_by_code, vocab, today, number)
    return len(specs)


# Invented but plausible ways to reach each offer: local area codes, addresses on common street names, and
# e-mail and web addresses under the reserved .example domain, so no demo link reaches a real service.
AREA_CODES = {"Dresden": "0351", "Leipzig": "0341", "Chemnitz": "0371", "Görlitz": "03581", "Zwickau": "0375",
              "Bautzen": "03591", "Plauen": "03741", "Freiberg": "03731", "Pirna": "03501", "Torgau": "03421",
              "Meißen": "03521", "Stendal": "03931", "Havelberg": "039387", "Osterburg": "03937",
              "Tangermünde": "039322", "Gelsenkirchen": "0209", "Magdeburg": "0391", "Halle (Saale)": "0345"}
POSTCODES = {"Dresden": "01067", "Leipzig": "04109", "Chemnitz": "09111", "Görlitz": "02826", "Zwickau": "08056",
             "Bautzen": "02625", "Plauen": "08523", "Freiberg": "09599", "Pirna": "01796", "Torgau": "04860",
             "Meißen": "01662", "Stendal": "39576", "Gelsenkirchen": "45879"}
DEMO_STREETS = ["Bahnhofstraße", "Hauptstraße", "Schillerstraße", "Goethestraße", "Lindenstraße", "Am Markt",
                "Gartenstraße", "Friedrich-Ebert-Straße", "Bergstraße", "Schulstraße"]
CONTACT_PEOPLE = ["Frau Neumann", "Herr Yılmaz", "Frau Schubert", "Herr Haddad", "Frau Kowalska", "Herr Richter",
                  "Frau Amini", "Herr Wagner", "Frau Petrenko", "Herr Braun"]
ACCESS_NOTES = ["Eingang ebenerdig, Aufzug, barrierefreies WC", "Erdgeschoss, stufenloser Zugang",
                "2. Etage mit Aufzug; Gebärdensprache nach Anmeldung",
                "Altbau ohne Aufzug (3 Stufen) – Termine im Erdgeschoss nach Absprache"]


def _contact_channels(offer: Offer, spec: Spec, number: int) -> None:
    city = next((loc.city for loc in spec.locations), "")
    local = AREA_CODES.get(city)
    slug = spec.provider.removeprefix("org-")
    offer.contact_name = CONTACT_PEOPLE[number % len(CONTACT_PEOPLE)]
    offer.contact_phone = f"{local} {20000 + number * 37:05d}" if local else f"0800 {500000 + number * 97}"
    offer.contact_email = f"{spec.ext.split('-')[-1] if number % 3 else 'beratung'}@{slug}.example"
    offer.website = f"https://www.{slug}.example/angebote/{spec.ext}"
    courses = {"qualifizierung", "sprache"} & {*spec.phases, *spec.fields}
    if courses or spec.capacity:
        offer.appointment = Offer.Appointment.BY_APPOINTMENT
        offer.appointment_note = "Anmeldung per Telefon oder E-Mail; wir melden uns innerhalb von drei Werktagen."
    else:
        offer.appointment = Offer.Appointment.BOTH if number % 2 else Offer.Appointment.WALK_IN
        offer.appointment_note = ("Ohne Termin in der Sprechzeit; Termine außerhalb nach Anruf." if number % 2
                                  else "Kommen Sie in der Sprechzeit vorbei, eine Anmeldung ist nicht nötig.")
    for place, loc in enumerate(spec.locations):
        if loc.kind == "office":
            loc.street = loc.street or f"{DEMO_STREETS[(number + place) % len(DEMO_STREETS)]} {3 + number % 40}"
            loc.postcode = loc.postcode or POSTCODES.get(loc.city, "")
            loc.phone = loc.phone or offer.contact_phone
        loc.accessibility_note = loc.accessibility_note or ACCESS_NOTES[(number + place) % len(ACCESS_NOTES)]


def _save(spec: Spec, net, projects, phases, vocab, today: date, number: int) -> None:
    offer = Offer.objects.filter(external_id=spec.ext).first() or Offer(external_id=spec.ext)
    offer.provider = net["orgs"][spec.provider]
    _contact_channels(offer, spec, number)
    offer.project = projects.get(spec.project)
    offer.title_de, offer.description_de = spec.title, spec.text
    for lang, (title, text) in spec.translations.items():
        setattr(offer, f"title_{lang}", title)
        setattr(offer, f"description_{lang}", text)
    offer.is_cross_phase, offer.capacity, offer.cost_eur = spec.cross, spec.capacity, spec.cost
    offer.min_age, offer.max_age, offer.labour_market_access = spec.min_age, spec.max_age, spec.access
    offer.valid_from = today - timedelta(days=spec.started_days_ago)
    offer.valid_until = today + timedelta(days=spec.ends_in_days) if spec.ends_in_days is not None else None
    offer.last_verified = today - timedelta(days=spec.verified_days_ago)
    offer.status = spec.status
    if offer.pk is None:
        offer.created_at = timezone.now() - timedelta(days=spec.started_days_ago)
    for loc in spec.locations:
        if isinstance(loc.district, str):
            loc.district = net["regions"][loc.district]
    offer_save(offer=offer, by=None, locations=spec.locations, m2m={
        "phases": [phases[p] for p in spec.phases],
        "fields_of_action": [vocab[FieldOfAction][c] for c in spec.fields],
        "target_groups": [vocab[TargetGroup][c] for c in spec.groups],
        "languages": [vocab[Language][c] for c in spec.langs],
        "delivery_modes": [vocab[DeliveryMode][c] for c in spec.modes],
        "residence_statuses": [vocab[ResidenceStatus][c] for c in spec.statuses],
        "regions": [net["regions"][c] for c in spec.regions],
    })
