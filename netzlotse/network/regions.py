"""The German states and the 401 districts, shipped with the product.

Source: Statistisches Bundesamt (Destatis), Kreisfreie Städte und Landkreise nach
Fläche, Bevölkerung und Bevölkerungsdichte am 31.12.2018, licensed under
Datenlizenz Deutschland – Namensnennung 2.0 / CC BY 4.0, as packaged in the npm
package `landkreise-deutschland` 3.0.0. See docs/data-sources.md.
"""

import csv
from decimal import Decimal
from pathlib import Path

DISTRICTS_CSV = Path(__file__).resolve().parent / "data" / "districts-2018.csv"

# The first two digits of an AGS identify the state (Bundesland).
STATES = {
    "01": "Schleswig-Holstein", "02": "Hamburg", "03": "Niedersachsen", "04": "Bremen",
    "05": "Nordrhein-Westfalen", "06": "Hessen", "07": "Rheinland-Pfalz", "08": "Baden-Württemberg",
    "09": "Bayern", "10": "Saarland", "11": "Berlin", "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern", "14": "Sachsen", "15": "Sachsen-Anhalt", "16": "Thüringen",
}


def read_districts():
    with DISTRICTS_CSV.open(encoding="utf-8") as handle:
        yield from csv.DictReader(handle, delimiter=";")


def load_regions(Region):
    """Create or update the 16 states and 401 districts; safe to run again."""
    rows = list(read_districts())
    population = dict.fromkeys(STATES, 0)
    for row in rows:
        population[row["AGS"][:2]] += int(row["population"])
    states = {}
    for code, name in STATES.items():
        states[code], _ = Region.objects.update_or_create(
            ags=code, defaults={"name": name, "level": "state", "kind": "Bundesland", "population": population[code]},
        )
    for row in rows:
        Region.objects.update_or_create(
            ags=row["AGS"],
            defaults={
                "name": row["name"], "level": "district", "kind": row["type"], "nuts3": row["NUTS3"],
                "population": int(row["population"]), "area_km2": Decimal(row["area_km2"]),
                "parent": states[row["AGS"][:2]],
            },
        )
