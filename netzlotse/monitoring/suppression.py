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
  two hidden cells of 1 (their sum 2 says both are 1) take a further cell with them ("x", any value).
"""

SMALL = 5
HIDDEN = f"< {SMALL}"
BLOCKED = "x"
MARKS = (HIDDEN, BLOCKED)


def small(value) -> bool:
    return isinstance(value, int) and 0 < abs(value) < SMALL


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


def _determined(column: dict, hidden: dict) -> bool:
    """Whether a reader could work out a small hidden cell: each "< 5" lies in 1..4, each "x" in 0.., and the
    hidden cells add up to what the total leaves (a total of 1 to 4 is itself only known to be 1..4); a cell is
    worked out where that leaves it one value."""
    total = sum(column.values())
    shown = total - sum(column[key] for key in hidden)
    rest_low, rest_high = (max(0, 1 - shown), 4 - shown) if small(total) else (total - shown, total - shown)
    bounds = {key: (1, 4) if mark == HIDDEN else (0, rest_high) for key, mark in hidden.items()}
    for key in hidden:
        if not small(column[key]):
            continue
        others = [bounds[k] for k in hidden if k != key]
        low = max(bounds[key][0], rest_low - sum(high for _low, high in others))
        high = min(bounds[key][1], rest_high - sum(low for low, _high in others))
        if low >= high:
            return True
    return False


def suppress_column(column: dict) -> dict:
    """{key: "< 5" or "x"} for the cells of one column (groups that add up to a shown total) that must not be
    shown: every value from 1 to 4, then the next smallest values as "x" until no small one can be worked out
    from the total; where even that is not enough (4 and 4 beside a total of 8), the small ones show as "x"."""
    hidden = {key: HIDDEN for key, value in column.items() if small(value)}
    others = sorted((value, position, key) for position, (key, value) in enumerate(column.items())
                    if value and key not in hidden)
    while hidden and others and _determined(column, hidden):
        hidden[others.pop(0)[2]] = BLOCKED
    if hidden and _determined(column, hidden):
        hidden = dict.fromkeys(hidden, BLOCKED)
    return hidden
