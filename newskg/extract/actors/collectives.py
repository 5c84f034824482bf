"""Actors that are a group or an office rather than a name: "AU experts", "independent NMU human
rights experts", "the Special Rapporteur on ..." (linked to the person the text names for it)."""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Span

from newskg.lexicon import Lexicon

__all__ = ["collective_spans", "office_spans"]


def _longest(doc: Doc, i: int, phrases: frozenset[str], longest: int = 4) -> int:
    for n in range(min(longest, len(doc) - i), 0, -1):
        if " ".join(t.lower_ for t in doc[i : i + n]) in phrases:
            return n
    return 0


@functools.lru_cache(maxsize=8)
def _first_words(phrases: frozenset[str]) -> frozenset[str]:
    return frozenset(p.split()[0] for p in phrases if p)


_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,5})$")
#: classes of a name found before a collective noun that make it the body those people act for
_BODY_CLASSES = frozenset({"Organization", "IntergovernmentalOrganization", "GovernmentBody", "NGO"})


def _body_at(doc: Doc, i: int, spans: dict[int, list[Span]], lexicon: Lexicon) -> int:
    """How many tokens from ``i`` name a body that people can act together for: a phrase of
    ``collective_bodies`` (institutions.yml), an organisation's name already found there ("the
    League of Vellish States experts"), or an acronym that is not a country's ("NMU experts"; "US
    experts" are no body's)."""
    token = doc[i]
    if not (token.is_upper or token.is_title):
        return 0  # every kind of body's name starts with a capital
    n = _longest(doc, i, lexicon.collective_bodies, 2) if token.lower_ in _first_words(lexicon.collective_bodies) else 0
    if n:
        return n
    for span in spans.get(i, ()):
        if span.label_ in _BODY_CLASSES and all(t.is_title or t.is_upper for t in (span[0], span[-1])):
            return len(span)
    if _ACRONYM.match(doc[i].text) and lexicon.country_of(doc[i].text) is None:
        return 1
    return 0


def collective_spans(doc: Doc, spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """"AU experts", "independent NMU human rights experts": a body's name, then a collective
    noun. Typed Organization; the body's own span inside the phrase gives way to it.

    Examples
    --------
    >>> from newskg.extract.nlp import load_pipeline
    >>> doc = load_pipeline("blank:en")("Independent NMU human rights experts said so.")
    >>> [(s.text, s.label_) for s in doc.spans["newskg_entities"]]
    [('NMU human rights experts', 'Organization')]
    """
    found: list[Span] = []
    starting: dict[int, list[Span]] = {}
    for span in spans:
        starting.setdefault(span.start, []).append(span)
    i = 0
    while i < len(doc):
        start = i + 1 if doc[i].lower_ == "independent" else i  # "independent AU experts": not part of the name
        n = _body_at(doc, start, starting, lexicon) if start < len(doc) else 0
        if not n:
            i += 1
            continue
        j = start + n
        if doc[j : j + 1].text.lower() in {"independent"}:
            j += 1
        m = _longest(doc, j, lexicon.collective_actors, 3)
        if not m:
            i += 1
            continue
        found.append(Span(doc, start, j + m, label="Organization", kb_id="rule", span_id=""))
        i = j + m
    kept = [s for s in spans if not any(f.start < s.end and s.start < f.end for f in found)]
    return sorted(kept + found, key=lambda s: s.start)


def _date_at(doc: Doc, k: int) -> bool:
    """A date, or the preposition before one: "... for Vell in November 2021" ends at "in"."""
    return doc[k].ent_type_ == "DATE" or doc[k].pos_ == "ADP" and k + 1 < len(doc) and doc[k + 1].ent_type_ == "DATE"


def office_spans(doc: Doc, spans: list[Span], lexicon: Lexicon) -> tuple[list[Span], list[tuple[Span, Span]]]:
    """Capitalised offices with their mandate ("the Special Envoy for Refugee Affairs", "the
    Special Rapporteur on the situation in Vell") as actors, and (office, person) pairs where the
    text names the holder beside it ("Anna Lorne, the Special Rapporteur on ...")."""
    spans = _split_body_offices(doc, spans, lexicon)
    people = [s for s in spans if s.label_ == "Person"]
    covered = {i for s in spans if s.label_ not in {"Organization"} for i in range(s.start, s.end)}
    found: list[Span] = []
    pairs: list[tuple[Span, Span]] = []
    linked: dict[str, Span] = {}
    firsts = {w.split()[0] for w in lexicon.offices}
    for token in doc:
        if not token.is_title or token.i in covered or token.lower_ not in firsts:
            continue
        n = _longest(doc, token.i, lexicon.offices, 3)
        if not n or not all(t.is_title for t in doc[token.i : token.i + n]):
            continue
        if token.i > 0 and doc[token.i - 1].is_title and not doc[token.i - 1].is_sent_start and doc[token.i - 1].lower_ != "the":
            continue  # "NMU Special Rapporteur" is written "the NMU ..." often; a longer name is the NER's
        end = token.i + n
        if end < len(doc) and doc[end].lower_ in {"for", "on"}:
            # the mandate runs to the next punctuation: "on the situation of human rights in Vell"
            k = end + 1
            person_starts = {s.start for s in people}
            while (
                k < len(doc) and not doc[k].is_punct and k - end <= 10 and doc[k].pos_ not in {"VERB", "AUX"}
                and k not in person_starts and doc[k].lower_ not in {"at", "during", "since", "with", "after", "before"}
                and not doc[k].like_num and not _date_at(doc, k)
            ):
                k += 1
            if k > end + 1:
                end = k
        office = Span(doc, token.i, end, label="Organization", kb_id="rule", span_id="")
        if any(s.start < office.start + n and office.start < s.end for s in spans if s.label_ != "Organization"):
            continue  # the title is part of a name already found
        holder = _holder(doc, office, people) or _named_after(doc, office)
        head = " ".join(t.lower_ for t in doc[token.i : token.i + n])
        if holder is None and head in linked:
            holder = linked[head]  # "the Special Rapporteur said": the holder named before
        if holder is not None and holder not in people:
            people.append(holder)
            found.append(holder)
        if holder is not None:
            linked.setdefault(head, holder)
            pairs.append((Span(doc, office.start, office.end, label=holder.label_, kb_id="alias"), holder))
            office = Span(doc, office.start, office.end, label=holder.label_, kb_id="rule", span_id="")
        elif end == token.i + n and not _is_defined(doc, token.i):
            continue  # a bare "Commissioner" with no mandate is a title, not an actor
        else:
            linked.setdefault(head, office)
        found.append(office)
    kept = [s for s in spans if not any(f.start < s.end and s.start < f.end for f in found)]
    return sorted(kept + found, key=lambda s: s.start), pairs


def _split_body_offices(doc: Doc, spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """ "the NMU Special Envoy for Vell": a name the NER found that is a body's acronym, then an
    office (with or without its mandate), is the body and the office; the body keeps its own span
    and the office is left to ``office_spans`` ("NMU" and "Special Envoy for Vell").

    Examples
    --------
    >>> import spacy
    >>> from newskg.lexicon import load_lexicon
    >>> doc = spacy.blank("en")("the NMU Special Envoy for Vell")
    >>> [s.text for s in _split_body_offices(doc, [Span(doc, 1, 4, label="NGO"), Span(doc, 1, 6, label="NGO")], load_lexicon())]
    ['NMU', 'NMU']
    >>> [s.text for s in _split_body_offices(doc, [Span(doc, 1, 3, label="NGO")], load_lexicon())]
    ['NMU Special']
    """
    out: list[Span] = []
    for span in spans:
        k = span.start
        while k < span.end and _ACRONYM.match(doc[k].text) and lexicon.country_of(doc[k].text) is None:
            k += 1
        n = _longest(doc, k, lexicon.offices, 3) if span.start < k < span.end else 0
        if (
            span.label_ != "Person" and n and k + n <= span.end and all(t.is_title for t in doc[k : k + n])
            and (k + n == span.end or doc[k + n].lower_ in {"for", "on"})  # the office, or the office with its mandate
        ):
            out.append(Span(doc, span.start, k, label="Organization", kb_id="rule", span_id=span.id_))
        else:
            out.append(span)
    return out


def _is_defined(doc: Doc, i: int) -> bool:
    """ "the Special Rapporteur said": an office with the definite article acts as an actor."""
    return i > 0 and doc[i - 1].lower_ == "the"


def _named_after(doc: Doc, office: Span) -> Span | None:
    """ "the Special Envoy for Vell, Marta Ruiz, said": two or three capitalised names set off by
    commas right after the office are its holder, even where the NER missed them."""
    i = office.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    j = i + 1
    while j < len(doc) and j - i <= 3 and doc[j].is_title and doc[j].is_alpha and doc[j].pos_ == "PROPN":
        j += 1
    if 2 <= j - i - 1 <= 3 and j < len(doc) and doc[j].text in {",", "."}:
        return Span(doc, i + 1, j, label="Person", kb_id="rule")
    return None


def _holder(doc: Doc, office: Span, people: list[Span]) -> Span | None:
    """The person named beside an office: "Anna Lorne, the Special Rapporteur ..." or "the
    Special Rapporteur, Anna Lorne"."""
    for person in people:
        between = doc[person.end : office.start]
        if 0 < len(between) <= 2 and between[0].text == "," and all(t.text == "," or t.lower_ == "the" for t in between):
            return person
        between = doc[office.end : person.start]
        if 0 < len(between) <= 1 and between[0].text == ",":
            return person
        # "Special Representative/Vice-President Anna Lorne": the title written before the name
        if person.start >= office.end and len(between) <= 4 and all(t.text in {"/", "-"} or t.is_title for t in between):
            if not between or between[0].text in {"/", "-"}:
                return person
    return None
