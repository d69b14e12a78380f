"""The package shows its pipeline: imports run one way, stage to stage, with no cycle (type-only
imports included); modules stay small, and no two are named a letter apart."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "sitegen"
# Lowest first: a module may import its own stage or an earlier one, never a later one.
STAGES = (
    ("config", "errors", "messages", "urls", "cache"),
    ("read",), ("model",), ("render",), ("checks",), ("write",),
    ("pipeline",), ("preview",), ("newsroom",), ("cli",),
)
MOST_LINES = 250


def _modules() -> dict[str, Path]:
    return {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
            for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules this file imports, anywhere in it (functions and TYPE_CHECKING blocks too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        assert not (isinstance(node, ast.ImportFrom) and node.level), f"{path}: a relative import hides its stage"
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sitegen"):
            for alias in node.names:
                whole = f"{node.module}.{alias.name}"
                found.add(whole if whole in modules else node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("sitegen")}
    return {m for m in found if m in modules and m != "sitegen"}


def _stage(module: str) -> int:
    part = module.split(".")[1]
    return next(n for n, names in enumerate(STAGES) if part in names)


def test_imports_run_one_way_from_stage_to_stage() -> None:
    modules = _modules()
    against = [f"{m} imports {i}" for m in modules if m != "sitegen" for i in _imports(modules[m], modules)
               if _stage(i) > _stage(m)]
    assert not against


def test_no_module_imports_itself_round_a_cycle() -> None:
    modules = _modules()
    graph = {m: _imports(p, modules) for m, p in modules.items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" → ".join([*path[path.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles


def test_every_module_is_small_and_named_apart() -> None:
    modules = _modules()
    long = [f"{m}: {n}" for m, p in modules.items() if (n := len(p.read_text().splitlines())) > MOST_LINES]
    assert not long
    names = [m.rsplit(".", 1)[-1] for m in modules if m != "sitegen"]  # modules and stage folders
    close = [(a, b) for a in names for b in names if a < b and _apart(a, b) <= 1]
    same = sorted({name for name in names if names.count(name) > 1})
    assert not close and not same


def _apart(a: str, b: str) -> int:
    """How many letters to add, drop or change to make a into b (Levenshtein)."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        row, last = [i], row
        for j, y in enumerate(b, 1):
            row.append(min(last[j] + 1, row[j - 1] + 1, last[j - 1] + (x != y)))
    return row[-1]


def test_letters_apart_counts_one_slip() -> None:
    assert (_apart("reader", "render"), _apart("card", "cards"), _apart("memo", "memos"), _apart("site", "pages")) \
        == (1, 1, 1, 4)


def test_the_top_holds_only_the_entry_orchestration_settings_and_messages() -> None:
    top = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert top == set(STAGES[0]) | {"pipeline", "cli"}
