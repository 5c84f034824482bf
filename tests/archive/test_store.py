"""The graph store's bulk path (N-Quads lines, loaded by a thread) writes what a transaction writes."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef

from newskg.archive.quads import GraphStore

A, B, P, Q = (URIRef(f"https://example.org/{n}") for n in ("orrin-tassel", "veldmark", "said", "label"))
AWKWARD = [
    (A, P, Literal('He said "no" \\ twice,\nthen left\ttabbed')),
    (A, Q, Literal("Orrin Tassel", lang="en")),
    (A, Q, Literal("Óрин Тассел — 奥林")),
    (B, P, Literal(3)),
    (B, P, Literal("2025-01-11", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))),
    (B, P, Literal(True)),
    (A, P, B),
]


def test_bulk_loaded_graphs_equal_written_ones(tmp_path):
    bulk, written = GraphStore(tmp_path / "bulk"), GraphStore(tmp_path / "tx")
    bulk.BULK_QUADS = 4  # several background loads, and one left for the end
    for n in range(5):
        triples = set(AWKWARD[n:]) | {(URIRef(f"https://example.org/doc/{n}"), P, A)}
        bulk.add_graph(f"https://example.org/graph/{n}", triples)
        written.replace_graph(f"https://example.org/graph/{n}", triples)
    assert bulk.graphs() == written.graphs()
    for graph in written.graphs():
        assert bulk.triples(graph) == written.triples(graph)
    assert bulk.union() == written.union()
    assert len(bulk.union()) == len(AWKWARD) + 5  # a fact in several graphs is in the union once


def test_a_graph_with_blank_nodes_keeps_them(tmp_path):
    store = GraphStore(tmp_path / "s")
    node = BNode("rally1")
    store.add_graph("https://example.org/graph/b", {(node, P, A), (A, Q, node)})
    (first, second) = sorted(store.triples("https://example.org/graph/b"), key=str)
    subjects = {t.subject for t in (first, second)} | {t.object for t in (first, second)}
    assert sum(1 for term in subjects if type(term).__name__ == "BlankNode") == 1  # one node, not two


def test_a_failed_background_load_is_raised_at_the_next_step(tmp_path):
    store = GraphStore(tmp_path / "s")
    store.BULK_QUADS = 2

    class Failing:
        def __init__(self, inner):
            self.inner = inner

        def bulk_load(self, *args, **kwargs):
            raise OSError("disk full")

        def __getattr__(self, name):
            return getattr(self.inner, name)

    store.store = Failing(store.store)
    store.add_graph("https://example.org/graph/1", {(A, P, B)})  # starts a load that fails
    with pytest.raises(OSError, match="disk full"):
        store.flush()
    store.close()
