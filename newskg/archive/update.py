"""Build and update an archive: read only what is new, and give the graph a full build would give.

A build folder made by ``newskg build`` holds, beside its files, ``archive/``:

- ``catalog.sqlite`` — every document's extraction record and the entity index (see
  :mod:`newskg.archive.catalog`);
- ``oxigraph/`` — the graph store, one named graph per document plus the entities and the
  ontology (see :mod:`newskg.archive.quads`).

The store is the source of truth: ``graph.ttl``, ``graph.trig`` and ``graph.html`` are written
from it, and queries, ``stats``, ``path`` and ``serve`` read it without parsing a file.

An update (``newskg add``, ``newskg build --update``) hashes the files of the corpus that are not
as it last saw them (size, modification and change times, inode), extracts only the files that
are new or changed, drops the records of files that are gone, and merges the
names of all documents again (from each document's names as the catalog keeps them, keyed: never
re-running spaCy or re-reading a record). A document's graph is rewritten only when one of its
mentions now goes to another actor; the entities graph is brought up to date fact by fact. The documents are taken in
the order a full build reads them, so the result is the graph a full build gives.

A run that is cut short leaves the catalog ``dirty``; the next one rewrites every graph from the
records before it goes on.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import secrets
import shutil
import stat
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newskg.archive.catalog import Catalog, Stamp
from newskg.archive.quads import GraphStore
from newskg.errors import NewskgError
from newskg.extract.loading import discover_real, read_document
from newskg.extract.models import DocumentExtraction, Problem
from newskg.archive.writing import empty, generation, replay, write_documents, write_shared_graphs
from newskg.graph.canonical import merge_tally
from newskg.graph.iris import document_graph_iri

__all__ = ["ARCHIVE", "ARCHIVE_MARKER", "ArchiveReport", "update_archive", "open_catalog", "archive_location"]

#: The archive's folder inside a build folder.
ARCHIVE = "archive"
#: The file that marks a folder as an archive newskg made (and may therefore replace).
ARCHIVE_MARKER = ".newskg-archive"
_FORMAT = 2  # 2: the catalog keeps keyed names (DocumentNames), not a names view
#: how long a file must have been left alone before its stamp is trusted (see ``_scan``)
_SETTLED_NS = 2_000_000_000


@dataclass(frozen=True, slots=True)
class ArchiveReport:
    """What an archive build or update read and wrote."""

    documents: int  # documents in the graph
    extracted: int  # read with spaCy in this run
    dropped: int  # gone from the corpus (or changed) since the last run
    rewritten: int  # document graphs written in this run
    entities: int
    problems: tuple[Problem, ...] = ()
    model: str = ""
    by_type: dict[str, int] = field(default_factory=dict)
    generation: str = ""


def archive_location(out: str | Path) -> Path:
    return Path(out) / ARCHIVE


def open_catalog(out: str | Path) -> Catalog | None:
    """The catalog of a complete archive in the build folder ``out``, or ``None`` (no archive, one
    cut short, or one of another format)."""
    folder = archive_location(out)
    if not (folder / ARCHIVE_MARKER).is_file() or not (folder / "catalog.sqlite").is_file():
        return None
    catalog = Catalog(folder / "catalog.sqlite")
    if catalog.get("state") != "clean" or catalog.get("format") != _FORMAT:
        catalog.close()
        return None
    return catalog


def serving(out: str | Path) -> list[int]:
    """The processes serving the archive of ``out`` (``newskg serve`` leaves its process id there)."""
    alive = []
    for mark in archive_location(out).glob(".serving-*"):
        with contextlib.suppress(ValueError, OSError):
            pid = int(mark.name.rsplit("-", 1)[-1])
            os.kill(pid, 0)
            alive.append(pid)
            continue
        with contextlib.suppress(OSError):
            mark.unlink()  # a server that died without cleaning up
    return sorted(alive)


@contextlib.contextmanager
def serving_mark(out: str | Path) -> Iterator[None]:
    """Mark the archive of ``out`` as being served by this process while the block runs."""
    mark = archive_location(out) / f".serving-{os.getpid()}"
    mark.write_text("", encoding="utf-8")
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            mark.unlink()


#: the code a record and a document's graph are made by (relative to the package): an archive
#: made by other code is read again, whatever the version number says
_CODE = ("extract", "graph", "lexicon.py", "ontology")


def code_digest(roots: Sequence[Path]) -> str:
    """A digest of every ``.py`` and ``.ttl`` file under ``roots`` (files or folders), by relative
    path and content.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()); _ = (folder / "rules.py").write_text("A = 1")
    >>> before = code_digest([folder]); _ = (folder / "rules.py").write_text("A = 2")
    >>> before == code_digest([folder])
    False
    """
    digest = hashlib.sha256()
    for root in roots:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.suffix in {".py", ".ttl"} and p.is_file())
        for path in files:
            digest.update(f"{root.name}/{path.relative_to(root) if path != root else ''}".encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def _own_code() -> str:
    package = Path(__file__).resolve().parents[1]
    return code_digest([package / part for part in _CODE if (package / part).exists()])


def settings_fingerprint(model: str | None, patterns: Sequence[str], events: Sequence[str], max_bytes: int) -> str:
    """What the records depend on besides the texts: newskg's version and the code of its extract
    and graph stages, the model asked for, the bundled lexicon (its files may be edited), and the
    content of the pattern and event files. Records made otherwise are read again."""
    from importlib import resources

    from newskg import __version__

    digest = hashlib.sha256(json.dumps([__version__, _own_code(), model or os.environ.get("NEWSKG_MODEL") or "", max_bytes]).encode())
    lexicon = Path(str(resources.files("newskg").joinpath("data", "lexicon")))
    for path in sorted(lexicon.iterdir()) if lexicon.is_dir() else ():
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    for name in (*patterns, "--", *events):
        path = Path(name)
        # the content, not the name: the same files elsewhere give the same records
        digest.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file() else name.encode() + b"\0")
    return digest.hexdigest()


def _scan(
    paths: Sequence[str | Path], max_bytes: int, known: dict[str, tuple[Stamp, str]] | None = None
) -> tuple[list[tuple[str, Path, Path | None, str]], list[Problem], dict[str, tuple[Stamp, str]]]:
    """Every usable file under ``paths`` in the order a build reads them: ``(key, path, root,
    sha256)``; the same content under a second name is reported (W202) and left out.

    A file whose size, modification and change times and inode are what ``known`` holds for it
    keeps its content hash without being read (as ``make``, ``rsync`` and git's index do): the
    change time moves at every write and cannot be set back, so an edit that restores the
    modification time is still seen. Also returned: the stamps to remember for next time, only
    of files left alone for two seconds (a file written twice within one tick of the clock
    would otherwise look unchanged).
    """
    files, problems = discover_real(paths)
    files = outside_builds(files, problems)
    roots = [Path(p) for p in paths if Path(p).is_dir()]  # a folder the file is in (looked up once, not for every file)
    known = known or {}
    found: list[tuple[str, Path, Path | None, str]] = []
    seen: dict[str, str] = {}
    stamps: dict[str, tuple[Stamp, str]] = {}
    settled = time.time_ns() - _SETTLED_NS
    for path, key in files:
        root = next((r for r in roots if _relative(path, r) is not None), None)
        try:
            info = path.stat()
            stamp = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        except OSError:
            stamp = None  # read_document says why
        remembered = known.get(key)
        if stamp is not None and remembered is not None and remembered[0] == stamp and stat.S_ISREG(info.st_mode) and info.st_size <= max_bytes:
            sha, shown = remembered[1], _shown(path, root)
        else:
            raw = read_document(path, max_bytes=max_bytes, root=root)
            if isinstance(raw, Problem):
                problems.append(raw)
                continue
            sha, shown = raw.sha256, raw.path
        if stamp is not None and max(stamp[1], stamp[2]) < settled:
            stamps[key] = (stamp, sha)
        if sha in seen:
            # The same bytes under another name (a re-posted article): its facts would only repeat.
            problems.append(Problem(shown, "W202", f"same content as {seen[sha]}: skipped", fatal=False))
            continue
        seen[sha] = shown
        found.append((key, path, root, sha))
    return found, problems, stamps


def outside_builds(files: list[tuple[Path, str]], problems: list[Problem]) -> list[tuple[Path, str]]:
    """``files`` less those of a newskg build folder (one that holds an archive):
    a build's own ``graph.html`` is never a document, and reading it would make a corpus that
    holds its ``--out`` folder grow at every update (each folder is reported once, W206).

    Examples
    --------
    >>> import tempfile
    >>> top = Path(tempfile.mkdtemp()); (top / "kg").mkdir(); (top / "kg" / ARCHIVE).mkdir()
    >>> _ = (top / "kg" / ARCHIVE / ARCHIVE_MARKER).write_text("{}")
    >>> problems = []
    >>> found = [(path, str(path)) for path in (top / "a.txt", top / "kg" / "graph.html")]
    >>> [path.name for path, _ in outside_builds(found, problems)]
    ['a.txt']
    >>> problems[0].code
    'W206'
    """
    builds: dict[Path, Path | None] = {}  # folder -> the build folder it is in, if any

    def build_of(folder: Path) -> Path | None:
        if folder not in builds:
            if (folder / ARCHIVE / ARCHIVE_MARKER).is_file():
                builds[folder] = folder
            else:
                builds[folder] = None if folder.parent == folder else build_of(folder.parent)
        return builds[folder]

    kept, shown = [], set()
    for path, real in files:
        found = build_of(Path(real).parent)
        if found is None:
            kept.append((path, real))
        elif found not in shown:
            shown.add(found)
            problems.append(Problem(str(path.parent), "W206", "a newskg build folder: its own files are not read as documents", fatal=False))
    # nor are the build's other files (its store, graph.ttl) counted as files of other types
    problems[:] = [p for p in problems if p.code != "E212" or build_of(Path(p.path).parent.resolve()) is None]
    return kept


def update_archive(
    out: str | Path,
    paths: Sequence[str | Path],
    *,
    extract: Callable[[list[tuple[Path, Path | None]]], Iterator[DocumentExtraction | Problem]],
    fingerprint: str,
    max_bytes: int,
    mode: str = "build",
    settings: dict | None = None,
    model_name: Callable[[], str] = lambda: "",
    on_empty: Callable[[list[Problem]], Exception] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_document: Callable[[DocumentExtraction | Problem], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> ArchiveReport:
    """Build (``mode="build"``), update to exactly ``paths`` (``"update"``) or add ``paths`` to the
    corpus (``"add"``) of the archive in the build folder ``out``.

    ``extract`` turns ``(file, root)`` pairs into extraction records (in any order); it is only
    called for files the archive does not hold yet. ``on_notice`` hears, before the reading starts,
    why an update reads every document again (other settings, or newskg's rules changed).
    """
    folder = archive_location(out)
    busy = serving(out)
    if busy:
        raise NewskgError("E413", f"{out} is being served (process {busy[0]}): stop `newskg serve` first, then start it again after the build")
    if folder.exists() and not (folder / ARCHIVE_MARKER).is_file():
        raise NewskgError("E414", f"{folder} holds files newskg did not make: move them away and build again")
    made_out = not Path(out).exists()
    fresh = mode == "build" or not (folder / ARCHIVE_MARKER).is_file()
    if fresh:
        target = folder.parent / f".{ARCHIVE}-new-{secrets.token_hex(4)}"
        roots: list[str] = []
    else:
        target = folder
    target.mkdir(parents=True, exist_ok=True)
    (target / ARCHIVE_MARKER).write_text(json.dumps({"newskg": "archive", "format": _FORMAT}) + "\n", encoding="utf-8")
    catalog = Catalog(target / "catalog.sqlite")
    try:
        store = GraphStore(target / "oxigraph")
    except OSError as exc:
        catalog.close()
        if fresh:
            shutil.rmtree(target, ignore_errors=True)
        raise NewskgError("E413", f"cannot open the graph store in {target}: {exc}; is a `newskg serve` or another build using it?") from None
    try:
        if not fresh:
            if catalog.get("format") != _FORMAT:
                raise NewskgError("E414", f"{folder} was made by another version of newskg: run `newskg build --out {out}` again")
            roots = list(catalog.get("roots", []))
            if catalog.get("state") != "clean":
                replay(catalog, store)  # a run was cut short: the store is rewritten from the records
        given = [str(Path(p).resolve()) for p in paths]
        roots = roots + [p for p in given if p not in roots] if mode == "add" else given
        notice = _why_all_again(catalog, fingerprint, settings or {}, on_notice)
        report = _update(catalog, store, roots, extract, fingerprint, max_bytes, model_name, on_start, on_document, on_empty, notice)
        catalog.set("settings", settings or {})
        store.flush()
        if report.rewritten * 10 >= max(report.documents, 1):
            # many graphs were bulk loaded: compacting the store once makes every read after it
            # 2-4x faster (queries, the page, the dumps); 1.5 s per million quads, so not for an
            # update that touched a few graphs of a large store
            store.optimize()
    except BaseException:
        catalog.close()
        store.close()  # a bulk load still running finishes before its folder goes
        del store
        if fresh:
            shutil.rmtree(target, ignore_errors=True)
            if made_out:
                with contextlib.suppress(OSError):
                    Path(out).rmdir()  # a build that wrote nothing leaves nothing
        raise
    catalog.close()
    del store
    if fresh:
        old = folder.parent / f".{ARCHIVE}-old-{secrets.token_hex(4)}"
        if folder.exists():
            os.replace(folder, old)
        os.replace(target, folder)
        shutil.rmtree(old, ignore_errors=True)
    return report


def _shown(path: Path, root: Path | None) -> str:
    """The path as the build shows it: relative to the folder given, else as given."""
    relative = _relative(path, root) if root is not None else None
    return str(path) if relative is None else relative


def _relative(path: Path, root: Path) -> str | None:
    """What ``path.relative_to(root)`` gives, ``None`` when ``path`` is not under ``root``: by
    the strings first, without two Paths a file."""
    text, folder = str(path), str(root).rstrip(os.sep)
    if folder and text.startswith(folder + os.sep):
        return text[len(folder) + 1 :]
    return str(path.relative_to(root)) if path.is_relative_to(root) else None


def _why_all_again(catalog: Catalog, fingerprint: str, settings: dict, on_notice: Callable[[str], None] | None) -> Callable[[int], None]:
    """What tells the user, once the documents are counted, that an archive's records are all made
    again: a run with other settings, or a newskg whose rules or lexicon differ (an upgrade, an
    edited lexicon or pattern file), cannot reuse them."""
    archived = catalog.get("fingerprint")

    def notice(count: int) -> None:
        if on_notice is None or archived is None or archived == fingerprint or not count:
            return
        before = catalog.get("settings", {}) or {}
        if {k: before.get(k) for k in settings} != settings:
            reason = "these settings differ from the archive's (model, patterns, events or size limit)"
        else:
            reason = "newskg's rules, its lexicon or the pattern and event files changed since the archive was built"
        on_notice(f"{reason}: " + (f"all {count:,} documents are" if count != 1 else "its one document is") + " read again")

    return notice


def _update(catalog, store, roots, extract, fingerprint, max_bytes, model_name, on_start, on_document, on_empty, notice=None) -> ArchiveReport:
    found, problems, stamps = _scan([Path(r) for r in roots], max_bytes, catalog.stamps())
    if not found and on_empty is not None:
        raise on_empty(problems)  # before anything is changed
    same_settings = catalog.get("fingerprint") == fingerprint
    archived = {d.path: d for d in catalog.documents()}
    wanted = {key: sha for key, _, _, sha in found}
    fresh = [(key, path, root, sha) for key, path, root, sha in found if not same_settings or archived.get(key) is None or archived[key].sha256 != sha]
    if notice is not None:
        notice(len(fresh))
    if on_start is not None:
        on_start(len(fresh))  # the documents spaCy will read
    key_of = {(_shown(path, root), sha): key for key, path, root, sha in fresh}
    gone = [d for key, d in archived.items() if not same_settings or wanted.get(key) != d.sha256]

    before = catalog.by_key()  # each name's actor when the graphs were last written
    catalog.set("state", "dirty")  # from here on the store may not match the catalog until the end
    if gone and 2 * len(gone) >= len(archived):
        # Most graphs go (other settings, other code, another corpus): taking them out fact by
        # fact is a transaction a quad (an hour at 10,000 documents); emptying the store and
        # writing the graphs that stay from their records is a build's bulk load.
        empty(catalog, store)
    else:
        for document in gone:
            store.replace_graph(str(document_graph_iri(document.doc_id)), ())
    with catalog.transaction():
        for document in gone:
            catalog.drop(document.path)
    extracted = 0
    batch: list[DocumentExtraction] = []

    def keep() -> None:
        with catalog.transaction():
            for ex in batch:
                catalog.put(ex, key=key_of.get((ex.document.path, ex.document.sha256), ex.document.path), order=0)
        batch.clear()

    for item in extract([(path, root) for _, path, root, _ in fresh]) if fresh else ():
        if isinstance(item, Problem):
            problems.append(item)
        else:
            problems.extend(item.problems)
            batch.append(item)
            extracted += 1
            if len(batch) >= 64:
                keep()
        if on_document is not None:
            on_document(item)
    keep()
    with catalog.transaction():
        catalog.reorder({key: n for n, (key, _, _, _) in enumerate(found)})
        catalog.set("roots", roots)
        catalog.set_stamps(stamps)
        catalog.set("fingerprint", fingerprint)
        if extracted:
            catalog.set("model", model_name())

    current = catalog.documents()
    if not current and on_empty is not None:
        raise on_empty(problems)
    index = merge_tally(catalog.tally())
    links = write_documents(catalog, store, index, before, current)
    write_shared_graphs(catalog, store, index)
    digest = generation([(d.doc_id, links.get(d.path, d.links)) for d in current], index, fingerprint)
    with catalog.transaction():
        catalog.save_tally()
        catalog.set_index(index.by_key, index.merges)
        catalog.set("generation", digest)
        catalog.set("format", _FORMAT)
        catalog.set("entities", len(index.entities))
        catalog.set("by_type", dict(sorted(Counter(e.cls for e in index.entities).items())))
        catalog.set("state", "clean")
    return ArchiveReport(
        documents=len(current), extracted=extracted, dropped=len(gone), rewritten=len(links),
        entities=len(index.entities), problems=tuple(problems), model=str(catalog.get("model", "")),
        by_type=dict(Counter(e.cls for e in index.entities)), generation=digest,
    )
