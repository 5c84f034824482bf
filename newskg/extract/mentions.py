"""Read sentence numbers and acronym definitions off a processed spaCy ``Doc``."""

from __future__ import annotations

from spacy.tokens import Doc

from newskg.extract.components import ACRONYM_SPANS
from newskg.extract.models import AcronymDefinition

__all__ = ["sentence_index", "acronyms_of"]


def sentence_index(doc: Doc) -> dict[int, int]:
    """Map each token index to the index of its sentence."""
    mapping = {}
    for index, sent in enumerate(doc.sents):
        for token in sent:
            mapping[token.i] = index
    return mapping


def acronyms_of(doc: Doc, sentence_of: dict[int, int]) -> tuple[AcronymDefinition, ...]:
    """Acronyms the text defines: ``Voice of Democracy (VOD)``."""
    return tuple(
        AcronymDefinition(short=span.text, long_form=span.kb_id_, sentence=sentence_of[span.start])
        for span in doc.spans.get(ACRONYM_SPANS, [])
    )
