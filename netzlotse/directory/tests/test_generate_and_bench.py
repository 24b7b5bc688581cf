import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from netzlotse.directory.generate import PREFIX
from netzlotse.directory.models import Offer
from netzlotse.network.models import Organization


def test_it_generates_a_region_sized_network_and_replaces_it(db, capsys):
    call_command("generate_data", "--size", "region")
    assert Offer.objects.filter(external_id__startswith=PREFIX).count() == 1000
    assert Organization.objects.filter(external_id__startswith=PREFIX).count() == 100
    offer = Offer.objects.filter(external_id__startswith=PREFIX, status="published").first()
    assert offer.phases.exists() and offer.locations.exists() and offer.search_text
    with pytest.raises(CommandError):
        call_command("generate_data", "--size", "region")
    call_command("generate_data", "--size", "region", "--replace")
    assert Offer.objects.filter(external_id__startswith=PREFIX).count() == 1000


def test_the_benchmark_reports_p50_and_p95_per_operation(db, capsys):
    call_command("generate_data", "--size", "region")
    capsys.readouterr()
    call_command("bench", "--size", "region", "--runs", "3", "--json",
                 "--only", "search", "detail", "hsds_services", "gap_matrix_state")
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert set(report) == {"search", "detail", "hsds_services", "gap_matrix_state"}
    assert all({"p50_ms", "p95_ms", "n"} <= set(row) for row in report.values())
