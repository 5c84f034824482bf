"""Deterministic, readable IRIs for everything newskg mints."""

from __future__ import annotations

import hashlib

from rdflib import URIRef

from newskg.ontology.namespace import RESOURCE

__all__ = [
    "entity_iri",
    "document_iri",
    "document_graph_iri",
    "statement_iri",
    "claim_iri",
    "event_iri",
    "mention_iri",
    "role_iri",
    "ENTITIES_GRAPH",
    "ONTOLOGY_GRAPH",
]

ENTITIES_GRAPH = URIRef(RESOURCE + "graph/entities")
ONTOLOGY_GRAPH = URIRef(RESOURCE + "graph/ontology")


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def entity_iri(entity_id: str) -> URIRef:
    """IRI of a canonical entity.

    Examples
    --------
    >>> str(entity_iri("khun-tharo"))
    'https://w3id.org/newskg/id/entity/khun-tharo'
    """
    return URIRef(RESOURCE + "entity/" + entity_id)


def document_iri(doc_id: str) -> URIRef:
    return URIRef(RESOURCE + "document/" + doc_id)


def document_graph_iri(doc_id: str) -> URIRef:
    """IRI of the named graph that holds one document's facts."""
    return URIRef(RESOURCE + "graph/document/" + doc_id)


def statement_iri(doc_id: str, subject: str, predicate: str, obj: str, sentence: int) -> URIRef:
    return URIRef(RESOURCE + "statement/" + _digest(doc_id, subject, predicate, obj, sentence))


def claim_iri(doc_id: str, start: int, end: int, speaker: str) -> URIRef:
    return URIRef(RESOURCE + "claim/" + _digest(doc_id, start, end, speaker))


def event_iri(doc_id: str, start: int, end: int, event_class: str) -> URIRef:
    """IRI of one event: the document, the trigger's offsets and the class.

    Examples
    --------
    >>> str(event_iri("d1", 10, 17, "Arrest"))
    'https://w3id.org/newskg/id/event/d1/10-17-arrest'
    """
    return URIRef(f"{RESOURCE}event/{doc_id}/{start}-{end}-{event_class.lower()}")


def mention_iri(doc_id: str, start: int, end: int) -> URIRef:
    return URIRef(f"{RESOURCE}mention/{doc_id}/{start}-{end}")


def role_iri(person: str, organisation: str, title: str) -> URIRef:
    return URIRef(RESOURCE + "role/" + _digest(person, organisation, title.lower()))
