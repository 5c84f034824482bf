"""The page is one offline file, nothing from a document runs in it, and its data says who did
what to whom, who said so, when and where it was written."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import networkx as nx

from newskg.output.page import PageOptions, clean_text, day_range, page_data, render_page, search_key

EVIL = '<img src=x onerror="alert(1)"></script><script>alert(2)</script>'


def evil_graph():
    g = nx.MultiDiGraph()
    g.add_node("a", label=EVIL, type="Person", names=["{{DATA}}", "ហ៊ុន សែន"], mentions=[{"document": "<b>x</b>.txt", "sentence": EVIL}])
    g.add_node("b", label="Amnesty International", type="NGO", names=[], mentions=[])
    g.add_edge("a", "b", key="supports", predicate="supports", label="supports", kind="interaction",
               evidence=[{"document": "d.txt", "sentence": "</script>", "rule": "verb", "start": 0, "end": 9}])
    return g


def _page_json(page: str, block: str) -> dict:
    return json.loads(re.search(rf'<script type="application/json" id="{block}">(.*?)</script>', page, re.S).group(1))


def test_page_loads_nothing_from_the_network(built_dir):
    page = (built_dir / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)\s*=", page, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    assert not re.search(r"@import", page)
    assert "vis.Network" in page and "vis-network" in page


def test_csp_runs_only_the_pages_own_scripts_by_hash():
    page = render_page(evil_graph())
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1).replace("&#x27;", "'")
    script_src = re.search(r"script-src ([^;]+)", policy).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "default-src 'none'" in policy
    runnable = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(runnable) == 3  # vis-network, the layout and the page's own script; the data blocks are JSON
    hashes = {f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in runnable}
    assert set(script_src.split()) == hashes


def test_document_text_is_escaped_and_never_markup():
    page = render_page(evil_graph())
    assert "<img src=x" not in page
    assert _script_elements(page) == ["application/json", "application/json", None, None, None]  # no early end of a block
    data = _page_json(page, "newskg-data")
    assert EVIL in [n["label"] for n in data["nodes"]]
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


def test_bidi_and_zero_width_characters_are_removed_from_labels_and_search_keys():
    g = nx.MultiDiGraph()
    g.add_node("m", label="Mallory \u202eNGO\u202c Watch\u200b", type="NGO", names=["M\u200dW", "Ünïon\u2066"], mentions=[])
    node = page_data(g)["nodes"][0]
    assert node["label"] == "Mallory NGO Watch"
    assert node["names"] == ["MW", "Ünïon"]
    assert node["keys"] == ["mallory ngo watch", "mw", "union"]
    assert clean_text("a\u0007b\tc\n") == "ab\tc\n"
    assert search_key("ÁLVAREZ") == "alvarez" and search_key("Đoàn") == "đoan"


def _claim(id_, speaker, about, text, document, date):
    return {"id": id_, "speaker": speaker, "about": about, "text": text, "sentence": f"{speaker} said {text}.",
            "document": document, "date": date, "negated": False, "quoted": False, "events": [], "start": 0}


def invented_graph():
    """Two copies of one wire story and a third article, about invented actors."""
    g = nx.MultiDiGraph()
    g.graph["documents"] = {
        "wire-a.txt": {"file": "wire-a.txt", "title": "Vornish court jails editor", "date": "2031-03-04"},
        "wire-b.txt": {"file": "wire-b.txt", "title": "Vornish court jails editor", "date": "2031-03-05"},
        "later.txt": {"file": "later.txt", "title": "Appeal", "date": "2031-06-01"},
    }
    for node, label, kind in [("court", "Vornish High Court", "Court"), ("ed", "Tamsin Orrery", "Person"),
                              ("union", "Guild of Ink", "NGO"), ("city", "Bralk", "City"), ("lone", "Quiet Body", "GovernmentBody")]:
        g.add_node(node, label=label, type=kind, names=[], mentions=[], events=0, mention_count=1)
    sentence = "The Vornish High Court sentenced Tamsin Orrery on Monday."
    g.add_edge("court", "ed", key="sentences", predicate="sentences", label="sentences", kind="interaction", evidence=[
        {"document": "wire-a.txt", "sentence": sentence, "eventDate": "Monday", "documentDate": "2031-03-04", "eventClass": "sentences"},
        {"document": "wire-b.txt", "sentence": " The Vornish  High Court sentenced Tamsin Orrery on Monday.", "eventDate": "Monday",
         "documentDate": "2031-03-05", "eventClass": "sentences"},
    ])
    g.add_edge("union", "court", key="condemns", predicate="condemns", label="condemns", kind="interaction", evidence=[
        {"document": "later.txt", "sentence": "The Guild of Ink condemned the court.", "eventDate": "", "documentDate": "2031-06-01", "eventClass": "condemns"},
    ])
    g.add_edge("court", "city", key="locatedIn", predicate="locatedIn", label="located in", kind="structural", evidence=[
        {"document": "wire-a.txt", "sentence": "the court in Bralk", "documentDate": "2031-03-04", "eventClass": "locatedIn"},
    ])
    claims = [_claim("c1", "union", ["court"], "the verdict was political", "wire-a.txt", "2031-03-04"),
              _claim("c2", "union", ["court"], "the verdict was political", "wire-b.txt", "2031-03-05")]
    g.graph["claims"] = claims
    g.nodes["union"]["claims"] = claims
    return g


def test_same_sentence_from_several_copies_is_one_item_with_every_source():
    data = page_data(invented_graph())
    docs = [d["file"] for d in data["documents"]]
    edge = next(e for e in data["edges"] if e["predicate"] == "sentences")
    assert len(edge["items"]) == 1
    copies = edge["items"][0]["copies"]
    assert sorted(docs[c["doc"]] for c in copies) == ["wire-a.txt", "wire-b.txt"]
    # "Monday" is read against each copy's own date: the Monday on or before it.
    assert {(c["d0"], c["d1"]) for c in copies} == {day_range("2031-03-03") }
    assert len(data["claims"]) == 1 and len(data["claims"][0]["copies"]) == 2


def test_claims_become_links_from_speaker_to_the_actor_they_are_about():
    data = page_data(invented_graph())
    claim_edges = [e for e in data["edges"] if e["kind"] == "claim"]
    assert [(e["from"], e["to"], e["claims"]) for e in claim_edges] == [("union", "court", [0])]
    assert data["claims"][0]["about"] == ["court"] and data["claims"][0]["text"] == "the verdict was political"


def test_event_classes_structural_links_and_date_span():
    data = page_data(invented_graph())
    assert [c["cls"] for c in data["classes"]] == ["condemns", "sentences"]
    assert [s["predicate"] for s in data["structural"]] == ["locatedIn"]
    assert data["meta"]["firstDay"] == day_range("2031-03-03")[0]
    assert data["meta"]["lastDay"] == day_range("2031-06-01")[0]


def test_day_ranges_of_written_dates():
    assert day_range("28 November 2024") == day_range("2024-11-28") == day_range("November 28, 2024")
    first, last = day_range("2024")
    assert last - first == 365  # a leap year
    assert day_range("February", "2025-01-11") == day_range("2024-02")  # the last February before the document
    assert day_range("today", "2025-01-11") == day_range("2025-01-11")
    assert day_range("2024-02-30") is None and day_range("") is None


def test_sample_sizes_follow_events_and_structural_links_do_not_count(sample_kg):
    graph = sample_kg.to_networkx()
    data = page_data(graph)
    by_label = {n["label"]: n for n in data["nodes"]}
    biggest = sorted(data["nodes"], key=lambda n: -n["events"])[:4]
    assert biggest[0]["label"] == "European Parliament"
    assert not {"Hun Sen", "Hun Manet"} & {n["label"] for n in biggest}
    for node in data["nodes"]:
        interactions = [e for e in data["edges"] if e["kind"] == "interaction" and node["id"] in (e["from"], e["to"])]
        if not interactions and not graph.graph["events"]:
            assert node["events"] == 0, node["label"]  # only located in / member of / leads ...: not an event
    assert by_label["Cambodia"]["mentions"] > by_label["Cambodia"]["events"]


def test_max_nodes_and_min_degree_trim_the_picture_only(sample_kg):
    graph = sample_kg.to_networkx()
    full = page_data(graph)
    assert full["meta"]["drawnNodes"] == graph.number_of_nodes()
    trimmed = page_data(graph, PageOptions(max_nodes=10))
    assert trimmed["meta"]["drawnNodes"] == 10 and trimmed["meta"]["totalNodes"] == graph.number_of_nodes()
    assert trimmed["nodes"][0]["label"] == "European Parliament"  # the actor in most events comes first
    connected = page_data(graph, PageOptions(min_degree=1))
    assert all(graph.degree(n["id"]) >= 1 for n in connected["nodes"])
    drawn = {n["id"] for n in trimmed["nodes"]}
    assert all(e["from"] in drawn and e["to"] in drawn for e in trimmed["edges"])
    assert all(c["speaker"] in drawn for c in trimmed["claims"])


def test_sample_claims_reach_the_page_with_sources_and_dates(sample_kg):
    graph = sample_kg.to_networkx()
    data = page_data(graph)
    malin = next(n["id"] for n in data["nodes"] if n["label"] == "Chin Malin")
    said = [c for c in data["claims"] if c["speaker"] == malin]
    assert len(said) >= 3
    assert all(c["copies"] and data["documents"][c["copies"][0]["doc"]]["file"].endswith(".txt") for c in said)
    assert sum(len(c["copies"]) for c in data["claims"]) == len(graph.graph["claims"])


def test_two_thousand_nodes_render_with_bounded_physics():
    g = nx.MultiDiGraph()
    for i in range(2500):
        g.add_node(str(i), label=f"Actor {i}", type="Organization", names=[], mentions=[])
        if i:
            g.add_edge(str(i), str(i // 3), key="supports", predicate="supports", label="supports", kind="interaction", evidence=[])
    page = render_page(g, PageOptions(max_nodes=2000))
    options = _page_json(page, "newskg-options")
    assert options["physics"]["stabilization"]["iterations"] <= 150
    assert options["layout"]["improvedLayout"] is False
    assert len(_page_json(page, "newskg-data")["nodes"]) == 2000


def test_an_event_no_relation_stands_for_still_reaches_the_page():
    g = invented_graph()
    g.graph["events"] = {"ev1": {"eventClass": "ARREST", "trigger": "detained", "source": [], "target": ["lone"], "theme": [], "place": ["city"],
                                 "eventDate": "2031-04-02", "documentDate": "2031-06-01", "document": "later.txt",
                                 "sentence": "Quiet Body's chair was detained on 2 April.", "mode": "asserted", "negated": False}}
    data = page_data(g)
    (item,) = data["events"]
    assert item["targets"] == ["lone"] and item["sources"] == [] and item["cls"] == "ARREST"
    assert item["copies"][0]["d0"] == day_range("2031-04-02")[0]
    assert {"cls": "ARREST", "label": "arrest", "count": 1} in data["classes"]
