"""Find the actor a token stands for: an entity span, a pronoun's antecedent, or a phrase such as
"the resolution", "the parliament" or "the National Assembly spokesperson" that points to one."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newskg.lexicon import Lexicon

__all__ = ["ActorResolver"]

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
_THING_PRONOUNS = {"it", "its", "itself"}
_PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
_RELATIVE = {"who", "which", "that", "whom", "whose"}
_PLACES = {"Country", "City", "Region", "Place"}
_NON_ACTORS = {"Law", "Programme", "Event"}


class ActorResolver:
    """Resolve tokens of one document to entity spans, sentence by sentence.

    Call :meth:`observe` after each sentence so pronouns and phrases like "the resolution" can
    refer back to actors named earlier.
    """

    def __init__(self, doc: Doc, spans: list[Span], lexicon: Lexicon) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.spans = spans
        self.at: dict[int, Span] = {}
        for span in spans:
            for i in range(span.start, span.end):
                self.at[i] = span
        self.subjects: list[Span] = []  # actors in subject position, in order
        self.authors: dict[str, Span] = {}  # "resolution" -> who issued it
        self.preamble: Span | None = None

    # -- lookup ------------------------------------------------------------------------------

    def entity(self, token: Token) -> Span | None:
        return self.at.get(token.i)

    def mentioned_before(self, i: int) -> list[Span]:
        return [s for s in self.spans if s.end <= i]

    def antecedent(self, token: Token) -> Span | None:
        """A pronoun's antecedent: the last fitting actor in subject position, else mentioned."""
        low = token.lower_
        if low in _PERSON_PRONOUNS:
            fits = lambda s: s.label_ == "Person"  # noqa: E731
        elif low in _THING_PRONOUNS:
            fits = lambda s: s.label_ not in _PLACES | _NON_ACTORS | {"Person"}  # noqa: E731
        elif low in _PLURAL_PRONOUNS:
            fits = lambda s: s.label_ not in _NON_ACTORS | {"Person"}  # noqa: E731
        else:
            return None
        sentence_start = token.sent.start
        # Subjects earlier in this sentence, then earlier subjects, then any earlier mention.
        for span in reversed([s for s in self.subjects if s.end <= token.i]):
            if fits(span) and (span.start >= sentence_start or True):
                return span
        for span in reversed(self.mentioned_before(token.i)):
            if fits(span):
                return span
        return None

    def by_head_word(self, word: str, before: int) -> Span | None:
        """The last actor whose name ends in ``word``: "the parliament" -> "European Parliament"."""
        word = self.lexicon.fold_spelling(word.lower())
        for span in reversed(self.mentioned_before(before)):
            last = self.lexicon.fold_spelling(span[-1].lower_)
            if last == word or (word in {"authorities", "government"} and last in {"authorities", "government"}):
                return span
        return None

    def by_class(self, cls: str, before: int) -> Span | None:
        for span in reversed(self.mentioned_before(before)):
            if span.label_ == cls:
                return span
        return None

    # -- resolution --------------------------------------------------------------------------

    def resolve(self, token: Token, *, depth: int = 0) -> Span | None:
        """The actor ``token`` stands for, or ``None``."""
        span = self.entity(token)
        if span is not None:
            return span
        low = token.lower_
        if low in _PERSON_PRONOUNS | _THING_PRONOUNS | _PLURAL_PRONOUNS:
            return self.antecedent(token)
        if low in _RELATIVE and token.head.dep_ in {"relcl", "acl"}:
            return self.resolve(token.head.head, depth=depth + 1)
        if token.pos_ not in {"NOUN", "PROPN"} or depth > 2:
            return None
        # "the National Assembly spokesperson", "the European Parliament's resolution"
        for child in token.children:
            if child.dep_ in {"poss", "compound", "nmod"}:
                found = self.entity(child) or (self.antecedent(child) if child.lower_ in _THING_PRONOUNS | _PLURAL_PRONOUNS | _PERSON_PRONOUNS else None)
                if found is not None and found.label_ not in _NON_ACTORS:
                    if found.label_ in _PLACES and token.lemma_.lower() not in self.lexicon.speech_nouns:
                        continue
                    return found
        lemma = token.lemma_.lower()
        if lemma in self.lexicon.speech_nouns or lemma in {"spokesperson", "spokesman", "spokeswoman"}:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in {"by", "of", "from"}:
                    for pobj in child.children:
                        found = self.entity(pobj)
                        if found is not None:
                            return found
            if lemma in self.authors:
                return self.authors[lemma]
        if token.pos_ == "NOUN" and token.is_lower:
            found = self.by_head_word(token.text, token.i)
            if found is not None and found.label_ not in _NON_ACTORS | _PLACES:
                return found
            cls = self.lexicon.generic_nouns.get(lemma)
            if cls is not None and any(c.lower_ in {"the", "this"} for c in token.children):
                return self.by_class(cls, token.i)
        return None

    def resolve_all(self, token: Token | None) -> list[Span]:
        """``token`` and its conjuncts, resolved ("CENTRAL and its members" gives CENTRAL)."""
        if token is None:
            return []
        found: list[Span] = []
        for item in [token, *token.conjuncts]:
            span = self.resolve(item)
            if span is not None and span not in found:
                found.append(span)
        return found

    # -- memory ------------------------------------------------------------------------------

    def observe_subject(self, span: Span) -> None:
        self.subjects.append(span)

    def observe_sentence(self, sent: Span) -> None:
        """Learn authors ("the European Parliament passed a resolution") and preambles."""
        text = sent.text.strip()
        spans = [s for s in self.spans if sent.start <= s.start and s.end <= sent.end]
        if len(spans) == 1 and re.fullmatch(r"(?:The |the )?" + re.escape(spans[0].text) + r"\s*,", text):
            self.preamble = spans[0]
        for token in sent:
            lemma = token.lemma_.lower()
            if lemma not in self.lexicon.speech_nouns or token.pos_ != "NOUN":
                continue
            author = None
            for child in token.children:
                if child.dep_ == "poss" or (child.dep_ == "compound" and self.entity(child)):
                    author = self.entity(child) or author
                if child.dep_ == "prep" and child.lower_ == "by":
                    for pobj in child.children:
                        author = self.entity(pobj) or author
            if author is None:
                verb = token.head.head if token.dep_ == "pobj" else token.head
                if token.dep_ in {"dobj", "pobj", "nsubjpass"} and verb.pos_ in {"VERB", "AUX"}:
                    for child in verb.children:
                        if child.dep_ == "nsubj":
                            author = self.resolve(child)
            if author is not None and author.label_ not in _NON_ACTORS | _PLACES:
                self.authors[lemma] = author
