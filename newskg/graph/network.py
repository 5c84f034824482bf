"""A networkx view of the knowledge graph, and the measures people ask of it."""

from __future__ import annotations

import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
from rdflib import RDF, RDFS, Dataset, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from newskg.ontology import NKG

__all__ = ["to_networkx", "Centrality", "centrality", "communities", "Hop", "find_entity", "connection_path"]


def _local(iri: URIRef) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def _term(name: str) -> URIRef:
    # Terms of the events contract may not be in the ontology yet; reading them must not fail.
    return URIRef(f"{NKG._NS}{name}")


def _fold_sentence(text: str) -> str:
    return " ".join(text.split()).casefold()


def _read(dataset: Dataset, groups: Sequence[tuple[Iterable, Sequence[tuple[URIRef, bool]]]]) -> list[dict[object, list]]:
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
    >>> first, second = _read(g, [([a], [(p, False), (q, True)]), ([b], [(p, False)])])
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
                if place is None:
                    continue
                column, many = place
                if many:
                    if row[column] is None:
                        row[column] = []
                    row[column].append(value)
                elif row[column] is None:
                    row[column] = value
    return tables


def _text(value: object) -> str:
    """The value as a string, one ``str`` for each distinct text (a sentence read for a hundred
    mentions is kept once)."""
    return "" if value is None else sys.intern(str(value))


def _strings(values: list | None) -> list[str]:
    return sorted(str(v) for v in values or ())


def _flag(value: object) -> bool:
    return bool(value.toPython()) if value is not None else False


def to_networkx(dataset: Dataset, *, mentions_per_node: int | None = None) -> nx.MultiDiGraph:
    """Entities as nodes, typed relations as directed edges, evidence, claims and events on them.

    Node attributes: ``label``, ``type``, ``names`` (other names), ``mentions`` (list of
    ``{document, sentence, documentDate}``, sorted by document and sentence; only the first
    ``mentions_per_node`` when that is given, which keeps a large corpus's network small),
    ``mention_count``, ``events`` (how many distinct events
    the actor takes part in: structural links are not counted, and one sentence repeated by several
    copies counts once), ``claims`` (the claims it made) and ``claims_about`` (claims about it).
    Edge attributes (key = predicate name): ``predicate``, ``label``, ``kind`` (``interaction`` or
    ``structural``), ``evidence`` (list of ``{document, sentence, rule, start, end, role,
    documentDate, eventDate, eventClass, event, content, about}``). Graph attributes:
    ``documents`` (by file name: ``{file, title, date}``), ``claims`` (every claim: ``{id, speaker,
    about, text, sentence, document, date, negated, quoted, events}``) and ``events`` (event nodes
    by IRI: ``{eventClass, trigger, source, target, theme, place, eventDate, documentDate, document,
    sentence, mode, negated}``; empty when the graph has no event nodes). Where a statement has no
    event node, its ``eventClass`` is the relation's own name.

    The graph is read property by property, one scan each (see ``_read``).

    Examples
    --------
    >>> from newskg.graph.build import new_dataset
    >>> g = to_networkx(new_dataset())
    >>> g.number_of_nodes(), g.graph["claims"], g.graph["events"]
    (0, [], {})
    """
    graph = nx.MultiDiGraph()
    interaction = set(dataset.transitive_subjects(RDFS.subPropertyOf, NKG.interactsWith))
    structural = set(dataset.transitive_subjects(RDFS.subPropertyOf, NKG.structurallyRelatedTo))
    relation_properties = (interaction | structural) - {NKG.interactsWith, NKG.structurallyRelatedTo}
    if not relation_properties:
        relation_properties = {NKG[name] for name in _RELATIONS}
        structural = {NKG[name] for name in _STRUCTURAL}
        interaction = relation_properties - structural
    entities = dict(dataset.subject_objects(NKG.entityType))
    mention_of = {mention: str(entity) for mention, entity in dataset.subject_objects(NKG.mentionOf)}
    file_names = dict(dataset.subject_objects(NKG.fileName))
    entity_rows, mention_rows, document_rows, statement_rows, event_rows, claim_rows = _read(dataset, (
        (entities, ((RDFS.label, False), (SKOS.altLabel, True), (NKG.mentionCount, False))),
        (mention_of, ((PROV.wasDerivedFrom, False), (NKG.sentence, False))),
        (file_names, ((DCTERMS.title, False), (DCTERMS.date, False))),
        (dataset.subjects(RDF.type, NKG.Statement), _STATEMENT_FIELDS),
        (dict(dataset.subject_objects(_term("eventClass"))), _EVENT_FIELDS),
        (dataset.subjects(RDF.type, NKG.Claim), _CLAIM_FIELDS),
    ))
    documents = {doc: {"file": _text(file_names[doc]), "title": _text(title), "date": _text(date)} for doc, (title, date) in document_rows.items()}
    files = {doc: info["file"] for doc, info in documents.items()}
    graph.graph["documents"] = {info["file"]: info for info in documents.values()}
    for node, (label, names, count) in entity_rows.items():
        graph.add_node(
            str(node),
            label=str(label or _local(node)),
            type=str(entities[node]),
            names=_strings(names),
            mentions=[],
            claims=[],
            claims_about=[],
            events=0,
            mention_count=int(count or 0),
        )
    seen_mentions: dict[str, int] = defaultdict(int)
    for mention, (doc, sentence) in mention_rows.items():
        key = mention_of[mention]
        if key in graph:
            found = graph.nodes[key]["mentions"]
            found.append(
                {
                    "document": _text(files.get(doc, _local(doc) if doc else "")),
                    "sentence": _text(sentence),
                    "documentDate": documents.get(doc, {}).get("date", ""),
                }
            )
            seen_mentions[key] += 1
            if mentions_per_node is not None and len(found) >= 2 * mentions_per_node + 64:
                found.sort(key=_mention_order)
                del found[mentions_per_node:]
    del mention_rows, mention_of
    events = _events(event_rows, files, documents)
    del event_rows
    graph.graph["events"] = events
    labels = {p: str(dataset.value(p, RDFS.label) or _local(p)) for p in relation_properties}
    evidence: dict[tuple[str, str, str], list[dict[str, object]]] = defaultdict(list)
    for s, p, o, doc, event, sentence, rule, start, end, role, document_date, event_date, content, about in statement_rows.values():
        event_info = events.get(str(event), {}) if event is not None else {}
        evidence[(str(s), _local(p), str(o))].append(
            {
                "document": _text(files.get(doc, "")),
                "sentence": _text(sentence),
                "rule": _text(rule),
                "start": int(start or 0),
                "end": int(end or 0),
                "role": _text(role),
                "documentDate": _text(document_date) or documents.get(doc, {}).get("date", ""),
                "eventDate": _text(event_date) or _text(event_info.get("eventDate", "")),
                "eventClass": _text(event_info.get("eventClass", "")) or _local(p),
                "event": _text(event),
                "content": _text(content),
                "about": _strings(about),
            }
        )
    del statement_rows
    taking_part: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for p in relation_properties:
        for s, o in set(dataset.subject_objects(p)):
            if str(s) not in graph or str(o) not in graph:
                continue
            name = _local(p)
            items = sorted(evidence.get((str(s), name, str(o)), []), key=lambda e: (e["document"], e["start"]))
            kind = "interaction" if p in interaction else "structural"
            graph.add_edge(str(s), str(o), key=name, predicate=name, label=labels[p], kind=kind, evidence=items)
            if kind == "interaction":
                for item in items or [{"eventClass": name, "sentence": f"{s} {o}"}]:
                    key = (str(item["eventClass"]), _fold_sentence(str(item["sentence"])))
                    taking_part[str(s)].add(key)
                    taking_part[str(o)].add(key)
    for event in events.values():
        key = (str(event["eventClass"]), _fold_sentence(str(event["sentence"])))
        for role in ("source", "target", "theme"):
            for actor in event[role]:
                taking_part[actor].add(key)
    claims = _claims(claim_rows, files, documents)
    graph.graph["claims"] = claims
    for claim in claims:
        if claim["speaker"] in graph:
            graph.nodes[claim["speaker"]]["claims"].append(claim)
        for about in claim["about"]:
            if about in graph:
                graph.nodes[about]["claims_about"].append(claim)
    for node, data in graph.nodes(data=True):
        data["mentions"].sort(key=_mention_order)
        if mentions_per_node is not None:
            del data["mentions"][mentions_per_node:]
        data["mention_count"] = data["mention_count"] or seen_mentions.get(node, 0)
        data["events"] = len(taking_part.get(node, ()))
    return graph


def _mention_order(mention: dict) -> tuple[str, str]:
    return mention["document"], mention["sentence"]


_STATEMENT_FIELDS = (
    (RDF.subject, False), (RDF.predicate, False), (RDF.object, False), (PROV.wasDerivedFrom, False),
    (_term("fromEvent"), False), (NKG.sentence, False), (NKG.extractedBy, False), (NKG.startOffset, False),
    (NKG.endOffset, False), (NKG.roleName, False), (NKG.documentDate, False), (NKG.eventDate, False),
    (NKG.content, False), (NKG.about, True),
)
_EVENT_FIELDS = (
    (PROV.wasDerivedFrom, False), (NKG.negated, False), (_term("trigger"), False), (_term("mode"), False),
    (NKG.eventDate, False), (NKG.documentDate, False), (NKG.sentence, False), (_term("eventClass"), False),
    (_term("source"), True), (_term("target"), True), (_term("theme"), True), (_term("place"), True),
)
_CLAIM_FIELDS = (
    (PROV.wasDerivedFrom, False), (NKG.negated, False), (NKG.quoted, False), (NKG.speaker, False),
    (NKG.claimText, False), (DCTERMS.date, False), (NKG.startOffset, False), (NKG.sentence, False),
    (NKG.about, True), (_term("containsEvent"), True),
)


def _events(rows: dict, files: dict, documents: dict) -> dict[str, dict[str, object]]:
    events: dict[str, dict[str, object]] = {}
    for node, (doc, negated, trigger, mode, event_date, document_date, sentence, cls, *roles) in rows.items():
        events[str(node)] = {
            "eventClass": _text(cls),
            "trigger": _text(trigger),
            **{role: _strings(values) for role, values in zip(("source", "target", "theme", "place"), roles)},
            "eventDate": _text(event_date),
            "documentDate": _text(document_date) or documents.get(doc, {}).get("date", ""),
            "document": _text(files.get(doc, "")),
            "sentence": _text(sentence),
            "mode": _text(mode),
            "negated": _flag(negated),
        }
    return events


def _claims(rows: dict, files: dict, documents: dict) -> list[dict[str, object]]:
    claims = []
    for node, (doc, negated, quoted, speaker, claim_text, date, start, sentence, about, contains) in rows.items():
        claims.append(
            {
                "id": str(node),
                "speaker": _text(speaker),
                "about": _strings(about),
                "text": _text(claim_text),
                "sentence": _text(sentence),
                "document": _text(files.get(doc, "")),
                "date": _text(date) or documents.get(doc, {}).get("date", ""),
                "negated": _flag(negated),
                "quoted": _flag(quoted),
                "events": _strings(contains),
                "start": int(start or 0),
            }
        )
    claims.sort(key=lambda c: (c["document"], c["start"], c["id"]))
    return claims


_RELATIONS = (
    "demands urges condemns rejects supports accuses arrests sentences sanctions invites reportsOn "
    "memberOf leads spokespersonOf partOf programmeOf locatedIn succeeded relativeOf"
).split()
_STRUCTURAL = "memberOf leads spokespersonOf partOf programmeOf locatedIn succeeded relativeOf".split()


@dataclass(frozen=True, slots=True)
class Centrality:
    """Centrality scores of one actor."""

    node: str
    label: str
    degree: float
    betweenness: float
    pagerank: float


def _simple(graph: nx.MultiDiGraph) -> nx.DiGraph:
    simple = nx.DiGraph()
    simple.add_nodes_from(graph.nodes(data=True))
    for s, o in graph.edges():
        if s != o:
            simple.add_edge(s, o)
    return simple


def centrality(graph: nx.MultiDiGraph, *, top: int | None = 10) -> list[Centrality]:
    """Degree, betweenness and PageRank of each actor, most central (by PageRank) first.

    Examples
    --------
    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", key="demands"); _ = g.add_edge("c", "b", key="urges")
    >>> [c.node for c in centrality(g, top=1)]
    ['b']
    """
    simple = _simple(graph)
    if simple.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(simple) if simple.number_of_nodes() > 1 else {n: 0.0 for n in simple}
    k = None if simple.number_of_nodes() <= 500 else 200
    betweenness = nx.betweenness_centrality(simple.to_undirected(as_view=True), k=k, seed=7)
    pagerank = nx.pagerank(simple) if simple.number_of_edges() else {n: 1 / simple.number_of_nodes() for n in simple}
    rows = [
        Centrality(n, str(graph.nodes[n].get("label", n)), degree[n], betweenness[n], pagerank[n]) for n in simple.nodes
    ]
    rows.sort(key=lambda c: (-c.pagerank, -c.degree, c.label))
    return rows[:top] if top else rows


def communities(graph: nx.MultiDiGraph, *, seed: int = 42) -> list[list[str]]:
    """Groups of closely connected actors (Louvain), largest first; each group sorted by label."""
    undirected = nx.Graph()
    undirected.add_nodes_from(graph.nodes)
    for s, o in graph.edges():
        if s != o:
            weight = undirected.get_edge_data(s, o, {}).get("weight", 0) + 1
            undirected.add_edge(s, o, weight=weight)
    undirected.remove_nodes_from([n for n in list(undirected) if undirected.degree(n) == 0])
    if undirected.number_of_nodes() == 0:
        return []
    groups = nx.community.louvain_communities(undirected, weight="weight", seed=seed)
    result = [sorted(group, key=lambda n: str(graph.nodes[n].get("label", n))) for group in groups]
    result.sort(key=lambda g: (-len(g), str(graph.nodes[g[0]].get("label", g[0]))))
    return result


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a path: ``source --predicate--> target`` (``forward`` False if walked backwards)."""

    source: str
    predicate: str
    target: str
    forward: bool
    evidence: tuple[dict[str, object], ...]


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFKC", "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))).lower().strip()


def find_entity(graph: nx.MultiDiGraph, name: str) -> str | None:
    """The node a name means: an exact label or other name first, then one starting with it, then
    one containing it; case and accents folded, the best-connected first within each.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p", label="Northern Maritime Assembly", names=["NMU Assembly"])
    >>> g.add_node("u", label="Northern Maritime Union", names=["NMU"])
    >>> g.add_node("a", label="Bishop Ébrard", names=[])
    >>> find_entity(g, "NMU"), find_entity(g, "ebrard"), find_entity(g, "nobody")
    ('u', 'a', None)
    """
    wanted = _folded(name)
    if not wanted:
        return None
    tiers: list[list[str]] = [[], [], []]
    for node, data in graph.nodes(data=True):
        keys = [_folded(str(x)) for x in [data.get("label", ""), *data.get("names", [])]]
        if wanted in keys:
            tiers[0].append(node)
        elif any(k.startswith(wanted) for k in keys):
            tiers[1].append(node)
        elif any(wanted in k for k in keys):
            tiers[2].append(node)
    for tier in tiers:
        if tier:
            return sorted(tier, key=lambda n: (-graph.degree(n), str(graph.nodes[n].get("label", n))))[0]
    return None


def connection_path(graph: nx.MultiDiGraph, source: str, target: str) -> list[Hop] | None:
    """The shortest chain of relations linking two actors, in either direction, or ``None``."""
    undirected = nx.Graph()
    undirected.add_nodes_from(graph.nodes)
    undirected.add_edges_from((s, o) for s, o in graph.edges() if s != o)
    try:
        nodes = nx.shortest_path(undirected, source, target)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None
    hops = []
    for a, b in zip(nodes, nodes[1:]):
        if graph.has_edge(a, b):
            key, data = next(iter(graph.get_edge_data(a, b).items()))
            hops.append(Hop(a, key, b, True, tuple(data.get("evidence", ()))))
        else:
            key, data = next(iter(graph.get_edge_data(b, a).items()))
            hops.append(Hop(b, key, a, False, tuple(data.get("evidence", ()))))
    return hops
