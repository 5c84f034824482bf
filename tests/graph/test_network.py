from __future__ import annotations

import networkx as nx

from newskg.graph.network import centrality, communities, connection_path, find_entity


def test_networkx_view_keeps_direction_types_and_evidence(sample_kg):
    graph = sample_kg.to_networkx()
    tharo = find_entity(graph, "Khun Tharo")
    central = find_entity(graph, "CENTRAL")
    assert graph.nodes[tharo]["type"] == "Person"
    assert graph.has_edge(tharo, central) and not graph.has_edge(central, tharo)
    data = graph.get_edge_data(tharo, central)["memberOf"]
    assert data["evidence"][0]["document"] == "004_af0515bfd730e919.txt"


def test_centrality_ranks_hubs_first():
    g = nx.MultiDiGraph()
    for leaf in "abcd":
        g.add_node(leaf, label=leaf)
        g.add_edge(leaf, "hub", key="demands")
    g.add_node("hub", label="hub")
    ranked = centrality(g, top=None)
    assert ranked[0].node == "hub" and ranked[0].degree == 1.0


def test_communities_split_disconnected_groups():
    g = nx.MultiDiGraph()
    for a, b in [("a", "b"), ("b", "c"), ("x", "y"), ("y", "z")]:
        g.add_node(a, label=a)
        g.add_node(b, label=b)
        g.add_edge(a, b, key="supports")
    assert sorted(communities(g)) == [["a", "b", "c"], ["x", "y", "z"]]


def test_path_between_two_actors_walks_edges_either_way(sample_kg):
    hops = sample_kg.path("Khun Tharo", "ILO")
    assert hops is not None and len(hops) >= 2
    assert sample_kg.label(hops[-1].target) == "International Labour Organization"
    assert sample_kg.label(hops[0].source) == "Khun Tharo"
    assert all(h.evidence for h in hops)
    graph = sample_kg.to_networkx()
    assert connection_path(graph, find_entity(graph, "Khun Tharo"), "https://example.org/nowhere") is None
