from netzlotse.directory.models import Phase


def test_the_matrix_api_gives_the_pages_numbers_to_members_only(client, world):
    assert client.get("/api/v1/gaps/matrix", {"bereich": "land:14"}).status_code == 401
    client.force_login(world.counsellor)
    assert client.get("/api/v1/gaps/matrix").status_code == 403
    client.force_login(world.coordinator)
    body = client.get("/api/v1/gaps/matrix", {"bereich": "land:14", "vergleich": "2020-01-01"}).json()
    assert [p["position"] for p in body["phases"]] == [1, 2, 3, 4, 5]
    dresden = next(row for row in body["rows"] if row["ags"] == "14612")
    access = Phase.objects.get(chain__is_default=True, code="zugang")
    assert dresden["cells"][0] == {"phase_id": access.pk, "offers": 1, "places": 0, "status": "covered",
                                   "per_100k": None}
    assert {"ags": "14612", "phase_id": access.pk, "change": "opened"} in body["changes"]
    assert body["totals"]["gap"] + body["totals"]["covered"] + body["totals"]["too_few"] == 13 * 5


def test_bad_matrix_parameters_are_explained(client, world):
    client.force_login(world.coordinator)
    response = client.get("/api/v1/gaps/matrix", {"bereich": "land:99"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "bereich"]
