"""Read sentence numbers and acronym definitions off a processed spaCy ``Doc``."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newskg.extract.actors.names import titles_of
from newskg.extract.components import ACRONYM_SPANS
from newskg.extract.models import AcronymDefinition

__all__ = ["sentence_index", "acronyms_of", "title_of"]


def sentence_index(doc: Doc) -> dict[int, int]:
    """Map each token index to the index of its sentence."""
    mapping = {}
    for index, sent in enumerate(doc.sents):
        for token in sent:
            mapping[token.i] = index
    return mapping


def acronyms_of(doc: Doc, sentence_of: dict[int, int]) -> tuple[AcronymDefinition, ...]:
    """Acronyms the text defines: ``Voice of Ruritania (VOR)``."""
    return tuple(
        AcronymDefinition(short=span.text, long_form=span.kb_id_, sentence=sentence_of[span.start])
        for span in doc.spans.get(ACRONYM_SPANS, [])
    )


def title_of(span: Span) -> str | None:
    """The honorific or title the entity component split off this span ("Ms", "Judge").

    Examples
    --------
    >>> from newskg.extract.nlp import load_pipeline
    >>> doc = load_pipeline("blank:en")("Judge Anna Lorne spoke.")
    >>> [(s.text, title_of(s)) for s in doc.spans["newskg_entities"]]
    []
    """
    return titles_of(span.doc).get((span.start, span.end))
