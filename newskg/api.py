"""The Python API: build or load a knowledge graph, query it, measure it, draw it, save it.

Examples
--------
>>> from newskg import KnowledgeGraph
>>> kg = KnowledgeGraph.build(["tests/data/mini"], model="blank:en")  # doctest: +SKIP
>>> kg.query("SELECT ?name WHERE { ?x a nkg:Person ; rdfs:label ?name }")  # doctest: +SKIP
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, Dataset, Graph

from newskg.builds import archive_store, build_archive
from newskg.errors import NewskgError
from newskg.extract.loading import DEFAULT_MAX_BYTES, bundled_corpus
from newskg.extract.models import DocumentExtraction, Problem
from newskg.graph.build import build_dataset, new_dataset, union_graph
from newskg.graph.canonical import canonicalize
from newskg.ontology import NKG, bind_prefixes
from newskg.output.build_folder import OUTPUT_NAMES, check_formats, check_writable, locate_graph, write_build
from newskg.output.guard import QueryLimits
from newskg.output.query import QueryResult, check_document_graphs, resolve_query, run_query
from newskg.output.serialize import check_rdf_safe, format_for_path, serialize, write_rdf
from newskg.summary import BuildSummary, NoDocumentsError, no_documents

if TYPE_CHECKING:  # networkx and the page are imported where they are used: a query needs neither
    import networkx as nx

    from newskg.graph.network import Hop
    from newskg.output.page import PageOptions

__all__ = ["KnowledgeGraph", "BuildSummary", "NoDocumentsError", "build", "add", "build_archive", "archive_store"]



class KnowledgeGraph:
    """A knowledge graph: an rdflib ``Dataset`` with one named graph per source document.

    ``dataset`` is the raw rdflib object (the escape hatch); ``graph`` the union of its graphs.
    """

    def __init__(self, dataset: Dataset | None, summary: BuildSummary | None = None, *, store: Path | None = None) -> None:
        self._dataset = dataset
        self.summary = summary
        #: the on-disk Oxigraph store the graph is read from (a build folder's archive), if any
        self.store = store
        #: the files the last build wrote
        self.written: list[Path] = []
        self._view = None  # fast reads of the store for the network (see newskg.archive.view)
        self._network: nx.MultiDiGraph | None = None

    # -- making one ------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        paths: Iterable[str | Path] | None = None,
        *,
        model: str | None = None,
        patterns: Sequence[str] = (),
        events: Sequence[str] = (),
        max_bytes: int = DEFAULT_MAX_BYTES,
        workers: int = 1,
        on_start: Callable[[int], None] | None = None,
        on_document: Callable[[DocumentExtraction | Problem], None] | None = None,
    ) -> KnowledgeGraph:
        """Read documents (the bundled sample corpus when ``paths`` is empty) and build the graph.

        One unreadable document never stops a build: it is reported in ``summary.problems``. When
        no document at all can be read (a path that does not exist, a folder of images) it raises
        :class:`NoDocumentsError` (E208) rather than return an empty graph.

        Examples
        --------
        >>> KnowledgeGraph.build(["no/such/folder"], model="blank:en")
        Traceback (most recent call last):
        ...
        newskg.summary.NoDocumentsError: E208: no document could be read from no/such/folder (no/such/folder: E206 no such file or folder): nothing was built
        """
        from newskg.extract.pipeline import ExtractSettings, Extractor

        paths = list(paths or []) or [bundled_corpus()]
        extractor = Extractor(
            ExtractSettings(model=model, patterns=tuple(patterns), events=tuple(events), max_bytes=max_bytes, workers=workers)
        )
        extractions: list[DocumentExtraction] = []
        problems: list[Problem] = []
        seen: dict[str, str] = {}
        for item in extractor.extract_paths(paths, on_start=on_start):
            if isinstance(item, Problem):
                problems.append(item)
            elif item.document.sha256 in seen:
                # The same bytes under another name (a re-posted article): its facts would only repeat.
                problems.append(Problem(item.document.path, "W202", f"same content as {seen[item.document.sha256]}: skipped", fatal=False))
            else:
                seen[item.document.sha256] = item.document.path
                extractions.append(item)
                problems.extend(item.problems)
            if on_document is not None:
                on_document(item)
        if not extractions:
            raise no_documents(paths, problems)
        return cls.from_extractions(extractions, problems=problems, model=extractor.model_name)

    @classmethod
    def from_extractions(
        cls, extractions: Sequence[DocumentExtraction], *, problems: Sequence[Problem] = (), model: str = ""
    ) -> KnowledgeGraph:
        """Build from extraction records (the graph stage alone)."""
        index = canonicalize(extractions)
        dataset = build_dataset(extractions, index)
        statements = set(dataset.subjects(RDF.type, NKG.Statement))
        relations = len({(dataset.value(st, RDF.subject), dataset.value(st, RDF.predicate), dataset.value(st, RDF.object)) for st in statements})
        claims = sum(1 for _ in dataset.subjects(RDF.type, NKG.Claim))
        events = sum(len(ex.events) for ex in extractions)
        summary = BuildSummary(
            documents=len(extractions),
            entities=len(index.entities),
            relations=relations,
            claims=claims,
            statements=len(statements),
            events=events,
            problems=tuple(problems),
            model=model,
            by_type=dict(Counter(e.cls for e in index.entities)),
        )
        return cls(dataset, summary)

    @classmethod
    def open(cls, out: str | Path) -> KnowledgeGraph | None:
        """The graph of a build folder, read from its archive's store (nothing is parsed), or
        ``None`` when the folder has no complete archive matching its files."""
        found = archive_store(out)
        if found is None:
            return None
        location, summary = found
        return cls._on_store(location, summary)

    @classmethod
    def _on_store(cls, location: Path, summary: BuildSummary | None = None) -> KnowledgeGraph:
        from newskg.archive.view import StoreView

        store = _open_store(location).store
        kg = cls(None, summary, store=location)
        kg._view = StoreView(store)
        return kg

    @property
    def dataset(self) -> Dataset:
        """The rdflib ``Dataset`` (the escape hatch); on a store, an rdflib view of it, made when
        first asked for (queries, the page and the network read the store without it)."""
        if self._dataset is None and self._view is not None:
            self._dataset = _store_dataset(self._view.store)
        return self._dataset

    @dataset.setter
    def dataset(self, dataset: Dataset) -> None:
        self._dataset = dataset

    @classmethod
    def load(cls, path: str | Path) -> KnowledgeGraph:
        """Load a built graph: a build folder (its ``graph.trig``) or an RDF file.

        A build folder is checked against its manifest (E406 for a partial or mixed build), and a
        graph without a single triple is refused (E407), so a query never answers "0 rows" and
        validation never says "conforms" about nothing. RDF files are parsed offline: a JSON-LD
        file naming a remote ``@context`` (E408) and RDF/XML with a DOCTYPE (E409) are refused.
        """
        path = Path(path)
        shown = path
        if path.is_dir():
            from newskg.output.build_folder import read_manifest

            listed = (read_manifest(path) or {}).get("files") or {}
            if not any(name in listed for name in ("graph.trig", "graph.ttl")):
                opened = cls.open(path)  # a build kept in its store alone (`newskg add --no-files`)
                if opened is not None:
                    return opened
            found = archive_store(path)
            # checks the build is complete (E402, E406); the bytes only of a file about to be parsed
            located = locate_graph(path, read=found is None)
            if found is not None:
                return cls._on_store(*found)
            path = located
        elif not path.is_file():
            raise NewskgError("E402", f"no graph at {path}: run `newskg build` first or pass --graph")
        # In a build folder the file may be a staged copy (".newskg-staged-...-graph.trig").
        fmt = format_for_path(path.name.rsplit("-", 1)[-1] if shown.is_dir() else path)
        if fmt is None:
            raise NewskgError("E403", f"cannot tell the RDF format of {path.name}: use .trig, .ttl, .nt, .nq, .jsonld or .rdf")
        check_rdf_safe(path, fmt)
        dataset = new_dataset()
        try:
            dataset.parse(path, format=fmt)
        except Exception as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise NewskgError("E404", f"{shown} is not valid {fmt}: {message}") from None
        if not any(True for _ in dataset.quads((None, None, None, None))):
            raise NewskgError("E407", f"{shown} holds no triples: the graph is empty; run `newskg build` first")
        return cls(dataset)

    # -- using one -------------------------------------------------------------------------

    @property
    def graph(self) -> Graph:
        """Every triple of every named graph, as one rdflib ``Graph``."""
        return union_graph(self.dataset)

    def query(self, sparql: str, *, engine: str = "rdflib", limits: QueryLimits | None = None) -> QueryResult:
        """Run SPARQL (text, ``@file.rq`` or a bundled example's name); newskg's prefixes are predeclared.

        The query runs under ``limits`` (default: 30 s, 100,000 rows, 2 GB; see
        :class:`newskg.output.guard.QueryLimits`) and can never fetch anything.
        """
        if self.store is not None:
            from newskg.output.query import run_store_query

            if engine not in {"rdflib", "oxigraph"}:
                raise NewskgError("E505", f"unknown engine '{engine}': use rdflib or oxigraph")
            return run_store_query(self.store, resolve_query(sparql), limits=limits)
        check_document_graphs(sparql, self.dataset)
        return run_query(self.dataset, resolve_query(sparql), engine=engine, limits=limits)

    def to_networkx(self) -> nx.MultiDiGraph:
        """Actors as nodes, relations as directed edges (cached; do not mutate).

        Nodes and edges are in a fixed order (by IRI, then relation), so the page and every measure
        that depends on order come out the same whatever PYTHONHASHSEED is.
        """
        from newskg.graph.network import to_networkx

        if self._network is None:
            self._network = _in_fixed_order(to_networkx(self._view if self._view is not None else self.dataset))
        return self._network

    def centrality(self, top: int | None = 10) -> list:
        from newskg.graph.network import centrality

        return centrality(self.to_networkx(), top=top)

    def communities(self) -> list[list[str]]:
        from newskg.graph.network import communities

        return communities(self.to_networkx())

    def path(self, source: str, target: str) -> list[Hop] | None:
        """How two actors (by any of their names) are connected, hop by hop with evidence."""
        from newskg.graph.network import connection_path, find_entity

        graph = self.to_networkx()
        a, b = find_entity(graph, source), find_entity(graph, target)
        missing = [name for name, node in ((source, a), (target, b)) if node is None]
        if missing:
            raise NewskgError("E405", f"no actor called {', '.join(repr(m) for m in missing)}: try `newskg query actors`")
        return connection_path(graph, a, b)

    def label(self, node: str) -> str:
        return str(self.to_networkx().nodes[node].get("label", node)) if node in self.to_networkx() else node

    def serialize(self, fmt: str = "turtle") -> str:
        if self.store is not None and fmt in _STORE_WRITERS:
            import tempfile

            with tempfile.TemporaryDirectory(prefix="newskg-export-") as scratch:
                target = Path(scratch) / "graph"
                self.export(target, fmt)
                return target.read_text(encoding="utf-8")
        return serialize(self.dataset, fmt)

    def export(self, path: str | Path, fmt: str | None = None) -> Path:
        fmt = fmt or format_for_path(path)
        if self.store is not None and fmt in _STORE_WRITERS:
            # streamed from the store: never the whole graph in memory
            path = Path(path)
            getattr(_open_store(self.store), _STORE_WRITERS[fmt])(path)
            return path
        return write_rdf(self.dataset, path, fmt)

    def page(self, options: PageOptions | None = None) -> str:
        return self._page(options)[0]

    def _page(self, options: PageOptions | None = None, since=None, added=None):
        """The page, and what reading its network left (a
        :class:`~newskg.output.page.state.PageState`, ``None`` when it was drawn from a network
        at hand); ``since`` and ``added`` are as :func:`~newskg.output.page.reading.read_page`'s."""
        from newskg.output.page import read_page, render_page

        network, state = self._network, None
        if network is None:
            # read as the page will show it: what it keeps grows with the actors and relations,
            # not with the documents (see newskg.output.page.reading)
            source = self._view if self._view is not None else self.dataset
            network, state = read_page(source, options, since=since, added=added)
            network = _in_fixed_order(network)
        return render_page(network, options, documents=self._document_count()), state

    def show(self, options: PageOptions | None = None, height: int = 640):
        """Render the page inline in Jupyter (an ``<iframe srcdoc>``, so nothing is fetched)."""
        import html as html_module
        import warnings

        from IPython.display import HTML

        srcdoc = html_module.escape(self.page(options), quote=True)
        with warnings.catch_warnings():
            # IPython suggests IFrame, which needs a URL; srcdoc keeps the page inline and offline.
            warnings.simplefilter("ignore", UserWarning)
            return HTML(f'<iframe srcdoc="{srcdoc}" style="width:100%;height:{height}px;border:0"></iframe>')

    def validate(self):
        from newskg.output.validate import validate

        return validate(self.dataset)

    def save(self, out: str | Path, *, page: PageOptions | None = None, formats: Sequence[str] = ("turtle", "trig")) -> list[Path]:
        """Write ``graph.ttl``, ``graph.trig`` (and other formats asked for) and ``graph.html``.

        The files replace the previous build in ``out`` as a whole (see
        :mod:`newskg.output.build_folder`): a reader sees the old build or the new one, never a mix,
        and files of the old build that this one does not write (a ``graph.jsonld``) are removed.
        """
        from newskg import __version__

        check_writable(out)
        check_formats(formats)
        files: dict[str, bytes] = {}
        for fmt in formats:
            files[OUTPUT_NAMES[fmt]] = serialize(self.dataset, fmt).encode("utf-8")
        files["graph.html"] = self.page(page).encode("utf-8")
        return write_build(out, files, version=__version__)

    def _document_count(self) -> int:
        return len(set((self._view if self._view is not None else self.dataset).subjects(RDF.type, NKG.Document)))


_STORE_WRITERS = {"turtle": "write_turtle", "trig": "write_trig", "nquads": "write_nquads"}


def _open_store(location: Path):
    from newskg.archive.quads import GraphStore

    return GraphStore(location, read_only=True)


def _store_dataset(store) -> Dataset:
    from newskg.archive.view import rdflib_dataset

    return bind_prefixes(rdflib_dataset(store))


def _in_fixed_order(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with nodes sorted by id and edges by (source, target, key)."""
    import networkx as nx

    ordered = nx.MultiDiGraph()
    ordered.graph.update(graph.graph)
    ordered.add_nodes_from(sorted(graph.nodes(data=True), key=lambda item: item[0]))
    ordered.add_edges_from(sorted(graph.edges(keys=True, data=True), key=lambda edge: (edge[0], edge[1], str(edge[2]))))
    return ordered


def build(paths: Iterable[str | Path] | None = None, out: str | Path | None = None, **options) -> KnowledgeGraph:
    """Build a graph and, when ``out`` is given, write it there: its archive (the store and the
    records, see :mod:`newskg.archive`) and the files written from it. ``update=True`` reads only
    what changed since the last build in ``out``; see :func:`build_archive` for the options."""
    if out is None:
        options.pop("page", None)
        return KnowledgeGraph.build(paths, **options)
    update = options.pop("update", False)
    kg, _ = build_archive(paths, out, mode="update" if update else "build", **options)
    return kg


def add(paths: Iterable[str | Path], out: str | Path, **options) -> KnowledgeGraph:
    """Add files or folders to the corpus of the build in ``out`` and bring its graph up to date:
    only new or changed files are read; the graph is the one a full build of the whole corpus gives."""
    kg, _ = build_archive(paths, out, mode="add", **options)
    return kg
