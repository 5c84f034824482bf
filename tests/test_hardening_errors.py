"""Every code newskg reports is in the catalogue of newskg.errors, and the catalogue names no dead code."""

from __future__ import annotations

import re
from pathlib import Path

from newskg.errors import CODES

PACKAGE = Path(__file__).resolve().parents[1] / "newskg"


def codes_in_source() -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name == "errors.py":
            continue
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r"""["']([EW][1-8]\d\d)["']""", text))
        found |= set(re.findall(r"""["']([EW][1-8]\d\d): """, text))  # messages the server sends
    return found


def test_every_reported_code_is_catalogued():
    missing = codes_in_source() - set(CODES)
    assert not missing, f"codes without an entry in newskg.errors.CODES: {sorted(missing)}"


def test_the_catalogue_lists_only_codes_in_use():
    unused = set(CODES) - codes_in_source()
    assert not unused, f"catalogued but never reported: {sorted(unused)}"


def test_codes_follow_the_numbering_of_their_area():
    areas = {"1": "lexicon", "2": "documents", "3": "model", "4": "graphs", "5": "queries", "6": "server", "7": "validation", "8": "cluster"}
    for code, meaning in CODES.items():
        assert re.fullmatch(r"[EW][1-8]\d\d", code) and code[1] in areas and meaning and "\n" not in meaning
