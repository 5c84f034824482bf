"""Find the actor a token stands for: an entity span, a pronoun's antecedent, or a phrase such as
"the resolution", "the parliament" or "the Zembla Assembly spokesperson" that points to one."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from newskg.extract.actors.names import titles_of
from newskg.lexicon import Lexicon

__all__ = ["ActorResolver"]

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
_THING_PRONOUNS = {"it", "its", "itself"}
_PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
_FIRST_PERSON = {"we", "us", "our", "ours", "ourselves"}
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_FIRST_SINGULAR = {"i", "me", "my", "mine", "myself"}
_OPENING_QUOTES = {"“", "‘"}
_CLOSING_QUOTES = {"”", "’"}
_GENERIC_HEADS = {"programme", "program", "scheme", "project", "initiative", "law", "act", "agreement", "treaty", "plan"}
#: institutions a city has of its own: "a court in Strelsau" is the Strelsau court
_LOCAL_INSTITUTIONS = {"court", "courts", "police", "prosecutor", "prosecutors"}
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
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self._starts = [s.start for s in self.spans]
        self._by_last_word: dict[str, list[Span]] | None = None
        self._first_end: dict[str, int] | None = None  # label -> where its first span ends
        self._main_country: str | None | bool = False  # not worked out yet (the spans do not change)
        self.at: dict[int, Span] = {}
        for span in spans:
            for i in range(span.start, span.end):
                self.at[i] = span
        self.subjects: list[Span] = []  # actors in subject position, in order
        self.authors: dict[str, Span] = {}  # "resolution" -> who issued it
        self.preamble: Span | None = None
        self.last_author: Span | None = None
        self.last_group: list[Span] = []  # actors last named together as a subject ("LICADHO and ADHOC")
        self.last_speaker: tuple[int, Span] | None = None  # (sentence start token, speaker)
        self.reported: list[tuple[int, int]] = []  # character spans of what speakers said
        self.recent_people: list[Span] = []  # people events were done to, in order (set by the event frames)
        # The document's author, set by the pipeline: "we" outside quotations is the body,
        # "I" the person (see newskg.extract.events.voice).
        self.voice_body: Span | None = None
        self.voice_person: Span | None = None

    @property
    def voice(self) -> Span | None:
        """Who the document speaks as: its issuing body, else its speaker."""
        return self.voice_body or self.voice_person

    # -- lookup ------------------------------------------------------------------------------

    def entity(self, token: Token) -> Span | None:
        return self.at.get(token.i)

    def mentioned_before(self, i: int) -> list[Span]:
        """Spans that end before token ``i``, in document order."""
        cut = bisect_left(self._starts, i)
        return [s for s in self.spans[:cut] if s.end <= i]

    def spans_in(self, start: int, end: int) -> list[Span]:
        """Spans wholly inside tokens ``[start, end)``."""
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return [s for s in self.spans[lo:hi] if s.end <= end]

    def spans_between(self, start_char: int, end_char: int) -> list[Span]:
        """Spans wholly inside the characters ``[start_char, end_char)``."""
        span = self.doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None:
            return []
        return [s for s in self.spans_in(span.start, span.end) if start_char <= s.start_char and s.end_char <= end_char]

    def antecedent(self, token: Token) -> Span | None:
        """A pronoun's antecedent: the last fitting actor in subject position, else mentioned."""
        low = token.lower_
        if low in {"it", "this", "that"} and token.dep_ == "dobj" and token.head.lemma_.lower() in self.lexicon.act_object_verbs:
            return None  # "called on the court to overturn it": the verdict
        if low in _PERSON_PRONOUNS:
            fits = lambda s: s.label_ == "Person"  # noqa: E731
        elif low in _THING_PRONOUNS:
            # a country acts as "it" too ("Cambodia claimed that it was the first ...")
            fits = lambda s: s.label_ not in _PLACES - {"Country"} | _NON_ACTORS | {"Person"}  # noqa: E731
        elif low in _PLURAL_PRONOUNS:
            if token.dep_ in {"nsubj", "nsubjpass"}:
                fits = lambda s: s.label_ not in _NON_ACTORS | {"Person"}  # noqa: E731
            else:
                # "charges against them", "their arrest": people or a body named in the plural
                # ("the authorities"), not the last organisation that happened to be named
                fits = lambda s: s.label_ not in _NON_ACTORS | {"Person"} and s[-1].tag_ in {"NNS", "NNPS"}  # noqa: E731
        else:
            return None
        sentence_start = token.sent.start
        # Inside a relative clause, the noun the clause describes ("Lanternpost, which has been
        # targeted for its reporting").
        for ancestor in token.ancestors:
            if ancestor.dep_ == "relcl":
                owner = self.entity(ancestor.head)
                if owner is not None and fits(owner) and owner.end <= token.i:
                    return owner
                break
        # Subjects earlier in this sentence, then earlier subjects, then any earlier mention.
        speaks = token.head.lemma_.lower() in self.lexicon.speech_verbs
        if self.last_speaker is not None and token.dep_ in {"nsubj", "nsubjpass"} and speaks:
            started, speaker = self.last_speaker
            # someone else has been the subject since, outside what the speaker said
            newer = [
                s for s in self.subjects
                if started < s.start < token.i and fits(s) and s != speaker and not any(a <= s.start_char < b for a, b in self.reported)
            ]
            if newer:
                return newer[-1]  # someone else has been the subject since that speaker spoke
            if sentence_start - started < 80 and fits(speaker) and any(
                k in self.lexicon.speech_verbs for k in (token.head.lemma_.lower(),)
            ):
                return speaker  # "“…,” it said." after a statement by the same speaker
        earlier_subjects = [
            t for t in token.sent if t.i < token.i and t.dep_ in {"nsubj", "nsubjpass"} and t.lower_ not in _PERSON_PRONOUNS | _THING_PRONOUNS | _PLURAL_PRONOUNS
        ]
        for subject_token in reversed(earlier_subjects):
            span = self.resolve(subject_token)
            if span is not None and fits(span):
                return span
        if low in _PERSON_PRONOUNS:
            # "when the accounts of X were frozen and he was banned": the person just named
            people = [s for s in self.spans_in(sentence_start, token.i) if s.label_ == "Person"]
            if people:
                return people[-1]
        for span in reversed([s for s in self.subjects if s.end <= token.i]):
            if fits(span):
                return span
        for span in reversed(self.mentioned_before(token.i)):
            if fits(span):
                return span
        return None

    def in_quotation(self, token: Token) -> bool:
        """Whether ``token`` stands inside quotation marks within its paragraph."""
        depth = 0
        straight = 0
        for t in token.doc[max(0, token.sent.start - 60) : token.i]:
            if "\n\n" in t.whitespace_ or t.is_space and "\n\n" in t.text:
                depth, straight = 0, 0
            elif t.text in _OPENING_QUOTES and t.text == "“":
                depth += 1
            elif t.text in _CLOSING_QUOTES and t.text == "”":
                depth = max(0, depth - 1)
            elif t.text == '"':
                straight += 1
        return depth > 0 or straight % 2 == 1

    def _last_words(self) -> dict[str, list[Span]]:
        """Spans by their folded last word, in document order (built once)."""
        if self._by_last_word is None:
            self._by_last_word = {}
            for span in self.spans:
                self._by_last_word.setdefault(self.lexicon.fold_spelling(span[-1].lower_), []).append(span)
        return self._by_last_word

    def by_head_word(self, word: str, before: int) -> Span | None:
        """The last actor whose name ends in ``word``: "the parliament" -> "Zembla Parliament"."""
        word = self.lexicon.fold_spelling(word.lower())
        found = next((s for s in reversed(self._last_words().get(word, ())) if s.end <= before), None)
        if found is not None:
            return found
        whole = self._government_heads
        if word in whole:
            # "the authorities" may be a government named as such, and the other way round; not
            # the ministry or the court last named ("the government" is not "the Interior Ministry")
            candidates = [
                s for w in whole for s in self._last_words().get(w, ())
                if s.end <= before and s.label_ == "GovernmentBody"
            ]
            return max(candidates, key=lambda s: s.start) if candidates else None
        return None

    @cached_property
    def _government_heads(self) -> frozenset[str]:
        """The one-word names of a government as a whole (``government_words``), not "state",
        which ends "Department of State"."""
        return frozenset(w for w in self.lexicon.government_words if " " not in w) - {"state"}

    def by_title(self, word: str, before: int, qualifiers: tuple[str, ...] = ()) -> Span | None:
        """The last person named with a title ending in ``word`` (after ``qualifiers``, when
        given): "the bishop" -> "Bishop X", "the foreign minister" -> "Foreign Minister Y" (not
        "Interior Minister Z": a qualified noun matches a title that has the same words)."""
        titles = titles_of(self.doc)
        if not titles:
            return None
        wanted = [self.lexicon.fold_spelling(w) for w in (*qualifiers, word)]
        for span in reversed(self.mentioned_before(before)):
            title = titles.get((span.start, span.end))
            if span.label_ == "Person" and title:
                # "High Representative/Vice-President": the last title, its hyphen a word of its own
                words = [self.lexicon.fold_spelling(w) for w in title.split("/")[-1].lower().replace(".", "").replace("-", " - ").split()]
                if words[-len(wanted):] == wanted and (len(words) == len(wanted) or words[-len(wanted) - 1] != "-"):
                    return span  # not "the president" for a vice-president
        return None

    def main_country(self) -> str | None:
        """The country the document names most often (first named on a tie)."""
        if self._main_country is not False:
            return self._main_country
        counts: dict[str, int] = {}
        for span in self.spans:
            if span.label_ == "Country":
                name = self.lexicon.country_of(span.text) or span.text
                counts[name] = counts.get(name, 0) + 1
        self._main_country = max(counts, key=lambda name: counts[name]) if counts else None
        return self._main_country

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
            doc = token.doc
            if token.dep_ in {"nsubj", "nsubjpass"} and span.end + 1 < len(doc) and doc[span.end].lower_ in {"'s", "’s"}:
                owned = self.entity(doc[span.end + 1])
                if owned is not None and owned.start == span.end + 1 and owned.label_ not in _PLACES | _NON_ACTORS | {"Person"}:
                    # "the Treasury Department's Office of X is sanctioning ...", parsed with the
                    # owner as the subject: the office acts
                    return owned
            return span
        low = token.lower_
        if token.i + 1 < len(token.doc) and (low in self.lexicon.roles or token.lemma_.lower() in self.lexicon.roles):
            named = self.entity(token.doc[token.i + 1])
            if named is not None and named.label_ == "Person" and named.start == token.i + 1:
                return named  # "X's director Anna Vell was detained", parsed as two subjects: the title is hers
        if low in _PERSON_PRONOUNS | _THING_PRONOUNS | _PLURAL_PRONOUNS:
            return self.antecedent(token)
        if low in _FIRST_PERSON or (low in _FIRST_SINGULAR and (low != "i" or token.text == "I")):
            # "we" inside a quotation is its speaker; outside one, the document's author.
            quoted = self.in_quotation(token)
            if quoted and self.last_speaker is not None:
                return self.last_speaker[1]
            author = self.voice_body or self.voice_person if low in _FIRST_PERSON else self.voice_person or self.voice_body
            if author is not None:
                return author
            return self.last_speaker[1] if self.last_speaker is not None else None
        # "the Safer Workplaces Ruritania programme": the name stops before its lower-case head.
        if low in _GENERIC_HEADS and token.i > 0 and self.entity(token.doc[token.i - 1]) is not None:
            named = self.entity(token.doc[token.i - 1])
            if named.end == token.i:
                return named
        if low in _RELATIVE and token.dep_ == "dobj" and token.head.dep_ == "xcomp" and token.head.head.dep_ == "relcl" and token.i < token.head.head.i:
            # "the Union, which Turkey aspires to join": the object of the clause's infinitive
            return self.resolve(token.head.head.head, depth=depth + 1)
        if low in _RELATIVE and token.head.dep_ in {"relcl", "acl"}:
            found = self.resolve(token.head.head, depth=depth + 1)
            if low in {"who", "whom", "whose"} and (found is None or found.label_ != "Person"):
                # "Vasquell, a correspondent for the newspaper X, who was sentenced": a person
                people = [s for s in self.spans_in(token.sent.start, token.i) if s.label_ == "Person"]
                if people:
                    return people[-1]
                # "... to Vell who can be arrested": a place is no one
                return found if found is None or found.label_ not in _PLACES else None
            return found
        if token.pos_ not in {"NOUN", "PROPN"} or depth > 2:
            return None
        if token.pos_ == "PROPN" and token.is_title and not any(c.dep_ == "compound" for c in token.children):
            # "Parliament", "the Council", "the Department": the head of an actor named before
            found = self.by_head_word(token.text, token.i)
            if found is not None and found.label_ not in _NON_ACTORS | _PLACES:
                return found
        lemma = token.lemma_.lower()
        # "Tomas Kravik, a reporter detained by ...": the noun in apposition is the named actor
        if token.dep_ == "appos" and self.entity(token.head) is not None:
            return self.entity(token.head)
        # "his father Rudolf Elphberg": an apposition names the actor.
        for child in token.children:
            if child.dep_ == "appos" and self.entity(child) is not None:
                return self.entity(child)
        # "the Zembla Assembly spokesperson", "the NMU body", "the Zembla Parliament's resolution"
        # ... and a title of a body stands for it: "the Chair of the Council", "a member of X"
        titled = token.lower_ in self.lexicon.roles and self.lexicon.roles[token.lower_] != "relativeOf"
        if titled:
            # "Minister of the Armed Forces Tomas X": a title followed by a name is that person
            named = [self.entity(t) for t in token.subtree if t.i > token.i and self.entity(t) is not None and self.entity(t).label_ == "Person"]
            if named:
                return named[0]
        proxy = lemma in self.lexicon.proxy_nouns or token.lower_ in self.lexicon.proxy_nouns or lemma in self.lexicon.speech_nouns or titled
        for dep in ("compound", "nmod", "poss"):
            for child in token.children:
                if child.dep_ != dep:
                    continue
                found = self.entity(child)
                if found is None and dep == "poss" and child.lower_ in _THING_PRONOUNS | _PLURAL_PRONOUNS | _PERSON_PRONOUNS:
                    found = self.antecedent(child)
                if found is None:
                    continue
                if titled and found.label_ == "Person" and self.lexicon.roles[token.lower_] != "spokespersonOf" and lemma not in self.lexicon.proxy_nouns:
                    continue  # "his lawyer", "Vost's adviser": another person, not Vost speaking
                if proxy and found.label_ not in _NON_ACTORS | _PLACES - {"Country"}:
                    return found
        if proxy:
            # "the Members of the Zembla Parliament", "a resolution by the Zembla Parliament"
            for child in token.children:
                if child.dep_ in {"prep", "agent"} and child.lower_ in {"by", "of", "from"}:
                    for pobj in child.children:
                        found = self.entity(pobj)
                        if found is not None and found.label_ not in _NON_ACTORS:
                            return found
        if lemma in self.lexicon.speech_nouns or lemma in {"spokesperson", "spokesman", "spokeswoman"}:
            if token.dep_ in {"dobj", "nsubjpass"} and token.head.pos_ in {"VERB", "AUX"}:
                # "CENTRAL published a report which ...": the report's author is the publisher.
                for child in token.head.children:
                    if child.dep_ == "nsubj" and self.entity(child) is not None:
                        return self.entity(child)
            recent_speaker = self.last_speaker is not None and token.sent.start - self.last_speaker[0] < 160
            if lemma not in self.lexicon.adopted_texts and recent_speaker and any(c.lower_ in {"the", "this", "that"} for c in token.children):
                # "The statement further noted ...": the statement being reported, whoever
                # published or received it
                return self.last_speaker[1]
            if lemma in self.authors:
                return self.authors[lemma]
            if lemma in self.lexicon.adopted_texts and self.last_author is not None:
                return self.last_author  # "The text, adopted on 28 November, calls on ..."
            if lemma in self.lexicon.speech_nouns and recent_speaker:
                return self.last_speaker[1]  # "..., the statement asserted": the one who has been speaking
            if lemma in self.lexicon.speech_nouns:
                # "The resolution urged ...", "according to a statement": the last organisation
                # that was the subject of a sentence, else the last author seen.
                for span in reversed(self.subjects):
                    if span.label_ not in _PLACES | _NON_ACTORS | {"Person"} and span.end <= token.i:
                        return span
                if self.last_author is not None:
                    return self.last_author
        if token.pos_ in {"NOUN", "PROPN"} and (lemma in self.lexicon.state_institutions or token.lower_ in self.lexicon.state_institutions):
            country = self._country_in(token)
            city = self._city_in(token) if country is None and lemma in _LOCAL_INSTITUTIONS else None
            if country is not None or city is not None:
                # "a court in Moldova", "Authorities in Ruritania": that country's institution;
                # "a court in Strelsau": the city's court (but "the government in Strelsau" is
                # the country's, which the city does not say)
                label = "Court" if lemma in {"court", "courts"} else "GovernmentBody"
                name = f"{city} {token.lower_}" if city else f"{self.lexicon.demonym_of.get(country, country)} {token.lower_}"
                span = Span(self.doc, token.i, token.i + 1, label=label, kb_id="coref", span_id=name)
                self.at[token.i] = span
                return span
        if lemma in self.lexicon.lede_nouns and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children):
            named = self._named_after(token, self.lexicon.lede_nouns[lemma])
            if named is not None:
                return named  # "A press freedom group called on X ... The Lantern Press Union said"
        definite = any(c.lower_ in {"the", "this", "that", "these", "those"} or c.dep_ == "poss" for c in token.children)
        qualified = any(c.dep_ == "amod" for c in token.children)  # "the ruling party" is not "the party"
        if token.pos_ == "NOUN" and token.is_lower and definite:
            # "Bishop X ... the bishop", "Judge Y ... the judge": the last person of that title;
            # "Foreign Minister Y ... the foreign minister": its qualifiers are the title's words
            qualifiers = tuple(c.lower_ for c in token.lefts if c.dep_ in {"amod", "compound"} and c.is_alpha or c.text == "-" and c.i == token.i - 1)
            titled = self.by_title(lemma, token.i, qualifiers) if qualifiers or not qualified else None
            if titled is not None:
                return titled
        if token.pos_ == "NOUN" and token.is_lower and (definite or token.tag_ != "NNS") and not qualified:
            # "the parliament", "the ministry"; a bare plural ("journalists") names no one
            found = self.by_head_word(token.text, token.i)
            if found is not None and found.label_ not in _NON_ACTORS | _PLACES:
                return found
            determined = any(c.lower_ in {"the", "this", "that"} for c in token.children)
            cls = self.lexicon.generic_nouns.get(lemma)
            if cls is not None and determined:
                return self.by_class(cls, token.i)
            # "a court acquitted X": a court of the country the document is about, as "the court"
            unnamed_court = lemma == "court" and any(c.lower_ in {"a", "an"} for c in token.children)
            if (determined or unnamed_court) and (lemma in self.lexicon.state_institutions or token.lower_ in self.lexicon.state_institutions):
                # "the government" with no government named yet: the government of the country the
                # document is about ("Belarusian authorities"); with no country, a placeholder the
                # graph stage drops.
                country = self.main_country()
                name = f"{self.lexicon.demonym_of.get(country, country)} {token.lower_}" if country else ""
                label = "Court" if lemma == "court" else "GovernmentBody"
                span = Span(self.doc, token.i, token.i + 1, label=label, kb_id="coref", span_id=name)
                self.at[token.i] = span
                return span
        phrase = " ".join(t.lower_ for t in [*(c for c in token.lefts if c.dep_ == "compound"), token])
        bare = not any(c.dep_ in {"det", "amod", "poss"} for c in token.children)
        if bare and token.dep_ in {"nsubj", "nsubjpass", "pobj"} and (phrase in self.lexicon.state_institutions or token.lower_ in self.lexicon.state_institutions):
            # "Police arrested X", "Security forces raided Y", "... detained by authorities": the
            # state institutions of the country the document is about
            country = self.main_country()
            if country:
                name = f"{self.lexicon.demonym_of.get(country, country)} {phrase}"
                start = min([token.i, *(c.i for c in token.lefts if c.dep_ == "compound")])
                span = Span(self.doc, start, token.i + 1, label="GovernmentBody", kb_id="coref", span_id=name)
                for i in range(start, token.i + 1):
                    self.at[i] = span
                return span
        return None

    def _named_after(self, token: Token, classes: frozenset[str]) -> Span | None:
        """The actor an indefinite first mention ("a rights group") is named as next: the first of
        ``classes`` that is a subject in the two sentences after, when none was named before."""
        if self._first_end is None:
            self._first_end = {}
            for span in self.spans:
                self._first_end[span.label_] = min(self._first_end.get(span.label_, span.end), span.end)
        if any(self._first_end.get(label, len(self.doc) + 1) <= token.i for label in classes):
            return None
        following: list[Span] = []
        end = token.sent.end
        while end < len(self.doc) and len(following) < 2:
            following.append(self.doc[end].sent)  # the next two sentences, not the whole text's
            end = following[-1].end
        for sent in following:
            for span in self.spans_in(sent.start, sent.end):
                if span.label_ in classes and span.root.dep_ in {"nsubj", "nsubjpass"}:
                    return span
        return None

    def _place_in(self, token: Token, label: str) -> Span | None:
        """The place of class ``label`` named in "<institution> in <place>", if any."""
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "in":
                for pobj in child.children:
                    place = self.entity(pobj) if pobj.dep_ == "pobj" else None
                    if place is not None and place.label_ == label:
                        return place
        return None

    def _country_in(self, token: Token) -> str | None:
        """The country of "<institution> in <country>", when the phrase names one."""
        place = self._place_in(token, "Country")
        return (self.lexicon.country_of(place.text) or place.text) if place is not None else None

    def _city_in(self, token: Token) -> str | None:
        """The city of "<institution> in <city>", when the phrase names one."""
        place = self._place_in(token, "City")
        return place.text if place is not None else None

    def resolve_actor(self, token: Token, *, depth: int = 0) -> Span | None:
        """Like :meth:`resolve`, but look through laws, programmes and places inside the phrase to
        the actor it concerns: "part of Peru's LTP access" -> Peru."""
        found = self.resolve(token)
        if found is not None and found.label_ not in _NON_ACTORS:
            return found
        if depth > 3:
            return None
        for child in token.children:
            if child.dep_ in {"poss", "pobj"} or (child.dep_ == "prep" and child.lower_ in {"of", "against", "on", "to"}):
                deeper = self.entity(child) if child.dep_ == "poss" else None
                if deeper is not None and deeper.label_ not in _NON_ACTORS:
                    return deeper
                deeper = self.resolve_actor(child, depth=depth + 1)
                if deeper is not None:
                    return deeper
        return None

    def numbered_group(self, token: Token) -> list[Span]:
        """ "all four defenders", "the three men": the last N people something was done to."""
        if self.entity(token) is not None or token.tag_ not in {"NNS", "NNPS"}:
            return []
        count = None
        definite = False
        for child in token.children:
            if child.dep_ == "nummod":
                count = _NUMBERS.get(child.lower_) or (int(child.text) if child.text.isdigit() else None)
            elif child.lower_ == "both":
                count, definite = 2, True
            if child.lower_ in {"the", "these", "those", "all"} or child.dep_ == "poss":
                definite = True
        if not count or count < 2 or not definite:
            return []  # "three officials" with no article is new to the text, not the last three named
        people = list(dict.fromkeys(reversed(self.recent_people)))
        return sorted(people[:count], key=lambda s: s.start) if len(people) >= count else []

    def resolve_all(self, token: Token | None) -> list[Span]:
        """``token`` and its conjuncts, resolved ("CENTRAL and its members" gives CENTRAL)."""
        if token is None:
            return []
        group = self.numbered_group(token)
        if group:
            return group
        if self.last_group and not token.conjuncts and self._refers_to_group(token):
            return list(self.last_group)
        found: list[Span] = []
        for item in [token, *token.conjuncts]:
            span = self.resolve(item)
            if span is not None and span not in found:
                found.append(span)
        return found

    def _refers_to_group(self, token: Token) -> bool:
        """ "they", or "the groups" / "both organisations": actors named together before."""
        if self.entity(token) is not None:
            return False
        if token.lower_ in {"they", "them"}:
            return True
        plural = token.tag_ in {"NNS", "NNPS"} and token.lemma_.lower() in {"group", "organisation", "organization", "ngo", "party", "union", "body", "country"}
        return plural and any(c.lower_ in {"the", "both", "these", "those", "two", "three"} for c in token.children)

    # -- memory ------------------------------------------------------------------------------

    def observe_subject(self, span: Span) -> None:
        self.subjects.append(span)

    def observe_group(self, spans: list[Span]) -> None:
        if len(spans) >= 2:
            self.last_group = spans

    def observe_sentence(self, sent: Span) -> None:
        """Learn authors ("the Zembla Parliament passed a resolution") and preambles."""
        text = sent.text.strip()
        spans = self.spans_in(sent.start, sent.end)
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
                self.last_author = author
