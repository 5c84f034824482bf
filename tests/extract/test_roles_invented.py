"""Roles (who leads or works for what) on sentences about invented people and bodies.

The actors come from the invented pattern file, as a user's ``--patterns`` would give them, so
these pass only through the generic title rules of ``newskg.extract.relations`` and ``roles``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.model

ACTORS = Path(__file__).parents[1] / "data" / "invented" / "actors.jsonl"


@pytest.fixture(scope="module")
def roles():
    from newskg.extract.pipeline import Extractor, ExtractSettings

    extractor = Extractor(ExtractSettings(patterns=(str(ACTORS),)))

    def found(text: str) -> set[tuple[str, str, str]]:
        result = extractor.extract_text(text, name="invented.txt")
        return {(r.subject.text, r.predicate, r.object.text) for r in result.relations}

    return found


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Karl Osterhaus, 52, the leader of the Free Voices Collective, was taken from his home.",
         ("Karl Osterhaus", "leads", "Free Voices Collective")),
        ("Karl Osterhaus, aged 52, a member of the Free Voices Collective, was arrested.",
         ("Karl Osterhaus", "memberOf", "Free Voices Collective")),
        ("Ilsa Vandermeer, 34, a journalist with the Strelsau Morning Courier, was detained.",
         ("Ilsa Vandermeer", "memberOf", "Strelsau Morning Courier")),
        ("Petr Halloran, 61, co-founder and director of Lantern Rights Watch, was charged.",
         ("Petr Halloran", "leads", "Lantern Rights Watch")),
    ],
)
def test_an_age_between_a_name_and_its_title_keeps_the_role(roles, text, expected):
    assert expected in roles(text)


def test_an_age_alone_gives_no_role(roles):
    assert not roles("Ilsa Vandermeer, 34, said the Free Voices Collective would appeal.")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Anneli Sorvari was elected president of the Freedonian Parliament in May.", ("Anneli Sorvari", "leads", "Freedonian Parliament")),
        ("The Freedonian Parliament elected Anneli Sorvari as its speaker.", ("Anneli Sorvari", "leads", "Freedonian Parliament")),
        ("Anneli Sorvari was named spokeswoman for the Council of Freedonian States.",
         ("Anneli Sorvari", "spokespersonOf", "Council of Freedonian States")),
        ("Petr Halloran replaced Karl Osterhaus as head of the Free Voices Collective.", ("Petr Halloran", "leads", "Free Voices Collective")),
        ("Ilsa Vandermeer worked as a journalist for the Strelsau Morning Courier.", ("Ilsa Vandermeer", "memberOf", "Strelsau Morning Courier")),
        ("Karl Osterhaus, who served as director of Lantern Rights Watch, was arrested.", ("Karl Osterhaus", "leads", "Lantern Rights Watch")),
        ("Ilsa Vandermeer, editor of the independent daily Strelsau Morning Courier, was charged.",
         ("Ilsa Vandermeer", "memberOf", "Strelsau Morning Courier")),
        ("Petr Halloran, a lawyer for the Strelsau-based rights group Lantern Rights Watch, spoke.",
         ("Petr Halloran", "memberOf", "Lantern Rights Watch")),
        ("Karl Osterhaus is the leader of the Free Voices Collective.", ("Karl Osterhaus", "leads", "Free Voices Collective")),
        ("The leader of the Free Voices Collective is Karl Osterhaus.", ("Karl Osterhaus", "leads", "Free Voices Collective")),
        ("The Free Voices Collective made Karl Osterhaus its leader.", ("Karl Osterhaus", "leads", "Free Voices Collective")),
        ("Lantern Rights Watch described Karl Osterhaus as a leader of the Free Voices Collective.",
         ("Karl Osterhaus", "leads", "Free Voices Collective")),
    ],
)
def test_a_title_the_clause_gives_a_person(roles, text, expected):
    assert expected in roles(text)


def test_the_title_goes_to_whom_the_verb_gives_it(roles):
    # "replaced Q as head": the subject becomes head, not the one replaced
    found = roles("Petr Halloran replaced Karl Osterhaus as head of the Free Voices Collective.")
    assert ("Karl Osterhaus", "leads", "Free Voices Collective") not in found
    # appointing verbs give it to their object, not to the body that appoints
    found = roles("Karl Osterhaus appointed Anneli Sorvari as director of the Free Voices Collective.")
    assert ("Anneli Sorvari", "leads", "Free Voices Collective") in found
    assert not {r for r in found if r[0] == "Karl Osterhaus" and r[1] == "leads"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Free Voices Collective, the youth wing of the Freedonian Parliament, organised the march.",
         ("Free Voices Collective", "partOf", "Freedonian Parliament")),
        ("The Freedonian Parliament's youth wing, the Free Voices Collective, organised the march.",
         ("Free Voices Collective", "partOf", "Freedonian Parliament")),
        ("Lantern Rights Watch, a member of the Council of Freedonian States, said the verdict was unfair.",
         ("Lantern Rights Watch", "memberOf", "Council of Freedonian States")),
    ],
)
def test_a_body_in_apposition_to_a_part_of_another(roles, text, expected):
    assert expected in roles(text)


def test_a_list_item_after_a_body_is_not_its_apposition(roles):
    found = roles("I met the Chief of the Strelsau police, a member of the Council of Freedonian States, and Lantern Rights Watch.")
    assert not [r for r in found if r[0] == "Strelsau police"]


def test_a_title_in_a_part_of_a_body_makes_a_member_of_the_whole(roles):
    found = roles("Karl Osterhaus, the head of the Strelsau branch of Lantern Rights Watch, was released.")
    assert ("Karl Osterhaus", "memberOf", "Lantern Rights Watch") in found
    assert ("Karl Osterhaus", "leads", "Lantern Rights Watch") not in found  # he heads the branch, not the whole
    found = roles("Anneli Sorvari, director of the regional office of the Free Voices Collective, spoke.")
    assert ("Anneli Sorvari", "memberOf", "Free Voices Collective") in found


@pytest.mark.parametrize(
    "text",
    [
        '"This sentence is outrageous," said Mirela Dobrescu, Lantern Rights Watch\'s Europe programme coordinator.',
        '"This sentence is outrageous," said Mirela Dobrescu, Europe programme coordinator at Lantern Rights Watch.',
    ],
)
def test_a_title_after_a_region_and_a_part_of_a_body_makes_a_member(roles, text):
    found = roles(text)
    assert ("Mirela Dobrescu", "memberOf", "Lantern Rights Watch") in found
    assert ("Mirela Dobrescu", "leads", "Lantern Rights Watch") not in found  # she coordinates a programme of it


def test_a_title_after_a_bodys_possessive_is_held_in_it(roles):
    assert ("Mirela Dobrescu", "leads", "Lantern Rights Watch") in roles("Mirela Dobrescu, Lantern Rights Watch's executive director, spoke.")


def test_a_commander_leads(roles):
    assert ("Petr Halloran", "leads", "Free Voices Collective") in roles("Petr Halloran, the commander of the Free Voices Collective, was charged.")
