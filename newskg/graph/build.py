"""Turn extraction records and canonical entities into an rdflib ``Dataset``.

Layout: the ontology in ``nkr:graph/ontology``, entities in ``nkr:graph/entities``, and one named
graph per source document holding its metadata, mentions, relations with their evidence, roles and
claims. The union of all graphs is the whole knowledge graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache

from rdflib import OWL, XSD, Dataset, Graph, Literal, URIRef
from rdflib import RDF as _RDF
from rdflib import RDFS as _RDFS
from rdflib.namespace import DCTERMS as _DCTERMS
from rdflib.namespace import PROV as _PROV
from rdflib.namespace import SKOS as _SKOS

from newskg.extract.models import DocumentExtraction, Event, Mention, Sentence
from newskg.graph.canonical import EntityIndex
from newskg.graph.iris import (
    ENTITIES_GRAPH,
    ONTOLOGY_GRAPH,
    claim_iri,
    document_graph_iri,
    event_iri,
    document_iri,
    entity_iri,
    mention_iri,
    role_iri,
    statement_iri,
)
from newskg.ontology import NKG as _NKG
from newskg.ontology import bind_prefixes, ontology_graph
from newskg.ontology.namespace import TermCache

__all__ = ["build_dataset", "union_graph", "new_dataset", "document_graph", "entity_triples", "ontology_triples", "user_properties"]

# every fact names a few terms: read from rdflib's namespaces once, not once a fact
NKG, RDF, RDFS, DCTERMS, PROV, SKOS = map(TermCache, (_NKG, _RDF, _RDFS, _DCTERMS, _PROV, _SKOS))

_STRUCTURAL_ROLES = {"leads", "memberOf", "spokespersonOf"}
_EVENT_CLASSES = {name for name in _NKG.__annotations__ if name.endswith("Event") and name != "Event"}
_KNOWN_TERMS = set(_NKG.__annotations__)


@lru_cache(maxsize=20_000, typed=True)  # typed: True and 1 are other literals
def _literal(value: str | int | bool, datatype: URIRef | None = None) -> Literal:
    """``Literal(value, datatype=datatype)``, made once for each value: rdflib checks and converts
    the value on every call (3 µs), and a document repeats its sentences, offsets and flags."""
    return Literal(value, datatype=datatype)


def term(name: str) -> URIRef:
    """The ``nkg:`` IRI of an ontology term, also for a property a user's event file adds."""
    return NKG[name] if name in _KNOWN_TERMS else URIRef(str(_NKG._NS) + name)


def new_dataset() -> Dataset:
    """An empty ``Dataset`` whose default graph is the union of its named graphs."""
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    return dataset


def _date(value: str | None) -> Literal | None:
    if not value:
        return None
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return _literal(value, XSD.date)
    return None


def _event_date(value: str) -> Literal:
    """An ISO day as xsd:date, anything else ("in 2020") as the words."""
    return _date(value) or _literal(value)


def projected(event: Event) -> bool:
    """Whether an event is stated as direct triples: reported as fact, not negated, with a source,
    and not a later mention of an act already stated ("the verdict", "the criticism")."""
    return event.mode == "asserted" and not event.negated and bool(event.sources) and event.rule != "noun-coreference"


def build_dataset(
    extractions: Sequence[DocumentExtraction], index: EntityIndex, *, include_ontology: bool = True
) -> Dataset:
    """Write every fact with its evidence into a new ``Dataset``.

    Examples
    --------
    >>> from newskg.extract.models import SourceDocument, Mention, RelationMention, Sentence
    >>> from newskg.graph.canonical import canonicalize
    >>> doc = SourceDocument("d1", "d1.txt", "d1.txt", "0" * 64, "text/plain", 40)
    >>> a, b = Mention("Lantern Rights Watch", "NGO", 0, 20, 0), Mention("Thai police", "GovernmentBody", 30, 41, 0)
    >>> ex = DocumentExtraction(doc, (Sentence(0, "Lantern Rights Watch condemns Thai police.", 0, 42),), (a, b),
    ...     relations=(RelationMention(a, "condemns", b, 0, "verb"),))
    >>> ds = build_dataset([ex], canonicalize([ex]), include_ontology=False)
    >>> len(list(ds.query("SELECT ?s WHERE { ?s nkg:condemns ?o }")))
    1
    """
    dataset = new_dataset()
    if include_ontology:
        ontology = dataset.graph(ONTOLOGY_GRAPH)
        for triple in ontology_triples(p for ex in extractions for p in user_properties(ex)):
            ontology.add(triple)
    entities = dataset.graph(ENTITIES_GRAPH)
    for triple in entity_triples(index):
        entities.add(triple)
    for extraction in extractions:
        _add_document(dataset, extraction, index)
    return dataset


def entity_triples(index: EntityIndex) -> Iterator[tuple[URIRef, URIRef, Literal | URIRef]]:
    """The triples of the entities graph: each canonical actor's class, names and mention count."""
    for entity in index.entities:
        node = entity_iri(entity.id)
        yield node, RDF.type, NKG[entity.cls]
        yield node, RDFS.label, Literal(entity.label)
        yield node, SKOS.prefLabel, Literal(entity.label)
        yield node, NKG.entityType, Literal(entity.cls)
        yield node, NKG.mentionCount, Literal(entity.mention_count)
        for alt in entity.alt_labels:
            yield node, SKOS.altLabel, Literal(alt)


def user_properties(extraction: DocumentExtraction) -> list[tuple[str, str | None]]:
    """``(property, parent)`` for each property of a user's event vocabulary a document uses:
    ``parent`` is the event's own property for a theme property, ``None`` for the event's."""
    found = []
    for event in extraction.events:
        for name, parent in ((event.predicate, None), (event.theme_predicate, event.predicate)):
            if name and name not in _KNOWN_TERMS:
                found.append((name, parent))
    return found


def ontology_triples(properties: Iterable[tuple[str, str | None]] = ()) -> Graph:
    """The ontology, and a definition for each property only a user's event vocabulary names, under
    ``nkg:interactsWith`` (theme properties under ``nkg:concerns`` too)."""
    graph = Graph()
    for triple in ontology_graph():
        graph.add(triple)
    for name, parent in properties:
        prop = term(name)
        graph.add((prop, RDF.type, OWL.ObjectProperty))
        graph.add((prop, RDFS.label, Literal(name)))
        graph.add((prop, RDFS.subPropertyOf, term(parent) if parent else NKG.interactsWith))
        if parent:
            graph.add((prop, RDFS.subPropertyOf, NKG.concerns))
    return graph


def document_graph(extraction: DocumentExtraction, index: EntityIndex) -> set[tuple]:
    """The triples of one document's named graph: what the archive writes for it.

    Examples
    --------
    >>> from newskg.extract.models import SourceDocument
    >>> doc = SourceDocument("d1", "d1.txt", "d1.txt", "0" * 64, "text/plain", 40)
    >>> ex = DocumentExtraction(doc, (), ())
    >>> (document_iri("d1"), RDF.type, NKG.Document) in document_graph(ex, EntityIndex((), {}, {}))
    True
    """
    sink = _Triples()
    _add_document(sink, extraction, index)
    return sink.triples


class _Triples:
    """Where ``_add_document`` writes when no rdflib graph is needed: a set of triples."""

    def __init__(self) -> None:
        self.triples: set[tuple] = set()

    def graph(self, identifier: URIRef) -> _Triples:
        return self

    def add(self, triple: tuple) -> None:
        self.triples.add(triple)


def _add_document(dataset: Dataset, extraction: DocumentExtraction, index: EntityIndex) -> None:
    document = extraction.document
    doc_id = document.doc_id
    graph = dataset.graph(document_graph_iri(doc_id))
    doc_node = document_iri(doc_id)
    doc_date = _date(document.date)
    graph.add((doc_node, RDF.type, NKG.Document))
    graph.add((doc_node, NKG.fileName, _literal(document.file_name)))
    graph.add((doc_node, DCTERMS.identifier, _literal(doc_id)))
    graph.add((doc_node, NKG.sha256, _literal(document.sha256)))
    graph.add((doc_node, DCTERMS["format"], _literal(document.media_type)))
    graph.add((doc_node, NKG.characterCount, _literal(document.char_count)))
    graph.add((doc_node, RDFS.label, _literal(document.title or document.file_name)))
    if document.title:
        graph.add((doc_node, DCTERMS.title, _literal(document.title)))
    if doc_date is not None:
        graph.add((doc_node, DCTERMS.date, doc_date))
    sentences = {s.index: s for s in extraction.sentences}

    def node_of(mention: Mention) -> URIRef | None:
        entity = index.entity_of(doc_id, mention)
        return entity_iri(entity.id) if entity is not None else None

    for mention in extraction.mentions:
        entity = node_of(mention)
        if entity is None:
            continue
        node = mention_iri(doc_id, mention.start, mention.end)
        graph.add((node, RDF.type, NKG.Mention))
        graph.add((node, NKG.mentionOf, entity))
        graph.add((node, NKG.surfaceForm, _literal(mention.text)))
        graph.add((node, PROV.wasDerivedFrom, doc_node))
        graph.add((node, NKG.startOffset, _literal(mention.start)))
        graph.add((node, NKG.endOffset, _literal(mention.end)))
        if mention.sentence in sentences:
            graph.add((node, NKG.sentence, _literal(sentences[mention.sentence].text)))

    for relation in extraction.relations:
        subject, obj = node_of(relation.subject), node_of(relation.object)
        if subject is None or obj is None or subject == obj:
            continue
        sentence = sentences.get(relation.sentence)
        if sentence is None:
            continue
        statement = _statement(graph, doc_id, doc_node, doc_date, subject, relation.predicate, obj, sentence, relation.rule, relation.event_date)
        if relation.content:
            graph.add((statement, NKG.content, _literal(relation.content)))
        for topic in relation.topics:
            graph.add((statement, NKG.topic, _literal(topic)))
        for other in relation.about:
            about = node_of(other)
            if about is not None:
                graph.add((statement, NKG.about, about))
        if relation.role:
            graph.add((statement, NKG.roleName, _literal(relation.role)))
        if relation.former:
            graph.add((statement, NKG.former, _literal(True)))
        if relation.role and relation.predicate in _STRUCTURAL_ROLES:
            role = role_iri(subject, obj, relation.role)
            graph.add((subject, NKG.holdsRole, role))
            graph.add((role, RDF.type, NKG.Role))
            graph.add((role, NKG.roleName, _literal(relation.role)))
            graph.add((role, NKG.roleIn, obj))
            graph.add((role, NKG.former, _literal(relation.former)))
            graph.add((role, PROV.wasDerivedFrom, statement))

    event_nodes: list[URIRef] = []
    for event in extraction.events:
        event_nodes.append(event_iri(doc_id, event.start, event.end, event.event_class))
    for number, event in enumerate(extraction.events):
        sentence = sentences.get(event.sentence)
        if sentence is None:
            continue
        _add_event(graph, event, event_nodes[number], event_nodes, doc_id, doc_node, doc_date, sentence, node_of)

    for claim in extraction.claims:
        speaker = node_of(claim.speaker)
        if speaker is None:
            continue
        node = claim_iri(doc_id, claim.start, claim.end, speaker)
        graph.add((node, RDF.type, NKG.Claim))
        graph.add((node, NKG.speaker, speaker))
        graph.add((node, NKG.claimText, _literal(claim.text)))
        graph.add((node, NKG.quoted, _literal(claim.quoted)))
        graph.add((node, NKG.negated, _literal(claim.negated)))
        graph.add((node, NKG.extractedBy, _literal(claim.rule)))
        graph.add((node, PROV.wasDerivedFrom, doc_node))
        graph.add((node, NKG.startOffset, _literal(claim.start)))
        graph.add((node, NKG.endOffset, _literal(claim.end)))
        if claim.sentence in sentences:
            graph.add((node, NKG.sentence, _literal(sentences[claim.sentence].text)))
        if doc_date is not None:
            graph.add((node, DCTERMS.date, doc_date))
        for topic in claim.topics:
            graph.add((node, NKG.topic, _literal(topic)))
        for other in claim.about:
            about = node_of(other)
            if about is not None and about != speaker:
                graph.add((node, NKG.about, about))
        for number, event in enumerate(extraction.events):
            if claim.start <= event.start and event.end <= claim.end:
                graph.add((node, NKG.containsEvent, event_nodes[number]))


def _evidence(graph: Graph, node: URIRef, doc_node: URIRef, doc_date: Literal | None, sentence: Sentence, rule: str) -> None:
    """Where a statement or event node was read: document, sentence, its offsets, the rule."""
    graph.add((node, PROV.wasDerivedFrom, doc_node))
    graph.add((node, NKG.sentence, _literal(sentence.text)))
    graph.add((node, NKG.startOffset, _literal(sentence.start)))
    graph.add((node, NKG.endOffset, _literal(sentence.end)))
    graph.add((node, NKG.extractedBy, _literal(rule)))
    if doc_date is not None:
        graph.add((node, NKG.documentDate, doc_date))


def _statement(graph: Graph, doc_id: str, doc_node: URIRef, doc_date: Literal | None, subject: URIRef, predicate: str, obj: URIRef, sentence: Sentence, rule: str, event_date: str | None) -> URIRef:
    """A direct triple and the ``nkg:Statement`` that gives its evidence."""
    prop = term(predicate)
    graph.add((subject, prop, obj))
    statement = statement_iri(doc_id, subject, predicate, obj, sentence.index)
    graph.add((statement, RDF.type, NKG.Statement))
    graph.add((statement, RDF.subject, subject))
    graph.add((statement, RDF.predicate, prop))
    graph.add((statement, RDF.object, obj))
    _evidence(graph, statement, doc_node, doc_date, sentence, rule)
    if event_date:
        graph.add((statement, NKG.eventDate, _event_date(event_date)))
    return statement


def _add_event(
    graph: Graph, event: Event, node: URIRef, event_nodes: list[URIRef], doc_id: str, doc_node: URIRef,
    doc_date: Literal | None, sentence: Sentence, node_of: Callable[[Mention], URIRef | None],
) -> None:
    """The event node with its arguments and evidence, and its projection to direct triples."""
    graph.add((node, RDF.type, NKG[f"{event.event_class}Event"] if f"{event.event_class}Event" in _EVENT_CLASSES else NKG.Interaction))
    graph.add((node, NKG.eventClass, _literal(event.event_class)))
    if event.plover:
        graph.add((node, NKG.ploverCategory, _literal(event.plover)))
    if event.cameo:
        graph.add((node, NKG.cameoCode, _literal(event.cameo)))
    graph.add((node, NKG.trigger, _literal(event.trigger)))
    graph.add((node, NKG.triggerStart, _literal(event.start)))
    graph.add((node, NKG.triggerEnd, _literal(event.end)))
    graph.add((node, NKG.mode, _literal(event.mode)))
    graph.add((node, NKG.negated, _literal(event.negated)))
    _evidence(graph, node, doc_node, doc_date, sentence, event.rule)
    if event.date:
        graph.add((node, NKG.eventDate, _event_date(event.date)))
    if event.content:
        graph.add((node, NKG.content, _literal(event.content)))
    for topic in event.topics:
        graph.add((node, NKG.topic, _literal(topic)))
    if event.parent is not None and 0 <= event.parent < len(event_nodes):
        graph.add((node, NKG.partOfEvent, event_nodes[event.parent]))
    roles = {NKG.source: event.sources, NKG.target: event.targets, NKG.theme: event.themes, NKG.place: event.places}
    nodes: dict[URIRef, list[URIRef]] = {}
    for prop, mentions in roles.items():
        nodes[prop] = [n for n in dict.fromkeys(node_of(m) for m in mentions) if n is not None]
        for entity in nodes[prop]:
            graph.add((node, prop, entity))
    if event.reported_by is not None:
        reporter = node_of(event.reported_by)
        if reporter is not None:
            graph.add((node, NKG.reportedBy, reporter))
    if event.event_class == "Arrest" and event.mode == "asserted" and not event.negated:
        # "X is imprisoned in P": the detained are held where the sentence says
        for target in nodes[NKG.target]:
            for place in nodes[NKG.place]:
                statement = _statement(graph, doc_id, doc_node, doc_date, target, "locatedIn", place, sentence, event.rule, event.date)
                graph.add((statement, NKG.fromEvent, node))
    if not projected(event):
        return
    pairs = [(event.predicate, target) for target in nodes[NKG.target]]
    if event.theme_predicate:
        pairs += [(event.theme_predicate, theme) for theme in nodes[NKG.theme] if theme not in nodes[NKG.target]]
    for source in nodes[NKG.source]:
        for predicate, obj in pairs:
            if obj == source:
                continue
            statement = _statement(graph, doc_id, doc_node, doc_date, source, predicate, obj, sentence, event.rule, event.date)
            graph.add((statement, NKG.fromEvent, node))
            if event.content:
                graph.add((statement, NKG.content, _literal(event.content)))


def union_graph(dataset: Dataset) -> Graph:
    """All triples of every named graph as one ``Graph`` (what ``graph.ttl`` holds)."""
    graph = bind_prefixes(Graph())
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


