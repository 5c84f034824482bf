"""Events in the graph: nodes with typed arguments, projected to direct triples only when they happened."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rdflib import RDF, RDFS, Literal, URIRef

from newskg.extract.events import load_event_vocabulary
from newskg.graph.build import build_dataset
from newskg.graph.canonical import canonicalize
from newskg.ontology import NKG, ontology_graph
from newskg.output.validate import validate

ACTORS = Path(__file__).parents[1] / "data" / "invented" / "actors.jsonl"
TEXT = (
    "The Freedonian Parliament urged the Ruritanian authorities to release Tomas Kravik. "
    "Lantern Rights Watch condemned the arrest of Anneli Sorvari by the Strelsau police. "
    "The Strelsau police did not arrest Karl Osterhaus. Mirela Dobrescu was sentenced to four years. "
    "Petr Halloran is imprisoned in Zenda Prison."
)


@pytest.fixture(scope="module")
def invented_graph():
    from newskg.extract.pipeline import Extractor, ExtractSettings

    extraction = Extractor(ExtractSettings(patterns=(str(ACTORS),))).extract_text(TEXT, name="invented.txt")
    return build_dataset([extraction], canonicalize([extraction]))


def labelled(dataset, predicate) -> set[tuple[str, str]]:
    return {
        (str(dataset.value(s, RDFS.label)), str(dataset.value(o, RDFS.label)))
        for s, o in dataset.subject_objects(predicate)
    }


pytestmark = pytest.mark.model


def test_event_nodes_are_typed_and_carry_their_arguments(invented_graph):
    events = set(invented_graph.subjects(NKG.eventClass, None))
    assert events
    for event in events:
        cls = str(invented_graph.value(event, NKG.eventClass))
        assert (event, RDF.type, NKG[f"{cls}Event"]) in invented_graph
        assert invented_graph.value(event, RDFS.label) is None  # an event is no actor
        assert invented_graph.value(event, NKG.trigger) is not None
        assert invented_graph.value(event, NKG.sentence) is not None
    urge = next(e for e in events if str(invented_graph.value(e, NKG.eventClass)) == "Urge")
    assert str(invented_graph.value(invented_graph.value(urge, NKG.source), RDFS.label)) == "Freedonian Parliament"
    assert str(invented_graph.value(invented_graph.value(urge, NKG.theme), RDFS.label)) == "Tomas Kravik"


def test_asserted_events_become_direct_triples_with_evidence(invented_graph):
    assert ("Freedonian Parliament", "Ruritanian authorities") in labelled(invented_graph, NKG.urges)
    assert ("Freedonian Parliament", "Tomas Kravik") in labelled(invented_graph, NKG.urgesOnBehalfOf)
    assert ("Lantern Rights Watch", "Strelsau police") in labelled(invented_graph, NKG.condemns)
    assert ("Lantern Rights Watch", "Anneli Sorvari") in labelled(invented_graph, NKG.condemnsOnBehalfOf)
    assert ("Strelsau police", "Anneli Sorvari") in labelled(invented_graph, NKG.arrests)
    rows = list(invented_graph.query(
        "SELECT ?ev WHERE { ?st rdf:predicate nkg:urges ; nkg:fromEvent ?ev ; nkg:sentence ?s . ?ev nkg:eventClass 'Urge' }"
    ))
    assert len(rows) == 1


def test_demanded_negated_and_agentless_events_are_not_stated_as_facts(invented_graph):
    # The Parliament asked for the release; nobody released anyone.
    assert not list(invented_graph.subject_objects(NKG.releases))
    # "did not arrest Karl Osterhaus"
    assert ("Strelsau police", "Karl Osterhaus") not in labelled(invented_graph, NKG.arrests)
    negated = list(invented_graph.query("SELECT ?ev WHERE { ?ev nkg:eventClass 'Arrest' ; nkg:negated true }"))
    assert len(negated) == 1
    # "Mirela Dobrescu was sentenced": an event with a target and no source
    rows = list(invented_graph.query(
        "SELECT ?ev WHERE { ?ev nkg:eventClass 'Sentence' ; nkg:target ?t . ?t rdfs:label 'Mirela Dobrescu' "
        "FILTER NOT EXISTS { ?ev nkg:source ?s } }"
    ))
    assert len(rows) == 1 and not list(invented_graph.subject_objects(NKG.sentences))


def test_nested_events_are_linked(invented_graph):
    rows = list(invented_graph.query(
        "SELECT ?inner WHERE { ?inner nkg:eventClass 'Release' ; nkg:mode 'demanded' ; nkg:partOfEvent ?outer . ?outer nkg:eventClass 'Urge' }"
    ))
    assert len(rows) == 1


def test_the_detained_are_located_where_they_are_held(invented_graph):
    assert ("Petr Halloran", "Zenda Prison") in labelled(invented_graph, NKG.locatedIn)


def test_the_graph_conforms_and_a_broken_event_does_not(invented_graph):
    assert validate(invented_graph).conforms
    graph = ontology_graph()
    for triple in invented_graph.quads((None, None, None, None)):
        graph.add(triple[:3])
    broken = URIRef("https://w3id.org/newskg/id/event/broken")
    graph.add((broken, RDF.type, NKG.ArrestEvent))
    graph.add((broken, NKG.mode, Literal("probably")))
    report = validate(graph)
    assert not report.conforms
    assert "An event needs at least one actor" in report.text


def test_every_class_and_property_of_the_vocabulary_is_in_the_ontology():
    ontology = ontology_graph()
    vocab = load_event_vocabulary()
    for cls in vocab.classes.values():
        node = NKG[f"{cls.name}Event"]
        assert (node, RDFS.subClassOf, NKG.Interaction) in ontology, cls.name
        assert ontology.value(NKG[cls.property], RDFS.label) is not None, cls.property
        assert ontology.value(NKG[cls.property], RDFS.comment) is not None, cls.property
        assert NKG.interactsWith in set(ontology.transitive_objects(NKG[cls.property], RDFS.subPropertyOf)), cls.property
        if cls.theme_property:
            supers = set(ontology.objects(NKG[cls.theme_property], RDFS.subPropertyOf))
            assert {NKG[cls.property], NKG.concerns} <= supers, cls.theme_property


def test_the_vocabulary_has_hundreds_of_triggers_and_no_phrase_twice():
    import importlib.resources as resources

    raw = yaml.safe_load(resources.files("newskg.data").joinpath("lexicon/events.yml").read_text(encoding="utf-8"))
    seen: dict[tuple[str, str], str] = {}
    for entry in raw["classes"]:
        for kind in ("verbs", "nouns", "adjectives"):
            for word in entry.get(kind) or []:
                key = (kind, str(word))
                assert key not in seen, f"{word!r} is in {seen.get(key)} and {entry['name']}"
                seen[key] = entry["name"]
    assert len(seen) >= 400


def test_a_users_vocabulary_adds_words_and_classes(tmp_path):
    from newskg.extract.pipeline import Extractor, ExtractSettings

    extra = tmp_path / "events.yml"
    extra.write_text(
        "classes:\n"
        "  - name: Arrest\n    verbs: [nab]\n"
        "  - name: Honour\n    plover: SUPPORT\n    property: honours\n    verbs: [honour, honor]\n    target_preps: []\n",
        encoding="utf-8",
    )
    vocab = load_event_vocabulary((str(extra),))
    assert vocab.verb_class("nab").name == "Arrest" and vocab.verb_class("honour").property == "honours"
    extraction = Extractor(ExtractSettings(patterns=(str(ACTORS),), events=(str(extra),))).extract_text(
        "Lantern Rights Watch honoured Ilsa Vandermeer.", name="award.txt"
    )
    dataset = build_dataset([extraction], canonicalize([extraction]))
    honours = URIRef(str(NKG._NS) + "honours")
    assert ("Lantern Rights Watch", "Ilsa Vandermeer") in labelled(dataset, honours)
    assert (honours, RDFS.subPropertyOf, NKG.interactsWith) in dataset
    assert validate(dataset).conforms


def test_the_national_assemblys_denials_are_its_own(sample_kg):
    rows = sample_kg.query(
        "SELECT ?speaker WHERE { ?c a nkg:Claim ; nkg:speaker ?s ; nkg:claimText ?t ; prov:wasDerivedFrom ?d . "
        "?d nkg:fileName '001_35e423ef426df5d8.txt' . ?s rdfs:label ?speaker }"
    ).rows
    speakers = {str(r[0]) for r in rows}
    assert speakers and all("National Assembly" in s for s in speakers), speakers


def test_claims_vs_demands_pairs_a_denial_with_the_other_sides_demand(sample_kg):
    from importlib import resources

    query = resources.files("newskg.data").joinpath("queries/claims-vs-demands.rq").read_text(encoding="utf-8")
    rows = sample_kg.query(query).rows
    pairs = {(str(r[0]), str(r[1]), str(r[4])) for r in rows}
    assert ("political prisoners", "National Assembly", "European Parliament") in pairs
    assert all(denier != demander for _, denier, demander in pairs)


def test_a_later_mention_of_an_act_is_no_new_evidence_for_it():
    from newskg.extract.pipeline import Extractor, ExtractSettings

    text = (
        "The Strelsau District Court sentenced Petr Halloran on Friday. "
        "Lantern Rights Watch condemned the sentence."
    )
    extraction = Extractor(ExtractSettings(patterns=(str(ACTORS),))).extract_text(text, name="later.txt")
    dataset = build_dataset([extraction], canonicalize([extraction]))
    rows = list(dataset.query("SELECT ?sentence WHERE { ?st rdf:predicate nkg:sentences ; nkg:sentence ?sentence }"))
    assert [str(r[0]) for r in rows] == ["The Strelsau District Court sentenced Petr Halloran on Friday."]
    assert ("Lantern Rights Watch", "Petr Halloran") in labelled(dataset, NKG.condemnsOnBehalfOf)
