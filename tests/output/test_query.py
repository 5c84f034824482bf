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
    assert ("European Parliament", "EEAS") in rows  # the text writes only "the EEAS"


def test_roles_in_organisations(sample_kg):
    rows = {(str(r[0]), str(r[1]), str(r[2])) for r in sample_kg.query("roles").rows}
    assert ("Chin Malin", "spokesperson", "Ministry of Justice") in rows
    assert ("Chak Sopheap", "executive director", "Cambodian Center for Human Rights") in rows


@pytest.mark.parametrize("name", sorted(example_queries()))
def test_oxigraph_engine_gives_the_same_answers(sample_kg, name):
    # The bundled queries count documents by their named graphs and read the union default graph
    # for the rest: a union that is not a set, or graphs read differently, would change the counts.
    fast = sample_kg.query(name, engine="oxigraph")
    slow = sample_kg.query(name)
    def rows(result):  # engines differ on an empty GROUP_CONCAT ("" or unbound) and on its order
        return sorted(tuple(" | ".join(sorted(str(v).split(" | "))) if v is not None else "" for v in r) for r in result.rows)

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


def test_interactions_give_one_row_a_fact_with_the_documents_that_state_it(sample_kg):
    # Counted here from the statements, one a supporting sentence, without the query's named-graph
    # shortcut: the query must find the same facts and the same number of documents for each.
    statements = sample_kg.query(
        "SELECT ?subject ?relation ?object ?file WHERE { ?p rdfs:subPropertyOf+ nkg:interactsWith . "
        "?st a nkg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?d . "
        "?d nkg:fileName ?file . ?s rdfs:label ?subject . ?p rdfs:label ?relation . ?o rdfs:label ?object }"
    ).rows
    documents: dict[tuple[str, str, str], set[str]] = {}
    for subject, relation, obj, file in statements:
        documents.setdefault((str(subject), str(relation), str(obj)), set()).add(str(file))
    result = sample_kg.query("interactions")
    column = {name: i for i, name in enumerate(result.columns)}
    found = {(str(r[0]), str(r[1]), str(r[2])): r for r in result.rows}
    assert set(found) == set(documents) and len(found) == len(result.rows)
    assert any(len(files) > 1 for files in documents.values())  # a fact stated in several documents
    for key, files in documents.items():
        row = found[key]
        assert int(row[column["documents"]]) == len(files)
        assert str(row[column["source"]]) == min(files)


@pytest.fixture(scope="module")
def quiet_kg(tmp_path_factory):
    from newskg.api import KnowledgeGraph

    folder = tmp_path_factory.mktemp("quiet")
    (folder / "weather.txt").write_text("It rained in the hills on Tuesday. The rain stopped at noon.\n", encoding="utf-8")
    return KnowledgeGraph.build([folder])


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_bundled_queries_on_a_graph_with_no_facts_answer_no_rows(quiet_kg, engine):
    # rdflib answers one empty group for an aggregate over nothing; looked up unbound, its names
    # would join every label with every other and run past the time limit (E511) instead.
    from newskg.output.guard import QueryLimits

    answers = {name: len(quiet_kg.query(name, engine=engine, limits=QueryLimits(timeout_s=20))) for name in example_queries()}
    assert answers["documents"] == 1
    assert {name: n for name, n in answers.items() if name not in {"documents", "actors"}} == dict.fromkeys(
        set(answers) - {"documents", "actors"}, 0)


def test_a_bundled_query_that_counts_documents_is_refused_on_a_flat_turtle_file(built_dir):
    from typer.testing import CliRunner

    from newskg.api import KnowledgeGraph
    from newskg.cli import app

    flat = KnowledgeGraph.load(built_dir / "graph.ttl")
    with pytest.raises(NewskgError) as info:
        flat.query("interactions")
    assert str(info.value).startswith("E516: the bundled query 'interactions' counts documents by their named graphs")
    assert len(flat.query("roles")) > 0  # a query that reads the union alone still runs
    assert len(KnowledgeGraph.load(built_dir / "graph.trig").query("interactions")) > 0
    result = CliRunner().invoke(app, ["query", "events", "--graph", str(built_dir / "graph.ttl")])
    assert result.exit_code == 2 and "E516" in result.output and "graph.trig" in result.output


def test_evidence_for_actor_reads_the_actor_mentioned_most_or_the_one_named(sample_kg):
    text = example_queries()["evidence-for-actor"].text
    top = min(sample_kg.query("actors").rows, key=lambda r: (-int(r[4]), str(r[2])))  # most mentions, then by name
    default = sample_kg.query(text).rows
    assert default and {str(r[0]) for r in default} == {str(top[2])}
    assert all(str(top[2]) in (str(r[1]), str(r[3])) for r in default)
    named = text.replace('# ?x rdfs:label|skos:altLabel "Name of the actor" .', '?x rdfs:label|skos:altLabel "Kem Sokha" .')
    assert named != text
    rows = sample_kg.query(named).rows
    assert rows and {str(r[0]) for r in rows} == {"Kem Sokha"}
    assert all("Kem Sokha" in (str(r[1]), str(r[3])) for r in rows)
    assert ("European Parliament", "demands on behalf of") in {(str(r[1]), str(r[2])) for r in rows}
