"""The 'before' figures: a naive spaCy + rdflib graph (every NER span text one node, co-occurrence
edges) scored with the same gold set and scorer as newskg's build, side by side."""

from __future__ import annotations

import argparse
from pathlib import Path

import spacy
from rdflib import RDFS, Literal

from newskg.api import KnowledgeGraph
from newskg.evaluation import load_gold_entities, load_gold_relations, score_entities, score_relations
from newskg.extract.loading import bundled_corpus
from newskg.extract.nlp import resolve_model_name
from newskg.graph.build import new_dataset
from newskg.graph.canonical import slugify
from newskg.graph.iris import entity_iri
from newskg.ontology import NKG

NAIVE_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Country", "LOC": "Place", "FAC": "Place",
               "LAW": "Law", "NORP": "Organization", "EVENT": "Event"}
GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "gold"


def naive_dataset(texts: list[str]):
    nlp = spacy.load(resolve_model_name())
    dataset = new_dataset()
    graph = dataset.graph()
    for doc in nlp.pipe(texts):
        for sent in doc.sents:
            ents = [e for e in sent.ents if e.label_ in NAIVE_TYPES]
            for ent in ents:
                node = entity_iri(slugify(ent.text))
                graph.add((node, RDFS.label, Literal(ent.text)))
                graph.add((node, NKG.entityType, Literal(NAIVE_TYPES[ent.label_])))
            for a in ents:
                for b in ents:
                    if a.text < b.text:
                        graph.add((entity_iri(slugify(a.text)), NKG.supports, entity_iri(slugify(b.text))))
    # one type per node, as a naive script would keep the first it saw
    for node in set(graph.subjects(NKG.entityType, None)):
        types = sorted(graph.objects(node, NKG.entityType))
        for extra in types[1:]:
            graph.remove((node, NKG.entityType, extra))
        labels = sorted(graph.objects(node, RDFS.label))
        for extra in labels[1:]:
            graph.remove((node, RDFS.label, extra))
    return dataset


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(bundled_corpus().glob("*.txt"))]
    gold_entities = load_gold_entities(GOLD / "entities.yml")
    gold_relations = load_gold_relations(GOLD / "relations.yml")
    naive = naive_dataset(texts)
    built = KnowledgeGraph.build().dataset
    for name, dataset in (("naive spaCy + rdflib", naive), ("newskg", built)):
        entities = score_entities(dataset, gold_entities)
        relations = score_relations(dataset, gold_entities, gold_relations)
        print(f"{name:22s} {entities.summary()}")
        print(f"{'':22s} junk nodes: {len(entities.spurious)}; {relations.summary()}")


if __name__ == "__main__":
    main()
