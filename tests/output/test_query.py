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


def test_oxigraph_engine_gives_the_same_answers(sample_kg):
    query = "SELECT ?n WHERE { ?p a nkg:Person ; rdfs:label ?n } ORDER BY ?n"
    fast = sample_kg.query(query, engine="oxigraph")
    slow = sample_kg.query(query)
    assert [str(r[0]) for r in fast.rows] == [str(r[0]) for r in slow.rows]


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
