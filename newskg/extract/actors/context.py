"""Typing and keeping spans by the words around them: role nouns an actor owns, lists of people,
headlines in Title Case, names used as modifiers, titles written before a name."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newskg.extract.actors.names import is_title_word
from newskg.extract.classes import ORGANISATIONS
from newskg.lexicon import Lexicon

__all__ = [
    "retype_dateline", "retype_by_act", "retype_by_staff", "retype_by_apposition",
    "looks_like_person", "attributive", "title_before", "retype_by_company", "retype_role_owners", "in_headline", "modifies_noun",
]


def retype_role_owners(spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """An actor that owns a role noun is an organisation: "Vellwatch's Secretary Anna Lorne",
    "VLW officials", "the VLW director" (the NER often takes such names for people)."""
    lex = lexicon
    # "Lorne's husband", "Lorne adviser": a word of a person's full name is that person
    name_words = {t.text for s in spans if s.label_ == "Person" and len(s) >= 2 for t in s}
    out = []
    for span in spans:
        doc = span.doc
        i = span.end
        if i < len(doc) and doc[i].lower_ in {"'s", "’s"}:
            i += 1
        role = (lex.roles.get(doc[i].lower_) or lex.roles.get(doc[i].lemma_.lower())) if i < len(doc) else None
        if i < len(doc) and doc[i].lower_.rstrip("s") in {"official", "staff", "member", "representative"}:
            role = "memberOf"
        owner = (
            span.label_ in {"Person", "Programme"} and span.kb_id_ != "rule"
            and (len(span) == 1 or span.label_ == "Programme") and role not in {None, "relativeOf"}
            and lex.country_of(span.text) is None and span.text not in name_words
        )
        out.append(Span(doc, span.start, span.end, label="NGO", kb_id="rule", span_id=span.id_) if owner else span)
    return out


def looks_like_person(span: Span) -> bool:
    """Two to five capitalised name tokens ("Ilsa Vandermeer de la Cruz")."""
    names = [t for t in span if t.is_title or t.is_upper]
    return 1 <= len(names) <= 5 and all(t.is_title or t.is_upper or t.is_lower and len(t) <= 4 or t.text in {"-", "."} for t in span) and len(span) >= 1


def attributive(span: Span, lexicon: Lexicon) -> bool:
    """ "the Vellish military presence": an institution word used as an adjective of the noun after
    it is not an actor."""
    doc = span.doc
    last = span[-1]
    return (
        span.label_ in {"GovernmentBody", "Court"} and last.is_lower and last.pos_ == "ADJ"
        and span.end < len(doc) and doc[span.end].pos_ == "NOUN" and doc[span.end].is_lower
    )


def title_before(span: Span, lexicon: Lexicon) -> str | None:
    """A capitalised honorific or title written right before a name ("Judge" in "Judge Anna
    Lorne", "Vice-President", two titles joined by a slash), kept as the mention's title."""
    doc = span.doc

    def joiner(t) -> bool:  # "Vice-President", "High Representative/Vice-President": written without spaces
        return t.text in {"-", "/"} and not t.whitespace_ and t.i > 0 and not doc[t.i - 1].whitespace_

    for n in (7, 6, 5, 4, 3, 2, 1):
        start = span.start - n
        if start < 0:
            continue
        words = doc[start : span.start]
        if not words[0].is_title or not all(t.is_title or t.is_lower and t.lower_ in {"of", "de", "the"} or joiner(t) for t in words):
            continue
        if n > 3 and not any(t.text == "/" for t in words):
            continue
        if all(is_title_word(part, lexicon) for part in words.text.split("/")):
            return words.text
    return None


def retype_by_company(spans: list[Span]) -> list[Span]:
    """A name in a list of people is a person, and one in a list of organisations an organisation:
    "including Anna Lorne, Karel Vost, Ilsa Brandt", "tabled by the VPP, Renewal, VLG groups" when
    the NER took one of them for something else."""
    spans = sorted(spans, key=lambda s: s.start)
    out = list(spans)
    for n, span in enumerate(spans):
        if span.label_ not in {"Organization", "City", "Place"} or span.kb_id_ != "ner" or len(span) > 4:
            continue
        if not all(t.is_title or t.is_upper for t in span):
            continue
        doc = span.doc

        def joined(a: Span, b: Span) -> bool:
            return doc[a.end : b.start].text.strip() in {",", "and", ", and"}

        def listed_with(family: set[str]) -> bool:
            # two neighbours on the same side, each joined by a comma or "and": a list of three or more
            before = n >= 2 and {spans[n - 1].label_, spans[n - 2].label_} <= family and joined(spans[n - 1], span) and joined(spans[n - 2], spans[n - 1])
            after = n + 2 < len(spans) and {spans[n + 1].label_, spans[n + 2].label_} <= family and joined(span, spans[n + 1]) and joined(spans[n + 1], spans[n + 2])
            middle = 0 < n < len(spans) - 1 and {spans[n - 1].label_, spans[n + 1].label_} <= family and joined(spans[n - 1], span) and joined(span, spans[n + 1])
            return before or after or middle

        if len(span) >= 2 and listed_with({"Person"}):
            out[n] = Span(doc, span.start, span.end, label="Person", kb_id="rule", span_id=span.id_)
        elif span.label_ in {"City", "Place"} and listed_with(ORGANISATIONS):
            out[n] = Span(doc, span.start, span.end, label="Organization", kb_id="rule", span_id=span.id_)
    return out



def retype_by_act(spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """A name the NER took for a place is a person where only a person can be: the object of an
    act done to people ("the police released Tomas Verrin", "Anna Kessel was jailed") or the name
    after "the <act> of" ("the release of Tomas Verrin"); the acts are the lexicon's
    ``person_acts``. Only names of two to five capitalised words that no table knows as a place
    (a country, a capital, a region word, a place prefix such as "New" or "San").

    Examples
    --------
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> from newskg.lexicon import load_lexicon
    >>> words = ["Police", "released", "Tomas", "Verrin", "and", "jailed", "New", "Vell", "."]
    >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 1, 3, 1, 1, 1, 7, 5, 1],
    ...           deps=["nsubj", "ROOT", "compound", "dobj", "cc", "conj", "compound", "dobj", "punct"],
    ...           lemmas=["police", "release", "Tomas", "Verrin", "and", "jail", "New", "Vell", "."],
    ...           pos=["NOUN", "VERB", "PROPN", "PROPN", "CCONJ", "VERB", "PROPN", "PROPN", "PUNCT"])
    >>> spans = [Span(doc, 2, 4, label="City", kb_id="ner"), Span(doc, 6, 8, label="City", kb_id="ner")]
    >>> [(s.text, s.label_) for s in retype_by_act(spans, load_lexicon())]
    [('Tomas Verrin', 'Person'), ('New Vell', 'City')]
    """
    out = []
    for span in spans:
        if (
            span.label_ in {"City", "Place"} and span.kb_id_ == "ner" and 2 <= len(span) <= 5
            and all(t.is_title for t in span) and _done_to(span, lexicon) and not _known_place(span, lexicon)
        ):
            span = Span(span.doc, span.start, span.end, label="Person", kb_id="rule", span_id=span.id_)
        out.append(span)
    return out


def _done_to(span: Span, lexicon: Lexicon) -> bool:
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head  # "arrested A and B": B is arrested too
    head = root.head
    if root.dep_ in {"dobj", "nsubjpass"}:
        return head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() in lexicon.person_act_verbs
    if root.dep_ == "pobj" and head.lower_ == "of":
        noun = head.head
        return noun.pos_ == "NOUN" and (noun.lower_ in lexicon.person_act_nouns or noun.lemma_.lower() in lexicon.person_act_nouns)
    return False


def _known_place(span: Span, lexicon: Lexicon) -> bool:
    text = span.text
    return (
        lexicon.country_of(text) is not None or text.lower() in lexicon.capitals
        or span[0].lower_ in lexicon.place_prefixes or any(t.lower_ in lexicon.region_words for t in span)
    )


def retype_by_staff(spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """An organisation only a medium's staff work for is a medium: "a reporter for the Vell
    Courier", "an editor at Harbour Voice", "Harbour Voice's correspondent", "the Harbour Voice
    columnist" (the staff words are the lexicon's ``media_staff``). Only a generic
    ``Organization``: an NGO or a party with an editor stays what it is.

    Examples
    --------
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> from newskg.lexicon import load_lexicon
    >>> doc = Doc(spacy.blank("en").vocab, words="a reporter for the Harbour Voice and Vell Metals".split())
    >>> spans = [Span(doc, 4, 6, label="Organization"), Span(doc, 7, 9, label="Organization")]
    >>> [(s.text, s.label_) for s in retype_by_staff(spans, load_lexicon())]
    [('Harbour Voice', 'MediaOrganization'), ('Vell Metals', 'Organization')]
    """
    staff = lexicon.media_staff

    def is_staff(token: Token) -> bool:
        start = token.i
        while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
            start -= 2  # "editor-in-chief": the hyphens are tokens
        word = doc[start : token.i + 1].text.lower()
        return word in staff or word.rstrip("s") in staff

    out = []
    doc = spans[0].doc if spans else None
    for span in spans:
        before = span.start - 1 if span.start > 0 and doc[span.start - 1].lower_ == "the" else span.start
        after = span.end + 1 if span.end < len(doc) and doc[span.end].lower_ in {"'s", "’s"} else span.end
        works_for = before >= 2 and doc[before - 1].lower_ in {"for", "with", "at", "of"} and is_staff(doc[before - 2])
        if span.label_ == "Organization" and (works_for or after < len(doc) and is_staff(doc[after])):
            span = Span(doc, span.start, span.end, label="MediaOrganization", kb_id=span.kb_id_, span_id=span.id_)
        out.append(span)
    return out

#: the most words of a person's title in apposition ("a human rights lawyer")
_APPOSITION_WORDS = 3


def retype_by_apposition(spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """A name in apposition with a person's title is a person: "Tomas Verrin, a prominent
    blogger", "Anna Kessel, the exiled opposition leader" (the NER often takes an unfamiliar
    name for a place). The titles are the lexicon's ``titles`` and the role words of
    ``roles.yml``; the title must head the apposition, after only a determiner and describing
    words ("Brannock, a major port" is no major).

    Only a name the NER took for a place, or for an organisation when the name has the shape of a
    person's and the title is not one a body can hold too ("Vell Metals, the market leader"). A
    name of that shape followed by ", who" is a person too ("Marko Vell, who heads the group,"), and
    so is one in apposition after a title ("the bloc's foreign policy chief, Kaja Vell,").

    Examples
    --------
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> from newskg.lexicon import load_lexicon
    >>> words = ["Tomas", "Verrin", ",", "a", "prominent", "blogger", ",", "left", "Brannock", ",", "a", "major", "port"]
    >>> heads = [1, 7, 1, 5, 5, 1, 1, 7, 7, 8, 12, 12, 8]
    >>> deps = ["compound", "nsubj", "punct", "det", "amod", "appos", "punct", "ROOT", "dobj", "punct", "det", "amod", "appos"]
    >>> pos = ["PROPN", "PROPN", "PUNCT", "DET", "ADJ", "NOUN", "PUNCT", "VERB", "PROPN", "PUNCT", "DET", "ADJ", "NOUN"]
    >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    >>> spans = [Span(doc, 0, 2, label="City", kb_id="ner"), Span(doc, 8, 9, label="City", kb_id="ner")]
    >>> [(s.text, s.label_) for s in retype_by_apposition(spans, load_lexicon())]
    [('Tomas Verrin', 'Person'), ('Brannock', 'City')]
    """
    out = []
    for span in spans:
        doc = span.doc
        place = span.label_ in {"City", "Place", "Region"}
        organisation = span.label_ == "Organization" and 2 <= len(span) <= 4 and looks_like_person(span)
        titled_before = (
            span.kb_id_ == "ner" and (place or organisation) and span.start > 1 and doc[span.start - 1].text == ","
            and span.root.dep_ == "appos" and span.root.head.i < span.start and span.root.head.pos_ == "NOUN"
            and any(" ".join(t.lower_ for t in doc[span.root.head.i - n + 1 : span.root.head.i + 1]) in lexicon.person_titles for n in (1, 2, 3))
        )
        if titled_before:
            # "the bloc's foreign policy chief, Kaja Vell, said": the name a title introduces
            out.append(Span(doc, span.start, span.end, label="Person", kb_id=span.kb_id_, span_id=span.id_))
            continue
        if span.kb_id_ != "ner" or not (place or organisation) or span.end >= len(doc) or doc[span.end].text != ",":
            out.append(span)
            continue
        if organisation and span.end + 1 < len(doc) and doc[span.end + 1].lower_ in {"who", "whom", "whose"}:
            # "Marko Vell, who heads the group, ...": a body is "which"
            out.append(Span(doc, span.start, span.end, label="Person", kb_id=span.kb_id_, span_id=span.id_))
            continue
        title = None
        for head in (t for t in span.root.children if t.dep_ == "appos" and t.i > span.end and t.pos_ == "NOUN"):
            for n in range(min(_APPOSITION_WORDS, head.i - span.end), 0, -1):
                words = doc[head.i - n + 1 : head.i + 1]
                between = doc[span.end + 1 : words.start]
                if " ".join(t.lower_ for t in words) in lexicon.person_titles and all(
                    t.pos_ in {"DET", "ADJ", "ADV"} or t.text == "-" or t.lower_ in lexicon.former_words for t in between
                ):
                    title = words.text.lower()
                    break
        if title is not None and (place or lexicon.roles.get(title) != "leads"):
            span = Span(doc, span.start, span.end, label="Person", kb_id=span.kb_id_, span_id=span.id_)
        out.append(span)
    return out


#: the most tokens a headline line has (a longer first line is the text itself)
_HEADLINE_TOKENS = 60


def in_headline(span: Span) -> bool:
    """Whether a span sits in the document's first line (its headline), written in Title Case
    ("Vell Court Jails Two Editors"), and its text is not written again in the body."""
    doc = span.doc
    first_line_end = doc.user_data.get("newskg_first_line_end")
    if first_line_end is None:
        first_line_end = next((t.i + 1 for t in doc if "\n" in t.text_with_ws and doc[: t.i + 1].text.strip()), len(doc))
        doc.user_data["newskg_first_line_end"] = first_line_end
    if span.start >= first_line_end or first_line_end > _HEADLINE_TOKENS:
        return False  # past the first line, or a first line too long to be a headline (prose)
    start = span.start
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    if doc[:start].text.strip():
        return False
    end = span.end
    while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
        end += 1
    words = [t for t in doc[start:end] if t.is_alpha and len(t) > 3]
    if not doc[start : span.start].text.strip() and not doc[span.end : end].text.strip():
        return False  # a line that is one name (a masthead, a byline) is that name
    if end >= len(doc) or doc[end - 1].text in {".", "!", "?"} or doc[start:end].text.rstrip().endswith("."):
        return False  # a headline is a line of its own, with no full stop
    if len(words) < 4 or sum(t.is_title or t.is_upper for t in words) < 0.8 * len(words):
        return False
    text = span.text
    return doc.text.count(text) == 1


def modifies_noun(span: Span, lexicon: Lexicon) -> bool:
    """Whether a one-word span describes the people named by the noun right after it ("LGBTI
    persons", "Vellish minorities"): an identity, not an actor. "Vellwatch researchers" and
    "Strelsau critic" keep their actor."""
    if len(span) != 1 or span.end >= len(span.doc):
        return False
    after = span.doc[span.end]
    token = span[0]
    return (
        after.is_lower and token.head.i == after.i and token.dep_ in {"amod", "compound", "nmod"}
        and (after.lemma_.lower() in _PEOPLE_NOUNS or after.lower_ in _PEOPLE_NOUNS)
    )


# Nouns for groups of people an identity word describes.
_PEOPLE_NOUNS = {"person", "persons", "people", "community", "communities", "minority", "minorities", "individual", "individuals", "population", "populations", "muslims", "christians", "women", "men", "youth", "refugees"}


# "Strelsau, May 12 (Vellpress)", "STRELSAU (Vellpress)": a name, then a date or an agency in brackets
#: how far down a dateline may stand (after the headline and a date line or two)
_DATELINE_LINES = 8
_DATELINE = re.compile(r"^[A-Z][\w'.-]+(?: [A-Z][\w'.-]+){0,3}(?:,\s*[^()\n]{3,30}?(?:\s*\([^()\n]{1,30}\))?|\s*\([^()\n]{1,30}\))\s*$")


def retype_dateline(doc: Doc, spans: list[Span]) -> list[Span]:
    """A dateline, on a line of its own near the top ("Strelsau, May 12 (Vellpress)"): its first
    name is the city the story was filed from, the name in brackets the agency that filed it."""
    # the first lines, by token: (start, end) of each, read once
    lines: list[tuple[int, int]] = []
    start = 0
    for token in doc:
        if "\n" in token.text_with_ws:
            lines.append((start, token.i + 1))
            start = token.i + 1
            if len(lines) > _DATELINE_LINES:
                break
    datelines = [(a, b) for a, b in lines[1:] if b - a <= 16 and _DATELINE.match(doc[a:b].text.strip())]
    if not datelines:
        return spans
    out: list[Span] = []
    for span in spans:
        line = next(((a, b) for a, b in datelines if a <= span.start and span.end <= b), None)
        cls = None
        if line is not None and span.label_ != "Person":
            if span.start == line[0] and span.label_ not in {"Country", "Region", "City"}:
                cls = "City"
            elif span.start > line[0] and doc[span.start - 1].text == "(" and span.end < len(doc) and doc[span.end].text == ")":
                cls = "MediaOrganization"
        out.append(Span(doc, span.start, span.end, label=cls, kb_id=span.kb_id_, span_id=span.id_) if cls and cls != span.label_ else span)
    return out
