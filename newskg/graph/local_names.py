"""Names that hold inside one document: short forms of a full name given in the same text, other
names the text defines for an actor, and near-spellings of one long name."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from newskg.extract.classes import ORGANISATIONS
from newskg.extract.models import DocumentExtraction
from newskg.graph.name_forms import is_acronym
from newskg.lexicon import Lexicon, demonym_stem

__all__ = ["local_names", "near_spellings", "is_near_spelling", "state_key", "fold"]



def fold(text: str) -> list[str]:
    """Lower-cased words with accents and punctuation folded away.

    Examples
    --------
    >>> fold("Mira Al-Vandi’s"), fold("José Ébrard")
    (['mira', 'al', 'vandi'], ['jose', 'ebrard'])
    """
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"'s\b", "", text.lower())
    words = re.findall(r"[^\W_]+", text)
    return words[1:] if words[:1] == ["the"] else words


def state_key(text: str, label: str, lexicon: Lexicon) -> str | None:
    """The shared key of a country ("US" = "United States") or of its government ("Chilean regime"
    = "the Government of Chile"), else ``None``.

    Examples
    --------
    >>> from newskg.lexicon import load_lexicon
    >>> lex = load_lexicon()
    >>> state_key("the Chilean regime", "GovernmentBody", lex) == state_key("Government of Chile", "GovernmentBody", lex)
    True
    >>> state_key("U.S.", "Country", lex), state_key("Chilean police", "GovernmentBody", lex)
    ('country@United States', None)
    """
    if label in {"Country", "City", "Place", "Region", "Person", "Organization"}:
        country = lexicon.country_of(text)
        # a country's name (not its demonym) is the country whatever the NER called it
        if country and (label == "Country" or " ".join(fold(text)) not in lexicon.demonyms):
            return f"country@{country}"
        if label == "Country":
            return None
    if label in ORGANISATIONS:
        found = lexicon.government_of(text)
        if found:
            return f"government@{found[0]}"
        # a country the lexicon does not know: "Ruritanian authorities" = "Government of Ruritania"
        words = fold(text)
        generic = lexicon.institution_modifiers | lexicon.not_actors | lexicon.government_words
        if len(words) == 2 and words[1] in lexicon.government_words and text.split()[-2][:1].isupper() and words[0] not in generic:
            return f"government@~{demonym_stem(words[0])}"
        if len(words) == 3 and words[0] in lexicon.government_words and words[1] == "of" and words[2] not in generic:
            return f"government@~{demonym_stem(words[2])}"
    return None


def _is_part(short: list[str], full: list[str], particles: frozenset[str]) -> bool:
    """ "vandermeer" in "ilsa vandermeer de la cruz", "i vandermeer" (an initial), "ilsa"."""
    if not short or len(short) > len(full) or short[-1] in particles or short == full:
        return False
    n = len(short)
    if n < len(full) and any(full[i : i + n] == short for i in range(len(full) - n + 1)):
        return True
    # an initial and the surname: "i vandermeer"
    return n >= 2 and len(short[0]) == 1 and len(full[0]) > 1 and short[0] == full[0][0] and full[-(n - 1) :] == short[1:]


def is_near_spelling(a: list[str], b: list[str]) -> bool:
    """Two spellings of one long name: same length, same head word, one other word differing by a
    prefix ("Transition" / "Transitional") or one letter; or the shorter's words all in the longer
    with the same first and last word."""
    if len(a) < 2 or len(b) < 2 or a[-1] != b[-1]:
        return False
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b) if x != y]
        if len(diff) != 1:
            return False
        x, y = diff[0]
        if min(len(x), len(y)) >= 5 and (x.startswith(y) or y.startswith(x)):
            return True
        return min(len(x), len(y)) >= 5 and _one_edit(x, y)
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return len(short) >= 2 and short[0] == long[0] and set(short) <= set(long)


def _one_edit(x: str, y: str) -> bool:
    if abs(len(x) - len(y)) > 1:
        return False
    if len(x) == len(y):
        return sum(c != d for c, d in zip(x, y)) == 1
    longer, shorter = (x, y) if len(x) > len(y) else (y, x)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def local_names(extraction: DocumentExtraction, lexicon: Lexicon) -> dict[tuple[int, int], str]:
    """For mentions of one document that stand for a fuller name the same text gives, that name.

    * other names the text defines ("the Vell Brigade or “Black Caps”", "Section 7 of the X Act");
    * a person's surname, given name, initial and surname, or any run of words of the full name,
      when exactly one full name in the text fits ("Vandermeer" = "Ilsa Vandermeer de la Cruz");
    * a one-word organisation name that ends one longer name, or heads one "X of Y" name;
    * a near-spelling of a long name written elsewhere in the text ("Transition Council").

    Examples
    --------
    >>> from newskg.extract.models import DocumentExtraction, Mention, SourceDocument
    >>> from newskg.lexicon import load_lexicon
    >>> doc = SourceDocument("d", "d.txt", "d.txt", "0" * 64, "text/plain", 99)
    >>> ms = (Mention("Ilsa Vandermeer de la Cruz", "Person", 0, 26, 0), Mention("Vandermeer", "Person", 40, 50, 1))
    >>> local_names(DocumentExtraction(doc, (), ms), load_lexicon())
    {(40, 50): 'Ilsa Vandermeer de la Cruz'}
    """
    out: dict[tuple[int, int], str] = {}
    mentions = extraction.mentions
    by_key: dict[str, list] = {}
    for m in mentions:
        by_key.setdefault(" ".join(fold(m.text)), []).append(m)
    for definition in extraction.acronyms:
        if is_acronym(definition.short):
            continue
        for m in by_key.get(" ".join(fold(definition.short)), []):
            out[m.key] = definition.long_form
    people = Counter(" ".join(fold(m.text)) for m in mentions if m.label == "Person" and len(fold(m.text)) >= 2)
    full_names = {k: next(m.text for m in mentions if " ".join(fold(m.text)) == k) for k in people}
    orgs = {" ".join(fold(m.text)): m.text for m in mentions if m.label in ORGANISATIONS and len(fold(m.text)) >= 2}
    for m in mentions:
        if m.key in out:
            continue
        words = fold(m.text)
        key = " ".join(words)
        if m.label == "Person" or (len(words) <= 2 and m.source == "ner" and m.label not in {"Country"}):
            fits = [k for k in full_names if k != key and _is_part(words, k.split(), lexicon.particles)]
            # nested candidates ("khaled x" in "mohamed khaled x") are one person: take the longest
            fits = [k for k in fits if not any(k != o and k in o for o in fits)]
            if len(fits) == 1 and (m.label == "Person" or len(words) == 1 and words[0] == fits[0].split()[-1]):
                out[m.key] = full_names[fits[0]]
                continue
        if m.label in ORGANISATIONS and len(words) == 1 and not is_acronym(m.text) and words[0] not in lexicon.not_actors | lexicon.government_words:
            fits = [
                k for k in orgs
                # the word is the longer name's head: "Commission" of "Vell Commission", "Department"
                # of "Department of Waterways", not "Vell" of "Government of Vell"
                if k.split()[-1] == words[0] and (not set(k.split()[:-1]) & {"of", "for", "on"} or k.split()[-2:-1] == ["the"])
                or k.startswith(words[0] + " of ")
            ]
            fits = [k for k in fits if not any(k != o and o.endswith(" " + k) for o in fits)]
            if len(fits) == 1:
                out[m.key] = orgs[fits[0]]
                continue
    return out


def near_spellings(extraction: DocumentExtraction) -> list[tuple[str, str]]:
    """Pairs of surface forms of one document that spell one long name two ways ("Transition
    Council" / "Transitional Council", "NMU experts" / "NMU human rights experts"): the same actor
    wherever either appears, so the graph stage unites them.

    Examples
    --------
    >>> from newskg.extract.models import DocumentExtraction, Mention, SourceDocument
    >>> doc = SourceDocument("d", "d.txt", "d.txt", "0" * 64, "text/plain", 99)
    >>> ms = (Mention("Vell Transitional Council", "GovernmentBody", 0, 5, 0), Mention("Vell Transition Council", "GovernmentBody", 9, 12, 1))
    >>> near_spellings(DocumentExtraction(doc, (), ms))
    [('Vell Transition Council', 'Vell Transitional Council')]
    """
    pairs = []
    forms: dict[str, tuple[str, str]] = {}
    for m in extraction.mentions:
        forms.setdefault(" ".join(fold(m.text)), (m.text, "person" if m.label == "Person" else "org" if m.label in ORGANISATIONS else ""))
    keys = sorted(forms)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if forms[a][1] and forms[a][1] == forms[b][1] and is_near_spelling(a.split(), b.split()):
                pairs.append((forms[a][0], forms[b][0]))
    return pairs
