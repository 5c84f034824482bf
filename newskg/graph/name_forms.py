"""How the canonical merge reads one written name, and what it calls and types an actor.

A name's family (person, organisation, place, instrument), whether it is an acronym, the country
it is qualified by ("Ruritanian Grand Assembly"), its singular; the label an actor is shown by and
the one its IRI is made from (:func:`choose_label`), and the class its mentions vote for
(:func:`vote`).
"""

from __future__ import annotations

import re
from collections import Counter

from newskg.extract.classes import ORGANISATIONS, PARENT_CLASS, PLACES
from newskg.graph.keys import name_key
from newskg.lexicon import Lexicon

__all__ = [
    "family", "is_acronym", "acronym_key", "choose_label", "vote",
    "strip_country", "singular", "head_or_the", "is_name", "first_word",
]


def family(cls: str) -> str:
    if cls == "Person":
        return "person"
    if cls in PLACES:
        return "place"
    if cls in {"Law", "Programme"}:
        return "instrument"
    return "org" if cls in ORGANISATIONS else cls.lower()


def is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 10 and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1) and " " not in text


def acronym_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower().rstrip("s") if text.endswith("s") and text[:-1].isupper() else text.lower())


def choose_label(forms: Counter[str], cls: str, lexicon: Lexicon, *, steady: bool = False) -> str:
    """The name an actor is shown by: the best-formed of its names, the most written among equals.

    With ``steady``, the name its id is made from: counts weigh only by their order of magnitude
    (1, 2–3, 4–7 …) and ties go to the longer, then the alphabetically first form, so one more
    article that writes the other spelling does not give an actor a new IRI (and rewrite every
    document that names it) each time two spellings are nearly as common.
    """

    def count(form: str) -> int:
        return forms[form].bit_length() if steady else forms[form]

    def score(form: str) -> tuple:
        words = form.split()
        proper = not form.isupper() or len(words) == 1
        acronym = is_acronym(form)
        qualified = strip_country(name_key(form, lexicon), lexicon)[1] is not None
        if cls == "Person":
            # a name, not an office written out ("Special Rapporteur on the situation in Vell")
            office = any(" ".join(words[:n]).lower() in lexicon.titles | lexicon.offices for n in (1, 2, 3))
            proper = all(w[:1].isupper() or len(w) <= 3 for w in words) and not office
            spelled_out = not any(re.fullmatch(r"[A-Z]\.?", w) for w in words)  # "Oskar Lenz" before "O. Lenz"
            if steady:
                return (proper, len(words), spelled_out, count(form), len(form), alphabetically_first(form))
            return (proper, len(words), spelled_out, forms[form], -len(form))
        # a short form of another name in the group ("Council" of "NMU Council") is not the label
        part = len(words) == 1 and any(other != form and len(other) > len(form) and other.lower().endswith(" " + form.lower()) for other in forms if forms[other])
        # a name as written before a description in lower case ("Vellish government" before
        # "government of Vell", "authorities of Vell")
        capitalised = form[:1].isupper()
        return (proper and not acronym, not part, capitalised, count(form), -qualified, len(form)) + ((alphabetically_first(form),) if steady else ())

    return max(forms, key=score)


def alphabetically_first(form: str) -> tuple[int, ...]:
    """A key under which ``max`` picks the alphabetically first form."""
    return tuple(-ord(ch) for ch in form)


def first_word(form: str) -> str:
    """The first word of a written name, after "the": ``"the NMU Council"`` -> ``"NMU"``."""
    words = form.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return words[0] if words else ""


def head_or_the(key: str) -> bool:
    """Whether a name's last word may stand for it alone: its head ("Vell Commission"), or a
    complement with "the" ("Department of the Waterways"), not a place it is "of" ("Board of Vell").

    Examples
    --------
    >>> head_or_the("vell commission"), head_or_the("department of the waterways"), head_or_the("board of vell")
    (True, True, False)
    """
    words = key.split()
    return not set(words[:-1]) & {"of", "for", "on"} or words[-2:-1] == ["the"]


def is_name(form: str) -> bool:
    """A proper name has a capital letter or a number ("resolution 41/7"), or is written in a
    script without case."""
    return any(ch.isupper() or ch.isdigit() for ch in form) or not any(ch.isascii() and ch.isalpha() for ch in form)


def singular(key: str) -> str:
    """Crude plural folding for comparing names: "associations" -> "association".

    Examples
    --------
    >>> singular("law on harbours and ngos")
    'law on harbour and ngo'
    """
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in key.split())


def vote(votes: Counter[str]) -> str:
    """The winning class; a specific class beats its generic parent when both are voted for."""
    if not votes:
        return "Organization"
    totals = Counter(votes)
    for cls, weight in votes.items():
        parent = PARENT_CLASS.get(cls)
        if parent and parent in totals:
            totals[cls] += totals[parent]
    return max(totals, key=lambda c: (totals[c], c != "Organization", c))


def strip_country(key: str, lexicon: Lexicon) -> tuple[str, str | None]:
    """Split "grand assembly of the kingdom of norway" into ("grand assembly", "Norway").

    Examples
    --------
    >>> from newskg.lexicon import load_lexicon
    >>> lex = load_lexicon()
    >>> strip_country("norwegian grand assembly", lex), strip_country("grand assembly of norway", lex)
    (('grand assembly', 'Norway'), ('grand assembly', 'Norway'))
    >>> strip_country("equitable norway", lex)
    ('equitable norway', None)
    """
    words = key.split()
    match = re.fullmatch(r"(.+?) of (?:the )?(?:(?:kingdom|republic|state|government|people s republic|federation) of )?(.+)", key)
    if match and lexicon.country_of(match.group(2)):
        return match.group(1), lexicon.country_of(match.group(2))
    for n in (3, 2, 1):
        if len(words) > n:
            head = " ".join(words[:n])
            country = lexicon.country_of(head)
            if country:
                return " ".join(words[n:]), country
    return key, None
