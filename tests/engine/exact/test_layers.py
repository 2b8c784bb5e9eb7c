"""The exact package's modules import each other in one direction only: each imports only
modules listed before it (as its docstring lists them), so there is no import loop, and the
summary the game reads and the state codes import none of them, and no numpy."""

from __future__ import annotations

import ast
from pathlib import Path

import journey.engine.exact

ORDER = ["codes", "space", "exploration", "order", "reach", "visits", "summary", "chances", "odds",
         "coverage", "decisions", "problems", "continuity", "analysis"]
FOLDER = Path(journey.engine.exact.__file__).parent


def imported(module: str) -> set[str]:
    """The modules of the exact package and the outside packages that `module` imports,
    at the top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse((FOLDER / f"{module}.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found.add(node.module or "")
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found.add((node.module or "").partition(".")[0])
        elif isinstance(node, ast.Import):
            found.update(alias.name.partition(".")[0] for alias in node.names)
    return found


def test_every_module_is_listed_once():
    assert sorted(path.stem for path in FOLDER.glob("*.py") if path.stem != "__init__") == \
        sorted(ORDER)


def test_each_module_imports_only_modules_listed_before_it():
    for position, module in enumerate(ORDER):
        inside = imported(module) & set(ORDER)
        assert inside <= set(ORDER[:position]), (module, inside - set(ORDER[:position]))


def test_the_summary_and_the_codes_import_nothing_of_the_analysis():
    """The game reads the summary, and looks states up in its chance table by their codes."""
    assert not imported("summary") & (set(ORDER) | {"numpy", ""})
    assert not imported("codes") & (set(ORDER) | {"numpy", ""})
