"""The interactive page: a pyvis network in one self-contained, offline HTML file.

pyvis assembles the nodes, edges and options; the page itself comes from newskg's own template,
because pyvis's templates load Bootstrap and vis-network from CDNs and paste node data into the
page unescaped. Here vis-network's script and style are inlined from pyvis's own package, and all
text that came from documents travels as JSON inside a ``<script type="application/json">``
block that is read with ``JSON.parse`` and put on screen with ``textContent``: a name such as
``<img src=x onerror=alert(1)>`` shows as text and runs nothing.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import networkx as nx
import pyvis
from pyvis.network import Network


__all__ = ["PageOptions", "TYPE_COLORS", "page_data", "render_page", "write_page", "script_json"]

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
_MENTIONS_PER_NODE = 40
_EVIDENCE_PER_EDGE = 25


@dataclass(frozen=True, slots=True)
class PageOptions:
    """What to draw: at most ``max_nodes`` actors (most central first), of at least ``min_degree``
    relations. The RDF always keeps everything; this only trims the picture."""

    max_nodes: int = 2000
    min_degree: int = 0
    title: str = "newskg knowledge graph"
    height: str = "100%"


def script_json(data: object) -> str:
    """JSON that is safe inside an HTML ``<script>`` element.

    Examples
    --------
    >>> script_json({"name": "</script><img src=x>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False)
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    script = (lib / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    style = (lib / "vis-network.css").read_text(encoding="utf-8").replace("</style", "<\\/style")
    return script, style


def _pagerank(graph: nx.MultiDiGraph) -> dict[str, float]:
    simple = nx.DiGraph()
    simple.add_nodes_from(graph.nodes)
    simple.add_edges_from((s, o) for s, o in graph.edges() if s != o)
    if simple.number_of_edges() == 0:
        return {n: 1.0 for n in simple}
    return nx.pagerank(simple)


def _select_nodes(graph: nx.MultiDiGraph, options: PageOptions, scores: dict[str, float]) -> list[str]:
    degree = dict(graph.degree())
    ranked = sorted(graph.nodes, key=lambda n: (-scores.get(n, 0.0), -degree.get(n, 0), str(graph.nodes[n].get("label", n))))
    eligible = [n for n in ranked if degree.get(n, 0) >= options.min_degree]
    return eligible[: max(0, options.max_nodes)]


def page_data(graph: nx.MultiDiGraph, options: PageOptions | None = None, *, documents: int | None = None) -> dict[str, object]:
    """Nodes, edges, legend and counts for the page, assembled with pyvis.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="A", type="NGO", names=[], mentions=[])
    >>> g.add_node("b", label="B", type="Person", names=[], mentions=[])
    >>> _ = g.add_edge("a", "b", key="supports", predicate="supports", label="supports", kind="interaction", evidence=[])
    >>> d = page_data(g)
    >>> len(d["nodes"]), d["edges"][0]["from"], d["edges"][0]["arrows"]
    (2, 'a', 'to')
    """
    options = options or PageOptions()
    scores = _pagerank(graph)
    chosen = _select_nodes(graph, options, scores)
    chosen_set = set(chosen)
    top = max(scores.values(), default=0) or 1.0
    net = Network(directed=True)
    info: dict[str, dict[str, object]] = {}
    for node in chosen:
        data = graph.nodes[node]
        kind = str(data.get("type", "Organization"))
        size = 10 + 35 * (scores.get(node, 0) / top) ** 0.5
        net.add_node(
            node, label=str(data.get("label", node)), color=TYPE_COLORS.get(kind, "#999999"),
            size=round(size, 1), value=round(scores.get(node, 0) / top, 4), shape="dot",
        )
        info[node] = {
            "type": kind,
            "names": list(data.get("names", [])),
            "degree": graph.degree(node),
            "mentions": list(data.get("mentions", []))[:_MENTIONS_PER_NODE],
            "mentionCount": len(data.get("mentions", [])),
        }
    edges_info: dict[str, dict[str, object]] = {}
    count = 0
    many = graph.number_of_edges() > 600
    for s, o, key, data in graph.edges(keys=True, data=True):
        if s not in chosen_set or o not in chosen_set:
            continue
        count += 1
        edge_id = f"e{count}"
        label = str(data.get("label", key))
        net.add_edge(s, o, label="" if many else label, arrows="to", dashes=data.get("kind") == "structural", id=edge_id)
        evidence = list(data.get("evidence", []))
        edges_info[edge_id] = {"predicate": str(key), "label": label, "kind": data.get("kind", ""), "evidence": evidence[:_EVIDENCE_PER_EDGE], "evidenceCount": len(evidence)}
    nodes, edges, *_ = net.get_network_data()
    for node in nodes:
        node.update(info[node["id"]])
    for edge in edges:
        edge.update(edges_info[edge["id"]])
    type_counts: dict[str, int] = {}
    for node in nodes:
        type_counts[str(node["type"])] = type_counts.get(str(node["type"]), 0) + 1
    rel_counts: dict[str, tuple[str, int]] = {}
    for edge in edges:
        label, n = rel_counts.get(str(edge["predicate"]), (str(edge["label"]), 0))
        rel_counts[str(edge["predicate"])] = (label, n + 1)
    return {
        "nodes": nodes,
        "edges": edges,
        "types": [{"type": t, "color": TYPE_COLORS.get(t, "#999999"), "count": n} for t, n in sorted(type_counts.items())],
        "relations": [{"predicate": p, "label": label, "count": n} for p, (label, n) in sorted(rel_counts.items())],
        "meta": {
            "title": options.title,
            "totalNodes": graph.number_of_nodes(),
            "totalEdges": graph.number_of_edges(),
            "drawnNodes": len(nodes),
            "drawnEdges": len(edges),
            "documents": documents,
        },
    }


def _vis_options(n_nodes: int, n_edges: int) -> dict[str, object]:
    iterations = 300 if n_nodes <= 300 else 150 if n_nodes <= 1000 else 80
    return {
        "autoResize": True,
        "nodes": {
            "font": {"size": 16, "face": "system-ui, 'Noto Sans', 'Noto Sans Khmer', sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1,
            # Sized by centrality; labels stay readable when zoomed out on small graphs.
            "scaling": {"min": 10, "max": 45, "label": {"enabled": True, "min": 14, "max": 30, "drawThreshold": 4 if n_nodes <= 300 else 9, "maxVisible": 30}},
        },
        "edges": {
            "font": {"size": 10, "align": "middle", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "color": {"color": "#9aa5b1", "highlight": "#333333", "inherit": False},
            "smooth": n_edges <= 500 and {"type": "dynamic"},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        },
        "physics": {
            "enabled": True,
            "solver": "barnesHut" if n_nodes <= 1000 else "forceAtlas2Based",
            "barnesHut": {"gravitationalConstant": -2500, "centralGravity": 0.9, "springLength": 110, "springConstant": 0.04, "avoidOverlap": 0.3},
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 100},
            "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 25, "fit": True},
        },
        "layout": {"improvedLayout": n_nodes <= 150, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "keyboard": False, "hideEdgesOnDrag": n_edges > 500},
    }


def render_page(graph: nx.MultiDiGraph, options: PageOptions | None = None, *, documents: int | None = None) -> str:
    """The whole page as one HTML string: no external script, style, font or image."""
    options = options or PageOptions()
    data = page_data(graph, options, documents=documents)
    script, style = _vis_assets()
    template = resources.files("newskg.output").joinpath("templates/page.html").read_text(encoding="utf-8")
    vis_options = _vis_options(len(data["nodes"]), len(data["edges"]))
    values = {
        "TITLE": html.escape(options.title),
        "VIS_STYLE": style,
        "DATA": script_json(data),
        "OPTIONS": script_json(vis_options),
        "VIS_SCRIPT": script,
    }
    # One pass, so text inserted from documents is never scanned for placeholders again.
    return re.sub(r"\{\{(TITLE|VIS_STYLE|DATA|OPTIONS|VIS_SCRIPT)\}\}", lambda m: values[m.group(1)], template)


def write_page(graph: nx.MultiDiGraph, path: str | Path, options: PageOptions | None = None, *, documents: int | None = None) -> Path:
    """Write the page to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_page(graph, options, documents=documents), encoding="utf-8")
    return path
