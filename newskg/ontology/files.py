"""Access to the ontology and SHACL shapes shipped as package data."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import Graph

from newskg.ontology.namespace import bind_prefixes

__all__ = ["ontology_path", "shapes_path", "ontology_graph", "shapes_graph"]


def ontology_path() -> Path:
    """Path of the bundled ``ontology.ttl``.

    Examples
    --------
    >>> ontology_path().name
    'ontology.ttl'
    """
    return Path(str(resources.files("newskg.ontology").joinpath("ontology.ttl")))


def shapes_path() -> Path:
    """Path of the bundled SHACL ``shapes.ttl``.

    Examples
    --------
    >>> shapes_path().name
    'shapes.ttl'
    """
    return Path(str(resources.files("newskg.ontology").joinpath("shapes.ttl")))


@lru_cache(maxsize=1)
def _parsed(path: str) -> Graph:
    graph = bind_prefixes(Graph())
    graph.parse(path, format="turtle")
    return graph


def ontology_graph() -> Graph:
    """A fresh copy of the ontology as an rdflib ``Graph``.

    Examples
    --------
    >>> from newskg.ontology import NKG
    >>> from rdflib import OWL, RDF
    >>> (NKG.Person, RDF.type, OWL.Class) in ontology_graph()
    True
    """
    graph = bind_prefixes(Graph())
    for triple in _parsed(str(ontology_path())):
        graph.add(triple)
    return graph


def shapes_graph() -> Graph:
    """A fresh copy of the SHACL shapes as an rdflib ``Graph``."""
    graph = bind_prefixes(Graph())
    for triple in _parsed(str(shapes_path())):
        graph.add(triple)
    return graph
