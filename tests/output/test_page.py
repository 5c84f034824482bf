"""The page is one offline file, and nothing from a document runs in it."""

from __future__ import annotations

import json
import re

import networkx as nx

from newskg.output.page import PageOptions, page_data, render_page

EVIL = '<img src=x onerror="alert(1)"></script><script>alert(2)</script>'


def evil_graph():
    g = nx.MultiDiGraph()
    g.add_node("a", label=EVIL, type="Person", names=["{{DATA}}", "ហ៊ុន សែន"], mentions=[{"document": "<b>x</b>.txt", "sentence": EVIL}])
    g.add_node("b", label="Amnesty International", type="NGO", names=[], mentions=[])
    g.add_edge("a", "b", key="supports", predicate="supports", label="supports", kind="interaction",
               evidence=[{"document": "d.txt", "sentence": "</script>", "rule": "verb", "start": 0, "end": 9}])
    return g


def test_page_loads_nothing_from_the_network(built_dir):
    page = (built_dir / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)\s*=", page, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    assert not re.search(r"@import", page)
    assert "Content-Security-Policy" in page
    assert "vis.Network" in page and "vis-network" in page


def test_document_text_is_escaped_and_never_markup():
    page = render_page(evil_graph())
    assert "<img src=x" not in page
    assert _script_elements(page) == ["application/json", "application/json", None, None]  # no early end of a block
    data = json.loads(re.search(r'<script type="application/json" id="newskg-data">(.*?)</script>', page, re.S).group(1))
    assert data["nodes"][0]["label"] == EVIL or data["nodes"][1]["label"] == EVIL
    assert "ហ៊ុន សែន" in page  # Khmer names travel as they are


def _script_elements(page: str) -> list:
    """The script elements a browser's tokenizer sees, by type attribute."""
    from html.parser import HTMLParser

    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "script":
                found.append(dict(attrs).get("type"))

    Collector().feed(page)
    return found


def test_nodes_edges_direction_and_legend():
    data = page_data(evil_graph())
    edge = data["edges"][0]
    assert (edge["from"], edge["to"], edge["arrows"]) == ("a", "b", "to")
    assert {t["type"] for t in data["types"]} == {"Person", "NGO"}
    assert data["meta"]["drawnNodes"] == 2


def test_max_nodes_and_min_degree_trim_the_picture_only(sample_kg):
    graph = sample_kg.to_networkx()
    full = page_data(graph)
    assert full["meta"]["drawnNodes"] == graph.number_of_nodes()
    trimmed = page_data(graph, PageOptions(max_nodes=10))
    assert trimmed["meta"]["drawnNodes"] == 10 and trimmed["meta"]["totalNodes"] == graph.number_of_nodes()
    connected = page_data(graph, PageOptions(min_degree=1))
    assert all(n["degree"] >= 1 for n in connected["nodes"])
    drawn = {n["id"] for n in trimmed["nodes"]}
    assert all(e["from"] in drawn and e["to"] in drawn for e in trimmed["edges"])


def test_two_thousand_nodes_render_with_settling_physics():
    g = nx.MultiDiGraph()
    for i in range(2500):
        g.add_node(str(i), label=f"Actor {i}", type="Organization", names=[], mentions=[])
        if i:
            g.add_edge(str(i), str(i // 3), key="supports", predicate="supports", label="supports", kind="interaction", evidence=[])
    page = render_page(g, PageOptions(max_nodes=2000))
    options = json.loads(re.search(r'id="newskg-options">(.*?)</script>', page, re.S).group(1))
    assert options["physics"]["stabilization"]["iterations"] <= 150
    assert options["layout"]["improvedLayout"] is False
    data = json.loads(re.search(r'id="newskg-data">(.*?)</script>', page, re.S).group(1))
    assert len(data["nodes"]) == 2000
