"""Run SPARQL over a knowledge graph and format the results for people and programs."""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import BNode, Dataset, Literal, URIRef

from newskg.errors import NewskgError
from newskg.graph.iris import document_graph_iri
from newskg.output.guard import QueryLimits, check_query
from newskg.output.sandbox import run_isolated
from newskg.ontology.namespace import PREFIXES

__all__ = [
    "QueryResult", "ExampleQuery", "QueryLimits", "run_query", "example_queries", "resolve_query", "with_prefixes",
    "shift_error_position", "format_result", "compact", "load_store", "check_document_graphs",
]



@dataclass(frozen=True, slots=True)
class QueryResult:
    """Rows of a SELECT (or the boolean of an ASK, or triples of a CONSTRUCT as s/p/o rows)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    boolean: bool | None = None

    def __len__(self) -> int:
        return len(self.rows)


@dataclass(frozen=True, slots=True)
class ExampleQuery:
    name: str
    description: str
    text: str


def example_queries() -> dict[str, ExampleQuery]:
    """The example queries bundled with newskg, by name (read from the package once).

    Examples
    --------
    >>> "demands-by-actor" in example_queries()
    True
    """
    return {example.name: example for example in _bundled_queries()}


@lru_cache(maxsize=1)
def _bundled_queries() -> tuple[ExampleQuery, ...]:
    folder = resources.files("newskg").joinpath("data/queries")
    found = []
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".rq"):
            continue
        text = item.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        description = first.lstrip("# ").strip() if first.startswith("#") else ""
        found.append(ExampleQuery(item.name[:-3], description, text))
    return tuple(found)


def resolve_query(query: str) -> str:
    """A query string, ``@file.rq``, or the name of a bundled example, as SPARQL text.

    A single word that names no bundled example is a misspelt name, not SPARQL.

    Examples
    --------
    >>> resolve_query("roles").startswith("#")
    True
    >>> resolve_query("demands-by-actr")
    Traceback (most recent call last):
    ...
    newskg.errors.NewskgError: E515: unknown query 'demands-by-actr' (did you mean demands-by-actor?); see `newskg query --list`
    """
    if query.startswith("@"):
        path = Path(query[1:])
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise NewskgError("E502", f"cannot read query file {path}: {reason}") from None
    examples = example_queries()
    if query in examples:
        return examples[query].text
    if re.fullmatch(r"[A-Za-z][\w.-]*", query.strip()):
        close = difflib.get_close_matches(query.strip(), list(examples), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise NewskgError("E515", f"unknown query '{query.strip()}'{hint}; see `newskg query --list`")
    return query


def check_document_graphs(query: str, dataset: Dataset) -> None:
    """Refuse a bundled query that reads the per-document graphs on a graph that has none.

    Most bundled queries count documents by their named graphs (one for each source document, as
    in the store and ``graph.trig``); a Turtle or N-Triples file holds only their union, where such a
    query would answer no rows. Queries of one's own are run as written.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> flat = Dataset()
    >>> flat.add((URIRef("urn:x"), URIRef("urn:p"), Literal("y")))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> check_document_graphs("roles", flat)
    >>> check_document_graphs("interactions", flat)
    Traceback (most recent call last):
    ...
    newskg.errors.NewskgError: E516: the bundled query 'interactions' counts documents by their named graphs, and this graph has none (a Turtle or N-Triples file holds only their union): query graph.trig or the build folder
    """
    example = example_queries().get(query)
    if example is None or "GRAPH ?" not in example.text:
        return
    prefix = str(document_graph_iri(""))
    if not any(str(graph.identifier).startswith(prefix) for graph in dataset.contexts()):
        raise NewskgError(
            "E516",
            f"the bundled query '{query}' counts documents by their named graphs, and this graph has none "
            "(a Turtle or N-Triples file holds only their union): query graph.trig or the build folder",
        )


def _with_prefixes(text: str) -> str:
    declared = {m.lower() for m in re.findall(r"(?im)^\s*PREFIX\s+([\w-]*):", text)}
    missing = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p.lower() not in declared)
    return missing + text


def with_prefixes(text: str) -> tuple[str, int]:
    """``text`` with newskg's prefixes declared in front, and how many lines were added.

    Examples
    --------
    >>> prepared, added = with_prefixes("SELECT * WHERE { ?s a nkg:Person }")
    >>> prepared.count("\\n") == added and prepared.endswith("nkg:Person }")
    True
    """
    prepared = _with_prefixes(text)
    return prepared, prepared.count("\n") - text.count("\n")


def shift_error_position(message: str, lines: int) -> str:
    """Oxigraph's ``error at LINE:COL`` with the predeclared prefix lines taken off.

    Examples
    --------
    >>> shift_error_position("error at 14:8: expected one of FILTER", 12)
    'error at 2:8: expected one of FILTER'
    """
    return re.sub(r"error at (\d+):(\d+)", lambda m: f"error at {max(1, int(m.group(1)) - lines)}:{m.group(2)}", message)


def run_query(dataset: Dataset, text: str, *, engine: str = "rdflib", limits: QueryLimits | None = None) -> QueryResult:
    """Run a SPARQL query; newskg's prefixes are declared for you.

    The query is checked first (:func:`newskg.output.guard.check_query`: size, nesting, no
    ``SERVICE``, no ``FROM`` outside newskg's own graphs), then run in a forked child that is stopped
    after ``limits.timeout_s`` seconds, may use ``limits.memory_mb`` of memory, cannot open a network
    connection, and may return at most ``limits.max_rows`` rows.

    ``engine="oxigraph"`` copies the graph into an in-memory Oxigraph store first: much faster on
    large graphs.

    Examples
    --------
    >>> from newskg.graph.build import new_dataset
    >>> run_query(new_dataset(), "ASK { ?s ?p ?o }").boolean
    False
    >>> run_query(new_dataset(), "SELEC ?x")
    Traceback (most recent call last):
    ...
    newskg.errors.NewskgError: E501: malformed SPARQL at line 1, column 1: ...
    """
    limits = limits or QueryLimits()
    if engine not in {"rdflib", "oxigraph"}:
        raise NewskgError("E505", f"unknown engine '{engine}': use rdflib or oxigraph")
    check_query(text, limits)
    return run_isolated(_evaluate, dataset, text, engine, limits.max_rows, timeout_s=limits.timeout_s, memory_mb=limits.memory_mb)


def _too_many(max_rows: int) -> NewskgError:
    return NewskgError("E514", f"the query returns more than {max_rows:,} rows: add a LIMIT (or raise --max-rows)")


def _capped(rows, max_rows: int) -> tuple:
    out = []
    for row in rows:
        if len(out) >= max_rows:
            raise _too_many(max_rows)
        out.append(tuple(row))
    return tuple(out)


def _evaluate(dataset: Dataset, text: str, engine: str, max_rows: int) -> QueryResult:
    """Runs inside the child process (see :func:`run_query`)."""
    prepared, offset = with_prefixes(text)
    if engine == "oxigraph":
        return _run_oxigraph(dataset, prepared, offset, max_rows)
    import rdflib.plugins.sparql
    from rdflib.plugins.sparql.parser import parseQuery

    # FROM names a graph newskg holds (checked before); never load one from elsewhere.
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
    try:
        parseQuery(text)  # the user's own text, so positions are theirs
        result = dataset.query(prepared)
    except RecursionError:
        raise
    except Exception as exc:  # rdflib raises pyparsing's ParseException for syntax errors
        raise _syntax_error(exc) from None
    if result.type == "ASK":
        return QueryResult((), (), bool(result.askAnswer))
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        return QueryResult(("subject", "predicate", "object"), _capped(result.graph, max_rows))
    columns = tuple(str(v) for v in result.vars)
    return QueryResult(columns, _capped(result, max_rows))


def _syntax_error(exc: Exception) -> NewskgError:
    line = getattr(exc, "lineno", None)
    col = getattr(exc, "col", None)
    message = str(getattr(exc, "msg", "") or exc).split("\n")[0]
    if line is not None:
        return NewskgError("E501", f"malformed SPARQL at line {line}, column {col}: {message}")
    return NewskgError("E501", f"query failed: {message}")


def run_store_query(location: str | Path, text: str, *, limits: QueryLimits | None = None) -> QueryResult:
    """Run SPARQL on an on-disk Oxigraph store (a build's archive), with the checks and limits of
    :func:`run_query`; the store is opened read-only in the child, so nothing is copied or parsed."""
    limits = limits or QueryLimits()
    check_query(text, limits)
    return run_isolated(_evaluate_store, str(location), text, limits.max_rows, timeout_s=limits.timeout_s, memory_mb=limits.memory_mb)


def _evaluate_store(location: str, text: str, max_rows: int) -> QueryResult:
    import pyoxigraph

    prepared, offset = with_prefixes(text)
    return _oxigraph_answer(pyoxigraph.Store.read_only(location), prepared, offset, max_rows)


def _run_oxigraph(dataset: Dataset, text: str, offset: int, max_rows: int) -> QueryResult:
    import pyoxigraph

    store = pyoxigraph.Store()
    load_store(store, dataset)
    return _oxigraph_answer(store, text, offset, max_rows)


def _oxigraph_answer(store, text: str, offset: int, max_rows: int) -> QueryResult:
    import pyoxigraph

    try:
        result = store.query(text)
    except SyntaxError as exc:
        message = shift_error_position(str(exc).splitlines()[0], offset)
        where = re.match(r"error at (\d+):(\d+): (.*)", message)
        if where:  # said as rdflib's errors are
            message = f"at line {where.group(1)}, column {where.group(2)}: {where.group(3)}"
            raise NewskgError("E501", f"malformed SPARQL {message}") from None
        raise NewskgError("E501", f"malformed SPARQL: {message}") from None
    if isinstance(result, pyoxigraph.QueryBoolean):
        return QueryResult((), (), bool(result))
    if isinstance(result, pyoxigraph.QuerySolutions):
        columns = tuple(v.value for v in result.variables)
        rows = (tuple(_from_oxigraph(solution[c]) for c in columns) for solution in result)
        return QueryResult(columns, _capped(rows, max_rows))
    triples = ((_from_oxigraph(t.subject), _from_oxigraph(t.predicate), _from_oxigraph(t.object)) for t in result)
    return QueryResult(("subject", "predicate", "object"), _capped(triples, max_rows))


def load_store(store, dataset: Dataset) -> None:
    """Fill an Oxigraph store: the named graphs as they are, and their union (a set, as in rdflib's
    default graph) as the default graph. Oxigraph's own union mode would repeat a fact once for
    every document that states it."""
    import pyoxigraph

    from newskg.graph.build import union_graph

    store.bulk_load(dataset.serialize(format="nquads").encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS)
    store.bulk_load(union_graph(dataset).serialize(format="nt").encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)


def _from_oxigraph(term: object) -> object:
    import pyoxigraph

    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)  # as rdflib gives it: the same term in RDF 1.1
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return term


def compact(term: object) -> str:
    """A term as a person reads it: prefixed names for IRIs, plain text for literals.

    Examples
    --------
    >>> compact(URIRef("https://w3id.org/newskg/ontology#demands")), compact(Literal(3)), compact(None)
    ('nkg:demands', '3', '')
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        value = str(term)
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(str(item[1]))):
            if value.startswith(str(namespace)):
                return f"{prefix}:{value[len(str(namespace)):]}"
        return f"<{value}>"
    return str(term)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as ``table`` (plain text), ``csv``, ``tsv`` or ``json`` (SPARQL JSON-like).

    Examples
    --------
    >>> r = QueryResult(("name",), ((Literal("Anna Vell"),),))
    >>> print(format_result(r, "csv").strip())
    name
    Anna Vell
    """
    if result.boolean is not None:
        return json.dumps({"boolean": result.boolean}) if fmt == "json" else ("yes" if result.boolean else "no")
    if fmt in {"csv", "tsv"}:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.columns)
        for row in result.rows:
            writer.writerow(["" if v is None else str(v) for v in row])
        return buffer.getvalue()
    if fmt == "json":
        bindings = []
        for row in result.rows:
            binding = {}
            for column, value in zip(result.columns, row):
                if value is None:
                    continue
                kind = "uri" if isinstance(value, URIRef) else "bnode" if isinstance(value, BNode) else "literal"
                entry: dict[str, str] = {"type": kind, "value": str(value)}
                if isinstance(value, Literal) and value.datatype:
                    entry["datatype"] = str(value.datatype)
                binding[column] = entry
            bindings.append(binding)
        return json.dumps({"head": {"vars": list(result.columns)}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=2)
    if fmt != "table":
        raise NewskgError("E503", f"unknown output format '{fmt}': use table, csv, tsv or json")
    cells = [[compact(v) for v in row] for row in result.rows]
    widths = [min(60, max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(result.columns)]

    def clip(text: str, width: int) -> str:
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"

    lines = [" | ".join(c.ljust(w) for c, w in zip(result.columns, widths)), "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(clip(c, w).ljust(w) for c, w in zip(row, widths)) for row in cells]
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines)
