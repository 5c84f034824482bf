"""The archive's graph store: an on-disk Oxigraph store, one named graph per source document.

Its default graph holds the union of the named graphs as a set (what ``graph.ttl`` holds, and
what a query without ``GRAPH`` sees), kept up to date graph by graph: replacing a document's
graph adds its new facts to the union and takes out the facts no other graph states any more.
So nothing is copied or re-parsed to answer a query, write ``graph.ttl`` or serve the store.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from newskg.ontology.namespace import PREFIXES

__all__ = ["GraphStore", "TrigReuse", "to_oxigraph"]

# Not the instance namespace: its local names hold slashes ("entity/anna-vell"), which Turtle
# could only write escaped ("nkr:entity\\/anna-vell"); those IRIs are written in full.
_PREFIXES = {prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items()) if not str(namespace).endswith("/id/")}
_DEFAULT = ox.DefaultGraph()


def to_oxigraph(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as the Oxigraph term of the same value.

    Examples
    --------
    >>> to_oxigraph(Literal(3)), to_oxigraph(URIRef("urn:x"))
    (<Literal value=3 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>, <NamedNode value=urn:x>)
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


class GraphStore:
    """An Oxigraph store on disk, written one named graph at a time.

    Examples
    --------
    >>> import tempfile
    >>> store = GraphStore(tempfile.mkdtemp())
    >>> a, b = URIRef("urn:a"), URIRef("urn:b")
    >>> store.replace_graph("urn:g1", [(a, a, b)]); store.replace_graph("urn:g2", [(a, a, b)])
    >>> store.replace_graph("urn:g1", []); len(store.union())
    1
    >>> store.replace_graph("urn:g2", []); len(store.union())
    0
    """

    #: quads of new graphs gathered before one bulk load (Oxigraph's bulk loader is about 3x faster
    #: per quad than a transaction, when given many at once)
    BULK_QUADS = 25_000

    def __init__(self, location: str | Path, *, read_only: bool = False) -> None:
        self.location = Path(location)
        self.store = ox.Store.read_only(str(self.location)) if read_only else ox.Store(str(self.location))
        # new graphs' quads as N-Quads lines (written by Oxigraph's own term syntax), loaded in
        # batches by a thread of their own: the bulk loader releases the GIL, so the next
        # documents' graphs are made while the last ones are indexed. Every term was checked when
        # Oxigraph made it (to_oxigraph), so the loader need not check them again (lenient: 15%
        # faster)
        self._lines: list[str] = []
        self._quads = 0
        self._loading: threading.Thread | None = None
        self._failed: BaseException | None = None
        self._terms: dict[object, str] = {}  # rdflib term -> its N-Triples form: actors and properties recur

    def add_graph(self, graph: str, triples: Collection[tuple]) -> None:
        """Write a named graph the store does not hold yet (a new document's): gathered, then bulk
        loaded; the same store as :meth:`replace_graph` would give, in less time."""
        terms = self._terms
        if len(terms) > 200_000:
            terms.clear()
        name = str(ox.NamedNode(graph))
        lines = []
        for triple in triples:
            written = []
            for term in triple:
                text = terms.get(term)
                if text is None:
                    if isinstance(term, BNode):  # a bulk load would give its blank nodes new names
                        self.replace_graph(graph, triples)
                        return
                    text = terms[term] = str(to_oxigraph(term))
                written.append(text)
            fact = " ".join(written)
            # the union as well: a set, so a fact stated before is not doubled
            lines.append(f"{fact} {name} .\n{fact} .\n")
        self._lines.extend(lines)
        self._quads += 2 * len(lines)
        if self._quads >= self.BULK_QUADS:
            self._load_pending(wait=False)

    def _load_pending(self, wait: bool = True) -> None:
        """Load the gathered quads; with ``wait=False`` in the background (one load at a time)."""
        self._finish_loading()
        if not self._lines:
            return
        data = "".join(self._lines).encode("utf-8")
        self._lines, self._quads = [], 0
        if wait:
            self.store.bulk_load(data, ox.RdfFormat.N_QUADS, lenient=True)
            return

        def load() -> None:
            try:
                self.store.bulk_load(data, ox.RdfFormat.N_QUADS, lenient=True)
            except BaseException as exc:  # given to the writer at its next step
                self._failed = exc

        self._loading = threading.Thread(target=load, name="newskg-bulk-load")
        self._loading.start()

    def _finish_loading(self) -> None:
        if self._loading is not None:
            self._loading.join()
            self._loading = None
        if self._failed is not None:
            failed, self._failed = self._failed, None
            raise failed

    def close(self) -> None:
        """Wait for a load in progress and drop what was not loaded (after a failed build)."""
        self._lines, self._quads = [], 0
        if self._loading is not None:
            self._loading.join()
            self._loading = None
        self._failed = None

    def graphs(self) -> list[str]:
        """The named graphs, by IRI."""
        self._load_pending()
        return sorted(g.value for g in self.store.named_graphs())

    def triples(self, graph: str) -> set[ox.Triple]:
        self._load_pending()
        return {q.triple for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))}

    def union(self) -> set[ox.Triple]:
        self._load_pending()
        return {q.triple for q in self.store.quads_for_pattern(None, None, None, _DEFAULT)}

    def has_graph(self, graph: str) -> bool:
        """Whether the store holds the named graph ``graph`` (written, and not emptied since)."""
        self._load_pending()
        return self.store.contains_named_graph(ox.NamedNode(graph))

    def replace_graph(self, graph: str, triples: Iterable[tuple]) -> None:
        """Make the named graph ``graph`` hold exactly ``triples`` (rdflib terms); an empty one is removed."""
        self._load_pending()
        name = ox.NamedNode(graph)
        new = {ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in triples}
        old = self.triples(graph)
        for triple in old - new:
            self.store.remove(ox.Quad(triple.subject, triple.predicate, triple.object, name))
            if not self._stated_elsewhere(triple):
                self.store.remove(ox.Quad(triple.subject, triple.predicate, triple.object, _DEFAULT))
        added = new - old
        quads = [ox.Quad(t.subject, t.predicate, t.object, name) for t in added]
        quads += [ox.Quad(t.subject, t.predicate, t.object, _DEFAULT) for t in added]
        if quads:
            self.store.extend(quads)
        if not new and self.store.contains_named_graph(name):
            self.store.remove_graph(name)

    def _stated_elsewhere(self, triple: ox.Triple) -> bool:
        return any(
            not isinstance(q.graph_name, ox.DefaultGraph)
            for q in self.store.quads_for_pattern(triple.subject, triple.predicate, triple.object, None)
        )

    def clear(self) -> None:
        self.close()
        self.store.clear()

    def flush(self) -> None:
        self._load_pending()
        self.store.flush()

    def optimize(self) -> None:
        """Compact the store (RocksDB's files after many bulk loads): slower to write, faster to read."""
        self._load_pending()
        self.store.optimize()

    def __len__(self) -> int:
        self._load_pending()
        return len(self.store)

    # -- writing files, streaming ------------------------------------------------------------

    def write_turtle(self, path: str | Path) -> None:
        """``graph.ttl``: the union of all graphs, written as :meth:`write_graphs` writes it."""
        self.write_graphs(turtle=path)

    def write_trig(self, path: str | Path, reuse: TrigReuse | None = None) -> dict[str, tuple[int, int]]:
        """``graph.trig``: every named graph, in IRI order; returns where each graph's block is
        (see :meth:`write_graphs`)."""
        return self.write_graphs(trig=path, reuse=reuse)

    def write_graphs(
        self, *, trig: str | Path | None = None, turtle: str | Path | None = None, reuse: TrigReuse | None = None,
        digests: dict[str, str] | None = None,
    ) -> dict[str, tuple[int, int]]:
        """``graph.trig`` and/or ``graph.ttl`` from one pass over the named graphs, in IRI order;
        returns where each graph's block is in ``trig`` (``{graph: (offset, length)}``, empty
        when it is not written).

        Each graph is dumped once by Oxigraph as Turtle (which lets go of Python's lock, so this
        can run beside the page); the prefixes are declared once at the top of each file. In
        ``trig`` the graph is a TriG block under its name; in ``turtle`` the same lines follow a
        comment naming the graph, so ``graph.ttl`` is the union of the graphs (a fact that several
        documents state is written once for each: an RDF reader takes the set) and an addition
        writes it from the same copied blocks, never dumping the whole union again. With
        ``reuse``, the blocks of the graphs it holds unchanged are copied from the previous
        ``graph.trig`` instead of dumped (an addition to a large archive dumps only the graphs it
        changed). ``digests``, when given, receives each file's SHA-256 (``"trig"``, ``"turtle"``),
        taken as it is written, so the build's manifest need not read the files again.

        Examples
        --------
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> store = GraphStore(folder / "store")
        >>> a, b = URIRef("urn:a"), URIRef("urn:b")
        >>> store.replace_graph("urn:g1", [(a, a, b)]); store.replace_graph("urn:g2", [(a, a, b), (b, b, a)])
        >>> _ = store.write_graphs(turtle=folder / "graph.ttl")
        >>> for line in (folder / "graph.ttl").read_text().splitlines()[len(_PREFIXES):]:
        ...     print(line)
        # graph <urn:g1>
        <urn:a> <urn:a> <urn:b> .
        # graph <urn:g2>
        <urn:a> <urn:a> <urn:b> .
        <urn:b> <urn:b> <urn:a> .
        """
        blocks: dict[str, tuple[int, int]] = {}
        previous = reuse.open() if reuse is not None and trig is not None else None
        with contextlib.ExitStack() as stack:
            if previous is not None:
                stack.callback(previous.close)
            outs = [_Hashed(stack.enter_context(open(path, "wb"))) if path is not None else None for path in (trig, turtle)]
            to_trig, to_turtle = outs
            header = previous.header if previous is not None else None
            if header:
                for out in filter(None, outs):
                    out.write(header)
            for graph in self.graphs():
                name = str(ox.NamedNode(graph)).encode()
                data = previous.block(graph, name) if previous is not None else None
                if data is None:
                    prefixes, body = self._turtle(graph, header)
                    if header is None:
                        header = prefixes
                        for out in filter(None, outs):
                            out.write(header)
                    data = b"".join((name, b" {\n", body, b"}\n"))
                if to_trig is not None:
                    blocks[graph] = (to_trig.tell(), len(data))
                    to_trig.write(data)
                if to_turtle is not None:  # the block's lines between "<name> {" and "}"
                    view = memoryview(data)
                    for part in (b"# graph ", view[: len(name)], b"\n", view[len(name) + 3 : -2]):
                        to_turtle.write(part)
            for out in filter(None, outs):
                out.flush()
        if digests is not None:
            digests.update({fmt: out.digest.hexdigest() for fmt, out in (("trig", to_trig), ("turtle", to_turtle)) if out is not None})
        return blocks

    def _turtle(self, graph: str, header: bytes | None) -> tuple[bytes, bytes]:
        """A graph dumped by Oxigraph as Turtle: its prefix lines and the rest."""
        block = self.store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.NamedNode(graph), prefixes=_PREFIXES)
        if header is not None and block.startswith(header):
            return header, block[len(header):]
        # Oxigraph writes the same prefix lines for every graph: sliced off in one step, so the
        # thread holds Python's lock for as short as it can
        lines = block.splitlines(keepends=True)
        head = next((n for n, line in enumerate(lines) if not line.startswith(b"@prefix ")), len(lines))
        return b"".join(lines[:head]), b"".join(lines[head:])

    def write_nquads(self, path: str | Path) -> None:
        ox.serialize(self._named_quads(), str(path), ox.RdfFormat.N_QUADS)

    def _named_quads(self) -> Iterator[ox.Quad]:
        for graph in self.graphs():
            yield from self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))


#: how many bytes :class:`_Hashed` gathers before writing, and :class:`_Previous` reads ahead
_CHUNK = 4 << 20


class _Hashed:
    """A file being written, and the SHA-256 of what was written to it (``tell`` is its size).

    Writes are gathered into chunks of :data:`_CHUNK` bytes: hashing and writing a chunk lets go
    of Python's lock once, where each of thousands of small blocks (one a document) would wait to
    take it back from the thread drawing the page. :meth:`flush` writes what is gathered.

    Examples
    --------
    >>> import io
    >>> out = _Hashed(io.BytesIO()); out.write(b"ab"); out.write(b"c")
    >>> out.tell(), out.handle.getvalue()
    (3, b'')
    >>> out.flush(); out.handle.getvalue(), out.digest.hexdigest() == hashlib.sha256(b"abc").hexdigest()
    (b'abc', True)
    """

    def __init__(self, handle: BinaryIO) -> None:
        self.handle, self.digest, self._size = handle, hashlib.sha256(), 0
        self._chunk = bytearray()

    def write(self, data: bytes | memoryview) -> None:
        self._chunk += data
        self._size += len(data)
        if len(self._chunk) >= _CHUNK:
            self.flush()

    def flush(self) -> None:
        if self._chunk:
            self.digest.update(self._chunk)  # lets go of Python's lock
            self.handle.write(self._chunk)
            self._chunk.clear()

    def tell(self) -> int:
        return self._size


@dataclass(frozen=True)
class TrigReuse:
    """The blocks of a previous ``graph.trig`` that :meth:`GraphStore.write_trig` may copy.

    ``blocks`` is where each graph's block is in ``path`` (as ``write_trig`` returned it) and
    ``keep`` the graphs whose facts are as they were when it was written. A block is copied
    only when it still begins with its graph's name and ends its block; anything else is dumped
    from the store again, so a damaged file costs time, never facts.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> store = GraphStore(folder / "store")
    >>> a, b = URIRef("urn:a"), URIRef("urn:b")
    >>> store.replace_graph("urn:g1", [(a, a, b)]); store.replace_graph("urn:g2", [(b, b, a)])
    >>> blocks = store.write_trig(folder / "old.trig")
    >>> store.replace_graph("urn:g2", [(b, b, b)])
    >>> again = store.write_trig(folder / "new.trig", TrigReuse(folder / "old.trig", blocks, frozenset({"urn:g1"})))
    >>> text = (folder / "new.trig").read_text()  # after the prefix lines: g1 copied, g2 dumped
    >>> print(text[text.index("<urn:g1>"):])
    <urn:g1> {
    <urn:a> <urn:a> <urn:b> .
    }
    <urn:g2> {
    <urn:b> <urn:b> <urn:b> .
    }
    <BLANKLINE>
    """

    path: Path
    blocks: Mapping[str, tuple[int, int]]
    keep: frozenset[str]

    def open(self) -> _Previous | None:
        """The previous file opened for copying, or ``None`` when it is not as described."""
        if not self.blocks:
            return None
        try:
            handle = open(self.path, "rb")
        except OSError:
            return None
        first = min(offset for offset, _ in self.blocks.values())
        header = handle.read(first)
        if len(header) != first or any(not line.startswith(b"@prefix ") for line in header.splitlines()):
            handle.close()
            return None
        return _Previous(handle, header, self.blocks, self.keep)


class _Previous:
    """A previous ``graph.trig`` being copied from (see :class:`TrigReuse`)."""

    def __init__(self, handle: BinaryIO, header: bytes, blocks: Mapping[str, tuple[int, int]], keep: frozenset[str]) -> None:
        self.handle, self.header, self.blocks, self.keep = handle, header, blocks, keep
        self._start, self._window = 0, b""

    def block(self, graph: str, name: bytes) -> bytes | None:
        where = self.blocks.get(graph) if graph in self.keep else None
        if where is None:
            return None
        offset, length = where
        start = offset - self._start
        if start < 0 or start + length > len(self._window):
            # the kept blocks come in the order they were written: read ahead, a chunk at a time
            self.handle.seek(offset)
            self._start, self._window, start = offset, self.handle.read(max(length, _CHUNK)), 0
        data = self._window[start : start + length]
        if len(data) != length or not data.startswith(name + b" {\n") or not data.endswith(b"}\n"):
            return None
        return data

    def close(self) -> None:
        self.handle.close()
