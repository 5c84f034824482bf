"""Each canonicalisation rule on made-up mentions."""

from __future__ import annotations

from newskg.extract.models import AcronymDefinition, DocumentExtraction, Mention, SourceDocument
from newskg.graph.canonical import canonicalize, name_key, slugify


def doc(doc_id, *mentions, acronyms=()):
    source = SourceDocument(doc_id, f"{doc_id}.txt", f"{doc_id}.txt", "0" * 64, "text/plain", 1000)
    placed = tuple(Mention(text, label, i * 20, i * 20 + len(text), i, source) for i, (text, label, source) in enumerate(mentions))
    return DocumentExtraction(source, (), placed, acronyms=acronyms)


def m(text, label, source="ner"):
    return (text, label, source)


def groups(*docs):
    index = canonicalize(list(docs))
    return {e.label: (e.cls, set(e.alt_labels)) for e in index.entities}


def test_case_determiners_possessives_and_spelling_fold_together():
    found = groups(doc("a", m("the EUROPEAN PARLIAMENT", "GovernmentBody"), m("European Parliament's", "GovernmentBody")),
                   doc("b", m("Center for Labour Rights", "NGO"), m("Centre for Labor Rights", "NGO")))
    assert set(found) == {"European Parliament", "Center for Labour Rights"}
    assert found["Center for Labour Rights"][1] == {"Centre for Labor Rights"}


def test_acronyms_defined_in_the_text_join_their_long_form():
    found = groups(doc("a", m("Voice of Democracy", "MediaOrganization"), m("VOD", "Organization"),
                       acronyms=(AcronymDefinition("VOD", "Voice of Democracy", 0),)))
    assert found == {"Voice of Democracy": ("MediaOrganization", {"VOD"})}


def test_acronyms_match_long_forms_by_initials_across_documents():
    found = groups(doc("a", m("Everything but Arms", "Law", "ruler")), doc("b", m("EBA", "Organization")),
                   doc("c", m("International Labour Organization", "IntergovernmentalOrganization"), m("ILO", "Organization")))
    assert found["Everything but Arms"] == ("Law", {"EBA"})
    assert found["International Labour Organization"][1] == {"ILO"}


def test_ambiguous_initials_are_left_alone():
    found = groups(doc("a", m("National Rescue Party", "PoliticalParty"), m("National Reform Party", "PoliticalParty"), m("NRP", "PoliticalParty")))
    assert "NRP" in found


def test_acronym_modifiers_expand():
    found = groups(doc("a", m("European Union", "IntergovernmentalOrganization"), m("EU", "IntergovernmentalOrganization"),
                       m("EU Commission", "GovernmentBody"), m("European Commission", "GovernmentBody")))
    assert found["European Commission"][1] == {"EU Commission"}


def test_country_qualified_names_of_one_body_merge():
    found = groups(doc("a", m("National Assembly", "GovernmentBody"), m("National Assembly of the Kingdom of Cambodia", "GovernmentBody")),
                   doc("b", m("Cambodian National Assembly", "GovernmentBody"), m("Cambodia's National Assembly", "GovernmentBody")))
    assert list(found) == ["National Assembly"]
    assert found["National Assembly"][1] == {"National Assembly of the Kingdom of Cambodia", "Cambodian National Assembly", "Cambodia's National Assembly"}


def test_two_countries_bodies_stay_apart_and_the_bare_name_is_not_guessed():
    found = groups(doc("a", m("French National Assembly", "GovernmentBody"), m("Cambodian National Assembly", "GovernmentBody"),
                       m("National Assembly", "GovernmentBody")))
    assert len(found) == 3


def test_short_person_names_join_the_full_name_in_the_same_document():
    found = groups(doc("a", m("Kem Sokha", "Person"), m("Sokha", "Person")), doc("b", m("Josep Borrell", "Person"), m("Borrell", "Person")))
    assert found == {"Kem Sokha": ("Person", {"Sokha"}), "Josep Borrell": ("Person", {"Borrell"})}


def test_a_shared_family_name_is_not_enough():
    found = groups(doc("a", m("Hun Manet", "Person"), m("Hun Sen", "Person"), m("Hun", "Person")))
    assert {"Hun Manet", "Hun Sen", "Hun"} == set(found)


def test_sharing_a_word_does_not_merge_different_actors():
    found = groups(doc("a", m("Equitable Cambodia", "NGO"), m("Cambodia", "Country"), m("Mother Nature Cambodia", "NGO")))
    assert set(found) == {"Equitable Cambodia", "Cambodia", "Mother Nature Cambodia"}


def test_one_word_organisation_names_join_the_one_longer_name_they_end():
    found = groups(doc("a", m("European Commission", "GovernmentBody")), doc("b", m("Commission", "GovernmentBody")))
    assert found == {"European Commission": ("GovernmentBody", {"Commission"})}


def test_specific_types_from_rules_beat_the_generic_ner_label():
    found = groups(doc("a", m("CENTRAL", "Organization"), m("CENTRAL", "Organization"), m("CENTRAL", "NGO", "acronym")))
    assert found["CENTRAL"][0] == "NGO"


def test_law_on_x_is_x_law_and_initials_inside_names():
    found = groups(doc("a", m("Trade Union Law", "Law"), m("Law on Trade Union", "Law"),
                       m("Law on Associations and Non-Governmental Organisations", "Law"), m("Law on Association and NGOs", "Law")))
    assert len(found) == 2


def test_countries_get_their_full_name_and_ids_are_readable_slugs():
    index = canonicalize([doc("a", m("US", "Country"))])
    assert [(e.id, e.label, e.alt_labels) for e in index.entities] == [("united-states", "United States", ("US",))]
    assert slugify("Chak Sopheap") == "chak-sopheap"


def test_name_key_folds_what_should_not_matter():
    assert name_key("The Centre for Labour's") == name_key("center for labor")
    assert name_key("Better Work Programme") == name_key("Better Work")
