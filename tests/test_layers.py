"""The house rules of shared/docs/architecture.md, read from the source with `ast`.

Streamlit lives at the edge (app.py, pages/, igemo_data/ui/), Altair and vl-convert in
igemo_data/charts/, the DuckDB stores under neither, the flat core under none of them; no cycle;
rooms small enough to read. Each rule is a function of (module, imports) so the tests below
can also feed it a forged module and watch it fail.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "igemo_data"
MAX_MODULE_LINES = 500
MAX_PAGE_LINES = 150
LARGE_ALLOWED = {"catalogue.py"}  # the text catalogue is data, not logic


def module_name(path: Path) -> str:
    """`igemo_data/charts/quadrant.py` → `igemo_data.charts.quadrant`; `app.py` → `app`."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def sources() -> Iterator[Path]:
    yield ROOT / "app.py"
    yield from sorted((ROOT / "pages").glob("*.py"))
    yield from sorted((ROOT / PACKAGE).rglob("*.py"))


def package_modules() -> set[str]:
    return {module_name(p) for p in (ROOT / PACKAGE).rglob("*.py")}


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(module: str, source: str, known: set[str], is_package: bool = False) -> set[str]:
    """Every module `source` imports, anywhere in the file, except under `if TYPE_CHECKING`."""
    found: set[str] = set()
    tree = ast.parse(source)
    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and _type_checking_only(node)
        for inner in ast.walk(node)
    }
    here = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(here[: len(here) - node.level + 1])
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            found.add(target)
            for alias in node.names:
                if f"{target}.{alias.name}" in known:
                    found.add(f"{target}.{alias.name}")
    return found


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def room(module: str) -> str:
    """Which layer a module of the package belongs to: ui, charts, store or core."""
    for layer in ("ui", "charts", "store"):
        if _within(module, f"{PACKAGE}.{layer}"):
            return layer
    return "core" if _within(module, PACKAGE) else "edge"


def violations(module: str, imported: Iterable[str]) -> list[str]:
    """The layer rules one module breaks with these imports."""
    layer = room(module)
    found = []
    for name in sorted(imported):
        if name.startswith("streamlit.") and module != f"{PACKAGE}.ui.compat":
            found.append(f"{module} imports {name}: Streamlit's own modules belong to ui/compat")
        if _within(name, "streamlit") and layer not in ("ui", "edge"):
            found.append(f"{module} imports {name}: streamlit belongs to app.py, pages/, ui/")
        if (_within(name, "altair") or _within(name, "vl_convert")) and layer != "charts":
            found.append(f"{module} imports {name}: altair and vl_convert belong to charts/")
        if layer == "store" and room(name) in ("charts", "ui"):
            found.append(f"{module} imports {name}: the store imports neither charts nor ui")
        if layer == "core" and room(name) in ("store", "charts", "ui"):
            found.append(f"{module} imports {name}: the core imports none of store, charts, ui")
    return found


def graph() -> dict[str, set[str]]:
    known = package_modules()
    edges = {}
    for path in sources():
        name = module_name(path)
        found = imports(name, path.read_text("utf-8"), known, path.name == "__init__.py")
        edges[name] = found
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Import cycles among the package's modules (Tarjan's strongly connected components)."""
    inside = {m: {n for n in targets if n in edges and n != m} for m, targets in edges.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(inside[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(inside):
        if node not in index:
            visit(node)
    return found


def test_every_module_keeps_to_its_layer() -> None:
    found = [problem for module, names in graph().items() for problem in violations(module, names)]
    assert found == []


@pytest.mark.parametrize(
    ("module", "line", "rule"),
    [
        ("igemo_data.matrix", "import streamlit as st", "streamlit"),
        ("igemo_data.store.scenarios", "from streamlit import session_state", "streamlit"),
        ("igemo_data.matrix", "import altair as alt", "altair"),
        ("igemo_data.ui.frame", "import vl_convert", "vl_convert"),
        ("igemo_data.ui.sidebar", "from streamlit.delta_generator import DeltaGenerator", "compat"),
        ("igemo_data.store.editions", "from igemo_data import charts", "store"),
        ("igemo_data.store.base", "from igemo_data.ui import session", "store"),
        ("igemo_data.workshop", "from igemo_data.store import scenarios", "core"),
        ("igemo_data.texts.formatting", "from igemo_data.charts import theme", "core"),
    ],
)
def test_a_forbidden_import_is_caught(module: str, line: str, rule: str) -> None:
    found = violations(module, imports(module, line, package_modules()))
    assert found and all(rule in problem for problem in found)


def test_the_allowed_imports_pass() -> None:
    allowed = [
        ("app", "import streamlit as st"),
        ("pages.1_Ruimte", "import streamlit as st"),
        ("igemo_data.ui.frame", "import streamlit as st\nfrom igemo_data.charts import quadrant"),
        ("igemo_data.charts.export", "import vl_convert\nimport altair"),
        ("igemo_data.store.scenarios", "from igemo_data.settings import Settings"),
        (
            "igemo_data.matrix",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import altair",
        ),
    ]
    for module, source in allowed:
        assert violations(module, imports(module, source, package_modules())) == []


def test_no_import_cycle() -> None:
    assert cycles(graph()) == []


def test_a_cycle_is_caught() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c"]]


def _lines(path: Path) -> int:
    return len(path.read_text("utf-8").splitlines())


def test_rooms_are_small_enough_to_read() -> None:
    modules = {
        str(p.relative_to(ROOT)): _lines(p)
        for p in (ROOT / PACKAGE).rglob("*.py")
        if p.name not in LARGE_ALLOWED
    }
    pages = {
        str(p.relative_to(ROOT)): _lines(p)
        for p in [ROOT / "app.py", *(ROOT / "pages").glob("*.py")]
    }
    assert {k: v for k, v in modules.items() if v > MAX_MODULE_LINES} == {}
    assert {k: v for k, v in pages.items() if v > MAX_PAGE_LINES} == {}
