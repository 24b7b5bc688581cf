"""The role table in accounts/roles.py is the one authority for who may do what: outside it, code asks for a
capability (`roles.can`, `roles.organization_ids(user, capability)`) and never for a role, so a rule can be
read and changed in one place. Read from the source, so a new comparison with a role fails here."""

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "netzlotse"
ROLE_NAMED = re.compile(r"\bRole\.(ADMIN|COORDINATOR|PROVIDER|COUNSELLOR|FUNDER)\b|\broles_of\(")
# Test data and the benchmark's synthetic users are given roles; they decide nothing.
SETS_UP_DATA = {"bench.py"}


def test_no_code_outside_the_role_table_names_a_role():
    offenders = []
    for path in PACKAGE.rglob("*"):
        if path.suffix not in (".py", ".html") or {"tests", "migrations"} & set(path.parts):
            continue
        if path.name in SETS_UP_DATA or path == PACKAGE / "accounts" / "roles.py":
            continue
        offenders += [f"{path.relative_to(PACKAGE)}:{n}" for n, line in enumerate(path.read_text().splitlines(), 1)
                      if ROLE_NAMED.search(line)]
    assert not offenders, offenders


def test_every_capability_is_granted_and_asked_for():
    from netzlotse.accounts import roles

    capabilities = {name: value for name, value in vars(roles).items() if name.isupper() and isinstance(value, str)}
    granted = set().union(*roles.PERMISSIONS.values())
    assert set(capabilities.values()) == granted, set(capabilities.values()) ^ granted
    source = "\n".join(p.read_text() for p in PACKAGE.rglob("*.py") if "tests" not in p.parts and p.name != "roles.py")
    unused = {name for name in capabilities if f"roles.{name}" not in source}
    assert not unused, unused
