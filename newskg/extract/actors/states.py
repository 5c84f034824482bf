"""States and their institutions: "<City> court", "<demonym> national police", "<Name> prison",
"the military junta", and a capital standing for its government ("Strelsau detained ...")."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from newskg.extract.classes import PLACES
from newskg.lexicon import Lexicon, demonym_stem

__all__ = ["local_demonyms", "institution_spans", "detention_spans", "generic_government_spans", "capital_governments", "main_country"]



def _phrase_after(doc: Doc, i: int, phrases: dict[str, str] | frozenset[str], longest: int = 4) -> int:
    for n in range(min(longest, len(doc) - i), 0, -1):
        words = [t.lower_.replace("’", "'") for t in doc[i : i + n]]
        if " ".join(words) in phrases:
            return n
    return 0


def institution_spans(doc: Doc, spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """A place or demonym followed by a state institution is that institution: "the Strelsau
    court", "Vell police", "the Ruritanian national police", and so is "the <institution> of" a
    place ("the foreign ministry of Vell"); typed GovernmentBody or Court.

    Returns the spans with each such place span widened over its institution; demonyms the NER
    left out of ``spans`` are looked up in the text.
    """
    out: list[Span] = []
    candidates: list[tuple[int, int, Span | None]] = [(s.start, s.end, s) for s in spans if s.label_ in PLACES]
    # bodies that send representations: states and organisations ("the NMU delegation")
    bodies = [s for s in spans if s.label_ in {"IntergovernmentalOrganization", "Country", "Organization", "GovernmentBody"}]
    covered = {i for s in spans for i in range(s.start, s.end)}
    local = local_demonyms(doc, spans, lexicon)
    place_names = {s.text for s in spans if s.label_ in PLACES}
    # "the Strelsau court": a one-word name the NER typed as an organisation because of the
    # institution after it, or that the text names as a place elsewhere
    candidates += [
        (s.start, s.end, s) for s in spans
        if len(s) == 1 and s.label_ not in PLACES | {"Person"} and s[0].is_title
        and (s.text in place_names or s.kb_id_ == "ner" and s.end < len(doc) and doc[s.end].is_lower)
    ]
    for token in doc:
        if token.i in covered or not token.is_title:
            continue
        if token.lower_ in lexicon.demonyms or token.text in local:
            candidates.append((token.i, token.i + 1, None))
        elif _demonym_like(token, lexicon) and _phrase_after(doc, token.i + 1, lexicon.government_words):
            # "the Vellish government": a capitalised adjective of nationality before a government word
            local[token.text] = token.text
            candidates.append((token.i, token.i + 1, None))
    widened: dict[int, Span] = {}
    phrases = {**{w: "GovernmentBody" for w in lexicon.government_words}, **lexicon.institutions}
    for start, end, span in candidates:
        j = end
        while j < len(doc) and doc[j].lower_ in lexicon.institution_modifiers and doc[j].is_lower:
            j += 1
        n = _phrase_after(doc, j, phrases)
        if not n:
            continue
        head = doc[j + n - 1]
        if not (head.is_lower or head.is_title) or head.pos_ == "ADJ" and head.i + 1 < len(doc) and doc[head.i + 1].pos_ == "NOUN":
            continue  # "Ruritanian military presence": an adjective, not an actor
        if j + n < len(doc) and doc[j + n].is_title and doc[j + n].pos_ == "PROPN":
            continue  # "Vell Police Chief Anton": part of a longer name or title
        if j + n < len(doc) and doc[j + n].is_lower and doc[j + n].pos_ == "NOUN" and head.dep_ == "compound":
            continue  # "the Vell court case": the institution word modifies another noun
        phrase = " ".join(t.lower_.replace("’", "'") for t in doc[j : j + n])
        cls = phrases[phrase]
        if span is None and not local.get(doc[start].text) and doc[start].lower_ in lexicon.demonyms and phrase in lexicon.government_words:
            continue  # known demonyms with government words are the entity ruler's patterns
        new = Span(doc, start, j + n, label=cls, kb_id="rule", span_id="")
        if span is not None:
            widened[id(span)] = new
        elif not any(start < s.end and s.start < j + n for s in spans):
            out.append(new)
    for span in spans:
        # "the Vost regime", "the Kessel administration": the government a person heads, named by
        # them (not the government of the country the text is about: that may be the writer's)
        if span.label_ == "Person" and id(span) not in widened and span.end < len(doc) and span.root.head.i == span.end:
            word = doc[span.end]
            if word.is_lower and word.lower_ in lexicon.government_words and not (span.end + 1 < len(doc) and doc[span.end + 1].pos_ in {"NOUN", "PROPN"} and word.dep_ == "compound"):
                widened[id(span)] = Span(doc, span.start, span.end + 1, label="GovernmentBody", kb_id="rule", span_id="")
    for span in bodies:
        # "the Vell Union delegation": a body's representation acts for it
        n = _phrase_after(doc, span.end, lexicon.representations, longest=2)
        if n and doc[span.end].is_lower and id(span) not in widened:
            widened[id(span)] = Span(doc, span.start, span.end + n, label="GovernmentBody", kb_id="rule", span_id="")
    for span in spans:
        # "the interior ministry of Vell", "the police of Strelsau", "the government of Vell": the
        # institution before its place
        if span.label_ in PLACES and id(span) not in widened and span.start >= 3 and doc[span.start - 1].lower_ == "of":
            for n in (3, 2, 1):
                start = span.start - 1 - n
                words = doc[max(start, 0) : span.start - 1]
                phrase = " ".join(t.lower_.replace("’", "'") for t in words)
                cls = lexicon.institutions.get(phrase) or ("GovernmentBody" if phrase in lexicon.government_words else None)
                if start >= 1 and doc[start - 1].lower_ == "the" and all(t.is_lower for t in words) and cls is not None:
                    widened[id(span)] = Span(doc, start, span.end, label=cls, kb_id="rule", span_id="")
                    break
    countries = {name for demonym, name in local.items() if name != demonym}
    # a nationality word alone ("the Vellish opposition") is not an actor, as for known demonyms
    spans = [s for s in spans if not (len(s) == 1 and s.text in local and id(s) not in widened)]
    result = [
        Span(doc, s.start, s.end, label="Country", kb_id=s.kb_id_, span_id=s.id_) if s.text in countries and len(s) == 1 else s
        for s in (widened.get(id(s), s) for s in spans)
    ]
    return _drop_covered(result + out)


_DEMONYM_SUFFIXES = ("ish", "ian", "ese", "ean", "an", "i")


def _demonym_like(token: Token, lexicon: Lexicon) -> bool:
    """A capitalised word shaped like a nationality ("Vellish", "Ruritanian", "Korrinese")."""
    low = token.lower_
    return (
        len(low) >= 5 and low.endswith(_DEMONYM_SUFFIXES) and low not in lexicon.institution_modifiers
        and low not in lexicon.not_actors and low not in lexicon.not_demonyms and (token.pos_ in {"ADJ", "PROPN"} or token.ent_type_ == "NORP")
        and not token.is_sent_start
    )


def local_demonyms(doc: Doc, spans: list[Span], lexicon: Lexicon) -> dict[str, str]:
    """Demonyms of places the lexicon does not know, learnt from the text: "Ruritanian" beside
    "Ruritania" (a place with a demonym of its own is a country)."""
    places = {
        s.text: s for s in spans
        if s.label_ in PLACES | {"Organization"} and len(s) == 1 and s[0].is_title and lexicon.country_of(s.text) is None
    }
    stems: dict[str, str] = {}
    for name in sorted(places, key=len, reverse=True):
        stems[demonym_stem(name)] = name  # the shortest name of a stem is the country ("Vell", not "Vellish")
    found: dict[str, str] = {}
    inside_names = {i for s in spans if len(s) > 1 for i in range(s.start, s.end)}
    for token in doc:
        if not token.is_title or token.lower_ in lexicon.demonyms or len(token) < 5:
            continue
        if token.lower_ in lexicon.not_demonyms or token.i in inside_names:
            continue  # "Ruritanian" of "Ruritanian Union" says nothing about a country "Ruritania"
        name = stems.get(demonym_stem(token.text))
        if name and len(token.text) > len(name) and token.text.lower().startswith(demonym_stem(name)):
            found[token.text] = name
    return found


def detention_spans(doc: Doc, spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """"the Marrow prison complex", "Vell Prison": a capitalised name before a detention head is
    one place of detention (GovernmentBody: a state institution that acts)."""
    by_end = {s.end: s for s in spans}
    out = list(spans)
    firsts = {w.split()[0] for w in lexicon.detention_heads}
    for i, token in enumerate(doc):
        if token.lower_ not in firsts:
            continue
        n = _phrase_after(doc, i, lexicon.detention_heads, longest=2)
        if not n or i == 0:
            continue
        j = i
        while j > 0 and doc[j - 1].is_title and doc[j - 1].pos_ in {"PROPN", "NOUN"} and not doc[j - 1].is_sent_start:
            j -= 1
        if j > 0 and doc[j - 1].is_title and doc[j - 1].is_sent_start and doc[j - 1].pos_ == "PROPN":
            j -= 1
        start = by_end[i].start if i in by_end else j
        if start == i:
            continue
        new = Span(doc, start, i + n, label="GovernmentBody", kb_id="rule", span_id="")
        out = [s for s in out if not (s.start < new.end and new.start < s.end)] + [new]
    return sorted(out, key=lambda s: s.start)


def main_country(spans: list[Span], lexicon: Lexicon) -> str | None:
    """The country a document names most often, by name or demonym (first named on a tie)."""
    counts: Counter[str] = Counter()
    order: dict[str, int] = {}
    for span in spans:
        country = lexicon.country_of(span.text) if span.label_ in {"Country", "GovernmentBody"} else None
        if country is None and span.label_ == "GovernmentBody":
            found = lexicon.government_of(span.text)
            country = found[0] if found else None
        if country:
            counts[country] += 1
            order.setdefault(country, span.start)
    return max(counts, key=lambda c: (counts[c], -order[c])) if counts else None


def generic_government_spans(doc: Doc, spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """"the military junta", "the transitional government": a government the text names only
    by a generic phrase is the government of the document's main country, when it has one."""
    country = main_country(spans, lexicon)
    if country is None:
        return []
    covered = {i for s in spans for i in range(s.start, s.end)}
    generic = sorted((w for w in lexicon.government_words if " " in w), key=len, reverse=True)
    found: list[Span] = []
    generic_set = frozenset(generic)
    firsts = {w.split()[0] for w in generic}
    for token in doc:
        if token.lower_ != "the" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ not in firsts:
            continue
        n = _phrase_after(doc, token.i + 1, generic_set)
        if not n or any(i in covered for i in range(token.i + 1, token.i + 1 + n)):
            continue
        end = token.i + 1 + n
        if end + 1 < len(doc) and doc[end].lower_ == "of":
            # "the transitional government of Vell" names its own place
            place_end = end + 1
            while place_end < len(doc) and doc[place_end].is_title and doc[place_end].pos_ == "PROPN":
                place_end += 1
            if end + 1 < place_end <= end + 4 and lexicon.country_of(doc[end + 1 : place_end].text) is None:
                found.append(Span(doc, token.i + 1, place_end, label="GovernmentBody", kb_id="rule", span_id=""))
            continue
        if end < len(doc) and doc[end].is_title:
            continue
        demonym = lexicon.demonym_of.get(country, country)
        framing = doc[end - 1].lower_
        found.append(Span(doc, token.i + 1, end, label="GovernmentBody", kb_id="rule", span_id=f"{demonym} {framing}"))
    return found


_NOT_ACTS = {"be", "have", "host", "lie", "remain"}


def _acts(root: Token) -> bool:
    """Whether a name is the one who acts: the subject of a verb other than a verb of being
    (also as its second subject: "Washington and Strelsau imposed ..."), or the one a verb asks
    to act ("urged Strelsau to release", "called on Strelsau to free")."""
    subject = root.head if root.dep_ == "conj" and root.head.dep_ == "nsubj" else root
    if subject.dep_ == "nsubj":
        return subject.head.pos_ == "VERB" and subject.head.lemma_ not in _NOT_ACTS
    verb = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "on" else root.head if root.dep_ == "dobj" else None
    return verb is not None and verb.pos_ == "VERB" and any(c.dep_ == "xcomp" and c.i > root.i for c in verb.children)


def capital_governments(spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """A capital that acts stands for its country's government: "Strelsau detained ...",
    "Brussels urged Strelsau to release ..." (see :func:`_acts`); a capital that is only where
    something happens stays a city.

    Examples
    --------
    >>> import spacy
    >>> from newskg.lexicon import load_lexicon
    >>> lexicon = load_lexicon()
    >>> doc = spacy.blank("en")("The Union urged Minsk to free them in Minsk .")
    >>> for token, (pos, dep, head) in zip(doc, [("DET", "det", 1), ("PROPN", "nsubj", 2), ("VERB", "ROOT", 2), ("PROPN", "dobj", 2),
    ...         ("PART", "aux", 5), ("VERB", "xcomp", 2), ("PRON", "dobj", 5), ("ADP", "prep", 5), ("PROPN", "pobj", 7), ("PUNCT", "punct", 2)]):
    ...     token.pos_, token.dep_, token.head, token.lemma_ = pos, dep, doc[head], token.lower_
    >>> [(s.text, s.label_) for s in capital_governments([Span(doc, 3, 4, label="City"), Span(doc, 8, 9, label="City")], lexicon)]
    [('Minsk', 'GovernmentBody'), ('Minsk', 'City')]
    """
    out = []
    for span in spans:
        country = lexicon.capitals.get(span.text.lower())
        after = span.doc[span.end].text if span.end < len(span.doc) else ""
        if (
            country and not span.text.isupper() and after not in {"(", "—", "–", "-", ",", ":"}  # not a dateline
            and span.label_ in PLACES | {"Organization"} and _acts(span.root)
        ):
            demonym = lexicon.demonym_of.get(country, country)
            span = Span(span.doc, span.start, span.end, label="GovernmentBody", kb_id="rule", span_id=f"{demonym} government")
        out.append(span)
    return out


def _drop_covered(spans: list[Span]) -> list[Span]:
    ordered = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Span] = []
    for span in ordered:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept
