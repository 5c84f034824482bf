"""Invented names, part 2: states and their institutions, typing from context, collective actors,
and laws named by number.

The countries, people and bodies are made up (a country the lexicon cannot know is learnt from its
demonym in the text); the two tests of capitals and of a document's own country use real
countries, because knowing countries is the domain knowledge being tested, with invented people.
"""

from __future__ import annotations

import pytest

from newskg.graph.canonical import canonicalize

pytestmark = pytest.mark.model

CRACKDOWN = """Crackdown in Ruritania

The Ruritanian authorities detained the editor Anna Lorne on Monday. The Ruritanian regime said she had broken Article 15 of the Ruritanian Criminal Code. The Government of Ruritania later confirmed the arrest.
The Strelsau court refused bail, and the Strelsau police and the Ruritanian national police raided the Korrin Daily. She is held in the Marrow prison complex.
Vellwatch's Secretary Oskar Brenn said the news website Tessel had been blocked. Three VLW officials were questioned. The Vell League for Press Rights (VLPR) condemned the arrests; VLPR director Mira Kael called them unlawful.
UN human rights experts said the detention was arbitrary. Greta Holm, the Special Rapporteur on the situation in Ruritania, asked for access. The Special Rapporteur said she would report in June.
"""

ENVOY = """Vell expels envoy

President Karel Munz said the Vellish government would not yield; the Vellish regime was united, his spokesman said. The Christian government of the past was not mentioned.
The Special Envoy for Vell, Marta Ruiz, met the Vell Council on Friday. Ms Ruiz said the talks had failed. (Reuters/AFP)
"""

VERDICT = """Court jails Vellish opposition leader

KORRIN, June 3 (Reuters) - A court in the Vellish capital sentenced the opposition leader Dragan Holt to 12 years.
"This is a dark day for Vell," said Lea Moss, deputy director for Europe at Amnesty International. The European Union's envoy spoke.
"""

INSTRUMENTS = """Sanctions designations

The Treasury designated two Ruritanian officials pursuant to Executive Order 14999, and under Section 7(b) of the Vell Press Freedom Act. The designation follows Decision (CFSP) 2031/77 and resolution 52/3.
"""

INSTRUMENTS_AGAIN = """Sanctions remain

E.O. 14999 remains in force, the Treasury said.
"""

CAPITAL = """Diplomats expelled

Ottawa expelled two diplomats on Friday after the arrest of Karel Munz. Canadian officials said the move was final.
"""

DE_FACTO = """Activists held in Moldova

The de facto authorities in Moldova detained the activists Ion Tarsk and Vera Pol. Moldova has not commented.
Fighting went on between the national government and the transitional government of Vellmark. The UN delegation asked for calm.
"""


@pytest.fixture(scope="module")
def extractions(extractor):
    texts = (CRACKDOWN, INSTRUMENTS, INSTRUMENTS_AGAIN, CAPITAL, DE_FACTO, ENVOY, VERDICT)
    return [extractor.extract_text(text, name=f"{n}.txt") for n, text in enumerate(texts)]


@pytest.fixture(scope="module")
def entities(extractions):
    return canonicalize(extractions).entities


def named(entities, name):
    found = [e for e in entities if e.label == name or name in e.alt_labels]
    assert len(found) == 1, (name, found)
    return found[0]


# -- 5. states ---------------------------------------------------------------------------------


def test_one_node_for_a_countrys_government_whatever_it_is_called(entities):
    government = named(entities, "Government of Ruritania")
    assert government.cls == "GovernmentBody"
    # the framing words are kept as names of the one node, not as nodes of their own
    assert {"Ruritanian authorities", "Ruritanian regime"} <= {government.label, *government.alt_labels}


def test_a_country_is_learnt_from_its_demonym(extractions):
    labels = {m.text: m.label for m in extractions[0].mentions}
    assert labels["Ruritania"] == "Country"
    assert labels["Ruritanian authorities"] == "GovernmentBody"
    assert not any(e.label == "Ruritanian" for e in canonicalize(extractions[:1]).entities)


def test_a_nationality_word_before_a_government_word_is_a_government(entities):
    government = named(entities, "Vellish government")
    assert "Vellish regime" in government.alt_labels
    assert not any("Christian" in e.label for e in entities)  # a religion is not a nationality


def test_a_nationality_word_alone_is_not_an_actor(extractions):
    labels = {m.text: m.label for m in extractions[6].mentions}
    assert "Vellish" not in labels
    assert labels["Vell"] == "Country"
    assert labels.get("Europe") != "Country"  # "European Union" says nothing about a country Europe


def test_institutions_qualified_by_a_city_or_country_are_actors(entities):
    assert named(entities, "Strelsau court").cls == "Court"
    assert named(entities, "Strelsau police").cls == "GovernmentBody"
    assert named(entities, "Ruritanian national police").cls == "GovernmentBody"
    assert named(entities, "Marrow prison complex").cls == "GovernmentBody"


def test_a_capital_that_acts_stands_for_its_government(entities):
    government = named(entities, "Canadian government")
    assert "Ottawa" in government.alt_labels


def test_generic_authorities_are_the_documents_country(entities):
    government = named(entities, "de facto authorities")
    assert government.label in {"Moldovan authorities", "Moldovan government"}
    assert "national government" in government.alt_labels


def test_a_government_of_a_named_place_and_a_delegation_are_actors(entities):
    assert named(entities, "transitional government of Vellmark").cls == "GovernmentBody"
    assert named(entities, "UN delegation").cls == "GovernmentBody"


# -- 6. typing from context --------------------------------------------------------------------


def test_an_actor_that_owns_a_role_noun_is_an_organisation(entities):
    assert named(entities, "Vellwatch").cls in {"NGO", "Organization"}
    assert named(entities, "VLPR").cls in {"NGO", "Organization"}
    assert named(entities, "Vell League for Press Rights").label == named(entities, "VLPR").label


def test_a_descriptor_types_a_medium(entities):
    assert named(entities, "Tessel").cls == "MediaOrganization"


def test_only_places_get_a_place_class(entities):
    places = {e.label for e in entities if e.cls in {"Country", "City", "Region", "Place"}}
    assert places <= {"Ruritania", "Strelsau", "Moldova", "Canada", "Vell", "Korrin", "Europe"}


# -- 7. collective actors ----------------------------------------------------------------------


def test_experts_acting_together_are_one_actor(entities):
    assert named(entities, "UN human rights experts").cls == "Organization"


def test_an_office_is_linked_to_a_holder_the_ner_missed(entities):
    ruiz = named(entities, "Marta Ruiz")
    assert ruiz.label == "Marta Ruiz" and {"Special Envoy for Vell", "Ruiz"} <= set(ruiz.alt_labels)


def test_a_photo_credit_is_not_a_group(extractions):
    assert not any("/" in m.text for m in extractions[5].mentions)


def test_an_office_is_linked_to_the_person_the_text_names(entities):
    holm = named(entities, "Greta Holm")
    assert holm.cls == "Person"
    assert {"Special Rapporteur", "Special Rapporteur on the situation in Ruritania"} <= set(holm.alt_labels)


# -- 8. laws and instruments by number ---------------------------------------------------------


def test_an_order_by_number_is_one_law_however_it_is_abbreviated(entities):
    order = named(entities, "Executive Order 14999")
    assert order.cls == "Law"
    assert "E.O. 14999" in order.alt_labels
    assert len(order.documents) == 2


def test_a_section_or_article_of_a_law_names_that_law(entities):
    act = named(entities, "Vell Press Freedom Act")
    assert act.cls == "Law" and "Section 7(b)" in act.alt_labels
    code = named(entities, "Ruritanian Criminal Code")
    assert code.cls == "Law" and "Article 15" in code.alt_labels


def test_decisions_and_resolutions_by_number_are_laws(entities):
    assert named(entities, "Decision (CFSP) 2031/77").cls == "Law"
    assert named(entities, "resolution 52/3").cls == "Law"


def relations_by_text(extractor, texts: dict[str, str], rule: str) -> dict[str, set[tuple[str, str, str]]]:
    """For each named text, the (subject, relation, object) triples one rule found in it."""
    found = {}
    for name, text in texts.items():
        extraction = extractor.extract_text(text, name=f"{name}.txt")
        found[name] = {(r.subject.text, r.predicate, r.object.text) for r in extraction.relations if r.rule == rule}
    return found


# -- a head of state named without a country ----------------------------------------------------

HEADS = {
    "bare": "Crackdown in Ruritania\n\nThe Ruritanian authorities detained dozens of protesters in Ruritania on Monday. "
    "President Karel Vost declared a state of emergency the next day.\n\nRuritania's opposition condemned the arrests.",
    "of-after": "Crackdown in Ruritania\n\nThe Ruritanian authorities detained dozens of protesters in Ruritania on Monday. "
    "President Karel Vost of Vellmark called Ruritania's leaders.\n",
    "other-head": "Crackdown in Ruritania\n\nRuritania's President Anna Orrin ordered the arrests in Ruritania on Monday. "
    "In Vellmark, President Karel Vost said the arrests were wrong.\n\nThe Ruritanian authorities said the detainees would be tried.",
    "own-government": "Statement by the Government of Vellmark\n\nThe Government of Vellmark condemns the detention of protesters "
    "in Ruritania. President Karel Vost raised the case with Ruritanian officials. Ruritania must release the detainees.",
    "another-country": "Crackdown in Ruritania\n\nThe Ruritanian authorities detained dozens of protesters in Ruritania on Monday. "
    "President Karel Vost said Moldova would protest.\n",
}


@pytest.fixture(scope="module")
def heads(extractor):
    return relations_by_text(extractor, HEADS, "title")


def test_a_bare_head_of_state_title_is_the_documents_country(heads):
    # "President Karel Vost", no country written: the country the text is about
    assert heads["bare"] == {("Karel Vost", "leads", "Ruritania")}


def test_a_head_of_state_of_another_country_is_not_the_documents(heads):
    assert heads["of-after"] == set()  # "President P of Vellmark": written after the name
    # the text names Ruritania's president: a second "President P" heads somewhere else
    assert heads["other-head"] == {("Anna Orrin", "leads", "Ruritania")}
    assert heads["another-country"] == set()  # the sentence names another country


def test_a_governments_own_statement_does_not_give_its_president_away(heads):
    # issued by the Government of Vellmark: its "President P" is its own, not Ruritania's
    assert heads["own-government"] == set()


# -- titles that name their country or their organisation once for two people --------------------

TITLES = {
    "of-country": "The Vell Council designated Attorney General of Moldova Anna Orrin Kessel for corruption on Monday.",
    "coordinated": "The Vellmark Harbour League's Secretary Anna Orrin and Director Karel Vost face charges.",
}


@pytest.fixture(scope="module")
def titled(extractor):
    return relations_by_text(extractor, TITLES, "title")


def test_a_title_of_a_country_before_a_name_places_the_person_in_it(titled):
    # "Attorney General of Moldova P": the NER takes the country into the title or into nothing
    assert ("Anna Orrin Kessel", "memberOf", "Moldova") in titled["of-country"]


def test_the_second_of_two_titled_people_shares_the_first_ones_organisation(titled):
    # "ORG's Secretary P and Director Q": P is placed by the title rule, Q by sharing P's organisation
    assert titled["coordinated"] == {
        ("Anna Orrin", "memberOf", "Vellmark Harbour League"),
        ("Karel Vost", "leads", "Vellmark Harbour League"),
    }


def test_a_name_ending_in_a_region_word_is_one_region_of_its_country(extractor):
    extraction = extractor.extract_text(
        "Crackdown in Ruritania\n\nThe Ruritanian police detained activists in Ruritania's Orrin Kessa Autonomous Region on Monday.",
        name="region.txt",
    )
    regions = [(m.text, m.label) for m in extraction.mentions if "Kessa" in m.text]
    assert regions == [("Orrin Kessa Autonomous Region", "Region")]  # the NER found "Kessa Autonomous Region"
    assert ("Orrin Kessa Autonomous Region", "partOf", "Ruritania") in {(r.subject.text, r.predicate, r.object.text) for r in extraction.relations}


PLACES = {
    "home": "Crackdown in Ruritania\n\nThe Ruritanian authorities detained activists in Ruritania on Monday. Thousands started "
    "protesting in the city of Orrinsk. Reporters could not enter the Kessa region.",
    "abroad": "Crackdown in Ruritania\n\nThe Ruritanian authorities detained activists in Ruritania on Monday. Talks were held "
    "in the city of Orrinsk in Moldova.",
}


@pytest.fixture(scope="module")
def places(extractor):
    return relations_by_text(extractor, PLACES, "qualifier")


def test_a_place_written_without_its_country_is_in_the_documents(places):
    assert {("Orrinsk", "locatedIn", "Ruritania"), ("Kessa", "partOf", "Ruritania")} <= places["home"]
    # the sentence names another country: the place may be there
    assert not any(subject == "Orrinsk" for subject, _, _ in places["abroad"])


def test_an_institution_in_a_named_country_is_that_countrys(extractor):
    extraction = extractor.extract_text(
        "Verdict in Ruritania\n\nThe Ruritanian authorities detained Anna Lorne in March. "
        "A court in Moldova sentenced Karel Munz to five years in prison. Police in Moldova detained Ion Tarsk.",
        name="court.txt",
    )
    sources = {(e.event_class, s.canonical) for e in extraction.events for s in e.sources}
    assert ("Sentence", "Moldovan court") in sources  # not the document's country, the one the phrase names
    assert ("Arrest", "Moldovan police") in sources


def test_a_dateline_gives_the_city_filed_from_and_the_agency(extractor):
    extraction = extractor.extract_text(
        "Editor jailed\n\nKORRINGRAD, May 12 (VNA) - A court jailed the editor Anna Lorne. Vellwatch-style groups protested.",
        name="dateline.txt",
    )
    labels = {m.text: m.label for m in extraction.mentions}
    assert labels["Korringrad"] == "City" and labels["VNA"] == "MediaOrganization"
    assert not any("Vellwatch" in text for text in labels)  # "Vellwatch-style groups" names a kind of group


def test_a_state_body_in_a_named_country_is_located_there(extractor):
    extraction = extractor.extract_text(
        "Activists held in Moldova\n\nThe de facto authorities in Moldova detained the activists Ion Tarsk and Vera Pol.",
        name="in-country.txt",
    )
    assert ("de facto authorities", "locatedIn", "Moldova") in {(r.subject.text, r.predicate, r.object.text) for r in extraction.relations}


def test_an_institution_written_before_its_country_is_that_countrys(extractor):
    extraction = extractor.extract_text(
        "Group banned in Moldova\n\nThe interior ministry of Moldova banned the Vell League for Press Rights on Monday. "
        "Members of the league met the foreign minister.",
        name="of-country.txt",
    )
    ban = next(e for e in extraction.events if e.event_class == "Ban")
    assert [(s.text, s.label) for s in ban.sources] == [("interior ministry of Moldova", "GovernmentBody")]
    assert ("interior ministry of Moldova", "locatedIn", "Moldova") in {(r.subject.text, r.predicate, r.object.text) for r in extraction.relations}


def test_every_state_institution_of_a_named_country_is_an_actor(extractor):
    extraction = extractor.extract_text(
        "Vote in Moldova\n\nMoldova's parliament stripped Ion Tarsk of his immunity, and Moldovan security services questioned him. "
        "Moldovan provincial elections were postponed.",
        name="institutions.txt",
    )
    labels = {m.text: m.label for m in extraction.mentions}
    assert labels.get("Moldova's parliament") == "GovernmentBody"  # any institution of institutions.yml, not only a few
    assert labels.get("Moldovan security services") == "GovernmentBody"
    assert not any("provincial" in text for text in labels)  # the first word of "provincial police" alone is none


def test_a_capital_asked_to_act_stands_for_its_government(extractor):
    extraction = extractor.extract_text(
        "Prisoners in Belarus\n\nLantern Rights Watch has called on Minsk to release all political prisoners. "
        "The Vell Union urged Minsk to free Anna Lorne. Karel Munz travelled to Minsk to meet her family.",
        name="capital.txt",
    )
    addressed = [m for m in extraction.mentions if m.text == "Minsk"]
    assert [m.label for m in addressed] == ["GovernmentBody", "GovernmentBody", "City"]  # the last is only where he went
    demand = next(e for e in extraction.events if e.event_class == "Demand")  # the parser hangs Minsk on the particle "on"
    assert [m.text for m in demand.sources] == ["Lantern Rights Watch"] and [m.label for m in demand.targets] == ["GovernmentBody"]
