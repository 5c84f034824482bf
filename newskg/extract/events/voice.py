"""Who speaks in a document: the author that "we" and "I" stand for outside quotations.

A statement says who issues it near the top — "Comment by the NRO Refugee Affairs spokesperson X",
"Statement by X", "X, the UK's Minister for ..., delivered this statement", a byline "X, Secretary
of State" — or, when it speaks as "we" throughout, opens with its author as a subject ("The
United States joins ..."). A person who speaks for a body ("spokesperson X", "X, the UK's
Minister") gives the body as the voice of "we" and the person as the voice of "I".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newskg.extract.classes import BODIES
from newskg.extract.resolve import ActorResolver
from newskg.lexicon import Lexicon

__all__ = ["Voice", "document_voice"]

_HEADER_SENTENCES = 6
_OPENING_SENTENCES = 4
_AUTHORED = {"statement", "comment", "comments", "speech", "remarks", "address", "briefing", "message", "letter", "declaration", "communique", "note", "op-ed", "interview", "testimony", "delivered", "issued", "signed", "written", "published", "release"}
_WE = {"we", "our", "us", "ours"}
_ADOPTING = {"adopt", "pass", "approve", "issue", "publish", "release"}


@dataclass(frozen=True, slots=True)
class Voice:
    """The document's author: the body "we" stands for and the person "I" stands for."""

    body: Span | None = None
    person: Span | None = None


def _speaks_for(person: Span, sent: Span, resolver: ActorResolver, lexicon: Lexicon) -> Span | None:
    """The body a person speaks for in this sentence: "ORG spokesperson P", "P, ORG's minister"."""
    doc = person.doc
    before = [s for s in resolver.spans_in(max(sent.start, person.start - 6), person.start) if s.label_ in BODIES]
    if before:
        between = doc[before[-1].end : person.start]
        if between and all(t.is_lower or t.lower_ in lexicon.roles or t.is_title for t in between) and any(
            t.lower_ in lexicon.roles or " ".join(x.lower_ for x in between) in lexicon.roles for t in between
        ):
            return before[-1]
    after = [s for s in resolver.spans_in(person.end, min(sent.end, person.end + 6)) if s.label_ in BODIES]
    if after and person.end < len(doc) and doc[person.end].text == ",":
        tail = doc[after[0].end : min(sent.end, after[0].end + 4)]
        if any(t.lower_ in lexicon.roles for t in tail) or any(t.lower_ in {"'s", "’s"} for t in tail[:1]):
            return after[0]
    return None


def _author_in(sent: Span, resolver: ActorResolver, lexicon: Lexicon) -> Voice | None:
    doc = sent.doc
    for token in sent:
        if token.lower_ != "by" or token.i == 0:
            continue  # the parser may cut "Statement | by X" in two: look across the cut
        if doc[token.i - 1].lower_ not in _AUTHORED and doc[token.i - 1].lemma_.lower() not in _AUTHORED:
            continue
        # the author's phrase ends where what the statement is about begins ("by X on Y")
        end = next((t.i for t in sent if t.i > token.i and t.lower_ in {"on", "about", "concerning", "regarding", "after", "following", "at", "to", "in"} and resolver.entity(t) is None), sent.end)
        spans = [s for s in resolver.spans_in(token.i + 1, end) if s.label_ in BODIES | {"Person"}]
        if spans:
            return _voice_of(spans[0] if spans[0].label_ != "Country" or len(spans) == 1 else spans[0], sent, resolver, lexicon, spans)
    for token in sent:
        # "X, the UK's Minister for ..., delivered this statement"
        if token.lemma_.lower() in {"deliver", "issue", "make", "give", "sign"} and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _AUTHORED and any(d.lower_ in {"this", "the"} for d in c.children) for c in token.children
        ):
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            span = resolver.entity(subject) if subject is not None else None
            if span is not None:
                return _voice_of(span, sent, resolver, lexicon, [span])
    spans = resolver.spans_in(sent.start, sent.end)
    if spans and spans[0].start == sent.start and spans[0].label_ == "Person" and spans[0].end < sent.end and doc[spans[0].end].text == ",":
        rest = doc[spans[0].end + 1 : sent.end]
        if 0 < len(rest) <= 6 and any(t.lower_ in lexicon.roles for t in rest):
            return _voice_of(spans[0], sent, resolver, lexicon, spans)  # a byline: "X, Secretary of State"
    return None


def _voice_of(span: Span, sent: Span, resolver: ActorResolver, lexicon: Lexicon, spans: list[Span]) -> Voice:
    people = [s for s in spans if s.label_ == "Person"]
    if span.label_ != "Person":
        # "Statement by the NRO Refugee Affairs Expert X": the body first, the person who speaks
        return Voice(body=span, person=people[-1] if people else None)
    # "by the Special Rapporteur for X Y": the last name of the phrase is the person's own
    person = people[-1] if people and people[-1].start - span.end <= 2 else span
    return Voice(body=_speaks_for(person, sent, resolver, lexicon), person=person)


def _speaks_as_we(doc: Doc) -> bool:
    quoted = False
    for token in doc:
        if token.text in {"“", "”", '"'}:
            quoted = not quoted if token.text == '"' else token.text == "“"
        elif not quoted and token.lower_ in _WE:
            return True
    return False


def document_voice(doc: Doc, resolver: ActorResolver, lexicon: Lexicon) -> Voice:
    """The author of a document, as far as its text says.

    Examples
    --------
    >>> import spacy
    >>> from newskg.lexicon import load_lexicon
    >>> doc = spacy.blank("en")("Nothing here.")
    >>> document_voice(doc, ActorResolver(doc, [], load_lexicon()), load_lexicon())
    Voice(body=None, person=None)
    """
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else []
    for sent in sents[:_HEADER_SENTENCES]:
        found = _author_in(sent, resolver, lexicon)
        if found is not None:
            return found
    for sent in sents[:_OPENING_SENTENCES]:
        # "The Zembla Parliament adopted a resolution on ...": a summary of what the body adopted
        for token in sent:
            if token.dep_ == "ROOT" and token.lemma_.lower() in _ADOPTING and any(
                c.lemma_.lower() in lexicon.adopted_texts for c in token.subtree if c.dep_ in {"dobj", "appos", "attr"}
            ):
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                span = resolver.entity(subject) if subject is not None else None
                if span is not None and span.label_ in BODIES:
                    return Voice(body=span)
    if not _speaks_as_we(doc):
        return Voice()
    # Only the first sentences: the author opens a statement ("The United States joins ..."),
    # an actor named later is what the statement is about.
    for sent in sents[:_OPENING_SENTENCES]:
        for token in sent:
            if token.dep_ == "nsubj" and token.head.dep_ == "ROOT":
                span = resolver.entity(token)
                if span is not None and span.label_ in BODIES:
                    return Voice(body=span)
    return Voice()


def first_person(token: Token) -> str | None:
    """ "body" for we/our/us, "person" for I/me/my, else ``None``."""
    low = token.lower_
    if low in _WE:
        return "body"
    if low in {"i", "me", "my", "mine", "myself"} and (low != "i" or token.text == "I"):
        return "person"
    return None
