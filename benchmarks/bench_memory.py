"""Peak memory of building one long, non-repeating document, against building the sample corpus.

Each build runs in its own process (``newskg build``), so its peak resident memory is measured alone
(``ru_maxrss`` of the finished child). The text is made of sentences drawn at random (fixed seed)
from the sample corpus' words and names, so no paragraph repeats and nothing is cached.

    python benchmarks/bench_memory.py --mb 1.5 5
"""

from __future__ import annotations

import argparse
import random
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newskg.extract.loading import bundled_corpus


def make_text(megabytes: float, seed: int = 1) -> str:
    """About ``megabytes`` MB of prose-like text that never repeats a paragraph."""
    rng = random.Random(seed)
    words = re.findall(r"[A-Za-z][a-z]+", " ".join(p.read_text(encoding="utf-8") for p in sorted(bundled_corpus().glob("*.txt"))))
    names = sorted({w for w in words if w[0].isupper()})
    lower = sorted({w.lower() for w in words if len(w) > 2})
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = 0
    while size < target:
        sentences = []
        for _ in range(rng.randint(2, 6)):
            n = rng.randint(8, 24)
            body = " ".join(rng.choice(names) if rng.random() < 0.15 else rng.choice(lower) for _ in range(n))
            sentences.append(f"{rng.choice(names)} {rng.choice(['said', 'urged', 'condemned', 'met'])} {body} on {rng.randint(1, 28)} May {rng.randint(1990, 2030)}.")
        paragraph = " ".join(sentences)
        parts.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(parts)


def measure(paths: list[str], out: Path) -> tuple[float, float]:
    """Seconds and peak resident MB of one ``newskg build`` in a fresh process."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "newskg.cli", "build", *paths, "--out", str(out), "--quiet", "--max-bytes", "20000000"], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not the largest of all children
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if child.returncode:
        raise SystemExit(f"newskg build failed with status {child.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[1.5, 5.0], help="sizes of the long document, in MB")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seconds, baseline = measure([str(bundled_corpus())], folder / "sample-out")
        print(f"sample corpus (5 documents): {seconds:.1f} s, peak {baseline:,.0f} MB")
        for mb in sorted(args.mb):
            path = folder / f"long-{mb:g}mb.txt"
            path.write_text(make_text(mb), encoding="utf-8")
            seconds, peak = measure([str(path)], folder / f"out-{mb:g}")
            print(f"one {mb:g} MB document: {seconds:.1f} s, peak {peak:,.0f} MB ({peak / baseline:.1f}x the sample corpus)")


if __name__ == "__main__":
    main()
