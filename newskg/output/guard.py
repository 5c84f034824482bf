"""Checks every SPARQL query passes before an engine sees it: size, nesting, and no way out.

A query is untrusted text. The engines newskg uses can be made to crash by deep nesting (a stack
overflow in Oxigraph, a ``RecursionError`` in rdflib's parser), to send HTTP requests
(``SERVICE``, and rdflib fetches ``FROM <http://...>`` graphs), or to read local files
(``FROM <file:///...>``). :func:`check_query` refuses those before parsing, with a lexer that knows
SPARQL's strings, IRIs and comments, so a keyword inside a literal is not mistaken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from newskg.errors import NewskgError
from newskg.graph.iris import RESOURCE
from newskg.ontology.namespace import PREFIXES

__all__ = ["QueryLimits", "check_query", "check_graph_iri", "ALLOWED_GRAPHS"]

#: The only IRIs a query may name in FROM / FROM NAMED: newskg's own graphs, which are never fetched.
ALLOWED_GRAPHS = str(RESOURCE)

_UPDATES = {"insert", "delete", "load", "clear", "drop", "create", "add", "move", "copy"}


@dataclass(frozen=True, slots=True)
class QueryLimits:
    """What one query may use: wall time, result rows (``newskg query``) or bytes (the server),
    memory, and its size and bracket nesting before parsing.

    Examples
    --------
    >>> QueryLimits().timeout_s, QueryLimits(timeout_s=5).timeout_s
    (30.0, 5)
    """

    timeout_s: float = 30.0
    max_rows: int = 100_000
    max_result_bytes: int = 64 * 1024 * 1024
    memory_mb: int = 2048
    max_query_bytes: int = 100_000
    max_depth: int = 20


_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][^\W]\w*)
  | (?P<name>(?:[^\W\d][\w\-.]*)?:(?:[\w\-:%]|\\.|\.(?=[\w\-:%]))*|[^\W\d]\w*)
  | (?P<open>[{(\[])
  | (?P<close>[})\]])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def _tokens(text: str):
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind not in {"space", "comment"}:
            yield kind, match.group()


def check_graph_iri(iri: str, *, base: str | None = None, where: str = "FROM") -> str:
    """Refuse a graph IRI outside newskg's own graphs (remote, ``file:`` or relative).

    Examples
    --------
    >>> check_graph_iri("https://w3id.org/newskg/id/graph/entities")
    'https://w3id.org/newskg/id/graph/entities'
    >>> check_graph_iri("file:///etc/passwd")
    Traceback (most recent call last):
    ...
    newskg.errors.NewskgError: E510: FROM <file:///etc/passwd> is not allowed: only newskg's own graphs (https://w3id.org/newskg/id/graph/...) can be named, and nothing is fetched
    """
    resolved = urljoin(base, iri) if base else iri
    if not resolved.startswith(ALLOWED_GRAPHS + "graph/"):
        raise NewskgError(
            "E510",
            f"{where} <{iri}> is not allowed: only newskg's own graphs ({ALLOWED_GRAPHS}graph/...) can be named, and nothing is fetched",
        )
    return resolved


def check_query(text: str, limits: QueryLimits | None = None) -> None:
    """Raise a :class:`NewskgError` if ``text`` is too large, too deeply nested, federated
    (``SERVICE``), an update, or names a graph in ``FROM`` that newskg does not hold.

    Examples
    --------
    >>> check_query("SELECT ?s WHERE { ?s ?p 'SERVICE <http://x>' }")  # a keyword in a string is text
    >>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    newskg.errors.NewskgError: E508: SERVICE (a federated query) is not allowed: newskg never sends requests for a query
    >>> check_query("SELECT * WHERE " + "{" * 50 + "}" * 50)
    Traceback (most recent call last):
    ...
    newskg.errors.NewskgError: E507: the query nests brackets 50 deep, over the limit of 20
    """
    limits = limits or QueryLimits()
    size = len(text.encode("utf-8", errors="replace"))
    if size > limits.max_query_bytes:
        raise NewskgError("E506", f"the query is {size:,} bytes, over the limit of {limits.max_query_bytes:,}")
    depth = deepest = 0
    prefixes = {p.lower(): str(ns) for p, ns in PREFIXES.items()}
    base: str | None = None
    tokens = list(_tokens(text))
    for i, (kind, value) in enumerate(tokens):
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limits.max_depth:
                # Count on to report the real depth, but never parse what is too deep.
                continue
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind == "name":
            word = value.lower()
            if word == "service":
                raise NewskgError("E508", "SERVICE (a federated query) is not allowed: newskg never sends requests for a query")
            if word in _UPDATES and depth == 0:
                raise NewskgError("E509", f"{value.upper()} is an update: the graph is read-only, only queries are run")
            if word == "prefix" and i + 2 < len(tokens) and tokens[i + 1][0] == "name" and tokens[i + 2][0] == "iri":
                prefixes[tokens[i + 1][1][:-1].lower()] = tokens[i + 2][1][1:-1]
            elif word == "base" and i + 1 < len(tokens) and tokens[i + 1][0] == "iri":
                base = tokens[i + 1][1][1:-1]
            elif word == "from":
                j = i + 1
                if j < len(tokens) and tokens[j][1].lower() == "named":
                    j += 1
                target_kind, target = tokens[j] if j < len(tokens) else ("other", "")
                if target_kind == "iri":
                    check_graph_iri(target[1:-1], base=base)
                elif target_kind == "name" and ":" in target:
                    prefix, local = target.split(":", 1)
                    check_graph_iri(prefixes.get(prefix.lower(), f"{prefix}:") + local, base=base)
    if deepest > limits.max_depth:
        raise NewskgError("E507", f"the query nests brackets {deepest} deep, over the limit of {limits.max_depth}")
