"""Invented names, part 1: where names start and end, titles, and short forms within a document.

Every person, place and body below is made up, so these tests pass only through generic rules
(particles, place prefixes, honorifics, surnames), never through a memorised name.
"""

from __future__ import annotations

import pytest

from newskg.graph.canonical import canonicalize

pytestmark = pytest.mark.model

ARREST = """Opposition figure held in Strelsau

STRELSAU, 4 March 2031 – Police detained Ms Ilsa Vandermeer de la Cruz in Strelsau on Monday, her lawyer Karel van der Stroom said. Vandermeer, who leads the Vellwatch group, was questioned for six hours.
Judge Anton Brekov of the Strelsau court ordered her release on Tuesday. Mr Brekov declined to comment.
Protests spread to New Arcadia and North Vellmark, the New Vell Times reported. Omar bin Talal, a student, was arrested in New Arcadia.
Vellwatch's Secretary Oskar Lenz and Petra Lenz-Horvath spoke to the press. O. Lenz said Lenz would appeal.
"""

SUMMONS = """Envoys summoned in Vell

Counsellor Dmitri Varga and Chargé d'Affaires Lena Osk were summoned on Friday. Madam President, thank you.
The Sovereignty Board of Vell met the Sovereign Board of Vell's chair, José Álvarez-Brun, a member of the Korrin Press Union[1].
"""

ACCENTS = """Board chair resigns

Jose Alvarez-Brun resigned from the Sovereignty Board of Vell on Monday.
"""


@pytest.fixture(scope="module")
def extractions(extractor):
    return [extractor.extract_text(text, name=f"{n}.txt") for n, text in enumerate((ARREST, SUMMONS, ACCENTS))]


@pytest.fixture(scope="module")
def entities(extractions):
    return {e.label: e for e in canonicalize(extractions).entities}


def mentions(extraction):
    return {m.text: m for m in extraction.mentions}


# -- 1. name boundaries ------------------------------------------------------------------------


def test_particles_stay_inside_names(entities):
    for name in ("Ilsa Vandermeer de la Cruz", "Karel van der Stroom", "Omar bin Talal"):
        assert entities[name].cls == "Person"
    assert not {"de la Cruz", "Cruz", "Stroom", "Talal"} & set(entities)


def test_new_and_north_are_part_of_place_names(entities):
    assert entities["New Arcadia"].cls == "City"
    assert entities["North Vellmark"].cls == "City"
    assert "Arcadia" not in entities and "Vellmark" not in entities
    assert "New Vell Times" in entities and "Vell Times" not in entities  # not only places


def test_footnote_markers_are_not_part_of_names(extractions):
    names = {m.text for m in extractions[1].mentions}
    assert "Korrin Press Union" in names
    assert not any("[" in n or n.endswith("1") for n in names)


def test_accents_are_kept_in_labels_and_folded_for_matching(entities):
    found = [e for e in entities.values() if "Alvarez-Brun" in e.label or "Álvarez-Brun" in e.label]
    assert len(found) == 1
    assert {"José Álvarez-Brun", "Jose Alvarez-Brun"} == {found[0].label, *found[0].alt_labels}


# -- 2. titles apart from names ----------------------------------------------------------------


def test_honorifics_and_titles_are_split_off_and_kept(extractions):
    arrest, summons = mentions(extractions[0]), mentions(extractions[1])
    assert arrest["Ilsa Vandermeer de la Cruz"].title == "Ms"
    assert arrest["Anton Brekov"].title == "Judge"
    assert summons["Dmitri Varga"].title == "Counsellor"
    assert summons["Lena Osk"].title == "Chargé d'Affaires"


def test_a_title_alone_is_never_an_actor(extractions, entities):
    names = {m.text for ex in extractions for m in ex.mentions}
    assert not {"Madam", "Madam President", "Chargé d'Affaires", "Counsellor", "Judge", "Ms"} & names
    assert not any(label.startswith(("Ms ", "Mr ", "Judge ", "Counsellor ")) for label in entities)


# -- 3. within a document ----------------------------------------------------------------------


def test_surname_honorific_and_initial_resolve_to_the_full_name(entities):
    assert "Vandermeer" in entities["Ilsa Vandermeer de la Cruz"].alt_labels
    assert "Brekov" in entities["Anton Brekov"].alt_labels
    assert "O. Lenz" in entities["Oskar Lenz"].alt_labels


def test_a_short_form_that_fits_two_people_is_left_alone(entities):
    assert "Lenz" not in entities["Oskar Lenz"].alt_labels
    assert "Lenz" not in entities["Petra Lenz-Horvath"].alt_labels


def test_near_spellings_of_one_name_in_a_text_merge(entities):
    board = entities["Sovereignty Board of Vell"]
    assert "Sovereign Board of Vell" in board.alt_labels
    assert len(board.documents) == 2  # the spelling the other text uses joins too


def test_who_a_medium_s_staff_work_for_is_a_medium(extractor):
    text = ("Anna Kessel, a reporter for Vell Metals, was charged on Monday. Jonas Pell, the Harbour Voice columnist, "
            "was detained. Mira Ostrova, a lawyer for Strelsau Holdings, said the charges were baseless.")
    labels = {m.text: m.label for m in extractor.extract_text(text, name="staff.txt").mentions}
    assert labels["Vell Metals"] == "MediaOrganization" and labels["Harbour Voice"] == "MediaOrganization"
    assert labels["Strelsau Holdings"] != "MediaOrganization"  # a lawyer works for anyone


def test_a_descriptor_gives_the_name_after_it_its_class(extractor):
    text = ("Mira Ostrova, editor of the independent weekly Harbour Voice, was arrested on Monday. "
            "Karel Dusan, a reporter with the pro-government daily Strelsau Courier, was detained.")
    result = extractor.extract_text(text, name="descriptors.txt")
    labels = {m.text: m.label for m in result.mentions}
    # the NER alone makes the first a generic organisation and the second a person
    assert labels["Harbour Voice"] == "MediaOrganization" and labels["Strelsau Courier"] == "MediaOrganization"
    roles = {(r.subject.text, r.predicate, r.object.text) for r in result.relations}
    assert {("Mira Ostrova", "memberOf", "Harbour Voice"), ("Karel Dusan", "memberOf", "Strelsau Courier")} <= roles
    detained = [e for e in result.events if e.event_class == "Arrest" and "Karel Dusan" in {m.text for m in e.targets}]
    assert detained and all(m.text != "Strelsau Courier" for e in detained for m in e.targets)  # who employs him was not detained


def test_a_name_in_apposition_with_a_person_s_title_is_a_person(extractor):
    text = ("The court upheld the sentence against Tomas Verrin, a prominent blogger. "
            "Police detained Anna Kessel, a human rights lawyer, in Brannock, a major port.")
    result = extractor.extract_text(text, name="apposition.txt")
    labels = {m.text: m.label for m in result.mentions}
    assert labels["Tomas Verrin"] == "Person"  # the NER alone makes him a city
    assert labels["Brannock"] == "City"  # "a major port": no major
    sentence = [e for e in result.events if e.event_class == "Sentence"]
    assert sentence and {m.text for m in sentence[0].targets} == {"Tomas Verrin"}


def test_the_first_word_of_a_title_is_no_actor(extractor):
    result = extractor.extract_text("Moldova's Interior Minister Oskar Lenz defended the crackdown.", name="title.txt")
    assert {m.text for m in result.mentions} == {"Moldova", "Oskar Lenz"}  # the NER alone adds "Interior"
    assert ("Oskar Lenz", "memberOf", "Moldova") in {(r.subject.text, r.predicate, r.object.text) for r in result.relations}
