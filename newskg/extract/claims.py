"""Claims: what actors said, in direct quotation or reported speech, with what they are about.

Rules
-----
``quote``        “…,” he said. / The spokesperson stated, "…" — the quoted text.
``reported``     The Zembla Assembly stated that … — the clause the speech verb governs.
``according-to`` According to X, … — the rest of the sentence.
``continued``    A paragraph that only continues the previous speaker's quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newskg.extract.classes import ACTORS
from newskg.extract.events.triggers import lemma_keys
from newskg.extract.resolve import ActorResolver
from newskg.extract.topics import topics_of
from newskg.lexicon import Lexicon

__all__ = ["SpanClaim", "ClaimTracker", "sentence_claims"]

_QUOTE = re.compile(r"[“\"]([^”\"]{8,})[”\"]|‘([^’]{8,})’(?!\w)")
_OPEN_QUOTES = "“\""


@dataclass(frozen=True, slots=True)
class SpanClaim:
    speaker: Span
    start_char: int  # in the normalised text
    end_char: int
    text: str
    sentence: Span
    rule: str
    quoted: bool
    negated: bool
    about: tuple[Span, ...]
    topics: tuple[str, ...]




def _negated(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    for token in doc.char_span(start, end, alignment_mode="expand") or []:
        if token.dep_ == "neg" or token.lower_ in lexicon.negations:
            return True
    return False


def _about(resolver: ActorResolver, start: int, end: int, speaker: Span) -> tuple[Span, ...]:
    found: list[Span] = []
    for span in resolver.spans_between(start, end):
        if span != speaker and span not in found:
            if span.label_ in ACTORS | {"Law", "Programme"}:
                found.append(span)
    return tuple(found)


def _speaker_of(verb: Token, resolver: ActorResolver) -> Span | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return resolver.resolve(child)
    # "..., stated the resolution." (inverted)
    for child in verb.children:
        if child.dep_ in {"dobj", "attr"} and child.i > verb.i:
            found = resolver.resolve(child)
            if found is not None:
                return found  # not "..., telling reporters that ...": the reporters are told
    if verb.dep_ in {"conj", "advcl"} and verb.head is not verb:
        return _speaker_of(verb.head, resolver)
    # The parser lost the subject ("According to AKP, the Spokesperson of X remarked that ..."):
    # the nearest actor phrase before the verb, outside an "according to" phrase.
    sent = verb.sent
    skip: set[int] = set()
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end and token.nbor(1).lower_ == "to":
            skip |= {token.i, token.i + 1}
            for pobj in token.nbor(1).children:
                skip |= {t.i for t in pobj.subtree if not any(a.dep_ == "appos" for a in [t, *t.ancestors] if a.i > pobj.i - 1 and a in pobj.subtree)}
    for token in reversed(sent[: verb.i - sent.start]):
        if token.i in skip or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        found = resolver.resolve(token)
        if found is not None:
            return found
    return None


def _make(resolver: ActorResolver, speaker: Span, start: int, end: int, sent: Span, rule: str, quoted: bool, lexicon: Lexicon) -> SpanClaim | None:
    doc = sent.doc
    # the sentence's own text, not ``doc.text``, which spaCy rebuilds from every token each time
    if sent.start_char <= start and end <= sent.end_char:
        raw = sent.text[start - sent.start_char : end - sent.start_char]
    else:
        span = doc.char_span(start, end, alignment_mode="expand")
        raw = span.text if span is not None else ""
    text = " ".join(raw.split()).strip(" ,.;:")
    if len(text.split()) < (4 if quoted else 2) or speaker.label_ not in ACTORS:
        return None  # scare quotes ("national security audit") are not claims
    return SpanClaim(
        speaker=speaker,
        start_char=start,
        end_char=end,
        text=text,
        sentence=sent,
        rule=rule,
        quoted=quoted,
        negated=_negated(doc, start, end, lexicon),
        about=_about(resolver, start, end, speaker),
        topics=topics_of(sent, start, end),
    )


def sentence_claims(sent: Span, resolver: ActorResolver, lexicon: Lexicon) -> list[SpanClaim]:
    """Claims stated in one sentence."""
    claims: list[SpanClaim] = []
    quotes = [(m.start(1) if m.group(1) else m.start(2), m.end(1) if m.group(1) else m.end(2)) for m in _QUOTE.finditer(sent.text)]
    quotes = [(sent.start_char + a, sent.start_char + b) for a, b in quotes]
    for token in sent:
        if token.pos_ not in {"VERB", "AUX"} or not any(k in lexicon.speech_verbs for k in lemma_keys(token)[:2]):
            continue
        if any(a <= token.idx < b for a, b in quotes):
            continue  # a speech verb inside the quotation is part of what was said
        speaker = _speaker_of(token, resolver)
        if speaker is None:
            continue
        denies = token.lemma_.lower() in lexicon.denial_verbs
        if denies and (any(c.dep_ == "dobj" for c in token.children) or not any(c.dep_ == "ccomp" for c in token.children)):
            continue  # "denied the allegations, telling reporters that ...": only "denied that ..." is a claim
        if quotes:
            for a, b in quotes:
                claim = _make(resolver, speaker, a, b, sent, "quote", True, lexicon)
                if claim is not None:
                    claims.append(replace(claim, negated=True) if denies else claim)
            if claims:
                break
            # Only scare quotes ("judicial criminality"): what was said is the reported clause.
        clause = next((c for c in token.children if c.dep_ in {"ccomp", "parataxis"}), None)
        if clause is None:
            # "stated in a letter that the demands are misplaced": the parser may hang the
            # that-clause lower down; the clause its "that" opens is still what was said.
            mark = next((t for t in token.subtree if t.dep_ == "mark" and t.lower_ == "that" and t.i > token.i), None)
            if mark is not None and mark.head.pos_ in {"VERB", "AUX"}:
                clause = mark.head
        if clause is None and token.dep_ in {"parataxis", "ccomp"} and token.head.i < token.i:
            clause = token.head  # "The calls are founded on misinformation, the statement asserted."
            words = [t for t in clause.subtree if t.i < token.i and not (t.i >= min(x.i for x in token.subtree))]
        else:
            words = list(clause.subtree) if clause is not None else []
        words = [t for t in words if not (t.dep_ == "mark" and t.head == clause)]
        words = [t for t in words if t.i > token.i] if clause is not None and clause.i > token.i else words
        if not words:
            continue
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        claim = _make(resolver, speaker, start, end, sent, "reported", False, lexicon)
        if claim is not None:
            claims.append(replace(claim, negated=True) if denies else claim)
            break
    if not claims:
        for token in sent:
            if token.lower_ == "according" and token.i + 2 < sent.end and token.nbor(1).lower_ == "to":
                pobj = next((c for c in token.nbor(1).children if c.dep_ == "pobj"), None)
                speaker = resolver.resolve(pobj) if pobj is not None else None
                if speaker is None:
                    continue
                phrase = list(token.nbor(1).subtree)
                phrase_end = max(t.i for t in phrase) + 1
                rest = [t for t in sent if (t.i < token.i or t.i >= phrase_end) and not t.is_punct]
                if rest:
                    claim = _make(resolver, speaker, rest[0].idx, rest[-1].idx + len(rest[-1]), sent, "according-to", False, lexicon)
                    if claim is not None:
                        claims.append(claim)
                break
    return claims


class ClaimTracker:
    """Find claims sentence by sentence, carrying a quotation on across paragraphs."""

    def __init__(self, resolver: ActorResolver, lexicon: Lexicon) -> None:
        self.resolver = resolver
        self.lexicon = lexicon
        self.last_quote: SpanClaim | None = None
        self.last_index = -10
        self.index = -1

    def __call__(self, sent: Span) -> list[SpanClaim]:
        self.index += 1
        found = sentence_claims(sent, self.resolver, self.lexicon)
        if found:
            self.resolver.last_speaker = (sent.start, found[-1].speaker)
            self.resolver.reported += [(c.start_char, c.end_char) for c in found]
        text = sent.text.strip()
        if not found and self.last_quote is not None and self.index - self.last_index <= 2 and text[:1] in _OPEN_QUOTES + "‘":
            lead = len(sent.text) - len(sent.text.lstrip())
            close = max(text.rfind("”"), text.rfind('"'))
            start = sent.start_char + lead + 1
            end = sent.start_char + lead + (close if close > 0 else len(text))
            claim = _make(self.resolver, self.last_quote.speaker, start, end, sent, "continued", True, self.lexicon)
            found = [claim] if claim is not None else []
        quoted = [c for c in found if c.quoted]
        if quoted:
            self.last_quote, self.last_index = quoted[-1], self.index
        return found
