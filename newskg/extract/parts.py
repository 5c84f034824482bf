"""Parts and places: which body a body belongs to, which country an institution or a region is
in, whose programme a programme is. Read from names and possessives, not from verbs.

Rules (named ``qualifier`` and ``possessive`` in the evidence)
-----
- "Peru's National Congress", "National Congress of Peru", "the de facto authorities in Peru":
  locatedIn the country;
- "the Department of the Exchequer's Office of ...", "the Unit on ... in the Ministry of ...": partOf;
- "Portugal's Vell Autonomous Region": partOf; "Vell's capital of Strelsau": locatedIn;
- "the city of Orrinsk", "the Kessa region", with no country written: in the document's country
  (see :mod:`newskg.extract.home`);
- "the NMU's Safer Workplaces Ruritania programme", "a programme by the NMU": programmeOf;
- "X, the youth wing of Y", "Y's armed wing, X": partOf; "X, a member of the Y alliance": memberOf
  (rule ``apposition``).
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Span

from newskg.extract.classes import ORGANISATIONS
from newskg.extract.home import document_country
from newskg.extract.resolve import ActorResolver
from newskg.lexicon import Lexicon

__all__ = ["Part", "appositive_parts", "possessive_relations", "qualifier_relations"]



class Part(NamedTuple):
    """A structural link found in one sentence: ``subject predicate object`` by ``rule``."""

    subject: Span
    predicate: str
    object: Span
    rule: str


def possessive_relations(sent: Span, resolver: ActorResolver) -> list[Part]:
    """Rule ``possessive``: "the NMU's Safer Workplaces Ruritania programme", "a programme by the NMU"."""
    doc = sent.doc
    found: list[Part] = []
    for span in resolver.spans_in(sent.start, sent.end):
        if span.label_ not in {"Programme", "Law"}:
            continue
        owners: list[Span] = []
        i = span.start - 1
        if i - 1 >= sent.start and doc[i].lower_ in {"'s", "’s"}:
            owner = resolver.entity(doc[i - 1])
            if owner is not None:
                owners.append(owner)
        head = doc[span.end] if span.end < sent.end and doc[span.end].lower_ in {"programme", "program", "scheme", "project", "initiative"} else span.root
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in {"by", "of"}:
                for pobj in child.children:
                    owners += resolver.resolve_all(pobj)
        for owner in owners:
            if owner != span and owner.label_ in ORGANISATIONS:
                found.append(Part(span, "programmeOf", owner, "possessive"))
    return found


def qualifier_relations(sent: Span, resolver: ActorResolver, lexicon: Lexicon) -> list[Part]:
    """Rule ``qualifier``: an institution and the country its name or a possessive places it in."""
    doc = sent.doc
    found: list[Part] = []
    for span in resolver.spans_in(sent.start, sent.end):
        if span.label_ not in ORGANISATIONS - {"IntergovernmentalOrganization", "Organization"}:
            continue
        country: Span | None = None
        i = span.start - 1
        if i - 1 >= sent.start and doc[i].lower_ in {"'s", "’s"}:
            owner = resolver.entity(doc[i - 1])
            if owner is not None and owner.label_ == "Country":
                country = owner
        if country is None:
            words = [t.lower_ for t in span]
            inner = None
            if lexicon.country_of(span[0].text) and span[0].is_title and len(span) > 1:
                inner = Span(doc, span.start, span.start + 1, label="Country", kb_id="qualifier")
            elif "of" in words:
                k = len(words) - 1 - words[::-1].index("of")
                tail = span[k + 1 :]
                if len(tail) and lexicon.country_of(tail.text) and tail.text.lower() not in lexicon.demonyms:
                    inner = Span(doc, tail.start, tail.end, label="Country", kb_id="qualifier")
            if inner is not None:
                country = inner
        if country is None and span.label_ in {"GovernmentBody", "Court"} and span.end + 1 < sent.end and doc[span.end].lower_ == "in":
            after = resolver.entity(doc[span.end + 1])  # "the de facto authorities in Vell"
            if after is not None and after.label_ == "Country" and after.start == span.end + 1:
                country = after
        if country is not None and country != span:
            found.append(Part(span, "locatedIn", country, "qualifier"))
    return found + _part_relations(sent, resolver, lexicon)


_UNITS = {"office", "unit", "brigade", "department", "division", "directorate", "bureau", "agency", "service", "committee", "commission", "council", "secretariat", "battalion", "force", "forces", "police", "branch", "section", "mission", "delegation", "court", "prosecutor", "ministry", "cell", "wing"}


def _part_relations(sent: Span, resolver: ActorResolver, lexicon: Lexicon) -> list[Part]:
    """Rule ``qualifier``: parts of organisations and of countries.

    "the Department of the Exchequer's Office of ...", "the Ministry of the Waterways's Special
    Harbour Brigade", "the Unit on ... in the Ministry of ...": the second is part of the first;
    "Portugal's Vell Autonomous Region" is part of Portugal, "Vell's capital of Strelsau"
    lies in Vell.
    """
    doc = sent.doc
    found: list[Part] = []
    for span in resolver.spans_in(sent.start, sent.end):
        i = span.start - 1
        owner = resolver.entity(doc[i - 1]) if i - 1 >= sent.start and doc[i].lower_ in {"'s", "’s"} else None
        if owner is None or owner == span:
            # "the Unit on Missing Persons in the Ministry of Y"
            k = span.end
            if k + 1 < sent.end and doc[k].lower_ == "in" and span.label_ in ORGANISATIONS:
                k += 1 + (doc[k + 1].lower_ == "the")
                inner = resolver.entity(doc[k]) if k < sent.end else None
                if inner is not None and inner.label_ in ORGANISATIONS and inner.start == k:
                    found.append(Part(span, "partOf", inner, "qualifier"))
            continue
        if span.label_ in ORGANISATIONS and owner.label_ in ORGANISATIONS and any(t.lower_ in _UNITS for t in span):
            found.append(Part(span, "partOf", owner, "qualifier"))
        elif _is_region(span) and owner.label_ in {"Country", "Region"}:
            found.append(Part(span, "partOf", owner, "qualifier"))
        elif span.label_ in {"City", "Place"} and owner.label_ in {"Country", "Region"}:
            found.append(Part(span, "locatedIn", owner, "qualifier"))
    # "Vell's capital of Strelsau", "the city of Port Arden in Portugal"
    for token in sent:
        if token.lower_ in {"capital", "city", "town", "province", "region"} and token.i + 2 < sent.end and doc[token.i + 1].lower_ == "of":
            place = resolver.entity(doc[token.i + 2])
            owner = None
            if token.i - 2 >= sent.start and doc[token.i - 1].lower_ in {"'s", "’s"}:
                owner = resolver.entity(doc[token.i - 2])
            # the construction says the owner is a place, whatever the NER took it for
            if place is not None and owner is not None and owner != place and owner.label_ not in ORGANISATIONS | {"Law", "Programme"}:
                found.append(Part(place, "locatedIn", owner, "qualifier"))
    placed = {(p.subject.start, p.subject.end) for p in found}
    for place in _unowned_places(sent, resolver):
        country = document_country(place, sent, resolver, lexicon) if (place.start, place.end) not in placed else None
        if country is not None and country != place:
            found.append(Part(place, "partOf" if _is_region(place) else "locatedIn", country, "qualifier"))
            placed.add((place.start, place.end))
    return found


_PLACE_NOUNS = {"city", "town", "village", "province", "region", "district"}


def _unowned_places(sent: Span, resolver: ActorResolver) -> list[Span]:
    """Places written as "the city of Orrinsk" or "the Kessa region", with no owner before them."""
    doc = sent.doc
    found: list[Span] = []
    for token in sent:
        if token.lower_ not in _PLACE_NOUNS or not token.is_lower or token.i - 1 < sent.start:
            continue
        place = None
        if doc[token.i - 1].lower_ == "the" and token.i + 2 < sent.end and doc[token.i + 1].lower_ == "of":
            place = resolver.entity(doc[token.i + 2])  # "the city of Orrinsk"
            place = place if place is not None and place.start == token.i + 2 else None
        else:
            before = resolver.entity(doc[token.i - 1])  # "the Kessa region"
            if before is not None and before.end == token.i and before.start - 1 >= sent.start and doc[before.start - 1].lower_ == "the":
                place = before
        if place is not None and place.label_ in {"City", "Place", "Region"}:
            found.append(place)
    return found


_REGION_WORDS = {"region", "province", "state", "territory", "oblast", "prefecture", "district", "county", "governorate", "canton"}


def _is_region(span: Span) -> bool:
    """ "Vell Autonomous Region": a region by its class or by its name."""
    return span.label_ == "Region" or (span.label_ == "Place" and any(t.lower_ in _REGION_WORDS for t in span))


def _part_noun(doc: Doc, i: int, end: int, lexicon: Lexicon) -> int | None:
    """The index of a part noun at ``i`` after a determiner and up to three lower-case modifiers
    ("the youth wing", "a regional branch"), or ``None``."""
    if i < end and doc[i].lower_ in {"the", "a", "an", "its", "their"}:
        i += 1
    for k in range(i, min(i + 4, end)):
        if doc[k].lower_ in lexicon.part_nouns and doc[k].pos_ == "NOUN":
            return k
        if not (doc[k].is_lower and doc[k].is_alpha):
            return None
    return None


def appositive_parts(sent: Span, resolver: ActorResolver, lexicon: Lexicon) -> list[Part]:
    """Rule ``apposition``: "X, the youth wing of Y" and "Y's armed wing, X" (X partOf Y), "X, a
    member of the Y alliance" (X memberOf Y), for bodies X and Y.

    Examples
    --------
    >>> import spacy
    >>> from newskg.lexicon import load_lexicon
    >>> doc = spacy.blank("en")("No bodies here.")
    >>> appositive_parts(doc[:], ActorResolver(doc, [], load_lexicon()), lexicon=load_lexicon())
    []
    """
    doc = sent.doc
    found: list[Part] = []
    bodies = [s for s in resolver.spans_in(sent.start, sent.end) if s.label_ in ORGANISATIONS]
    for body in bodies:
        # "X, the youth wing of Y"
        if body.end + 1 < sent.end and doc[body.end].text == ",":
            k = _part_noun(doc, body.end + 1, sent.end, lexicon)
            # the parser's apposition, not the next item of a list ("met X, the unit of Y, ...")
            if k is not None and k + 1 < sent.end and doc[k + 1].lower_ == "of" and doc[k].dep_ == "appos" and body.start <= doc[k].head.i < body.end:
                j = k + 2
                while j < sent.end and doc[j].lower_ in {"the", "a", "an"}:
                    j += 1
                whole = resolver.entity(doc[j]) if j < sent.end else None
                if whole is not None and whole != body and whole.label_ in ORGANISATIONS | {"Country"}:
                    found.append(Part(body, "memberOf" if doc[k].lower_ == "member" else "partOf", whole, "apposition"))
        # "Y's armed wing, X"
        if body.end + 1 < sent.end and doc[body.end].lower_ in {"'s", "’s"}:
            k = _part_noun(doc, body.end + 1, sent.end, lexicon)
            if k is not None and doc[k].lower_ != "member" and k + 2 < sent.end and doc[k + 1].text == ",":
                start = k + 3 if doc[k + 2].lower_ == "the" and k + 3 < sent.end else k + 2
                part = resolver.entity(doc[start])
                if part is not None and part != body and part.label_ in ORGANISATIONS and part.start == start and part.root.dep_ == "appos" and part.root.head.i == k:
                    found.append(Part(part, "partOf", body, "apposition"))
    return found
