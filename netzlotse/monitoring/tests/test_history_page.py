"""The history upload page: the check shows each row with what it holds, and the import writes what was checked."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from netzlotse.cases.models import CaseEvent, Participant
from netzlotse.directory.models import ImportRun

from .test_history import csv_file
from .test_report_features import programme  # noqa: F401 - the fixture


def test_the_upload_page_checks_first_then_imports_what_it_showed(client, world, programme):  # noqa: F811
    client.force_login(world.coordinator)
    rows = [{"teilnehmer": "TN-NEU1", "datum": "2019-01-10", "ereignis": "aufnahme", "organisation": "Träger A",
             "projekt": "STATA-01"}]

    def upload(create):
        data = {"programm": programme.pk, "file": SimpleUploadedFile("verlauf.csv", csv_file(rows))}
        return client.post(reverse("monitoring:import"), {**data, **({"fehlende_anlegen": "on"} if create else {})})

    refused = upload(create=False).content.decode()
    assert ">Teilnehmende</th>" in refused and ">Ereignis</th>" in refused  # what a history row's columns hold
    assert "TN-NEU1" in refused and "1 Fehler" in refused
    checked = upload(create=True)
    assert "Alle Zeilen sind fehlerfrei." in checked.content.decode()
    before = CaseEvent.objects.count()
    run = ImportRun.objects.filter(kind=ImportRun.Kind.HISTORY).latest("pk")
    done = client.post(reverse("monitoring:import_run", args=[run.pk]))
    assert done.status_code == 302 and CaseEvent.objects.count() == before + 1
    assert Participant.objects.filter(code="TN-NEU1").exists()
