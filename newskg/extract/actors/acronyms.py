"""Acronyms: those a text defines ("Long Form (ACR)"), those it uses as the initials of a name it
gives, and a bare acronym after "the" that no rule or model has taken.

Each function takes the document and the actor spans found so far and returns new spans (with
the long form where there is one); :class:`newskg.extract.components.EntityTyper` adds them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from newskg.lexicon import Lexicon

__all__ = ["initials", "defined_acronyms", "acronyms_by_initials", "acronyms_after_the"]

_ACRONYM = re.compile(r"^[A-Z][A-Za-z&.-]{0,1}[A-Z0-9&.-]{0,10}s?$")
_BARE_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
#: words left out of a name's initials ("Committee to Protect Harbours" is CPH); the same words as
#: newskg.graph.keys.STOP_INITIALS, which the canonical merge uses (extract may not import graph)
_STOP_INITIALS = {"of", "and", "for", "the", "on", "in", "to", "de", "du", "des", "la", "at", "by", "&"}


def initials(span: Span) -> set[str]:
    """The lower-cased initials a name's acronym may be written with: of every word, of the words
    that are not function words, and with hyphenated parts counted apart ("Agence Vell-Presse" is
    AVP).

    Examples
    --------
    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["Committee", "to", "Protect", "Harbours", "and", "Agence", "Vell-Presse"])
    >>> sorted(initials(doc[0:4])), sorted(initials(doc[5:7]))
    (['cph', 'ctph'], ['av', 'avp'])
    """
    words = [w for w in span.text.replace("’", "'").split() if any(ch.isalpha() for ch in w)]
    parts = [p for w in words for p in w.split("-") if p]
    variants = set()
    for seq in (words, [w for w in words if w.lower() not in _STOP_INITIALS], parts, [p for p in parts if p.lower() not in _STOP_INITIALS]):
        letters = "".join(w[0] for w in seq).lower()
        if 2 <= len(letters) <= 6 and letters.isalpha():
            variants.add(letters)
    return variants


def defined_acronyms(doc: Doc, spans: Iterable[Span]) -> list[tuple[Span, str]]:
    """``Long Form (ACR)``: a span for ACR with the long form's class, and the long form.

    Examples
    --------
    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["the", "Vellish", "Harbour", "Federation", "(", "VHF", ")", "said"])
    >>> [(s.text, s.label_, long) for s, long in defined_acronyms(doc, [Span(doc, 1, 4, label="NGO")])]
    [('VHF', 'NGO', 'Vellish Harbour Federation')]
    """
    found: list[tuple[Span, str]] = []
    for span in spans:
        i = span.end
        if i + 2 >= len(doc):
            continue
        if doc[i].text != "(" or doc[i + 2].text != ")":
            continue
        short = doc[i + 1]
        if not _ACRONYM.match(short.text) or short.text.lower() == span.text.lower():
            continue
        found.append((Span(doc, i + 1, i + 2, label=span.label_, kb_id="acronym"), span.text))
    return found


def acronyms_by_initials(doc: Doc, spans: list[Span], lexicon: Lexicon) -> list[tuple[Span, str]]:
    """An acronym the text uses without defining it, made of the initials of exactly one name
    the same text gives ("the Vellish Harbour Federation ... VHF said"): a span for the acronym
    with that name's class, and the name as its long form. Countries' acronyms ("US") and words
    of a line in capitals are left alone."""
    longs: dict[str, set[tuple[str, str]]] = {}
    for span in spans:
        if span.label_ in {"Person", "Country", "City", "Region", "Place"} or len(span) < 2:
            continue
        for letters in initials(span):
            longs.setdefault(letters, set()).add((span.text, span.label_))
    taken = {i for span in spans for i in range(span.start, span.end)}
    named = {span.text for span in spans}  # a name found once is tagged everywhere by propagate_names
    found: list[tuple[Span, str]] = []
    for token in doc:
        if token.i in taken or token.text in named or not _BARE_ACRONYM.match(token.text) or lexicon.country_of(token.text) is not None:
            continue
        neighbours = [doc[k] for k in (token.i - 1, token.i + 1) if 0 <= k < len(doc)]
        if any(t.is_upper and t.is_alpha and len(t) > 1 for t in neighbours):
            continue  # "SAY NMU EXPERTS": a headline in capitals
        fits = longs.get(token.text.lower(), set())
        if len({text for text, _ in fits}) == 1:
            (text, label), = fits
            found.append((Span(doc, token.i, token.i + 1, label=label, kb_id="acronym"), text))
    return found


def acronyms_after_the(doc: Doc, spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """ "the Member States and the VHF": an acronym after "the" that no rule or model has taken
    is a body's name (Organization), unless it is a country's ("the US"), a common noun or title
    the lexicon lists ("the NGO", "the MP"), or a word of a line in capitals."""
    common = lexicon.not_actors | set(lexicon.generic_nouns) | lexicon.titles | lexicon.honorifics
    taken = {i for span in spans for i in range(span.start, span.end)}
    named = {span.text for span in spans}
    found: list[Span] = []
    for token in doc[1:]:
        if token.i in taken or token.text in named or doc[token.i - 1].lower_ != "the" or not _BARE_ACRONYM.match(token.text):
            continue
        if token.lower_ in common or lexicon.country_of(token.text) is not None or token.pos_ not in {"PROPN", "NOUN"}:
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].is_upper and doc[token.i + 1].is_alpha or doc[token.i - 1].is_upper:
            continue  # "THE NMU REPORT": a headline in capitals
        if token.i + 1 < len(doc) and doc[token.i + 1].is_lower and doc[token.i + 1].pos_ == "NOUN" and token.dep_ in {"compound", "nmod", "amod"}:
            continue  # "the TV channel", "the GDP figures": a modifier of a thing, not a body
        found.append(Span(doc, token.i, token.i + 1, label="Organization", kb_id="rule"))
    return found
