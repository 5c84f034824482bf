"""Writing the store's graphs from the catalog: each document's graph (only those that are new or
whose mentions changed actor), the entities graph and the ontology, and the whole store again
after a run that was cut short."""

from __future__ import annotations

import hashlib
import json

from newskg.archive.catalog import Archived, Catalog
from newskg.archive.quads import GraphStore
from newskg.graph.canonical import EntityIndex, mention_keys, merge_tally, with_mentions
from newskg.graph.iris import ENTITIES_GRAPH, ONTOLOGY_GRAPH, document_graph_iri

__all__ = ["generation", "write_documents", "write_shared_graphs", "empty", "replay"]

#: documents written between flushes of the store's write buffers
_FLUSH_EVERY = 100


def generation(documents: list[tuple[str, str | None]], index: EntityIndex, fingerprint: str) -> str:
    """A digest of what the store holds (the documents in corpus order with where their mentions
    went, ``(doc_id, links)``; the actors): the build's files name it, so a reader knows they were
    written from this store; the same corpus gives the same digest, so the same input still gives
    the same bytes."""
    digest = hashlib.sha256(fingerprint.encode())
    for doc_id, links in documents:
        digest.update(f"{doc_id}\0{links}\0".encode())
    for entity in index.entities:
        digest.update(json.dumps([entity.id, entity.label, entity.cls, entity.alt_labels, entity.mention_count]).encode())
    return digest.hexdigest()[:32]


def _links(index: EntityIndex) -> str:
    """A digest of where one document's mentions went (``index`` holding that document's
    mentions alone): its graph depends on nothing else of the entity index."""
    items = sorted((start, end, entity) for (_, start, end), entity in index.by_mention.items())
    return hashlib.sha256(json.dumps(items).encode()).hexdigest()[:32]


def write_documents(catalog: Catalog, store: GraphStore, index: EntityIndex, before: dict[str, str], documents: list[Archived]) -> dict[str, str]:
    """Write the graph of every document that is new or whose mentions changed actor: those that
    write a name whose actor is not the one it had (``before``, name key -> actor). Returns the
    new ``links`` of the documents written, by path."""
    from newskg.graph.build import document_graph

    now = index.by_key
    moved = [key for key in before.keys() | now.keys() if before.get(key) != now.get(key)]
    docs = catalog.tally().docs
    affected = set().union(*(docs.get(key, ()) for key in moved))
    changed: dict[str, str] = {}
    replaced = 0
    for document in documents:
        if document.links is not None and document.doc_id not in affected:
            continue
        own = with_mentions(index, mention_keys(catalog.names_of(document.path)))
        value = _links(own)
        if document.links != value:
            record = catalog.record(document.path)
            graph = str(document_graph_iri(document.doc_id))
            if document.links is None:  # never written: a new document (or a store being rewritten)
                store.add_graph(graph, document_graph(record, own))
            else:
                store.replace_graph(graph, document_graph(record, own))
                replaced += 1
                if replaced % _FLUSH_EVERY == 0:
                    # a transaction's writes wait in memory until flushed: memory stays flat (bulk
                    # loads write their files directly, and flushing them would stall the writer)
                    store.flush()
            changed[document.path] = value
    with catalog.transaction():
        catalog.set_links(changed)
    return changed


def write_shared_graphs(catalog: Catalog, store: GraphStore, index: EntityIndex) -> None:
    """The entities graph and the ontology (with the properties users' event files add)."""
    from newskg.graph.build import entity_triples, ontology_triples

    store.replace_graph(str(ENTITIES_GRAPH), entity_triples(index))
    # the ontology changes with newskg (which reads every document again, into an emptied store)
    # or with the users' properties the documents use: else it is as written (parsing it: 0.13 s)
    properties = catalog.user_properties()
    written = json.dumps(properties)
    if catalog.get(_ONTOLOGY_WRITTEN) != written or not store.has_graph(str(ONTOLOGY_GRAPH)):
        store.replace_graph(str(ONTOLOGY_GRAPH), ontology_triples(properties))
        with catalog.transaction():
            catalog.set(_ONTOLOGY_WRITTEN, written)


#: the catalog entry that names the users' properties the store's ontology graph was written with
_ONTOLOGY_WRITTEN = "ontology_properties"


def empty(catalog: Catalog, store: GraphStore) -> None:
    """Empty the store and mark every document's graph as not written yet (so it is bulk loaded)."""
    store.clear()
    with catalog.transaction():
        catalog.set_links({d.path: None for d in catalog.documents()})
        catalog.set(_ONTOLOGY_WRITTEN, None)


def replay(catalog: Catalog, store: GraphStore) -> None:
    """Rewrite the whole store from the records (after a run that was cut short)."""
    empty(catalog, store)
    catalog.sum_names()  # the tally kept may miss what the run changed
    index = merge_tally(catalog.tally())
    write_documents(catalog, store, index, {}, catalog.documents())
    write_shared_graphs(catalog, store, index)
    with catalog.transaction():
        catalog.save_tally()
        catalog.set_index(index.by_key, index.merges)
