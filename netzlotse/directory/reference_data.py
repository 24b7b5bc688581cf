"""The vocabularies and the default process chain every installation starts with.

Codes are stable identifiers (used by imports and the HSDS feed); labels can be
edited and translated by an administrator afterwards.
"""

IQ_CHAIN = {
    "code": "iq",
    "name": "IQ-Prozesskette berufliche Integration",
    "phases": [
        ("zugang", "Zugang, Ansprache und Information", "Access, outreach and information"),
        ("orientierung", "Berufliche Orientierung und Planung", "Vocational orientation and planning"),
        ("qualifizierung", "Umsetzung und Qualifizierung", "Implementation and qualification"),
        ("einmuendung", "Einmündung in Arbeit", "Entry into work"),
        ("sicherung", "Beschäftigungssicherung / nachhaltige Integration", "Job retention / sustainable integration"),
    ],
}

# (code, German label, English label)
VOCABULARIES = {
    "FieldOfAction": [
        ("anerkennung", "Anerkennung ausländischer Qualifikationen", "Recognition of foreign qualifications"),
        ("existenzgruendung", "Existenzgründung", "Business start-up"),
        ("sprache", "Sprache / Deutsch für den Beruf", "Language / German for work"),
        ("qualifizierung", "Qualifizierung und Weiterbildung", "Qualification and further training"),
        ("beratung", "Beratung und Begleitung", "Counselling and support"),
        ("ausbildung", "Ausbildung und Schulabschluss", "Apprenticeship and school qualifications"),
        ("vermittlung", "Vermittlung in Arbeit", "Job placement"),
        ("arbeitsgelegenheit", "Arbeitsgelegenheit", "Work opportunity"),
        ("aufenthaltsrecht", "Aufenthalts- und Arbeitsrecht", "Residence and employment law"),
        ("stabilisierung", "Soziale Stabilisierung", "Social stabilisation"),
        ("interkulturell", "Interkulturelle Öffnung und Schulung", "Intercultural training"),
        ("arbeitgeber", "Unterstützung von Unternehmen", "Support for employers"),
    ],
    "TargetGroup": [
        ("gefluechtete", "Geflüchtete", "Refugees"),
        ("asylsuchende", "Asylbewerber*innen", "Asylum seekers"),
        ("geduldete", "Geduldete", "People with a Duldung"),
        ("migrantinnen", "Menschen mit Migrationsgeschichte", "People with a migration background"),
        ("langzeitarbeitslose", "Langzeitarbeitslose", "Long-term unemployed people"),
        ("junge-erwachsene", "Junge Erwachsene", "Young adults"),
        ("frauen", "Frauen", "Women"),
        ("ue45", "Arbeitslose über 45 Jahre", "Unemployed people over 45"),
        ("akademiker", "Akademiker*innen mit ausländischem Abschluss", "Graduates with foreign degrees"),
        ("gruendungsinteressierte", "Gründungsinteressierte", "Prospective founders"),
        ("unternehmen", "Unternehmen", "Employers"),
        ("fachkraefte", "Fachkräfte in Jobcentern, Agenturen und Behörden", "Staff of Jobcenters, agencies and authorities"),
    ],
    "ResidenceStatus": [
        ("gestattung", "Aufenthaltsgestattung", "Permission to reside (asylum procedure)"),
        ("duldung", "Duldung", "Toleration (Duldung)"),
        ("aufenthaltserlaubnis", "Aufenthaltserlaubnis", "Residence permit"),
        ("schutz-24", "Vorübergehender Schutz (§ 24 AufenthG)", "Temporary protection (section 24)"),
        ("niederlassungserlaubnis", "Niederlassungserlaubnis", "Settlement permit"),
        ("eu", "EU-Freizügigkeit", "EU freedom of movement"),
        ("deutsch", "Deutsche Staatsangehörigkeit", "German citizenship"),
    ],
    "Language": [
        ("de", "Deutsch", "German"), ("en", "Englisch", "English"), ("ar", "Arabisch", "Arabic"),
        ("fa", "Farsi / Dari", "Farsi / Dari"), ("uk", "Ukrainisch", "Ukrainian"), ("ru", "Russisch", "Russian"),
        ("tr", "Türkisch", "Turkish"), ("fr", "Französisch", "French"), ("ku", "Kurdisch", "Kurdish"),
        ("ti", "Tigrinya", "Tigrinya"), ("ps", "Paschtu", "Pashto"), ("so", "Somali", "Somali"),
        ("es", "Spanisch", "Spanish"), ("pl", "Polnisch", "Polish"), ("ro", "Rumänisch", "Romanian"),
        ("vi", "Vietnamesisch", "Vietnamese"),
    ],
    "DeliveryMode": [
        ("office", "Feste Beratungsstelle mit Sprechzeiten", "Office with opening hours"),
        ("mobile", "Mobile Beratungstermine", "Mobile counselling dates"),
        ("online", "Online", "Online"),
        ("outreach", "Aufsuchend", "Outreach"),
        ("home_visit", "Hausbesuch", "Home visit"),
    ],
}


# Target groups that do not move on through the phases themselves (see TargetGroup.follows_chain).
OUTSIDE_CHAIN = ["unternehmen", "fachkraefte"]


def load_reference_data(get_model):
    """Create what is missing and leave edited labels alone; safe to run again."""
    for model_name, entries in VOCABULARIES.items():
        model = get_model("directory", model_name)
        for position, (code, label_de, label_en) in enumerate(entries):
            model.objects.get_or_create(code=code, defaults={"label_de": label_de, "label_en": label_en,
                                                             "position": position})
    mark_outside_chain(get_model)


def mark_outside_chain(get_model):
    """Only where the field exists yet (an early migration loads this data before it was added)."""
    TargetGroup = get_model("directory", "TargetGroup")
    if any(f.name == "follows_chain" for f in TargetGroup._meta.fields):
        TargetGroup.objects.filter(code__in=OUTSIDE_CHAIN, follows_chain=True).update(follows_chain=False)
    ProcessChain = get_model("directory", "ProcessChain")
    Phase = get_model("directory", "Phase")
    chain, _ = ProcessChain.objects.get_or_create(
        code=IQ_CHAIN["code"], defaults={"name": IQ_CHAIN["name"], "is_default": True},
    )
    for position, (code, name_de, name_en) in enumerate(IQ_CHAIN["phases"], start=1):
        Phase.objects.get_or_create(chain=chain, code=code,
                                    defaults={"position": position, "name_de": name_de, "name_en": name_en})
