"""The newskg vocabulary: ontology, SHACL shapes, namespace and label-to-class maps."""

from __future__ import annotations

from newskg.ontology.files import ontology_graph, ontology_path, shapes_graph, shapes_path
from newskg.ontology.namespace import NKG, bind_prefixes

__all__ = ["NKG", "bind_prefixes", "ontology_graph", "ontology_path", "shapes_graph", "shapes_path"]
