"""The archive at scale: memory against corpus size, adding one document, and queries on the store.

Each build runs in its own process (peak memory is that process's own, from ``getrusage``), on
corpora made from the real sample and development-set articles (a marker line per copy keeps
every file distinct). Prints, measured in this one run:

- peak memory and time of ``newskg build`` for each corpus size, and the memory a document adds;
- the same for the in-memory path of 0.1 (``KnowledgeGraph.build`` + ``save``), for comparison;
- ``newskg add`` of one new document to the largest build, the store only (``--no-files``), then
  with the files written (the unchanged graphs' blocks copied from the ``graph.trig`` the first
  addition kept in the archive, the page read on from the state the build's drawing kept), and once
  more (copied from the last files, read on from the last state), and once more in a process that
  runs ``newskg watch`` (newskg imported and the model loaded by its previous round);
- the page alone on that build (its network read from the store): time and peak memory;
- ``newskg query`` end to end (process start to first row) on the largest build, against
  parsing its ``graph.trig`` with rdflib;
- each bundled query on the largest store.

Examples
--------
python benchmarks/bench_archive.py --docs 250 1000 --compare
python benchmarks/bench_archive.py --docs 1000 5000 10000
python benchmarks/bench_archive.py --draw-on DIR/out-1000 DIR/out-10000
python benchmarks/bench_archive.py --docs 400 --spacy --repeat 4 --no-queries
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset" / "texts"

_CHILD = r"""
import json, resource, sys, time
mode, corpus, out = sys.argv[1:4]
start = time.perf_counter()
if mode == "spacy":
    import pathlib, spacy
    from newskg.extract.nlp import resolve_model_name
    nlp = spacy.load(resolve_model_name())
    texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(corpus).glob("*.txt"))]
    n = sum(1 for _ in nlp.pipe(texts, batch_size=16))
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "peak_mb": peak, "documents": n}))
    sys.exit(0)
if mode == "archive":
    from newskg.api import build_archive
    kg, summary = build_archive([corpus], out)
    import pyoxigraph
    facts = len(pyoxigraph.Store.read_only(str(kg.store)))
elif mode == "draw":
    from newskg.api import KnowledgeGraph
    kg = KnowledgeGraph.open(out)
    page = kg.page()
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "peak_mb": peak, "bytes": len(page.encode("utf-8")), "documents": kg._document_count()}))
    sys.exit(0)
elif mode == "watch":
    # a round of `newskg watch`: the process has run a round already (nothing new; the model is
    # loaded after it), then the new file comes
    from newskg.builds import KeptExtractor, build_archive
    kept = KeptExtractor()
    build_archive([], out, mode="add", kept=kept)
    start = time.perf_counter()
    kg, summary = build_archive([corpus], out, mode="add", kept=kept)
    facts = 0
elif mode in ("add", "add-store"):
    from newskg.api import build_archive
    kg, summary = build_archive([corpus], out, mode="add", files=mode == "add")
    facts = 0
else:
    from newskg.api import KnowledgeGraph
    kg = KnowledgeGraph.build([corpus])
    kg.save(out)
    summary, facts = kg.summary, len(kg.dataset)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "peak_mb": peak, "documents": summary.documents, "extracted": summary.extracted,
                  "entities": summary.entities, "quads": facts}))
"""


def sources() -> list[tuple[str, str]]:
    from newskg.extract.loading import bundled_corpus

    files = sorted(bundled_corpus().glob("*.txt")) + (sorted(DEVSET.glob("*.txt")) if DEVSET.is_dir() else [])
    return [(p.stem, p.read_text(encoding="utf-8")) for p in files]


def make_corpus(folder: Path, n: int) -> Path:
    texts = sources()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        stem, text = texts[i % len(texts)]
        (folder / f"{i:05d}_{stem}.txt").write_text(f"{text}\n\nCopy {i}.", encoding="utf-8")
    return folder


def child(mode: str, corpus: Path, out: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _CHILD, mode, str(corpus), str(out)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def timed_command(args: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, done.stdout


def bundled_queries(out: Path) -> None:
    """Every bundled query on the store of the build in ``out``: the engine's time to the last row
    (the median of three runs on the store opened once, as ``serve`` holds it), and ``newskg query``
    end to end."""
    import pyoxigraph

    from newskg.api import KnowledgeGraph
    from newskg.errors import NewskgError
    from newskg.output.guard import QueryLimits
    from newskg.output.query import example_queries, with_prefixes

    kg = KnowledgeGraph.load(out)
    store = pyoxigraph.Store.read_only(str(kg.store))
    print(f"bundled queries on {out.name}: {len(store):,} quads")
    for name, example in sorted(example_queries().items()):
        text, _ = with_prefixes(example.text)
        start = time.perf_counter()
        try:
            answer = kg.query(name, limits=QueryLimits(timeout_s=60, max_rows=10_000_000))
        except NewskgError as exc:
            print(f"  {name:22s} {exc}")
            continue
        whole = time.perf_counter() - start
        times = []
        for _ in range(3):  # the median of three, on the store held open as `serve` holds it
            start = time.perf_counter()
            rows = sum(1 for _ in store.query(text))
            times.append(time.perf_counter() - start)
        engine = sorted(times)[1]
        print(f"  {name:22s} engine {1000 * engine:7.0f} ms   newskg query {1000 * whole:7.0f} ms   {rows:8,d} rows ({len(answer):,})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, nargs="+", default=[250, 1000], help="corpus sizes")
    parser.add_argument("--compare", action="store_true", help="also build each size with the in-memory path of 0.1")
    parser.add_argument("--spacy", action="store_true", help="also time bare spaCy (load + nlp.pipe) on each corpus")
    parser.add_argument("--repeat", type=int, default=1,
                        help="with --spacy: time build and bare spaCy this many times each, interleaved (ABBA), and print every ratio and the median")
    parser.add_argument("--keep", type=Path, help="keep the corpora and builds in this folder")
    parser.add_argument("--queries-on", type=Path, nargs="+", help="only time the bundled queries on these build folders")
    parser.add_argument("--draw-on", type=Path, nargs="+",
                        help="only draw the page of these build folders (smallest first): time, peak memory, and what a document adds")
    parser.add_argument("--no-queries", action="store_true",
                        help="skip the rdflib parse and the bundled queries on the largest build (time them with --queries-on)")
    args = parser.parse_args()
    if args.queries_on:
        for folder in args.queries_on:
            bundled_queries(folder)
        return
    if args.draw_on:
        drawn = []
        for folder in args.draw_on:
            result = child("draw", folder, folder)
            documents = result["documents"]
            drawn.append((documents, result))
            print(f"the page alone on {folder} ({documents} documents): {result['seconds']:.1f} s, peak {result['peak_mb']:.0f} MB, "
                  f"{result['bytes'] / 1e6:.2f} MB of HTML", flush=True)
        (n0, r0), (n1, r1) = drawn[0], drawn[-1]
        if isinstance(n0, int) and isinstance(n1, int) and n1 > n0:
            print(f"memory a document adds to the page: {(r1['peak_mb'] - r0['peak_mb']) / (n1 - n0) * 1024:.1f} KB")
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="newskg-archive-bench-"))
    newskg = str(Path(sys.executable).with_name("newskg"))
    try:
        rows = []
        for n in args.docs:
            corpus = make_corpus(work / f"corpus-{n}", n)
            # a user's corpus was written long before the build: files written within the last two
            # seconds are hashed again at every update (see newskg.archive.update._scan)
            time.sleep(2.1)
            result = child("archive", corpus, work / f"out-{n}")
            line = f"{n:6d} docs  archive build {result['seconds']:7.1f} s  peak {result['peak_mb']:6.0f} MB  {result['quads']:,} quads"
            if args.spacy:
                # on a shared machine the speed drifts within minutes: pairs taken in ABBA order
                # (build, spaCy, spaCy, build ...) share the drift, and the median says more than one pair
                builds, bares = [result["seconds"]], [child("spacy", corpus, work / "unused")["seconds"]]
                for r in range(1, args.repeat):
                    for mode in ("spacy", "archive") if r % 2 else ("archive", "spacy"):
                        again = work / f"again-{n}-{r}"
                        (bares if mode == "spacy" else builds).append(child(mode, corpus, again)["seconds"])
                        shutil.rmtree(again, ignore_errors=True)
                ratios = sorted(b / s for b, s in zip(builds, bares))
                line += f"   | bare spaCy load + nlp.pipe {bares[0]:7.1f} s: build = {builds[0] / bares[0]:.2f}x"
                if args.repeat > 1:
                    line += f"; {args.repeat} pairs: " + ", ".join(f"{x:.2f}x" for x in ratios) + f" (median {ratios[len(ratios) // 2]:.2f}x)"
            if args.compare:
                old = child("memory", corpus, work / f"old-{n}")
                line += f"   | in memory (0.1) {old['seconds']:7.1f} s  peak {old['peak_mb']:6.0f} MB  (memory {old['peak_mb'] / result['peak_mb']:.2f}x)"
            print(line, flush=True)
            rows.append((n, result))
        if len(rows) > 1:
            (n0, r0), (n1, r1) = rows[0], rows[-1]
            print(f"memory a document adds (archive): {(r1['peak_mb'] - r0['peak_mb']) / (n1 - n0) * 1024:.0f} KB "
                  f"({r0['peak_mb']:.0f} MB at {n0} -> {r1['peak_mb']:.0f} MB at {n1})")
        n, full = rows[-1]
        out = work / f"out-{n}"
        extra = work / "extra"
        extra.mkdir(exist_ok=True)
        stem, text = sources()[1]
        (extra / "store-only.txt").write_text(text.replace(".", ". Earlier that day.", 1) + "\n\nA new article.", encoding="utf-8")
        stored = child("add-store", extra / "store-only.txt", out)
        print(f"add 1 document to {n}, the store only (--no-files): {stored['seconds']:.2f} s; read {stored['extracted']}, "
              f"peak {stored['peak_mb']:.0f} MB")
        (extra / "new-article.txt").write_text(text.replace(".", ". Later that day.", 1) + "\n\nA new article.", encoding="utf-8")
        added = child("add", extra / "new-article.txt", out)
        print(f"add 1 document to {n}: {added['seconds']:.2f} s (full build {full['seconds']:.1f} s: {full['seconds'] / added['seconds']:.0f}x faster); "
              f"read {added['extracted']}, peak {added['peak_mb']:.0f} MB")
        # the previous add copied from the graph.trig the one before it kept in the archive (it wrote
        # no files) and read the page on from the build's state; this one copies from the last files
        (extra / "third-article.txt").write_text(text.replace(".", ". That evening.", 1) + "\n\nA third article.", encoding="utf-8")
        again = child("add", extra / "third-article.txt", out)
        print(f"add 1 more document to {n + 2}, graph.trig's unchanged blocks copied from the last: {again['seconds']:.2f} s; "
              f"read {again['extracted']}, peak {again['peak_mb']:.0f} MB")
        (extra / "fourth-article.txt").write_text(text.replace(".", ". At night.", 1) + "\n\nA fourth article.", encoding="utf-8")
        watched = child("watch", extra / "fourth-article.txt", out)
        print(f"add 1 more document to {n + 3} in a running `newskg watch` (imported, model loaded): {watched['seconds']:.2f} s; "
              f"read {watched['extracted']}, peak {watched['peak_mb']:.0f} MB")
        drawn = child("draw", extra, out)
        print(f"the page alone (the network read from the store and drawn) on {n + 3}: {drawn['seconds']:.1f} s, "
              f"peak {drawn['peak_mb']:.0f} MB, {drawn['bytes'] / 1e6:.1f} MB of HTML")
        first, _ = timed_command([newskg, "query", "SELECT ?x WHERE { ?x a nkg:Person } LIMIT 1", "--graph", str(out), "--format", "csv"])
        if args.no_queries:
            print(f"newskg query, first row end to end: {first:.2f} s")
            return
        parse, _ = timed_command([sys.executable, "-c", "import sys; from rdflib import Dataset; Dataset().parse(sys.argv[1], format='trig')", str(out / "graph.trig")])
        print(f"newskg query, first row end to end: {first:.2f} s (parsing graph.trig with rdflib alone: {parse:.1f} s)")
        bundled_queries(out)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
