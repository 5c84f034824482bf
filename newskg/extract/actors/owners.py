"""Organisations named by the words before a title: "NRO Refugee Affairs spokesperson X"."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newskg.extract.classes import ORGANISATIONS
from newskg.lexicon import Lexicon

__all__ = ["owners_before_titles"]



def _title_at(doc: Doc, i: int, roles: dict[str, str]) -> int:
    """Length of the role title starting at token ``i`` (0 if none)."""
    for n in (3, 2, 1):
        if i + n <= len(doc) and " ".join(t.lower_ for t in doc[i : i + n]) in roles:
            return n
    return 0


def owners_before_titles(doc: Doc, spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """Widen an organisation over the capitalised words between it and a title before a name.

    In "NRO Refugee Affairs spokesperson Anna Vell" the NER finds "NRO" and the person; the
    words between the organisation and the title ("Refugee Affairs") are part of the body's name,
    so the title belongs to "NRO Refugee Affairs", not to the NRO as a whole.

    Examples
    --------
    >>> from newskg.extract.nlp import load_pipeline
    >>> from newskg.lexicon import load_lexicon
    >>> doc = load_pipeline("blank:en")("NRO Refugee Affairs spokesperson Anna Vell said so.")
    >>> nro, anna = Span(doc, 0, 1, label="IntergovernmentalOrganization"), Span(doc, 4, 6, label="Person")
    >>> [s.text for s in owners_before_titles(doc, [nro, anna], load_lexicon())]
    ['NRO Refugee Affairs', 'Anna Vell']
    """
    roles = lexicon.roles
    starts = {s.start: s for s in spans}
    covered = {i for s in spans for i in range(s.start, s.end)}
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if span.label_ not in ORGANISATIONS:
            out.append(span)
            continue
        j = span.end
        while j < len(doc) and j not in covered and doc[j].is_title and not _title_at(doc, j, roles) and j - span.end < 4:
            j += 1
        n = _title_at(doc, j, roles) if j > span.end else 0
        person = starts.get(j + n) if n else None
        if person is not None and person.label_ == "Person":
            # a longer name is another actor: not the one a gazetteer entry gave the first word
            out.append(Span(doc, span.start, j, label=span.label_, kb_id="rule"))
        else:
            out.append(span)
    return out
