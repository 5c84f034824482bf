"""What is read from the archive's store is what the in-memory graph gives: the page, the counts,
the served endpoint."""

from __future__ import annotations

import json
import select
import socket
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest

from newskg.api import KnowledgeGraph, build

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def archive_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("archive") / "kg"
    kg = build(None, out)
    return out, kg


def test_the_page_and_counts_from_the_store_are_those_of_the_graph_in_memory(archive_build, sample_kg):
    out, kg = archive_build
    assert kg.store is not None and (out / "archive" / "oxigraph").is_dir()
    assert (out / "graph.html").read_text(encoding="utf-8") == sample_kg.page()
    mine, theirs = kg.summary, sample_kg.summary
    assert (mine.documents, mine.entities, mine.relations, mine.statements, mine.events, mine.claims) == (
        theirs.documents, theirs.entities, theirs.relations, theirs.statements, theirs.events, theirs.claims
    )
    stored = KnowledgeGraph.load(out)
    assert sorted(stored.to_networkx().nodes) == sorted(sample_kg.to_networkx().nodes)
    assert stored.to_networkx().number_of_edges() == sample_kg.to_networkx().number_of_edges()


def test_the_store_validates_against_the_shapes(archive_build):
    out, _ = archive_build
    assert KnowledgeGraph.load(out).validate().conforms


def test_serve_answers_from_the_builds_own_store(archive_build):
    out, _ = archive_build
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "newskg.cli", "serve", "--graph", str(out), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], 90)
        assert ready and process.stdout.readline().startswith("SPARQL endpoint:")
        query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?p a nkg:Person }"}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{port}/query", data=query, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            persons = int(json.loads(response.read())["results"]["bindings"][0]["n"]["value"])
        assert persons > 5
        assert not (out / "store").exists(), "nothing is copied: the archive's store is served"
        # the store is not changed under a running server
        from newskg.api import add
        from newskg.errors import NewskgError

        with pytest.raises(NewskgError, match="E413"):
            add([], out)
    finally:
        process.terminate()
        process.wait(15)


def test_the_page_read_from_the_store_with_tight_caps_is_the_one_read_from_memory(archive_build, sample_kg):
    from newskg.output.page import PageOptions

    out, _ = archive_build
    tight = PageOptions(sentences_per_actor=2, sentences_per_relation=1, sources_per_item=1, claims_per_actor=1, events_per_actor=1)
    stored = KnowledgeGraph.open(out)
    page = stored.page(tight)
    assert page == sample_kg.page(tight) != sample_kg.page()
    assert "claimsNotShown" in page and "eventsNotShown" in page  # the sample prints no sentence twice: sources are tested on invented copies


def test_a_table_read_from_the_store_in_one_query_is_the_table_read_a_node_at_a_time(archive_build, sample_kg):
    from rdflib import RDF

    from newskg.graph.rows import CLAIM_FIELDS, EVENT_FIELDS, MENTION_FIELDS, STATEMENT_FIELDS, iter_rows, term
    from newskg.ontology import NKG

    out, _ = archive_build
    view = KnowledgeGraph.open(out)._view
    tables = [
        ((RDF.type, NKG.Statement), (*STATEMENT_FIELDS, (term("eventClass"), False, 4), (NKG.eventDate, False, 4))),
        ((term("eventClass"), None), EVENT_FIELDS),
        ((RDF.type, NKG.Claim), CLAIM_FIELDS),
        ((NKG.mentionOf, None), ((NKG.mentionOf, False), *MENTION_FIELDS)),
    ]

    def table(source, anchor, fields):
        return {s: [sorted(v) if isinstance(v, list) else v for v in row] for s, row in iter_rows(source, anchor, fields)}

    for anchor, fields in tables:
        mine, theirs = table(view, anchor, fields), table(sample_kg.dataset, anchor, fields)
        assert mine and mine == theirs, anchor
    statements = table(view, *tables[0])
    assert any(row[-2] is not None for row in statements.values()), "statements carry their event's class"
