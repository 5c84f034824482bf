"""Score a built graph against hand-made gold annotations: entities, types, duplicates, relations.

The gold format (YAML) is documented in ``tests/data/gold/``: a list of actors with ``name``,
``type`` and other ``forms``, and a list of ``[subject, property, object]`` relations.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rdflib import RDFS, Dataset
from rdflib.namespace import SKOS

from newskg.errors import NewskgError
from newskg.lexicon import parse_yaml
from newskg.graph.canonical import name_key
from newskg.ontology import NKG

__all__ = ["GoldEntity", "GoldRelation", "EntityScores", "RelationScores", "load_gold_entities", "load_gold_relations", "score_entities", "score_relations"]


@dataclass(frozen=True, slots=True)
class GoldEntity:
    name: str
    type: str
    forms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldRelation:
    subject: str
    predicates: frozenset[str]
    object: str


@dataclass(frozen=True, slots=True)
class EntityScores:
    """Entity precision/recall/F1 (duplicates count against precision), type accuracy on matches."""

    precision: float
    recall: float
    f1: float
    type_accuracy: float
    duplicates: int
    true_positives: int
    system: int
    gold: int
    spurious: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    duplicated: tuple[str, ...] = ()
    mistyped: tuple[str, ...] = ()

    def summary(self) -> str:
        return (
            f"entities: P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"type accuracy={self.type_accuracy:.3f} duplicates={self.duplicates} "
            f"({self.true_positives}/{self.gold} gold found, {self.system} system entities)"
        )


@dataclass(frozen=True, slots=True)
class RelationScores:
    precision: float
    recall: float
    f1: float
    true_positives: int
    system: int
    gold: int
    false_positives: tuple[str, ...] = field(default=())
    missed: tuple[str, ...] = field(default=())

    def summary(self) -> str:
        return (
            f"relations: P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"({self.true_positives}/{self.gold} gold found, {self.system} system relations)"
        )


def _read(path: str | Path) -> list:
    try:
        data = parse_yaml(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise NewskgError("E701", f"cannot read gold file {path}: {exc}") from exc
    if not isinstance(data, list):
        raise NewskgError("E701", f"gold file {path} must hold a list")
    return data


def load_gold_entities(path: str | Path) -> list[GoldEntity]:
    return [GoldEntity(str(item["name"]), str(item["type"]), tuple(str(f) for f in item.get("forms", []) or [])) for item in _read(path)]


def load_gold_relations(path: str | Path) -> list[GoldRelation]:
    relations = []
    for item in _read(path):
        subject, predicate, obj = item
        predicates = frozenset(predicate if isinstance(predicate, list) else [predicate])
        relations.append(GoldRelation(str(subject), predicates, str(obj)))
    return relations


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _system_entities(dataset: Dataset) -> dict[str, tuple[str, str, list[str]]]:
    found = {}
    for node, cls in dataset.subject_objects(NKG.entityType):
        label = str(dataset.value(node, RDFS.label))
        names = [label] + [str(n) for n in dataset.objects(node, SKOS.altLabel)]
        found[str(node)] = (label, str(cls), names)
    return found


def _align(dataset: Dataset, gold: list[GoldEntity]) -> tuple[dict[str, str], dict[str, tuple[str, str, list[str]]]]:
    """Map each system entity to the gold entity one of its names matches (canonical name first)."""
    by_key: dict[str, str] = {}
    for entity in gold:
        for form in (entity.name, *entity.forms):
            by_key.setdefault(name_key(form), entity.name)
    system = _system_entities(dataset)
    mapping: dict[str, str] = {}
    for node, (label, _, names) in system.items():
        for name in [label, *names]:
            match = by_key.get(name_key(name))
            if match is not None:
                mapping[node] = match
                break
    return mapping, system


def score_entities(dataset: Dataset, gold: list[GoldEntity]) -> EntityScores:
    """Score the graph's entities against ``gold``.

    Examples
    --------
    >>> from newskg.graph.build import new_dataset
    >>> score_entities(new_dataset(), [GoldEntity("Anna Vell", "Person")]).recall
    0.0
    """
    mapping, system = _align(dataset, gold)
    gold_by_name = {g.name: g for g in gold}
    matched: dict[str, list[str]] = defaultdict(list)
    for node, name in mapping.items():
        matched[name].append(node)
    spurious = sorted(system[n][0] for n in system if n not in mapping)
    duplicates = sum(len(nodes) - 1 for nodes in matched.values())
    true_positives = len(matched)
    precision = true_positives / len(system) if system else 0.0
    recall = true_positives / len(gold) if gold else 0.0
    mistyped = []
    correct = 0
    for name, nodes in matched.items():
        primary = max(nodes, key=lambda n: len(system[n][2]))
        if system[primary][1] == gold_by_name[name].type:
            correct += 1
        else:
            mistyped.append(f"{name}: {system[primary][1]} (gold {gold_by_name[name].type})")
    return EntityScores(
        precision=precision,
        recall=recall,
        f1=_f1(precision, recall),
        type_accuracy=correct / true_positives if true_positives else 0.0,
        duplicates=duplicates,
        true_positives=true_positives,
        system=len(system),
        gold=len(gold),
        spurious=tuple(spurious),
        missed=tuple(sorted(g.name for g in gold if g.name not in matched)),
        duplicated=tuple(sorted(f"{name}: {', '.join(system[n][0] for n in nodes)}" for name, nodes in matched.items() if len(nodes) > 1)),
        mistyped=tuple(sorted(mistyped)),
    )


def _relation_properties(dataset: Dataset) -> set:
    """Properties from a source to a target; an event's themes (``nkg:concerns``: on whose
    behalf a demand was made) are another kind of link that the gold does not annotate."""
    props = set()
    for top in (NKG.interactsWith, NKG.structurallyRelatedTo):
        props |= set(dataset.transitive_subjects(RDFS.subPropertyOf, top))
    themes = set(dataset.transitive_subjects(RDFS.subPropertyOf, NKG.concerns))
    return props - themes - {NKG.interactsWith, NKG.structurallyRelatedTo}


def score_relations(dataset: Dataset, gold_entities: list[GoldEntity], gold: list[GoldRelation]) -> RelationScores:
    """Score typed, directed relations between actors; symmetric ``relativeOf`` matches either way."""
    mapping, system_entities = _align(dataset, gold_entities)
    system: set[tuple[str, str, str]] = set()
    for prop in _relation_properties(dataset):
        name = str(prop).rsplit("#", 1)[-1]
        for s, o in dataset.subject_objects(prop):
            subject = mapping.get(str(s), f"?{system_entities.get(str(s), (str(s),))[0]}")
            obj = mapping.get(str(o), f"?{system_entities.get(str(o), (str(o),))[0]}")
            if subject != obj:
                system.add((subject, name, obj))

    def matches(triple: tuple[str, str, str], relation: GoldRelation) -> bool:
        s, p, o = triple
        if p not in relation.predicates:
            return False
        if (s, o) == (relation.subject, relation.object):
            return True
        return p == "relativeOf" and (o, s) == (relation.subject, relation.object)

    hits = {t for t in system if any(matches(t, g) for g in gold)}
    found = [g for g in gold if any(matches(t, g) for t in system)]
    precision = len(hits) / len(system) if system else 0.0
    recall = len(found) / len(gold) if gold else 0.0
    return RelationScores(
        precision=precision,
        recall=recall,
        f1=_f1(precision, recall),
        true_positives=len(found),
        system=len(system),
        gold=len(gold),
        false_positives=tuple(sorted(" ".join(t) for t in system - hits)),
        missed=tuple(sorted(f"{g.subject} {'|'.join(sorted(g.predicates))} {g.object}" for g in gold if g not in found)),
    )
