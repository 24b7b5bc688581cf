"""Random figures, and a reader who knows what the marks mean: no small figure a funder does not see can be worked
out from what they do see (the column's total, the cells shown, the marks, the shares, the changes)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from netzlotse.monitoring.indicators import INDICATORS
from netzlotse.monitoring.report import Cell
from netzlotse.monitoring.suppression import BLOCKED, HIDDEN, MARKS, changes, ratio_hidden, small, suppress_column

# Counts as programmes have them: many small ones, some zeros, some large.
COUNT = st.one_of(st.integers(0, 6), st.integers(0, 60))
COLUMN = st.dictionaries(st.sampled_from(["f", "m", "d", "?", "JC Nord", "JC Süd", "BIC"]), COUNT, min_size=1)


def values_a_reader_allows(column: dict, hidden: dict) -> dict:
    """For each hidden cell that holds a small figure, every value it could have: "< 5" is 1 to 4, "x" any
    number, and the hidden cells add up to what the total leaves after the shown ones (a total of 1 to 4 is shown
    as "< 5" itself). Worked out by enumeration, independently of the code."""
    total = sum(column.values())
    shown = sum(value for key, value in column.items() if key not in hidden)
    rests = {t - shown for t in (range(1, 5) if small(total) else [total]) if t >= shown}
    most = max(rests)
    ranges = {key: range(1, 5) if mark == HIDDEN else range(most + 1) for key, mark in hidden.items()}
    possible = {}
    for key in hidden:
        if not small(column[key]):
            continue
        sums = {0}
        for other in hidden:
            if other != key:
                sums = {s + v for s in sums for v in ranges[other] if s + v <= most}
        possible[key] = {v for v in ranges[key] for rest in rests if rest - v in sums}
    return possible


@settings(max_examples=400, deadline=None)
@given(COLUMN)
def test_no_small_cell_of_a_column_can_be_worked_out_from_its_total(column):
    hidden = suppress_column(column)
    assert {key for key, value in column.items() if small(value)} <= set(hidden)  # every 1 to 4 is hidden
    for key, values in values_a_reader_allows(column, hidden).items():
        assert column[key] in values and len(values) > 1, (column, hidden, key, values)


def test_two_hidden_ones_take_a_third_cell_with_them():
    # Found by the property above: 1 and 1 beside a total of 102 give both back.
    assert suppress_column({"f": 1, "m": 1, "d": 100}) == {"f": HIDDEN, "m": HIDDEN, "d": BLOCKED}
    assert suppress_column({"f": 2, "m": 3, "d": 100}) == {"f": HIDDEN, "m": HIDDEN}
    assert suppress_column({"f": 4, "m": 4}) == {"f": BLOCKED, "m": BLOCKED}  # nothing else to hide with them


RATIOS = [indicator for indicator in INDICATORS if indicator.is_ratio]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(RATIOS), st.integers(0, 40), st.integers(0, 40))
def test_a_share_is_never_shown_over_a_count_the_reader_may_not_see(indicator, top, extra):
    bottom = top + extra
    top_code, bottom_code = indicator.parts
    if not ratio_hidden(indicator, {top_code: top, bottom_code: bottom}):
        # shown: then the count over it, its whole and what the whole has beyond it are no small figures
        assert not small(top) and not small(bottom) and not small(bottom - top)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 12), min_size=2, max_size=8))
def test_a_change_never_joins_a_hidden_figure(series):
    cells = [Cell(value, HIDDEN if small(value) else value) for value in series]
    changes(cells, suppress=True)
    for before, cell in zip(cells, cells[1:], strict=False):
        if before.shown in MARKS or cell.shown in MARKS:
            assert cell.change == HIDDEN  # else shown value ± change would give the hidden one back
        else:
            assert cell.change == cell.shown - before.shown
