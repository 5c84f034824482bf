"""Names the NER stopped short of: "Follow-up Mechanism", "Ministry of the Interior", "Vell's 13th
High Criminal Court", "the federal Police", "Lord (Karel) Vost of Strelsau"."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newskg.lexicon import Lexicon

__all__ = ["extend_names", "peer_names"]

_ORG_LIKE = {"Organization", "GovernmentBody", "Court", "NGO", "MediaOrganization", "PoliticalParty", "IntergovernmentalOrganization", "Programme", "Law"}
_PEERAGE = {"lord", "lady", "baroness", "baron", "viscount", "viscountess", "earl", "countess", "marquess"}


def _free(i: int, covered: set[int]) -> bool:
    return i not in covered


def extend_names(doc: Doc, spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """Widen organisation names over what the NER left out of them:

    * a hyphenated word and the capitalised words after it ("Follow" + "-up Mechanism");
    * "of the" and a capitalised run no other span covers ("Vell Ministry" + "of the Interior");
    * a city's possessive before a court or body ("Strelsau" + "'s 13th" + "High Court");
    * a lower-case modifier before a capitalised institution ("the federal Police").
    """
    spans = sorted(spans, key=lambda s: s.start)
    covered = {i for s in spans for i in range(s.start, s.end)}
    out: list[Span] = []
    for span in spans:
        if span.label_ in _ORG_LIKE:
            end = span.end
            if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ and doc[end + 1].is_alpha:
                end += 2
                while end < len(doc) and doc[end].is_title and _free(end, covered) and doc[end - 1].whitespace_:
                    end += 1
            if end + 2 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].lower_ == "the" and doc[end + 2].is_title and _free(end + 2, covered):
                k = end + 2
                while k < len(doc) and doc[k].is_title and _free(k, covered) and not doc[k].is_sent_start:
                    k += 1
                if k - (end + 2) <= 3 and lexicon.country_of(doc[end + 2 : k].text) is None:
                    end = k
            if end != span.end:
                span = Span(doc, span.start, end, label=span.label_, kb_id=span.kb_id_, span_id=span.id_)
        out.append(span)
    # "Strelsau's 13th High Criminal Court": one court
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
    # "the federal Police": a lower-case modifier and a capitalised institution
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
