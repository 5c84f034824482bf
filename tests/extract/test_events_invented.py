"""Events on sentences about invented countries, people and bodies: one test per construction.

No name below exists, and the actors come from a pattern file (as a user's ``--patterns`` would
give them), so these pass only through the generic event rules: triggers from ``events.yml`` and
arguments read from the dependency parse (PETRARCH's Tolkien-name tests, on newskg's parse rules).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newskg.extract.models import DocumentExtraction, Event

pytestmark = pytest.mark.model

ACTORS = Path(__file__).parents[1] / "data" / "invented" / "actors.jsonl"


@pytest.fixture(scope="module")
def invented():
    from newskg.extract.pipeline import Extractor, ExtractSettings

    extractor = Extractor(ExtractSettings(patterns=(str(ACTORS),)))
    return lambda text: extractor.extract_text(text, name="invented.txt")


def names(mentions) -> set[str]:
    return {m.text for m in mentions}


def find(result: DocumentExtraction, event_class: str, **expected: object) -> Event:
    """The one event of ``event_class`` whose sources/targets/themes include the given names."""
    hits = []
    for event in result.events:
        if event.event_class != event_class:
            continue
        ok = True
        for role, wanted in expected.items():
            have = names(getattr(event, role)) if role in {"sources", "targets", "themes", "places"} else getattr(event, role)
            if isinstance(wanted, set):
                ok = ok and wanted <= have
            else:
                ok = ok and have == wanted
        if ok:
            hits.append(event)
    assert hits, f"no {event_class} event with {expected}; events: {[(e.event_class, names(e.sources), names(e.targets), names(e.themes), e.mode) for e in result.events]}"
    return hits[0]


# -- arguments by construction -------------------------------------------------------------


def test_active_subject_and_object(invented):
    event = find(invented("The Strelsau police arrested Ilsa Vandermeer on Monday."), "Arrest", sources={"Strelsau police"}, targets={"Ilsa Vandermeer"})
    assert event.mode == "asserted" and not event.negated and event.plover == "COERCE"


def test_passive_with_agent(invented):
    event = find(invented("Karl Osterhaus was arrested by the Strelsau police."), "Arrest", targets={"Karl Osterhaus"})
    assert names(event.sources) == {"Strelsau police"} and event.rule == "verb-passive"


def test_the_agent_the_parse_hung_on_a_gerund_is_the_passives(invented):
    event = find(invented("Ilsa Vandermeer was banned from leaving the country by the Strelsau District Court."), "Ban", targets={"Ilsa Vandermeer"})
    assert names(event.sources) == {"Strelsau District Court"}
    # "by" a place or a means is no agent
    for text in ("Ilsa Vandermeer was barred from travelling by car.", "Ilsa Vandermeer was barred from travelling by Strelsau."):
        assert find(invented(text), "Ban", targets={"Ilsa Vandermeer"}).sources == ()


def test_agentless_state_act_has_a_target_and_no_source(invented):
    event = find(invented("Mirela Dobrescu was sentenced to four years in prison."), "Sentence", targets={"Mirela Dobrescu"})
    assert event.sources == ()


def test_prepositional_addressee(invented):
    result = invented("Lantern Rights Watch called on the Ruritanian government to lift the ban.")
    find(result, "Demand", sources={"Lantern Rights Watch"}, targets={"Ruritanian government"})


def test_sanctions_on(invented):
    result = invented("The Council of Freedonian States imposed sanctions on the Ruritanian Ministry of the Interior.")
    find(result, "Sanction", sources={"Council of Freedonian States"}, targets={"Ruritanian Ministry of the Interior"})


def test_object_control_demand_concerns_the_embedded_target(invented):
    result = invented("The Freedonian Parliament urged the Ruritanian authorities to release Tomas Kravik.")
    demand = find(result, "Urge", sources={"Freedonian Parliament"}, targets={"Ruritanian authorities"})
    assert names(demand.themes) == {"Tomas Kravik"}
    release = find(result, "Release", targets={"Tomas Kravik"})
    assert names(release.sources) == {"Ruritanian authorities"} and release.mode == "demanded"
    assert result.events[release.parent] == demand


def test_subject_control_keeps_the_doer(invented):
    result = invented("The Strelsau police raided the offices of the Free Voices Collective to arrest Petr Halloran.")
    find(result, "Arrest", sources={"Strelsau police"}, targets={"Petr Halloran"})


@pytest.mark.parametrize(
    "text, event_class, doer, done_to",
    [
        ("Lantern Rights Watch accused the Strelsau police of torturing Petr Halloran.", "Assault", "Strelsau police", "Petr Halloran"),
        ("The Freedonian Parliament condemned the Ruritanian authorities for arresting Tomas Kravik.", "Arrest", "Ruritanian authorities", "Tomas Kravik"),
        ("Lantern Rights Watch praised the Strelsau District Court for releasing Anneli Sorvari.", "Release", "Strelsau District Court", "Anneli Sorvari"),
        ("The Council of Freedonian States sanctioned Karl Osterhaus for repressing the Free Voices Collective.", "Repress", "Karl Osterhaus", "Free Voices Collective"),
    ],
)
def test_what_one_is_accused_or_praised_for_is_one_s_own_act(invented, text, event_class, doer, done_to):
    event = find(invented(text), event_class, targets={done_to})
    assert names(event.sources) == {doer}


def test_an_act_one_is_accused_of_is_the_accuser_s_account(invented):
    result = invented("Lantern Rights Watch accused the Strelsau police of torturing Petr Halloran.")
    torture = find(result, "Assault", sources={"Strelsau police"}, targets={"Petr Halloran"})
    assert torture.reported_by is not None and torture.reported_by.text == "Lantern Rights Watch"
    praised = find(invented("Lantern Rights Watch praised the Strelsau District Court for releasing Anneli Sorvari."), "Release")
    assert praised.reported_by is None


def test_a_gerund_after_by_or_after_keeps_the_subject_as_doer(invented):
    result = invented("The Strelsau police detained Karl Osterhaus after raiding the Free Voices Collective.")
    assert names(find(result, "Assault", targets={"Free Voices Collective"}).sources) == {"Strelsau police"}


def test_one_jailed_for_an_act_is_its_doer(invented):
    result = invented("Tomas Kravik was imprisoned for attacking the Strelsau Morning Courier.")
    assert names(find(result, "Assault", targets={"Strelsau Morning Courier"}).sources) == {"Tomas Kravik"}


def test_a_court_upholding_a_sentence_sentences_not_supports(invented):
    result = invented("The Strelsau District Court upheld the sentence against Tomas Kravik.")
    find(result, "Sentence", sources={"Strelsau District Court"}, targets={"Tomas Kravik"})
    assert not [e for e in result.events if e.event_class == "Support"]
    # with an object that names no act, "uphold" is still support
    kept = invented("The Freedonian Parliament upheld the rights of Tomas Kravik.")
    find(kept, "Support", sources={"Freedonian Parliament"})


def test_summoning_an_ambassador_is_a_protest_not_a_charge(invented):
    result = invented("The Ruritanian government summoned the ambassador of Freedonia.")
    find(result, "Concern", sources={"Ruritanian government"}, targets={"Freedonia"})
    assert not [e for e in result.events if e.event_class == "Charge"]
    questioned = invented("The Strelsau police summoned Tomas Kravik for questioning.")
    find(questioned, "Charge", sources={"Strelsau police"}, targets={"Tomas Kravik"})


def test_a_possessor_of_an_act_aimed_at_someone_is_its_doer(invented):
    result = invented("Ruritania's attack on Freedonia killed dozens.")
    find(result, "Assault", sources={"Ruritania"}, targets={"Freedonia"})
    # with no target named, the possessor of an act done to people is whom it is done to
    held = invented("Tomas Kravik's detention at Zenda Prison has lasted a year.")
    assert not find(held, "Arrest", targets={"Tomas Kravik"}).sources


def test_a_stance_drawn_from_others(invented):
    result = invented("Karl Osterhaus's arrest by the Strelsau police drew condemnation from Lantern Rights Watch.")
    find(result, "Condemn", sources={"Lantern Rights Watch"}, targets={"Strelsau police"})
    faced = invented("The Ruritanian government faced criticism from Lantern Rights Watch.")
    find(faced, "Condemn", sources={"Lantern Rights Watch"}, targets={"Ruritanian government"})


@pytest.mark.parametrize("text", [
    "The Strelsau police denied beating Tomas Kravik.",
    "The Strelsau police denied that they had beaten Tomas Kravik.",
    "The Strelsau police denied claims that they had beaten Tomas Kravik.",
])
def test_an_act_denied_is_negated(invented, text):
    assert find(invented(text), "Assault", targets={"Tomas Kravik"}).negated


def test_a_denial_is_a_negated_claim_of_its_speaker(invented):
    result = invented("The Ruritanian Ministry of the Interior denied that Tomas Kravik had been mistreated in custody.")
    (claim,) = result.claims
    assert claim.speaker.text == "Ruritanian Ministry of the Interior" and claim.negated
    assert claim.text == "Tomas Kravik had been mistreated in custody"
    said = invented("The Strelsau police said that Tomas Kravik had been arrested for his own safety.")
    assert [c.negated for c in said.claims] == [False]


def test_a_claim_told_in_a_participle_clause_is_the_subject_s(invented):
    result = invented("Karl Osterhaus denied the allegations, telling reporters that the Free Voices Collective had incited violence.")
    (claim,) = result.claims
    assert claim.speaker.text == "Karl Osterhaus" and not claim.negated
    assert claim.text == "the Free Voices Collective had incited violence"


@pytest.mark.parametrize("text", [
    "Ilsa Vandermeer was detained alongside Tomas Kravik by the Strelsau police.",
    "The Strelsau police arrested Ilsa Vandermeer along with Tomas Kravik.",
])
def test_those_held_alongside_the_object_are_held_too(invented, text):
    find(invented(text), "Arrest", sources={"Strelsau police"}, targets={"Ilsa Vandermeer", "Tomas Kravik"})
    # a meeting "alongside" someone is not a meeting with them
    met = find(invented("Ilsa Vandermeer met Karl Osterhaus alongside Tomas Kravik."), "Consult", targets={"Karl Osterhaus"})
    assert "Tomas Kravik" not in names(met.targets)


@pytest.mark.parametrize("text, event_class", [
    ("The Strelsau police threatened to arrest Tomas Kravik.", "Arrest"),
    ("The Ruritanian government plans to ban the Free Voices Collective.", "Ban"),
    ("The Strelsau police tried to arrest Tomas Kravik.", "Arrest"),
])
def test_an_act_intended_is_not_an_act_done(invented, text, event_class):
    assert find(invented(text), event_class).mode == "hypothetical"


def test_an_act_refused_is_negated_and_an_act_decided_is_done(invented):
    refused = find(invented("The Ruritanian government refused to release Tomas Kravik."), "Release", targets={"Tomas Kravik"})
    assert refused.negated
    decided = find(invented("The Ruritanian government decided to release Tomas Kravik."), "Release", targets={"Tomas Kravik"})
    assert not decided.negated and decided.mode == "asserted"


def test_an_investigation_of_an_act_is_of_its_doer_on_behalf_of_whom_it_was_done_to(invented):
    result = invented("The Ruritanian government investigated the killing of Petr Halloran by the Strelsau police.")
    probe = find(result, "Investigate", sources={"Ruritanian government"}, targets={"Strelsau police"})
    assert names(probe.themes) == {"Petr Halloran"}


def test_an_arrest_over_an_act_done_to_someone_is_no_arrest_of_them(invented):
    result = invented("The Strelsau police arrested three men over the killing of Petr Halloran.")
    assert not [e for e in result.events if e.event_class == "Arrest" and "Petr Halloran" in names(e.targets)]
    quashed = invented("The Strelsau District Court quashed the conviction of Tomas Kravik.")
    find(quashed, "Release", sources={"Strelsau District Court"}, targets={"Tomas Kravik"})


def test_aid_suspended_to_a_state_is_a_sanction_on_it(invented):
    result = invented("The Council of Freedonian States suspended aid to Ruritania over the crackdown.")
    find(result, "Sanction", sources={"Council of Freedonian States"}, targets={"Ruritania"})


def test_a_decision_of_a_body_to_act_is_the_body_s_act(invented):
    result = invented("Lantern Rights Watch welcomed the decision of the Strelsau District Court to release Tomas Kravik.")
    find(result, "Release", sources={"Strelsau District Court"}, targets={"Tomas Kravik"})
    find(result, "Support", sources={"Lantern Rights Watch"}, targets={"Strelsau District Court"})


def test_nominal_event_of_and_by(invented):
    result = invented("The arrest of Anneli Sorvari by the Strelsau police shocked the city.")
    find(result, "Arrest", sources={"Strelsau police"}, targets={"Anneli Sorvari"})


def test_possessive_patient_noun(invented):
    result = invented("Ilsa Vandermeer's detention has lasted three months.")
    find(result, "Arrest", targets={"Ilsa Vandermeer"})


def test_possessive_agent_noun_with_a_target_preposition(invented):
    result = invented("The Ruritanian government's crackdown on the Free Voices Collective continued.")
    find(result, "Repress", sources={"Ruritanian government"}, targets={"Free Voices Collective"})


def test_light_verbs(invented):
    result = invented(
        "The Freedonian Parliament expressed concern about the Ruritanian government. "
        "Lantern Rights Watch launched an investigation into the Strelsau police."
    )
    find(result, "Concern", sources={"Freedonian Parliament"}, targets={"Ruritanian government"})
    find(result, "Investigate", sources={"Lantern Rights Watch"}, targets={"Strelsau police"})


def test_a_light_verb_in_coordination_takes_the_first_verbs_subject(invented):
    # "X has played a role ... and was subjected to Y sanctions": the second verb has no subject of its own
    result = invented("The Strelsau police have played a prominent role in such abuses and were subjected to Freedonian Parliament sanctions in 2021.")
    find(result, "Sanction", sources={"Freedonian Parliament"}, targets={"Strelsau police"})


def test_the_party_a_detainee_leads_is_not_detained(invented):
    result = invented("Mirela Dobrescu, the leader of the Free Voices Collective, was detained by the Strelsau police on Friday.")
    event = find(result, "Arrest", sources={"Strelsau police"}, targets={"Mirela Dobrescu"})
    assert "Free Voices Collective" not in names(event.targets)  # where she holds her title


def test_a_number_without_an_article_is_not_the_last_people_named(invented):
    result = invented(
        "The Strelsau police detained Tomas Kravik and Anneli Sorvari on Monday. "
        "The Council of Freedonian States imposed sanctions on two Ruritanian officials. "
        "The Freedonian Parliament demanded the release of the two journalists."
    )
    sanctions = [e for e in result.events if e.event_class == "Sanction"]
    assert not any(names(e.targets) & {"Tomas Kravik", "Anneli Sorvari"} for e in sanctions)  # two others, not them
    find(result, "Release", targets={"Tomas Kravik", "Anneli Sorvari"})  # "the two journalists" are them


def test_calling_something_so_is_what_the_words_say(invented):
    # "call X <predicate>" describes X: a condemnation, a rejection or support by its words, never a demand
    condemned = invented("Lantern Rights Watch called the arrest of Tomas Kravik by the Strelsau police unlawful.")
    find(condemned, "Condemn", sources={"Lantern Rights Watch"}, targets={"Strelsau police"}, themes={"Tomas Kravik"})
    rejected = invented("The Ruritanian government called the accusations by Lantern Rights Watch politically motivated lies.")
    assert not [e for e in rejected.events if e.event_class == "Demand"]
    denied = invented("The Ruritanian government called the accusations by Lantern Rights Watch baseless.")
    find(denied, "Reject", sources={"Ruritanian government"}, targets={"Lantern Rights Watch"})
    described = invented("Lantern Rights Watch called the hearing against Tomas Kravik a formality.")
    assert not [e for e in described.events if e.event_class == "Demand"]  # "called" alone is no demand


def test_acts_done_with_each_other_pair_their_doers(invented):
    met = invented("Ilsa Vandermeer and Karl Osterhaus met in Strelsau on Monday.")
    find(met, "Consult", sources={"Ilsa Vandermeer"}, targets={"Karl Osterhaus"})
    signed = invented("The Ruritanian government and the Council of Freedonian States signed a cooperation agreement.")
    find(signed, "Cooperate", sources={"Ruritanian government"}, targets={"Council of Freedonian States"})
    # a condemnation by two is not one of them condemning the other
    condemned = invented("Lantern Rights Watch and the Free Voices Collective condemned the Strelsau police.")
    find(condemned, "Condemn", sources={"Lantern Rights Watch", "Free Voices Collective"}, targets={"Strelsau police"})


def test_a_passive_clause_after_a_main_clause_is_done_to_its_subject(invented):
    result = invented("Mirela Dobrescu fled to Freedonia after being threatened by the Strelsau police.")
    find(result, "Threaten", sources={"Strelsau police"}, targets={"Mirela Dobrescu"})
    before = invented("Before being arrested by the Strelsau police, Tomas Kravik wrote for the Strelsau Morning Courier.")
    find(before, "Arrest", sources={"Strelsau police"}, targets={"Tomas Kravik"})


def test_reduced_relative(invented):
    result = invented("Tomas Kravik, a reporter detained by the Strelsau police, was released on bail.")
    find(result, "Arrest", sources={"Strelsau police"}, targets={"Tomas Kravik"})


def test_coordination_on_both_sides_is_one_event(invented):
    result = invented("Lantern Rights Watch and the Free Voices Collective condemned the Strelsau police and the Ruritanian government.")
    event = find(result, "Condemn", sources={"Lantern Rights Watch", "Free Voices Collective"})
    assert names(event.targets) == {"Strelsau police", "Ruritanian government"}


def test_nested_event_condemned_act_and_its_doer(invented):
    result = invented("Lantern Rights Watch condemned the arrest of Anneli Sorvari by the Strelsau police.")
    condemn = find(result, "Condemn", sources={"Lantern Rights Watch"})
    assert names(condemn.targets) == {"Strelsau police"} and names(condemn.themes) == {"Anneli Sorvari"}
    arrest = find(result, "Arrest", sources={"Strelsau police"}, targets={"Anneli Sorvari"})
    assert result.events[arrest.parent] == condemn


def test_demand_for_the_release_of_a_list(invented):
    result = invented("The Freedonian Parliament called for the release of Ilsa Vandermeer, Karl Osterhaus and Mirela Dobrescu.")
    demand = find(result, "Demand", sources={"Freedonian Parliament"})
    assert names(demand.themes) == {"Ilsa Vandermeer", "Karl Osterhaus", "Mirela Dobrescu"}


def test_including_list(invented):
    result = invented("The Strelsau police detained dozens of activists, including Petr Halloran and Anneli Sorvari.")
    event = find(result, "Arrest", sources={"Strelsau police"})
    assert {"Petr Halloran", "Anneli Sorvari"} <= names(event.targets)


def test_legal_basis_is_a_theme(invented):
    result = invented("Freedonia designated Karl Osterhaus under Executive Order 40211.")
    event = find(result, "Designate", sources={"Freedonia"}, targets={"Karl Osterhaus"})
    assert "Executive Order 40211" in names(event.themes) and event.theme_predicate == "designatesUnder"


def test_an_office_of_a_ministry_sanctions_under_an_order(invented):
    result = invented(
        "Concurrently, the Department of the Vell Exchequer's Office of Harbour Assets Control (OHAC) is sanctioning "
        "three Moldovan companies pursuant to Executive Order 40211."
    )
    # the office acts, though the parser made its owner the subject; "pursuant to", though the
    # parser made it a clause of its own, gives the legal basis
    event = find(result, "Sanction", sources={"Office of Harbour Assets Control"})
    assert "Executive Order 40211" in names(event.themes)


def test_detention_place(invented):
    result = invented("Petr Halloran is imprisoned in Zenda Prison.")
    event = find(result, "Arrest", targets={"Petr Halloran"})
    assert names(event.places) == {"Zenda Prison"}


def test_undergoing_an_act_and_being_in_a_state(invented):
    result = invented(
        "Karl Osterhaus faces charges of treason. Ilsa Vandermeer remains in detention in Zenda Prison. "
        "Anneli Sorvari received a suspended sentence."
    )
    charge = find(result, "Charge", targets={"Karl Osterhaus"})
    assert charge.sources == ()  # he faces them; nobody named brought them
    detention = find(result, "Arrest", targets={"Ilsa Vandermeer"})
    assert names(detention.places) == {"Zenda Prison"}
    find(result, "Sentence", targets={"Anneli Sorvari"})


def test_bare_state_institutions_are_the_countrys(invented):
    result = invented("Ruritania has seen protests for weeks. Police arrested Karl Osterhaus on Monday.")
    arrest = find(result, "Arrest", targets={"Karl Osterhaus"})
    (police,) = arrest.sources
    assert police.canonical and "Ruritan" in police.canonical and police.canonical.endswith("police")
    assert not [e for e in result.events if e.event_class == "Protest" and e.sources]  # Ruritania "saw" them


def test_indirect_object_of_a_giving_verb(invented):
    result = invented("The Strelsau District Court handed Petr Halloran a five-year sentence.")
    find(result, "Sentence", sources={"Strelsau District Court"}, targets={"Petr Halloran"})


# -- modes ---------------------------------------------------------------------------------


def test_negation(invented):
    event = find(invented("The Strelsau police did not arrest Karl Osterhaus."), "Arrest", targets={"Karl Osterhaus"})
    assert event.negated


def test_hypothetical(invented):
    event = find(invented("The Ruritanian government could ban the Free Voices Collective."), "Ban", targets={"Free Voices Collective"})
    assert event.mode == "hypothetical"


def test_must_is_a_demand_of_the_speaker(invented):
    result = invented('Lantern Rights Watch said: "Ruritania must release Tomas Kravik."')
    release = find(result, "Release", targets={"Tomas Kravik"})
    assert release.mode == "demanded"
    demand = find(result, "Demand", sources={"Lantern Rights Watch"}, targets={"Ruritania"})
    assert names(demand.themes) == {"Tomas Kravik"} and demand.rule == "deontic"


def test_bulleted_demands_continue_the_open_sentence(invented):
    text = (
        "The Freedonian Parliament called on the Ruritanian authorities to:\n\n"
        "- release Ilsa Vandermeer and Petr Halloran;\n\n"
        "- lift the ban on the Free Voices Collective.\n"
    )
    result = invented(text)
    release = find(result, "Release", targets={"Ilsa Vandermeer", "Petr Halloran"})
    assert names(release.sources) == {"Ruritanian authorities"} and release.mode == "demanded"
    find(result, "Demand", sources={"Freedonian Parliament"}, targets={"Ruritanian authorities"}, themes={"Ilsa Vandermeer"})


# -- across sentences ----------------------------------------------------------------------


def test_the_government_is_not_the_police_or_the_court_last_named(invented):
    result = invented(
        "Ruritania has seen protests for weeks. The Strelsau police arrested Karl Osterhaus on Monday. "
        "Lantern Rights Watch accused the government of silencing dissent. "
        "A court sentenced Petr Halloran to two years."
    )
    accusation = find(result, "Accuse", sources={"Lantern Rights Watch"})
    (government,) = accusation.targets
    assert government.canonical and "Ruritan" in government.canonical and government.canonical.endswith("government")
    sentence = find(result, "Sentence", targets={"Petr Halloran"})
    # "a court", named no further, is a court of the country the text is about
    (court,) = sentence.sources
    assert court.label == "Court" and court.canonical.startswith("Ruritan") and court.canonical.endswith("court")


def test_an_act_joined_to_a_demand_is_done_not_asked_for(invented):
    result = invented(
        "Lantern Rights Watch called for the release of Karl Osterhaus and accused the Ruritanian government "
        "of silencing dissent. The Freedonian Parliament urged the Ruritanian authorities to free Tomas Kravik and drop the charges."
    )
    accusation = find(result, "Accuse", sources={"Lantern Rights Watch"}, targets={"Ruritanian government"})
    assert accusation.mode == "asserted"
    assert find(result, "Release", targets={"Karl Osterhaus"}).mode == "demanded"
    assert find(result, "Release", targets={"Tomas Kravik"}).mode == "demanded"


def test_a_name_before_its_generic_head_is_the_subject_a_pronoun_refers_back_to(invented):
    result = invented(
        "Ruritania has seen protests for weeks. Lantern Rights Watch said police used force. "
        "The opposition Free Voices Collective party said its supporters had been detained. "
        "Its leader, Petr Halloran, was questioned by the Strelsau police for six hours."
    )
    leads = {(r.subject.text, r.object.text) for r in result.relations if r.predicate == "leads"}
    assert ("Petr Halloran", "Free Voices Collective") in leads
    assert not {o for s, o in leads if s == "Petr Halloran"} - {"Free Voices Collective"}
    # questioning a person is an interrogation, questioning a decision a doubt
    find(result, "Charge", sources={"Strelsau police"}, targets={"Petr Halloran"})
    doubt = invented("Lantern Rights Watch questioned the Ruritanian government over the arrests.")
    find(doubt, "Concern", sources={"Lantern Rights Watch"}, targets={"Ruritanian government"})


def test_a_court_in_a_city_is_that_citys_court(invented):
    sentence = find(invented("A court in Strelsau on Tuesday sentenced Ilsa Vandermeer to nine years in prison."), "Sentence", targets={"Ilsa Vandermeer"})
    assert [s.canonical for s in sentence.sources] == ["Strelsau court"]
    arrest = find(invented("Police in Strelsau arrested Karl Osterhaus."), "Arrest", targets={"Karl Osterhaus"})
    assert [s.canonical for s in arrest.sources] == ["Strelsau police"]
    charge = find(invented("Prosecutors in Strelsau charged Karl Osterhaus with treason."), "Charge", targets={"Karl Osterhaus"})
    assert [s.canonical for s in charge.sources] == ["Strelsau prosecutors"]
    # a government sits in its capital, but is the country's: the city does not name it
    held = find(invented("The government in Strelsau arrested Karl Osterhaus."), "Arrest", targets={"Karl Osterhaus"})
    assert all(s.canonical != "Strelsau government" for s in held.sources)


def test_a_person_listed_among_those_detained_was_arrested(invented):
    result = invented("Among those detained by the Strelsau police were Karl Osterhaus and Ilsa Vandermeer.")
    find(result, "Arrest", sources={"Strelsau police"}, targets={"Karl Osterhaus", "Ilsa Vandermeer"})
    told = invented("Among those detained was Petr Halloran, a leader of the opposition, Lantern Rights Watch said.")
    arrest = find(told, "Arrest", targets={"Petr Halloran"})
    assert arrest.mode == "asserted" and arrest.reported_by is not None and arrest.reported_by.text == "Lantern Rights Watch"


def test_a_government_named_by_a_person_or_written_before_its_country_is_a_body(invented):
    condemned = find(invented("Lantern Rights Watch condemned the Osterhaus regime's crackdown on the press."), "Condemn", sources={"Lantern Rights Watch"})
    assert [(t.text, t.label) for t in condemned.targets] == [("Osterhaus regime", "GovernmentBody")]
    urged = find(invented("Lantern Rights Watch urged the government of Freedonia to free Tomas Kravik."), "Urge", sources={"Lantern Rights Watch"})
    assert [(t.text, t.label) for t in urged.targets] == [("government of Freedonia", "GovernmentBody")]


def test_who_never_stands_for_a_place(invented):
    result = invented('"No one will dictate to Freedonia who can be arrested," Karl Osterhaus told the Strelsau Morning Courier.')
    assert not [e for e in result.events if e.event_class == "Arrest" and "Freedonia" in names(e.targets)]


def test_it_after_a_verb_of_decisions_is_the_decision_not_an_actor(invented):
    result = invented(
        "The Strelsau District Court sentenced Ilsa Vandermeer to nine years. Lantern Rights Watch described the verdict "
        "as an attempt to silence the press and called on the Ruritanian authorities to overturn it."
    )
    assert not [e for e in result.events if "Lantern Rights Watch" in names(e.targets) | names(e.themes)]


def test_pronoun_to_the_last_compatible_actor(invented):
    result = invented("The Strelsau District Court heard the case on Monday. It sentenced Karl Osterhaus to two years.")
    find(result, "Sentence", sources={"Strelsau District Court"}, targets={"Karl Osterhaus"})


def test_definite_description_to_a_named_actor(invented):
    result = invented("Lantern Rights Watch met the Strelsau District Court on Monday. The court later convicted Petr Halloran.")
    find(result, "Sentence", sources={"Strelsau District Court"}, targets={"Petr Halloran"})


def test_a_title_refers_back_to_the_person_who_holds_it(invented):
    result = invented("Bishop Tomas Kravik spoke in Strelsau on Sunday. The Strelsau police arrested the bishop on Monday.")
    find(result, "Arrest", sources={"Strelsau police"}, targets={"Tomas Kravik"})


def test_a_qualified_title_refers_back_to_the_person_who_holds_that_title_and_no_other(invented):
    text = (
        "Freedonian Foreign Minister Anna Vell met Interior Minister Rudolf Elphberg in Strelsau on Monday.\n\n"
        "The foreign minister condemned the arrest of Anton Varga. The interior minister rejected the criticism of Lantern Rights Watch."
    )
    result = invented(text)
    find(result, "Condemn", sources={"Anna Vell"}, themes={"Anton Varga"})
    find(result, "Reject", sources={"Rudolf Elphberg"})
    # a title no one in the text holds refers to no one
    result = invented("Freedonian Foreign Minister Anna Vell visited Strelsau on Monday.\n\nThe prime minister condemned the arrest of Anton Varga.")
    assert all(not e.sources for e in result.events if e.event_class == "Condemn")
    # nor is "the president" the vice-president, whose title is kept whole
    result = invented("Freedonian Vice-President Anna Vell visited Strelsau on Monday.\n\nThe president condemned the arrest of Anton Varga.")
    assert [m.title for m in result.mentions if m.text == "Anna Vell"] == ["Vice-President"]
    assert all(not e.sources for e in result.events if e.event_class == "Condemn")


def test_two_titles_joined_by_a_slash_are_the_persons_title_and_the_office_alone_refers_to_her(invented):
    text = (
        "Speech by High Representative/Vice-President Anna Vell at the debate.\n\n"
        "The High Representative issued a statement calling for the release of Anton Varga."
    )
    result = invented(text)
    assert [m.title for m in result.mentions if m.text == "Anna Vell"] == ["High Representative/Vice-President"]
    offices = {(a.short, a.long_form) for a in result.acronyms}
    assert ("High Representative", "Anna Vell") in offices
    find(result, "Demand", sources={"High Representative"}, themes={"Anton Varga"})


def test_we_is_the_author_named_at_the_top(invented):
    text = (
        "Ruritania: journalist detained in Strelsau\n\n"
        "Statement by the Free Voices Collective on the arrest of Ilsa Vandermeer\n\n"
        "We condemn the arrest of Ilsa Vandermeer. We urge the Ruritanian authorities to release her.\n"
    )
    result = invented(text)
    find(result, "Condemn", sources={"Free Voices Collective"}, themes={"Ilsa Vandermeer"})
    find(result, "Urge", sources={"Free Voices Collective"}, targets={"Ruritanian authorities"})


def test_we_inside_a_quotation_is_its_speaker(invented):
    text = '"We call on the Ruritanian government to free Tomas Kravik," said Anneli Sorvari of Lantern Rights Watch.'
    result = invented(text)
    find(result, "Demand", sources={"Anneli Sorvari"}, targets={"Ruritanian government"})


def test_the_statement_is_its_author(invented):
    text = (
        "The Freedonian Parliament issued a statement on Tuesday. "
        "The statement condemned the Strelsau police for the detention of Mirela Dobrescu."
    )
    result = invented(text)
    find(result, "Condemn", sources={"Freedonian Parliament"}, targets={"Strelsau police"})


def test_no_attribution_by_position_alone(invented):
    # The Parliament spoke first; the unnamed "observers" who condemn later are not the Parliament.
    text = (
        "The Freedonian Parliament welcomed the report. "
        "Observers condemned the Strelsau police."
    )
    result = invented(text)
    assert not [e for e in result.events if e.event_class == "Condemn" and e.sources]


def test_coreferent_event_noun(invented):
    text = (
        "The Strelsau District Court sentenced Petr Halloran and Anneli Sorvari on Friday. "
        "Lantern Rights Watch condemned the sentences."
    )
    result = invented(text)
    condemn = find(result, "Condemn", sources={"Lantern Rights Watch"})
    assert names(condemn.targets) == {"Strelsau District Court"}
    assert {"Petr Halloran", "Anneli Sorvari"} <= names(condemn.themes)


# -- roles ---------------------------------------------------------------------------------


def _roles(result: DocumentExtraction) -> set[tuple[str, str, str]]:
    return {(r.subject.text, r.predicate, r.object.text) for r in result.relations}


def test_apposition_and_relational_nouns(invented):
    result = invented(
        "Tomas Kravik, spokesman for the Free Voices Collective, spoke on Monday. "
        "Lantern Rights Watch's secretary Anneli Sorvari was present. "
        "Petr Halloran, head of the Strelsau Morning Courier, left."
    )
    roles = _roles(result)
    assert ("Tomas Kravik", "spokespersonOf", "Free Voices Collective") in roles
    assert ("Anneli Sorvari", "memberOf", "Lantern Rights Watch") in roles
    assert ("Petr Halloran", "leads", "Strelsau Morning Courier") in roles


def test_title_of_organisation_before_the_name(invented):
    roles = _roles(invented("The report was presented by Deputy Director of the Free Voices Collective Mirela Dobrescu."))
    assert any(r[0] == "Mirela Dobrescu" and r[2] == "Free Voices Collective" for r in roles)


def test_members_listed_under_a_group_noun(invented):
    result = invented(
        "On Monday, three Lantern Rights Watch officials were detained: Executive Director Ilsa Vandermeer; "
        "Karl Osterhaus, head of research, and Petr Halloran, office manager."
    )
    roles = _roles(result)
    assert ("Ilsa Vandermeer", "leads", "Lantern Rights Watch") in roles
    assert ("Petr Halloran", "memberOf", "Lantern Rights Watch") in roles


def test_a_persons_lawyer_does_not_speak_as_that_person(invented):
    unnamed = invented("Tomas Kravik was jailed in May. The verdict will be appealed, his lawyer said.")
    assert "Tomas Kravik" not in {c.speaker.text for c in unnamed.claims}
    spokesman = invented("Tomas Kravik was jailed in May. The verdict will be appealed, his spokesman said.")
    assert {c.speaker.text for c in spokesman.claims} == {"Tomas Kravik"}  # a spokesman speaks for him
    named = invented("Tomas Kravik was jailed in May. Kravik's lawyer, Petr Halloran, said the verdict would be appealed.")
    assert {c.speaker.text for c in named.claims} == {"Petr Halloran"}


def test_an_actor_named_only_after_the_lede_is_the_ledes_subject(invented):
    # "delayed identification": "A ... group called on X ... / Lantern Rights Watch said ..."
    result = invented(
        "An influential press freedom group called on Ruritania on Tuesday to release Tomas Kravik.\n\n"
        "Lantern Rights Watch said at least four journalists were detained."
    )
    find(result, "Demand", sources={"Lantern Rights Watch"}, targets={"Ruritania"})
    # once a group is named, "a rights group" is another one
    later = invented("Lantern Rights Watch met the press. A rights group condemned the Strelsau police.\n\nThe Free Voices Collective said so.")
    assert not [e for e in later.events if e.event_class == "Condemn" and names(e.sources) & {"Lantern Rights Watch", "Free Voices Collective"}]


def test_the_actors_a_group_subject_names_are_its_doers(invented):
    result = invented("On Monday, groups such as Lantern Rights Watch welcomed the release of Tomas Kravik.")
    find(result, "Support", sources={"Lantern Rights Watch"})


def test_a_demand_for_all_those_detained_is_on_behalf_of_every_detainee_the_text_names(invented):
    result = invented(
        "Lantern Rights Watch called for the immediate release of all those arbitrarily detained.\n\n"
        "Tomas Kravik was detained by the Strelsau police on 3 May.\n\n"
        "Among those held are Anneli Sorvari and Petr Halloran."
    )
    demand = find(result, "Demand", sources={"Lantern Rights Watch"})
    assert {"Tomas Kravik", "Anneli Sorvari", "Petr Halloran"} <= names(demand.themes)
    release = find(result, "Release", targets={"Tomas Kravik", "Anneli Sorvari", "Petr Halloran"})
    assert release.mode == "demanded"
    # with no detainee named, nothing is made up
    alone = invented("Lantern Rights Watch called for the immediate release of all those arbitrarily detained.")
    assert not [e for e in alone.events if e.event_class in {"Demand", "Release"}]


def test_undoing_an_act_done_to_a_person_is_done_to_them(invented):
    quashed = invented("The Strelsau District Court quashed the conviction of Anneli Sorvari.")
    find(quashed, "Release", sources={"Strelsau District Court"}, targets={"Anneli Sorvari"})
    urged = invented("Lantern Rights Watch urged the Ruritanian authorities to quash the conviction of Anneli Sorvari.")
    release = find(urged, "Release", sources={"Ruritanian authorities"}, targets={"Anneli Sorvari"})
    assert release.mode == "demanded"


def test_lifting_a_ban_is_no_ban(invented):
    lifted = invented("The Freedonian Parliament lifted the travel ban on Tomas Kravik.")
    assert find(lifted, "Sanction", targets={"Tomas Kravik"}).negated
    imposed = invented("The Freedonian Parliament imposed a travel ban on Tomas Kravik.")
    assert not find(imposed, "Sanction", targets={"Tomas Kravik"}).negated


def test_a_phrasal_verb_is_read_past_an_aside_between_its_words(invented):
    # the parser hangs "for" on the verb before the aside; the demand is still the statement's
    aside = invented("Lantern Rights Watch issued a statement calling, once again, for the release of Anneli Sorvari.")
    find(aside, "Demand", sources={"Lantern Rights Watch"}, themes={"Anneli Sorvari"})
    assert find(aside, "Release", targets={"Anneli Sorvari"}).mode == "demanded"
    adverb = invented("Tomas Kravik called repeatedly for the release of Anneli Sorvari.")
    find(adverb, "Demand", sources={"Tomas Kravik"}, themes={"Anneli Sorvari"})
    # a sentence's end is no aside: "Kravik called. For ..." is not a call for anything
    ended = invented("Tomas Kravik called. For the release of Anneli Sorvari, nothing was done.")
    assert not [e for e in ended.events if e.event_class == "Demand"]


def test_an_organisation_named_beside_one_the_ner_saw_is_a_doer_too(invented):
    joint = invented(
        "In a joint statement, Lantern Rights Watch and the Vell Harbour Monitor urged the Ruritanian government "
        "to drop the charges against Tomas Kravik."
    )
    find(joint, "Urge", sources={"Lantern Rights Watch", "Vell Harbour Monitor"}, targets={"Ruritanian government"})
    assert "Vell Harbour Monitor" in names(joint.mentions)
    # only subjects: an envoy's remit names no second body
    remit = invented("Anna Vell is the Freedonian envoy for the Lantern Rights Watch and Harbour Rights.")
    assert "Harbour Rights" not in names(remit.mentions)


def test_a_name_the_ner_took_for_a_place_is_a_person_where_only_people_can_be(invented):
    # the small model reads this name, alone in its text, as a place
    freed = invented("The Ruritanian government released Tomas Verrin after two years in detention.")
    find(freed, "Release", sources={"Ruritanian government"}, targets={"Tomas Verrin"})
    welcomed = invented("Lantern Rights Watch welcomed the release of Tomas Verrin.")
    assert {(m.text, m.label) for m in welcomed.mentions if m.text == "Tomas Verrin"} == {("Tomas Verrin", "Person")}
    find(welcomed, "Release", targets={"Tomas Verrin"})
    # an act a place can undergo leaves a place a place
    shelled = invented("The Ruritanian army shelled Tomas Verrin on Monday.")
    assert "Person" not in {m.label for m in shelled.mentions if m.text == "Tomas Verrin"}


def test_a_bare_plural_of_detainees_is_no_group_the_text_named(invented):
    text = "Police arrested Anna Kessel on Tuesday.\n\nLantern Rights Watch accused the Ruritanian government of {}."
    generic = invented(text.format("torturing detainees"))
    assert [e for e in generic.events if e.event_class == "Assault" and "Anna Kessel" in names(e.targets)] == []
    find(invented(text.format("torturing the detainees")), "Assault", sources={"Ruritanian government"}, targets={"Anna Kessel"})
    # freeing them is freeing all of them
    freed = invented("Police arrested Anna Kessel on Tuesday.\n\nLantern Rights Watch urged the government to free political prisoners.")
    find(freed, "Release", targets={"Anna Kessel"}, mode="demanded")


def test_a_person_reports_what_was_done_to_them(invented):
    beaten = invented("Tomas Verrin told the Harbour Chronicle that police had beaten him in custody.")
    event = find(beaten, "Assault", targets={"Tomas Verrin"})
    assert event.reported_by is not None and event.reported_by.text == "Tomas Verrin"
    find(invented("Anna Kessel said she was tortured by guards at Vell Prison."), "Assault", targets={"Anna Kessel"})
    # a body that speaks of others in the plural is not whom it was done to
    held = invented("The Ruritanian authorities said police had detained them.")
    assert not any("Ruritanian authorities" in names(e.targets) for e in held.events if e.event_class == "Arrest")


def test_two_who_speak_to_a_third_party_are_not_each_others_counterpart(invented):
    press = invented("Anna Kessel and Jonas Pell spoke to reporters on Monday.")
    assert not [e for e in press.events if e.event_class == "Consult"]
    find(invented("Anna Kessel and Jonas Pell met with each other in Strelsau."), "Consult", sources={"Anna Kessel"}, targets={"Jonas Pell"})
    find(invented("Anna Kessel and Jonas Pell met on Monday."), "Consult", sources={"Anna Kessel"}, targets={"Jonas Pell"})


def test_an_organisation_the_ner_missed_is_known_by_what_it_does(invented):
    # a run of capitalised words after "the", the subject of a demand: a body
    called = invented("The Vell Harbour Monitor called on the Ruritanian authorities to release Anna Kessel.")
    find(called, "Demand", sources={"Vell Harbour Monitor"}, targets={"Ruritanian authorities"}, themes={"Anna Kessel"})
    # a verb anything can do names no actor
    fell = invented("The Vell Harbour Pier collapsed on Monday, and the Vell Harbour Monitor called it a disgrace.")
    assert "Vell Harbour Pier" not in names(fell.mentions)


def test_a_relative_clause_inside_a_demand_says_what_is_so(invented):
    result = invented("Lantern Rights Watch called on the Ruritanian authorities to release Anna Kessel, who has been held in pretrial detention since March.")
    assert find(result, "Release", targets={"Anna Kessel"}).mode == "demanded"
    assert find(result, "Arrest", targets={"Anna Kessel"}).mode == "asserted"


def test_the_body_named_before_a_persons_title_is_not_whom_the_act_was_done_to(invented):
    for text in ("Police detained Lantern Rights Watch director Mira Ostrova.", "Lantern Rights Watch's director Mira Ostrova was detained."):
        event = find(invented(text), "Arrest", targets={"Mira Ostrova"})
        assert names(event.targets) == {"Mira Ostrova"}
    # a hyphenated title is a title: "editor-in-chief" leads the medium
    edited = invented("Anna Kessel, the editor-in-chief of the Harbour Voice, was detained.")
    relations = {(r.subject.text, r.predicate, r.object.text, r.object.label) for r in edited.relations}
    assert ("Anna Kessel", "leads", "Harbour Voice", "MediaOrganization") in relations
