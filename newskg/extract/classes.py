"""The actor classes, grouped by what a rule asks of an actor.

The extract stage labels each actor span with a class of the ontology (``Person``, ``NGO``,
``GovernmentBody`` ...); its rules ask questions of a class, not of a label: can it own a unit
("the press office of X"), can it speak as a body, is it of the state? One set per question, here,
so that a class added to the ontology is added to each question once. The graph stage reads the
same sets (:mod:`newskg.graph.name_forms`); nothing here needs spaCy.

Examples
--------
>>> "Court" in ORGANISATIONS and "Court" in STATE_BODIES
True
>>> sorted(NON_STATE_ORGANISATIONS - PRIVATE_ACTORS), "Person" in PRIVATE_ACTORS
(['IntergovernmentalOrganization'], True)
>>> PARENT_CLASS["City"]
'Place'
"""

from __future__ import annotations

__all__ = [
    "ORGANISATIONS", "STATE_BODIES", "NON_STATE_ORGANISATIONS", "PLACES", "BODIES", "ACTORS", "PRIVATE_ACTORS",
    "PARENT_CLASS",
]

#: bodies with members, units and spokespeople
ORGANISATIONS = frozenset({
    "Organization", "GovernmentBody", "Court", "PoliticalParty", "NGO", "MediaOrganization", "IntergovernmentalOrganization",
})
#: organisations of a state: its government, ministries, police, courts
STATE_BODIES = frozenset({"GovernmentBody", "Court"})
#: organisations that are not a state's own (an NGO, a party, a newspaper, the UN)
NON_STATE_ORGANISATIONS = ORGANISATIONS - STATE_BODIES
PLACES = frozenset({"Place", "Country", "City", "Region"})
#: who can act as a body: an organisation, or a country in its name ("Ruritania condemned ...")
BODIES = ORGANISATIONS | {"Country"}
#: every class that can do or say something
ACTORS = BODIES | {"Person"}
#: who a state acts against (arrests, charges, bans): people and the bodies of civil society
PRIVATE_ACTORS = frozenset({"Person"}) | NON_STATE_ORGANISATIONS - {"IntergovernmentalOrganization"}
#: a specific class and its generic parent: when mentions of one entity disagree, the specific wins
PARENT_CLASS = {
    "GovernmentBody": "Organization", "Court": "Organization", "PoliticalParty": "Organization", "NGO": "Organization",
    "MediaOrganization": "Organization", "IntergovernmentalOrganization": "Organization",
    "Country": "Place", "City": "Place", "Region": "Place",
}
