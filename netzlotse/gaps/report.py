"""The gap report for all projects of a network: per region group, the matrix, the open gaps by phase
and the measures planned. The same sections feed the printable page and the Excel file."""

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from netzlotse.directory.models import Phase, ProcessChain
from netzlotse.network.models import RegionGroup

from .detect import network_districts
from .matrix import Matrix, coverage
from .models import CoverageThreshold, Gap, Measure


@dataclass
class Row:
    """One district's gaps of one kind in a phase (e.g. a chain break for several target groups)."""

    district: str
    kind: str
    gaps: list[Gap] = field(default_factory=list)

    def groups(self) -> str:
        return ", ".join(str(g.target_group) for g in self.gaps if g.target_group)

    def finding(self) -> str:
        """What was found, in words, then for whom ("nach Phase 1 kein Anschlussangebot – für Geflüchtete")."""
        findings = list(dict.fromkeys(g.describe() for g in self.gaps))
        text = "; ".join(findings)
        return f"{text} – {_('für')} {self.groups()}" if self.groups() else text

    def statuses(self) -> str:
        return ", ".join(sorted({str(g.get_status_display()) for g in self.gaps}))

    def measures(self) -> list[Measure]:
        return [m for g in self.gaps for m in g.measures.all()]


@dataclass
class Section:
    title: str
    matrix: Matrix
    gaps_by_phase: list[tuple[Phase, list[Gap]]] = field(default_factory=list)

    @property
    def open_gaps(self) -> int:
        return sum(len(gaps) for _p, gaps in self.gaps_by_phase)

    def rows_by_phase(self) -> list[tuple[Phase, list[Row]]]:
        result = []
        for phase, gaps in self.gaps_by_phase:
            rows: dict[tuple, Row] = {}
            for gap in gaps:
                row = rows.setdefault((gap.district_id, gap.kind), Row(gap.district.label, gap.get_kind_display()))
                row.gaps.append(gap)
            result.append((phase, list(rows.values())))
        return result


def report_sections(network, day) -> list[Section]:
    """The network's whole area first, then each region group its projects are funded for."""
    chain = ProcessChain.objects.default()
    areas = [(_("Gesamtes Netzwerkgebiet"), network_districts(network))]
    groups = RegionGroup.objects.filter(projects__network=network).distinct().order_by("name")
    areas += [(group.name, list(group.regions.districts().order_by("name"))) for group in groups]
    thresholds = CoverageThreshold.for_network(network)
    measures = Prefetch("measures", queryset=Measure.objects.select_related("responsible"))
    sections = []
    for title, districts in areas:
        matrix = coverage(chain=chain, day=day, districts=districts, thresholds=thresholds)
        # Similar offers are coordination hints, not gaps; the register lists them on request.
        gaps = (Gap.objects.filter(network=network, chain=chain, district__in=districts).open()
                .exclude(kind=Gap.Kind.DUPLICATES)
                .select_related("district", "phase", "target_group", "field_of_action", "responsible")
                .prefetch_related(measures).order_by("phase__position", "district__name", "kind"))
        by_phase = {phase.pk: (phase, []) for phase in matrix.phases}
        for gap in gaps:
            by_phase[gap.phase_id][1].append(gap)
        sections.append(Section(title, matrix, [entry for entry in by_phase.values() if entry[1]]))
    return sections


SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")  # characters Excel refuses in sheet names


def _sheet_title(text: str, index: int) -> str:
    return f"{index} {SHEET_FORBIDDEN.sub(' ', text)}"[:31]


def report_sheets(sections) -> dict:
    sheets = {}
    for i, section in enumerate(sections, start=1):
        matrix = section.matrix
        sheets[_sheet_title(f"{section.title}", i * 2 - 1)] = (
            ["Kreis", *(f"{p.position}. {p.name_de}" for p in matrix.phases)],
            [[d.name, *(f"{c.offers} ({c.status})" for c in cells)] for d, cells in matrix.rows()])
        sheets[_sheet_title(f"Lücken {section.title}", i * 2)] = (
            ["Phase", "Kreis", "Art", "Befund", "Zielgruppe", "Handlungsfeld", "Status", "erkannt am",
             "verantwortlich", "geplante Maßnahmen"],
            [[f"{phase.position}. {phase.name_de}", g.district.label, str(g.get_kind_display()), g.describe(),
              str(g.target_group or ""), str(g.field_of_action or ""), str(g.get_status_display()), g.found_on,
              str(g.responsible or ""), "; ".join(f"{m.get_kind_display()}: {m.description}" for m in g.measures.all())]
             for phase, gaps in section.gaps_by_phase for g in gaps])
    return sheets
