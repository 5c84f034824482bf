from __future__ import annotations

from rdflib import RDF, Literal, URIRef

from newskg.graph.build import union_graph
from newskg.ontology import NKG
from newskg.output.validate import validate


def test_the_sample_build_conforms(sample_kg):
    report = validate(sample_kg.dataset)
    assert report.conforms, report.text


def test_a_broken_graph_fails_with_a_readable_report(sample_kg):
    graph = union_graph(sample_kg.dataset)
    tharo = URIRef("https://w3id.org/newskg/id/entity/khun-tharo")
    # a relation without evidence, and a claim without a speaker
    graph.add((tharo, NKG.condemns, URIRef("https://w3id.org/newskg/id/entity/european-parliament")))
    claim = URIRef("https://w3id.org/newskg/id/claim/broken")
    graph.add((claim, RDF.type, NKG.Claim))
    graph.add((claim, NKG.claimText, Literal("Nobody said this.")))
    report = validate(graph)
    assert not report.conforms
    assert report.violations >= 2
    assert "A relation from this entity has no evidence statement." in report.text
    assert "A claim needs exactly one speaker." in report.text
