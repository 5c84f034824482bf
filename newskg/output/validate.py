"""Check a graph against newskg's SHACL shapes with pySHACL."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Dataset, Graph

from newskg.graph.build import union_graph
from newskg.ontology import ontology_graph, shapes_graph

__all__ = ["ValidationReport", "validate"]


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """Whether the graph conforms, how many violations there are, and pySHACL's readable report."""

    conforms: bool
    violations: int
    text: str


def validate(data: Dataset | Graph) -> ValidationReport:
    """Validate ``data`` (its union of graphs) against ``shapes.ttl``, with the ontology for classes.

    Examples
    --------
    >>> from rdflib import Graph, Literal, RDF, URIRef
    >>> from newskg.ontology import NKG
    >>> g = Graph(); _ = g.add((URIRef("urn:x"), RDF.type, NKG.Person))  # no rdfs:label
    >>> report = validate(g)
    >>> report.conforms, report.violations > 0
    (False, True)
    """
    import pyshacl

    graph = union_graph(data) if isinstance(data, Dataset) else data
    conforms, results, text = pyshacl.validate(
        graph,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    from rdflib.namespace import SH

    violations = len(set(results.subjects(predicate=None, object=SH.ValidationResult)))
    return ValidationReport(bool(conforms), violations, str(text))
