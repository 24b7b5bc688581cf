"""ESF+ common indicators: entry questions (special categories may be declined), results after leaving,
the per-project table by gender, its suppression for funders and its Excel export."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from netzlotse.cases.models import Answer, Case, CaseEvent, EsfRecord, Participant
from netzlotse.cases.services import case_close, case_open, esf_record_save, participant_register
from netzlotse.cases.tests.test_pages import verified
from netzlotse.monitoring.esf import esf_report
from netzlotse.monitoring.report import BLOCKED, HIDDEN, Scope
from netzlotse.network.models import Programme, Project

E = EsfRecord.Employment
YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def person_case(world, project, *, gender="f", born=date(1990, 6, 1), opened=date(2026, 2, 1), education=""):
    person = participant_register(participant=Participant(organization=world.provider_a, first_name="A", last_name="B",
                                                          birth_date=born, gender=gender, education=education),
                                  by=None, allow_duplicate=True)
    return case_open(case=Case(participant=person, organization=world.provider_a, project=project, opened_on=opened),
                     by=None)


@pytest.fixture
def project(world):
    programme = Programme.objects.create(name="IvAF", short_name="IvAF")
    programme.funders.add(world.funder_org)
    return Project.objects.create(name="RESQUE", code="RESQUE", lead=world.provider_a, programme=programme,
                                  network=world.network)


def row(rows, code):
    return next(r for r in rows if r.indicator.code == code).cells


def test_entry_indicators_count_by_gender_and_declined_answers_count_only_in_the_total(world, project):
    for gender, disability in [("f", Answer.YES), ("f", Answer.DECLINED), ("m", Answer.NO), ("d", Answer.YES)]:
        case = person_case(world, project, gender=gender, education="isced_0_2")
        esf_record_save(case=case, by=None, record=EsfRecord(employment=E.UNEMPLOYED, long_term_unemployed=True,
                                                             disability=disability, third_country_national=Answer.YES))
    young = person_case(world, project, gender="m", born=date(2009, 3, 1))  # 16 at entry
    esf_record_save(case=young, by=None, record=EsfRecord(employment=E.INACTIVE))
    person_case(world, project)  # no ESF+ answers yet
    report = esf_report(scope=Scope(programme=project.programme, project=project), start=YEAR[0], end=YEAR[1])
    assert row(report.entry, "EECO01") == {"f": 2, "m": 2, "d": 1, "all": 5}
    assert row(report.entry, "EECO03") == {"f": 2, "m": 1, "d": 1, "all": 4}
    assert row(report.entry, "EECO12") == {"f": 1, "m": 0, "d": 1, "all": 2}
    assert row(report.entry, "EECO06") == {"f": 0, "m": 1, "d": 0, "all": 1}
    assert row(report.entry, "EECO09") == {"f": 2, "m": 1, "d": 1, "all": 4}
    assert report.without_answers == 1
    funder = esf_report(scope=Scope(programme=project.programme, project=project), start=YEAR[0], end=YEAR[1],
                        suppress=True)
    assert row(funder.entry, "EECO01") == {"f": HIDDEN, "m": HIDDEN, "d": HIDDEN, "all": 5}
    assert set(row(funder.entry, "EECO04").values()) <= {0, HIDDEN, BLOCKED}


def test_results_count_the_leavers_of_the_period_and_are_refused_while_the_case_is_open(client, world, project):
    case = person_case(world, project)
    verified(client, world.counsellor)
    url = reverse("cases:esf", args=[case.pk])
    refused = client.post(url, {"employment": E.UNEMPLOYED, "disability": Answer.DECLINED, "minority": Answer.DECLINED,
                                "third_country_national": Answer.NO, "foreign_background": Answer.DECLINED,
                                "homeless": Answer.NO, "in_employment": "on", "employed_after_six_months": "unknown",
                                "improved_after_six_months": "unknown"})
    assert refused.status_code == 200 and not EsfRecord.objects.exists()
    case_close(case=case, outcome=Case.Outcome.JOB, early=False, by=None, day=date(2026, 5, 1))
    saved = client.post(url, {"employment": E.UNEMPLOYED, "disability": Answer.DECLINED, "minority": Answer.DECLINED,
                              "third_country_national": Answer.NO, "foreign_background": Answer.DECLINED,
                              "homeless": Answer.NO, "in_employment": "on", "employed_after_six_months": "true",
                              "improved_after_six_months": "unknown"})
    assert saved.status_code == 302
    event = CaseEvent.objects.get(type=CaseEvent.Type.ESF_RECORDED)
    assert event.data == {"parts": ["entry", "leaving", "six_months"]}  # which parts, never the answers
    report = esf_report(scope=Scope(programme=project.programme, project=project), start=YEAR[0], end=YEAR[1])
    assert row(report.results, "EECR04")["all"] == 1 and row(report.results, "EECR05")["all"] == 1
    assert row(report.results, "EECR06")["all"] == 0
    later = esf_report(scope=Scope(programme=project.programme, project=project), start=date(2026, 6, 1),
                       end=YEAR[1])
    assert row(later.results, "EECR04")["all"] == 0 and row(later.entry, "EECO01")["all"] == 0


def test_job_searching_and_employment_exclude_each_other(client, world, project):
    case = person_case(world, project)
    case_close(case=case, outcome=Case.Outcome.JOB, early=False, by=None, day=date(2026, 5, 1))
    verified(client, world.counsellor)
    page = client.post(reverse("cases:esf", args=[case.pk]), {
        "employment": E.INACTIVE, "long_term_unemployed": "on", "disability": Answer.NO, "minority": Answer.NO,
        "third_country_national": Answer.NO, "foreign_background": Answer.NO, "homeless": Answer.NO,
        "job_searching": "on", "in_employment": "on", "employed_after_six_months": "unknown",
        "improved_after_six_months": "unknown"})
    assert {"job_searching", "long_term_unemployed"} <= set(page.context["form"].errors)
    assert not EsfRecord.objects.exists()


def test_the_page_exports_a_workbook_per_project(client, world, project):
    case = person_case(world, project)
    esf_record_save(case=case, by=None, record=EsfRecord(employment=E.EMPLOYED))
    client.force_login(world.coordinator)
    params = {"projekt": project.pk, "von": "2026-01-01", "bis": "2026-12-31"}
    page = client.get(reverse("monitoring:esf"), params)
    assert page.status_code == 200 and "EECO05" in page.content.decode()
    book = load_workbook(io.BytesIO(client.get(reverse("monitoring:esf"), {**params, "format": "xlsx"}).getvalue()))
    assert book.sheetnames == ["Teilnehmende bei Eintritt", "Ergebnisse"]
    lines = [[c.value for c in r] for r in book["Teilnehmende bei Eintritt"].iter_rows()]
    assert lines[0] == ["Code", "Indikator", "Frauen", "Männer", "nicht-binär", "insgesamt"]
    assert ["EECO05", "Erwerbstätige, auch Selbstständige", 1, 0, 0, 1] in lines
    bad = client.get(reverse("monitoring:esf"), {**params, "bis": "2025-01-01"})
    assert "bis" in bad.context["form"].errors and bad.context["report"] is None
    client.force_login(world.counsellor)
    assert client.get(reverse("monitoring:esf"), params).status_code == 403
