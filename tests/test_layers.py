"""The apps build on each other one way (docs/architecture.md): an app imports only from the apps below it, the
wiring of demo, synthetic data and benchmark sits above them all in `netzlotse/site`, and no two modules import
each other, not even through an import inside a function. Read from the source, so a new import that runs
the wrong way fails here before anyone has to find it in a picture."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "netzlotse"

# Each app and the apps it may import. gaps and cases stand side by side: neither knows the other.
MAY_IMPORT = {
    "core": set(),
    "accounts": {"core"},
    "network": {"core", "accounts"},
    "directory": {"core", "accounts", "network"},
    "gaps": {"core", "accounts", "network", "directory"},
    "cases": {"core", "accounts", "network", "directory"},
    "monitoring": {"core", "accounts", "network", "directory", "cases"},
    "surveys": {"core", "accounts", "network", "directory"},  # never cases
    "events": {"core", "accounts", "network", "directory", "gaps", "surveys"},  # never cases
    "site": {"core", "accounts", "network", "directory", "gaps", "cases", "monitoring", "surveys", "events"},
}


def _modules():
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        yield ".".join(parts), path, is_package


MODULES = {name: (path, is_package) for name, path, is_package in _modules()}


def _imports(name):
    """Every project module the module imports, at the top or inside a function."""
    path, is_package = MODULES[name]
    package = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name in MODULES)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            if base not in MODULES:
                continue
            for alias in node.names:  # `from . import services` names a module, `from .models import Case` a class
                yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base


GRAPH = {name: set(_imports(name)) - {name} for name in MODULES}


def _app(module):
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in MAY_IMPORT) else None


def test_every_app_has_its_place_in_the_layers():
    apps = {path.parent.name for path in PACKAGE.glob("*/apps.py")}
    assert apps == set(MAY_IMPORT), "a new app needs its row in MAY_IMPORT (and in docs/architecture.md)"


def test_no_app_imports_an_app_above_it():
    wrong = sorted(f"{module} → {target}" for module, targets in GRAPH.items() for target in targets
                   if _app(module) and _app(target) and _app(target) != _app(module)
                   and _app(target) not in MAY_IMPORT[_app(module)])
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_no_two_modules_import_each_other():
    """Strongly connected parts of the import graph (Tarjan): any part with two modules is a circle."""
    index, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            part = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                part.add(member)
                if member == node:
                    break
            if len(part) > 1:
                circles.append(sorted(part))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    assert not circles, f"modules that import each other: {circles}"
