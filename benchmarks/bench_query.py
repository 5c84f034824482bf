"""SPARQL on rdflib vs Oxigraph over a graph grown to N triples (copies of the sample graph).

Prints load and query times for both engines and their ratio, measured in this one run.
"""

from __future__ import annotations

import argparse
import time

import pyoxigraph
from rdflib import Dataset, URIRef

from newskg.api import KnowledgeGraph
from newskg.graph.build import new_dataset
from newskg.output.guard import QueryLimits
from newskg.output.query import _with_prefixes, example_queries, load_store, run_query

QUERY = "interactions"


def grow(dataset: Dataset, target: int) -> Dataset:
    """Copies of the sample graph with every minted IRI suffixed, until ``target`` triples."""
    base = list(dataset.quads((None, None, None, None)))
    grown = new_dataset()
    copy = 0
    while len(grown) < target:
        suffix = f"-c{copy}"

        def rename(term):
            if isinstance(term, URIRef) and str(term).startswith("https://w3id.org/newskg/id/"):
                return URIRef(str(term) + suffix)
            return term

        for s, p, o, g in base:
            graph = grown.graph(rename(g.identifier if hasattr(g, "identifier") else g))
            graph.add((rename(s), p, rename(o)))
        copy += 1
    return grown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--triples", type=int, default=100_000)
    args = parser.parse_args()
    kg = KnowledgeGraph.build()
    start = time.perf_counter()
    big = grow(kg.dataset, args.triples)
    print(f"graph of {len(big):,} triples grown in {time.perf_counter() - start:.1f} s")
    text = example_queries()[QUERY].text

    start = time.perf_counter()
    # No time or row limit here: the benchmark measures the engine, not the guard.
    rows_rdflib = len(run_query(big, text, limits=QueryLimits(timeout_s=3600, max_rows=10**9, memory_mb=10**6)))
    rdflib_time = time.perf_counter() - start

    start = time.perf_counter()
    store = pyoxigraph.Store()
    load_store(store, big)
    load_time = time.perf_counter() - start

    start = time.perf_counter()
    rows_oxigraph = len(list(store.query(_with_prefixes(text))))
    oxigraph_time = time.perf_counter() - start
    print(f"query '{QUERY}': rdflib {rdflib_time:.2f} s ({rows_rdflib} rows); "
          f"oxigraph {oxigraph_time:.3f} s ({rows_oxigraph} rows) after a {load_time:.2f} s load")
    print(f"rdflib / oxigraph query time: {rdflib_time / oxigraph_time:.1f}x; "
          f"including oxigraph's load: {rdflib_time / (oxigraph_time + load_time):.1f}x")


if __name__ == "__main__":
    main()
