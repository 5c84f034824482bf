"""A networkx view of the knowledge graph, and the measures people ask of it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
from rdflib import RDF, RDFS, Dataset, URIRef
from rdflib.namespace import PROV, SKOS

from newskg.ontology import NKG

__all__ = ["to_networkx", "Centrality", "centrality", "communities", "Hop", "find_entity", "connection_path"]


def _local(iri: URIRef) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def to_networkx(dataset: Dataset) -> nx.MultiDiGraph:
    """Entities as nodes, typed relations as directed edges, evidence on both.

    Node attributes: ``label``, ``type``, ``names`` (other names), ``mentions`` (list of
    ``{document, sentence}``). Edge attributes (key = predicate name): ``predicate``, ``label``,
    ``evidence`` (list of ``{document, sentence, rule, start, end}``).

    Examples
    --------
    >>> from newskg.graph.build import new_dataset
    >>> to_networkx(new_dataset()).number_of_nodes()
    0
    """
    graph = nx.MultiDiGraph()
    interaction = set(dataset.transitive_subjects(RDFS.subPropertyOf, NKG.interactsWith))
    structural = set(dataset.transitive_subjects(RDFS.subPropertyOf, NKG.structurallyRelatedTo))
    relation_properties = (interaction | structural) - {NKG.interactsWith, NKG.structurallyRelatedTo}
    if not relation_properties:
        relation_properties = {NKG[name] for name in _RELATIONS}
    files = {doc: str(name) for doc, name in dataset.subject_objects(NKG.fileName)}
    for node, cls in dataset.subject_objects(NKG.entityType):
        graph.add_node(
            str(node),
            label=str(dataset.value(node, RDFS.label) or _local(node)),
            type=str(cls),
            names=sorted(str(n) for n in dataset.objects(node, SKOS.altLabel)),
            mentions=[],
        )
    for mention, entity in dataset.subject_objects(NKG.mentionOf):
        key = str(entity)
        if key in graph:
            sentence = dataset.value(mention, NKG.sentence)
            doc = dataset.value(mention, PROV.wasDerivedFrom)
            graph.nodes[key]["mentions"].append(
                {"document": files.get(doc, _local(doc) if doc else ""), "sentence": str(sentence or "")}
            )
    labels = {p: str(dataset.value(p, RDFS.label) or _local(p)) for p in relation_properties}
    evidence: dict[tuple[str, str, str], list[dict[str, object]]] = defaultdict(list)
    for statement in dataset.subjects(RDF.type, NKG.Statement):
        s = dataset.value(statement, RDF.subject)
        p = dataset.value(statement, RDF.predicate)
        o = dataset.value(statement, RDF.object)
        doc = dataset.value(statement, PROV.wasDerivedFrom)
        evidence[(str(s), _local(p), str(o))].append(
            {
                "document": files.get(doc, ""),
                "sentence": str(dataset.value(statement, NKG.sentence) or ""),
                "rule": str(dataset.value(statement, NKG.extractedBy) or ""),
                "start": int(dataset.value(statement, NKG.startOffset) or 0),
                "end": int(dataset.value(statement, NKG.endOffset) or 0),
                "role": str(dataset.value(statement, NKG.roleName) or ""),
            }
        )
    for p in relation_properties:
        for s, o in set(dataset.subject_objects(p)):
            if str(s) not in graph or str(o) not in graph:
                continue
            name = _local(p)
            items = sorted(evidence.get((str(s), name, str(o)), []), key=lambda e: (e["document"], e["start"]))
            kind = "interaction" if p in interaction else "structural"
            graph.add_edge(str(s), str(o), key=name, predicate=name, label=labels[p], kind=kind, evidence=items)
    for node in graph.nodes:
        graph.nodes[node]["mentions"].sort(key=lambda m: (m["document"], m["sentence"]))
    return graph


_RELATIONS = (
    "demands urges condemns rejects supports accuses arrests sentences sanctions invites reportsOn "
    "memberOf leads spokespersonOf partOf programmeOf locatedIn succeeded relativeOf"
).split()


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


def find_entity(graph: nx.MultiDiGraph, name: str) -> str | None:
    """The node whose label or other name matches ``name`` (case-insensitive; exact before partial)."""
    wanted = name.strip().lower()
    exact = [n for n, d in graph.nodes(data=True) if d.get("label", "").lower() == wanted or wanted in [x.lower() for x in d.get("names", [])]]
    if exact:
        return sorted(exact, key=lambda n: -graph.degree(n))[0]
    partial = [n for n, d in graph.nodes(data=True) if wanted in d.get("label", "").lower()]
    return sorted(partial, key=lambda n: -graph.degree(n))[0] if partial else None


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
