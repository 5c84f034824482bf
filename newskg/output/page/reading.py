"""The network the page draws, read from the graph in memory that does not grow with the corpus.

:func:`page_network` reads entities, mentions, relations, statements, events and claims one node
at a time and keeps only what the page can show (see :class:`~newskg.output.page.data.PageOptions`):
each actor's first sentences, each relation's first distinct supporting sentences, each actor's
first claims and events, each with its first sources, and the exact counts of everything else.
:func:`group_network` gives the same from a whole networkx view
(:func:`newskg.graph.network.to_networkx`), so a page is the same whichever way it was read.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
from rdflib import RDF, Dataset, URIRef

from newskg.graph.rows import (
    CLAIM_FIELDS, DOCUMENT_FIELDS, ENTITY_FIELDS, EVENT_FIELDS, MENTION_FIELDS, STATEMENT_FIELDS, Relations, claim_order,
    claim_record, documents_of, event_key, event_record, field_index, fold_sentence, interaction_keys, iter_rows,
    local_name, mention_order, mention_record, read_row, read_rows, statement_record, strings, term, text,
)
from newskg.ontology import NKG
from newskg.output.page.groups import Groups, key_hash
from newskg.output.page.options import PageOptions
from newskg.output.page.state import PageState
from newskg.output.page.text import clean_text

__all__ = ["page_network", "read_page", "group_network"]


class _Collector:
    """What the page will show, gathered as the graph is read; :meth:`finish` gives the network."""

    def __init__(self, options: PageOptions) -> None:
        self.options = options
        self.graph = nx.MultiDiGraph(grouped=True)
        self.projected: set[int] = set()  # hashes (key_hash) of the events a relation edge stands for
        self.claims: dict[str, Groups] = {}
        self.loose: dict[str, Groups] = {}
        self.event_nodes = False
        self._mentions: dict[str, list] = defaultdict(list)
        self._seq = 0

    def _next(self) -> int:
        self._seq += 1
        return self._seq

    def node(self, node: str, **attributes) -> None:
        self.graph.add_node(node, mentions=[], **attributes)

    def mention(self, node: str, mention: dict) -> None:
        found = self._mentions[node]
        found.append((*mention_order(mention), self._next(), mention))
        limit = self.options.sentences_per_actor
        if len(found) >= 2 * limit + 64:
            found.sort(key=lambda m: m[:3])
            del found[limit:]

    def edge(self, source: str, target: str, name: str, label: str, kind: str, groups: Groups | None = None) -> None:
        if groups is None:
            groups = Groups(self.options.sentences_per_relation, self.options.sources_per_item)
        self.graph.add_edge(source, target, key=name, predicate=name, label=label, kind=kind, groups=groups)

    def evidence(self, source: str, name: str, target: str, item: dict, event: dict | None) -> bool:
        """Add one supporting sentence to its relation's edge; ``False`` when there is no such edge.
        ``event`` is the record of the event it comes from, or ``None`` to read it later (only the
        shown sentences' events are read, see :meth:`shown_evidence`)."""
        data = self.graph.get_edge_data(source, target, name)
        if data is None:
            return False
        if item.get("event"):
            self.projected.add(key_hash(str(item["event"])))
        key = (str(item.get("eventClass", "")), fold_sentence(clean_text(item.get("sentence", ""))))
        order = (str(item.get("document", "")), int(item.get("start", 0)), self._next())
        copy = (str(item.get("document", "")), str(item.get("eventDate", "")), str(item.get("documentDate", "")))
        data["groups"].add(key, order, [item, event], copy)
        return True

    def shown_evidence(self):
        """The ``[item, event]`` pairs of the sentences each relation will show."""
        for _, _, data in self.graph.edges(data=True):
            for group in data["groups"].shown():
                yield group.item

    def event(self, iri: str, event: dict) -> None:
        """Count an event; one no relation edge stands for is kept for the actors it involves.
        Call it after every statement's :meth:`evidence`."""
        self.event_nodes = True
        if key_hash(iri) in self.projected:
            return
        key = (str(event.get("eventClass", "")), fold_sentence(clean_text(event.get("sentence", ""))))
        copy = (str(event.get("document", "")), str(event.get("eventDate", "")), str(event.get("documentDate", "")))
        actors = {a for role in ("source", "target", "theme") for a in event.get(role, ()) if a in self.graph}
        for actor in sorted(actors):
            groups = self.loose.get(actor)
            if groups is None:
                groups = self.loose[actor] = Groups(self.options.events_per_actor, self.options.sources_per_item)
            groups.add(key, (iri,), (iri, event), copy)

    def claim(self, claim: dict) -> None:
        speaker = claim["speaker"]
        if speaker not in self.graph:
            return
        groups = self.claims.get(speaker)
        if groups is None:
            groups = self.claims[speaker] = Groups(self.options.claims_per_actor, self.options.sources_per_item)
        key = (fold_sentence(clean_text(claim.get("sentence", ""))), fold_sentence(clean_text(claim.get("text", ""))))
        groups.add(key, claim_order(claim), claim, (str(claim.get("document", "")), "", str(claim.get("date", ""))))

    def finish(self, documents: dict) -> nx.MultiDiGraph:
        for node, found in self._mentions.items():
            found.sort(key=lambda m: m[:3])
            self.graph.nodes[node]["mentions"] = [m[3] for m in found[: self.options.sentences_per_actor]]
        self.graph.graph.update(documents=documents, claims=self.claims, loose=self.loose, event_nodes=self.event_nodes)
        return self.graph


def group_network(graph: nx.MultiDiGraph, options: PageOptions | None = None) -> nx.MultiDiGraph:
    """The page's network from a whole networkx view.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="A", type="NGO", names=[], mentions=[], events=1)
    >>> g.add_node("b", label="B", type="Person", names=[], mentions=[], events=1)
    >>> ev = [{"document": f"d{i}", "start": 0, "sentence": "A backs B.", "eventClass": "Support"} for i in range(3)]
    >>> _ = g.add_edge("a", "b", key="supports", predicate="supports", label="supports", kind="interaction", evidence=ev)
    >>> groups = group_network(g, PageOptions(sources_per_item=2)).edges["a", "b", "supports"]["groups"]
    >>> groups.count, [(x.copies, x.more) for x in groups.shown()]
    (1, [((('d0', '', ''), ('d1', '', '')), True)])
    """
    options = options or PageOptions()
    collector = _Collector(options)
    for node, data in graph.nodes(data=True):
        collector.node(node, label=data.get("label", node), type=data.get("type", "Organization"),
                       names=list(data.get("names", [])), mention_count=int(data.get("mention_count", 0)),
                       events=int(data.get("events", 0)),
                       claim_count=len(data.get("claims", ())) + len(data.get("claims_about", ())))
        for mention in data.get("mentions", []):
            collector.mention(node, mention)
    for s, o, key, data in graph.edges(keys=True, data=True):
        collector.edge(s, o, str(key), str(data.get("label", key)), str(data.get("kind", "interaction")))
    events = graph.graph.get("events", {})
    for s, o, key, data in graph.edges(keys=True, data=True):
        for item in data.get("evidence", []):
            collector.evidence(s, str(key), o, item, events.get(str(item.get("event", "")), {}))
    for iri in sorted(events):
        collector.event(iri, events[iri])
    for claim in graph.graph.get("claims", []):
        collector.claim(claim)
    return collector.finish(graph.graph.get("documents", {}))


def page_network(dataset: Dataset, options: PageOptions | None = None) -> nx.MultiDiGraph:
    """The page's network, read from ``dataset`` (an rdflib graph, or a store's
    :class:`~newskg.archive.view.StoreView`) one node at a time.

    What it holds grows with the actors and relations (and, as a small number each, with the
    distinct sentences, events and claims), not with the copies of a story: mentions,
    statements, events and claims are read one by one and only the shown ones are kept.
    """
    return read_page(dataset, options)[0]


def read_page(
    dataset: Dataset, options: PageOptions | None = None, *, since: PageState | None = None, added: Dataset | None = None,
) -> tuple[nx.MultiDiGraph, PageState]:
    """The page's network (as :func:`page_network`) and what reading it left
    (:class:`~newskg.output.page.state.PageState`), from which a later read can go on.

    With ``since`` (the state a read of the same graph left before documents were added to it,
    with the same options), the mentions, statements, events and claims are read from ``added``
    alone (a view of the added documents' facts), while the actors, documents and relations are
    read from ``dataset`` as always: the network is the one a whole read gives. This holds only
    when nothing but documents was added; the caller knows (see :mod:`newskg.builds`).
    """
    options = options or PageOptions()
    if since is not None and since.options != options:
        raise ValueError("a page state is read on only with the options it was made with")
    reading = None
    if since is not None and added is not None:
        try:
            reading = _Reading(options, since)
        except (ValueError, TypeError, KeyError, AttributeError):  # a damaged state: read everything
            reading = None
    if reading is None:
        reading, added = _Reading(options, None), dataset
    network = reading.read(dataset, added)
    return network, reading.state


class _Reading:
    """One read of the page's network; what it counts is kept in :attr:`state`."""

    def __init__(self, options: PageOptions, since: PageState | None) -> None:
        self.collector = _Collector(options)
        self.seen_mentions: dict[str, int] = defaultdict(int)
        self.taking_part: dict[str, set[int]] = defaultdict(set)
        self.claim_counts: dict[str, int] = defaultdict(int)
        self.supported: set[tuple[str, str, str]] = set()
        self.edge_groups: dict[tuple[str, str, str], Groups] = {}
        if since is not None:
            since.restore(self)
        self.state: PageState | None = None

    def read(self, dataset: Dataset, documents_view: Dataset) -> nx.MultiDiGraph:
        """Actors, documents and relations from ``dataset``; mentions, statements, events and
        claims from ``documents_view`` (the same, for a whole read)."""
        collector = self.collector
        rel = Relations(dataset)
        entities = dict(dataset.subject_objects(NKG.entityType))
        file_names = dict(dataset.subject_objects(NKG.fileName))
        entity_rows, document_rows = read_rows(dataset, ((entities, ENTITY_FIELDS), (file_names, DOCUMENT_FIELDS)))
        documents = documents_of(file_names, document_rows)
        files = {doc: info["file"] for doc, info in documents.items()}
        del document_rows
        for node, (label, names, count) in entity_rows.items():
            collector.node(str(node), label=str(label or local_name(node)), type=str(entities[node]), names=strings(names),
                           mention_count=int(count or 0), events=0, claim_count=0)
        del entity_rows, entities
        graph = collector.graph
        for _, (entity, *row) in iter_rows(documents_view, (NKG.mentionOf, None), _MENTION_TABLE):
            key = str(entity)
            if key in graph:
                collector.mention(key, mention_record(row, files, documents))
                self.seen_mentions[key] += 1
        interaction: list[tuple[str, str, str]] = []
        for p in rel.properties:
            name, kind = local_name(p), rel.kind(p)
            for s, o in sorted(set(dataset.subject_objects(p))):
                if str(s) in graph and str(o) in graph:
                    collector.edge(str(s), str(o), name, rel.labels[p], kind, self.edge_groups.get((str(s), str(o), name)))
                    if kind == "interaction":
                        interaction.append((str(s), name, str(o)))
        interacting = set(interaction)
        for _, row in iter_rows(documents_view, (RDF.type, NKG.Statement), _STATEMENT_TABLE):
            event, event_class, event_date = row[4], row[-2], row[-1]
            brief = {str(event): {"eventClass": text(event_class), "eventDate": text(event_date)}} if event_class is not None else {}
            item = statement_record(row[:-2], files, documents, brief)
            edge = (str(row[0]), local_name(row[1]), str(row[2]))
            if collector.evidence(*edge, item, None) and edge in interacting:
                self.supported.add(edge)
                for key in interaction_keys(*edge, [item]):
                    self.taking_part[edge[0]].add(key_hash(key))
                    self.taking_part[edge[2]].add(key_hash(key))
        index = field_index(EVENT_FIELDS)
        for shown in collector.shown_evidence():
            event = shown[0]["event"]
            if shown[1] is not None:  # read when it was shown before
                continue
            row = read_row(dataset, URIRef(event), EVENT_FIELDS, index) if event else None
            # an IRI with no class is no event node (as in newskg.graph.network.to_networkx)
            shown[1] = event_record(row, files, documents) if row is not None and row[7] is not None else {}
        # an interaction no sentence supports counts once for both its ends: kept apart, since a
        # sentence of a later document may support it
        unsupported: dict[str, set[int]] = defaultdict(set)
        for edge in interaction:
            if edge not in self.supported:
                for key in interaction_keys(*edge, []):
                    unsupported[edge[0]].add(key_hash(key))
                    unsupported[edge[2]].add(key_hash(key))
        del interaction, interacting
        for iri, row in iter_rows(documents_view, (term("eventClass"), None), EVENT_FIELDS):
            event = event_record(row, files, documents)
            key = key_hash(event_key(event))
            for role in ("source", "target", "theme"):
                for actor in event[role]:
                    self.taking_part[actor].add(key)
            collector.event(str(iri), event)
        for node, row in iter_rows(documents_view, (RDF.type, NKG.Claim), CLAIM_FIELDS):
            claim = claim_record(node, row, files, documents)
            self.claim_counts[claim["speaker"]] += 1
            for about in claim["about"]:
                self.claim_counts[about] += 1
            collector.claim(claim)
        self.state = PageState.of(self)
        for node, data in graph.nodes(data=True):
            data["mention_count"] = data["mention_count"] or self.seen_mentions.get(node, 0)
            own, extra = self.taking_part.get(node, frozenset()), unsupported.get(node)
            data["events"] = len(own | extra) if extra else len(own)
            data["claim_count"] = self.claim_counts.get(node, 0)
        return collector.finish({info["file"]: info for info in documents.values()})


_MENTION_TABLE = ((NKG.mentionOf, False), *MENTION_FIELDS)
#: a statement's fields, then its event's class and date (column 4 is the event)
_STATEMENT_TABLE = (*STATEMENT_FIELDS, (term("eventClass"), False, 4), (NKG.eventDate, False, 4))


