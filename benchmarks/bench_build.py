"""Build throughput: newskg's extract stage vs plain spaCy on the same texts, and worker scaling.

Prints documents/s for each configuration and the ratios measured in this one run.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import spacy

from newskg.api import KnowledgeGraph
from newskg.extract.loading import bundled_corpus
from newskg.extract.nlp import resolve_model_name
from newskg.extract.pipeline import ExtractSettings, Extractor


def make_corpus(folder: Path, copies: int) -> list[Path]:
    files = sorted(bundled_corpus().glob("*.txt"))
    out = []
    for copy in range(copies):
        for path in files:
            target = folder / f"{copy:04d}_{path.name}"
            # A marker line per copy keeps the hashes (and document ids) distinct.
            target.write_text(path.read_text(encoding="utf-8") + f"\n\nCopy {copy}.", encoding="utf-8")
            out.append(target)
    return out


def timed(label: str, func):
    start = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - start
    return result, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=10, help="copies of the 5 sample documents")
    parser.add_argument("--workers", type=int, nargs="+", default=[1], help="worker counts to compare")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="newskg-bench-"))
    try:
        files = make_corpus(folder, args.copies)
        texts = [p.read_text(encoding="utf-8") for p in files]
        n = len(files)
        model = resolve_model_name()
        plain = spacy.load(model)
        _, baseline = timed("spacy", lambda: sum(1 for _ in plain.pipe(texts, batch_size=16)))
        print(f"{n} documents, {sum(map(len, texts)):,} characters, model {model}")
        print(f"plain spaCy nlp.pipe:          {baseline:7.2f} s  {n / baseline:7.1f} docs/s")
        results = {}
        for workers in args.workers:
            extractor = Extractor(ExtractSettings(workers=workers))
            extractions, elapsed = timed("extract", lambda: [r for r in extractor.extract_paths([folder]) if hasattr(r, "document")])
            results[workers] = elapsed
            line = (f"newskg extract, {workers:2d} worker(s): {elapsed:7.2f} s  {n / elapsed:7.1f} docs/s  "
                    f"ratio to plain spaCy {elapsed / baseline:5.2f}")
            if workers > 1:
                # spaCy's own multiprocessing on the same texts: what newskg's workers are held to
                _, own = timed("spacy", lambda: sum(1 for _ in plain.pipe(texts, batch_size=16, n_process=workers)))
                line += f"  | spaCy n_process={workers}: {own:7.2f} s, newskg reaches {own / elapsed:4.2f}x its throughput"
            print(line)
        kg, graph_time = timed("graph", lambda: KnowledgeGraph.from_extractions(extractions))
        print(f"graph stage (canonicalise + RDF): {graph_time:5.2f} s  {kg.summary.entities} entities, "
              f"{kg.summary.relations} relations, {len(kg.dataset):,} triples")
        base = results[args.workers[0]]
        for workers, elapsed in results.items():
            print(f"speed-up with {workers} worker(s) vs {args.workers[0]}: {base / elapsed:5.2f}x")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
