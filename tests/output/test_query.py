from __future__ import annotations

import json

import pytest

from newskg.errors import NewskgError
from newskg.output.query import example_queries, format_result


@pytest.mark.parametrize("name", sorted(example_queries()))
def test_every_bundled_example_runs_and_finds_something(sample_kg, name):
    result = sample_kg.query(name)
    assert len(result) > 0, name


def test_demands_by_the_european_parliament(sample_kg):
    result = sample_kg.query("demands-by-actor")
    rows = {(str(r[0]), str(r[2])) for r in result.rows}
    assert ("European Parliament", "Cambodian authorities") in rows
    assert ("European Parliament", "European External Action Service") in rows


def test_roles_in_organisations(sample_kg):
    rows = {(str(r[0]), str(r[1]), str(r[2])) for r in sample_kg.query("roles").rows}
    assert ("Chin Malin", "spokesperson", "Ministry of Justice") in rows
    assert ("Chak Sopheap", "executive director", "Cambodian Center for Human Rights") in rows


@pytest.mark.parametrize("name", ["interactions", "demands-by-actor", "roles"])
def test_oxigraph_engine_gives_the_same_answers(sample_kg, name):
    # "interactions" repeats facts stated in several documents: a union that is not a set would
    # return them more than once.
    fast = sample_kg.query(name, engine="oxigraph")
    slow = sample_kg.query(name)
    def rows(result):  # engines differ only on an empty GROUP_CONCAT: "" or unbound
        return sorted(tuple("" if v is None else str(v) for v in r) for r in result.rows)

    assert rows(fast) == rows(slow)


def test_malformed_queries_give_a_one_line_error_with_the_position(sample_kg):
    with pytest.raises(NewskgError) as info:
        sample_kg.query("SELECT ?x WHERE {\n  ?x a nkg:Person \n")
    message = str(info.value)
    assert message.startswith("E501: malformed SPARQL at line") and "\n" not in message


def test_formats(sample_kg):
    result = sample_kg.query("SELECT ?n WHERE { ?p rdfs:label 'Khun Tharo' ; rdfs:label ?n }")
    assert format_result(result, "csv") == "n\nKhun Tharo\n"
    assert format_result(result, "tsv") == "n\nKhun Tharo\n"
    assert json.loads(format_result(result, "json"))["results"]["bindings"][0]["n"]["value"] == "Khun Tharo"
    table = format_result(result, "table")
    assert "Khun Tharo" in table and table.endswith("(1 row)")
    with pytest.raises(NewskgError):
        format_result(result, "xlsx")
