"""Read sentences, mentions and acronym definitions off a processed spaCy ``Doc``."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newskg.extract.components import ACRONYM_SPANS, ENTITY_SPANS
from newskg.extract.models import AcronymDefinition, Mention, Sentence
from newskg.extract.normalize import NormalizedText

__all__ = ["sentences_of", "mention_of", "mentions_of", "acronyms_of"]


def sentences_of(doc: Doc, norm: NormalizedText) -> tuple[Sentence, ...]:
    """The document's sentences, with offsets in the original file."""
    result = []
    for index, sent in enumerate(doc.sents):
        text = sent.text.strip()
        if not text:
            continue
        start, end = norm.span_to_original(sent.start_char, sent.end_char)
        result.append(Sentence(index=index, text=" ".join(text.split()), start=start, end=end))
    return tuple(result)


def sentence_index(doc: Doc) -> dict[int, int]:
    """Map each token index to the index of its sentence."""
    mapping = {}
    for index, sent in enumerate(doc.sents):
        for token in sent:
            mapping[token.i] = index
    return mapping


def mention_of(span: Span, norm: NormalizedText, sentence_of: dict[int, int]) -> Mention:
    """A ``Mention`` for an entity span."""
    start, end = norm.span_to_original(span.start_char, span.end_char)
    return Mention(
        text=" ".join(span.text.split()),
        label=span.label_,
        start=start,
        end=end,
        sentence=sentence_of[span.start],
        source=span.kb_id_ or "ner",
        canonical=span.id_ if span.id_ and not span.id_.startswith("pattern:") else None,
    )


def mentions_of(doc: Doc, norm: NormalizedText, sentence_of: dict[int, int]) -> tuple[Mention, ...]:
    """Every actor mention newskg's entity component kept."""
    return tuple(mention_of(span, norm, sentence_of) for span in doc.spans[ENTITY_SPANS])


def acronyms_of(doc: Doc, sentence_of: dict[int, int]) -> tuple[AcronymDefinition, ...]:
    """Acronyms the text defines: ``Voice of Democracy (VOD)``."""
    return tuple(
        AcronymDefinition(short=span.text, long_form=span.kb_id_, sentence=sentence_of[span.start])
        for span in doc.spans.get(ACRONYM_SPANS, [])
    )
