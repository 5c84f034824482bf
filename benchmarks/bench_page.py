"""Drawing the page and the analytics for synthetic actor networks of several sizes, and (with
``--browser``) how long headless Chromium takes to lay the page out and stop, side by side.

The settle time is the page's own figure: ``performance.now()`` when the physics has stopped and
the overlap removal is done (``window.newskg.settledMs``), from navigation start.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

import networkx as nx

from newskg.graph.network import centrality, communities
from newskg.output.page import PageOptions, render_page


def network(n: int, seed: int = 7) -> nx.MultiDiGraph:
    """A news-like network: a few hubs that many act on, claims, dates over a year, 1/5 isolated."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    types = ["Person", "GovernmentBody", "NGO", "Country", "Law"]
    g.graph["documents"] = {f"d{k}.txt": {"file": f"d{k}.txt", "title": f"Story {k}", "date": f"2031-{1 + k % 12:02d}-{1 + k % 27:02d}"}
                            for k in range(max(5, n // 10))}
    docs = sorted(g.graph["documents"])
    for i in range(n):
        g.add_node(str(i), label=f"Actor {i}", type=rng.choice(types), names=[], claims=[], claims_about=[],
                   mentions=[{"document": rng.choice(docs), "sentence": "x" * 120}] * 3, mention_count=3, events=0)
    for i in range(1, int(n * 0.8)):
        for _ in range(2):
            j = int(rng.paretovariate(1.2)) % i
            relation = rng.choice(["demands", "condemns", "supports"])
            doc = rng.choice(docs)
            g.add_edge(str(i), str(j), key=relation, predicate=relation, label=relation, kind="interaction",
                       evidence=[{"document": doc, "sentence": f"Actor {i} {relation} Actor {j}.", "documentDate": g.graph["documents"][doc]["date"],
                                  "eventDate": "", "eventClass": relation, "rule": "verb", "start": 0, "end": 1}])
    for node in g:
        g.nodes[node]["events"] = sum(1 for _, _, d in g.edges(node, data=True)) + g.in_degree(node)
    return g


def settle_times(pages: list[Path]) -> list[float]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-dev-shm-usage", "--window-size=1600,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        times = []
        for page in pages:
            best = float("inf")
            for _ in range(2):
                driver.get("about:blank")
                driver.get(page.as_uri())
                WebDriverWait(driver, 120).until(lambda d: d.execute_script("return document.body.dataset.stabilized === 'true'"))
                best = min(best, driver.execute_script("return window.newskg.settledMs") / 1000)
            times.append(best)
        return times
    finally:
        driver.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--browser", action="store_true", help="also measure the settle time in headless Chromium")
    args = parser.parse_args()
    first = None
    folder = Path(tempfile.mkdtemp(prefix="newskg-bench-page-"))
    pages = []
    for n in args.nodes:
        g = network(n)
        start = time.perf_counter()
        page = render_page(g, PageOptions(max_nodes=2000))
        page_time = time.perf_counter() - start
        (folder / f"page-{n}.html").write_text(page, encoding="utf-8")
        pages.append(folder / f"page-{n}.html")
        start = time.perf_counter()
        centrality(g, top=10)
        communities(g)
        analytics_time = time.perf_counter() - start
        first = first or (n, page_time)
        print(f"{n:6d} actors: page {page_time:6.2f} s ({len(page) / 1e6:.1f} MB), analytics {analytics_time:6.2f} s, "
              f"page time per actor relative to {first[0]}: {(page_time / n) / (first[1] / first[0]):.2f}")
    if args.browser:
        times = settle_times(pages)
        for n, seconds in zip(args.nodes, times):
            print(f"{n:6d} actors: settled in Chromium after {seconds:5.2f} s (best of 2), {seconds / times[0]:.2f}x the {args.nodes[0]}-actor page")


if __name__ == "__main__":
    main()
