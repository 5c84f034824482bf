"""A networkx view of the knowledge graph, and the measures people ask of it."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
from rdflib import RDF, Dataset

from newskg.graph.rows import (
    CLAIM_FIELDS, DOCUMENT_FIELDS, ENTITY_FIELDS, EVENT_FIELDS, MENTION_FIELDS, STATEMENT_FIELDS, claim_order,
    Relations, claim_record, documents_of, event_key, event_record, interaction_keys, local_name, mention_order,
    mention_record, read_rows, statement_record, strings, term,
)
from newskg.ontology import NKG

__all__ = ["to_networkx", "Centrality", "centrality", "communities", "Hop", "find_entity", "connection_path"]


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

    The graph is read property by property, one scan each (see :func:`newskg.graph.rows.read_rows`).

    Examples
    --------
    >>> from newskg.graph.build import new_dataset
    >>> g = to_networkx(new_dataset())
    >>> g.number_of_nodes(), g.graph["claims"], g.graph["events"]
    (0, [], {})
    """
    graph = nx.MultiDiGraph()
    rel = Relations(dataset)
    entities = dict(dataset.subject_objects(NKG.entityType))
    mention_of = {mention: str(entity) for mention, entity in dataset.subject_objects(NKG.mentionOf)}
    file_names = dict(dataset.subject_objects(NKG.fileName))
    entity_rows, mention_rows, document_rows, statement_rows, event_rows, claim_rows = read_rows(dataset, (
        (entities, ENTITY_FIELDS),
        (mention_of, MENTION_FIELDS),
        (file_names, DOCUMENT_FIELDS),
        (dataset.subjects(RDF.type, NKG.Statement), STATEMENT_FIELDS),
        (dict(dataset.subject_objects(term("eventClass"))), EVENT_FIELDS),
        (dataset.subjects(RDF.type, NKG.Claim), CLAIM_FIELDS),
    ))
    documents = documents_of(file_names, document_rows)
    files = {doc: info["file"] for doc, info in documents.items()}
    graph.graph["documents"] = {info["file"]: info for info in documents.values()}
    for node, (label, names, count) in entity_rows.items():
        graph.add_node(
            str(node),
            label=str(label or local_name(node)),
            type=str(entities[node]),
            names=strings(names),
            mentions=[],
            claims=[],
            claims_about=[],
            events=0,
            mention_count=int(count or 0),
        )
    seen_mentions: dict[str, int] = defaultdict(int)
    for mention, row in mention_rows.items():
        key = mention_of[mention]
        if key in graph:
            found = graph.nodes[key]["mentions"]
            found.append(mention_record(row, files, documents))
            seen_mentions[key] += 1
            if mentions_per_node is not None and len(found) >= 2 * mentions_per_node + 64:
                found.sort(key=mention_order)
                del found[mentions_per_node:]
    del mention_rows, mention_of
    events = {str(node): event_record(row, files, documents) for node, row in event_rows.items()}
    del event_rows
    graph.graph["events"] = events
    evidence: dict[tuple[str, str, str], list[dict[str, object]]] = defaultdict(list)
    for row in statement_rows.values():
        s, p, o = row[0], row[1], row[2]
        evidence[(str(s), local_name(p), str(o))].append(statement_record(row, files, documents, events))
    del statement_rows
    taking_part: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for p in rel.properties:
        for s, o in set(dataset.subject_objects(p)):
            if str(s) not in graph or str(o) not in graph:
                continue
            name = local_name(p)
            items = sorted(evidence.get((str(s), name, str(o)), []), key=lambda e: (e["document"], e["start"]))
            kind = rel.kind(p)
            graph.add_edge(str(s), str(o), key=name, predicate=name, label=rel.labels[p], kind=kind, evidence=items)
            if kind == "interaction":
                for key in interaction_keys(str(s), name, str(o), items):
                    taking_part[str(s)].add(key)
                    taking_part[str(o)].add(key)
    for event in events.values():
        key = event_key(event)
        for role in ("source", "target", "theme"):
            for actor in event[role]:
                taking_part[actor].add(key)
    claims = sorted((claim_record(node, row, files, documents) for node, row in claim_rows.items()), key=claim_order)
    graph.graph["claims"] = claims
    for claim in claims:
        if claim["speaker"] in graph:
            graph.nodes[claim["speaker"]]["claims"].append(claim)
        for about in claim["about"]:
            if about in graph:
                graph.nodes[about]["claims_about"].append(claim)
    for node, data in graph.nodes(data=True):
        data["mentions"].sort(key=mention_order)
        if mentions_per_node is not None:
            del data["mentions"][mentions_per_node:]
        data["mention_count"] = data["mention_count"] or seen_mentions.get(node, 0)
        data["events"] = len(taking_part.get(node, ()))
    return graph


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
