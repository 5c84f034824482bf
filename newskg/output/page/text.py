"""Text as the page shows and searches it: control characters removed, names folded, dates as days."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, timedelta

__all__ = ["clean_text", "search_key", "day_range", "iso_day"]

# Bidi embeddings, overrides and isolates, zero-width characters, the BOM, and C0/C1 controls other
# than whitespace: none of them is visible, and each can make a label differ from what it says.
_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)
_EPOCH = date(1970, 1, 1)
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}


def clean_text(text: object) -> str:
    """``text`` without bidi, zero-width or control characters; other whitespace kept.

    Examples
    --------
    >>> clean_text("Mallory\\u202egnp.exe\\u200b")
    'Mallorygnp.exe'
    >>> clean_text("ហ៊ុន សែន")
    'ហ៊ុន សែន'
    """
    return _INVISIBLE.sub("", str(text or ""))


def search_key(text: object) -> str:
    """The folded form search compares: cleaned, accents stripped (NFD, no marks), lower case.

    The page's script folds a query the same way, so "ebrard" finds "Ébrard".

    Examples
    --------
    >>> search_key("Bishop Ébrard")
    'bishop ebrard'
    >>> search_key("N\\u200bMU")
    'nmu'
    """
    decomposed = unicodedata.normalize("NFD", clean_text(text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    return unicodedata.normalize("NFKC", stripped).lower().strip()


def iso_day(value: date) -> int:
    """Days since 1970-01-01 (what the page's date slider counts in).

    Examples
    --------
    >>> iso_day(date(1970, 1, 2))
    1
    """
    return (value - _EPOCH).days


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _parse_iso(text: str) -> tuple[date, date] | None:
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if not match:
        return None
    year, month, day = (int(x) if x else None for x in match.groups())
    try:
        if day:
            one = date(year, month, day)
            return one, one
        if month:
            return date(year, month, 1), _month_end(year, month)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def _parse_words(text: str, reference: date | None) -> tuple[date, date] | None:
    words = re.findall(r"[a-z]+|\d+", text.lower())
    if not words:
        return None
    if reference is not None and len(words) == 1:
        word = words[0]
        if word == "today":
            return reference, reference
        if word == "yesterday":
            return reference - timedelta(days=1), reference - timedelta(days=1)
        if word in _WEEKDAYS:  # the last such day on or before the document's date
            back = (reference.weekday() - _WEEKDAYS[word]) % 7
            day = reference - timedelta(days=back)
            return day, day
    months = [_MONTHS[w] for w in words if w in _MONTHS]
    numbers = [int(w) for w in words if w.isdigit()]
    years = [n for n in numbers if 1000 <= n <= 2999]
    days = [n for n in numbers if 1 <= n <= 31]
    if len(months) != 1 or len(years) > 1 or len(days) > 1:
        return None
    month = months[0]
    if years:
        year = years[0]
    elif reference is not None:  # a month without a year: the last one not after the document
        year = reference.year if month <= reference.month else reference.year - 1
    else:
        return None
    try:
        if days:
            one = date(year, month, days[0])
            return one, one
        return date(year, month, 1), _month_end(year, month)
    except ValueError:
        return None


def day_range(text: object, reference: object = None) -> tuple[int, int] | None:
    """The first and last day ``text`` can mean, as :func:`iso_day` numbers, or ``None``.

    ISO dates (``2024-11-28``, ``2024-11``, ``2024``) and written ones (``28 November 2024``,
    ``November 28, 2024``, ``August 2023``) are read as they are; ``today``, a weekday or a month
    without a year are read against ``reference`` (the document's ISO date).

    Examples
    --------
    >>> day_range("2024-11-28") == (iso_day(date(2024, 11, 28)),) * 2
    True
    >>> first, last = day_range("August 2023"); last - first
    30
    >>> day_range("Tuesday", "2024-12-05") == (iso_day(date(2024, 12, 3)),) * 2
    True
    >>> day_range("soon", "2024-12-05") is None
    True
    """
    text = clean_text(text).strip()
    if not text:
        return None
    ref = _parse_iso(clean_text(reference).strip()) if reference else None
    found = _parse_iso(text) or _parse_words(text, ref[0] if ref else None)
    return (iso_day(found[0]), iso_day(found[1])) if found else None
