"""The import contract: geolib's layers import only downwards, and no modules import each
other in a circle. Read from the source with ``ast`` (imports inside functions count too),
so a violation fails ``make test`` before it can hide behind import order."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

# Lowest first. A module may import its own layer and the layers before it, never a later one.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("geolib.errors", "geolib.paths", "geolib.model", "geolib.reading",
              "geolib.tableio", "geolib.cache")),
    ("text", ("geolib.text",)),
    ("data", ("geolib.lexicon", "geolib.actors", "geolib.places", "geolib.institutions",
              "geolib.reference")),
    ("parse", ("geolib.parse", "geolib.sources", "geolib.files")),
    ("segment", ("geolib.segment",)),
    ("nlp", ("geolib.ruler", "geolib.nlp")),
    ("extract", ("geolib.extract",)),
    ("stance and checks", ("geolib.stance", "geolib.checks")),
    ("pipeline", ("geolib.pipeline",)),
    ("corpus", ("geolib.search", "geolib.identity", "geolib.corpus", "geolib.engine", "geolib.output")),
    ("presentation", ("geolib.analysis", "geolib.narrative", "geolib.charts", "geolib.briefing",
                      "geolib.cli", "geolib.__main__", "geolib")),
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted((SRC / "geolib").rglob("*.py"))}


def _resolve(name: str) -> str | None:
    """The geolib module an imported name lives in (a module, or the package defining it)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str) -> set[str]:
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            names = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if name.split(".")[0] == "geolib" and (target := _resolve(name)) and target != module:
                found.add(target)
    return found


GRAPH = {module: _imports(module) for module in MODULES}


def _layer(module: str) -> int:
    best = None
    for n, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            inside = module == prefix or module.startswith(prefix + ".")
            if inside and (best is None or len(prefix) > best[1]):
                best = (n, len(prefix))
    if best is None:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS in {__file__}")
    return best[0]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_imports_only_its_own_layer_or_lower(module):
    upward = [f"{target} ({LAYERS[_layer(target)][0]})" for target in sorted(GRAPH[module])
              if _layer(target) > _layer(module)]
    assert not upward, f"{module} ({LAYERS[_layer(module)][0]}) imports upwards: {', '.join(upward)}"


def test_no_import_cycles():
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in GRAPH[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    assert not cycles, f"modules importing each other in a circle: {cycles}"


def test_every_layer_entry_names_a_module():
    """A layer lists only modules that exist, so the contract says what the code is."""
    stale = [prefix for _, prefixes in LAYERS for prefix in prefixes
             if not any(m == prefix or m.startswith(prefix + ".") for m in MODULES)]
    assert not stale, f"layer entries naming no module: {stale}"


def test_the_contract_reads_real_imports():
    """The checker itself: it must see the imports it is meant to police."""
    assert "geolib.pipeline" in GRAPH["geolib.corpus"]
    assert "geolib.text.marks" in GRAPH["geolib.text.sentences"]
    assert "geolib.extract.figures" in GRAPH["geolib.checks"]
