"""Event triggers: the verb, noun or adjective of a sentence that names an act.

A trigger is matched on its lemma together with the words the parse attaches to it, longest
phrase first: "crack down on" before "crack down", "impose sanctions on" before "impose";
"restrictive measures" before "measures". What a phrase consumed (its object noun, its
preposition) is not matched again.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newskg.extract.events.vocabulary import EventClass, EventVocabulary

__all__ = ["Trigger", "find_triggers", "lemma_keys"]

_VERB_DEPS = {"prt", "prep", "agent", "dative", "acomp", "oprd", "advmod", "dobj", "xcomp"}
# Words a patient noun takes after a light verb: "X was subjected to detention".
_PATIENT_LIGHT = {"subject", "expose", "submit"}
# Verbs whose subject undergoes the act their object names: "X faces charges", "X received a
# sentence", "X suffered torture", "X is serving a sentence".
_UNDERGO = {"face", "receive", "suffer", "undergo", "endure", "serve", "get"}
# ... or is in the state a noun names: "X remains in detention", "X is in custody".
_STATE_VERBS = {"remain", "be", "stay", "spend", "languish", "sit", "keep", "place", "put", "take"}


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word (and the words of its phrase) that names an act of an event class."""

    token: Token
    cls: EventClass
    kind: str  # "verb", "noun" or "adjective"
    prep: Token | None  # the preposition named by the phrase ("call on"): it brings the target
    words: tuple[int, ...]  # token indices of the whole phrase

    @property
    def text(self) -> str:
        doc = self.token.doc
        return " ".join(doc[i].text for i in sorted(self.words))


def lemma_keys(token: Token) -> list[str]:
    """Lemma candidates for a word, also when the tagger got its part of speech wrong.

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.blank("en")("Calls criticised urges detentions")
    >>> [lemma_keys(t)[:2] for t in doc]
    [['calls', 'call'], ['criticised', 'criticise'], ['urges', 'urge'], ['detentions', 'detention']]
    """
    return list(_lemma_keys(token.lower_, token.lemma_.lower()))


@functools.lru_cache(maxsize=65536)
def _lemma_keys(low: str, lemma: str) -> tuple[str, ...]:
    keys = [lemma or low, low]
    for suffix, replacement in (("ies", "y"), ("es", "e"), ("s", ""), ("ied", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("es", "")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            keys.append(low[: -len(suffix)] + replacement)
    return tuple(dict.fromkeys(k for k in keys if k))


def _is_verb(token: Token, sent: Span) -> bool:
    if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in {"aux", "auxpass"}):
        return True
    if token.pos_ not in {"NOUN", "PROPN", "ADJ"}:
        return False
    # "2. Calls on the authorities ...", "- release X": a numbered or bulleted paragraph opens
    # with its verb, which the tagger often calls a noun.
    first = next((t for t in sent if not (t.is_punct or t.is_space or t.like_num or re.fullmatch(r"[A-Za-z]\.?|[ivx]+", t.text))), None)
    return first == token and token.pos_ in {"NOUN", "PROPN", "ADJ"} and (sent[0].like_num or sent[0].is_punct) and token.i > sent.start


#: at most this many commas and adverbs between a verb and its preposition ("calling, once again, for")
_ASIDE = 5


def _next_past_aside(token: Token) -> Token | None:
    """The word after ``token``, past an aside of commas and adverbs between them ("calling,
    once again, for"; "called repeatedly for")."""
    doc = token.doc
    for i in range(token.i + 1, min(token.i + 2 + _ASIDE, len(doc))):
        if doc[i].pos_ not in {"PUNCT", "ADV"} or doc[i].lower_ in {".", ";", ":", "?", "!"}:
            return doc[i]
    return None


def _phrases(token: Token) -> Iterator[tuple[str, Token | None, tuple[int, ...]]]:
    """(phrase, preposition it names, token indices) for a verb, longest first."""
    children = [c for c in token.children if c.dep_ in _VERB_DEPS]
    nxt = _next_past_aside(token)
    extra = []
    if nxt is not None and nxt.pos_ in {"ADP", "SCONJ"} and nxt.lower_ in {"for", "on", "upon", "to"} and nxt not in children:
        # "Calls for the Member States to ...", "a statement calling, once again, for his
        # release": "for" hung on another verb
        extra.append(nxt)
    preps = [c for c in children if c.dep_ in {"prep", "agent", "dative"} or c.pos_ == "ADP"] + extra
    parts = [c for c in children if c.dep_ == "prt"]
    words = [c for c in children if c.dep_ in {"acomp", "oprd", "advmod", "dobj"}]
    if any(c.dep_ == "auxpass" for c in token.children):
        words += [c for c in token.children if c.dep_ == "nsubjpass"]  # "charges ... were dropped"
    for lemma in lemma_keys(token):
        for prt in parts:
            for prep in preps:
                yield f"{lemma} {prt.lower_} {prep.lower_}", prep, (token.i, prt.i, prep.i)
        for word in words:
            for prep in preps:
                if word.dep_ in {"dobj", "nsubjpass"}:
                    yield f"{lemma} {word.lemma_.lower()} {prep.lower_}", prep, (token.i, word.i, prep.i)
            yield f"{lemma} {word.lemma_.lower()}", None, (token.i, word.i)
            if word.lower_ != word.lemma_.lower():
                yield f"{lemma} {word.lower_}", None, (token.i, word.i)
        for prep in preps:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    yield f"{lemma} {prep.lower_} {pobj.lemma_.lower()}", None, (token.i, prep.i, pobj.i)
        for prt in parts:
            # "has called on Minsk to ...": the parser may hang the target on the particle
            named = prt if any(c.dep_ == "pobj" for c in prt.children) else None
            yield f"{lemma} {prt.lower_}", named, (token.i, prt.i)
        for prep in preps:
            yield f"{lemma} {prep.lower_}", prep, (token.i, prep.i)
        yield lemma, None, (token.i,)


def _noun_keys(token: Token) -> Iterator[tuple[str, tuple[int, ...]]]:
    """ "restrictive measures", "travel ban" before "measures", "ban"."""
    mods = [c for c in token.lefts if c.dep_ in {"amod", "compound", "nmod"} and c.i == token.i - 1]
    for lemma in lemma_keys(token):
        for mod in mods:
            yield f"{mod.lower_} {lemma}", (mod.i, token.i)
            yield f"{mod.lemma_.lower()} {lemma}", (mod.i, token.i)
    for lemma in lemma_keys(token):
        yield lemma, (token.i,)


def _description(verb: Token, vocab: EventVocabulary) -> tuple[EventClass, tuple[int, ...]] | None:
    """The class of what a describing verb's object predicate says ("called the charges
    politically motivated": Condemn), with the words it was read from."""
    for predicate in (c for c in verb.children if c.dep_ == "oprd"):
        modifiers = [c for c in predicate.lefts if c.dep_ in {"advmod", "amod", "compound"}]
        keys = [(f"{m.lower_} {predicate.lower_}", (verb.i, m.i, predicate.i)) for m in modifiers[-1:]]
        keys += [(predicate.lower_, (verb.i, predicate.i)), (predicate.lemma_.lower(), (verb.i, predicate.i))]
        keys += [(f"{predicate.lower_} {c.lower_}", (verb.i, predicate.i, c.i)) for c in predicate.rights if c.dep_ == "prep"]
        for key, words in keys:
            cls = vocab.description_class(key)
            if cls is not None:
                return cls, words
    return None


def find_triggers(sent: Span, vocab: EventVocabulary, *, inside_entity: set[int] | frozenset[int] = frozenset()) -> list[Trigger]:
    """Every trigger of one sentence, in order; words inside actor names are never triggers.

    Examples
    --------
    >>> from newskg.extract.nlp import load_pipeline
    >>> from newskg.extract.events.vocabulary import load_event_vocabulary
    >>> doc = load_pipeline("blank:en")("No parse here.")
    >>> find_triggers(doc[:], load_event_vocabulary())  # a blank pipeline tags no verb or noun
    []
    """
    found: list[Trigger] = []
    used: set[int] = set()
    for token in sent:
        if token.i in inside_entity or token.i in used:
            continue
        if _is_verb(token, sent):
            if token.lemma_.lower() in vocab.describing_verbs:
                described = _description(token, vocab)
                if described is not None:  # "called the arrests unlawful": what calling them so does
                    found.append(Trigger(token, described[0], "verb", None, described[1]))
                    used.update(described[1])
                    continue
                if any(c.dep_ == "oprd" for c in token.children):
                    continue  # "called the vote a formality": a description, no act
            if token.lemma_.lower() in vocab.confirming_verbs and _names_an_act(token, vocab):
                continue  # "upheld the sentence against X": the noun's act, confirmed (see arguments)
            for key, prep, words in _phrases(token):
                cls = vocab.verb_class(key)
                if cls is not None and any(w in inside_entity for w in words if w != token.i):
                    continue  # "signed the ... Agreement": a name is an argument, not part of the trigger
                if cls is not None:
                    found.append(Trigger(token, cls, "verb", prep, words))
                    used.update(w for w in words if w != token.i and token.doc[w].pos_ in {"NOUN", "PROPN"})
                    break
            else:
                if (token.tag_ == "VBN" or token.pos_ == "ADJ") and token.dep_ != "amod":
                    cls = next((vocab.adjective_class(k) for k in lemma_keys(token) if vocab.adjective_class(k)), None)
                    if cls is not None:
                        found.append(Trigger(token, cls, "adjective", None, (token.i,)))
            continue
        if token.pos_ == "ADJ" and token.dep_ in {"acomp", "ROOT", "advcl", "conj", "xcomp", "ccomp"}:
            key = token.lower_
            cls = vocab.adjective_class(key) or vocab.adjective_class(token.lemma_.lower())
            if cls is not None:
                found.append(Trigger(token, cls, "adjective", None, (token.i,)))
            continue
        if token.pos_ in {"NOUN", "PROPN"} and (token.pos_ == "NOUN" or token.is_lower):
            for key, words in _noun_keys(token):
                cls = vocab.noun_class(key)
                if cls is not None:
                    found.append(Trigger(token, cls, "noun", None, words))
                    break
    # a later noun swallowed by an earlier phrase ("imposed sanctions on")
    return [t for t in found if not (t.kind == "noun" and t.token.i in used)]


def _names_an_act(verb: Token, vocab: EventVocabulary) -> bool:
    """Whether ``verb``'s object is a noun naming an act ("the sentence", "the ban on X")."""
    return any(
        c.dep_ == "dobj" and c.pos_ == "NOUN" and any(vocab.noun_class(key) is not None for key, _ in _noun_keys(c))
        for c in verb.children
    )


def patient_light_verb(token: Token) -> Token | None:
    """The verb whose subject an act noun is done to: "X was subjected to <noun>", "X faces
    <charges>", "X received a <sentence>", "X remains in <detention>"."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "to" and head.head.lemma_.lower() in _PATIENT_LIGHT:
        return head.head
    if token.dep_ in {"dobj", "conj"} and (token.head if token.dep_ == "dobj" else token.head.head).lemma_.lower() in _UNDERGO:
        return token.head if token.dep_ == "dobj" else token.head.head
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in {"in", "under", "into"} and head.head.lemma_.lower() in _STATE_VERBS:
        return head.head
    return None
