"""The trained pipeline on real sentences: entities, relations, roles and claims.

These run en_core_web_sm (or whatever pipeline is configured) end to end through the extractor.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def relations(extractor, text):
    """Structural relations and the direct triples the graph states for events."""
    from newskg.graph.build import projected

    result = extractor.extract_text(text)
    found = {(r.subject.text, r.predicate, r.object.text) for r in result.relations}
    for event in result.events:
        if projected(event):
            found |= {(s.text, event.predicate, t.text) for s in event.sources for t in event.targets}
    return found, result


def test_people_anchored_by_titles_are_found_even_when_the_ner_misses_them(extractor):
    result = extractor.extract_text(
        "Chak Sopheap, Executive Director of Cambodian Center for Human Rights, said the government should listen. "
        "Em Sovannara, a political analyst, disagreed."
    )
    people = {m.text for m in result.mentions if m.label == "Person"}
    assert {"Chak Sopheap", "Em Sovannara"} <= people


def test_a_person_named_after_a_descriptor_of_people_is_a_person(extractor):
    # "human rights defender" is what a person is called (names.yml), not a role in a body
    for name in ("Leyla Mammadova", "Lamiya Rustamli"):
        result = extractor.extract_text(f"UN experts expressed alarm at the conviction of human rights defender {name} in Vellmark.")
        assert (name, "Person") in {(m.text, m.label) for m in result.mentions}


def test_headline_words_and_adjectives_are_not_actors(extractor):
    result = extractor.extract_text(
        "EU Parliament Urges End to Political Persecution\n\n"
        "Transnational repression has intensified. The persecution of political opponents continues."
    )
    names = {m.text for m in result.mentions}
    assert "Transnational" not in names
    assert "Political Persecution" not in names
    assert "EU Parliament" in names


def test_calls_on_and_urges_give_demands_with_their_content(extractor):
    found, result = relations(
        extractor,
        "The European Parliament called on the Cambodian authorities to release Kem Sokha. "
        "It also urged the EU Council to adopt targeted sanctions.",
    )
    assert ("European Parliament", "demands", "Cambodian authorities") in found
    assert ("European Parliament", "urges", "EU Council") in found
    demand = next(e for e in result.events if e.predicate == "demands")
    assert "release Kem Sokha" in demand.content
    assert [m.text for m in demand.themes] == ["Kem Sokha"]


def test_the_demanded_act_is_not_a_relation_that_happened(extractor):
    found, _ = relations(extractor, "Amnesty International called on the Thai police to arrest Sam Rainsy.")
    assert ("Amnesty International", "demands", "Thai police") in found
    assert not any(p == "arrests" for _, p, _ in found)


def test_passive_voice_puts_the_agent_first(extractor):
    found, _ = relations(extractor, "The harassment of journalists was condemned by Human Rights Watch. Sam Rainsy was criticised by the Cambodian government.")
    assert ("Cambodian government", "condemns", "Sam Rainsy") in found


def test_coordinated_objects_each_get_the_relation(extractor):
    found, _ = relations(extractor, "The European Parliament calls on the Commission and the EEAS to act.")
    assert {("European Parliament", "demands", "Commission"), ("European Parliament", "demands", "EEAS")} <= found


def test_titles_in_appositions_and_before_names(extractor):
    found, result = relations(
        extractor,
        "Ministry of Justice spokesperson Chin Malin, also vice president of Cambodia Human Rights Committee, spoke. "
        "Kem Sokha, former president of the opposition Cambodia National Rescue Party, was jailed.",
    )
    assert ("Chin Malin", "spokespersonOf", "Ministry of Justice") in found
    assert ("Chin Malin", "leads", "Cambodia Human Rights Committee") in found
    president = next(r for r in result.relations if r.subject.text == "Kem Sokha" and r.predicate == "leads")
    assert president.object.text == "Cambodia National Rescue Party"
    assert president.role == "president" and president.former is True


def test_coordination_with_its_and_a_title(extractor):
    found, result = relations(
        extractor, "Following the report, CENTRAL and its programme manager, Khun Tharo, have faced legal threats."
    )
    assert ("Khun Tharo", "memberOf", "CENTRAL") in found
    assert next(r.role for r in result.relations if r.predicate == "memberOf") == "programme manager"


def test_possessive_programmes_and_programmes_by_an_organisation(extractor):
    found, _ = relations(
        extractor,
        "CENTRAL published an evaluation of the ILO's Better Factories Cambodia programme. "
        "The Better Work programme by the International Finance Corporation grew.",
    )
    assert ("Better Factories Cambodia", "programmeOf", "ILO") in found
    assert ("CENTRAL", "reportsOn", "Better Factories Cambodia") in found


def test_numbered_paragraphs_take_the_preamble_subject(extractor):
    found, _ = relations(
        extractor,
        "The European Parliament,\n\n— having regard to its previous resolutions,\n\n"
        "1. Condemns the arrests of activists;\n\n2. Calls on the Cambodian authorities to release them;\n\n"
        "3. Urges the European Union to act;",
    )
    assert ("European Parliament", "demands", "Cambodian authorities") in found
    assert ("European Parliament", "urges", "European Union") in found


def test_pronouns_and_the_resolution_resolve_to_the_actor(extractor):
    found, _ = relations(
        extractor,
        "The European Parliament adopted a resolution on Thursday. The resolution urged the Cambodian government to free prisoners. "
        "It also called on the EU Council to act.",
    )
    assert ("European Parliament", "urges", "Cambodian government") in found
    assert ("European Parliament", "demands", "EU Council") in found


def test_they_and_the_groups_refer_to_actors_named_together(extractor):
    found, _ = relations(
        extractor,
        "Human Rights Watch and Amnesty International condemned the ruling. They urged the Thai government to free him. "
        "Licadho and the Cambodian Center for Human Rights protested. The groups called on the Thai police to stop.",
    )
    assert {("Human Rights Watch", "urges", "Thai government"), ("Amnesty International", "urges", "Thai government")} <= found
    assert ("Cambodian Center for Human Rights", "demands", "Thai police") in found


def test_succession_and_family(extractor):
    found, _ = relations(extractor, "Hun Manet, who took over as prime minister from his father Hun Sen in August 2023, spoke.")
    assert ("Hun Manet", "succeeded", "Hun Sen") in found
    assert ("Hun Sen", "relativeOf", "Hun Manet") in found


def test_event_dates_come_from_the_sentence(extractor):
    _, result = relations(extractor, "On November 28, 2024, the European Parliament condemned the Cambodian government.")
    event = next(e for e in result.events if e.predicate == "condemns")
    assert event.date == "2024-11-28"


def test_quoted_and_reported_claims_with_speaker_and_negation(extractor):
    result = extractor.extract_text(
        "The National Assembly spokesperson stated in a letter that the demands are misplaced.\n"
        "“In Cambodia, there have been no political prisoners in jail,” it said.\n"
        "“Legal actions are taken in accordance with established laws and procedures.”"
    )
    claims = [(c.speaker.text, c.rule, c.negated, c.text) for c in result.claims]
    assert claims[0][:2] == ("National Assembly", "reported")
    assert claims[0][3] == "the demands are misplaced"
    assert claims[1] == ("National Assembly", "quote", True, "In Cambodia, there have been no political prisoners in jail")
    assert claims[2][:3] == ("National Assembly", "continued", False)
    assert "political prisoners" in result.claims[1].topics


def test_scare_quotes_are_not_claims(extractor):
    result = extractor.extract_text('The government said it would launch a "national security audit" of the NGO.')
    assert all("national security audit" != c.text for c in result.claims)
