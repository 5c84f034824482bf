"""Names spread through a document: every other occurrence of a name already found there is that
actor, and so is a person's surname alone once the full name has been given."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from newskg.extract.actors.names import is_title_word
from newskg.lexicon import Lexicon

__all__ = ["propagate_names"]


def propagate_names(doc: Doc, spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """Tag every other occurrence of a name already found in this document.

    Examples
    --------
    >>> import spacy
    >>> from newskg.lexicon import load_lexicon
    >>> doc = Doc(spacy.blank("en").vocab, words=["Ilsa", "Vandermeer", "spoke", ";", "then", "Vandermeer", "left", "."])
    >>> found = propagate_names(doc, [Span(doc, 0, 2, label="Person", kb_id="ner")], load_lexicon())
    >>> [(s.text, s.label_, s.kb_id_) for s in found]
    [('Ilsa Vandermeer', 'Person', 'ner'), ('Vandermeer', 'Person', 'propagated')]
    """
    if not spans:
        return spans
    by_text: dict[tuple[str, ...], tuple[str, str]] = {}
    for span in spans:
        if span.kb_id_ == "ner" and len(span) == 1 and not span[0].is_upper:
            continue  # single title-case words from the NER alone are too weak to spread
        by_text.setdefault(tuple(t.text for t in span), (span.label_, span.id_))
    people = {tuple(t.text for t in span) for span in spans if span.label_ == "Person" and span.kb_id_ in {"ner", "ruler"}}
    other_names = {span.text for span in spans if span.label_ != "Person"}
    name_words = Counter(word for name in people for word in set(name))
    for span in spans:
        # "Museveni", "Wine": a person's last name alone, once the full name has been given
        # (not when another person's name has that word too).
        if span.label_ != "Person" or len(span) < 2 or span.kb_id_ not in {"ner", "ruler"}:
            continue  # offices linked to a person ("Special Rapporteur on Vell") have no surname
        # the last name, and the name before a particle ("Vandermeer" of "Ilsa Vandermeer de la Cruz")
        surnames = [span[-1]] + [t for t in span[1:-1] if doc[t.i + 1].lower_ in lexicon.particles and doc[t.i + 1].is_lower]
        for surname in surnames:
            if (
                surname.is_title and len(surname) > 2 and name_words[surname.text] == 1
                and surname.lower_ not in lexicon.particles and surname.text not in other_names
            ):
                if surname.lower_ not in lexicon.not_actors and lexicon.country_of(surname.text) is None:
                    by_text.setdefault((surname.text,), ("Person", span.id_))
    taken = [False] * len(doc)
    for span in spans:
        for i in range(span.start, span.end):
            taken[i] = True
    added = []
    # the lengths of the names that start with each word, longest first
    lengths: dict[str, list[int]] = {}
    for key in by_text:
        lengths.setdefault(key[0], []).append(len(key))
    for first in lengths:
        lengths[first] = sorted(set(lengths[first]), reverse=True)
    words = [t.text for t in doc]
    i = 0
    while i < len(doc):
        matched = 0
        if not taken[i] and words[i] in lengths:
            for n in lengths[words[i]]:
                if i + n > len(doc):
                    continue
                key = tuple(words[i : i + n])
                if key in by_text and not any(taken[i : i + n]):
                    before = doc[i - 1] if i > 0 else None
                    after = doc[i + n] if i + n < len(doc) else None
                    # Only whole names: not part of a longer capitalised run ("Mr Vost" is whole).
                    free_before = before is None or not before.is_title or before.is_sent_start or is_title_word(before.text, lexicon)
                    if free_before and (after is None or not after.is_title):
                        label, span_id = by_text[key]
                        added.append(Span(doc, i, i + n, label=label, kb_id="propagated", span_id=span_id))
                        matched = n
                    break
        i += matched or 1
    return spans + added
