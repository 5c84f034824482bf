"""A build folder kept up to date with its corpus, in one long-running process: ``newskg watch``.

A user who follows a story drops articles into a folder; :func:`watch` looks at the folders
every few seconds and, when a file came, changed or went and the folders have then stayed as
they are for one more look (a file still being copied in is not read half-written), brings the
build up to date as ``newskg add`` does — the same archive, the same files, the same graph a
full build gives. Unlike a run of ``newskg add``, the process has newskg and spaCy imported and
the model loaded already (see :class:`~newskg.builds.KeptExtractor`): those are most of an
addition's time on a small corpus, and half of it on a large one.

A look costs a listing of the folders and a ``stat`` of each file (5,000 files: about 0.1 s),
never a read. A round that fails (the build is being served, the disk is full, the folders are
empty) is reported and tried again when the folders change, or after :data:`RETRY_S` seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newskg.builds import KeptExtractor, build_archive
from newskg.errors import NewskgError
from newskg.extract.loading import discover_real
from newskg.summary import BuildSummary

__all__ = ["watch", "Round", "snapshot", "RETRY_S"]

#: seconds after which a round that failed is tried again, though nothing changed
RETRY_S = 60.0


@dataclass(frozen=True)
class Round:
    """One bring-up-to-date of the build: what it read and wrote, or why it failed."""

    number: int
    mode: str  # "build" for the first round on an empty --out, else "add"
    elapsed_s: float
    summary: BuildSummary | None = None
    written: tuple[str, ...] = ()
    error: Exception | None = None


def snapshot(paths: Sequence[str | Path]) -> frozenset[tuple[str, int, int, int]]:
    """What the documents under ``paths`` look like without reading them: each file's real path,
    size, modification time and inode (not those of a build folder, see
    :func:`~newskg.archive.update.outside_builds`). Two looks that give the same snapshot saw no change.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> before = snapshot([folder])
    >>> _ = (folder / "today.txt").write_text("The council met.")
    >>> len(before), len(snapshot([folder])), snapshot([folder]) == snapshot([folder])
    (0, 1, True)
    """
    from newskg.archive.update import outside_builds

    files, _ = discover_real(paths)
    seen = set()
    files = outside_builds(files, [])  # the build's own graph.html changes at every round
    for _, real in files:
        try:
            info = Path(real).stat()
        except OSError:  # gone between the listing and the look: the next look sees it gone
            continue
        seen.add((real, info.st_size, info.st_mtime_ns, info.st_ino))
    return frozenset(seen)


def watch(
    paths: Sequence[str | Path],
    out: str | Path,
    *,
    every: float = 2.0,
    rounds: int | None = None,
    on_round: Callable[[Round], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    **options,
) -> int:
    """Keep the build in ``out`` up to date with the documents under ``paths`` (and the corpus it
    already has), looking every ``every`` seconds, until interrupted or ``rounds`` rounds have run;
    returns the number of rounds run. ``options`` go to :func:`~newskg.builds.build_archive`
    (``files``, ``page``, ``model``...).

    The first round runs at once: it builds ``out`` when it holds no build, else adds ``paths``.
    Each later round runs when the folders changed and then stayed the same for one look. Each
    round, failed or not, is given to ``on_round``.

    Examples
    --------
    >>> import tempfile
    >>> from newskg.extract.loading import bundled_corpus
    >>> out = Path(tempfile.mkdtemp()) / "kg"
    >>> watch([bundled_corpus()], out, rounds=1, on_round=lambda r: print(r.mode, r.summary.documents))  # doctest: +SKIP
    build 5
    1
    """
    from newskg.archive.update import ARCHIVE_MARKER, archive_location

    given = [Path(p) for p in paths]
    if not given and not (archive_location(out) / ARCHIVE_MARKER).is_file():
        raise NewskgError("E415", f"no build in {out} to watch: give the folders to read (newskg watch ./articles --out {out})")
    kept = KeptExtractor()
    watched = _corpus(out, given)
    done: frozenset | None = None  # the snapshot the last round brought the build up to
    last_look: frozenset | None = None
    retry_at: float | None = None
    count = 0
    while rounds is None or count < rounds:
        if count:
            sleep(every)
        look = snapshot(watched)
        due = count == 0 or (look != done and look == last_look) or (retry_at is not None and clock() >= retry_at)
        last_look = look
        if not due:
            continue
        count += 1
        mode = "add" if (archive_location(out) / ARCHIVE_MARKER).is_file() else "build"
        started = clock()
        try:
            kg, summary = build_archive(given, out, mode=mode, kept=kept, **options)
        except (NewskgError, OSError) as exc:
            retry_at = clock() + max(RETRY_S, every)
            done = look
            report = Round(count, mode, clock() - started, error=_without_frames(exc))
        else:
            retry_at = None
            done = look
            report = Round(count, mode, clock() - started, summary, tuple(str(p) for p in kg.written or ()))
        watched = _corpus(out, given)
        if on_round is not None:
            on_round(report)
    return count


def _without_frames(exc: BaseException) -> BaseException:
    """``exc`` without its traceback (nor those of the exceptions it came from): the frames of a
    failed build hold its open graph store, whose lock the next round needs."""
    seen, link = set(), exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        link.__traceback__ = None
        link = link.__cause__ or link.__context__
    return exc


def _corpus(out: str | Path, given: list[Path]) -> list[Path]:
    """The folders and files to look at: the corpus the build in ``out`` has, and ``given``."""
    from newskg.archive.update import open_catalog

    catalog = open_catalog(out)
    roots: list[Path] = []
    if catalog is not None:
        try:
            roots = [Path(root) for root in catalog.get("roots", []) or []]
        finally:
            catalog.close()
    resolved = {root.resolve() for root in roots}
    return roots + [path for path in given if path.resolve() not in resolved]
