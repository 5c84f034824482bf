"""The page lists only so much, however large the corpus: each relation's first sentences, each
item's first sources, each actor's first claims and events, and whole counts of the rest."""

from __future__ import annotations

import random

import networkx as nx

from newskg.output.page import PageOptions, group_network, page_data
from newskg.output.page.groups import Groups

WHOLE = PageOptions(sentences_per_relation=10**6, sources_per_item=10**6, claims_per_actor=10**6, events_per_actor=10**6)
SMALL = PageOptions(sentences_per_relation=3, sources_per_item=4, claims_per_actor=2, events_per_actor=2)


def copied_story(copies: int, distinct: int = 6) -> nx.MultiDiGraph:
    """One wire story about invented actors, printed in ``copies`` documents; it has ``distinct``
    sentences on one relation, ``distinct`` claims of one speaker and ``distinct`` events that no
    relation stands for."""
    g = nx.MultiDiGraph()
    files = [f"wire-{i:03d}.txt" for i in range(copies)]
    g.graph["documents"] = {f: {"file": f, "title": "Vornish court jails editor", "date": f"2031-03-{1 + i % 28:02d}"}
                            for i, f in enumerate(files)}
    for node, label, kind in [("court", "Vornish High Court", "Court"), ("ed", "Tamsin Orrery", "Person"),
                              ("union", "Guild of Ink", "NGO"), ("lone", "Quiet Body", "GovernmentBody")]:
        g.add_node(node, label=label, type=kind, names=[], mentions=[], events=distinct, mention_count=copies)
    evidence = [
        {"document": f, "sentence": f"The Vornish High Court sentenced Tamsin Orrery on count {k}.", "start": 100 * k,
         "eventDate": "", "documentDate": g.graph["documents"][f]["date"], "eventClass": "sentences"}
        for f in files for k in range(distinct)
    ]
    g.add_edge("court", "ed", key="sentences", predicate="sentences", label="sentences", kind="interaction",
               evidence=sorted(evidence, key=lambda e: (e["document"], e["start"])))
    claims = [
        {"id": f"c-{f}-{k}", "speaker": "union", "about": ["court"], "text": f"verdict {k} was political",
         "sentence": f"The Guild of Ink said verdict {k} was political.", "document": f, "date": g.graph["documents"][f]["date"],
         "negated": False, "quoted": False, "events": [], "start": 10 * k}
        for f in files for k in range(distinct)
    ]
    g.graph["claims"] = sorted(claims, key=lambda c: (c["document"], c["start"], c["id"]))
    g.nodes["union"]["claims"] = g.graph["claims"]
    g.graph["events"] = {
        f"ev-{f}-{k}": {"eventClass": "ARREST", "trigger": "detained", "source": [], "target": ["lone"], "theme": [], "place": [],
                        "eventDate": "", "documentDate": g.graph["documents"][f]["date"], "document": f,
                        "sentence": f"Quiet Body's officer {k} was detained.", "mode": "asserted", "negated": False}
        for f in files for k in range(distinct)
    }
    return g


def _cut(item: dict, sources: int) -> dict:
    cut = dict(item, copies=item["copies"][:sources])
    if len(item["copies"]) > sources:
        cut["more"] = True
    return cut


def test_a_bounded_page_is_the_whole_page_cut_short_with_whole_counts():
    g = copied_story(copies=9)
    whole, small = page_data(g, WHOLE), page_data(g, SMALL)
    (edge,) = [e for e in whole["edges"] if e["predicate"] == "sentences"]
    (cut,) = [e for e in small["edges"] if e["predicate"] == "sentences"]
    assert edge["itemCount"] == cut["itemCount"] == 6 and len(edge["items"]) == 6
    assert cut["items"] == [_cut(item, 4) for item in edge["items"][:3]]
    assert all(len(item["copies"]) == 9 and "more" not in item for item in edge["items"])
    assert small["claims"] == [_cut(claim, 4) for claim in whole["claims"][:2]]
    assert small["events"] == [_cut(item, 4) for item in whole["events"][:2]]
    nodes = {n["id"]: n for n in small["nodes"]}
    assert nodes["union"]["claimsNotShown"] == 4 and nodes["lone"]["eventsNotShown"] == 4
    assert not any("claimsNotShown" in n or "eventsNotShown" in n for n in whole["nodes"])


def test_the_page_does_not_grow_with_the_copies_of_a_story():
    few, many = page_data(copied_story(copies=12)), page_data(copied_story(copies=40))
    for part in ("edges", "claims", "events"):
        assert few[part] == many[part], part
    assert all(len(item["copies"]) == 10 and item["more"] for e in many["edges"] if e["kind"] == "interaction" for item in e["items"])
    assert len(many["documents"]) == 40  # every document stays in the filter


def test_the_network_the_page_reads_keeps_only_what_it_shows():
    grouped = group_network(copied_story(copies=50, distinct=40), SMALL)
    groups = grouped.edges["court", "ed", "sentences"]["groups"]
    assert groups.count == 40 and len(groups.shown()) == 3
    held = groups._groups
    assert len(held) <= 2 * SMALL.sentences_per_relation + 16
    assert all(len(sources) <= 2 * SMALL.sources_per_item + 16 for _, _, sources, _ in held.values())


def _shuffled_groups(items, keep, copies, rng):
    rng.shuffle(items)
    groups = Groups(keep=keep, copies=copies)
    for key, order, copy in items:
        groups.add(key, order, (key, order), copy)
    return groups


def test_what_groups_keep_does_not_depend_on_the_order_items_come_in():
    rng = random.Random(7)
    items = [(f"key{k % 23}", (f"doc{k:03d}", k % 5), f"doc{k:03d}") for k in range(300)]
    first: dict[str, list] = {}
    for key, order, copy in sorted(items, key=lambda i: i[1]):
        first.setdefault(key, []).append((order, copy))
    ranked = sorted(first, key=lambda k: first[k][0][0])
    for _ in range(20):
        # 23 groups, none set aside: groups and their first sources are exact
        groups = _shuffled_groups(items, keep=4, copies=3, rng=rng)
        assert groups.count == 23
        assert [(g.key, g.item, g.copies) for g in groups.shown()] == [
            (k, (k, first[k][0][0]), tuple(c for _, c in first[k][:3])) for k in ranked[:4]
        ]
        # keeping 2 sets groups aside as they come: which are shown, their first item and the count stay exact
        groups = _shuffled_groups(items, keep=2, copies=3, rng=rng)
        assert groups.count == 23
        assert [(g.key, g.item) for g in groups.shown()] == [(k, (k, first[k][0][0])) for k in ranked[:2]]
