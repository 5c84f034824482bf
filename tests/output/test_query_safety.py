"""`newskg query` and KnowledgeGraph.query/load against hostile queries and files."""

from __future__ import annotations

import time

import pytest

from newskg.api import KnowledgeGraph
from newskg.errors import NewskgError
from newskg.graph.build import new_dataset
from newskg.output.guard import QueryLimits, check_query
from newskg.output.query import _evaluate, run_query
from newskg.output.sandbox import run_isolated

CROSS4 = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"






@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p 'SERVICE <http://x/> { }' }",
        'SELECT * WHERE { ?s ?p """FROM <file:///etc/passwd>""" }',
        "SELECT ?service ?from WHERE { ?service ?from ?load } # SERVICE FROM LOAD",
        "SELECT * FROM <https://w3id.org/newskg/id/graph/entities> WHERE { ?s ?p ?o }",
        "PREFIX g: <https://w3id.org/newskg/id/graph/> SELECT * FROM NAMED g:entities WHERE { GRAPH ?x { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }",
    ],
)
def test_ordinary_queries_pass_the_checks(query):
    check_query(query)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("SELECT * WHERE { service <{url}> { ?s ?p ?o } }", "E508"),
        ("SELECT * FROM <{url}data.ttl> WHERE { ?s ?p ?o }", "E510"),
        ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "E510"),
        ("BASE <file:///etc/> SELECT * FROM <passwd> WHERE { ?s ?p ?o }", "E510"),
        ("PREFIX x: <{url}> SELECT * FROM NAMED x:g WHERE { ?s ?p ?o }", "E510"),
        ("SELECT * FROM <relative.ttl> WHERE { ?s ?p ?o }", "E510"),
        ("LOAD <{url}data.ttl>", "E509"),
        ("SELECT * WHERE " + "{" * 3000 + "}" * 3000, "E507"),
        ("ASK { FILTER(" + "(" * 40 + "1" + ")" * 40 + ") }", "E507"),
        ("SELECT * WHERE { ?s ?p ?o } #" + "x" * 200_000, "E506"),
    ],
)
def test_hostile_queries_are_refused_with_a_code_and_nothing_is_fetched(sample_kg, listener, query, code):
    with pytest.raises(NewskgError) as info:
        sample_kg.query(query.replace("{url}", listener.url))
    assert info.value.code == code and "\n" not in str(info.value)
    assert listener.connections == 0


def test_from_one_of_newskgs_graphs_selects_it(sample_kg):
    rows = sample_kg.query("SELECT DISTINCT ?t FROM <https://w3id.org/newskg/id/graph/ontology> WHERE { ?s a ?t }").rows
    assert rows and all("w3.org" in str(t) for (t,) in rows)


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_a_remote_from_never_loads_even_past_the_checks(sample_kg, listener, engine):
    # The engine itself must not fetch, should a query ever slip past check_query.
    query = f"SELECT (COUNT(*) AS ?n) FROM <{listener.url}g.ttl> WHERE {{ ?s ?p ?o }}"
    try:
        run_isolated(_evaluate, sample_kg.dataset, query, engine, 10, timeout_s=20, memory_mb=1024)
    except NewskgError:
        pass
    time.sleep(0.3)
    assert listener.connections == 0


def test_the_child_cannot_open_a_network_connection(listener):
    import urllib.request

    with pytest.raises(NewskgError) as info:
        run_isolated(urllib.request.urlopen, listener.url, timeout_s=10, memory_mb=256)
    assert info.value.code == "E508"
    assert listener.connections == 0


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_a_query_past_the_time_limit_is_stopped(sample_kg, engine):
    started = time.monotonic()
    with pytest.raises(NewskgError) as info:
        sample_kg.query(CROSS4, engine=engine, limits=QueryLimits(timeout_s=1))
    assert info.value.code == "E511"
    assert time.monotonic() - started < 20  # stopped, not left to run for hours


def test_a_query_past_the_memory_limit_is_stopped(sample_kg):
    limits = QueryLimits(timeout_s=60, memory_mb=300)
    with pytest.raises(NewskgError) as info:
        sample_kg.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f", engine="oxigraph", limits=limits)
    assert info.value.code in {"E512", "E513"}


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_answers_over_the_row_cap_are_refused(sample_kg, engine):
    with pytest.raises(NewskgError) as info:
        sample_kg.query("SELECT * WHERE { ?s ?p ?o }", engine=engine, limits=QueryLimits(max_rows=100))
    assert info.value.code == "E514" and "LIMIT" in str(info.value)
    assert len(sample_kg.query("SELECT * WHERE { ?s ?p ?o } LIMIT 100", engine=engine, limits=QueryLimits(max_rows=100))) == 100


def test_a_crash_in_the_engine_is_an_error_not_a_dead_process(sample_kg):
    # Oxigraph overflows its stack on deep nesting; past the checks that must stay inside the child.
    deep = "SELECT * WHERE " + "{" * 20000 + "}" * 20000
    with pytest.raises(NewskgError) as info:
        run_isolated(_evaluate, sample_kg.dataset, deep, "oxigraph", 10, timeout_s=60, memory_mb=1024)
    assert info.value.code in {"E512", "E501", "E507"}


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_syntax_error_positions_are_in_the_users_text(sample_kg, engine):
    with pytest.raises(NewskgError) as info:
        sample_kg.query("SELECT ?x WHERE {\n  ?x a nkg:Person .\n  ?x rdfs:label }", engine=engine)
    message = str(info.value)
    assert message.startswith("E501") and ("line 3" in message or "error at 3:" in message), message


def test_a_misspelt_bundled_query_is_not_parsed_as_sparql(sample_kg):
    with pytest.raises(NewskgError) as info:
        sample_kg.query("demands-by-actr")
    assert info.value.code == "E515"
    assert "unknown query 'demands-by-actr'" in str(info.value) and "--list" in str(info.value)


def test_a_jsonld_file_with_a_remote_context_is_refused_and_not_fetched(tmp_path, listener):
    path = tmp_path / "g.jsonld"
    path.write_text('{"@context": ["%sctx.jsonld", {"x": "urn:x#"}], "@id": "urn:a", "x:p": "v"}' % listener.url)
    with pytest.raises(NewskgError) as info:
        KnowledgeGraph.load(path)
    assert info.value.code == "E408"
    assert listener.connections == 0


def test_a_jsonld_file_with_an_inline_context_loads(tmp_path):
    path = tmp_path / "g.jsonld"
    path.write_text('{"@context": {"x": "urn:x#"}, "@id": "urn:a", "x:p": "v"}')
    assert len(KnowledgeGraph.load(path).query("SELECT * WHERE { ?s ?p ?o }")) == 1


def test_billion_laughs_rdfxml_is_refused_at_once(tmp_path):
    lol = "\n".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    path = tmp_path / "laughs.rdf"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY lol0 "lol">\n{lol}\n]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="urn:x#">'
        '<rdf:Description rdf:about="urn:a"><x:p>&lol9;</x:p></rdf:Description></rdf:RDF>'
    )
    assert path.stat().st_size < 2000
    with pytest.raises(NewskgError) as info:
        KnowledgeGraph.load(path)
    assert info.value.code == "E409"


def test_an_empty_graph_is_refused_rather_than_answered(tmp_path):
    empty = tmp_path / "empty.ttl"
    empty.write_text("# nothing\n")
    with pytest.raises(NewskgError) as info:
        KnowledgeGraph.load(empty)
    assert info.value.code == "E407"


def test_run_query_on_a_dataset_keeps_working_for_empty_graphs():
    assert run_query(new_dataset(), "ASK { ?s ?p ?o }").boolean is False
