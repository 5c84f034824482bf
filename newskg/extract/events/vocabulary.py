"""The event vocabulary: event classes and their trigger words, read from ``events.yml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newskg.errors import NewskgError
from newskg.lexicon import parse_yaml

__all__ = ["EventClass", "EventVocabulary", "load_event_vocabulary"]


@dataclass(frozen=True, slots=True)
class EventClass:
    """One kind of event, aligned with a PLOVER category, and how its arguments are found.

    Examples
    --------
    >>> vocab = load_event_vocabulary()
    >>> arrest = vocab.classes["Arrest"]
    >>> arrest.plover, arrest.property, arrest.possessor
    ('COERCE', 'arrests', 'target')
    """

    name: str
    plover: str
    cameo: str | None
    property: str
    theme_property: str | None
    target_preps: frozenset[str]
    theme_preps: frozenset[str]
    possessor: str  # "source" or "target": who "X's <noun>" is
    control: str  # "object" or "subject": who does the act in "X <verb> Y to <act>"
    stance: bool  # takes a position on an act: the act's doer is its target
    person_target: bool  # the target must be an actor, never a law, programme or place
    target_types: frozenset[str] = frozenset()  # when set, the only entity classes a target may have
    collect: bool = False  # every actor named in the object phrase is a target ("met with A, B's unit, C")
    symmetric: bool = False  # done with each other: "A and B met" is A meeting B


@dataclass(frozen=True, slots=True)
class EventVocabulary:
    """Trigger phrases mapped to event classes, plus the words that shape arguments and modes."""

    classes: dict[str, EventClass]
    verbs: dict[str, str]  # "lemma" or "lemma word ..." -> class name
    nouns: dict[str, str]  # "noun" or "modifier noun" -> class name
    adjectives: dict[str, str]
    light_verbs: frozenset[str]
    object_control: frozenset[str]
    deontic: frozenset[str]
    hypothetical: frozenset[str]
    #: verbs that describe their object by a predicate ("called the arrests unlawful"), and the
    #: predicates' words -> the class of what describing so does ("unlawful" -> Condemn)
    describing_verbs: frozenset[str] = frozenset()
    #: verbs that undo an act named by their object noun ("lifted the travel ban on X")
    undoing_verbs: frozenset[str] = frozenset()
    #: verbs that confirm the act their object noun names ("upheld the sentence against X"):
    #: light verbs there, whatever class they have of their own
    confirming_verbs: frozenset[str] = frozenset()
    #: verbs whose "to" clause is intended ("plans to ban X": hypothetical) or not done ("refused
    #: to release X": negated)
    intention_verbs: frozenset[str] = frozenset()
    refusal_verbs: frozenset[str] = frozenset()
    #: verbs whose subject draws a stance from others ("the arrest drew condemnation from X")
    drawing_verbs: frozenset[str] = frozenset()
    descriptions: dict[str, str] = field(default_factory=dict)
    #: verbs that name another act when what they are done to is a person ("police questioned
    #: X" is an interrogation, "X questioned the ruling" a doubt): lemma -> that act's class
    person_senses: dict[str, str] = field(default_factory=dict)

    def description_class(self, key: str) -> EventClass | None:
        """The class of calling something ``key``.

        Examples
        --------
        >>> vocab = load_event_vocabulary()
        >>> vocab.description_class("unlawful").name, vocab.description_class("baseless").name
        ('Condemn', 'Reject')
        """
        name = self.descriptions.get(key)
        return self.classes[name] if name else None

    def verb_class(self, key: str) -> EventClass | None:
        """The class a verb phrase triggers.

        Examples
        --------
        >>> vocab = load_event_vocabulary()
        >>> vocab.verb_class("call on").name, vocab.verb_class("detain").name
        ('Demand', 'Arrest')
        >>> vocab.verb_class("walk") is None
        True
        """
        name = self.verbs.get(key)
        return self.classes[name] if name else None

    def noun_class(self, key: str) -> EventClass | None:
        name = self.nouns.get(key)
        return self.classes[name] if name else None

    def adjective_class(self, key: str) -> EventClass | None:
        name = self.adjectives.get(key)
        return self.classes[name] if name else None

    @property
    def properties(self) -> dict[str, str]:
        """Every property the classes use -> the class name (theme properties included)."""
        found: dict[str, str] = {}
        for cls in self.classes.values():
            found.setdefault(cls.property, cls.name)
            if cls.theme_property:
                found.setdefault(cls.theme_property, cls.name)
        return found


def _words(values: Any) -> list[str]:
    # YAML 1.1 reads a bare ``on`` (and ``off``) as a boolean: take it back as the word.
    words = ("on" if v is True else "off" if v is False else v for v in values or [])
    return [" ".join(str(v).lower().split()) for v in words]


def _merge(data: dict[str, Any], into: dict[str, Any], source: str) -> None:
    for key in ("light_verbs", "object_control", "deontic", "hypothetical", "describing_verbs", "undoing_verbs", "confirming_verbs", "intention_verbs", "refusal_verbs", "drawing_verbs"):
        into.setdefault(key, [])
        into[key] += _words(data.get(key))
    senses = into.setdefault("person_senses", {})
    for lemma, name in (data.get("person_senses") or {}).items():
        senses[" ".join(str(lemma).lower().split())] = str(name)
    classes = into.setdefault("classes", {})
    for entry in data.get("classes") or []:
        if not isinstance(entry, dict) or not entry.get("name"):
            raise NewskgError("E110", f"{source}: every event class needs a name")
        name = str(entry["name"])
        known = classes.get(name)
        if known is None:
            if not entry.get("property"):
                raise NewskgError("E110", f"{source}: event class {name!r} needs a property")
            classes[name] = known = {"name": name, "verbs": [], "nouns": [], "adjectives": [], "descriptions": []}
        for key, value in entry.items():
            if key in {"verbs", "nouns", "adjectives", "descriptions"}:
                known[key] += _words(value)
            elif key != "name":
                known[key] = value


def _build(raw: dict[str, Any]) -> EventVocabulary:
    classes: dict[str, EventClass] = {}
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    for name, entry in raw.get("classes", {}).items():
        classes[name] = EventClass(
            name=name,
            plover=str(entry.get("plover") or "").upper(),
            cameo=str(entry["cameo"]) if entry.get("cameo") is not None else None,
            property=str(entry["property"]),
            theme_property=str(entry["theme_property"]) if entry.get("theme_property") else None,
            target_preps=frozenset(_words(entry.get("target_preps"))),
            theme_preps=frozenset(_words(entry.get("theme_preps"))),
            possessor="target" if entry.get("possessor") == "target" else "source",
            control="object" if entry.get("control") == "object" else "subject",
            stance=bool(entry.get("stance")),
            person_target=bool(entry.get("person_target")),
            target_types=frozenset(str(t) for t in entry.get("target_types") or ()),
            collect=bool(entry.get("collect")),
            symmetric=bool(entry.get("symmetric")),
        )
        # The first class to list a phrase keeps it, so a user file can only add.
        for word in entry["verbs"]:
            verbs.setdefault(word, name)
        for word in entry["nouns"]:
            nouns.setdefault(word, name)
        for word in entry["adjectives"]:
            adjectives.setdefault(word, name)
        for word in entry.get("descriptions", ()):
            descriptions.setdefault(word, name)
    return EventVocabulary(
        classes=classes,
        verbs=verbs,
        nouns=nouns,
        adjectives=adjectives,
        light_verbs=frozenset(raw.get("light_verbs", ())),
        object_control=frozenset(raw.get("object_control", ())),
        deontic=frozenset(raw.get("deontic", ())),
        hypothetical=frozenset(raw.get("hypothetical", ())),
        describing_verbs=frozenset(raw.get("describing_verbs", ())),
        undoing_verbs=frozenset(raw.get("undoing_verbs", ())),
        confirming_verbs=frozenset(raw.get("confirming_verbs", ())),
        intention_verbs=frozenset(raw.get("intention_verbs", ())),
        refusal_verbs=frozenset(raw.get("refusal_verbs", ())),
        drawing_verbs=frozenset(raw.get("drawing_verbs", ())),
        descriptions=descriptions,
        person_senses={lemma: name for lemma, name in (raw.get("person_senses") or {}).items() if name in classes},
    )


@lru_cache(maxsize=8)
def load_event_vocabulary(extra: tuple[str, ...] = ()) -> EventVocabulary:
    """The bundled ``events.yml``, extended by the YAML files in ``extra`` (same layout).

    A user file may add words to a bundled class (``- name: Arrest`` with ``verbs: [...]``) or
    define a new class with its own ``property``.

    Examples
    --------
    >>> vocab = load_event_vocabulary()
    >>> len(vocab.classes) >= 20, len(vocab.verbs) + len(vocab.nouns) > 300
    (True, True)
    """
    raw: dict[str, Any] = {}
    text = resources.files("newskg.data").joinpath("lexicon/events.yml").read_text(encoding="utf-8")
    _merge(parse_yaml(text) or {}, raw, "events.yml")
    for path in extra:
        try:
            data = parse_yaml(Path(path).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            where = getattr(exc, "problem_mark", None)
            detail = " ".join(str(getattr(exc, "problem", None) or exc).split())
            at = f" (line {where.line + 1}, column {where.column + 1})" if where is not None else ""
            raise NewskgError("E110", f"cannot read event vocabulary {path}: {detail}{at}") from None
        if not isinstance(data, dict):
            raise NewskgError("E110", f"{path}: expected a mapping with 'classes'")
        _merge(data, raw, str(path))
    return _build(raw)
