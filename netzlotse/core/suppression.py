"""Keeping small counts from being shown or worked out: the one rule every aggregate that leaves the team uses
(monitoring reports for funders, survey results). A count from 1 to 4 is shown as "< 5"; in a column of groups
that add up to a shown total, the cells hidden together must leave each small one open: a reader knows "< 5"
is 1 to 4 and that the hidden cells add up to the total minus the shown ones, so two hidden cells of 1 (their
sum 2 says both are 1) take a further cell with them ("x", any value).
"""

SMALL = 5
HIDDEN = f"< {SMALL}"
BLOCKED = "x"
MARKS = (HIDDEN, BLOCKED)


def small(value) -> bool:
    return isinstance(value, int) and 0 < abs(value) < SMALL


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
