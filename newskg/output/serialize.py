"""Write the knowledge graph in RDF formats with rdflib's own serializers."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rdflib import Dataset
from rdflib.plugins.serializers.trig import TrigSerializer

from newskg.errors import NewskgError
from newskg.graph.build import union_graph
from newskg.output.build_folder import atomic_write

__all__ = ["FORMATS", "QUAD_FORMATS", "serialize", "write_rdf", "format_for_path", "check_rdf_safe"]

#: Export format names and (rdflib format, file suffix).
FORMATS: dict[str, tuple[str, str]] = {
    "turtle": ("turtle", ".ttl"),
    "ttl": ("turtle", ".ttl"),
    "trig": ("trig", ".trig"),
    "nt": ("nt", ".nt"),
    "ntriples": ("nt", ".nt"),
    "nquads": ("nquads", ".nq"),
    "jsonld": ("json-ld", ".jsonld"),
    "json-ld": ("json-ld", ".jsonld"),
    "xml": ("xml", ".rdf"),
}
#: Formats that keep the named graphs (one per source document).
QUAD_FORMATS = {"trig", "nquads", "json-ld"}


def format_for_path(path: str | Path) -> str | None:
    """The rdflib format name for a file suffix, or ``None``.

    Examples
    --------
    >>> format_for_path("out/graph.trig"), format_for_path("x.jsonld"), format_for_path("x.csv")
    ('trig', 'json-ld', None)
    """
    suffix = Path(path).suffix.lower()
    for rdf_format, known in FORMATS.values():
        if known == suffix:
            return rdf_format
    return None


def serialize(dataset: Dataset, fmt: str = "turtle") -> str:
    """The graph as text. Triple formats get the union of all named graphs.

    Examples
    --------
    >>> from newskg.graph.build import new_dataset
    >>> serialize(new_dataset(), "nt").strip()
    ''
    """
    if fmt not in FORMATS:
        raise NewskgError("E401", f"unknown format '{fmt}': choose one of {', '.join(sorted(set(FORMATS)))}")
    rdf_format = FORMATS[fmt][0]
    if rdf_format == "trig":
        return _sorted_trig(dataset)
    if rdf_format in QUAD_FORMATS:
        return dataset.serialize(format=rdf_format)
    return union_graph(dataset).serialize(format=rdf_format)


class _SortedTrigSerializer(TrigSerializer):
    """rdflib's TriG serializer with the named graphs in IRI order: rdflib's in-memory store keeps
    graphs in a set, whose order changes with PYTHONHASHSEED."""

    def __init__(self, store: Dataset) -> None:
        super().__init__(store)
        self.contexts.sort(key=lambda graph: str(graph.identifier))


def _sorted_trig(dataset: Dataset) -> str:
    stream = io.BytesIO()
    _SortedTrigSerializer(dataset).serialize(stream, encoding="utf-8")
    return stream.getvalue().decode("utf-8")


def write_rdf(dataset: Dataset, path: str | Path, fmt: str | None = None) -> Path:
    """Write the graph to ``path`` in ``fmt`` (default: from the suffix, else Turtle), atomically."""
    path = Path(path)
    fmt = fmt or next((name for name, (rdf, suffix) in FORMATS.items() if suffix == path.suffix.lower()), "turtle")
    text = serialize(dataset, fmt)
    if path.is_dir():
        raise NewskgError("E410", f"--out {path} is a folder: give a file name such as {path / ('graph' + FORMATS[fmt][1])}")
    try:
        return atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        raise NewskgError("E412", f"could not write {path}: {exc.strerror or exc}") from None


def _remote_contexts(value: object) -> list[str]:
    """Every ``@context`` (or ``@import``) in a JSON-LD document that names a document to fetch."""
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, sub in item.items():
                if key in {"@context", "@import"}:
                    contexts = sub if isinstance(sub, list) else [sub]
                    found += [c for c in contexts if isinstance(c, str)]
                    stack += [c for c in contexts if isinstance(c, (dict, list))]
                else:
                    stack.append(sub)
        elif isinstance(item, list):
            stack.extend(item)
    return found


def check_rdf_safe(path: str | Path, fmt: str) -> None:
    """Refuse an RDF file whose parsing would reach out or blow up, before rdflib parses it.

    JSON-LD may name remote ``@context`` documents, which rdflib would fetch; RDF/XML may declare
    entities that expand exponentially ("billion laughs"). newskg writes neither.

    Examples
    --------
    >>> import tempfile
    >>> bad = Path(tempfile.mkdtemp()) / "g.jsonld"
    >>> _ = bad.write_text('{"@context": "http://example.org/ctx.jsonld", "@id": "urn:a"}')
    >>> check_rdf_safe(bad, "json-ld")
    Traceback (most recent call last):
    ...
    newskg.errors.NewskgError: E408: ... names a remote JSON-LD @context (http://example.org/ctx.jsonld): newskg fetches nothing; inline the context
    """
    path = Path(path)
    if fmt == "json-ld":
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise NewskgError("E404", f"{path} is not valid JSON-LD: {str(exc).splitlines()[0]}") from None
        remote = _remote_contexts(document)
        if remote:
            raise NewskgError("E408", f"{path} names a remote JSON-LD @context ({remote[0]}): newskg fetches nothing; inline the context")
    elif fmt == "xml":
        data = path.read_bytes().upper()
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise NewskgError("E409", f"{path} declares a DOCTYPE or entities, which newskg does not expand: remove the DOCTYPE")
