"""The arguments of a trigger, read from the dependency parse by construction, not by trigger.

Source (agent), target (patient or addressee), themes (whom or what the act concerns) and places
come from the same few constructions whatever the event class:

- active clauses: subject -> source, object -> target;
- passives: "by" agent -> source, subject -> target; reduced relatives ("journalists detained
  by police"): the modified noun -> target;
- prepositions named by the class ("call on X", "sanctions against X", "meet with X");
- control: in "X urged Y to release Z" the release's source is Y (object control), in "X raided
  the office to arrest Z" it is X (subject control);
- nominal events: "the arrest of X by Y", "X's detention", "Y's crackdown on X", and light verbs
  ("imposed sanctions on X", "expressed concern about Y", "X was subjected to detention");
- coordination on either side, and appositions naming the actor.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newskg.extract.classes import PRIVATE_ACTORS
from newskg.extract.events.phrases import (
    Arguments,
    NON_ACTORS,
    PLACES,
    PLACE_PREPS,
    actor_inside,
    actors_in,
    agents_of,
    included_actors,
    is_passive,
    legal_basis,
    misparsed_main_verb,
    noun_agents,
    opens_paragraph,
    pobjs,
    with_infinitive,
)
from newskg.extract.events.triggers import Trigger, patient_light_verb
from newskg.extract.events.vocabulary import EventVocabulary
from newskg.extract.resolve import ActorResolver
from newskg.extract.roles import TITLE_TOKENS, title_text

__all__ = ["Arguments", "arguments_of", "is_passive", "subjects_of", "actors_in", "opens_paragraph"]


# Nouns whose infinitive belongs to their owner: "X's decision to withdraw", "a call to release".

_AGENTIVE_NOUNS = {"decision", "plan", "attempt", "move", "bid", "effort", "efforts", "refusal", "call", "order", "ruling", "verdict", "proposal", "commitment", "pledge", "promise", "threat", "request", "campaign", "desire", "intention", "determination", "readiness", "willingness", "unwillingness", "failure", "right", "obligation", "duty", "resolve", "vow", "policy", "strategy"}

_DETENTION_SITES = {"prison", "jail", "gaol", "camp", "penitentiary", "complex", "facility", "centre", "center", "colony", "dungeon"}

_TRANSPARENT = {"case", "cases", "matter", "situation", "plight", "fate", "treatment"}

def subjects_of(verb: Token, resolver: ActorResolver, vocab: EventVocabulary, depth: int = 0) -> tuple[list[Span], str | None]:
    """The doers of ``verb`` and how they were found (``None`` for a plain subject)."""
    if opens_paragraph(verb) and resolver.preamble is not None:
        return [resolver.preamble], "preamble"
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj"}:
            found = resolver.resolve_all(child) or included_actors(child, resolver)  # "groups such as X"
            if not found and child.pos_ == "NOUN":
                # "the verdict passed by the court", "a decision by X": the noun's own agent
                found = noun_agents(child, resolver)
            return found, None
    if depth > 4:
        return [], None
    head = verb.head
    if head is verb:
        return ([resolver.preamble] if resolver.preamble is not None else []), "preamble"
    if verb.dep_ in {"xcomp", "advcl", "ccomp"} and head.pos_ in {"VERB", "AUX", "ADJ", "NOUN"}:
        if _object_controls(head, vocab):
            controller = _object_of(head, resolver)
            if controller:
                return controller, "control"
            if _has_object(head):
                return [], None  # "calls on companies to ...": the doer is no named actor
        if verb.dep_ == "ccomp" and not any(c.lower_ == "to" for c in verb.children):
            return [], None
        found, how = subjects_of(head, resolver, vocab, depth + 1)
        return found, how or "control"
    if verb.dep_ == "conj":
        if is_passive(head) and not is_passive(verb):
            return agents_of(head, resolver), "conj"
        found, how = subjects_of(head, resolver, vocab, depth + 1)
        return found, how or "conj"
    if verb.dep_ in {"acl", "relcl"} and head.pos_ in {"NOUN", "PROPN", "PRON"}:
        infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children)
        if infinitive and head.lemma_.lower() not in _AGENTIVE_NOUNS and resolver.entity(head) is None and head.dep_ in {"dobj", "pobj"}:
            # "raided the offices of X to arrest Y": a purpose the parser hung on the object
            clause = next((a for a in head.ancestors if a.pos_ in {"VERB", "AUX"}), None)
            if clause is not None:
                found, how = subjects_of(clause, resolver, vocab, depth + 1)
                return found, how or "control"
        if verb.tag_ == "VBG" or infinitive or misparsed_main_verb(verb):
            # "the League, aiding the government": the noun; "X's decision to withdraw": its owner
            found = resolver.resolve_all(head)
            if not found:
                found = noun_agents(head, resolver)
            if not found and infinitive and head.lemma_.lower() in _AGENTIVE_NOUNS:
                # "the decision of the court to release X": whose decision it is
                found = [s for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of" for p in pobjs(prep) for s in resolver.resolve_all(p)]
            return found, "acl"
    if verb.dep_ == "pcomp" and head.lower_ in {"of", "for"} and head.head.pos_ in {"VERB", "AUX"}:
        # "accused X of torturing Y", "condemned X for arresting Y", "X was jailed for insulting
        # Y": what one is accused, blamed, praised or punished for is one's own act; the doer is
        # the verb's object (none when the object is not a named actor), not its subject
        judged = [c for c in head.head.children if c.dep_ in {"dobj", "nsubjpass"}]
        if judged:
            return [s for c in judged for s in resolver.resolve_all(c)], "control"
    if verb.dep_ in {"pcomp", "pobj"}:
        # "by arresting X", "after condemning Y": the clause's subject
        clause = next((a for a in verb.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        if clause is not None:
            found, how = subjects_of(clause, resolver, vocab, depth + 1)
            return found, how or "control"
    if resolver.preamble is not None and verb.dep_ in {"ROOT", "conj"}:
        return [resolver.preamble], "preamble"
    return [], None

def _has_object(verb: Token) -> bool:
    return any(c.dep_ in {"dobj", "dative", "nsubjpass"} or (c.dep_ == "prep" and c.lower_ in {"on", "upon"}) for c in verb.children)

def _object_controls(head: Token, vocab: EventVocabulary) -> bool:
    return head.lemma_.lower() in vocab.object_control

def _object_of(verb: Token, resolver: ActorResolver) -> list[Span]:
    """The addressee of an object-control verb: "urged Y", "called on Y", "asked Y"."""
    for child in verb.children:
        if child.dep_ in {"dobj", "dative"}:
            found = resolver.resolve_all(child)
            if found:
                return found
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"on", "upon", "to", "for"}:
            # "called on Y to", "urged for Y to"
            for pobj in child.children:
                found = resolver.resolve_all(pobj)
                if found:
                    return found
    for child in verb.children:
        if child.dep_ == "nsubjpass":  # "the government is invited to reconsider"
            return resolver.resolve_all(child)
    return []

def _acts_in(token: Token, triggers: dict[int, Trigger], trigger: Trigger) -> list[Token]:
    """Trigger words inside a noun phrase, not crossing into a clause with its own subject."""
    found: list[Token] = []
    stack = [token]
    while stack:
        t = stack.pop(0)
        if t.i in triggers and t.i != trigger.token.i and (triggers[t.i].kind == "noun" or t.dep_ == "acl"):
            found.append(t)
        for child in t.children:
            if child.dep_ in {"relcl", "ccomp", "advcl", "acl"} and any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children):
                continue
            if child.pos_ in {"VERB", "AUX"} and child.dep_ != "acl":
                continue
            if child.pos_ in {"VERB", "AUX"} and t is not token:
                continue  # only the phrase's own clause: "decision to withdraw", not deeper
            stack.append(child)
    return found


def _owns_title(body: Span, people: list[Span], roles: dict[str, str]) -> bool:
    """ "Police detained Lantern Rights Watch director Mira Ostrova": the body named before a
    person's title is whom the person works for, not whom the act was done to."""
    doc = body.doc
    for person in people:
        if person.label_ == "Person" and body.end < person.start <= body.end + _TITLE_TOKENS_MAX + 1:
            words = doc[body.end : person.start]
            if words[0].lower_ in {"'s", "’s"}:
                words = words[1:]
            if len(words) and title_text(words) in roles:
                return True
    return False


_TITLE_TOKENS_MAX = max(TITLE_TOKENS)

#: pronouns by which a person reports what was done to them ("X said police beat her")
_SELF_REPORT = {"he", "him", "she", "her"}


def _targets_from(token: Token, args: Arguments, resolver: ActorResolver, triggers: dict[int, Trigger], trigger: Trigger, *, deep: bool) -> bool:
    """Targets from an object word; an act becomes a nested event. True if something was found."""
    if token.i in triggers and token.i != trigger.token.i:
        args.nested += [token, *(c for c in token.conjuncts if c.i in triggers and c.i != trigger.token.i)]
        return True
    if token.lemma_.lower() in _TRANSPARENT:
        # "in the case of X", "the situation of Y", "the situation in Z": look through to whom
        # or where it is about
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "in"}:
                for pobj in pobjs(child):
                    if _targets_from(pobj, args, resolver, triggers, trigger, deep=deep):
                        return True
    included = included_actors(token, resolver)
    if included:
        # "11 individuals, including X", "those detained, including Y and Z"
        if trigger.cls.stance and token.pos_ in {"NOUN", "PRON", "NUM"} and resolver.entity(token) is None:
            args.add_themes(included)
        else:
            args.add_targets(included)
    if resolver.entity(token) is None and token.lemma_.lower() in resolver.lexicon.speech_nouns and token.pos_ == "NOUN":
        # "rejected the resolution": a text is no actor; its author may be the target below
        found = []
    else:
        found = resolver.resolve_all(token)
    if trigger.cls.person_target:
        found = [f for f in found if f.label_ not in NON_ACTORS | PLACES]
    if trigger.cls.possessor == "target" and any(t.pos_ == "PRON" and t.lower_ not in _SELF_REPORT for t in token.subtree):
        # "one of them is held": whoever speaks in the document is not whom its acts are done to
        # (but a person speaks of themself: "X said police had beaten him")
        speakers = {resolver.voice, resolver.last_speaker[1] if resolver.last_speaker else None}
        found = [f for f in found if f not in speakers]
    if trigger.cls.target_types:
        found = [f for f in found if f.label_ in trigger.cls.target_types]
    if found and trigger.cls.collect:
        # meeting "the Chief of X" is meeting X; sanctioning "the Minister of X" is not sanctioning X
        named_only = trigger.cls.name != "Consult"
        # the people the phrase names, not those it names them by ("Halloran's husband X")
        owners = {i for t in token.subtree if t.dep_ == "poss" for i in (x.i for x in t.subtree)}
        people = [s for s in actors_in(token, resolver, people_only=True, stop=owners) if s.label_ == "Person"] if named_only else []
        found += [s for s in actors_in(token, resolver, people_only=True, named_only=named_only) + people if s.label_ not in NON_ACTORS and s not in found]
    elif found and trigger.cls.possessor == "target":
        # An act done to people names them all in its object: "release X and all those
        # detained for exercising their right to ..., including A, B and C".
        found += [
            s for s in actors_in(token, resolver, people_only=True)
            if s.label_ in PRIVATE_ACTORS and s not in found and not _owns_title(s, found, resolver.lexicon.roles)
        ]
    if found:
        args.add_targets(found)
        return True
    if token.pos_ not in {"NOUN", "PROPN", "PRON", "NUM", "ADJ"}:
        return False
    # A thing, not an actor: "the sentencing of X", "Y's rhetoric", "violations committed by Z";
    # acts named inside the phrase are nested ("the repression and arrests of ..., in
    # particular the arrest of X").
    owners = noun_agents(token, resolver)
    if trigger.cls.target_types:
        owners = [o for o in owners if o.label_ in trigger.cls.target_types]
    if owners and (trigger.cls.stance or not trigger.cls.person_target):
        args.add_targets(owners)
    acts = _acts_in(token, triggers, trigger)
    args.nested += acts
    if trigger.cls.stance and trigger.cls.name not in {"Demand", "Urge", "Invite"} and not args.targets:
        for child in (c for t in [token, *token.conjuncts] for c in t.children):
            if child.dep_ == "prep" and child.lower_ == "in":
                for pobj in pobjs(child):
                    place = resolver.entity(pobj)
                    if place is not None and place.label_ == "Country":
                        args.add_targets([place])  # "concerned about abuses in Zimbabwe": about the state
    if owners or acts:
        return True
    if deep or trigger.cls.stance:
        inner: list[Span] = []
        for child in token.children:
            deep_preps = {"of", "against", "on", "to", "for", "into"} | (set() if trigger.cls.person_target else {"in"})
            if child.dep_ == "prep" and child.lower_ in deep_preps:
                for pobj in pobjs(child):
                    if pobj.i in triggers:
                        args.nested.append(pobj)
                    else:
                        inner += actors_in(pobj, resolver, people_only=trigger.cls.person_target)
        if inner:
            if trigger.cls.stance:
                args.add_themes(inner)
            else:
                args.add_targets(inner)
            return True
    return False

def arguments_of(trigger: Trigger, resolver: ActorResolver, vocab: EventVocabulary, triggers: dict[int, Trigger]) -> Arguments:
    """Source, targets, themes, places and nested acts of one trigger."""
    if trigger.kind == "noun":
        return _noun_arguments(trigger, resolver, vocab, triggers)
    if trigger.kind == "adjective":
        return _adjective_arguments(trigger, resolver, vocab, triggers)
    return _verb_arguments(trigger, resolver, vocab, triggers)

def _preps(token: Token, args: Arguments, trigger: Trigger, resolver: ActorResolver, triggers: dict[int, Trigger], *, skip: set[int]) -> None:
    cls = trigger.cls
    if cls.theme_property:
        args.add_themes(legal_basis(token, resolver))
    for child in token.children:
        if child.dep_ not in {"prep", "dative"} or child.i in skip:
            continue
        prep = child.lower_
        for pobj in pobjs(child):
            if prep == "in" and pobj.lemma_.lower() in _TRANSPARENT and (cls.person_target or cls.stance) and not args.targets:
                _targets_from(pobj, args, resolver, triggers, trigger, deep=True)  # "a verdict in the case of X"
            elif prep in cls.target_preps and not args.targets:
                _targets_from(pobj, args, resolver, triggers, trigger, deep=True)
            elif prep == "for" and cls.name in {"Demand", "Urge"} and with_infinitive(pobj) and not args.targets:
                args.add_targets(resolver.resolve_all(pobj))  # "a call for the Council to convene"
            elif prep in cls.theme_preps:
                if pobj.i in triggers:
                    args.nested.append(pobj)
                else:
                    args.add_themes(actors_in(pobj, resolver, people_only=True))
            elif prep in PLACE_PREPS:
                place = resolver.entity(pobj)
                detention = place is not None and any(t.lower_ in _DETENTION_SITES for t in place)
                if place is not None and (place.label_ in PLACES | {"Country"} or detention):
                    args.add_places([place])

def _companions(verb: Token) -> list[Token]:
    """Who a verb's act is done to besides its object: "alongside Y", "along with Y", "together
    with Y"."""
    found: list[Token] = []
    together = any(c.dep_ == "advmod" and c.lower_ == "together" for c in verb.children)
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        if prep.lower_ == "alongside" or (prep.lower_ == "with" and together):
            found += pobjs(prep)
        elif prep.lower_ in {"along", "together"}:
            found += [p for inner in prep.children if inner.dep_ == "prep" and inner.lower_ == "with" for p in pobjs(inner)]
    return found


def _verb_arguments(trigger: Trigger, resolver: ActorResolver, vocab: EventVocabulary, triggers: dict[int, Trigger]) -> Arguments:
    verb = trigger.token
    args = Arguments()
    args.passive = is_passive(verb)
    if args.passive:
        args.rule = "verb-passive"
        args.add_sources(agents_of(verb, resolver))
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subject is not None:
            _targets_from(subject, args, resolver, triggers, trigger, deep=True)
        elif verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            args.rule = "reduced-relative"
            _targets_from(verb.head, args, resolver, triggers, trigger, deep=True)
        elif verb.dep_ == "conj":
            first = verb.head
            subject = next((c for c in first.children if c.dep_ == "nsubjpass"), None)
            if subject is not None:
                _targets_from(subject, args, resolver, triggers, trigger, deep=True)
            elif first.dep_ in {"acl", "amod"}:
                _targets_from(first.head, args, resolver, triggers, trigger, deep=True)
            if not args.sources:
                args.add_sources(agents_of(first, resolver))
        elif verb.dep_ in {"pcomp", "advcl"} and any(c.lower_ == "being" and c.dep_ == "auxpass" for c in verb.children):
            # "X fled after being threatened by Y": what the clause's subject undergoes
            main = verb.head.head if verb.head.dep_ == "prep" else verb.head
            subject = next((c for c in main.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is not None and main.pos_ in {"VERB", "AUX"}:
                args.rule = "verb-passive-clause"
                _targets_from(subject, args, resolver, triggers, trigger, deep=True)
    else:
        sources, how = subjects_of(verb, resolver, vocab)
        args.add_sources(sources)
        if how:
            args.rule = f"verb-{how}"
    skip: set[int] = set()
    for i in trigger.words:
        word = verb.doc[i]
        if word.dep_ in {"dobj", "nsubjpass"} and i != verb.i and not args.targets:
            # "withdraw support for X", "impose sanctions on X", "revoked X's licence", "charges
            # against X were dropped": the phrase's noun brings the target (not "their concern")
            owners = [s for s in noun_agents(word, resolver) if s not in args.sources]
            args.add_targets([s for s in owners if not any(resolver.entity(c) is None and c.pos_ == "PRON" and c.dep_ == "poss" for c in word.children)])
            for child in word.children:
                if child.dep_ == "prep" and child.lower_ not in {"in", "at"}:
                    for pobj in pobjs(child):
                        _targets_from(pobj, args, resolver, triggers, trigger, deep=True)
    if trigger.prep is not None:
        skip.add(trigger.prep.i)
        for pobj in pobjs(trigger.prep):
            if trigger.prep.lower_ in PLACE_PREPS:
                place = resolver.entity(pobj)  # "held in X": where, not whom
                if place is not None:
                    args.add_places([place])
            else:
                _targets_from(pobj, args, resolver, triggers, trigger, deep=True)
    if not args.passive or not args.targets:
        for child in verb.children:
            if child.dep_ in {"dobj", "dative"} and child.i not in trigger.words:
                if _targets_from(child, args, resolver, triggers, trigger, deep=True):
                    break
    if not args.targets and verb.dep_ in {"compound", "amod", "nmod"} and verb.head.i > verb.i:
        # "- release Ilsa Vandermeer and ...": the parser took the verb for a modifier of its object
        _targets_from(verb.head, args, resolver, triggers, trigger, deep=True)
    _preps(verb, args, trigger, resolver, triggers, skip=skip)
    if trigger.cls.person_target and args.targets:
        # "X was detained alongside Y", "arrested X along with Y": Y is detained too
        for pobj in _companions(verb):
            args.add_targets([s for s in resolver.resolve_all(pobj) if s.label_ in PRIVATE_ACTORS])
    for child in verb.children:
        if child.dep_ in {"xcomp", "ccomp"} and child.i in triggers:
            args.nested += [child, *(c for c in child.conjuncts if c.i in triggers)]
        elif child.dep_ == "advcl" and child.i in triggers and any(c.lower_ in {"to", "by", "for"} for c in child.children):
            args.nested += [child, *(c for c in child.conjuncts if c.i in triggers)]
    return args

def _drawn_from(noun: Token, args: Arguments, resolver: ActorResolver, triggers: dict[int, Trigger]) -> None:
    """ "X's arrest drew condemnation from Y", "the government faced criticism from Y": Y takes the
    stance (named with "from" or "among"), towards the verb's subject, an actor or an act."""
    verb = noun.head
    for prep in (c for c in [*noun.children, *verb.children] if c.dep_ == "prep" and c.lower_ in {"from", "among"}):
        for pobj in pobjs(prep):
            args.add_sources(resolver.resolve_all(pobj) or actor_inside(pobj, resolver))
    if not args.sources:
        return
    args.rule = "noun-drawn"
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        if subject.i in triggers:
            args.nested.append(subject)  # the stance is on that act: its doer is the target
        else:
            args.add_targets(resolver.resolve_all(subject))


def _noun_arguments(trigger: Trigger, resolver: ActorResolver, vocab: EventVocabulary, triggers: dict[int, Trigger]) -> Arguments:
    noun = trigger.token
    cls = trigger.cls
    args = Arguments()
    args.rule = "noun"
    of_objects: list[Token] = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjs(c)]
    possessors = [c for c in noun.children if c.dep_ == "poss"]
    compounds = [c for c in noun.children if c.dep_ in {"compound", "nmod", "amod"} and resolver.entity(c) is not None and c.i not in trigger.words]
    # "X's arrest" is done to X, but "X's attack on Y", "X's raid on Y" are X's own: a noun whose
    # target a preposition names has its doer for possessor
    aimed = any(c.dep_ == "prep" and c.lower_ in cls.target_preps and c.lower_ != "of" for c in noun.children)
    owner_role = "source" if of_objects or aimed else cls.possessor
    for owner in possessors + compounds:
        spans = resolver.resolve_all(owner)
        if owner_role == "source":
            args.add_sources(spans)
        else:
            args.add_targets([s for s in spans if s.label_ not in NON_ACTORS | PLACES])
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            for pobj in pobjs(child):
                args.add_sources(resolver.resolve_all(pobj) or actor_inside(pobj, resolver))
        elif child.dep_ in {"acl", "relcl"} and is_passive(child):
            args.add_sources(agents_of(child, resolver))  # "the repression carried out by X"
    if cls.stance and noun.dep_ == "dobj" and noun.head.lemma_.lower() in vocab.drawing_verbs:
        _drawn_from(noun, args, resolver, triggers)
    if not args.sources:
        # "violations of freedoms and rights committed by X": the participle may hang lower
        for t in noun.subtree:
            if t.dep_ == "acl" and t.tag_ == "VBN" and t.i > noun.i and t.i not in triggers and t.i - noun.i < 12:
                args.add_sources(agents_of(t, resolver))
                break
    for pobj in of_objects:
        _targets_from(pobj, args, resolver, triggers, trigger, deep=cls.person_target)
    if cls.possessor == "target":
        # "The sentencing of seven activists - Mr A, Ms B and Mr C - ...": the names in apposition
        for child in noun.children:
            if child.dep_ == "appos":
                args.add_targets([s for s in actors_in(child, resolver, people_only=True, named_only=True) if s.label_ in PRIVATE_ACTORS])
    _preps(noun, args, trigger, resolver, triggers, skip={c.i for c in noun.children if c.lower_ in {"of", "by"}})
    # "X imposed sanctions on Y", "X launched an investigation into Y": the light verb's
    # subject is the source, its prepositions may bring the target.
    verb = noun.head if noun.dep_ in {"dobj", "attr", "nsubjpass", "conj", "npadvmod"} else None
    if noun.dep_ == "conj":
        first = noun.head
        verb = first.head if first.dep_ in {"dobj", "attr", "nsubjpass"} else None
    if verb is not None and verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() in vocab.light_verbs | vocab.confirming_verbs:
        if not args.sources:
            if is_passive(verb):
                args.add_sources(agents_of(verb, resolver))
            else:
                args.add_sources(subjects_of(verb, resolver, vocab)[0])
            if args.sources:
                args.rule = "light-verb"
        if not args.targets:
            for child in verb.children:
                if child.dep_ in {"prep", "dative"} and child.lower_ in cls.target_preps:
                    for pobj in pobjs(child):
                        _targets_from(pobj, args, resolver, triggers, trigger, deep=True)
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in {"include", "comprise", "cover", "target", "name", "list"} and not args.targets:
        # "The new listings include X, along with Y": who the measure names
        verb = noun.head
        for child in verb.children:
            if child.dep_ == "dobj":
                args.add_targets([s for s in actors_in(child, resolver, people_only=True) if s.label_ not in NON_ACTORS])
        for t in verb.subtree:  # "..., along with Y", "as well as Z"
            if t.lower_ in {"along", "together"} and t.dep_ in {"prep", "advmod"}:
                for prep in [t, *t.children]:
                    for pobj in pobjs(prep):
                        args.add_targets([s for s in actors_in(pobj, resolver, people_only=True, named_only=True) if s.label_ not in NON_ACTORS])
        if args.targets:
            args.rule = "noun-include"
    if verb is not None and verb.pos_ in {"VERB", "AUX"} and cls.theme_property:
        args.add_themes(legal_basis(verb, resolver))  # "this designation is made under X"
    if not args.sources and cls.name == "Statement":
        # "X adopted by 538 votes to 16, with 28 abstentions, a resolution on Y": however the
        # parser hangs the text, the sentence's adopting verb has its author
        root = noun.sent.root
        if root.lemma_.lower() in vocab.light_verbs and root.i < noun.i:
            args.add_sources(subjects_of(root, resolver, vocab)[0])
    light = patient_light_verb(noun)
    if light is not None and not args.targets:
        deps = {"nsubjpass", "dobj"} if light.lemma_.lower() in {"subject", "expose", "submit", "place", "put", "take", "keep"} else {"nsubj", "nsubjpass"}
        subject = next((c for c in light.children if c.dep_ in deps and c.i != noun.i), None)
        if subject is None and light.dep_ == "conj":
            # "X has played a role in abuses and was subjected to sanctions": the first verb's subject
            subject = next((c for c in light.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None:
            args.add_targets([t for t in resolver.resolve_all(subject) if t.label_ not in NON_ACTORS | PLACES])
            args.rule = "light-verb"
            if light.lemma_.lower() in {"face", "receive", "suffer", "undergo", "endure", "serve", "get", "remain", "be", "stay", "spend", "languish", "sit"}:
                args.sources = [s for s in args.sources if s not in args.targets]  # the subject is who undergoes it
    if verb is not None and verb.pos_ in {"VERB", "AUX"} and not args.targets:
        # "the court handed X a five-year sentence", "gave Y a fine": the indirect object
        for child in verb.children:
            second_object = child.dep_ == "dobj" and child.i != noun.i and verb.lemma_.lower() in {"hand", "give", "award", "grant", "slap", "deal"}
            if child.dep_ == "dative" or second_object:
                args.add_targets([t for t in resolver.resolve_all(child) if t.label_ not in NON_ACTORS | PLACES])
    for child in noun.children:
        if child.dep_ in {"acl", "relcl"} and child.i in triggers and any(c.lower_ == "to" for c in child.children):
            args.nested.append(child)  # "the ruling to sentence X", "a call to release Y"
    return args

def _adjective_arguments(trigger: Trigger, resolver: ActorResolver, vocab: EventVocabulary, triggers: dict[int, Trigger]) -> Arguments:
    """ "X is concerned about Y", "We are appalled by the sentencing of Y", "Concerned about Y, X ..."."""
    word = trigger.token
    args = Arguments()
    args.rule = "adjective"
    clause = word.head if word.dep_ in {"acomp", "amod"} else word
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        subject = next((c for c in word.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None:
        args.add_sources(resolver.resolve_all(subject))
    elif word.dep_ in {"advcl", "amod", "acomp", "xcomp"}:
        args.add_sources(subjects_of(word.head if word.dep_ != "amod" else word, resolver, vocab)[0])
    for holder in (word, clause) if clause is not word else (word,):
        for child in holder.children:
            if child.dep_ in {"prep", "agent"} and child.lower_ in trigger.cls.target_preps:
                for pobj in pobjs(child):
                    if _targets_from(pobj, args, resolver, triggers, trigger, deep=True):
                        break
        if args.targets or args.nested:
            break
    for child in word.children:
        if child.dep_ in {"ccomp", "xcomp"} and child.i in triggers:
            args.nested.append(child)
    return args
