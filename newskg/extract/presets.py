"""Names the entity ruler finds, passed to the statistical NER under labels it knows.

spaCy's NER treats the ruler's spans as fixed ("preset") entities, and it *adds a transition for
every label it has not seen* (``_ensure_labels_are_added``): after the first document with a
``GovernmentBody`` or ``Law`` the model scores 102 moves instead of 74 for every token of every
later document. That costs about a fifth of the NER's time (2.8 s against 2.3 s on 100 news
articles), and it makes the model depend on what was read before: the new moves have zero
weights, so a token whose best trained move scores below zero could be labelled with a ruler class
by the model itself, in a later document but not in the first one (not seen on 100 articles, but
nothing ruled it out).

``newskg_preset_labels`` runs between the ruler and the NER: it relabels those spans with one of
the NER's own labels (the NER's state features are tokens, not labels, so which label does not
change its predictions) and keeps the ruler's label in ``doc.user_data``; the entity typer puts it
back (:func:`restore_preset_labels`) before it reads ``doc.ents``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

__all__ = ["PRESET_LABELS", "PresetLabels", "restore_preset_labels"]

PRESET_LABELS = "newskg_preset_labels"

#: The label the NER is shown for a ruler label it does not know (any known label would do).
_STAND_IN = {"Person": "PERSON", "Country": "GPE", "City": "GPE", "Region": "LOC", "Place": "LOC", "Law": "LAW", "SCHEME": "LAW", "Event": "EVENT"}


class PresetLabels:
    """Show the NER the ruler's spans under labels it was trained on.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> relabel = PresetLabels(["ORG", "LAW"])
    >>> doc = nlp("The Harbour Ministry met.")
    >>> doc.ents = [Span(doc, 1, 3, label="GovernmentBody")]
    >>> [e.label_ for e in relabel(doc).ents], restore_preset_labels(doc) and [e.label_ for e in doc.ents]
    (['ORG'], ['GovernmentBody'])
    """

    def __init__(self, known: list[str] | tuple[str, ...]) -> None:
        self.known = frozenset(known)

    def __call__(self, doc: Doc) -> Doc:
        if not self.known:
            return doc  # an NER without labels: nothing to stand in with
        kept: dict[str, str] = {}
        ents = []
        for ent in doc.ents:
            if ent.label_ in self.known:
                ents.append(ent)
                continue
            stand_in = _STAND_IN.get(ent.label_, "ORG")
            if stand_in not in self.known:
                stand_in = min(self.known)
            kept[f"{ent.start}:{ent.end}:{stand_in}"] = ent.label_
            ents.append(Span(doc, ent.start, ent.end, label=stand_in, kb_id=ent.kb_id, span_id=ent.id))
        if kept:
            doc.ents = ents  # as the ruler set them: the same tokens inside and outside names
            doc.user_data[PRESET_LABELS] = kept
        return doc


def restore_preset_labels(doc: Doc) -> bool:
    """Give the ruler's spans their own labels back (after the NER); True if any were changed."""
    kept = doc.user_data.pop(PRESET_LABELS, None)
    if not kept:
        return False
    ents = [
        Span(doc, e.start, e.end, label=label, kb_id=e.kb_id, span_id=e.id)
        if (label := kept.get(f"{e.start}:{e.end}:{e.label_}")) else e
        for e in doc.ents
    ]
    doc.ents = ents
    return True


@Language.factory("newskg_preset_labels", requires=["doc.ents"], assigns=["doc.ents"])
def make_preset_labels(nlp: Language, name: str) -> PresetLabels:
    ner = nlp.get_pipe("ner") if "ner" in nlp.pipe_names else None
    return PresetLabels(tuple(ner.labels) if ner is not None else ())
