"""The cached lemmatizer gives the lemmas spaCy's own gives, asking it once per distinct word form."""

from __future__ import annotations

import spacy

from newskg.extract.lemmas import CachedLemmatizer, speed_up_lemmatizer
from newskg.extract.swap import Swapped

TEXTS = [
    "The Veldmark ministers were detained; Orrin Tassel's lawyers said the detentions broke the law.",
    "She went to Port Amsel, they went too, and both were going again: the unions are striking.",
    "Better, best, worse: the courts ruled, the court rules, ruling after ruling.",
]


def test_same_lemmas_as_the_models_own_and_each_form_worked_out_once(swapped_copy):
    plain, cached, run = swapped_copy(speed_up_lemmatizer, "lemmatizer", CachedLemmatizer)
    asked = []
    inner = run.lemmatizer
    original = inner.lemmatize
    inner.lemmatize = lambda token: asked.append(token.text) or original(token)
    for theirs, ours in zip(plain.pipe(TEXTS), cached.pipe(TEXTS)):
        assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
    assert "detain" in [t.lemma_ for t in cached(TEXTS[0])]
    # "went" (twice in one text) and every word of the repeated first text were asked for once
    assert asked.count("went") == 1
    before = len(asked)
    cached(TEXTS[0])
    assert len(asked) == before


def test_a_pipeline_without_spacys_lemmatizer_is_left_alone():
    nlp = spacy.blank("en")
    assert not speed_up_lemmatizer(nlp)  # none there
    nlp.add_pipe("sentencizer", name="lemmatizer")  # a component of that name that is not one
    assert not speed_up_lemmatizer(nlp)
    assert nlp.pipe_names == ["lemmatizer"] and not isinstance(nlp.get_pipe("lemmatizer"), Swapped)
