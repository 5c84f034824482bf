"""Data flows one way, text -> extract -> graph -> archive -> output: no stage imports a later one, spaCy stays in
extract/, and rdflib terms never enter extract/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "newskg"
ORDER = ["extract", "graph", "archive", "output"]


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("stage", ORDER)
def test_no_stage_imports_a_later_one(stage):
    later = ORDER[ORDER.index(stage) + 1 :] + ["api", "cli"]
    for path in (PACKAGE / stage).rglob("*.py"):
        for name in imports_of(path):
            assert not any(name.startswith(f"newskg.{other}") for other in later), f"{path.name} imports {name}"


def test_spacy_stays_in_extract_and_rdflib_stays_out_of_it():
    for path in PACKAGE.rglob("*.py"):
        names = imports_of(path)
        inside_extract = "extract" in path.relative_to(PACKAGE).parts
        if not inside_extract:
            assert not any(n == "spacy" or n.startswith("spacy.") for n in names), path
        else:
            assert not any(n == "rdflib" or n.startswith("rdflib.") for n in names), path
