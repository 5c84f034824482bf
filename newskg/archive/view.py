"""rdflib's read methods over the archive's store, answered by Oxigraph's own pattern lookups.

:func:`newskg.graph.network.to_networkx` (and so the page, ``stats`` and ``path``) reads a graph
through ``value``, ``objects``, ``subjects``, ``subject_objects`` and ``transitive_subjects``;
the page's tables through ``rows`` and ``row``.
:class:`StoreView` answers exactly those from the store's default graph (the union of the
documents' graphs) without copying the graph into rdflib, and without the per-triple overhead of
a general rdflib store plugin: each call is one index lookup in Oxigraph.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import XSD, BNode, Dataset, Literal, URIRef

from newskg.archive.quads import to_oxigraph

__all__ = ["StoreView", "from_oxigraph", "rdflib_dataset"]

_DEFAULT = ox.DefaultGraph()
_STRING = "http://www.w3.org/2001/XMLSchema#string"


_SEEN: dict = {}  # terms already converted: the same IRIs, labels and sentences come back again and again
_SEEN_MAX = 200_000


def from_oxigraph(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | BNode | Literal:
    """An Oxigraph term as rdflib writes it (a plain ``Literal`` for an ``xsd:string``).

    Examples
    --------
    >>> from_oxigraph(ox.Literal("Anna Vell")) == Literal("Anna Vell")
    True
    """
    found = _SEEN.get(term)
    if found is None:
        if len(_SEEN) >= _SEEN_MAX:
            _SEEN.clear()
        found = _SEEN[term] = _convert(term)
    return found


def _convert(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return BNode(term.value)


_PREDICATES: dict = {}


def _predicate(predicate) -> ox.NamedNode:
    node = _PREDICATES.get(predicate)
    if node is None:
        node = _PREDICATES[predicate] = ox.NamedNode(str(predicate))
    return node


def _ox(term):
    return None if term is None else to_oxigraph(term)


class StoreView:
    """The union graph of an Oxigraph store, read as an rdflib graph is read.

    Examples
    --------
    >>> from rdflib import RDFS
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode(str(RDFS.label)), ox.Literal("Anna Vell")))
    >>> StoreView(store).value(URIRef("urn:a"), RDFS.label)
    rdflib.term.Literal('Anna Vell')
    """

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        # the network reads a node's facts one property at a time: they are fetched all at once
        self._subject: object = None
        self._facts: dict[ox.NamedNode, list] = {}
        self._places: dict[int, tuple[dict, dict]] = {}

    def _match(self, s, p, o) -> Iterator[ox.Quad]:
        return self.store.quads_for_pattern(_ox(s), _ox(p), _ox(o), _DEFAULT)

    def _facts_of(self, subject) -> dict[ox.NamedNode, list]:
        if subject != self._subject:
            facts: dict[ox.NamedNode, list] = {}
            for quad in self.store.quads_for_pattern(_ox(subject), None, None, _DEFAULT):
                facts.setdefault(quad.predicate, []).append(quad.object)
            self._subject, self._facts = subject, facts
        return self._facts

    def value(self, subject=None, predicate=None, object=None, default=None, any=True):  # noqa: A002 - rdflib's names
        if subject is not None and predicate is not None and object is None:
            found = self._facts_of(subject).get(_predicate(predicate))
            return from_oxigraph(found[0]) if found else default
        for quad in self._match(subject, predicate, object):
            if subject is None:
                return from_oxigraph(quad.subject)
            if predicate is None:
                return from_oxigraph(quad.predicate)
            return from_oxigraph(quad.object)
        return default

    def objects(self, subject=None, predicate=None, unique: bool = False):
        if subject is not None and predicate is not None:
            for term in self._facts_of(subject).get(_predicate(predicate), ()):
                yield from_oxigraph(term)
            return
        for quad in self._match(subject, predicate, None):
            yield from_oxigraph(quad.object)

    def subjects(self, predicate=None, object=None, unique: bool = False):  # noqa: A002
        for quad in self._match(None, predicate, object):
            yield from_oxigraph(quad.subject)

    def rows(self, anchor: tuple, fields) -> Iterator[tuple[object, list]]:
        """Each subject of ``anchor`` (``(property, value)``, or ``(property, None)`` for any
        value) with its row of ``fields``, as :func:`newskg.graph.rows.iter_rows` gives them (a
        field ``(property, many, column)`` is a property of that column's value).

        One SPARQL query reads the whole table; Oxigraph evaluates the optional patterns for one
        subject after another, so a subject's rows (one for each combination of its many-valued
        properties) come together and are merged as they arrive: nothing is held but one row.
        """
        predicate, value = anchor
        target = f"<{value}>" if value is not None else "?anchor"
        nested: dict[int, list[str]] = {}
        for i, field in enumerate(fields):
            if len(field) > 2:  # a property of another column's value: inside that column's pattern
                nested.setdefault(field[2], []).append(f"OPTIONAL {{ ?v{field[2]} <{field[0]}> ?v{i} }}")
        optional = " ".join(
            f"OPTIONAL {{ ?x <{field[0]}> ?v{i} {' '.join(nested.get(i, ()))} }}" for i, field in enumerate(fields) if len(field) < 3
        )
        variables = " ".join(f"?v{i}" for i in range(len(fields)))
        query = f"SELECT ?x {variables} WHERE {{ ?x <{predicate}> {target} . {optional} }}"
        many = [field[1] for field in fields]
        current, row, seen = None, None, None
        for solution in self.store.query(query):
            subject, *values = solution
            if subject != current:
                if row is not None:
                    yield _convert(current), row  # each subject comes once: not worth remembering
                current, row, seen = subject, [[] if m else None for m in many], [set() if m else None for m in many]
            for column, term in enumerate(values):
                if term is None:
                    continue
                if many[column]:
                    if term not in seen[column]:
                        seen[column].add(term)
                        row[column].append(from_oxigraph(term))
                elif row[column] is None:
                    row[column] = from_oxigraph(term)
        if row is not None:
            yield _convert(current), row

    def row(self, subject, index: dict) -> list:
        """``subject``'s values of the properties in ``index`` (``{property: (column, many)}``), as
        :func:`newskg.graph.rows.read_row` gives them, by one lookup; only those are converted."""
        places = self._places.get(id(index))
        if places is None or places[0] is not index:
            places = self._places[id(index)] = (index, {_predicate(p): place for p, place in index.items()})
        wanted = places[1]
        row: list = [None] * len(index)
        for quad in self.store.quads_for_pattern(_ox(subject), None, None, _DEFAULT):
            place = wanted.get(quad.predicate)
            if place is not None:
                column, many = place
                if many:
                    if row[column] is None:
                        row[column] = []
                    row[column].append(from_oxigraph(quad.object))
                elif row[column] is None:
                    row[column] = from_oxigraph(quad.object)
        return row

    def subject_objects(self, predicate=None, unique: bool = False):
        for quad in self._match(None, predicate, None):
            yield from_oxigraph(quad.subject), from_oxigraph(quad.object)

    def transitive_subjects(self, predicate, object, remember=None):  # noqa: A002
        """``object`` and everything that reaches it by ``predicate`` (as rdflib's)."""
        seen = set() if remember is None else remember
        stack = [object]
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            yield node
            stack.extend(self.subjects(predicate, node))


def rdflib_dataset(store: ox.Store) -> Dataset:
    """An rdflib ``Dataset`` over the store (oxrdflib), for code that wants rdflib's whole API; its
    default graph is the store's, which holds the union of the documents' graphs."""
    return Dataset(store=_plain_strings()(store=store))


@functools.cache
def _plain_strings() -> type:
    """oxrdflib's store class, giving string literals as rdflib writes them; oxrdflib (and
    rdflib's SPARQL engine under it) is imported only when a caller wants the rdflib view."""
    from oxrdflib import OxigraphStore

    class _PlainStrings(OxigraphStore):
        """oxrdflib's store, giving string literals as rdflib writes them (``Literal("x")``, not
        ``Literal("x", datatype=xsd:string)``, which rdflib holds to be another term)."""

        def triples(self, triple_pattern, context=None):
            for (s, p, o), contexts in super().triples(triple_pattern, context):
                if isinstance(o, Literal) and o.datatype == XSD.string:
                    o = Literal(str(o))
                yield (s, p, o), contexts

    return _PlainStrings
