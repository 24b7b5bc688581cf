"""The ESF+ common indicators for participants (Regulation (EU) 2021/1057, Annex I) for a project or programme
and a period: who entered (situation at entry) and what the leavers achieved (within four weeks and six
months after leaving), by women, men and non-binary people.

The names follow the Regulation's German text; the codes (EECO…, EECR…) are those the Commission's
reporting system SFC2021 uses for them. A participant counts in the period in which their case opened (entry
indicators) or closed (result indicators). Cases without ESF+ answers are not participants in this sense; how
many there are is shown beside the table so that gaps in the data are visible.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from netzlotse.cases.models import Answer, Case, EsfRecord, Participant

from .breakdowns import age
from .report import HIDDEN
from .suppression import suppress_column

YES = Answer.YES
E = EsfRecord.Employment
GENDERS = [("f", _("Frauen")), ("m", _("Männer")), ("d", _("nicht-binär"))]
TOTAL = "all"


@dataclass(frozen=True)
class EsfIndicator:
    code: str
    label: str
    condition: Q | None
    encrypted: str = ""  # an answer stored encrypted: counted after decrypting, never filtered in the database


ENTRY = [
    EsfIndicator("EECO01", _("Gesamtzahl der Teilnehmenden"), Q()),
    EsfIndicator("EECO02", _("Arbeitslose, auch Langzeitarbeitslose"), Q(esf__employment=E.UNEMPLOYED)),
    EsfIndicator("EECO03", _("Langzeitarbeitslose"), Q(esf__employment=E.UNEMPLOYED, esf__long_term_unemployed=True)),
    EsfIndicator("EECO04", _("Nichterwerbstätige"), Q(esf__employment=E.INACTIVE)),
    EsfIndicator("EECO05", _("Erwerbstätige, auch Selbstständige"), Q(esf__employment=E.EMPLOYED)),
    EsfIndicator("EECO06", _("Kinder unter 18 Jahren"), Q(entry_age__lt=18)),
    EsfIndicator("EECO07", _("junge Menschen von 18 bis 29 Jahren"), Q(entry_age__gte=18, entry_age__lt=30)),
    EsfIndicator("EECO08", _("Teilnehmende ab 55 Jahren"), Q(entry_age__gte=55)),
    EsfIndicator("EECO09", _("mit Sekundarbildung Unterstufe oder weniger (ISCED 0–2)"),
                 Q(participant__education=Participant.Education.ISCED_0_2)),
    EsfIndicator("EECO10", _("mit Sekundarbildung Oberstufe oder postsekundärer Bildung (ISCED 3–4)"),
                 Q(participant__education=Participant.Education.ISCED_3_4)),
    EsfIndicator("EECO11", _("mit tertiärer Bildung (ISCED 5–8)"), Q(participant__education=Participant.Education.ISCED_5_8)),
    EsfIndicator("EECO12", _("Teilnehmende mit Behinderungen"), None, encrypted="disability"),
    EsfIndicator("EECO13", _("Drittstaatsangehörige"), Q(esf__third_country_national=YES)),
    EsfIndicator("EECO14", _("Teilnehmende ausländischer Herkunft"), Q(esf__foreign_background=YES)),
    EsfIndicator("EECO15", _("Angehörige von Minderheiten (auch marginalisierte Gemeinschaften wie Roma)"),
                 None, encrypted="minority"),
    EsfIndicator("EECO16", _("Obdachlose oder von Ausgrenzung auf dem Wohnungsmarkt Betroffene"), Q(esf__homeless=YES)),
    EsfIndicator("EECO17", _("Teilnehmende aus ländlichen Gebieten"), Q(esf__rural=True)),
]
RESULTS = [
    EsfIndicator("EECR01", _("nach der Teilnahme auf Arbeitsuche"), Q(esf__job_searching=True)),
    EsfIndicator("EECR02", _("nach der Teilnahme in schulischer oder beruflicher Bildung"), Q(esf__in_education=True)),
    EsfIndicator("EECR03", _("nach der Teilnahme mit erlangter Qualifizierung"), Q(esf__qualification=True)),
    EsfIndicator("EECR04", _("nach der Teilnahme erwerbstätig, auch selbstständig"), Q(esf__in_employment=True)),
    EsfIndicator("EECR05", _("sechs Monate nach der Teilnahme erwerbstätig, auch selbstständig"),
                 Q(esf__employed_after_six_months=True)),
    EsfIndicator("EECR06", _("sechs Monate nach der Teilnahme mit verbesserter Arbeitsmarktsituation"),
                 Q(esf__improved_after_six_months=True)),
]
COLUMNS = [*[key for key, _label in GENDERS], TOTAL]


@dataclass
class EsfRow:
    indicator: EsfIndicator
    cells: dict  # column → value as shown


@dataclass
class EsfReport:
    scope: object
    start: date
    end: date
    entry: list[EsfRow]
    results: list[EsfRow]
    without_answers: int  # cases opened in the period that have no ESF+ answers yet


def _counts(cases, indicators) -> dict:
    aggregates = {}
    for i, indicator in enumerate(indicators):
        if indicator.encrypted:
            continue
        for gender, _label in GENDERS:
            aggregates[f"c{i}_{gender}"] = Count("pk", filter=indicator.condition & Q(participant__gender=gender))
        aggregates[f"c{i}_{TOTAL}"] = Count("pk", filter=indicator.condition)
    counts = cases.aggregate(**aggregates) if aggregates else {}
    encrypted = [(i, indicator.encrypted) for i, indicator in enumerate(indicators) if indicator.encrypted]
    if encrypted:
        for i, _field in encrypted:
            counts.update({f"c{i}_{column}": 0 for column in [g for g, _l in GENDERS] + [TOTAL]})
        fields = [f"esf__{field}" for _i, field in encrypted]
        for gender, *answers in cases.values_list("participant__gender", *fields).iterator():
            for (i, _field), answer in zip(encrypted, answers, strict=True):
                if answer == YES:
                    counts[f"c{i}_{TOTAL}"] += 1
                    if f"c{i}_{gender}" in counts:
                        counts[f"c{i}_{gender}"] += 1
    return counts


def _rows(indicators, counts, suppress: bool) -> list[EsfRow]:
    rows = []
    for i, indicator in enumerate(indicators):
        values = {column: counts[f"c{i}_{column}"] for column in COLUMNS}
        shown = dict(values)
        if suppress:
            # The genders add up to the total (with people who gave none): hide small cells and what would reveal them.
            shown.update(suppress_column(values))
        rows.append(EsfRow(indicator, shown))
    return rows


def esf_report(*, scope, start: date, end: date, suppress=False) -> EsfReport:
    """One aggregate query for those who entered, one for those who left, one for the cases still unanswered."""
    cases = Case.objects.filter(project=scope.project) if scope.project else \
        Case.objects.filter(project__programme=scope.programme)
    answered = cases.filter(esf__isnull=False).annotate(entry_age=age("opened_on"))
    entered = answered.filter(opened_on__gte=start, opened_on__lte=end)
    left = answered.filter(closed_on__gte=start, closed_on__lte=end)
    missing = cases.filter(esf__isnull=True, opened_on__gte=start, opened_on__lte=end).count()
    return EsfReport(scope, start, end, _rows(ENTRY, _counts(entered, ENTRY), suppress),
                     _rows(RESULTS, _counts(left, RESULTS), suppress), missing)


def workbook_sheets(report: EsfReport) -> dict:
    headers = [str(_("Code")), str(_("Indikator")), *[str(label) for _key, label in GENDERS], str(_("insgesamt"))]

    def lines(rows):
        return [[row.indicator.code, str(row.indicator.label), *[row.cells[c] for c in COLUMNS]] for row in rows]

    notes = [["", str(_("Zeitraum")), f"{report.start:%d.%m.%Y} – {report.end:%d.%m.%Y}"],
             ["", str(_("Projekt / Programm")), str(report.scope)],
             ["", str(_("Fälle ohne ESF+-Angaben")), report.without_answers]]
    if any(HIDDEN in row.cells.values() for row in report.entry + report.results):
        notes.append(["", str(_("Hinweis")), str(_("„< 5“: Werte von 1 bis 4; „x“: gesperrt."))])
    return {str(_("Teilnehmende bei Eintritt")): (headers, lines(report.entry) + [[]] + notes),
            str(_("Ergebnisse")): (headers, lines(report.results))}
