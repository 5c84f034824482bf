"""The graph's facts read back as rows: one row a node, one column a property.

Both the networkx view (:mod:`newskg.graph.network`) and the page's bounded reading
(:mod:`newskg.output.page.reading`) read the graph this way: entities, mentions, documents,
statements (the evidence of each relation), events and claims, each with a fixed list of
properties. ``read_rows`` reads a whole table in one scan a property (fast when everything is
wanted); ``read_row`` reads one node by one lookup (for reading a large store a node at a time).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from rdflib import RDF, RDFS, SKOS, Dataset, URIRef
from rdflib.namespace import DCTERMS, PROV

from newskg.ontology import NKG

__all__ = [
    "CLAIM_FIELDS", "DOCUMENT_FIELDS", "ENTITY_FIELDS", "EVENT_FIELDS", "MENTION_FIELDS", "STATEMENT_FIELDS",
    "Relations", "claim_order", "claim_record", "documents_of", "event_key", "event_record", "interaction_keys",
    "mention_record", "statement_record", "flag", "fold_sentence", "iter_rows", "local_name", "read_row", "read_rows",
    "field_index", "mention_order", "strings", "term", "text",
]

Fields = Sequence[tuple]  # (property, many) or, in iter_rows, (property, many, column)


def local_name(iri: URIRef) -> str:
    """The last part of an IRI, after ``#`` or the last ``/``.

    Examples
    --------
    >>> local_name(URIRef("https://example.org/ns#demands")), local_name(URIRef("urn:x/y"))
    ('demands', 'y')
    """
    value = str(iri)
    return value.rsplit("#", 1)[-1] if "#" in value else value.rsplit("/", 1)[-1]


def term(name: str) -> URIRef:
    """A term of newskg's vocabulary, whether or not the ontology declares it yet (reading the
    events contract's terms must not fail)."""
    return URIRef(f"{NKG._NS}{name}")


def fold_sentence(value: str) -> str:
    """A sentence with its spacing collapsed and its case folded: the same sentence in two copies
    of a story is one key."""
    return " ".join(value.split()).casefold()


def text(value: object) -> str:
    """The value as a string, one ``str`` for each distinct text (a sentence read for a hundred
    mentions is kept once)."""
    return "" if value is None else sys.intern(str(value))


def strings(values: list | None) -> list[str]:
    return sorted(str(v) for v in values or [])


def flag(value: object) -> bool:
    return bool(value.toPython()) if value is not None else False


ENTITY_FIELDS: Fields = ((RDFS.label, False), (SKOS.altLabel, True), (NKG.mentionCount, False))
MENTION_FIELDS: Fields = ((PROV.wasDerivedFrom, False), (NKG.sentence, False))
DOCUMENT_FIELDS: Fields = ((DCTERMS.title, False), (DCTERMS.date, False))
STATEMENT_FIELDS: Fields = (
    (RDF.subject, False), (RDF.predicate, False), (RDF.object, False), (PROV.wasDerivedFrom, False),
    (term("fromEvent"), False), (NKG.sentence, False), (NKG.extractedBy, False), (NKG.startOffset, False),
    (NKG.endOffset, False), (NKG.roleName, False), (NKG.documentDate, False), (NKG.eventDate, False),
    (NKG.content, False), (NKG.about, True),
)
EVENT_FIELDS: Fields = (
    (PROV.wasDerivedFrom, False), (NKG.negated, False), (term("trigger"), False), (term("mode"), False),
    (NKG.eventDate, False), (NKG.documentDate, False), (NKG.sentence, False), (term("eventClass"), False),
    (term("source"), True), (term("target"), True), (term("theme"), True), (term("place"), True),
)
CLAIM_FIELDS: Fields = (
    (PROV.wasDerivedFrom, False), (NKG.negated, False), (NKG.quoted, False), (NKG.speaker, False),
    (NKG.claimText, False), (DCTERMS.date, False), (NKG.startOffset, False), (NKG.sentence, False),
    (NKG.about, True), (term("containsEvent"), True),
)


def field_index(fields: Fields) -> dict:
    """``{property: (column, many)}`` for a row's fields: what :func:`read_row` looks each fact up in.

    Examples
    --------
    >>> field_index(MENTION_FIELDS)[NKG.sentence]
    (1, False)
    """
    return {field[0]: (column, field[1]) for column, field in enumerate(fields)}


def _place(row: list, column: int, many: bool, value: object) -> None:
    if many:
        if row[column] is None:
            row[column] = []
        row[column].append(value)
    elif row[column] is None:
        row[column] = value


def read_rows(dataset: Dataset, groups: Sequence[tuple[Iterable, Fields]]) -> list[dict[object, list]]:
    """For each group ``(subjects, fields)``, a table: each subject's row holds the first value of
    each field's property (all its values, as a list, for a field marked many-valued; ``None``
    when it has none), subjects in the order given.

    Each property is read in one scan for all groups, not one lookup a node, and only the given
    subjects are kept, one list each: a large store's network is read in a few passes and in
    little memory.

    Examples
    --------
    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph(); a, b, p, q = (URIRef(f"urn:{x}") for x in "abpq")
    >>> _ = g.add((a, p, Literal(1))); _ = g.add((a, q, b)); _ = g.add((b, p, Literal(2)))
    >>> first, second = read_rows(g, [([a], [(p, False), (q, True)]), ([b], [(p, False)])])
    >>> first[a] == [Literal(1), [b]], second[b] == [Literal(2)]
    (True, True)
    """
    tables: list[dict[object, list]] = []
    where: dict[object, list[tuple[int, list]]] = {}
    columns: dict[URIRef, dict[int, tuple[int, bool]]] = defaultdict(dict)
    for group, (subjects, fields) in enumerate(groups):
        table: dict[object, list] = {}
        for subject in subjects:
            if subject not in table:
                table[subject] = row = [None] * len(fields)
                where.setdefault(subject, []).append((group, row))
        tables.append(table)
        for column, (predicate, many) in enumerate(fields):
            columns[predicate][group] = (column, many)
    for predicate, places in columns.items():
        for subject, value in dataset.subject_objects(predicate):
            for group, row in where.get(subject, ()):
                place = places.get(group)
                if place is not None:
                    _place(row, *place, value)
    return tables


def read_row(dataset: Dataset, subject: object, fields: Fields, index: dict | None = None) -> list:
    """One subject's row (as :func:`read_rows` gives it), read by one lookup of its facts.
    ``index`` is ``{predicate: (column, many)}``, built once by the caller for speed (and kept
    while it is used: a store's view keeps its own form of it).

    Examples
    --------
    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph(); a, p, q = (URIRef(f"urn:{x}") for x in "apq")
    >>> _ = g.add((a, p, Literal(1))); _ = g.add((a, q, Literal(2))); _ = g.add((a, q, Literal(3)))
    >>> row = read_row(g, a, [(p, False), (q, True)])
    >>> row[0] == Literal(1), sorted(row[1])
    (True, [rdflib.term.Literal('2', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')), rdflib.term.Literal('3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))])
    """
    if index is None:
        index = field_index(fields)
    own = getattr(dataset, "row", None)
    if own is not None:  # a store's view: one lookup, converting only the values asked for
        return own(subject, index)
    row: list = [None] * len(fields)
    for predicate, value in dataset.predicate_objects(subject):
        place = index.get(predicate)
        if place is not None:
            _place(row, *place, value)
    return row


def iter_rows(dataset: Dataset, anchor: tuple[URIRef, URIRef | None], fields: Fields) -> Iterator[tuple[object, list]]:
    """Each subject that has ``anchor`` (``(property, value)``; value ``None`` for any) with its
    row of ``fields``, one at a time: a table read without holding it. A many-valued field with no
    value is an empty list here (``None`` in :func:`read_rows`). A field ``(property, many,
    column)`` is a property of the value in that (earlier) column, not of the subject: a
    statement's event's class, say.

    A store's view (:class:`newskg.archive.view.StoreView`) reads the table in one query; any
    other rdflib graph is read a subject at a time.

    Examples
    --------
    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph(); a, b, p, q, t = (URIRef(f"urn:{x}") for x in "abpqt")
    >>> _ = g.add((a, RDF.type, t)); _ = g.add((a, p, Literal("x"))); _ = g.add((b, p, Literal("y")))
    >>> [(str(s), [str(row[0]), row[1]]) for s, row in iter_rows(g, (RDF.type, t), [(p, False), (q, True)])]
    [('urn:a', ['x', []])]
    """
    own = getattr(dataset, "rows", None)
    if own is not None:
        yield from own(anchor, fields)
        return
    predicate, value = anchor
    subjects = dataset.subjects(predicate, value) if value is not None else (s for s, _ in dataset.subject_objects(predicate))
    own_fields = [field[:2] for field in fields if len(field) < 3]
    if any(len(field) < 3 for field in fields[len(own_fields):]):
        raise ValueError("fields of another column's value come after the subject's own")
    index = field_index(own_fields)
    seen: set = set()
    for subject in subjects:
        if value is None:  # a subject with two values of the anchor comes twice
            if subject in seen:
                continue
            seen.add(subject)
        row = read_row(dataset, subject, own_fields, index)
        for field in fields[len(own_fields):]:
            found = [] if row[field[2]] is None else list(dataset.objects(row[field[2]], field[0]))
            row.append(found if field[1] else (found[0] if found else None))
        yield subject, [([] if v is None else v) if field[1] else v for v, field in zip(row, fields)]


_RELATIONS = (
    "demands urges condemns rejects supports accuses arrests sentences sanctions invites reportsOn "
    "memberOf leads spokespersonOf partOf programmeOf locatedIn succeeded relativeOf"
).split()
_STRUCTURAL = "memberOf leads spokespersonOf partOf programmeOf locatedIn succeeded relativeOf".split()


class Relations:
    """The relation properties the graph declares (sub-properties of ``nkg:interactsWith`` and
    ``nkg:structurallyRelatedTo``), or newskg's own list when it declares none."""

    def __init__(self, dataset: Dataset) -> None:
        interaction = set(dataset.transitive_subjects(RDFS.subPropertyOf, NKG.interactsWith))
        structural = set(dataset.transitive_subjects(RDFS.subPropertyOf, NKG.structurallyRelatedTo))
        properties = (interaction | structural) - {NKG.interactsWith, NKG.structurallyRelatedTo}
        if not properties:
            properties = {NKG[name] for name in _RELATIONS}
            structural = {NKG[name] for name in _STRUCTURAL}
            interaction = properties - structural
        self.properties = properties
        self.interaction = interaction
        self.labels = {p: str(dataset.value(p, RDFS.label) or local_name(p)) for p in properties}

    def kind(self, predicate: URIRef) -> str:
        return "interaction" if predicate in self.interaction else "structural"


def documents_of(file_names: dict, rows: dict) -> dict[object, dict[str, str]]:
    """Each document node's ``{file, title, date}``, from its ``DOCUMENT_FIELDS`` row."""
    return {doc: {"file": text(file_names[doc]), "title": text(title), "date": text(date)} for doc, (title, date) in rows.items()}


def mention_record(row: list, files: dict, documents: dict) -> dict[str, str]:
    """A mention's row (``MENTION_FIELDS``): the document it is in, its sentence and the document's date."""
    doc, sentence = row
    return {
        "document": text(files.get(doc, local_name(doc) if doc else "")),
        "sentence": text(sentence),
        "documentDate": documents.get(doc, {}).get("date", ""),
    }


def statement_record(row: list, files: dict, documents: dict, events: dict) -> dict[str, object]:
    """A statement's row (``STATEMENT_FIELDS``) as one item of its relation's evidence; ``events``
    holds the records of the events it may come from (by IRI)."""
    _s, p, _o, doc, event, sentence, rule, start, end, role, document_date, event_date, content, about = row
    event_info = events.get(str(event), {}) if event is not None else {}
    return {
        "document": text(files.get(doc, "")),
        "sentence": text(sentence),
        "rule": text(rule),
        "start": int(start or 0),
        "end": int(end or 0),
        "role": text(role),
        "documentDate": text(document_date) or documents.get(doc, {}).get("date", ""),
        "eventDate": text(event_date) or text(event_info.get("eventDate", "")),
        "eventClass": text(event_info.get("eventClass", "")) or local_name(p),
        "event": text(event),
        "content": text(content),
        "about": strings(about),
    }


def event_key(event: dict) -> tuple[str, str]:
    """What makes two events one in an actor's count: their class and their sentence (the same
    sentence repeated by several copies of a story counts once)."""
    return str(event["eventClass"]), fold_sentence(str(event["sentence"]))


def interaction_keys(source: str, name: str, target: str, evidence: Iterable[dict]) -> Iterable[tuple[str, str]]:
    """The event keys an interaction edge adds to both its ends: one per item of evidence, or one
    for the relation itself when it has none."""
    items = list(evidence) or [{"eventClass": name, "sentence": f"{source} {target}"}]
    for item in items:
        yield str(item["eventClass"]), fold_sentence(str(item["sentence"]))


def mention_order(mention: dict) -> tuple[str, str]:
    """Mentions in reading order: by document, then by sentence."""
    return mention["document"], mention["sentence"]


def claim_order(claim: dict) -> tuple[str, int, str]:
    """Claims in reading order: by document, then by where they start, then by IRI."""
    return claim["document"], claim["start"], claim["id"]


def event_record(row: list, files: dict, documents: dict) -> dict[str, object]:
    """An event's row (``EVENT_FIELDS``) as the network holds it."""
    doc, negated, trigger, mode, event_date, document_date, sentence, cls, *roles = row
    return {
        "eventClass": text(cls),
        "trigger": text(trigger),
        **{role: strings(values) for role, values in zip(("source", "target", "theme", "place"), roles)},
        "eventDate": text(event_date),
        "documentDate": text(document_date) or documents.get(doc, {}).get("date", ""),
        "document": text(files.get(doc, "")),
        "sentence": text(sentence),
        "mode": text(mode),
        "negated": flag(negated),
    }


def claim_record(node: object, row: list, files: dict, documents: dict) -> dict[str, object]:
    """A claim's row (``CLAIM_FIELDS``) as the network holds it."""
    doc, negated, quoted, speaker, claim_text, date, start, sentence, about, contains = row
    return {
        "id": str(node),
        "speaker": text(speaker),
        "about": strings(about),
        "text": text(claim_text),
        "sentence": text(sentence),
        "document": text(files.get(doc, "")),
        "date": text(date) or documents.get(doc, {}).get("date", ""),
        "negated": flag(negated),
        "quoted": flag(quoted),
        "events": strings(contains),
        "start": int(start or 0),
    }
