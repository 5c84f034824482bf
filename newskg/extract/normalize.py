"""Clean messy text before NLP while keeping every character traceable to the original file.

Each step rewrites the text and carries along, for every output character, the offset of the
character it came from, so evidence offsets always point into the original file.
"""

from __future__ import annotations

import html
import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

from newskg.lexicon import Lexicon

__all__ = ["TrackedText", "NormalizedText", "normalize", "parse_date", "strip_html"]


class TrackedText:
    """Text plus, for each character, its offset in the original.

    Examples
    --------
    >>> t = TrackedText.original("a  b")
    >>> t = t.sub(r" {2,}", lambda m: " ")
    >>> t.text, t.span_to_original(2, 3)
    ('a b', (3, 4))
    """

    __slots__ = ("text", "offsets")

    def __init__(self, text: str, offsets: array) -> None:
        self.text = text
        self.offsets = offsets  # len(text) + 1 entries; the last is the end offset

    @classmethod
    def original(cls, text: str) -> TrackedText:
        return cls(text, array("l", range(len(text) + 1)))

    def sub(self, pattern: str | re.Pattern[str], repl: Callable[[re.Match[str]], str], flags: int = 0) -> TrackedText:
        """Replace matches; a replacement as long as its match maps character by character,
        any other maps every new character to the start of the match."""
        regex = re.compile(pattern, flags) if isinstance(pattern, str) else pattern
        pieces: list[str] = []
        offsets = array("l")
        last = 0
        changed = False
        for match in regex.finditer(self.text):
            replacement = repl(match)
            if replacement == match.group(0):
                continue
            changed = True
            start, end = match.span()
            pieces.append(self.text[last:start])
            offsets.extend(self.offsets[last:start])
            pieces.append(replacement)
            if len(replacement) == end - start:
                offsets.extend(self.offsets[start:end])
            else:
                offsets.extend(self.offsets[start + i] for i in _align(match.group(0), replacement))
            last = end
        if not changed:
            return self
        pieces.append(self.text[last:])
        offsets.extend(self.offsets[last:])
        return TrackedText("".join(pieces), offsets)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of this text to the original file."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


def _align(source: str, replacement: str) -> list[int]:
    """For each character of ``replacement``, the index in ``source`` it came from: characters kept
    from the match keep their own offset; inserted ones take the offset of the next kept one."""
    positions: list[int] = []
    j = 0
    for ch in replacement:
        k = source.find(ch, j)
        if k < 0:
            positions.append(min(j, len(source) - 1) if source else 0)
        else:
            positions.append(k)
            j = k + 1
    return positions


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """The cleaned text, its offset map, and the title and date found in the header."""

    text: str
    offsets: array
    title: str | None = None
    date: str | None = None

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the cleaned text to offsets in the original file.

        Examples
        --------
        >>> n = normalize("inter-\\nnational law")
        >>> n.text
        'international law'
        >>> n.span_to_original(0, 13)
        (0, 15)
        """
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


# --- HTML -----------------------------------------------------------------------------------

_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "footer", "header", "aside", "form", "button", "select", "iframe", "head"}
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table", "section", "article", "blockquote", "pre", "hr", "figcaption", "figure", "dd", "dt", "main", "title"}


class _TextExtractor(HTMLParser):
    """Collect (text, original offset) pieces from HTML, skipping non-content elements."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0]
        for match in re.finditer("\n", source):
            self.line_starts.append(match.end())
        self.pieces: list[tuple[str, int, int]] = []  # text, original start, original end
        self.skip_depth = 0
        self.title: list[str] = []
        self.in_title = False
        self.h1: list[str] = []
        self.in_h1 = False
        self.meta_date: str | None = None

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS and tag != "head":
            self.skip_depth += 1
        if tag == "title":
            self.in_title = True
        if tag == "h1":
            self.in_h1 = True
        if tag == "meta":
            values = {k: (v or "") for k, v in attrs}
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key in {"article:published_time", "date", "dc.date", "dcterms.date", "datepublished", "pubdate"}:
                self.meta_date = self.meta_date or values.get("content")
        if tag == "time" and self.meta_date is None:
            self.meta_date = dict(attrs).get("datetime")
        if tag in _BLOCK_TAGS:
            offset = self._offset()
            self.pieces.append(("\n", offset, offset))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and tag != "head" and self.skip_depth:
            self.skip_depth -= 1
        if tag == "title":
            self.in_title = False
        if tag == "h1":
            self.in_h1 = False
        if tag in _BLOCK_TAGS:
            offset = self._offset()
            self.pieces.append(("\n", offset, offset))

    def _add(self, text: str, start: int, end: int) -> None:
        if self.in_title:
            self.title.append(text)
            return
        if self.skip_depth:
            return
        if self.in_h1:
            self.h1.append(text)
        self.pieces.append((text, start, end))

    def handle_data(self, data: str) -> None:
        start = self._offset()
        self._add(data, start, start + len(data))

    def handle_entityref(self, name: str) -> None:
        start = self._offset()
        self._add(html.unescape(f"&{name};"), start, start + len(name) + 2)

    def handle_charref(self, name: str) -> None:
        start = self._offset()
        self._add(html.unescape(f"&#{name};"), start, start + len(name) + 3)


def strip_html(source: str) -> tuple[TrackedText, str | None, str | None]:
    """Turn an HTML page into tracked plain text, its ``<title>`` (or first ``<h1>``) and a date.

    Examples
    --------
    >>> t, title, _ = strip_html("<html><title>T</title><p>A &amp; B</p><script>x()</script></html>")
    >>> t.text.strip(), title
    ('A & B', 'T')
    """
    parser = _TextExtractor(source)
    parser.feed(source)
    parser.close()
    chars: list[str] = []
    offsets = array("l")
    for text, start, end in parser.pieces:
        chars.append(text)
        if len(text) == end - start:
            offsets.extend(range(start, end))
        else:
            offsets.extend([start] * len(text))
    offsets.append(len(source))
    title = " ".join("".join(parser.title).split()) or " ".join("".join(parser.h1).split()) or None
    return TrackedText("".join(chars), offsets), title, parser.meta_date


# --- dates ----------------------------------------------------------------------------------

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH_RE = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_MDY = re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\s+(\d{{4}})\b", re.I)


def parse_date(text: str) -> str | None:
    """Find the first full date in ``text`` and return it as ISO 8601.

    Examples
    --------
    >>> parse_date("- January 11, 2025 , 3:15 PM"), parse_date("date 2024-11-30"), parse_date("2024-06-12T08:30:00Z")
    ('2025-01-11', '2024-11-30', '2024-06-12')
    >>> parse_date("in 2020") is None
    True
    """
    candidates: list[tuple[int, date]] = []
    for match in _ISO.finditer(text):
        try:
            candidates.append((match.start(), date(int(match[1]), int(match[2]), int(match[3]))))
        except ValueError:
            pass
    for match in _MDY.finditer(text):
        month = _MONTHS.get(match[1].lower().rstrip(".")[:3])
        try:
            candidates.append((match.start(), date(int(match[3]), month or 0, int(match[2]))))
        except ValueError:
            pass
    for match in _DMY.finditer(text):
        month = _MONTHS.get(match[2].lower().rstrip(".")[:3])
        try:
            candidates.append((match.start(), date(int(match[3]), month or 0, int(match[1]))))
        except ValueError:
            pass
    if not candidates:
        return None
    return min(candidates)[1].isoformat()


# --- the normaliser ----------------------------------------------------------------------------

_SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "on", "or", "the", "to", "up", "via", "with", "from"}
_SHORT_WORDS = {"a", "i", "an", "in", "on", "of", "to", "at", "by", "or", "as", "is", "it", "be", "we", "he", "me", "my", "no", "so", "do", "go", "us", "up", "if", "am", "are", "and", "the", "for"}
_TERMINAL = ".!?:;\"”’)]…"
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]{0,500})?/?>")
_ENTITY = re.compile(r"&(?:[A-Za-z]{2,10}|#\d{1,7}|#x[0-9A-Fa-f]{1,6});")
_DATE_LINE_WORDS = re.compile(r"[A-Za-z]+")


def _title_case_line(line: str, keep_upper: set[str]) -> str:
    words = re.split(r"(\W+)", line)
    out = []
    first = True
    for word in words:
        if not word or not word[0].isalpha():
            out.append(word)
            continue
        if word in keep_upper:
            out.append(word)
        elif word.lower() in _SMALL_WORDS and not first:
            out.append(word.lower())
        else:
            out.append(word[0] + word[1:].lower())
        first = False
    result = "".join(out)
    # "CAMBODIA'S" -> "Cambodia's": the split put the "S" after the apostrophe in its own word.
    return re.sub(r"(['’])S\b", r"\1s", result)


def _is_all_caps_line(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 8 and all(not ch.islower() for ch in letters) and len(line.split()) >= 3


def _join_fragments(tail: str, head: str, words: set[str]) -> str:
    """Decide whether a word was split by a stray break: '' to join, ' ' to keep two words."""
    if tail.isalpha() and head.isalpha():
        if (len(tail) <= 2 and tail.lower() not in _SHORT_WORDS) or (len(head) <= 2 and head.lower() not in _SHORT_WORDS):
            return ""
        if (tail + head).lower() in words and not (tail.lower() in words and head.lower() in words):
            return ""
    return " "


_FOOTNOTE_MARK = re.compile(r"(?<=[^\W\d_])(?:\[\d{1,3}\]?|\(\d{1,2}\)|\*{1,3}|[†‡])(?=[\s.,;:)\]”\"'’]|$)")


def normalize(
    text: str,
    *,
    lexicon: Lexicon | None = None,
    media_type: str = "text/plain",
) -> NormalizedText:
    """Clean a document's text for NLP, keeping offsets into ``text``.

    Steps: strip HTML (whole pages, or stray tags and entities in plain text); drop page
    furniture lines and repeated captions; read a date header; title-case ALL-CAPS headlines
    (same length, so offsets are untouched); de-hyphenate words split at line ends; repair words
    split by stray blank lines; rejoin PDF line breaks inside sentences; fold runs of spaces.

    Examples
    --------
    >>> n = normalize("date 2024-11-30\\n\\nmaintain public o\\n\\nrder and the rule\\nof law.")
    >>> n.text, n.date
    ('maintain public order and the rule of law.', '2024-11-30')
    >>> n = normalize("NEWSLETTER\\n\\nThe <u>NMU special rapporteur</u> spoke.\\n743 views")
    >>> n.text
    'The NMU special rapporteur spoke.'
    >>> normalize("NRO experts* met the Vell Union[1] under Section 7(c).").text
    'NRO experts met the Vell Union under Section 7(c).'
    """
    if lexicon is None:
        from newskg.lexicon import load_lexicon

        lexicon = load_lexicon()
    title: str | None = None
    found_date: str | None = None
    if media_type == "text/html":
        tracked, title, meta_date = strip_html(text)
        found_date = parse_date(meta_date or "") if meta_date else None
    else:
        tracked = TrackedText.original(text)
        tracked = tracked.sub(_TAG, lambda m: "")
        tracked = tracked.sub(_ENTITY, lambda m: html.unescape(m.group(0)))
        if media_type == "text/markdown":
            tracked = tracked.sub(r"!?\[([^\]\n]{0,300})\]\([^)\n]{0,500}\)", lambda m: m.group(1))
            tracked = tracked.sub(r"(?m)^[ \t]{0,3}(#{1,6}|>|[-*+])[ \t]+", lambda m: "")
            tracked = tracked.sub(r"(\*\*|__|`)", lambda m: "")
    tracked = tracked.sub(r"\r\n?", lambda m: "\n")
    tracked = tracked.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]", lambda m: " ")
    tracked = tracked.sub(r"[\u200b-\u200d\ufeff\u00ad]", lambda m: "")
    tracked = tracked.sub(r"(?m)^[ ]+|[ ]+$", lambda m: "")
    # Footnote and reference markers glued to a word ("Ruritania[1]", "Vell(3)", "experts*") are
    # not part of the name; "Section 7(c)" and "Article 15(2)" keep theirs (a letter, or a number).
    tracked = tracked.sub(_FOOTNOTE_MARK, lambda m: "")
    # A dateline in capitals ("PORT ARDEN –", "STRELSAU —") reads as a name once title-cased.
    tracked = tracked.sub(
        r"(?m)^([A-Z][A-Z'.]{2,}(?: [A-Z][A-Z'.]+){0,3})(?=(?:,\s*[A-Za-z0-9 .]{3,25}?)?\s*(?:\([^()\n]{1,30}\)\s*)?[–—-])",
        lambda m: _title_case_line(m.group(1), set()),
    )

    # A dateline ("BANGKOK (Reuters) - A court ...", "Strelsau, 20 February 2024 — The Council ...")
    # is not part of the first sentence: end it with a line break.
    tracked = tracked.sub(
        r"(?m)^((?:[A-Z][A-Za-z'.]+)(?: [A-Z][A-Za-z'.]+){0,3}(?:\s*\([^()\n]{1,30}\))?(?:,\s*[A-Za-z0-9 ,.]{3,30}?)?(?:\s*\([^()\n]{1,30}\))?)(\s+[—–-]{1,2}\s+)(?=[A-Z“\"])",
        lambda m: m.group(1) + "\n" + " " * (len(m.group(2)) - 1),
    )
    # Line-level clean-up: furniture, repeated captions, date header, all-caps headlines.
    furniture = [re.compile(p, re.I) for p in lexicon.furniture_patterns]
    lines = tracked.text.split("\n")
    upper_words = set(re.findall(r"\b[A-Z][A-Z0-9]{1,}\b", "\n".join(l for l in lines if not _is_all_caps_line(l))))
    seen: set[str] = set()
    decisions: list[str | None] = []  # None: drop the line; otherwise its (same-length) text
    header_lines = 0
    for line in lines:
        stripped = line.strip()
        if not stripped:
            decisions.append(line)
            continue
        header_lines += 1
        drop = any(p.search(stripped) for p in furniture)
        if not drop and len(stripped) >= lexicon.min_repeated_line_length and stripped in seen:
            drop = True
        if not drop and header_lines <= 6 and found_date is None and len(stripped) <= 60:
            line_date = parse_date(stripped)
            if line_date:
                words = [w for w in _DATE_LINE_WORDS.findall(stripped) if w.lower() not in {"date", "published", "posted", "updated", "on", "am", "pm", "by"}]
                if len(words) <= 3:
                    found_date = line_date
                    # A bare date line goes; one that names a place ("Vellhaven (3 April 2024)") stays.
                    drop = not any(w[0].isupper() and w.lower()[:3] not in _MONTHS for w in words)
        seen.add(stripped)
        if drop:
            decisions.append(None)
        elif _is_all_caps_line(line):
            decisions.append(_title_case_line(line, upper_words))
        else:
            decisions.append(line)
    index = iter(decisions)
    tracked = tracked.sub(r"(?m)^.*$\n?", lambda m: _rewrite_line(m.group(0), next(index)))

    words = {w.lower() for w in re.findall(r"[A-Za-z]+", tracked.text)}
    hyphenated = {w.lower() for w in re.findall(r"[A-Za-z]+-[A-Za-z]+", tracked.text)}
    # De-hyphenate words split at a line end ("inter-\nnational"), keeping real compounds.
    tracked = tracked.sub(
        r"([A-Za-z]+)-[ ]*\n[ ]*([a-z]+)",
        lambda m: f"{m[1]}-{m[2]}" if f"{m[1]}-{m[2]}".lower() in hyphenated else m[1] + m[2],
    )
    # A word split by stray blank lines ("public o\n\nrder"), or a sentence broken by them.
    tracked = tracked.sub(
        r"([A-Za-z]+)[ ]*\n(?:[ ]*\n)+[ ]*([a-z]+)",
        lambda m: m[1] + _join_fragments(m[1], m[2], words) + m[2],
    )
    tracked = tracked.sub(r"(?<=[0-9,;(\-–])[ ]*\n(?:[ ]*\n)+[ ]*(?=[a-z])", lambda m: " ")
    # Soft line breaks inside a paragraph (PDF wrapping): join unless the line ends a sentence.
    tracked = tracked.sub(r"(?m)^(.*[^\s" + re.escape(_TERMINAL) + r"])[ ]*\n(?=([^\n]))", _soft_break)
    tracked = tracked.sub(r"[ ]{2,}", lambda m: " ")
    tracked = tracked.sub(r"\n{3,}", lambda m: "\n\n")
    tracked = tracked.sub(r"^\s+|\s+$", lambda m: "")
    if title is None:
        title = _find_title(tracked.text)
    if found_date is None:
        # No date header: a full date in the first lines (a resolution's "of 28 November 2024").
        head = [line for line in tracked.text.split("\n") if line.strip()][:2]
        found_date = parse_date(" ".join(head))
    return NormalizedText(tracked.text, tracked.offsets, title=title, date=found_date)


def _rewrite_line(line_with_newline: str, decision: str | None) -> str:
    if decision is None:
        return "\n" if line_with_newline.endswith("\n") else ""
    return decision + ("\n" if line_with_newline.endswith("\n") else "")


def _soft_break(match: re.Match[str]) -> str:
    line, nxt = match.group(1), match.group(2)
    if nxt.islower() or (len(line) >= 50 and (nxt.isalnum() or nxt in "(“\"‘'")):
        return line + " "
    return match.group(0)


def _find_title(text: str) -> str | None:
    candidates: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        n_words = len(stripped.split())
        if n_words >= 20 and stripped[-1] in ".!?\"”":
            break
        if 3 <= n_words <= 25 and stripped[-1] not in ".,;:":
            candidates.append(stripped)
        if len(candidates) >= 3:
            break
    return max(candidates, key=len) if candidates else None
