"""Names the NER stopped short of: "Follow-up Mechanism", "Ministry of the Waterways", "Vell's 9th
High Criminal Court", "the regional Police", "Lord (Karel) Vost of Strelsau", "Orrin Kessa
Autonomous Region"."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from newskg.lexicon import Lexicon

__all__ = ["extend_names", "peer_names", "region_names", "repair_pattern_match", "role_anchored_people"]

_ORG_LIKE = {"Organization", "GovernmentBody", "Court", "NGO", "MediaOrganization", "PoliticalParty", "IntergovernmentalOrganization", "Programme", "Law"}
_PEERAGE = {"lord", "lady", "baroness", "baron", "viscount", "viscountess", "earl", "countess", "marquess"}


def _free(i: int, covered: set[int]) -> bool:
    return i not in covered


def extend_names(doc: Doc, spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """Widen organisation names over what the NER left out of them:

    * a hyphenated word and the capitalised words after it ("Follow" + "-up Mechanism"), but not
      a country ("NMU-Peru relations" names two actors);
    * "of the" and a capitalised run no other span covers ("Vell Ministry" + "of the Interior");
    * a city's possessive before a court or body ("Strelsau" + "'s 9th" + "High Court");
    * a lower-case modifier before a capitalised institution ("the regional Police").
    """
    spans = sorted(spans, key=lambda s: s.start)
    covered = {i for s in spans for i in range(s.start, s.end)}
    out: list[Span] = []
    for span in spans:
        if span.label_ in _ORG_LIKE:
            end = span.end
            # "NMU-Peru relations": two actors before a noun (a country after the hyphen), not one name
            if (end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_
                    and doc[end + 1].is_alpha and lexicon.country_of(doc[end + 1].text) is None):
                widened = end + 2
                while widened < len(doc) and doc[widened].is_title and _free(widened, covered) and doc[widened - 1].whitespace_:
                    widened += 1
                # "Follow-up Mechanism" goes on to a capitalised word; "Vellwatch-style groups" does not
                if widened > end + 2 or not doc[end + 1].is_lower:
                    end = widened
            if end + 2 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].lower_ == "the" and doc[end + 2].is_title and _free(end + 2, covered):
                k = end + 2
                while k < len(doc) and doc[k].is_title and _free(k, covered) and not doc[k].is_sent_start:
                    k += 1
                if k - (end + 2) <= 3 and lexicon.country_of(doc[end + 2 : k].text) is None:
                    end = k
            if end != span.end:
                span = Span(doc, span.start, end, label=span.label_, kb_id=span.kb_id_, span_id=span.id_)
        out.append(span)
    # "Strelsau's 9th High Criminal Court": one court
    merged: list[Span] = []
    skip: set[int] = set()
    for n, span in enumerate(out):
        if n in skip:
            continue
        nxt = out[n + 1] if n + 1 < len(out) else None
        if nxt is not None and span.label_ in {"City", "Place", "Region"} and nxt.label_ in {"Court", "GovernmentBody"}:
            between = doc[span.end : nxt.start]
            if 1 <= len(between) <= 2 and between[0].lower_ in {"'s", "’s"} and all(t.lower_ in {"'s", "’s"} or t.like_num or t.text[:1].isdigit() for t in between):
                merged.append(Span(doc, span.start, nxt.end, label=nxt.label_, kb_id="rule", span_id=""))
                skip.add(n + 1)
                continue
        merged.append(span)
    # "the regional Police": a lower-case modifier and a capitalised institution
    covered = {i for s in merged for i in range(s.start, s.end)}
    for token in doc[1:-1]:
        nxt = doc[token.i + 1]
        if (
            token.is_lower and token.lower_ in lexicon.institution_modifiers and doc[token.i - 1].lower_ == "the"
            and nxt.is_title and nxt.lower_ in lexicon.institutions and _free(token.i, covered) and _free(nxt.i, covered)
            and not (token.i + 2 < len(doc) and doc[token.i + 2].is_title)
        ):
            merged.append(Span(doc, token.i, token.i + 2, label=lexicon.institutions[nxt.lower_], kb_id="rule", span_id=""))
    return sorted(merged, key=lambda s: s.start)


#: words of a region's name that are part of its title, not of its place ("Autonomous Region")
_REGION_TITLE = {"autonomous", "special", "administrative", "federal", "capital"}
#: region words that end other names too ("Islamic State", "Member State", "Rogue State")
_NOT_REGION_HEADS = {"state", "states"}


def region_names(doc: Doc, spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """ "Orrin Kessa Autonomous Region", "the Vell Oblast": a capitalised name that ends in a word
    for a region (``region_words`` in types.yml) is one Region, over the places and fragments the
    NER made of it ("Orrin" a city, "Kessa Autonomous Region" the rest).

    Examples
    --------
    >>> import spacy
    >>> from newskg.lexicon import load_lexicon
    >>> doc = spacy.blank("en")("Abuses in Vell's Orrin Kessa Autonomous Region must stop.")
    >>> [(s.text, s.label_) for s in region_names(doc, [Span(doc, 5, 8, label="Region")], load_lexicon())]
    [('Orrin Kessa Autonomous Region', 'Region')]
    """
    spans = sorted(spans, key=lambda s: s.start)
    at = {i: span for span in spans for i in range(span.start, span.end)}
    places = {"City", "Place", "Region"}
    replaced: set[Span] = set()
    found: list[Span] = []
    for head in doc:
        if not (head.is_title and head.lower_ in lexicon.region_words) or head.i == 0 or head.lower_ in _NOT_REGION_HEADS:
            continue
        if all(t.is_title for t in _line(doc, head.i) if t.is_alpha and len(t) > 3):
            continue  # a heading in Title Case ("Outlines Strategy For The Vell Crisis Region") names nothing by its case
        start = head.i
        while start - 1 >= 0 and start - 1 > head.i - 6:
            word = doc[start - 1]
            # capitalised words of the name; a sentence's first word only if it is a name ("The" is not)
            if not word.is_title or (word.is_sent_start and word.pos_ != "PROPN") or word.lower_ in lexicon.region_words:
                break
            inside = at.get(start - 1)
            if inside is not None and inside.label_ not in places:
                break
            start -= 1
        words = [t.lower_ for t in doc[start : head.i]]
        if not words or all(w in _REGION_TITLE for w in words) or lexicon.country_of(doc[start : head.i].text):
            continue  # "the Autonomous Region" names no place; a country's name stays the country's
        region = Span(doc, start, head.i + 1, label="Region", kb_id="rule")
        covered = {at[i] for i in range(start, head.i + 1) if i in at}
        if any(s.label_ not in places or s.start < start or s.end > head.i + 1 for s in covered):
            continue  # part of a longer name, or of an organisation's
        replaced |= covered
        found.append(region)
    if not found:
        return spans
    return sorted([s for s in spans if s not in replaced] + found, key=lambda s: s.start)


def _line(doc: Doc, i: int, reach: int = 40) -> Span:
    """The line of text token ``i`` stands in, at most ``reach`` tokens either side (a heading
    is short: a longer line is cut there, and read as the prose it is)."""
    start, end = i, i + 1
    while start > 0 and i - start < reach and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    while end < len(doc) and end - i < reach and "\n" not in doc[end - 1].text_with_ws:
        end += 1
    return doc[start:end]


def peer_names(doc: Doc, spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """"Lord (Karel) Vost of Strelsau": a peer's name runs to the place of the title, which is
    part of the name, not an actor of its own."""
    out = list(spans)
    for token in doc:
        if token.lower_ not in _PEERAGE or not token.is_title:
            continue
        i = token.i + 1
        if i + 2 < len(doc) and doc[i].text == "(":
            close = next((k for k in range(i + 1, min(i + 5, len(doc))) if doc[k].text == ")"), None)
            if close is None:
                continue
            i = close + 1
        start = i
        while i < len(doc) and doc[i].is_title and doc[i].is_alpha and i - start < 3:
            i += 1
        if i == start:
            continue
        if i + 1 < len(doc) and doc[i].lower_ == "of" and doc[i + 1].is_title:
            i += 2
            while i < len(doc) and doc[i].is_title and doc[i].is_alpha and not doc[i].is_sent_start:
                i += 1
        person = Span(doc, start, i, label="Person", kb_id="rule", span_id="")
        out = [s for s in out if not (s.start < person.end and person.start < s.end)] + [person]
        doc.user_data.setdefault("newskg_titles", {})[(person.start, person.end)] = token.text
    return sorted(out, key=lambda s: s.start)


def repair_pattern_match(ent: Span, lexicon: Lexicon) -> list[Span]:
    """Cut a pattern match that ran over two names: "the X and the Y", and a name "... of
    <country>" that went on into the next name ("Armed Forces of Ruritania Karel Vost")."""
    if not ent.ent_id_.startswith("pattern:") or len(ent) < 5:
        return [ent]
    doc = ent.doc
    for i in range(ent.start + 1, ent.end - 2):
        if doc[i].lower_ == "and" and doc[i + 1].lower_ == "the":
            return repair_pattern_match(Span(doc, ent.start, i, label=ent.label_, span_id=ent.ent_id_), lexicon) + [
                Span(doc, i + 2, ent.end, label=ent.label_, span_id=ent.ent_id_)
            ]
    for i in range(ent.start + 1, ent.end - 1):
        if doc[i].lower_ != "of":
            continue
        j = i + 1 + (doc[i + 1].lower_ == "the")
        for n in (3, 2, 1):
            if j + n < ent.end and lexicon.country_of(doc[j : j + n].text) is not None:
                rest = Span(doc, j + n, ent.end, label="PERSON")
                pieces = [Span(doc, ent.start, j + n, label=ent.label_, span_id=ent.ent_id_)]
                if len(rest) >= 2 and all(t.is_title for t in rest):
                    pieces.append(rest)
                return pieces
    return [ent]


def role_anchored_people(doc: Doc, lexicon: Lexicon) -> list[Span]:
    """Names the NER missed but a title anchors: "Ilsa Vandermeer, Executive Director of ...",
    "spokesperson Tomas Brandt", "Mara Quill, a political analyst", "human rights defender Leyla
    Orrin" (the titles are ``roles.yml``'s and ``names.yml``'s)."""
    roles = lexicon.person_titles
    longest = max((len(t.split()) for t in roles), default=1)
    people: list[Span] = []

    def name_run(start: int, step: int) -> Span | None:
        i = start
        tokens = []
        while (
            0 <= i < len(doc)
            and len(tokens) < 4
            and doc[i].is_title
            and (doc[i].is_alpha and doc[i].pos_ == "PROPN" or re.fullmatch(r"[A-Z]\.", doc[i].text) is not None)
            and doc[i].lower_ not in roles
        ):
            tokens.append(i)
            i += step
        if len(tokens) < 2:
            return None
        lo, hi = min(tokens), max(tokens) + 1
        if not (doc[lo].is_alpha and doc[hi - 1].is_alpha):
            return None  # an initial sits inside a name ("Anna K. Lorne"), never at its ends
        if doc[lo].is_sent_start and step < 0 and len(tokens) > 3:
            return None
        return Span(doc, lo, hi, label="Person", kb_id="rule")

    firsts = {title.split()[0] for title in roles}
    lowered = [t.lower_ for t in doc]
    for i, token in enumerate(doc):
        if lowered[i] not in firsts:
            continue
        for n in range(longest, 0, -1):
            if i + n > len(doc):
                continue
            title = " ".join(lowered[i : i + n])
            if title not in roles:
                continue
            # "NAME, [a|the|former ...] TITLE"
            j = i - 1
            while j >= 0 and (doc[j].pos_ in {"DET", "ADJ"} or doc[j].lower_ in lexicon.former_words) and doc[j].text != ",":
                j -= 1
            if j >= 1 and doc[j].text == ",":
                span = name_run(j - 1, -1)
                if span is not None:
                    people.append(span)
            # "TITLE NAME" ("spokesperson Tomas Brandt", "journalist Otto Renn")
            after = i + n
            if after < len(doc) and doc[after].is_title and not doc[after].is_sent_start:
                span = name_run(after, 1)
                if span is not None and (span.end >= len(doc) or not doc[span.end].is_title):
                    people.append(span)
            break
    unique: dict[tuple[int, int], Span] = {}
    for span in people:
        unique.setdefault((span.start, span.end), span)
    return [s for s in unique.values() if lexicon.country_of(s.text) is None]
