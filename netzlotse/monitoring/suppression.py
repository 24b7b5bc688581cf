"""What keeps a small figure from being worked out from what a funder sees, beyond the cells themselves:

- a ratio is hidden where its numerator, or what the denominator has beyond it, is a small count (a share of
  2 in 11 would give the 2 back);
- a change is shown exactly where both figures it joins are shown (it follows from them), and hidden where
  either is;
- a report narrowed by a filter is compared with the same report without it: a figure whose complement (the
  whole minus the filtered part) is small, and a figure the unfiltered report hides, are hidden too, so two
  reports cannot be subtracted to recover a hidden cell;
- in a column of groups that add up to a shown total, the cells hidden together must leave each small one
  open: a reader knows "< 5" is 1 to 4 and that the hidden cells add up to the total minus the shown ones, so
  two hidden cells of 1 (their sum 2 says both are 1) take a further cell with them ("x", any value);
  that rule is the shared one in core/suppression.py.
"""

from netzlotse.core.suppression import BLOCKED, HIDDEN, MARKS, SMALL, small, suppress_column

__all__ = ["BLOCKED", "HIDDEN", "MARKS", "SMALL", "changes", "ratio_hidden", "small", "suppress_column"]


def changes(cells, suppress: bool) -> None:
    previous = None
    for cell in cells:
        if previous is not None and isinstance(cell.value, int | float) and isinstance(previous.value, int | float):
            hidden = suppress and (cell.shown in MARKS or previous.shown in MARKS)
            cell.change = HIDDEN if hidden else round(cell.value - previous.value, 1)
        previous = cell


def ratio_hidden(indicator, parts_at) -> bool:
    """`parts_at`: {code: value} of the ratio's parts at one date (for one group)."""
    top, bottom = (parts_at.get(code) for code in indicator.parts)
    if not isinstance(top, int) or not isinstance(bottom, int):
        return False
    return small(top) or small(bottom - top) or small(bottom)


def against_unfiltered(report, base) -> None:
    """Hide in a filtered report what, together with the unfiltered one (`base`), would give a small figure."""
    base_rows = {row.indicator.code: row for row in base.rows}
    for row in report.rows:
        if not row.indicator.counts_people or row.indicator.code not in base_rows:
            continue
        for cell, whole in zip(row.cells, base_rows[row.indicator.code].cells, strict=True):
            _mark(cell, whole)
    base_cells = {(section.breakdown.code, indicator.code, r.key): r.cells for section in base.sections
                  for indicator, rows in section.blocks for r in rows}
    for section in report.sections:
        for indicator, rows in section.blocks:
            if not indicator.counts_people:
                continue
            for r in rows:
                for cell, whole in zip(r.cells, base_cells.get((section.breakdown.code, indicator.code, r.key),
                                                                [None] * len(r.cells)), strict=True):
                    _mark(cell, whole)


def _mark(cell, whole) -> None:
    if whole is None or not cell.value or cell.shown in MARKS:
        return
    if whole.shown in MARKS or (isinstance(whole.value, int) and small(whole.value - cell.value)):
        cell.shown = BLOCKED


