"""What a stretch of text is about: its short noun phrases ("political prisoners")."""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["topics_of"]

def topics_of(doc: Doc | Span, start_char: int, end_char: int, limit: int = 8) -> tuple[str, ...]:
    """Noun phrases of two to four words inside a stretch of text: what it is about.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> topics_of(nlp("no text"), 0, 7)
    ()
    """
    whole = doc.doc if isinstance(doc, Span) else doc
    found: list[str] = []
    for chunk_start, chunk_end, phrase in _phrases(whole):
        if chunk_start < start_char or chunk_end > end_char:
            continue
        if phrase not in found:
            found.append(phrase)
        if len(found) >= limit:
            break
    return tuple(found)


def _phrases(doc: Doc) -> list[tuple[int, int, str]]:
    """The document's topic-like noun phrases, computed once per document (spaCy rebuilds all
    of a document's noun chunks for every span that asks)."""
    cached = doc.user_data.get("newskg_topic_phrases")
    if cached is None:
        cached = []
        # (``has_annotation`` walks every token: asked once per document, not per claim)
        for chunk in doc.noun_chunks if doc.has_annotation("DEP") else ():
            words = [t for t in chunk if t.pos_ not in {"DET", "PRON", "NUM", "PUNCT"} and not t.ent_type_]
            if 2 <= len(words) <= 4 and words[-1].pos_ == "NOUN":
                cached.append((chunk.start_char, chunk.end_char, " ".join(t.lower_ for t in words)))
        doc.user_data["newskg_topic_phrases"] = cached
    return cached
