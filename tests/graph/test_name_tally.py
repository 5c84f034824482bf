"""The tally of a corpus's names: what the merge reads, kept by the archive between runs.

Invented names and made-up mentions: no model is loaded.
"""

from __future__ import annotations

import itertools

from newskg.archive.catalog import Catalog
from newskg.extract.models import AcronymDefinition, DocumentExtraction, Mention, SourceDocument
from newskg.graph.canonical import canonicalize, document_names, merge_names, merge_tally
from newskg.graph.name_tally import NameTally


def doc(doc_id, *mentions, acronyms=()):
    source = SourceDocument(doc_id, f"{doc_id}.txt", f"{doc_id}.txt", doc_id[:1] * 64, "text/plain", 1000)
    placed = tuple(Mention(text, label, i * 40, i * 40 + len(text), i, "ner") for i, (text, label) in enumerate(mentions))
    return DocumentExtraction(source, (), placed, acronyms=acronyms)


DOCS = [
    doc("a", ("Ilsa Vandermeer", "Person"), ("Harbour Workers Organisation", "NGO"), ("Vell", "City"),
        acronyms=(AcronymDefinition("HWO", "Harbour Workers Organisation", 0),)),
    doc("b", ("Vandermeer", "Person"), ("HWO", "NGO"), ("Harbour Workers Organization", "NGO")),
    doc("c", ("Oskar Lenz", "Person"), ("Lenz", "Person"), ("Vell", "City"), ("the Ruritanian government", "GovernmentBody")),
]


def contents(tally: NameTally) -> tuple:
    return tally.forms, tally.votes, tally.docs, tally.pairs


def test_taking_a_documents_names_out_leaves_the_tally_of_the_others():
    names = [document_names(d) for d in DOCS]
    tally = NameTally()
    for n in names:
        tally.add(n)
    tally.remove(names[1])
    rest = NameTally()
    for n in (names[0], names[2]):
        rest.add(n)
    assert contents(tally) == contents(rest)
    assert "vandermeer" not in tally.forms and "hwo" not in tally.forms, "no document writes them any more"
    assert tally.docs["vell"] == {"a", "c"}


def test_the_merge_does_not_depend_on_the_order_the_documents_are_read_in():
    # the two spellings are written once each: which one labels the actor must not depend on
    # which text came first (an addition would otherwise give another graph than a full build)
    indexes = [canonicalize(list(order)) for order in itertools.permutations(DOCS)]
    first = indexes[0]
    assert {e.label for e in first.entities} >= {"Ilsa Vandermeer", "Oskar Lenz"}
    for index in indexes[1:]:
        assert index.entities == first.entities
        assert index.by_mention == first.by_mention and index.merges == first.merges


def test_the_merge_of_a_tally_is_the_merge_of_its_documents_names():
    names = [document_names(d) for d in DOCS]
    tally = NameTally()
    for n in names:
        tally.add(n)
    merged, whole = merge_tally(tally), merge_names(names)
    assert merged.entities == whole.entities and merged.by_key == whole.by_key and merged.merges == whole.merges
    assert merged.by_mention == {} and whole.by_mention[("b", 0, 10)] == whole.by_key["ilsa vandermeer"]


def test_the_catalog_keeps_its_tally_through_additions_replacements_and_removals(tmp_path):
    path = tmp_path / "catalog.sqlite"
    catalog = Catalog(path)
    with catalog.transaction():
        for n, d in enumerate(DOCS):
            catalog.put(d, order=n)
        catalog.save_tally()
    catalog.close()

    catalog = Catalog(path)  # the kept tally is read back, not summed again
    assert catalog.get("tally") is not None and catalog.tally().docs["vell"] == {"a", "c"}
    edited = doc("c", ("Oskar Lenz", "Person"), ("Mira Ostrova", "Person"))
    with catalog.transaction():
        catalog.drop("a.txt")
        catalog.put(edited, order=0)
        catalog.save_tally()
    catalog.close()

    catalog = Catalog(path)
    try:
        kept = catalog.tally()
        assert "vell" not in kept.forms, "neither text names Vell now"
        assert kept.docs["mira ostrova"] == {"c"} and kept.docs["oskar lenz"] == {"c"}
        assert contents(kept) == contents(catalog.sum_names()), "the tally kept is the one the names give"
        assert merge_tally(kept).by_key == merge_names([document_names(doc_) for doc_ in (DOCS[1], edited)]).by_key
        with catalog.transaction():
            catalog.save_tally()  # kept again (summing it did not)
        assert catalog.get("tally") is not None
        with catalog.transaction():
            catalog.put(DOCS[0], order=2)  # and never saved: the kept tally is stale
    finally:
        catalog.close()

    catalog = Catalog(path)
    try:
        assert catalog.get("tally") is None, "a changed tally left unsaved is not trusted"
        assert catalog.tally().docs["vell"] == {"a"} and catalog.tally().docs["hwo"] == {"b"}
    finally:
        catalog.close()
