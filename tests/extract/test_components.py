"""newskg's spaCy components on spacy.blank("en"): patterns, typing, acronyms, propagation."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from newskg.extract.components import ENTITY_SPANS, EntityTyper


def ents(nlp, text):
    doc = nlp(text)
    return [(s.text, s.label_) for s in doc.spans[ENTITY_SPANS]]


def test_government_bodies_courts_and_parties_by_pattern(blank_nlp):
    found = ents(blank_nlp, "Officials of the Ministry of Foreign Affairs met the Supreme Court and the Candlelight Party.")
    assert ("Ministry of Foreign Affairs", "GovernmentBody") in found
    assert ("Supreme Court", "Court") in found
    assert ("Candlelight Party", "PoliticalParty") in found


def test_laws_with_of_complements_and_acronyms(blank_nlp):
    doc = blank_nlp("They must amend the Law on Associations and Non-Governmental Organisations (LANGO) soon.")
    found = [(s.text, s.label_, s.kb_id_) for s in doc.spans[ENTITY_SPANS]]
    assert ("Law on Associations and Non-Governmental Organisations", "Law", "ruler") in found
    assert ("LANGO", "Law", "acronym") in found


def test_trade_schemes_and_programmes_drop_the_lower_case_head(blank_nlp):
    found = ents(blank_nlp, "Changes under the Everything but Arms scheme and the Better Factories Cambodia programme.")
    assert ("Everything but Arms", "Law") in found
    assert ("Better Factories Cambodia", "Programme") in found


def test_a_countrys_institutions_are_actors_but_nationalities_are_not(blank_nlp):
    found = ents(blank_nlp, "The Thai police and the Cambodian authorities met Cambodian workers.")
    assert ("Thai police", "GovernmentBody") in found
    assert ("Cambodian authorities", "GovernmentBody") in found
    assert all(text != "Cambodian" for text, _ in found)


def test_names_found_once_are_tagged_everywhere_in_the_document(blank_nlp):
    doc = blank_nlp("The Alliance of Garment Workers (AGW) protested. Later AGW went to court.")
    acronyms = [s for s in doc.spans[ENTITY_SPANS] if s.text == "AGW"]
    assert len(acronyms) == 2
    assert {s.kb_id_ for s in acronyms} == {"acronym", "propagated"}
    assert {s.label_ for s in acronyms} == {"NGO"}


def test_known_actors_come_from_the_editable_gazetteer(blank_nlp):
    doc = blank_nlp("The WHO and Reporters Without Borders reported it.")
    found = {(s.text, s.label_, s.id_) for s in doc.spans[ENTITY_SPANS]}
    assert ("WHO", "IntergovernmentalOrganization", "World Health Organization") in found
    assert ("Reporters Without Borders", "NGO", "Reporters Without Borders") in found


def test_user_pattern_files_extend_the_ruler(tmp_path):
    from newskg.extract.nlp import load_pipeline

    patterns = tmp_path / "mine.jsonl"
    patterns.write_text('{"label": "NGO", "pattern": "Licadho", "id": "LICADHO"}\n')
    nlp = load_pipeline("blank:en", extra_patterns=[str(patterns)])
    doc = nlp("Licadho documented the case.")
    assert [(s.text, s.label_, s.id_) for s in doc.spans[ENTITY_SPANS]] == [("Licadho", "NGO", "LICADHO")]


def test_line_breaks_and_numbered_paragraphs_start_sentences(blank_nlp):
    doc = blank_nlp("The European Parliament,\n\n1. Condemns the arrests; calls for their release;\n\n2. Calls on the Commission to act;")
    starts = [s.text.strip() for s in doc.sents]
    assert any(s.startswith("1. Condemns") for s in starts)
    assert any(s.startswith("2. Calls on") for s in starts)


def test_classify_maps_ner_labels_with_keyword_rules():
    typer = EntityTyper(spacy.blank("en"), "typer")
    assert typer.classify("Voice of Democracy", "ORG") == "MediaOrganization"
    assert typer.classify("Cambodia Human Rights Committee", "ORG") == "GovernmentBody"
    assert typer.classify("Center for Alliance of Labour and Human Rights", "ORG") == "NGO"
    assert typer.classify("Tuol Kork district", "GPE") == "Region"
    assert typer.classify("Phnom Penh", "GPE") == "City"
    assert typer.classify("the US", "GPE") == "Country"
    assert typer.classify("Khmer Rouge", "NORP") is None


def test_generic_name_patterns_stop_at_weekdays_and_months(blank_nlp):
    found = ents(blank_nlp, "Police raided the Khmer Will Party on Monday and the Law on Associations in May.")
    assert ("Khmer Will Party", "PoliticalParty") in found
    assert all("Monday" not in text and "May" not in text for text, _ in found)



def test_names_with_a_purpose_after_to_are_one_name(blank_nlp):
    found = ents(blank_nlp, "The Committee to Shield Fishermen and the Campaign to Stop the Harbour Tax met the Zembla Council to Meet Monday.")
    texts = [text for text, _ in found]
    assert "Committee to Shield Fishermen" in texts and "Campaign to Stop the Harbour Tax" in texts
    assert "Committee" not in texts
    assert all("Monday" not in text for text in texts)  # a weekday is never part of a name
    assert ents(blank_nlp, "The council decided to Protect the harbour.") == []  # a head word must be a name's

# -- issue 9 rules on a blank pipeline (invented names) -----------------------------------------


def test_laws_by_number_are_laws(blank_nlp):
    found = ents(blank_nlp, "Under Executive Order 14999, E.O. 14999 and Decision (CFSP) 2031/77, and resolution 52/3, Section 7(b) applies.")
    for name in ("Executive Order 14999", "E.O. 14999", "Decision (CFSP) 2031/77", "resolution 52/3", "Section 7(b)"):
        assert (name, "Law") in found


def test_a_kind_of_law_without_its_number_is_not_an_actor(blank_nlp):
    assert ents(blank_nlp, "The president signed an Executive Order on Monday.") == []


def test_slashed_group_names_are_one_name(blank_nlp):
    found = ents(blank_nlp, "It was tabled by the Verts/ALE Group and GUE/NGL members.")
    assert ("Verts/ALE Group", "Organization") in found and ("GUE/NGL", "Organization") in found


def test_collective_actors_with_their_body(blank_nlp):
    found = ents(blank_nlp, "Independent UN human rights experts said so, and the UN experts repeated it.")
    assert ("UN human rights experts", "Organization") in found and ("UN experts", "Organization") in found


def test_split_title_keeps_the_title_apart(blank_nlp):
    from spacy.tokens import Span

    from newskg.extract.actors.names import split_title
    from newskg.lexicon import load_lexicon

    doc = blank_nlp("Attorney General of Guatemala Ilsa Vandermeer de la Cruz resigned.")
    name, title = split_title(Span(doc, 0, 9, label="PERSON"), load_lexicon())
    assert (name.text, title) == ("Ilsa Vandermeer de la Cruz", "Attorney General of Guatemala")
    doc = blank_nlp("Madam President")
    assert split_title(Span(doc, 0, 1, label="PERSON"), load_lexicon())[1] is None  # a title alone stays for is_junk


def test_honorifics_and_titles_alone_are_junk(blank_nlp):
    typer = blank_nlp.get_pipe("newskg_entities")
    doc = blank_nlp("Madam and Counsellor spoke.")
    for i in (0, 2):
        span = Span(doc, i, i + 1, label="Person", kb_id="ner")
        assert typer.is_junk(span, "Person", set())


def test_a_name_listed_among_organisations_or_people_takes_their_class():
    from newskg.extract.actors.context import retype_by_company

    doc = spacy.blank("en")("Tabled by the VPP, Renewal, KDU groups; held were Anna Lorne, Vell Brandt, Ilsa Kord.")
    spans = [Span(doc, 3, 4, label="Organization", kb_id="ner"), Span(doc, 5, 6, label="City", kb_id="ner"),
             Span(doc, 7, 8, label="Organization", kb_id="ner"), Span(doc, 12, 14, label="Person", kb_id="ner"),
             Span(doc, 15, 17, label="City", kb_id="ner"), Span(doc, 18, 20, label="Person", kb_id="ner")]
    labels = {s.text: s.label_ for s in retype_by_company(spans)}
    assert labels["Renewal"] == "Organization" and labels["Vell Brandt"] == "Person"
    assert retype_by_company(spans[1:2])[0].label_ == "City"  # alone, the NER's class stands


def test_a_country_after_a_hyphen_is_a_second_actor_not_part_of_the_name(tmp_path):
    # "NMU-Peru relations" names two actors; before, the name was widened over the hyphen and
    # "NMU-Peru" became an organisation of its own.
    from newskg.extract.pipeline import Extractor, ExtractSettings

    patterns = tmp_path / "actors.jsonl"
    patterns.write_text('{"label": "IntergovernmentalOrganization", "pattern": "NMU"}\n'
                        '{"label": "Programme", "pattern": "Harbour Watch"}\n', encoding="utf-8")
    extractor = Extractor(ExtractSettings(patterns=(str(patterns),)))
    found = {m.text for m in extractor.extract_text("It is a cornerstone of NMU-Peru relations, the envoy said.", name="a.txt").mentions}
    assert "NMU" in found and not any("-" in text for text in found)
    widened = {m.text for m in extractor.extract_text("The ministers launched Harbour Watch-Plus on Monday.", name="b.txt").mentions}
    assert "Harbour Watch-Plus" in widened  # a hyphenated word that is no country still belongs to the name


def test_an_organisations_delegation_and_an_office_whose_mandate_ends_before_a_date(tmp_path):
    from newskg.extract.pipeline import Extractor, ExtractSettings

    patterns = tmp_path / "actors.jsonl"
    patterns.write_text('{"label": "Organization", "pattern": "NMU"}\n', encoding="utf-8")
    extractor = Extractor(ExtractSettings(patterns=(str(patterns),)))
    text = ("It called on the NMU delegation in Lima to follow the trial. "
            "Since my designation as Human Rights Expert for Peru in November 2021, I have followed it too.")
    found = {(m.text, m.label) for m in extractor.extract_text(text, name="a.txt").mentions}
    assert ("NMU delegation", "GovernmentBody") in found  # any organisation's representation, not only a state's
    offices = {t for t, _ in found if t.startswith("Human Rights Expert")}
    assert offices == {"Human Rights Expert for Peru"}  # "in November 2021" is when, not part of the office


def test_intergovernmental_bodies_are_known_by_the_shape_of_their_names():
    typer = EntityTyper(spacy.blank("en"), "t")
    igo = ["League of Vellish States", "Association of Northern Nations", "World Harbour Organization",
           "International Maritime Organisation for Fisheries", "Organisation of Maritime Co-operation",
           "Strelsau Cooperation Organisation", "Eurasian Customs Union", "West African Fisheries Community"]
    assert {name: typer.classify(name, "ORG") for name in igo} == dict.fromkeys(igo, "IntergovernmentalOrganization")
    # names of the same words that are not bodies of states
    others = {"World Organisation Against Torture": "ORG", "European Broadcasting Union": "ORG", "Arab Lawyers Union": "ORG",
              "International Federation for Harbour Rights": "ORG", "Vellish Trade Union": "ORG"}
    assert all(typer.classify(name, label) != "IntergovernmentalOrganization" for name, label in others.items())
