"""Phrases an event's arguments are read from: who a noun phrase names, who did a passive act,
the legal basis a measure cites. Shared by the verb, noun and adjective rules of ``arguments``."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newskg.extract.resolve import ActorResolver

__all__ = [
    "Arguments", "actors_in", "is_passive", "opens_paragraph", "agents_of", "actor_inside", "included_actors", "legal_basis",
    "misparsed_main_verb", "noun_agents", "pobjs", "with_infinitive", "NON_ACTORS", "PLACES", "PLACE_PREPS",
]

NON_ACTORS = {"Law", "Programme", "Event"}

PLACES = {"City", "Region", "Place"}

PLACE_PREPS = {"in", "at", "near", "outside", "inside"}


class Arguments:
    """Mutable collector of one trigger's arguments (spans), in order, without repeats."""

    __slots__ = ("sources", "targets", "themes", "places", "nested", "passive", "rule")

    def __init__(self) -> None:
        self.sources: list[Span] = []
        self.targets: list[Span] = []
        self.themes: list[Span] = []
        self.places: list[Span] = []
        self.nested: list[Token] = []  # argument words that are themselves triggers
        self.passive = False
        self.rule = "verb"

    @staticmethod
    def _add(into: list[Span], spans: list[Span]) -> None:
        for span in spans:
            if span not in into:
                into.append(span)

    def add_sources(self, spans: list[Span]) -> None:
        self._add(self.sources, [s for s in spans if s.label_ not in NON_ACTORS])

    def add_targets(self, spans: list[Span]) -> None:
        self._add(self.targets, spans)

    def add_themes(self, spans: list[Span]) -> None:
        self._add(self.themes, spans)

    def add_places(self, spans: list[Span]) -> None:
        self._add(self.places, spans)

def misparsed_main_verb(verb: Token) -> bool:
    """ "The NMU's foreign policy chief, X, called on Y": a main verb after an apposition that the
    parser took for a participle modifying the subject; "A rights group called on Y": a finite
    past tense hung on the sentence's only noun (a participle would be VBN)."""
    if verb.dep_ != "acl" or any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by") for c in verb.children):
        return False
    after_comma = verb.i > 0 and verb.doc[verb.i - 1].text == ","
    return after_comma or (verb.tag_ == "VBD" and verb.head.dep_ == "ROOT" and verb.head.pos_ in {"NOUN", "PROPN"})

def is_passive(verb: Token) -> bool:
    """A passive clause, or a past participle modifying a noun ("activists detained by police")."""
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return True
    if misparsed_main_verb(verb):
        return False
    return verb.tag_ == "VBN" and verb.dep_ in {"acl", "amod"} and not any(c.dep_ == "nsubj" for c in verb.children)

def agents_of(verb: Token, resolver: ActorResolver) -> list[Span]:
    """Who did what a passive verb says: its "by" phrase, or, in "X was banned from leaving the
    country by the court", the "by" phrase the parse hung on the gerund after it (a gerund with no
    subject of its own has no agent; the phrase must name an actor, not "by car")."""
    found: list[Span] = []
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by" and is_passive(verb)):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found += resolver.resolve_all(pobj) or actor_inside(pobj, resolver)
    if not found and any(c.dep_ == "auxpass" for c in verb.children):
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ != "by"):
            for gerund in (g for g in prep.children if g.dep_ == "pcomp" and g.tag_ == "VBG" and not any(c.dep_ in {"nsubj", "auxpass"} for c in g.children)):
                for by in (c for c in gerund.children if c.dep_ == "prep" and c.lower_ == "by"):
                    for pobj in (p for p in by.children if p.dep_ == "pobj"):
                        found += [s for s in resolver.resolve_all(pobj) if s.label_ not in NON_ACTORS | PLACES]
    return found

def actor_inside(token: Token, resolver: ActorResolver) -> list[Span]:
    actor = resolver.resolve_actor(token)
    return [actor] if actor is not None else []

def actors_in(token: Token, resolver: ActorResolver, *, stop: set[int] | None = None, people_only: bool = False, named_only: bool = False) -> list[Span]:
    """Actors named anywhere in ``token``'s phrase ("X and all those detained, including Y, Z"),
    not crossing into a clause that has a subject of its own. ``named_only`` keeps to the
    phrase's own names (coordination, apposition, "including"), not those it mentions ("the
    Minister of X", "Y's brigade")."""
    found: list[Span] = []
    stack = [token]
    while stack:
        t = stack.pop(0)
        if stop and t.i in stop:
            continue
        span = resolver.entity(t) or (resolver.resolve(t) if t is token else None)
        if span is not None and span not in found and span.label_ not in NON_ACTORS:
            if not people_only or span.label_ not in PLACES:
                found.append(span)
        for child in t.children:
            if child.dep_ in {"relcl", "ccomp", "advcl"} and any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children):
                continue
            if people_only and child.dep_ == "prep" and child.lower_ in PLACE_PREPS | {"across", "throughout", "from"}:
                continue  # "journalists in Algeria": the place is not the target
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                continue  # "those detained by the police": the police did it
            if named_only and (child.dep_ in {"poss", "compound", "nmod"} or (child.dep_ == "prep" and child.lower_ not in INCLUDING)):
                continue
            if (
                t.dep_ == "appos" and child.dep_ == "prep" and child.lower_ in {"of", "at", "for", "in", "with"} and t.lower_ in resolver.lexicon.roles
                and resolver.entity(t.head) is not None and resolver.entity(t.head).label_ == "Person"
            ):
                continue  # "X, the leader of the Y Party, was detained": Y is where the person X holds the title
            if named_only and resolver.entity(t) is not None and resolver.entity(child) is resolver.entity(t):
                continue
            stack.append(child)
    found.sort(key=lambda s: s.start)
    return found

def opens_paragraph(token: Token) -> bool:
    """The first word of a numbered paragraph ("2. Calls on ...", "B. Condemns ..."), which
    the parser often hangs under a later verb."""
    sent = token.sent
    if not (sent[0].like_num or (len(sent[0].text) == 1 and sent[0].is_upper)) or not token.is_title:
        return False
    first = next((t for t in sent if not (t.is_punct or t.is_space or t.like_num or (len(t.text) == 1 and t.is_upper))), None)
    return first == token

def noun_agents(noun: Token, resolver: ActorResolver) -> list[Span]:
    """Who a non-actor noun belongs to: "X's rhetoric", "the ruling by X", "the X resolution",
    "violations committed by X"."""
    found: list[Span] = []
    for child in noun.children:
        if child.dep_ == "poss":
            found += resolver.resolve_all(child)
        elif child.dep_ in {"compound", "nmod"} and resolver.entity(child) is not None:
            found.append(resolver.entity(child))
        elif child.dep_ == "prep" and child.lower_ == "by":
            for pobj in child.children:
                found += resolver.resolve_all(pobj)
        elif child.dep_ in {"acl", "relcl"} and is_passive(child):
            found += agents_of(child, resolver)
    return [s for s in dict.fromkeys(found) if s.label_ not in NON_ACTORS]

INCLUDING = {"including", "notably", "especially", "particularly", "among", "like"}

def included_actors(token: Token, resolver: ActorResolver) -> list[Span]:
    """Actors a phrase singles out: "X, including A and B", "in particular C", "such as D"."""
    found: list[Span] = []
    for t in [token, *token.conjuncts]:
        for child in t.children:
            low = child.lower_
            such_as = low == "as" and any(c.lower_ == "such" for c in child.children)
            if child.dep_ in {"prep", "advmod"} and (low in INCLUDING or such_as):
                for pobj in pobjs(child):
                    for span in [resolver.entity(x) for x in [pobj, *pobj.conjuncts]]:
                        if span is not None and span not in found and span.label_ not in NON_ACTORS | PLACES:
                            found.append(span)
    return found

def pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]

def with_infinitive(token: Token) -> bool:
    return any(c.dep_ in {"acl", "relcl", "xcomp", "infmod"} and any(a.lower_ == "to" for a in c.children) for c in token.children)

def legal_basis(token: Token, resolver: ActorResolver) -> list[Span]:
    """ "under E.O. 14422", "pursuant to Section 7712(b)", "in accordance with the Act", also
    where the parser hung the phrase on a word of the clause rather than on its verb."""
    found: list[Span] = []
    # the words of the clause, not crossing into a clause of its own below it
    clause: list[Token] = []
    stack = list(token.children)
    while stack:
        t = stack.pop()
        if t.dep_ in {"relcl", "ccomp", "advcl"} and not (t.dep_ == "advcl" and t.lower_ in {"pursuant", "according"}):
            continue  # ("pursuant to X", which the parser may hang on the verb as a clause, is no clause)
        clause.append(t)
        stack.extend(t.children)
    for child in sorted(clause, key=lambda t: t.i):
        low = child.lower_
        preps = [child] if low == "under" else [c for c in child.children if c.lower_ in {"to", "with"}] if low in {"pursuant", "according", "accordance"} else []
        if low == "in":
            preps = [c for p in pobjs(child) if p.lower_ == "accordance" for c in p.children if c.lower_ == "with"]
        for prep in preps:
            for pobj in pobjs(prep):
                for t in [pobj, *pobj.conjuncts]:
                    span = resolver.entity(t)
                    if span is not None and span.label_ in {"Law", "Programme"} and span not in found:
                        found.append(span)
    return found
