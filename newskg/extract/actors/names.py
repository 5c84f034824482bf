"""Where a name starts and ends: honorifics and titles split off, particles kept inside, names
the NER cut in two joined, footnote markers left out."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from newskg.lexicon import Lexicon

__all__ = ["TITLES", "split_title", "join_particle_names", "is_title_word", "strip_footnote"]

#: ``doc.user_data`` key: ``{(start, end): title}`` for person spans a title was split off.
TITLES = "newskg_titles"

_FOOTNOTE = re.compile(r"^(?:\[\d{1,3}\]?|\(\d{1,3}\)?|\*+|†|‡|\d{1,3})$")


def _phrase_at(tokens: list[str], i: int, phrases: frozenset[str], longest: int = 4) -> int:
    """Length of the longest phrase of ``phrases`` starting at ``tokens[i]`` (0 if none); a
    hyphen the tokenizer split off is joined back ("vice - president" is "vice-president").

    Examples
    --------
    >>> _phrase_at(["the", "vice", "-", "president"], 1, frozenset({"vice-president"}))
    3
    """
    for n in range(min(longest, len(tokens) - i), 0, -1):
        phrase = " ".join(tokens[i : i + n])
        if phrase in phrases or (" - " in phrase and phrase.replace(" - ", "-") in phrases):
            return n
    return 0


def is_title_word(text: str, lexicon: Lexicon) -> bool:
    """Whether ``text`` is an honorific or a title alone ("Madam", "Counsellor", "Rapporteur").

    Examples
    --------
    >>> from newskg.lexicon import load_lexicon
    >>> lex = load_lexicon()
    >>> is_title_word("Madam", lex), is_title_word("Chargé d'Affaires", lex), is_title_word("Ilsa", lex)
    (True, True, False)
    """
    key = " ".join(text.lower().replace("’", "'").split()).strip(".")
    return key in lexicon.honorifics or key in lexicon.titles or key.rstrip("s") in lexicon.titles


def _name_token(token) -> bool:
    return (token.is_title or token.is_upper and len(token) > 1 or re.fullmatch(r"[A-Z]\.", token.text) is not None) and not token.is_punct


def split_title(span: Span, lexicon: Lexicon) -> tuple[Span, str | None]:
    """Split leading honorifics and titles (and a title's "of <country>") off a name.

    Returns the name span and the title text, or the span unchanged and ``None``. A span that
    would be left without a capitalised name token is returned unchanged: the caller decides
    whether a title alone is junk.

    Examples
    --------
    >>> import spacy
    >>> from newskg.lexicon import load_lexicon
    >>> doc = spacy.blank("en")("Attorney General of Guatemala Ilsa Vandermeer spoke")
    >>> name, title = split_title(Span(doc, 0, 6, label="PERSON"), load_lexicon())
    >>> name.text, title
    ('Ilsa Vandermeer', 'Attorney General of Guatemala')
    """
    doc = span.doc
    lowered = [t.lower_.replace("’", "'") for t in span]
    i = 0
    while i < len(span):
        n = _phrase_at(lowered, i, lexicon.honorifics) or _phrase_at(lowered, i, lexicon.titles)
        if not n:
            # "Rights Spokesperson Anna Vell": a title further in, with the name after it
            later = [j for j in range(i + 1, len(span)) if _phrase_at(lowered, j, lexicon.titles | lexicon.honorifics)]
            if later and i == 0 and not span[0].is_upper:
                j = later[-1]
                n_j = _phrase_at(lowered, j, lexicon.titles | lexicon.honorifics)
                if j + n_j < len(span) and all(_name_token(t) for t in span[j + n_j :]):
                    i = j + n_j
            break
        i += n
        # "Attorney General of Ruritania Karel Vost": the title's qualifier goes with it
        if i < len(span) - 1 and lowered[i] == "of":
            j = i + 1
            while j < len(span) - 1 and lexicon.country_of(span[i + 1 : j + 1].text) is None:
                j += 1
            if lexicon.country_of(span[i + 1 : j + 1].text) is not None and j + 1 < len(span):
                i = j + 1
    # "Ruritania Ilsa Vandermeer": a country the NER glued to the front of a name
    if (
        i < len(span) - 2 and span.label_ in {"PERSON", "ORG"} and lexicon.country_of(span[i].text) is not None
        and not any(t.lower_ in lexicon.name_heads for t in span)
        and span[i].lower_ not in lexicon.demonyms and lexicon.country_of(span[i : i + 2].text) is None
    ):
        i += 1
    if i == 0 or i >= len(span):
        return span, None
    rest = span[i:]
    if not any(_name_token(t) for t in rest) or rest[0].is_punct or rest[0].is_lower:
        return span, None  # "Minister of Foreign Affairs Anna Lorne": where the title ends is unknown
    title = doc[span.start : span.start + i].text
    return Span(doc, span.start + i, span.end, label=span.label_, kb_id=span.kb_id_, span_id=span.id_), title


def join_particle_names(spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """Keep particles inside names: "Ilsa Vandermeer" + "de la Cruz", "Maria Lenz" + "Argueta de
    Porra" (the NER split one name in two) and a name followed by "bin Talal"."""
    spans = sorted(spans, key=lambda s: s.start)
    out: list[Span] = []
    starts = {s.start: s for s in spans}
    skip: set[int] = set()
    for span in spans:
        if id(span) in skip:
            continue
        if span.label_ != "Person":
            out.append(span)
            continue
        doc = span.doc
        end = span.end
        while end < len(doc):
            j = end
            particles = 0
            while j < len(doc) and doc[j].lower_ in lexicon.particles and doc[j].is_lower and particles < 3:
                j += 1
                particles += 1
            if j >= len(doc) or not (doc[j].is_title and doc[j].is_alpha) or not doc[j - 1].whitespace_:
                break
            other = starts.get(end)
            if particles == 0 and (other is None or other.label_ != "Person"):
                break  # two names side by side join only when the NER took both for people
            if other is not None and other.start == end:
                skip.add(id(other))
                end = other.end
            else:
                end = j + 1
        # "Omar al-Rashid": a particle glued by a hyphen is already one token; "bin" after a name
        if end != span.end:
            span = Span(doc, span.start, end, label="Person", kb_id=span.kb_id_, span_id=span.id_)
        out.append(span)
    return [s for s in out if id(s) not in skip]


def strip_footnote(span: Span) -> Span | None:
    """Drop footnote and reference markers glued to the end of a name ("Ruritania[1",
    "experts*"); numbers that belong to a name ("Section 482") stay."""
    doc = span.doc
    end = span.end
    while end > span.start + 1:
        token = doc[end - 1]
        before = doc[end - 2]
        if token.text in {"[", "(", "*", "**", "†", "‡"} or _FOOTNOTE.match(token.text) and token.text[0] in "[(*":
            end -= 1
        elif re.fullmatch(r"\d{1,3}\]?", token.text) and before.text in {"[", "("} and not before.whitespace_:
            end -= 1
        else:
            break
    if end == span.end:
        return span
    return Span(doc, span.start, end, label=span.label_, kb_id=span.kb_id_, span_id=span.id_)


def titles_of(doc: Doc) -> dict[tuple[int, int], str]:
    """The titles split off person spans of ``doc``, by (start, end) token offsets."""
    return doc.user_data.setdefault(TITLES, {})
