"""Write the knowledge graph in RDF formats with rdflib's own serializers."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from newskg.errors import NewskgError
from newskg.graph.build import union_graph

__all__ = ["FORMATS", "QUAD_FORMATS", "serialize", "write_rdf", "format_for_path"]

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
    if rdf_format in QUAD_FORMATS:
        return dataset.serialize(format=rdf_format)
    return union_graph(dataset).serialize(format=rdf_format)


def write_rdf(dataset: Dataset, path: str | Path, fmt: str | None = None) -> Path:
    """Write the graph to ``path`` in ``fmt`` (default: from the suffix, else Turtle)."""
    path = Path(path)
    fmt = fmt or next((name for name, (rdf, suffix) in FORMATS.items() if suffix == path.suffix.lower()), "turtle")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(serialize(dataset, fmt), encoding="utf-8")
    return path
