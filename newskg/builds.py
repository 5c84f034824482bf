"""A build folder's archive built, updated or extended, and its files written from the store.

:func:`build_archive` is what ``newskg build`` and ``newskg add`` run: the documents are read (in
this process, in worker processes or on a Dask cluster) into the archive (see
:mod:`newskg.archive`), then ``graph.ttl``, ``graph.trig`` and ``graph.html`` are written from its
store (:func:`write_outputs`) and replace the previous build as a whole. :func:`archive_store`
finds the store of a finished build, for the commands that read it.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newskg.errors import NewskgError
from newskg.extract.loading import DEFAULT_MAX_BYTES, bundled_corpus
from newskg.extract.models import DocumentExtraction, Problem
from newskg.output.build_folder import OUTPUT_NAMES, check_formats, check_writable, write_build
from newskg.summary import BuildSummary, no_documents

if TYPE_CHECKING:
    from newskg.api import KnowledgeGraph
    from newskg.archive.quads import TrigReuse
    from newskg.output.page import PageOptions
    from newskg.output.page.state import PageState

__all__ = ["build_archive", "write_outputs", "archive_store", "draw_page", "KeptExtractor"]


def build_archive(
    paths: Iterable[str | Path] | None,
    out: str | Path,
    *,
    mode: str = "build",
    model: str | None = None,
    patterns: Sequence[str] | None = None,
    events: Sequence[str] | None = None,
    max_bytes: int | None = None,
    workers: int = 1,
    scheduler: object = None,
    page: PageOptions | None = None,
    formats: Sequence[str] = ("turtle", "trig"),
    files: bool = True,
    on_start: Callable[[int], None] | None = None,
    on_document: Callable[[DocumentExtraction | Problem], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
    kept: KeptExtractor | None = None,
) -> tuple[KnowledgeGraph, BuildSummary]:
    """Build (``mode="build"``), update (``"update"``: the corpus is now ``paths``) or extend
    (``"add"``) the archive in ``out``, then write ``graph.ttl``, ``graph.trig`` and ``graph.html``
    from its store, streaming.

    Extraction runs in this process, in ``workers`` processes, or on the Dask cluster at
    ``scheduler``. An update or an addition keeps the model, pattern and event files and size
    limit of the build unless others are given (other settings mean every file is read again).
    With ``files=False`` only the store is brought up to date and the files of the previous build
    are removed (they would be out of date; ``graph.trig`` is kept in the archive, so that the
    next addition with files copies what did not change): queries, ``stats``, ``path`` and
    ``serve`` read the store, and ``draw`` or ``export`` write files from it when wanted. ``on_notice`` hears why an
    update or an addition reads every document again, before it starts. ``kept`` keeps the
    extractor and its loaded model for the next call in this process (see :class:`KeptExtractor`):
    a process that builds again and again (``newskg watch``) loads the model once.
    """
    from newskg import __version__
    from newskg.api import KnowledgeGraph
    from newskg.archive.catalog import Catalog
    from newskg.archive.update import ARCHIVE_MARKER, archive_location, settings_fingerprint, update_archive
    from newskg.extract.pipeline import ExtractSettings, Extractor

    check_writable(out)
    paths = [Path(p) for p in paths or []]
    if mode != "add" and not paths:  # the bundled sample corpus, as `newskg build` reads by default
        paths = [bundled_corpus()]
    previous: dict = {}
    folder = archive_location(out)
    if mode != "build" and (folder / ARCHIVE_MARKER).is_file():
        catalog = Catalog(folder / "catalog.sqlite")
        previous = dict(catalog.get("settings", {}) or {})
        catalog.close()
    elif mode == "add":
        raise NewskgError("E415", f"no build in {out} to add to: run `newskg build --out {out}` first")
    settings = ExtractSettings(
        model=model if model is not None else previous.get("model"),
        patterns=tuple(patterns if patterns is not None else previous.get("patterns", ())),
        events=tuple(events if events is not None else previous.get("events", ())),
        max_bytes=max_bytes if max_bytes is not None else int(previous.get("max_bytes", DEFAULT_MAX_BYTES)),
        workers=workers,
    )
    fingerprint = settings_fingerprint(settings.model, settings.patterns, settings.events, settings.max_bytes)
    extractors: list[Extractor] = []
    models: list[str] = []

    def extract(located):
        if scheduler is not None:
            from newskg.extract.cluster import extract_on_cluster

            yield from extract_on_cluster(located, settings, scheduler, on_model=models.append)
            return
        # its model loads only if this process parses
        extractors.append(kept.extractor(settings, fingerprint) if kept is not None else Extractor(settings))
        yield from extractors[-1].extract_located(located)
        if kept is not None:
            kept.parsed += len(located)

    def model_name() -> str:
        return models[-1] if models else extractors[-1].model_name if extractors else ""


    report = update_archive(
        out, paths, extract=extract, mode=mode, max_bytes=settings.max_bytes, model_name=model_name,
        fingerprint=fingerprint,
        settings={"model": settings.model, "patterns": list(settings.patterns), "events": list(settings.events), "max_bytes": settings.max_bytes},
        on_empty=lambda problems: no_documents(paths, problems), on_start=on_start, on_document=on_document,
        on_notice=on_notice,
    )
    kg = KnowledgeGraph._on_store(folder / "oxigraph")

    def summarize(collect: bool = True) -> None:
        extractors.clear()
        if collect:
            # the model is not needed any more: its memory goes back before the page's network
            # is read (0.2 s at 5,000 documents: not worth it when no page is read)
            gc.collect()
            # what is left lives until the build ends: the collector need not walk it again while
            # the page makes its hundreds of thousands of objects (three full passes at 400 documents)
            gc.freeze()
        counts = kg.query(_COUNTS).rows[0]
        kg.summary = BuildSummary(
            documents=report.documents, entities=report.entities, relations=int(counts[0]), statements=int(counts[1]),
            events=int(counts[2]), claims=int(counts[3]), problems=report.problems, model=report.model, by_type=report.by_type,
            extracted=report.extracted, rewritten=report.rewritten,
        )

    outputs: dict[str, bytes | Path] = {}
    digests: dict[str, str] = {}
    blocks: dict[str, tuple[int, int]] | None = None
    keys: dict[str, str] = {}
    catalog = Catalog(folder / "catalog.sqlite")
    try:
        state: PageState | None = None
        if files:
            keys = _graph_keys(catalog)
            reuse = _trig_reuse(out, catalog, keys) if "trig" in formats else None
            since = _page_since(folder, catalog, keys, page, kg)
            outputs, blocks, state, digests = write_outputs(kg, out, formats, page, before_page=summarize, reuse=reuse, since=since)
        else:
            summarize(collect=False)
            kept_trig = _keep_trig(out, folder, catalog)  # before the files are removed
        summary = kg.summary
        kg.written = write_build(out, outputs, version=__version__, extra={"archive": report.generation}, digests=digests)
        if files:
            # where each graph's block is in the graph.trig just written, for the next addition to
            # copy (saved once the files are in place: an index of files that never landed matches nothing)
            catalog.set(_TRIG_INDEX, None if blocks is None else _trig_index(catalog, report.generation, out, blocks, keys))
            (folder / _KEPT_TRIG).unlink(missing_ok=True)
            _keep_page_state(folder, catalog, keys, state)
        else:
            # the graph.trig just removed stays in the archive for the next addition to copy from;
            # the page state is left as it was: it still describes the graphs it was read from
            catalog.set(_TRIG_INDEX, kept_trig)
    finally:
        gc.unfreeze()
        catalog.close()
    if kept is not None and scheduler is None and workers == 1:
        kept.extractor(settings, fingerprint).nlp  # loaded now, for the next call: not when a document comes
    return kg, summary


class KeptExtractor:
    """The extractor (and its loaded spaCy pipeline) that :func:`build_archive` keeps between
    calls in one process, for as long as the settings' fingerprint (model, pattern and event
    files, lexicon, newskg's code; see :func:`~newskg.archive.update.settings_fingerprint`) is
    the same. Other settings, or :attr:`RENEW` documents parsed, give a new one: spaCy's string
    store grows with every text it reads, and a process that runs for weeks should not.

    Examples
    --------
    >>> from newskg.extract.pipeline import ExtractSettings
    >>> kept = KeptExtractor()
    >>> first = kept.extractor(ExtractSettings(), "f1")
    >>> kept.extractor(ExtractSettings(), "f1") is first, kept.extractor(ExtractSettings(), "f2") is first
    (True, False)
    """

    #: documents one extractor parses before it is replaced by a fresh one
    RENEW = 5_000

    def __init__(self) -> None:
        self._key: str | None = None
        self._extractor = None
        #: documents parsed by the kept extractor (counted by :func:`build_archive`)
        self.parsed = 0

    def extractor(self, settings, fingerprint: str):
        """The kept extractor for ``settings``, or a new one (kept from now on)."""
        from newskg.extract.pipeline import Extractor

        if self._extractor is None or self._key != (fingerprint, settings) or self.parsed >= self.RENEW:
            self._extractor, self._key, self.parsed = Extractor(settings), (fingerprint, settings), 0
        return self._extractor


#: the catalog entry that says where each graph's block is in the build's graph.trig
_TRIG_INDEX = "trig_blocks"


def _graph_keys(catalog) -> dict[str, str]:
    """What each document's graph depends on: its content hash and where its mentions went (see
    :mod:`newskg.archive.update`). The entities graph and the ontology have none: they are
    always dumped again."""
    from newskg.graph.iris import document_graph_iri

    return {str(document_graph_iri(d.doc_id)): f"{d.sha256}:{d.links}" for d in catalog.documents() if d.links is not None}


def _trig_index(catalog, generation: str, out: str | Path, blocks: dict[str, tuple[int, int]], keys: dict[str, str]) -> dict:
    import pyoxigraph

    written = (Path(out) / OUTPUT_NAMES["trig"]).stat()
    return {
        "generation": generation, "fingerprint": catalog.get("fingerprint"), "oxigraph": pyoxigraph.__version__,
        "size": written.st_size, "stamp": _stamp(written),
        "blocks": {graph: [offset, length, keys.get(graph)] for graph, (offset, length) in blocks.items()},
    }


#: the build's graph.trig as an addition without files found it, kept in the archive (a hard
#: link, then the only copy) for the next addition with files to copy its unchanged blocks from
_KEPT_TRIG = "kept-graph.trig"


def _indexed_trig(out: str | Path, catalog, *, read: bool = True) -> tuple[Path, dict, str] | None:
    """The ``graph.trig`` the catalog's index describes, the index and the file's SHA-256, when
    that file is on disk as it was written: the build's (whose manifest names the archive state
    it was written from, and its size and SHA-256), or the one an addition without files kept
    (see :func:`_keep_trig`). Else ``None``. Without ``read``, its size is checked, not its hash
    (which the addition that copies from it checks)."""
    import pyoxigraph

    from newskg.archive.update import archive_location
    from newskg.output.build_folder import JOURNAL, file_sha256, read_manifest

    index = catalog.get(_TRIG_INDEX)
    if not isinstance(index, dict) or (Path(out) / JOURNAL).exists():
        return None
    if isinstance(index.get("kept"), dict):
        path, sha = archive_location(out) / _KEPT_TRIG, index["kept"].get("sha256")
    else:
        manifest = read_manifest(out) or {}
        listed = (manifest.get("files") or {}).get(OUTPUT_NAMES["trig"]) or {}
        if manifest.get("archive") != index.get("generation") or listed.get("bytes") != index.get("size"):
            return None
        path, sha = Path(out) / OUTPUT_NAMES["trig"], listed.get("sha256")
    if (path.is_symlink() or not path.is_file() or index.get("fingerprint") != catalog.get("fingerprint")
            or index.get("oxigraph") != pyoxigraph.__version__ or not index.get("size")
            or path.stat().st_size != index["size"]
            # a file edited by hand is not copied from: one whose stamp is not the one it was
            # written with is hashed (0.17 s for 200 MB), one written and left as it was is not
            or (read and _stamp(path.stat()) != index.get("stamp") and file_sha256(path) != sha)):
        return None
    return path, index, sha


def _stamp(stat) -> list[int]:
    """What a file written and left as it was keeps: its size, inode and modification time."""
    return [stat.st_size, stat.st_ino, stat.st_mtime_ns]


def _trig_reuse(out: str | Path, catalog, keys: dict[str, str]):
    """What of the build's previous ``graph.trig`` the new one may copy (see
    :class:`~newskg.archive.quads.TrigReuse`): the blocks of the documents whose graphs are as
    they were, when the file is the one the catalog's index describes (see :func:`_indexed_trig`);
    else ``None``, and every graph is dumped."""
    from newskg.archive.quads import TrigReuse

    found = _indexed_trig(out, catalog)
    if found is None:
        return None
    path, index, _ = found
    kept = index.get("blocks") or {}
    blocks = {graph: (int(offset), int(length)) for graph, (offset, length, _) in kept.items()}
    keep = frozenset(graph for graph, (_, _, key) in kept.items() if key is not None and keys.get(graph) == key)
    return TrigReuse(path, blocks, keep)


def _keep_trig(out: str | Path, folder: Path, catalog) -> dict | None:
    """Before an addition without files removes the build's ``graph.trig``, keep it in the
    archive (``kept-graph.trig``), so that the next addition with files copies the blocks of the
    graphs that are still as they were instead of dumping every graph (29 s at 5,000
    documents); returns the index to keep for it, ``None`` when there is nothing to keep."""
    import os

    found = _indexed_trig(out, catalog, read=False)
    if found is None:
        (folder / _KEPT_TRIG).unlink(missing_ok=True)
        return None
    path, index, sha = found
    if path.parent == folder:  # an earlier addition without files kept it
        return index
    target = folder / _KEPT_TRIG
    try:
        target.unlink(missing_ok=True)
        os.link(path, target)  # no copy: the build's file is removed next, this name stays
    except OSError:  # a file system without hard links: the next addition dumps every graph
        return None
    return {**index, "kept": {"sha256": sha}}


#: the catalog entry that says which graphs the kept page state was read from, and the file it is in
_PAGE_STATE = "page_state"
_PAGE_STATE_FILE = "page-state.json"


def _page_code() -> str:
    """A digest of the code that reads the page's network: a state kept by other code is not read on."""
    from newskg.archive.update import code_digest

    package = Path(__file__).resolve().parent
    return code_digest([package / "output" / "page", package / "graph" / "rows.py"])


def _page_since(folder: Path, catalog, keys: dict[str, str], page: PageOptions | None, kg: KnowledgeGraph) -> tuple | None:
    """What the page's network may be read on from (``(state, added)``, see
    :func:`~newskg.output.page.reading.read_page`), or ``None`` for a whole read.

    The state kept after the last files were written is read on only when every graph it was
    read from is as it was, with the same settings and code (an addition that moved no mention to
    another actor): then ``added`` is a view of the new documents' graphs. Every document graph
    of the store is one the catalog keys (the archive writes both together, see
    :mod:`newskg.archive.update`); the entities' and the ontology's graphs are read whole.
    Anything else — a document changed or gone, mentions moved, other options, a kept state that
    is not the one the catalog describes — reads the whole store, as a build does.
    """
    import hashlib

    import pyoxigraph as ox

    from newskg.archive.view import StoreView
    from newskg.output.page import PageOptions
    from newskg.output.page.state import PageState

    saved = catalog.get(_PAGE_STATE)
    if not isinstance(saved, dict) or saved.get("fingerprint") != catalog.get("fingerprint") or saved.get("code") != _page_code():
        return None
    before = saved.get("keys")
    if not isinstance(before, dict) or any(keys.get(graph) != key for graph, key in before.items()):
        return None
    store = kg._view.store if kg._view is not None else None
    if store is None:
        return None
    path = folder / _PAGE_STATE_FILE
    try:
        data = path.read_bytes() if not path.is_symlink() else b""
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != saved.get("sha256"):
        return None
    state = PageState.from_json(data)
    if state is None or state.options != (page or PageOptions()):
        return None
    added = ox.Store()
    for graph in sorted(set(keys) - set(before)):
        added.extend([ox.Quad(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))])
    return state, StoreView(added)


def _keep_page_state(folder: Path, catalog, keys: dict[str, str], state: PageState | None) -> None:
    """Keep what reading the page's network left, for the next addition to read on from (see
    :func:`_page_since`); a build that drew no page from the store keeps none."""
    import hashlib

    from newskg.output.build_folder import atomic_write

    path = folder / _PAGE_STATE_FILE
    if state is None:
        catalog.set(_PAGE_STATE, None)
        path.unlink(missing_ok=True)
        return
    data = state.to_json()
    atomic_write(path, data)
    catalog.set(_PAGE_STATE, {"fingerprint": catalog.get("fingerprint"), "code": _page_code(), "keys": keys,
                              "sha256": hashlib.sha256(data).hexdigest()})


def draw_page(out: str | Path, kg: KnowledgeGraph, options: PageOptions | None = None, *, keep: bool = False) -> str:
    """The page of the build in ``out``, whose store ``kg`` reads: read on from the state the
    last drawing kept when every graph it was read from is as it was, with the same options
    (see :func:`_page_since`: after ``add --no-files`` only the documents added since are read),
    else read whole. With ``keep`` (the page replaces the build's ``graph.html``), what this read
    left is kept for the next addition or drawing; a state that cannot be written is not kept.
    """
    import sqlite3

    from newskg.archive.update import archive_location, open_catalog

    catalog = open_catalog(out) if kg._view is not None else None
    if catalog is None:  # a build without an archive, or a graph file
        return kg.page(options)
    try:
        keys = _graph_keys(catalog)
        html, state = kg._page(options, *(_page_since(archive_location(out), catalog, keys, options, kg) or ()))
        if keep:
            try:
                _keep_page_state(archive_location(out), catalog, keys, state)
            except (OSError, sqlite3.Error):  # read-only or busy: the next drawing reads whole
                pass
    finally:
        catalog.close()
    return html


#: formats the store writes without Python (Oxigraph's serializers, which let go of its lock)
_DUMPED_BY_STORE = ("turtle", "trig")


def write_outputs(
    kg: KnowledgeGraph, out: str | Path, formats: Sequence[str], page: PageOptions | None,
    before_page: Callable[[], None] | None = None, reuse: TrigReuse | None = None, since: tuple | None = None,
) -> tuple[dict[str, bytes | Path], dict[str, tuple[int, int]] | None, PageState | None]:
    """The build's files, from the store, where each graph's block is in ``graph.trig``
    (``None`` when it is not written) and what reading the page's network left (see
    :func:`_page_since`, which gives ``since``). In a thread of its own, Oxigraph dumps each named graph
    once, for ``graph.trig`` and ``graph.ttl`` both (see
    :meth:`~newskg.archive.quads.GraphStore.write_graphs`; it lets go of Python's lock), while this
    one runs ``before_page`` (the build's counts), draws the page and writes the rest. The blocks
    of the graphs that did not change are copied from ``reuse``, for both files."""
    from concurrent.futures import ThreadPoolExecutor

    from newskg.archive.quads import GraphStore
    from newskg.output.build_folder import scratch_file, sync_file

    def dump():
        blocks = GraphStore(kg.store, read_only=True).write_graphs(
            trig=targets.get("trig") if "trig" in dumped else None,
            turtle=targets.get("turtle") if "turtle" in dumped else None, reuse=reuse, digests=digests,
        )
        for fmt in dumped:  # flushed to the disk here, while the page is drawn, not at the commit
            sync_file(targets[fmt])
        return blocks

    check_formats(formats)
    digests: dict[str, str] = {}
    targets = {fmt: scratch_file(out, OUTPUT_NAMES[fmt]) for fmt in formats}
    dumped = [fmt for fmt in targets if fmt in _DUMPED_BY_STORE and kg.store is not None]
    # each graph of graph.trig is a call into Oxigraph, and coming back waits for Python's lock:
    # this thread, busy drawing the page, gives it up sooner (at 400 documents the files are written 0.4 s sooner)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, _SWITCH_INTERVAL))
    try:
        with ThreadPoolExecutor(1) as pool:
            dumping = pool.submit(dump) if dumped else None
            if before_page is not None:
                before_page()
            for fmt, target in targets.items():
                if fmt not in dumped:
                    kg.export(target, fmt)
            html, state = kg._page(page, *(since or ()))
            blocks = dumping.result() if dumping is not None else {}
    finally:
        sys.setswitchinterval(interval)
    outputs: dict[str, bytes | Path] = {OUTPUT_NAMES[fmt]: target for fmt, target in targets.items()}
    outputs["graph.html"] = html.encode("utf-8")
    written = {OUTPUT_NAMES[fmt]: digest for fmt, digest in digests.items()}
    return outputs, blocks if "trig" in dumped else None, state, written


#: how often, in seconds, the page's thread offers Python's lock to the dump threads (Python's
#: default is 5 ms; graph.trig comes back from Oxigraph once a document)
_SWITCH_INTERVAL = 0.0002

#: relations (distinct source, relation, target), supporting sentences, events, claims. A relation
#: is counted as its direct triple (every Statement is written with one, and a direct triple with a
#: relation's property only with its Statement): the union holds each once, so the predicates are
#: looked up, not every Statement joined with its three parts (5,000 documents: 0.03 s, not 0.8 s)
_COUNTS = """
SELECT ?relations ?statements ?events ?claims WHERE {
  { SELECT (COUNT(*) AS ?relations) WHERE { { SELECT DISTINCT ?p WHERE { ?x rdf:predicate ?p } } ?s ?p ?o } }
  { SELECT (COUNT(*) AS ?statements) WHERE { ?y a nkg:Statement } }
  { SELECT (COUNT(DISTINCT ?e) AS ?events) WHERE { ?e a ?class . ?class rdfs:subClassOf* nkg:Interaction } }
  { SELECT (COUNT(*) AS ?claims) WHERE { ?z a nkg:Claim } }
}
"""


def archive_store(out: str | Path) -> tuple[Path, BuildSummary] | None:
    """Where the store of the build in ``out`` is, and what it holds, when the build has a
    complete archive that matches its files (else ``None``: an older build, or one cut short)."""
    from newskg.archive.update import archive_location, open_catalog
    from newskg.output.build_folder import read_manifest

    manifest = read_manifest(out) or {}
    catalog = open_catalog(out) if manifest.get("archive") else None
    if catalog is None:
        return None
    try:
        if catalog.get("generation") != manifest.get("archive"):
            return None  # the files and the store are of different builds
        summary = BuildSummary(
            documents=len(catalog.documents()), entities=int(catalog.get("entities", 0) or 0), relations=0, claims=0,
            model=str(catalog.get("model", "")), by_type=dict(catalog.get("by_type", {}) or {}),
        )
    finally:
        catalog.close()
    return archive_location(out) / "oxigraph", summary
