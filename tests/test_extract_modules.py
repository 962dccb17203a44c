"""The extraction package's modules define each top-level function and class once.

Parallel work on one module can leave two definitions of one name (two `_known_titles` with
different signatures, two `_article_scope` with different meanings): Python keeps the later
one silently, and every caller of the first gets the other. Both happened in one merge; the
figures caught them (title 0.934 -> 0.807), this catches the next one at once."""
from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

PACKAGES = [Path(__file__).resolve().parent.parent / name for name in ("crawler", "archive")]
MODULES = sorted(p for package in PACKAGES for p in package.rglob("*.py"))


def defined_twice(source: str) -> list[str]:
    """Top-level functions and classes a module defines more than once."""
    names = Counter(node.name for node in ast.parse(source).body
                    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)))
    return sorted(name for name, count in names.items() if count > 1)


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_top_level_functions_and_classes_are_defined_once(module: Path) -> None:
    assert defined_twice(module.read_text("utf-8")) == []


def test_a_shadowed_definition_is_seen() -> None:
    shadowed = ("def _known_titles(h1s, structured):\n    return {}\n\n\n"
                "def _known_titles(page):\n    return []\n\n\nclass A:\n    pass\n")
    assert defined_twice(shadowed) == ["_known_titles"]
