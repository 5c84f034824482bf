"""Laws and instruments named by number: "Executive Order 14422", "E.O. 14422", "Decision (CFSP)
2027/412", "resolution 41/7", "Section 7712(b) of the X Act", "Article 15 of the Press Code"."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from newskg.lexicon import Lexicon

__all__ = ["numbered_instruments"]

_NUMBER = re.compile(r"^(?:\d{1,5}(?:[./-]\d{1,5})*[A-Za-z]?(?:\([a-z0-9]{1,3})?|[IVXLC]{1,6})$")
_SUBSECTION = re.compile(r"^\(?[a-z0-9]{1,3}\)?$")
_LOWER_OK = {"resolution", "decision", "regulation", "directive", "decree", "section", "article", "articles", "paragraph", "clause", "chapter"}


def numbered_instruments(doc: Doc, spans: list[Span], lexicon: Lexicon) -> tuple[list[Span], list[tuple[Span, Span]]]:
    """Spans for instruments named by number, and (part, law) pairs for "Section N of <Law>".

    A matched instrument replaces overlapping spans the NER made of its pieces ("Executive
    Order" alone). The pairs let the graph stage name the part as a mention of the law.

    Examples
    --------
    >>> from newskg.extract.nlp import load_pipeline
    >>> from newskg.lexicon import load_lexicon
    >>> doc = load_pipeline("blank:en")("Under E.O. 14999 and Section 7(b) of the Vell Press Act.")
    >>> spans, parts = numbered_instruments(doc, list(doc.spans["newskg_entities"]), load_lexicon())
    >>> [s.text for s in spans], [(a.text, b.text) for a, b in parts]
    (['E.O. 14999', 'Section 7(b)', 'Vell Press Act'], [('Section 7(b)', 'Vell Press Act')])
    """
    words = lexicon.numbered_instruments
    firsts = {w.split()[0] for w in words}
    found: list[Span] = []
    i = 0
    while i < len(doc):
        if doc[i].lower_ not in firsts:
            i += 1
            continue
        n = 0
        for size in (3, 2, 1):
            phrase = " ".join(t.lower_ for t in doc[i : i + size])
            if i + size <= len(doc) and phrase in words:
                n = size
                break
        if not n:
            i += 1
            continue
        head = doc[i : i + n]
        if not (head[0].is_title or head[0].is_upper or head.text.lower() in _LOWER_OK and doc[i + n : i + n + 1].text[:1].isdigit()):
            i += 1
            continue
        j = i + n
        # "Decision (NMU) 2027/412", "Regulation (NMU) No 2027/411"
        if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 1].is_upper and doc[j + 2].text == ")":
            j += 3
        if j < len(doc) and doc[j].lower_ in {"no", "no.", "number", "nr"}:
            j += 1
        if j >= len(doc) or not _NUMBER.match(doc[j].text) or doc[j].like_num and len(doc[j].text) == 4 and head.text.lower() in {"law", "act", "order"}:
            i += 1
            continue
        j += 1
        if j < len(doc) and doc[j].text == ")" and "(" in doc[j - 1].text:
            j += 1  # "7712(b)" when the tokenizer kept "7712(b" together
        # "7712(b)", "112(2)(a)": subsections glued to the number
        while j + 2 < len(doc) + 1 and j < len(doc) and doc[j].text == "(" and not doc[j - 1].whitespace_ and j + 2 < len(doc) and _SUBSECTION.match(doc[j + 1].text) and doc[j + 2].text == ")":
            j += 3
        found.append(Span(doc, i, j, label="Law", kb_id="rule", span_id=""))
        i = j
    parts: list[tuple[Span, Span]] = []
    laws = sorted([s for s in spans if s.label_ == "Law"] + found, key=lambda s: s.start)
    for span in found:
        if span[0].lower_ not in lexicon.instrument_parts:
            continue
        j = span.end
        if j < len(doc) and doc[j].lower_ == "of":
            j += 1
            if j < len(doc) and doc[j].lower_ == "the":
                j += 1
            law = next((s for s in laws if s.start == j or (s.start <= j + 12 and s.start >= j and _only_name_between(doc, j, s.start))), None)
            if law is not None and law is not span:
                parts.append((span, law))
    kept = [s for s in spans if not any(f.start < s.end and s.start < f.end for f in found)]
    return sorted(kept + found, key=lambda s: s.start), parts


def _only_name_between(doc: Doc, start: int, end: int) -> bool:
    """ "Section 7 of the Ministry of Waterways, Harbours, and Related Programs Act": only
    capitalised words, commas and "and" between "of the" and the law the NER found."""
    return all(t.is_title or t.is_upper or t.text in {",", "and", "of", "&", "–", "-"} for t in doc[start:end])
