from __future__ import annotations

import json

import pyoxigraph
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from newskg.graph.build import union_graph
from newskg.output.serialize import serialize


def test_turtle_round_trip_is_isomorphic(sample_kg):
    text = serialize(sample_kg.dataset, "turtle")
    again = Graph().parse(data=text, format="turtle")
    assert isomorphic(again, union_graph(sample_kg.dataset))


def test_trig_round_trip_keeps_every_named_graph(sample_kg):
    text = serialize(sample_kg.dataset, "trig")
    again = Dataset()
    again.parse(data=text, format="trig")
    original = {str(g.identifier): g for g in sample_kg.dataset.graphs() if len(g)}
    parsed = {str(g.identifier): g for g in again.graphs() if len(g)}
    assert set(parsed) == set(original)
    for name, graph in original.items():
        assert isomorphic(parsed[name], graph), name


@pytest.mark.parametrize("fmt", ["nt", "jsonld", "nquads"])
def test_other_formats_parse_back_with_the_same_triples(sample_kg, fmt):
    text = serialize(sample_kg.dataset, fmt)
    parsed = Dataset()
    parsed.parse(data=text, format={"nt": "nt", "jsonld": "json-ld", "nquads": "nquads"}[fmt])
    assert isomorphic(union_graph(parsed), union_graph(sample_kg.dataset))
    if fmt == "jsonld":
        assert isinstance(json.loads(text), (list, dict))


def test_the_files_load_into_oxigraph(built_dir):
    store = pyoxigraph.Store()
    store.load(path=str(built_dir / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG)
    store.load(path=str(built_dir / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    people = list(store.query(
        "SELECT ?n WHERE { ?p a <https://w3id.org/newskg/ontology#Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?n }",
        use_default_graph_as_union=True,
    ))
    assert {s["n"].value for s in people} >= {"Khun Tharo", "Kem Sokha"}


def test_the_turtle_file_describes_itself(built_dir):
    from rdflib import OWL, RDF, RDFS

    from newskg.ontology import NKG

    graph = Graph().parse(built_dir / "graph.ttl")
    assert (NKG.demands, RDF.type, OWL.ObjectProperty) in graph
    assert (NKG.demands, RDFS.subPropertyOf, NKG.interactsWith) in graph
    assert (NKG.GovernmentBody, RDFS.subClassOf, URIRef("https://schema.org/GovernmentOrganization")) in graph


def test_unknown_format_is_a_user_error(sample_kg):
    from newskg.errors import NewskgError

    with pytest.raises(NewskgError, match="unknown format 'rdfxml2'"):
        serialize(sample_kg.dataset, "rdfxml2")
