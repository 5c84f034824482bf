"""Entity and relation scores on the development set (texts newskg was not written for): newskg's
build beside a naive spaCy + rdflib graph, both scored in this one run by the shared scorer.

usage: python benchmarks/devset_scores.py [--devset ../shared/devset] [--scorer ../shared/scoring/score.py]

The naive graph keys every NER span by its surface text (one node per spelling), types it by its
NER label and links every pair of actors in a sentence: what a short spaCy script gives.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from rdflib import RDF, Graph

from newskg.api import KnowledgeGraph
from newskg.ontology import NKG

sys.path.insert(0, str(Path(__file__).resolve().parent))
from naive_baseline import naive_dataset  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FIGURES = ("entity_f1", "entity_recall", "entity_precision", "duplicates", "type_accuracy", "entities_out",
           "relation_pair_recall", "class_recall", "directed_class_recall", "pair_precision")


def score(scorer: Path, gold: Path, out: Path) -> dict:
    result = subprocess.run([sys.executable, str(scorer), str(gold), str(out), "--json"], capture_output=True, text=True, check=True)
    return json.loads(result.stdout[: result.stdout.rindex("}") + 1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--devset", type=Path, default=SHARED / "devset", help="folder with texts/ and gold.json")
    parser.add_argument("--scorer", type=Path, default=SHARED / "scoring" / "score.py")
    parser.add_argument("--misses", action="store_true", help="also list newskg's missed and unmatched actors")
    args = parser.parse_args()
    texts_dir = args.devset / "texts"
    files = sorted(texts_dir.glob("*.txt"))
    with tempfile.TemporaryDirectory(prefix="newskg-devset-") as tmp:
        ours, naive = Path(tmp) / "newskg", Path(tmp) / "naive"
        KnowledgeGraph.build([texts_dir]).save(ours, formats=("turtle",))
        dataset = naive_dataset([p.read_text(encoding="utf-8") for p in files])
        graph = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        for node, cls in list(graph.subject_objects(NKG.entityType)):
            graph.add((node, RDF.type, NKG[str(cls)]))
        naive.mkdir()
        graph.serialize(naive / "graph.ttl", format="turtle")
        scores = {"naive spaCy + rdflib": score(args.scorer, args.devset / "gold.json", naive),
                  "newskg": score(args.scorer, args.devset / "gold.json", ours)}
    print(f"devset: {len(files)} documents in {texts_dir}")
    print(f"{'':24s}" + "".join(f"{name:>22s}" for name in scores))
    for figure in FIGURES:
        print(f"{figure:24s}" + "".join(f"{s[figure]:>22}" for s in scores.values()))
    if args.misses:
        ours_scores = scores["newskg"]
        print("newskg missed:", ", ".join(ours_scores["missed_entities"]))
        print("newskg unmatched:", ", ".join(ours_scores["unmatched_output"]))
        print("newskg duplicates:", ours_scores["duplicate_groups"])


if __name__ == "__main__":
    main()
