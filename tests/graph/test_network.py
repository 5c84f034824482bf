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
    # the texts write both spellings equally often: the label is the one its id is made from
    assert sample_kg.label(hops[-1].target) == "International Labour Organisation"
    assert sample_kg.label(hops[0].source) == "Khun Tharo"
    assert all(h.evidence for h in hops)
    graph = sample_kg.to_networkx()
    assert connection_path(graph, find_entity(graph, "Khun Tharo"), "https://example.org/nowhere") is None


def _contract_dataset():
    """A hand-made graph in the events contract: one n-ary event projected to a direct triple,
    a claim that contains it, and a located-in link; all names invented."""
    from rdflib import RDF, RDFS, Dataset, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, PROV, XSD

    from newskg.graph.build import new_dataset
    from newskg.ontology import NKG

    k = Namespace(str(NKG._NS))
    ds: Dataset = new_dataset()
    g = ds.graph(URIRef("https://w3id.org/newskg/id/graph/doc-1"))
    ent = Namespace("https://w3id.org/newskg/id/entity/")
    doc = URIRef("https://w3id.org/newskg/id/document/doc-1")
    g.add((doc, k.fileName, Literal("doc-1.txt")))
    g.add((doc, DCTERMS.date, Literal("2031-05-02", datatype=XSD.date)))
    for name, label, kind in [("police", "Zembla Police", "GovernmentBody"), ("poet", "Ada Quill", "Person"),
                              ("guild", "Quill Guild", "NGO"), ("zembla", "Zembla", "Country")]:
        g.add((ent[name], k.entityType, Literal(kind)))
        g.add((ent[name], RDFS.label, Literal(label)))
    event = URIRef("https://w3id.org/newskg/id/event/doc-1/0")
    g.add((event, RDF.type, k.ArrestEvent))
    g.add((event, k.eventClass, Literal("ARREST")))
    g.add((event, k.trigger, Literal("arrested")))
    g.add((event, k.source, ent.police))
    g.add((event, k.target, ent.poet))
    g.add((event, k.theme, ent.guild))
    g.add((event, k.eventDate, Literal("2031-05-01", datatype=XSD.date)))
    g.add((event, PROV.wasDerivedFrom, doc))
    g.add((event, k.sentence, Literal("Zembla Police arrested Ada Quill of the Quill Guild on 1 May.")))
    g.add((ent.police, k.arrests, ent.poet))
    st = URIRef("https://w3id.org/newskg/id/statement/s0")
    for p, o in [(RDF.type, k.Statement), (RDF.subject, ent.police), (RDF.predicate, k.arrests), (RDF.object, ent.poet),
                 (PROV.wasDerivedFrom, doc), (k.sentence, Literal("Zembla Police arrested Ada Quill of the Quill Guild on 1 May.")),
                 (k.fromEvent, event)]:
        g.add((st, p, o))
    g.add((ent.police, k.locatedIn, ent.zembla))
    claim = URIRef("https://w3id.org/newskg/id/claim/c0")
    for p, o in [(RDF.type, k.Claim), (k.speaker, ent.guild), (k.about, ent.police), (k.claimText, Literal("the arrest was unlawful")),
                 (PROV.wasDerivedFrom, doc), (k.containsEvent, event), (k.negated, Literal(False))]:
        g.add((claim, p, o))
    return ds


def test_events_contract_is_read_when_present():
    from newskg.graph.network import to_networkx

    graph = to_networkx(_contract_dataset())
    ids = {d["label"]: n for n, d in graph.nodes(data=True)}
    police, poet, guild, zembla = (ids[x] for x in ("Zembla Police", "Ada Quill", "Quill Guild", "Zembla"))
    (event,) = graph.graph["events"].values()
    assert event["eventClass"] == "ARREST" and event["theme"] == [guild] and event["documentDate"] == "2031-05-02"
    item = graph.get_edge_data(police, poet)["arrests"]["evidence"][0]
    assert item["eventClass"] == "ARREST" and item["eventDate"] == "2031-05-01" and item["documentDate"] == "2031-05-02"
    # The guild takes part as the event's theme; the country only through a located-in link, which is no event.
    assert [graph.nodes[n]["events"] for n in (police, poet, guild, zembla)] == [1, 1, 1, 0]
    (claim,) = graph.graph["claims"]
    assert claim["speaker"] == guild and claim["about"] == [police] and claim["events"] == list(graph.graph["events"])
    assert graph.nodes[guild]["claims"] == [claim] and graph.nodes[police]["claims_about"] == [claim]


def test_sample_without_event_nodes_uses_the_relation_as_event_class(sample_kg):
    graph = sample_kg.to_networkx()
    parliament = find_entity(graph, "European Parliament")
    for _, _, key, data in graph.out_edges(parliament, keys=True, data=True):
        if data["kind"] == "interaction" and not graph.graph["events"]:
            assert {e["eventClass"] for e in data["evidence"]} == {key}
    documents = graph.graph["documents"]
    assert all(e["documentDate"] == documents[e["document"]]["date"] for _, _, d in graph.edges(data=True) for e in d["evidence"])
    malin = find_entity(graph, "Chin Malin")
    assert len(graph.nodes[malin]["claims"]) >= 3
    assert graph.graph["documents"]["004_af0515bfd730e919.txt"]["date"] == "2024-11-28"


def test_a_capped_network_keeps_each_actors_first_sentences_and_true_counts(sample_kg):
    from newskg.graph.network import to_networkx

    full = to_networkx(sample_kg.dataset)
    capped = to_networkx(sample_kg.dataset, mentions_per_node=2)
    many = [n for n, d in full.nodes(data=True) if len(d["mentions"]) > 2]
    assert many, "the sample has actors mentioned more than twice"
    for node, data in full.nodes(data=True):
        assert capped.nodes[node]["mentions"] == data["mentions"][:2]
        assert capped.nodes[node]["mention_count"] == data["mention_count"] >= len(data["mentions"])
    assert capped.graph["claims"] == full.graph["claims"] and capped.graph["events"] == full.graph["events"]
    assert sorted(capped.edges(keys=True)) == sorted(full.edges(keys=True))


def test_the_page_drawn_from_a_capped_network_is_the_page_of_the_whole(sample_kg):
    from newskg.api import _in_fixed_order
    from newskg.graph.network import to_networkx
    from newskg.output.page import MENTIONS_SHOWN, render_page

    def page(network):
        return render_page(_in_fixed_order(network), documents=5)

    assert page(to_networkx(sample_kg.dataset, mentions_per_node=MENTIONS_SHOWN)) == page(to_networkx(sample_kg.dataset))
    assert page(to_networkx(sample_kg.dataset, mentions_per_node=1)) != page(to_networkx(sample_kg.dataset))


def test_the_page_read_a_node_at_a_time_is_the_page_of_the_whole_network(sample_kg):
    from newskg.api import _in_fixed_order
    from newskg.graph.network import to_networkx
    from newskg.output.page import PageOptions, page_network, render_page

    for options in (PageOptions(), PageOptions(sentences_per_actor=2, sentences_per_relation=1, claims_per_actor=1, events_per_actor=1)):
        streamed = render_page(_in_fixed_order(page_network(sample_kg.dataset, options)), options, documents=5)
        whole = render_page(_in_fixed_order(to_networkx(sample_kg.dataset)), options, documents=5)
        assert streamed == whole
