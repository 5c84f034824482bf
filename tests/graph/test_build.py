"""The data contract of the RDF output, checked with SPARQL on the sample build."""

from __future__ import annotations

import re

from rdflib import URIRef

from newskg.extract.loading import bundled_corpus


def ask(kg, query):
    return kg.query(query)


def test_entities_have_a_class_a_label_and_every_other_name(sample_kg):
    result = ask(sample_kg, """
        SELECT ?alt WHERE { ?e rdfs:label "Center for Alliance of Labour and Human Rights" ; a nkg:NGO ;
                                  skos:altLabel ?alt }""")
    assert {str(r[0]) for r in result.rows} >= {"CENTRAL", "Center for Alliance of Labor and Human Rights"}
    untyped = ask(sample_kg, "SELECT ?e WHERE { ?e nkg:entityType ?t FILTER NOT EXISTS { ?e a ?c . ?c rdfs:subClassOf* nkg:Entity } }")
    assert len(untyped) == 0


def test_relations_are_direct_triples_with_reified_evidence(sample_kg):
    direct = ask(sample_kg, "SELECT ?o WHERE { ?s rdfs:label 'Khun Tharo' ; nkg:memberOf ?o }")
    assert len(direct) == 1
    evidence = ask(sample_kg, """
        SELECT ?sentence ?start ?end ?rule ?file ?role WHERE {
            ?st rdf:subject ?s ; rdf:predicate nkg:memberOf ; rdf:object ?o ; nkg:sentence ?sentence ;
                nkg:startOffset ?start ; nkg:endOffset ?end ; nkg:extractedBy ?rule ; nkg:roleName ?role ;
                prov:wasDerivedFrom ?doc .
            ?s rdfs:label 'Khun Tharo' . ?doc nkg:fileName ?file }""")
    sentence, start, end, rule, file, role = evidence.rows[0]
    assert "Khun Tharo" in str(sentence) and str(rule) == "title" and str(role) == "programme manager"
    original = (bundled_corpus() / str(file)).read_text(encoding="utf-8")[int(start):int(end)]
    assert "Khun Tharo" in original


def test_every_entity_to_entity_triple_has_evidence(sample_kg):
    missing = ask(sample_kg, """
        SELECT ?s ?p ?o WHERE {
            ?p rdfs:subPropertyOf+ ?top . FILTER (?top IN (nkg:interactsWith, nkg:structurallyRelatedTo))
            ?s ?p ?o .
            FILTER NOT EXISTS { ?st a nkg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                                    prov:wasDerivedFrom ?d ; nkg:sentence ?x ; nkg:startOffset ?a }
        }""")
    assert len(missing) == 0
    total = ask(sample_kg, "SELECT (COUNT(*) AS ?n) WHERE { ?st a nkg:Statement }")
    assert int(total.rows[0][0]) >= 30


def test_documents_carry_file_name_hash_title_and_date(sample_kg):
    result = ask(sample_kg, """
        SELECT ?file ?hash ?title ?date WHERE { ?d a nkg:Document ; nkg:fileName ?file ; nkg:sha256 ?hash .
            OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?d dcterms:date ?date } } ORDER BY ?file""")
    rows = {str(r[0]): r for r in result.rows}
    assert len(rows) == 5
    assert all(re.fullmatch(r"[0-9a-f]{64}", str(r[1])) for r in rows.values())
    assert str(rows["001_35e423ef426df5d8.txt"][3]) == "2024-11-30"
    assert str(rows["000_636e543ef3989160.txt"][2]).startswith("Suspect in the Killing")


def test_one_named_graph_per_document(sample_kg):
    graphs = {str(g.identifier) for g in sample_kg.dataset.graphs()}
    per_document = [g for g in graphs if "/graph/document/" in g]
    assert len(per_document) == 5


def test_iris_are_readable(sample_kg):
    subjects = {str(s) for s in sample_kg.dataset.subjects(predicate=URIRef("https://w3id.org/newskg/ontology#entityType"))}
    assert "https://w3id.org/newskg/id/entity/khun-tharo" in subjects
    assert "https://w3id.org/newskg/id/entity/european-parliament" in subjects


def test_claims_are_queryable_side_by_side_with_demands(sample_kg):
    result = sample_kg.query("claims-vs-demands")
    topics = {str(r[0]) for r in result.rows}
    assert "political prisoners" in topics
    row = next(r for r in result.rows if str(r[0]) == "political prisoners")
    assert str(row[1]) == "National Assembly"
