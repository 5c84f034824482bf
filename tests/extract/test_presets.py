"""The entity ruler's classes never become labels of the statistical NER (newskg.extract.presets)."""

from __future__ import annotations

from newskg.extract.components import ENTITY_SPANS

TEXT = (
    "The Ministry of Foreign Affairs of Veldmark rejected a statement by the World Health Organization and "
    "Reporters Without Borders, Reuters reported, quoting Orrin Tassel of the Harbour Workers Union."
)


def test_the_ner_keeps_the_labels_it_was_trained_on(extractor):
    nlp = extractor.nlp
    ner = nlp.get_pipe("ner")
    trained = tuple(ner.labels)
    doc = nlp(TEXT)
    found = {(s.text, s.label_) for s in doc.spans[ENTITY_SPANS]}
    # the ruler's classes reach newskg's spans ...
    assert ("Ministry of Foreign Affairs of Veldmark", "GovernmentBody") in found
    assert ("World Health Organization", "IntergovernmentalOrganization") in found
    assert ("Reporters Without Borders", "NGO") in found
    assert ("Reuters", "MediaOrganization") in found
    # ... but the NER was never given them: it still scores the moves it was trained with
    assert tuple(ner.labels) == trained
    assert not {"IntergovernmentalOrganization", "NGO", "MediaOrganization"} & set(ner.labels)
    assert "newskg_preset_labels" not in doc.user_data  # put back, nothing left over

