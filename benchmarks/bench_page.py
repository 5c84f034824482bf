"""Drawing the page and the analytics for synthetic actor networks of several sizes."""

from __future__ import annotations

import argparse
import random
import time

import networkx as nx

from newskg.graph.network import centrality, communities
from newskg.output.page import PageOptions, render_page


def network(n: int, seed: int = 7) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    types = ["Person", "GovernmentBody", "NGO", "Country", "Law"]
    for i in range(n):
        g.add_node(str(i), label=f"Actor {i}", type=rng.choice(types), names=[], mentions=[{"document": "d.txt", "sentence": "x" * 120}] * 3)
    for i in range(1, n):
        for _ in range(2):
            j = rng.randrange(i)
            g.add_edge(str(i), str(j), key=rng.choice(["demands", "condemns", "supports"]), predicate="demands",
                       label="demands", kind="interaction", evidence=[{"document": "d.txt", "sentence": "y" * 150, "rule": "verb", "start": 0, "end": 1}])
    return g


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, nargs="+", default=[500, 2000])
    args = parser.parse_args()
    first = None
    for n in args.nodes:
        g = network(n)
        start = time.perf_counter()
        page = render_page(g, PageOptions(max_nodes=2000))
        page_time = time.perf_counter() - start
        start = time.perf_counter()
        centrality(g, top=10)
        communities(g)
        analytics_time = time.perf_counter() - start
        first = first or (n, page_time)
        print(f"{n:6d} actors: page {page_time:6.2f} s ({len(page) / 1e6:.1f} MB), analytics {analytics_time:6.2f} s, "
              f"page time per actor relative to {first[0]}: {(page_time / n) / (first[1] / first[0]):.2f}")


if __name__ == "__main__":
    main()
