"""Names a text gives as another name for an actor: "the Vell Brigade or “Black Caps” (Red
Hats)", "Ilsa Vandermeer de la Cruz (“Vandermeer”)"."""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["quoted_aliases"]

_OPEN = {"“", '"', "‘", "'", "«"}
_CLOSE = {"”", '"', "’", "'", "»"}


def _quoted_name(doc: Doc, i: int) -> tuple[int, int] | None:
    """A capitalised name in quotation marks starting at token ``i`` (the opening mark)."""
    if i >= len(doc) or doc[i].text not in _OPEN:
        return None
    j = i + 1
    while j < len(doc) and j - i <= 6 and doc[j].text not in _CLOSE:
        if not (doc[j].is_title or doc[j].is_upper or doc[j].lower_ in {"of", "the", "and", "de", "la"}):
            return None
        j += 1
    if j >= len(doc) or j == i + 1 or doc[j].text not in _CLOSE:
        return None
    return i + 1, j


def _bracketed_name(doc: Doc, i: int) -> tuple[int, int] | None:
    if i >= len(doc) or doc[i].text != "(":
        return None
    j = i + 1
    while j < len(doc) and j - i <= 6 and doc[j].text != ")":
        if not (doc[j].is_title or doc[j].lower_ in {"of", "the", "and"}):
            return None
        j += 1
    if j >= len(doc) or j == i + 1 or doc[j].text != ")":
        return None
    return i + 1, j


def quoted_aliases(doc: Doc, spans: list[Span]) -> list[tuple[Span, Span]]:
    """(alias, actor) pairs: a quoted name right after an actor, in brackets or after "or",
    "known as", "also known as", and a bracketed translation right after that quoted name.

    Examples
    --------
    >>> from newskg.extract.nlp import load_pipeline
    >>> doc = load_pipeline("blank:en")("They sanctioned the Vell Security Force or “Capas Negras” (Black Caps).")
    >>> [(a.text, b.text) for a, b in quoted_aliases(doc, list(doc.spans["newskg_entities"]))]
    [('Capas Negras', 'Vell Security Force'), ('Black Caps', 'Vell Security Force')]
    """
    by_start = {s.start: s for s in spans}
    pairs: list[tuple[Span, Span]] = []
    for span in spans:
        if span.label_ in {"Country", "City", "Region", "Place"}:
            continue
        i = span.end
        if i < len(doc) and doc[i].text == "(" and i + 1 < len(doc) and doc[i + 1].text in _OPEN:
            i += 1
        elif i < len(doc) and doc[i].lower_ == "or":
            i += 1
        elif i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ in {"or", "known", "also"}:
            i += 2
        while i < len(doc) and doc[i].lower_ in {"known", "as", "also", "called", "dubbed"}:
            i += 1
        found = _quoted_name(doc, i)
        if found is None:
            continue
        start, end = found
        alias = by_start.get(start)
        alias = alias if alias is not None and alias.end == end else Span(doc, start, end, label=span.label_, kb_id="alias")
        pairs.append((Span(doc, alias.start, alias.end, label=span.label_, kb_id="alias"), span))
        after = end + 1
        if doc[after : after + 1].text == ")":
            after += 1
        translated = _bracketed_name(doc, after)
        if translated is not None:
            pairs.append((Span(doc, translated[0], translated[1], label=span.label_, kb_id="alias"), span))
    return pairs
