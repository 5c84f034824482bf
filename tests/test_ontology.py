"""The vocabulary: every term defined, labelled, commented, with domain and range; aligned classes."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, URIRef

from newskg.ontology import NKG, ontology_graph

SCHEMA = "https://schema.org/"


def test_every_namespace_term_is_defined_in_the_ontology_and_back():
    graph = ontology_graph()
    defined = {s for s in graph.subjects(RDF.type, None) if str(s).startswith(str(NKG._NS))}
    declared = {NKG[name] for name in NKG.__annotations__}
    assert defined == declared


def test_properties_carry_label_comment_domain_and_range():
    graph = ontology_graph()
    properties = set(graph.subjects(RDF.type, OWL.ObjectProperty)) | set(graph.subjects(RDF.type, OWL.DatatypeProperty))
    assert len(properties) > 40
    for prop in properties:
        for attribute in (RDFS.label, RDFS.comment, RDFS.domain, RDFS.range):
            assert graph.value(prop, attribute) is not None, (prop, attribute)


def test_political_interactions_share_a_superproperty():
    graph = ontology_graph()
    interactions = set(graph.transitive_subjects(RDFS.subPropertyOf, NKG.interactsWith)) - {NKG.interactsWith}
    assert {NKG.demands, NKG.condemns, NKG.rejects, NKG.supports, NKG.sanctions, NKG.arrests} <= interactions
    structural = set(graph.transitive_subjects(RDFS.subPropertyOf, NKG.structurallyRelatedTo))
    assert {NKG.memberOf, NKG.leads, NKG.spokespersonOf, NKG.programmeOf, NKG.locatedIn, NKG.relativeOf} <= structural


def test_classes_are_aligned_with_schema_org():
    graph = ontology_graph()
    expected = {
        "Person": "Person", "Organization": "Organization", "GovernmentBody": "GovernmentOrganization",
        "Place": "Place", "Country": "Country", "Law": "Legislation", "Event": "Event", "Document": "CreativeWork",
        "NGO": "NGO", "MediaOrganization": "NewsMediaOrganization",
    }
    for ours, theirs in expected.items():
        assert (NKG[ours], RDFS.subClassOf, URIRef(SCHEMA + theirs)) in graph, ours
    for cls in ("Court", "PoliticalParty", "NGO", "MediaOrganization", "GovernmentBody"):
        assert NKG.Organization in graph.transitive_objects(NKG[cls], RDFS.subClassOf)
