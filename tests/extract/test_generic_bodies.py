"""Bodies found by the shape of what the text writes, with no gazetteer entry: collective actors
of any body, acronyms written as a name's initials or after "the", a body's acronym before an
office, and names ending in "International". Every name here is invented, so only a generic rule
can pass."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from newskg.extract.actors.acronyms import acronyms_after_the
from newskg.extract.components import ACRONYM_SPANS, ENTITY_SPANS, EntityTyper


def spans(nlp, text):
    doc = nlp(text)
    return [(s.text, s.label_, s.kb_id_) for s in doc.spans[ENTITY_SPANS]]


def test_any_bodys_acronym_before_a_collective_noun_makes_a_collective_actor(blank_nlp):
    found = {(text, label) for text, label, _ in spans(blank_nlp, "Independent NMU human rights experts said so, and the VLR experts agreed.")}
    assert ("NMU human rights experts", "Organization") in found and ("VLR experts", "Organization") in found


def test_a_countrys_acronym_before_experts_is_no_body(blank_nlp):
    assert not any(text.endswith("experts") for text, _, _ in spans(blank_nlp, "US experts and UK experts disagreed."))


def test_an_organisations_name_before_a_collective_noun_makes_a_collective_actor(blank_nlp):
    found = {(text, label) for text, label, _ in spans(blank_nlp, "The League of Orrin States experts visited Strelsau.")}
    assert ("League of Orrin States experts", "Organization") in found
    assert not any(text == "League of Orrin States" for text, _ in found)  # the body gives way to the group


def test_an_acronym_written_as_the_initials_of_a_name_in_the_text_is_that_name(blank_nlp):
    doc = blank_nlp("The Vellish Harbour Federation and the Committee to Protect Harbours met. VHF and CPH staff spoke.")
    found = {(s.text, s.label_, s.kb_id_) for s in doc.spans[ENTITY_SPANS]}
    assert ("VHF", "NGO", "acronym") in found  # the class of "Vellish Harbour Federation"
    assert {(s.text, s.kb_id_) for s in doc.spans[ACRONYM_SPANS]} >= {
        ("VHF", "Vellish Harbour Federation"), ("CPH", "Committee to Protect Harbours")
    }


def test_initials_that_fit_two_names_or_a_line_in_capitals_are_left_alone(blank_nlp):
    doc = blank_nlp("The Vell Harbour Forum and the Vell Hauliers Federation met. VHF staff spoke.")
    assert not any(s.text == "VHF" for s in doc.spans[ENTITY_SPANS])
    doc = blank_nlp("The Vellish Harbour Federation met.\n\nSAY VHF WORKERS\n\nThey met again.")
    assert not any(s.text == "VHF" for s in doc.spans[ENTITY_SPANS])


def test_an_acronym_after_the_is_a_body_unless_the_lexicon_knows_the_word():
    nlp = spacy.blank("en")
    words = ["It", "called", "on", "the", "VHF", ",", "the", "NGO", "and", "the", "US", "to", "act", "."]
    pos = ["PRON", "VERB", "ADP", "DET", "PROPN", "PUNCT", "DET", "PROPN", "CCONJ", "DET", "PROPN", "PART", "VERB", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, pos=pos)
    typer = EntityTyper(nlp, "t")
    assert [(s.text, s.label_) for s in acronyms_after_the(doc, [], typer.lexicon)] == [("VHF", "Organization")]


def test_names_ending_in_international_are_ngos():
    typer = EntityTyper(spacy.blank("en"), "t")
    assert typer.classify("Harbour Watchers International", "ORG") == "NGO"
    assert typer.classify("Orrin Press Freedom International", "ORG") == "NGO"
    assert typer.classify("International Harbour Watchers", "ORG") != "NGO"


@pytest.mark.model
def test_a_bodys_acronym_before_an_office_is_the_body_and_the_office(extractor):
    doc = extractor.nlp("Statement by the NMU Human Rights Expert for Ruritania at the end of a visit to the country.")
    found = {s.text for s in doc.spans[ENTITY_SPANS]}
    assert "NMU" in found
    assert not any(text.startswith("NMU Human Rights Expert") for text in found)
    assert any(text.startswith("Human Rights Expert for Ruritania") for text in found)


def test_a_capital_the_ner_takes_for_an_organisation_is_a_city_with_or_without_its_accents():
    from newskg.lexicon import fold_accents, load_lexicon

    typer = EntityTyper(spacy.blank("en"), "t")
    assert typer.classify("Chisinau", "ORG") == "City" and typer.classify("Chișinău", "ORG") == "City"
    lexicon = load_lexicon()
    accented = {name: country for name, country in lexicon.capitals.items() if fold_accents(name) != name}
    assert accented, "the countries' data has capitals written with accents"
    assert all(lexicon.capitals[fold_accents(name)] == country for name, country in accented.items())
    assert all(lexicon.country_of(fold_accents(name)) == lexicon.country_of(name) for name in lexicon.countries if lexicon.country_of(name))


@pytest.mark.model
@pytest.mark.parametrize(
    "text, name, cls",
    [
        ("The Strelsau-based rights group Orrin Harbour Monitor said the verdict was unfair.", "Orrin Harbour Monitor", "NGO"),
        ("Rights group Promo-Vell Watchers said the verdict was unfair.", "Promo-Vell Watchers", "NGO"),
        ("She told the newspaper Kessa Evening Ledger that she would appeal.", "Kessa Evening Ledger", "MediaOrganization"),
        ("The opposition party Orrin Forward boycotted the vote.", "Orrin Forward", "PoliticalParty"),
        ("The rights group Lantern Watchers condemned the arrest.", "Lantern Watchers", "NGO"),
        # a modifier before an association's generic word says what it is: a business, not an NGO
        ("Protesters blocked the entrance of the mining group Vellcorp Resources in Strelsau.", "Vellcorp Resources", "Organization"),
        # a descriptor in apposition, before or after the name
        ("His party, the Movement for Orrin Renewal, called for his release.", "Movement for Orrin Renewal", "PoliticalParty"),
        ("The Vell Solidarity Alliance, the main opposition party, condemned the arrest.", "Vell Solidarity Alliance", "PoliticalParty"),
        ("Vellmark Ledger Partners, a leading rights group, condemned the arrest.", "Vellmark Ledger Partners", "NGO"),
        # a describing word that does not change what an association is
        ("Marko Vellic, who heads the civic group Glas Naroda, was detained on Friday.", "Glas Naroda", "NGO"),
        # ... and a name of a person's shape with "who" after it is a person's
        ("Marko Vellic, who heads the civic group Glas Naroda, was detained on Friday.", "Marko Vellic", "Person"),
        ("The bloc's foreign policy chief, Kaja Lind, said the trial was unfair.", "Kaja Lind", "Person"),
        # "the opposition X": a party, whatever its name's words say
        ("Among those detained was Nika Orrin, a leader of the opposition United Vell Movement, his lawyer said.", "United Vell Movement", "PoliticalParty"),
        ("The rights group Free Vell Movement condemned the arrests.", "Free Vell Movement", "NGO"),
        # ... naming a body the NER missed, or saw only a place of
        ("Clean Ballot Malawi, a local election watchdog, said the vote was rigged.", "Clean Ballot Malawi", "NGO"),
        # ... or as the head the name modifies
        ("The opposition Vell Renewal Front party said its supporters had been detained.", "Vell Renewal Front", "PoliticalParty"),
        # ... where the words before a one-word association's descriptor say it is none
        ("The Orrin Kessa Brigades, an armed group, attacked the town.", "Orrin Kessa Brigades", "Organization"),
    ],
)
def test_a_name_a_descriptor_introduces_is_an_actor_of_its_class(extractor, text, name, cls):
    doc = extractor.nlp(text)
    assert (name, cls) in {(s.text, s.label_) for s in doc.spans[ENTITY_SPANS]}


@pytest.mark.model
def test_a_descriptor_followed_by_no_name_adds_nothing(extractor):
    doc = extractor.nlp("The group said on Monday that the party would appeal.")
    assert not list(doc.spans[ENTITY_SPANS])


def test_an_association_of_the_press_is_no_medium():
    typer = EntityTyper(spacy.blank("en"), "t")
    assert typer.classify("Orrin Journalists Syndicate", "ORG") == "NGO"
    assert typer.classify("Vell Press Association", "ORG") == "NGO"
    # a campaign named for what it sets out to do, whoever it speaks for
    assert typer.classify("Committee to Defend Orrin Journalists", "ORG") == "NGO"
    assert typer.classify("International Campaign to Ban Vell Mines", "ORG") == "NGO"
    assert typer.classify("Committee to the Vell Ministry", "ORG") == "GovernmentBody"
    # a medium whatever it is called
    assert typer.classify("Vell News Network", "ORG") == "MediaOrganization"
    assert typer.classify("Vell Daily Times", "ORG") == "MediaOrganization"
