"""Frozen records that leave the extract stage: documents, sentences, mentions, relations, claims."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "SourceDocument",
    "Sentence",
    "Mention",
    "AcronymDefinition",
    "RelationMention",
    "Event",
    "Claim",
    "DocumentExtraction",
    "Problem",
]


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A document that was read, with what could be learnt about it before NLP.

    ``doc_id`` is stable across runs and machines: a slug of the file name plus the start of the
    content hash.
    """

    doc_id: str
    path: str
    file_name: str
    sha256: str
    media_type: str
    char_count: int
    title: str | None = None
    date: str | None = None  # ISO 8601 (YYYY-MM-DD)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the normalised text, with its span in the original file."""

    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a named entity.

    ``start``/``end`` are character offsets in the original (decoded) file; ``text`` is the
    cleaned surface form (determiners and possessive endings trimmed). ``source`` says which
    component found it: ``ruler`` (patterns and known actors), ``ner`` (the statistical model) or
    ``acronym`` (a definition in parentheses). ``title`` keeps an honorific or title that was
    split off the name ("Judge", "Mr"): data for roles, never part of the label.
    """

    text: str
    label: str
    start: int
    end: int
    sentence: int
    source: str = "ner"
    canonical: str | None = None  # the name a gazetteer entry gives this actor
    title: str | None = None  # an honorific or title written before the name ("Ms", "Attorney General")

    @property
    def key(self) -> tuple[int, int]:
        """Identity of the mention within its document."""
        return (self.start, self.end)


@dataclass(frozen=True, slots=True)
class AcronymDefinition:
    """``long_form (SHORT)`` or ``SHORT (long_form)`` as defined in the text."""

    short: str
    long_form: str
    sentence: int


@dataclass(frozen=True, slots=True)
class RelationMention:
    """A typed relation between two mentions, as one sentence states it.

    ``predicate`` is the local name of an ontology property (``demands``, ``spokespersonOf``).
    ``rule`` names the extraction rule; ``role`` holds the title for structural relations
    ("spokesperson"), ``content`` what was demanded or condemned, ``event_date`` a date the
    sentence gives.
    """

    subject: Mention
    predicate: str
    object: Mention
    sentence: int
    rule: str
    role: str | None = None
    former: bool = False
    content: str | None = None
    event_date: str | None = None
    about: tuple[Mention, ...] = ()
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """An act one sentence reports: a trigger of an event class with its typed arguments.

    ``event_class`` names a class of ``events.yml`` (aligned with the PLOVER category
    ``plover`` and the CAMEO code ``cameo``); ``predicate`` is the ontology property that links
    each source to each target, ``theme_predicate`` the one that links each source to each theme
    (whom or what the act concerns). ``mode`` is ``asserted``, ``demanded`` or ``hypothetical``;
    only asserted, non-negated events with a source become direct relations in the graph.
    ``parent`` is the index (in ``DocumentExtraction.events``) of the event this one is part of:
    the arrest a condemnation condemns, the release a demand asks for.
    """

    event_class: str
    predicate: str
    trigger: str
    start: int  # the trigger's offsets in the original file
    end: int
    sentence: int
    rule: str
    plover: str = ""
    cameo: str | None = None
    theme_predicate: str | None = None
    sources: tuple[Mention, ...] = ()
    targets: tuple[Mention, ...] = ()
    themes: tuple[Mention, ...] = ()
    places: tuple[Mention, ...] = ()
    date: str | None = None
    negated: bool = False
    mode: str = "asserted"
    reported_by: Mention | None = None
    content: str | None = None
    topics: tuple[str, ...] = ()
    parent: int | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """Something a speaker said, directly (quoted) or in reported speech."""

    speaker: Mention
    text: str
    start: int
    end: int
    sentence: int
    rule: str
    quoted: bool
    negated: bool
    about: tuple[Mention, ...] = ()
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Problem:
    """A document that could not be read, or was read with a warning."""

    path: str
    code: str
    message: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.path}: {self.code} {self.message}"


@dataclass(frozen=True, slots=True)
class DocumentExtraction:
    """Everything the extract stage learnt from one document."""

    document: SourceDocument
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    acronyms: tuple[AcronymDefinition, ...] = ()
    relations: tuple[RelationMention, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    problems: tuple[Problem, ...] = field(default=())
