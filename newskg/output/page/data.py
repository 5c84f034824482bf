"""What the page shows, as plain JSON-ready data: actors, events, claims, documents and dates."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from newskg.output.page.groups import Group
from newskg.output.page.options import MENTIONS_SHOWN, PageOptions
from newskg.output.page.reading import group_network
from newskg.output.page.text import clean_text, day_range, search_key

__all__ = ["PageOptions", "TYPE_COLORS", "MENTIONS_SHOWN", "page_data"]

TYPE_COLORS = {
    "Person": "#e15759",
    "GovernmentBody": "#4e79a7",
    "Court": "#2f4b7c",
    "PoliticalParty": "#b07aa1",
    "NGO": "#59a14f",
    "MediaOrganization": "#f28e2b",
    "IntergovernmentalOrganization": "#76b7b2",
    "Organization": "#9c755f",
    "Country": "#edc948",
    "City": "#d4a6c8",
    "Region": "#bab0ac",
    "Place": "#c9b18b",
    "Law": "#8cd17d",
    "Programme": "#86bcb6",
    "Event": "#ff9da7",
}
def _pagerank(graph: nx.MultiDiGraph) -> dict[str, float]:
    simple = nx.DiGraph()
    simple.add_nodes_from(graph.nodes)
    simple.add_edges_from((s, o) for s, o, d in graph.edges(data=True) if s != o and d.get("kind") != "structural")
    if simple.number_of_edges() == 0:
        return {n: 0.0 for n in simple}
    if simple.number_of_edges() <= _PYTHON_PAGERANK_EDGES:
        try:  # the same iteration in Python: importing SciPy for it costs more (0.3 s) than it saves
            from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
        except ImportError:  # another networkx: its public function, as for large networks
            pass
        else:
            return _pagerank_python(simple)
    return nx.pagerank(simple)


#: up to this many edges PageRank runs in Python (about 30 ms for 800 edges); above, on SciPy
_PYTHON_PAGERANK_EDGES = 5_000


def _select_nodes(graph: nx.MultiDiGraph, options: PageOptions) -> list[str]:
    def rank(node: str) -> tuple:
        data = graph.nodes[node]
        return (-int(data.get("events", 0)), -int(data.get("claim_count", 0)),
                -graph.degree(node), -int(data.get("mention_count", 0)), str(data.get("label", node)))

    eligible = [n for n in graph.nodes if graph.degree(n) >= options.min_degree]
    return sorted(eligible, key=rank)[: max(0, options.max_nodes)]


class _Documents:
    """Documents by index, so every item names its sources with small numbers."""

    def __init__(self, known: dict[str, dict[str, str]]):
        self.rows: list[dict[str, object]] = []
        self.index: dict[str, int] = {}
        for file in sorted(known):
            self.add(file, known[file])

    def add(self, file: str, info: dict[str, str] | None = None) -> int:
        if file not in self.index:
            info = info or {}
            self.index[file] = len(self.rows)
            span = day_range(info.get("date", ""))
            self.rows.append({"file": clean_text(file), "title": clean_text(info.get("title", "")),
                              "date": clean_text(info.get("date", "")), "day": span[0] if span else None})
        return self.index[file]

    def date(self, file: str) -> str:
        return str(self.rows[self.add(file)]["date"])


def _copy(docs: _Documents, file: str, event_date: str = "", document_date: str = "") -> dict[str, object]:
    """One source of an item: its document and the days the item is dated to (the event's date
    where the sentence gives one, else the document's)."""
    doc = docs.add(file)
    document_date = document_date or docs.date(file)
    span = day_range(event_date, document_date) or day_range(document_date)
    return {"doc": doc, "d0": span[0] if span else None, "d1": span[1] if span else None}


def _with_copies(row: dict[str, object], group: Group, docs: _Documents, dated: bool = True) -> dict[str, object]:
    """``row`` with the group's sources: each document once, with the days it dates the item to."""
    for file, event_date, document_date in group.copies:
        copy = _copy(docs, file, event_date if dated else "", document_date)
        if copy not in row["copies"]:
            row["copies"].append(copy)
    if group.more:
        row["more"] = True
    return row


def _edge_item(group: Group, docs: _Documents, kept: set[str]) -> dict[str, object]:
    """One supporting sentence of a relation: the same sentence from several copies is one item with every source."""
    item, event = group.item
    return _with_copies({
        "sentence": clean_text(item.get("sentence", "")),
        "cls": str(item.get("eventClass", "")),
        "date": clean_text(item.get("eventDate", "")),
        "content": clean_text(item.get("content", "")),
        "theme": [t for t in event.get("theme", item.get("about", [])) if t in kept],
        "sources": [t for t in event.get("source", []) if t in kept],
        "targets": [t for t in event.get("target", []) if t in kept],
        "rule": clean_text(item.get("rule", "")),
        "role": clean_text(item.get("role", "")),
        "trigger": clean_text(event.get("trigger", "")),
        "mode": clean_text(event.get("mode", "")),
        "negated": bool(event.get("negated", False)),
        "copies": [],
    }, group, docs)


def _claims(graph: nx.MultiDiGraph, chosen: list[str], docs: _Documents, kept: set[str]) -> list[dict[str, object]]:
    """Claims whose speaker is drawn, the same sentence from several copies once with every source."""
    found = graph.graph.get("claims", {})
    groups = sorted((g for speaker in chosen if speaker in found for g in found[speaker].shown()), key=lambda g: g.order)
    rows = []
    for group in groups:
        claim = group.item
        rows.append(_with_copies({
            "speaker": claim["speaker"],
            "about": [a for a in claim.get("about", []) if a in kept and a != claim["speaker"]],
            "text": clean_text(claim.get("text", "")),
            "sentence": clean_text(claim.get("sentence", "")),
            "negated": bool(claim.get("negated")),
            "quoted": bool(claim.get("quoted")),
            "copies": [],
        }, group, docs, dated=False))
    return rows


def _unprojected_events(graph: nx.MultiDiGraph, chosen: list[str], docs: _Documents, kept: set[str], sources: int) -> list[dict[str, object]]:
    """Events no relation edge stands for (one with a target but no source, say): shown in the
    panels of the actors they involve, grouped by sentence like the rest."""
    loose = graph.graph.get("loose", {})
    merged: dict[object, list] = {}
    for actor in chosen:
        for group in loose[actor].shown() if actor in loose else ():
            known = merged.setdefault(group.key, [group, {}, False])
            if group.order < known[0].order:
                known[0] = group
            known[2] = known[2] or group.more
            at = known[1]
            for order, copy in group.sources:
                if copy not in at or order < at[copy]:
                    at[copy] = order
    rows = []
    for first, at, more in sorted(merged.values(), key=lambda m: m[0].order):
        pairs = sorted((order, copy) for copy, order in at.items())
        group = Group(first.key, first.order, first.item, tuple(pairs[:sources]), more or len(pairs) > sources)
        _, event = group.item
        roles = {role: [a for a in event.get(role, []) if a in kept] for role in ("source", "target", "theme")}
        rows.append(_with_copies({
            "sentence": clean_text(event.get("sentence", "")), "cls": str(event.get("eventClass", "")),
            "date": clean_text(event.get("eventDate", "")), "content": "", "theme": roles["theme"],
            "sources": roles["source"], "targets": roles["target"], "rule": "", "role": "",
            "trigger": clean_text(event.get("trigger", "")), "mode": clean_text(event.get("mode", "")),
            "negated": bool(event.get("negated", False)), "copies": [],
        }, group, docs))
    return rows


def _class_label(cls: str, predicate_labels: dict[str, str]) -> str:
    if cls in predicate_labels:
        return predicate_labels[cls]
    return cls.replace("_", " ").lower()


def page_data(graph: nx.MultiDiGraph, options: PageOptions | None = None, *, documents: int | None = None) -> dict[str, object]:
    """Actors, events, claims, documents and legend for the page, every string cleaned.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="A\\u202e", type="NGO", names=[], mentions=[], events=1)
    >>> g.add_node("b", label="B", type="Person", names=[], mentions=[], events=1)
    >>> _ = g.add_edge("a", "b", key="supports", predicate="supports", label="supports", kind="interaction", evidence=[])
    >>> d = page_data(g)
    >>> len(d["nodes"]), d["nodes"][0]["label"], d["edges"][0]["from"], d["edges"][0]["kind"]
    (2, 'A', 'a', 'interaction')
    """
    options = options or PageOptions()
    if not graph.graph.get("grouped"):
        graph = group_network(graph, options)
    chosen = _select_nodes(graph, options)
    kept = set(chosen)
    pagerank = _pagerank(graph)
    docs = _Documents(graph.graph.get("documents", {}))
    nodes = []
    for node in chosen:
        data = graph.nodes[node]
        kind = str(data.get("type", "Organization"))
        label = clean_text(data.get("label", node)) or "(unnamed)"
        names = [clean_text(n) for n in data.get("names", []) if clean_text(n)]
        mentions = list(data.get("mentions", []))
        nodes.append({
            "id": node,
            "label": label,
            "names": names,
            "keys": sorted({search_key(x) for x in [label, *names]} - {""}),
            "type": kind,
            "color": TYPE_COLORS.get(kind, "#999999"),
            "events": int(data.get("events", 0)),
            "mentions": int(data.get("mention_count", len(mentions))),
            "pagerank": round(pagerank.get(node, 0.0), 6),
            "sample": [{"doc": docs.add(str(m.get("document", ""))), "sentence": clean_text(m.get("sentence", ""))}
                       for m in mentions[: options.sentences_per_actor]],
        })
    predicate_labels: dict[str, str] = {}
    edges = []
    for s, o, key, data in graph.edges(keys=True, data=True):
        if s not in kept or o not in kept:
            continue
        label = clean_text(data.get("label", key))
        predicate_labels[str(key)] = label
        groups = data["groups"]
        items = [_edge_item(group, docs, kept) for group in groups.shown()]
        count = groups.count
        if not items:  # a relation without a stored sentence is still one undated item
            items = [{"sentence": "", "cls": str(key), "date": "", "content": "", "theme": [], "sources": [], "targets": [],
                      "rule": "", "role": "", "trigger": "", "mode": "", "negated": False, "copies": []}]
            count = 1
        edges.append({
            "id": f"e{len(edges) + 1}", "from": s, "to": o, "predicate": str(key), "label": label,
            "kind": "structural" if data.get("kind") == "structural" else "interaction",
            "items": items, "itemCount": count,
        })
    claims = _claims(graph, chosen, docs, kept)
    loose = _unprojected_events(graph, chosen, docs, kept, options.sources_per_item)
    for node in nodes:  # what the caps left out, so the panel can say so
        for field, groups in (("claimsNotShown", graph.graph.get("claims", {})), ("eventsNotShown", graph.graph.get("loose", {}))):
            found = groups.get(node["id"])
            if found is not None and found.count > found.keep:
                node[field] = found.count - found.keep
    about_pairs: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        for about in claim["about"]:
            about_pairs[(str(claim["speaker"]), about)].append(index)
    for (speaker, about), indices in sorted(about_pairs.items()):
        edges.append({"id": f"e{len(edges) + 1}", "from": speaker, "to": about, "predicate": "claim", "label": "claims about",
                      "kind": "claim", "claims": indices, "items": [], "itemCount": len(indices)})
    classes: dict[str, int] = defaultdict(int)
    structural: dict[str, int] = defaultdict(int)
    for edge in edges:
        if edge["kind"] == "interaction":
            for item in edge["items"]:
                classes[str(item["cls"])] += 1
        elif edge["kind"] == "structural":
            structural[str(edge["predicate"])] += 1
    for item in loose:
        classes[str(item["cls"])] += 1
    type_counts: dict[str, int] = defaultdict(int)
    for node in nodes:
        type_counts[str(node["type"])] += 1
    days = [d for row in docs.rows if row["day"] is not None for d in [row["day"]]]
    days += [c[k] for e in edges for i in e["items"] for c in i["copies"] for k in ("d0", "d1") if c[k] is not None]
    days += [c[k] for claim in claims for c in claim["copies"] for k in ("d0", "d1") if c[k] is not None]
    days += [c[k] for item in loose for c in item["copies"] for k in ("d0", "d1") if c[k] is not None]
    return {
        "nodes": nodes,
        "edges": edges,
        "claims": claims,
        "events": loose,
        "documents": docs.rows,
        "types": [{"type": t, "color": TYPE_COLORS.get(t, "#999999"), "count": n} for t, n in sorted(type_counts.items())],
        "classes": [{"cls": c, "label": _class_label(c, predicate_labels), "count": n} for c, n in sorted(classes.items())],
        "structural": [{"predicate": p, "label": predicate_labels.get(p, p), "count": n} for p, n in sorted(structural.items())],
        "meta": {
            "title": clean_text(options.title),
            "totalNodes": graph.number_of_nodes(),
            "drawnNodes": len(nodes),
            "documents": documents if documents is not None else len(docs.rows),
            "firstDay": min(days) if days else None,
            "lastDay": max(days) if days else None,
            "eventNodes": bool(graph.graph.get("event_nodes")),
        },
    }
