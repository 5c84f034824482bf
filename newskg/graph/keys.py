"""Name keys: how surface forms are folded before they are compared, and readable IRI slugs."""

from __future__ import annotations

import re
import unicodedata

from newskg.lexicon import Lexicon, fold_accents, load_lexicon

__all__ = ["slugify", "name_key", "initials", "initial_variants", "clean_surface", "STOP_INITIALS"]

_DETERMINERS = ("the ", "a ", "an ")
STOP_INITIALS = {"of", "and", "for", "the", "on", "in", "to", "de", "du", "des", "la", "at", "by", "&"}
_TRAILING_GENERIC = {"program", "scheme"}


def slugify(name: str) -> str:
    """A readable, stable IRI segment; letters of any script are kept.

    Examples
    --------
    >>> slugify("Anna Vell"), slugify("Lantern Alliance of Labour & Human Rights")
    ('anna-vell', 'lantern-alliance-of-labour-human-rights')
    >>> slugify("Rudolf Elphberg's"), slugify("ហ៊ុន សែន")
    ('rudolf-elphberg-s', 'ហ៊ុន-សែន')
    """
    folded = unicodedata.normalize("NFKD", name)
    out = []
    for ch in folded:
        cat = unicodedata.category(ch)
        if ch.isascii() and ch.isalnum():
            out.append(ch.lower())
        elif not ch.isascii() and cat[0] in "LN":
            out.append(ch.lower())
        elif not ch.isascii() and cat[0] == "M":
            if out and not out[-1].isascii():
                out.append(ch)
        else:
            out.append("-")
    slug = re.sub(r"-{2,}", "-", "".join(out)).strip("-")
    return unicodedata.normalize("NFC", slug)[:80].strip("-") or "entity"


def clean_surface(text: str) -> str:
    text = " ".join(text.replace("’", "'").replace("[", "").replace("]", "").split())
    text = re.sub(r"^[\"'“‘(\[]+|[\"'”’\].,;:]+$", "", text)
    if text.endswith(")") and "(" not in text:
        text = text[:-1]  # "Section 7(c)" keeps its bracket; a stray closing one goes
    lowered = text.lower()
    for det in _DETERMINERS:
        if lowered.startswith(det):
            text = text[len(det):]
            lowered = lowered[len(det):]
    text = re.sub(r"'s?$", "", text)
    return text.strip()


def name_key(text: str, lexicon: Lexicon | None = None) -> str:
    """Fold a surface form to the key names are compared by.

    Examples
    --------
    >>> name_key("the ZEMBLA ASSEMBLY's"), name_key("Lantern Guild of Labour and Fisheries")
    ('zembla assembly', 'lantern guild of labor and fisheries')
    >>> name_key("Safer Workplaces Ruritania Programme") == name_key("Safer Workplaces Ruritania")
    True
    """
    lexicon = lexicon or load_lexicon()
    words = re.findall(r"[^\W_]+", re.sub(r"'s\b", "", fold_accents(clean_surface(text)).lower()))
    words = [lexicon.fold_spelling(w) for w in words]
    if len(words) > 1 and words[-1] in _TRAILING_GENERIC:
        words = words[:-1]
    joined = " ".join(words)
    for designator in lexicon.designators:
        # "Vell SAR" = "Vell": a designator after a name does not make another actor
        if not designator.endswith(" of") and joined.endswith(" " + designator) and len(joined) > len(designator) + 2:
            words = joined[: -len(designator) - 1].split()
            break
    return " ".join(_fold_instrument(words, lexicon))


def _fold_instrument(words: list[str], lexicon: Lexicon) -> list[str]:
    """ "E.O. 14422" and "Executive Order 14422" share a key: runs of single letters are joined,
    and the words of a numbered instrument are written as their initials.

    Examples
    --------
    >>> lex = load_lexicon()
    >>> _fold_instrument(["e", "o", "14422"], lex), _fold_instrument(["executive", "order", "14422"], lex)
    (['eo', '14422'], ['eo', '14422'])
    """
    if not words or not words[-1][:1].isdigit():
        return words
    folded: list[str] = []
    previous_single = False
    for word in words:
        single = len(word) == 1 and word.isalpha()
        if single and previous_single:
            folded[-1] += word
        else:
            folded.append(word)
        previous_single = single
    head = [w for w in folded if not w[:1].isdigit()]
    if len(head) >= 2 and folded[: len(head)] == head and " ".join(head) in lexicon.numbered_instruments:
        return ["".join(w[0] for w in head), *folded[len(head) :]]
    return folded


def initials(key: str, *, skip_stop_words: bool) -> str:
    """Initial letters of a name key, optionally skipping function words.

    Examples
    --------
    >>> initials("nothing but grain", skip_stop_words=True)
    'nbg'
    >>> initials("law on harbours and non governmental organizations", skip_stop_words=True)
    'lhngo'
    """
    words = key.split()
    if skip_stop_words:
        words = [w for w in words if w not in STOP_INITIALS]
    return "".join(w[0] for w in words if w)


def initial_variants(key: str) -> set[str]:
    variants = {initials(key, skip_stop_words=True), initials(key, skip_stop_words=False)}
    words = key.split()
    # "Non-Governmental Organisations" -> "NGO": plural and hyphen parts
    content = [w for w in words if w not in STOP_INITIALS]
    if content and content[-1].endswith("s"):
        variants.add("".join(w[0] for w in content))
    return {v for v in variants if len(v) >= 2}
