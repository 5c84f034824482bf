"""The archive's catalog: one SQLite file with every document's extraction record and the entity index.

Tables
------
``documents``
    one row per archived file: its path, content hash, document id, its place in the corpus
    order, the packed extraction record (:func:`newskg.archive.records.pack`), its names as
    canonicalisation keys them (:class:`newskg.graph.canonical.DocumentNames`), and ``links``: the entity each of its mentions went to when
    its graph was last written (an update rewrites a document's graph only when they change).
``names``
    each folded name key and the canonical actor it stands for.
``tally_keys``, ``tally_pairs``
    the names of all documents summed per name key (:class:`newskg.graph.name_tally.NameTally`):
    what the merge rules read, so an update merges without reading every document's names.
``merges``
    every merge of two groups of names, with the rule that made it ("acronym defined in the
    text", "short name" ...): why two names are one actor.
``files``
    each file of the corpus as it was last seen (size, modification and change times, inode)
    with its content hash: an unchanged file is not read again to learn that it is unchanged.
``meta``
    the settings the records were made with, the corpus roots, the archive's state, and where
    each graph's block is in the build's ``graph.trig`` (``trig_blocks``: the next addition
    copies the blocks of the graphs it does not change, see :class:`newskg.archive.quads.TrigReuse`).

SQLite commits a transaction atomically, so the catalog is never half written; the graph store
beside it is checked against the catalog's ``state`` (see :mod:`newskg.archive.update`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import zlib

from newskg.archive.records import pack, unpack
from newskg.extract.models import DocumentExtraction
from newskg.graph.canonical import DocumentNames, document_names
from newskg.graph.name_tally import NameTally

__all__ = ["Catalog", "Archived", "Stamp"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, doc_id TEXT NOT NULL, ord INTEGER NOT NULL,
    record BLOB NOT NULL, names BLOB NOT NULL, links TEXT, properties TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS names (key TEXT PRIMARY KEY, entity TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tally_keys (key TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tally_pairs (pair TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS merges (n INTEGER PRIMARY KEY, a TEXT NOT NULL, b TEXT NOT NULL, rule TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL, sha256 TEXT NOT NULL
);
"""

#: the layout of the kept tally (``meta.tally``): another, or none, and the names are summed again
_TALLY_FORMAT = 1

#: what a file's ``stat`` must still say for its content hash to be taken from the catalog
Stamp = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class Archived:
    """A document the catalog holds (without its record)."""

    path: str
    sha256: str
    doc_id: str
    links: str | None


class Catalog:
    """The SQLite catalog of an archive folder.

    Examples
    --------
    >>> import tempfile
    >>> from newskg.extract.models import SourceDocument
    >>> catalog = Catalog(Path(tempfile.mkdtemp()) / "catalog.sqlite")
    >>> doc = SourceDocument("a-1234", "a.txt", "a.txt", "1234" + "0" * 60, "text/plain", 12)
    >>> with catalog.transaction():
    ...     catalog.put(DocumentExtraction(doc, (), ()), order=0)
    >>> [d.path for d in catalog.documents()], catalog.record("a.txt").document.doc_id
    (['a.txt'], 'a-1234')
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.db = sqlite3.connect(str(self.path), isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        self._tally: NameTally | None = None

    def close(self) -> None:
        self.db.close()

    # -- transactions ----------------------------------------------------------------------

    def transaction(self) -> _Transaction:
        """``with catalog.transaction():`` — everything inside is committed together or not at all."""
        return _Transaction(self.db)

    # -- meta ------------------------------------------------------------------------------

    def get(self, key: str, default: object = None) -> object:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set(self, key: str, value: object) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(value, sort_keys=True)))

    # -- documents -------------------------------------------------------------------------

    def documents(self) -> list[Archived]:
        """Every archived document, in corpus order."""
        rows = self.db.execute("SELECT path, sha256, doc_id, links FROM documents ORDER BY ord, path")
        return [Archived(*row) for row in rows]

    def put(self, extraction: DocumentExtraction, *, key: str | None = None, order: int) -> None:
        """Keep a document's record under ``key`` (its absolute path; default: the record's path),
        replacing the one there."""
        from newskg.graph.build import user_properties

        doc = extraction.document
        tally = self._changing_tally()
        self._untally(key or doc.path)
        names = document_names(extraction)
        self.db.execute(
            "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, NULL, ?)",
            (key or doc.path, doc.sha256, doc.doc_id, order, pack(extraction), _pack_names(names),
             json.dumps(user_properties(extraction))),
        )
        tally.add(names)

    def user_properties(self) -> list[tuple[str, str | None]]:
        """The properties of users' event vocabularies the documents use (see ``user_properties``)."""
        found: set[tuple[str, str | None]] = set()
        for (text,) in self.db.execute("SELECT properties FROM documents WHERE properties != '[]'"):
            found.update((name, parent) for name, parent in json.loads(text))
        return sorted(found, key=lambda p: (p[0], p[1] or ""))

    def drop(self, path: str) -> None:
        self._untally(path)
        self.db.execute("DELETE FROM documents WHERE path = ?", (path,))

    def _untally(self, path: str) -> None:
        """Take the names of the document kept under ``path`` (if any) out of the tally."""
        names = self._names_at(path)
        if names is not None:
            self._changing_tally().remove(names)

    def _names_at(self, path: str) -> DocumentNames | None:
        row = self.db.execute("SELECT names FROM documents WHERE path = ?", (path,)).fetchone()
        return None if row is None else _unpack_names(row[0])

    def reorder(self, order: dict[str, int]) -> None:
        """Give each path its place in the corpus order (what a full build would read first)."""
        self.db.executemany("UPDATE documents SET ord = ? WHERE path = ?", [(n, p) for p, n in order.items()])

    def set_links(self, links: dict[str, str]) -> None:
        self.db.executemany("UPDATE documents SET links = ? WHERE path = ?", [(v, p) for p, v in links.items()])

    def record(self, path: str) -> DocumentExtraction:
        row = self.db.execute("SELECT record FROM documents WHERE path = ?", (path,)).fetchone()
        if row is None:
            raise KeyError(path)
        return _checked(unpack(row[0]))

    def records(self) -> Iterator[DocumentExtraction]:
        """Every document's whole record, in corpus order, one at a time."""
        for (data,) in self.db.execute("SELECT record FROM documents ORDER BY ord, path"):
            yield _checked(unpack(data))

    def names(self) -> Iterator[DocumentNames]:
        """Every document's names, keyed as canonicalisation keys them, in corpus order."""
        for (data,) in self.db.execute("SELECT names FROM documents ORDER BY ord, path"):
            yield _unpack_names(data)

    def names_of(self, path: str) -> DocumentNames:
        """One document's names (see :meth:`names`)."""
        names = self._names_at(path)
        if names is None:
            raise KeyError(path)
        return names

    # -- the names of all documents, summed ------------------------------------------------

    def tally(self) -> NameTally:
        """The names of every document the catalog holds, summed per key (kept up to date by
        :meth:`put` and :meth:`drop`; :meth:`save_tally` keeps it). A catalog whose tally was not
        kept (a run cut short, an older archive) sums its documents' names again."""
        if self._tally is None:
            if self.get("tally") == _TALLY_FORMAT:
                self._tally = NameTally.from_rows(self.db.execute("SELECT key, data FROM tally_keys"), self.db.execute("SELECT pair, n FROM tally_pairs"))
            else:
                self._tally = self.sum_names()
        return self._tally

    def _changing_tally(self) -> NameTally:
        """The tally, about to change: the kept one stops being trusted until :meth:`save_tally`
        (with the change, in the same transaction), so a catalog left unsaved sums its names again."""
        tally = self.tally()
        if not tally.touched and not tally.touched_pairs and self.get("tally") is not None:
            self.set("tally", None)
        return tally

    def sum_names(self) -> NameTally:
        """The tally made again from every document's names (the whole of it is saved next)."""
        self.set("tally", None)
        tally = NameTally()
        for names in self.names():
            tally.add(names)
        self.db.execute("DELETE FROM tally_keys")
        self.db.execute("DELETE FROM tally_pairs")
        tally.touched.update(tally.forms)
        tally.touched_pairs.update(tally.pairs)
        self._tally = tally
        return tally

    def save_tally(self) -> None:
        """Keep what changed in the tally (inside the transaction that marks the catalog clean)."""
        tally = self.tally()
        for key in sorted(tally.touched):
            data = tally.key_row(key)
            if data is None:
                self.db.execute("DELETE FROM tally_keys WHERE key = ?", (key,))
            else:
                self.db.execute("INSERT OR REPLACE INTO tally_keys VALUES (?, ?)", (key, data))
        for pair in sorted(tally.touched_pairs):
            data, n = tally.pair_row(pair)
            if n:
                self.db.execute("INSERT OR REPLACE INTO tally_pairs VALUES (?, ?)", (data, n))
            else:
                self.db.execute("DELETE FROM tally_pairs WHERE pair = ?", (data,))
        tally.mark_saved()
        self.set("tally", _TALLY_FORMAT)

    def stamps(self) -> dict[str, tuple[Stamp, str]]:
        """Each corpus file as last seen: ``path -> ((size, mtime_ns, ctime_ns, inode), sha256)``."""
        rows = self.db.execute("SELECT path, size, mtime_ns, ctime_ns, inode, sha256 FROM files")
        return {path: ((size, mtime, ctime, inode), sha) for path, size, mtime, ctime, inode, sha in rows}

    def set_stamps(self, stamps: dict[str, tuple[Stamp, str]]) -> None:
        """Replace what the catalog remembers of the corpus files (see :meth:`stamps`)."""
        self.db.execute("DELETE FROM files")
        self.db.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?)", [(p, *stamp, sha) for p, (stamp, sha) in sorted(stamps.items())])

    # -- the entity index ------------------------------------------------------------------

    def set_index(self, by_key: dict[str, str], merges: Iterable[tuple[str, str, str]]) -> None:
        self.db.execute("DELETE FROM names")
        self.db.executemany("INSERT INTO names VALUES (?, ?)", sorted(by_key.items()))
        self.db.execute("DELETE FROM merges")
        self.db.executemany("INSERT INTO merges (a, b, rule) VALUES (?, ?, ?)", list(merges))

    def by_key(self) -> dict[str, str]:
        """Each name key's actor, as the entity index was last kept (:meth:`set_index`)."""
        return dict(self.db.execute("SELECT key, entity FROM names"))

    def actor_of(self, key: str) -> str | None:
        """The canonical actor a folded name key stands for."""
        row = self.db.execute("SELECT entity FROM names WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def merges(self, entity: str | None = None) -> list[tuple[str, str, str]]:
        """Why names are one actor: ``(name, name, rule)``, for one actor or all."""
        if entity is None:
            return [tuple(r) for r in self.db.execute("SELECT a, b, rule FROM merges ORDER BY n")]
        rows = self.db.execute(
            "SELECT a, b, rule FROM merges WHERE a IN (SELECT key FROM names WHERE entity = ?) ORDER BY n", (entity,)
        )
        return [tuple(r) for r in rows]


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, value, traceback) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def _checked(record: object) -> DocumentExtraction:
    if not isinstance(record, DocumentExtraction):
        raise ValueError("the archive holds something other than an extraction record")
    return record


def _unpack_names(data: bytes) -> DocumentNames:
    return DocumentNames.from_json(json.loads(zlib.decompress(data)))


def _pack_names(names: DocumentNames) -> bytes:
    return zlib.compress(json.dumps(names.to_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)
