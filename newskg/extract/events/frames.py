"""Events of a sentence: triggers with their arguments, nested acts, modes and reporters.

An event is n-ary (PLOVER): one class, lists of sources, targets and themes, a place and a date,
and a mode — ``asserted``, ``demanded`` (what a demand asks for, or what "X must ..." requires)
or ``hypothetical`` — plus a negation flag. Nesting follows the sentence: in "X condemned the
arrest of Y by Z" the condemnation's target is Z, the doer of the condemned act, and Y is its
theme; in "X called on Y to release Z" the release is demanded, its source is Y, and Z is the
theme of the demand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from newskg.extract.classes import PRIVATE_ACTORS
from newskg.extract.events.arguments import Arguments, arguments_of, opens_paragraph
from newskg.extract.events.phrases import actors_in, agents_of
from newskg.extract.events.triggers import Trigger, find_triggers
from newskg.extract.events.vocabulary import EventClass, EventVocabulary
from newskg.extract.topics import topics_of
from newskg.extract.normalize import parse_date
from newskg.extract.resolve import ActorResolver

__all__ = ["SpanEvent", "EventFrames", "sentence_events"]

_DEMANDS = {"Demand", "Urge", "Invite"}
_NOT_BENEFICIARIES = {"Law", "Programme", "Event", "City", "Region", "Place"}
_NEGATORS = {"not", "never", "no", "n't", "neither", "nor", "without"}
_CONTENT_LIMIT = 300


@dataclass(slots=True)
class SpanEvent:
    """An event over spaCy spans, before the pipeline turns spans into mentions."""

    cls: EventClass
    trigger: Trigger
    sentence: Span
    rule: str
    sources: list[Span] = field(default_factory=list)
    targets: list[Span] = field(default_factory=list)
    themes: list[Span] = field(default_factory=list)
    places: list[Span] = field(default_factory=list)
    date: str | None = None
    negated: bool = False
    mode: str = "asserted"
    reported_by: Span | None = None
    content: str | None = None
    topics: tuple[str, ...] = ()
    parent: SpanEvent | None = None
    #: "the release of all those detained": done to every person the document says was detained
    group: bool = False

    @property
    def start_char(self) -> int:
        return min(self.trigger.token.doc[i].idx for i in self.trigger.words)

    @property
    def end_char(self) -> int:
        doc = self.trigger.token.doc
        last = doc[max(self.trigger.words)]
        return last.idx + len(last.text)

    def clean(self) -> None:
        """No actor is its own target or theme; themes repeat no target."""
        self.targets = [t for t in dict.fromkeys(self.targets) if t not in self.sources]
        self.themes = [t for t in dict.fromkeys(self.themes) if t not in self.sources and t not in self.targets]
        self.sources = list(dict.fromkeys(self.sources))


def _negated(token: Token, undoing: frozenset[str] = frozenset(), denials: frozenset[str] = frozenset(), refusals: frozenset[str] = frozenset()) -> bool:
    """Whether the act is said not to happen: "did not arrest", "no charges", "without trial",
    an act named by a noun that a verb of ``undoing`` undoes ("lifted the travel ban on X"), and
    an act a verb of ``denials`` denies ("denied beating X", "denied claims that it beat X")."""
    if token.pos_ == "NOUN" and token.dep_ in {"dobj", "nsubjpass"} and token.head.lemma_.lower() in undoing:
        return True
    head = token.head
    if token.dep_ in {"ccomp", "xcomp", "pcomp"} and head.lemma_.lower() in denials:
        return True
    if token.dep_ == "xcomp" and head.lemma_.lower() in refusals:
        return True  # "refused to release X"
    if token.dep_ in {"acl", "ccomp"} and head.dep_ == "dobj" and head.head.lemma_.lower() in denials:
        return True
    for child in token.children:
        if child.dep_ == "neg" or (child.lower_ in _NEGATORS and child.dep_ in {"det", "advmod", "preconj"}):
            following = token.doc[child.i + 1] if child.i + 1 < len(token.doc) else None
            if following is not None and following.lower_ in {"only", "just", "merely"}:
                continue  # "must not only release X, but also ..."
            return True
    if token.dep_ in {"xcomp", "acomp"} and any(c.dep_ == "neg" for c in head.children):
        return True  # "did not want to arrest"
    return token.pos_ == "NOUN" and head.lower_ == "without"


def _mode(token: Token, vocab: EventVocabulary, speech_verbs: frozenset[str] = frozenset()) -> str:
    words = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass", "mark", "advmod"}}
    if words & vocab.deontic:
        return "demanded"
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in vocab.intention_verbs:
        return "hypothetical"  # "X plans to ban Y", "X threatened to arrest Y": not done
    for ancestor in [token, *list(token.ancestors)[:2]]:
        if ancestor.lemma_.lower() in {"like", "love", "wish"}:
            break  # "we would like to invite X": a polite present, not a hypothesis
        found = {c.lower_ for c in ancestor.children if c.dep_ in {"aux", "mark", "advmod"}} & vocab.hypothetical
        if found == {"would"} and ancestor.dep_ == "ccomp" and ancestor.head.lemma_.lower() in speech_verbs:
            continue  # "said that it would launch X": an announced act, future in the past
        if found:
            return "hypothetical"
    return "asserted"


def _event_date(token: Token, dates: list[Span]) -> str | None:
    sent = token.sent
    for span in dates:
        if not (sent.start <= span.start and span.end <= sent.end):
            continue
        head = span.root.head
        anchors = {token.i}
        if token.dep_ in {"dobj", "nsubjpass", "pobj"}:
            anchors.add(token.head.i)
        if head.i in anchors or (head.dep_ == "prep" and head.head.i in anchors) or (span.root.dep_ == "npadvmod" and head.i in anchors):
            return parse_date(span.text) or span.text
    return None


def _content(token: Token) -> str | None:
    """What was demanded: the clause a demand governs ("to release X ...")."""
    for child in token.children:
        if opens_paragraph(child) or child.i < token.i:
            continue  # "1. Condemns ...; calls for ...": the parser's ccomp is another paragraph verb
        if child.dep_ in {"xcomp", "ccomp"} or (child.dep_ == "prep" and child.lower_ == "for"):
            words = list(child.subtree)
            text = " ".join(token.doc[words[0].i : words[-1].i + 1].text.split())
            return text[:_CONTENT_LIMIT] or None
    return None


class EventFrames:
    """Find the events of a document sentence by sentence, remembering what crosses sentences:
    an open list ("Parliament called on the authorities to:" followed by bullets)."""

    def __init__(self, resolver: ActorResolver, vocab: EventVocabulary, dates: list[Span]) -> None:
        self.resolver = resolver
        self.vocab = vocab
        self.dates = dates
        self.open_list: SpanEvent | None = None  # a demand whose content the next bullets give
        self.after_mark = False  # the last sentence was a bare bullet mark
        self.recent: dict[str, SpanEvent] = {}  # the last event of each class with arguments
        self.detained: list[Span] = []  # people the document says were detained, in order
        self.waiting: list[SpanEvent] = []  # acts done to "all those detained", and what asks for them

    def __call__(self, sent: Span, claims: list[tuple[int, int, Span]] = ()) -> list[SpanEvent]:
        text = sent.text.strip()
        if text in _BULLETS:
            self.after_mark = True  # the parser split "- release X" after the dash
            return []
        bullet = self.after_mark or _is_bullet(sent)
        self.after_mark = False
        events = sentence_events(sent, self.resolver, self.vocab, self.dates, claims, self.recent)
        events = self._continue_list(events, bullet)
        listed, clause = _listed_as_held(sent, self.resolver, self.vocab)
        if listed and clause is not None and not any(e.trigger.token.i == clause.i for e in events):
            # "Among those detained was X": X's arrest, by whoever the clause says did it
            cls = self.vocab.verb_class(clause.lemma_.lower())
            cls = cls if cls is not None and cls.name == "Arrest" else self.vocab.classes.get("Arrest")
            if cls is not None:
                events.append(SpanEvent(
                    cls=cls, trigger=Trigger(clause, cls, "verb", None, (clause.i,)), sentence=sent, rule="listed-as-held",
                    sources=[s for s in agents_of(clause, self.resolver) if s not in listed], targets=list(listed),
                    date=_event_date(clause, self.dates),
                    reported_by=next((speaker for start, end, speaker in claims if start <= clause.idx < end), None),
                ))
                listed = []  # counted as detained below, with the other arrests
        for event in events:
            if event.sources or event.targets:
                self.recent[event.cls.name] = event
            if event.cls.possessor == "target":
                self.resolver.recent_people += [t for t in event.targets if t.label_ == "Person"]
            if event.cls.name == "Arrest" and event.mode == "asserted" and not event.negated:
                self.detained += [t for t in event.targets if t.label_ == "Person"]
        self.detained += listed
        waiting = [e for e in events if e.group or any(w.group and w.parent is e for w in events)]
        held = [e for e in waiting if not (e.targets or e.themes)]
        self.waiting += held
        events = [e for e in events if e not in held]
        if text.endswith(":"):
            demands = [e for e in events if e.cls.name in _DEMANDS and e.parent is None]
            self.open_list = demands[-1] if demands else None
        elif not bullet:
            self.open_list = None
        return events

    def finish(self) -> list[SpanEvent]:
        """After the last sentence: the acts done to "all those detained" are done to every
        person the document says was detained ("Among those held are A and B"), and what asks
        for them asks it on their behalf."""
        people = list(dict.fromkeys(self.detained))
        if not people:
            return []
        for event in self.waiting:
            if event.group:
                event.targets = [p for p in people if p not in event.sources]
        for event in self.waiting:
            if event.group and event.parent is not None and event.parent in self.waiting:
                _lift(event.parent, event)
        return [e for e in self.waiting if e.targets or e.themes]

    def _continue_list(self, events: list[SpanEvent], bullet: bool) -> list[SpanEvent]:
        """ "- release X and Y;" under "X called on Y to:": a demanded act of the addressee."""
        frame = self.open_list
        if frame is None or not bullet:
            return events
        out = list(events)
        for event in events:
            if event.parent is not None or event.cls.name in _DEMANDS or event.trigger.kind != "verb":
                continue
            head = event.trigger.token
            if any(c.dep_ in {"nsubj", "nsubjpass"} for c in head.children):
                continue
            first = next((t for t in head.sent if not (t.is_punct or t.is_space)), None)
            if head.dep_ not in {"ROOT", "conj", "dep"} and head.head.i != head.i and head != first:
                continue
            event.sources = list(frame.targets)
            event.mode = "demanded"
            event.rule = "list-item"
            demand = SpanEvent(
                cls=frame.cls, trigger=frame.trigger, sentence=event.sentence, rule="list-item",
                sources=list(frame.sources), targets=list(frame.targets),
                themes=[t for t in event.targets + event.themes if t not in frame.targets],
                date=frame.date, reported_by=frame.reported_by,
                content=" ".join(event.sentence.text.split()).lstrip("-–•· ")[:_CONTENT_LIMIT],
            )
            event.parent = demand
            event.clean()
            demand.clean()
            out.append(demand)
        return out


_BULLETS = {"-", "–", "•", "·", "*", "—"}


def _is_bullet(sent: Span) -> bool:
    first = sent[0] if len(sent) else None
    if first is None:
        return False
    return first.text in _BULLETS or (first.like_num and len(sent) > 1 and sent[1].text in {".", ")"})


def sentence_events(
    sent: Span,
    resolver: ActorResolver,
    vocab: EventVocabulary,
    dates: list[Span] = (),
    claims: list[tuple[int, int, Span]] = (),
    recent: dict[str, SpanEvent] | None = None,
) -> list[SpanEvent]:
    """All events one sentence states, nested ones linked to the event they are part of.

    ``claims`` are ``(start_char, end_char, speaker)`` of what the sentence reports someone said:
    an event inside one is ``reported_by`` that speaker, and "X must ..." inside it is a demand
    of that speaker. ``recent`` holds the last event of each class in the document: a definite
    event noun with no arguments of its own ("the sentences", "the new listings") is that event.
    """
    inside = {i for s in resolver.spans_in(sent.start, sent.end) for i in range(s.start, s.end)}
    triggers = find_triggers(sent, vocab, inside_entity=inside)
    by_token = {t.token.i: t for t in triggers}
    events: dict[int, SpanEvent] = {}
    nested: dict[int, list[Token]] = {}
    for trigger in triggers:
        args: Arguments = arguments_of(trigger, resolver, vocab, by_token)
        cls = trigger.cls
        sense = vocab.person_senses.get(trigger.token.lemma_.lower()) if trigger.kind == "verb" else None
        if sense is not None and args.targets and all(t.label_ == "Person" for t in args.targets):
            cls = vocab.classes[sense]  # "police questioned X": not a doubt about X
        event = SpanEvent(
            cls=cls, trigger=trigger, sentence=sent, rule=args.rule,
            sources=args.sources, targets=args.targets, themes=args.themes, places=args.places,
            date=_event_date(trigger.token, dates), negated=_negated(trigger.token, vocab.undoing_verbs, resolver.lexicon.denial_verbs, vocab.refusal_verbs),
            mode=_mode(trigger.token, vocab, resolver.lexicon.speech_verbs),
        )
        if event.cls.name in _DEMANDS:
            event.content = _content(trigger.token)
        if event.cls.stance or event.cls.name in _DEMANDS:
            # what a demand or a condemnation is about, to set it beside the other side's claims
            event.topics = topics_of(sent, sent.start_char, sent.end_char)
        if recent and trigger.kind == "noun" and not (event.sources or event.targets or event.themes) and _definite(trigger.token) and not args.nested and not any(c.dep_ == "prep" and c.lower_ in {"of", "against", "on", "by", "into"} for c in trigger.token.children):
            earlier = recent.get(event.cls.name)
            if earlier is not None:
                event.sources, event.targets = list(earlier.sources), list(earlier.targets)
                event.rule = "noun-coreference"
        for start, end, speaker in claims:
            if start <= trigger.token.idx < end and speaker not in event.sources:
                event.reported_by = speaker
        events[trigger.token.i] = event
        nested[trigger.token.i] = [n for n in args.nested if n.i in by_token and n.i != trigger.token.i]
        if recent is not None and event.rule == "noun-include" and not event.sources:
            earlier = recent.get(event.cls.name)  # "The new listings include X": whose listings
            if earlier is not None:
                event.sources = list(earlier.sources)
    # Links and demanded doers top-down (a demand's addressee does what it asks, and so on
    # down the chain), then targets and themes bottom-up (what a demand asks for, whose arrest
    # a condemnation condemns).
    order = sorted(events, key=lambda i: _depth(sent.doc[i], by_token))
    links: list[tuple[SpanEvent, SpanEvent]] = []
    for i in order:
        outer = events[i]
        for word in nested[i]:
            inner = events.get(word.i)
            if inner is None or inner.parent is not None or inner is outer or opens_paragraph(word):
                continue
            _link(outer, inner)
            links.append((outer, inner))
    for outer, inner in reversed(links):
        _lift(outer, inner)
    # What a demand's clause asks for, however deep ("calls for X to take action ... to exert
    # pressure on Y"), is demanded, not done.
    for i in order:
        event = events[i]
        if event.parent is None and not opens_paragraph(sent.doc[i]):
            demand = _governing_demand(sent.doc[i], events)
            if demand is not None:
                event.parent = demand
                event.mode = "demanded"
    for event in events.values():
        if event.cls.name in _DEMANDS and event.trigger.kind == "verb" and not event.sources and event.rule == "verb-passive" and resolver.voice_body is not None:
            # "The government is invited to ...", in the summary of what a body adopted: the body asks
            event.sources = [resolver.voice_body]
            event.rule = "verb-passive-author"
    demands = [d for d in (_deontic(e, resolver, vocab, claims) for e in list(events.values())) if d is not None]
    demands += _deontic_clauses(sent, resolver, vocab, claims, events)
    result: list[SpanEvent] = []
    if recent is not None:
        for event in events.values():
            if event.sources and (event.targets or event.trigger.kind == "noun"):
                recent.setdefault(event.cls.name, event)
                if event.sources:
                    recent[event.cls.name] = event
    for event in events.values():
        event.group = not event.targets and _detained_group(event.trigger.token, vocab, bare=event.cls.name == "Release")
    for i in sorted(events):
        event = events[i]
        if event.cls.target_types:
            event.targets = [t for t in event.targets if t.label_ in event.cls.target_types]
        if event.cls.symmetric and not event.targets and len(event.sources) >= 2 and not _met_someone_else(event.trigger.token):
            # "A and B met", "A and B signed an agreement": each the other's counterpart
            event.sources, event.targets = event.sources[:1], event.sources[1:]
        event.clean()
        intransitive = event.cls.name == "Protest" and not any(c.dep_ == "dobj" for c in event.trigger.token.children)
        waiting = event.group or any(e.group and e.parent is event for e in events.values())
        if event.targets or event.themes or (event.sources and intransitive) or waiting:
            result.append(event)
    return result + demands


#: nouns for people held ("the release of all detainees")
_DETAINEE_NOUNS = {"detainee", "prisoner", "captive", "hostage"}


def _detained_group(token: Token, vocab: EventVocabulary, bare: bool = False) -> bool:
    """Whether an act done to people is done to a group of detainees the text does not name
    there: "the release of all those (arbitrarily) detained", "release all detainees", "the
    prisoners"; with ``bare`` (a release), a bare plural too ("free political prisoners")."""
    objects = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    objects += [c for c in token.children if c.dep_ == "dobj"]
    for group in objects:
        # a bare plural only when freed: "free political prisoners" is all of them, "accused X of
        # torturing detainees" says only that some were
        if group.lemma_.lower() in _DETAINEE_NOUNS and group.tag_ in {"NNS", "NNPS"} and (bare or _definite_group(group)):
            return True
        if group.lower_ in {"those", "all"}:
            heads = [group, *(c for c in group.children if c.lower_ == "those")]
            for head in heads:
                for clause in head.children:
                    cls = vocab.verb_class(clause.lemma_.lower()) if clause.dep_ in {"acl", "relcl"} else None
                    if cls is not None and cls.name == "Arrest":
                        return True
    return False


def _met_someone_else(verb: Token) -> bool:
    """ "A and B spoke to reporters", "met with students": together, with a third party (not
    "met with each other")."""
    return any(
        p.dep_ == "pobj" and p.lower_ not in {"other", "another"}
        for c in verb.children if c.dep_ == "prep" and c.lower_ in {"to", "with"} for p in c.children
    )


def _definite_group(token: Token) -> bool:
    """ "all detainees", "the prisoners", "those hostages": a group the text has in mind."""
    return any(c.dep_ in {"det", "predet"} and c.lower_ in {"all", "the", "these", "those"} for c in token.children)


def _definite(token: Token) -> bool:
    return any(c.lower_ in {"the", "this", "these", "those", "such", "that"} for c in token.children)


def _governing_demand(token: Token, events: dict[int, SpanEvent]) -> SpanEvent | None:
    """The demand whose clause ``token`` stands in, through non-finite clauses only."""
    child = token
    for ancestor in token.ancestors:
        if child.dep_ in {"nsubj", "nsubjpass", "csubj", "relcl"} or opens_paragraph(child):
            return None  # a relative clause says what is so: "release X, who has been held since May"
        if child.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children) and child is not token:
            return None  # a finite clause of its own
        event = events.get(ancestor.i)
        if event is not None and event.cls.name in _DEMANDS:
            if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} and ancestor.pos_ in {"VERB", "AUX"}:
                return None  # "X called for Y's release and accused Z": two acts of X, one asked for
            return event
        child = ancestor
    return None


def _depth(token: Token, by_token: dict[int, Trigger]) -> int:
    return sum(1 for a in token.ancestors if a.i in by_token)


def _link(outer: SpanEvent, inner: SpanEvent) -> None:
    inner.parent = outer
    if outer.cls.name == "Accuse" and outer.sources and inner.reported_by is None:
        inner.reported_by = outer.sources[0]  # "X accused Y of torturing Z": Z's torture is X's account
    # "The experts called for them to be released": whoever asks is not whom it is for
    inner.targets = [t for t in inner.targets if t not in outer.sources]
    if outer.cls.name in _DEMANDS:
        # What a demand asks for did not happen: its doer is the addressee unless named, and
        # a doer named in "calls for X to act" is the addressee.
        inner.mode = "demanded"
        if not inner.sources and outer.targets:
            inner.sources = list(outer.targets)
        elif inner.sources and not outer.targets and inner.trigger.kind == "verb":
            outer.targets = [s for s in inner.sources if s not in outer.sources]


def _listed_as_held(sent: Span, resolver: ActorResolver, vocab: EventVocabulary) -> tuple[list[Span], Token | None]:
    """People a sentence lists as detained, and the verb that says so: "Among those held are A, B
    and C", "Those detained include A and B"."""
    for token in sent:
        if token.lower_ != "those":
            continue
        clause = next((c for c in token.children if c.dep_ in {"acl", "relcl"}), None)
        cls = vocab.verb_class(clause.lemma_.lower()) if clause is not None else None
        hold = clause is not None and clause.lemma_.lower() == "hold"
        if not (hold or (cls is not None and cls.name == "Arrest")):
            continue
        # the verb of "Among those held are ...", also inside what someone said ("..., his lawyer said")
        root = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "prep" else token.head
        if root.lemma_.lower() not in {"be", "include"}:
            root = sent.root
        if root.lemma_.lower() not in {"be", "include"}:
            continue
        # the list, however the parser hung its names (in apposition, in coordination)
        people = [s for c in root.children if c.dep_ in {"nsubj", "attr", "dobj"} for s in actors_in(c, resolver, people_only=True) if s.label_ == "Person"]
        if people:
            return people, clause
    return [], None


def _lift(outer: SpanEvent, inner: SpanEvent) -> None:
    # on whose behalf: the people and bodies the inner act is done to, not the law it amends
    lifted = [t for t in inner.targets + inner.themes if t not in outer.targets and t.label_ not in _NOT_BENEFICIARIES]
    if outer.cls.name in _DEMANDS:
        outer.themes += lifted
    elif outer.cls.possessor == "target" and not outer.cls.stance and not outer.targets and inner.trigger.kind == "noun":
        # "quash the conviction of X", "overturn Y's sentence": undoing an act done to people is
        # done to them (an act named by its noun, as the object: "raided Z to arrest X" is a raid
        # on Z, and "arrested three men over the killing of X" no arrest of X)
        noun = inner.trigger.token
        if noun.dep_ in {"dobj", "nsubjpass"} and noun.head == outer.trigger.token:
            outer.targets = [t for t in inner.targets if t.label_ in PRIVATE_ACTORS and t not in outer.sources]
    elif outer.cls.stance or (not outer.cls.person_target and not outer.targets):
        # "condemned the arrest of X by Y", "investigated the killing of X by Y": the act's doer
        # is the target, whom it was done to the theme
        if not outer.targets and inner.sources:
            outer.targets = [s for s in inner.sources if s not in outer.sources]
        outer.themes += [t for t in lifted if t not in outer.targets]


def _deontic_clauses(sent: Span, resolver: ActorResolver, vocab: EventVocabulary, claims: list[tuple[int, int, Span]], events: dict[int, SpanEvent]) -> list[SpanEvent]:
    """ "The Council must continue to consider X", "Y should do more": whatever the verb, an
    actor told what it must do by the speaker (or the document's author) is the target of a demand."""
    demand_cls = vocab.classes.get("Demand")
    found: list[SpanEvent] = []
    if demand_cls is None:
        return found
    for token in sent:
        if token.pos_ not in {"VERB", "AUX"} or token.i in events or token.dep_ in {"xcomp", "aux"}:
            continue
        if not {c.lower_ for c in token.children if c.dep_ == "aux"} & vocab.deontic:
            continue
        if any(c.dep_ == "neg" for c in token.children):
            continue  # "must not": a prohibition, left to the claim
        subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        targets = resolver.resolve_all(subject) if subject is not None and subject.lower_ not in {"we", "i", "it", "they", "one"} else []
        targets = [t for t in targets if t.label_ not in {"Law", "Programme", "Event", "City", "Region", "Place"}]
        speaker = next((s for a, b, s in claims if a <= token.idx < b), None) or resolver.voice
        if not targets or speaker is None or speaker in targets:
            continue
        trigger = Trigger(token, demand_cls, "verb", None, (token.i,))
        found.append(SpanEvent(
            cls=demand_cls, trigger=trigger, sentence=sent, rule="deontic", sources=[speaker], targets=targets,
            content=" ".join(sent.text.split())[:_CONTENT_LIMIT],
        ))
    return found


def _deontic(event: SpanEvent, resolver: ActorResolver, vocab: EventVocabulary, claims: list[tuple[int, int, Span]]) -> SpanEvent | None:
    """ "Saudi Arabia must release X": the speaker (or the document's author) demands it."""
    token = event.trigger.token
    if event.mode != "demanded" or event.parent is not None or event.trigger.kind != "verb" or not event.sources:
        return None
    speaker = next((s for a, b, s in claims if a <= token.idx < b), None) or resolver.voice
    if speaker is None or speaker in event.sources:
        return None
    demand_cls = vocab.classes.get("Demand")
    if demand_cls is None:
        return None
    demand = SpanEvent(
        cls=demand_cls, trigger=event.trigger, sentence=event.sentence, rule="deontic",
        sources=[speaker], targets=list(event.sources), themes=list(event.targets) + list(event.themes),
        date=event.date, reported_by=None, content=" ".join(event.sentence.text.split())[:_CONTENT_LIMIT],
    )
    event.parent = demand
    demand.clean()
    return demand
