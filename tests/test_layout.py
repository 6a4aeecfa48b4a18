"""The layers of DESIGN §3 hold: no module imports from a layer above its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "dateline"
# Lower layers first. A module may import its own layer and any layer before it.
LAYERS = [
    {"schema", "lexicons"},
    {"sources"},
    {"stages"},
    {"pipeline", "parsing", "summary", "output"},
    {"store"},
    {"corpus", "export", "eval"},
    {"web"},
    {"cli"},
]
RANK = {name: i for i, layer in enumerate(LAYERS) for name in layer}


def _layer(module: str) -> str | None:
    """The top-level part of `dateline.<part>...`, or None for the package root."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "dateline" else None


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_import_from_a_higher_layer(path: Path) -> None:
    own = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    if own not in RANK:
        return  # the package root (__init__) is the public API over every layer
    upward = sorted(
        module
        for module in _imports(path)
        if (layer := _layer(module)) in RANK and RANK[layer] > RANK[own]
    )
    assert not upward, f"{path.name} ({own}) imports from a higher layer: {upward}"


def test_every_top_level_module_has_a_layer() -> None:
    tops = {p.name.removesuffix(".py") for p in PACKAGE.iterdir() if not p.name.startswith("_")}
    tops -= {"__pycache__", "py.typed"}
    assert tops <= set(RANK), f"give these a layer in tests/test_layout.py: {tops - set(RANK)}"
