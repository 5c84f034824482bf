"""spaCy's attribute ruler, applied by table lookups instead of the Matcher.

A trained English pipeline maps fine-grained tags to parts of speech and morphology, and fixes the
lemmas, parts of speech and morphology of a few words, with an ``attribute_ruler`` of about 180
patterns (``{"TAG": "VBD"}``, ``{"LOWER": "n't", "TAG": "RB"}``, ``gon`` + ``na``). Run through
spaCy's ``Matcher`` they cost as much as the dependency parser (0.72 s against 0.8 s on 100 news
articles), though nearly every one is an equality test on one token.

:class:`TableAttributeRuler` gives the same tokens the same attributes. A pattern's token tests
(a value, ``IN``, ``NOT_IN``, ``REGEX`` on ``ORTH``, ``LOWER``, ``TAG``, ``DEP``, ``IS_SPACE``)
become dictionary keys where they are equalities and checks where not; what the rules give a
token depends only on those values, so it is worked out once per distinct combination and
remembered; patterns over several tokens are anchored on their first token. Rules apply in the
ruler's order, later ones winning, as in spaCy; a ruler with a pattern it cannot compile (an
operator, another attribute) is left as it is. :func:`speed_up_attribute_ruler` swaps it in.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

from newskg.extract.swap import swap_component

__all__ = ["TableAttributeRuler", "Unsupported", "speed_up_attribute_ruler"]

#: The token attributes a pattern may test, in the order of a token's row of values.
_COLUMNS = ("ORTH", "LOWER", "TAG", "DEP", "IS_SPACE")
_COLUMN_IDS = [ORTH, LOWER, TAG, DEP, IS_SPACE]
_AT = {name: n for n, name in enumerate(_COLUMNS)}
#: What rules set that is written into the token arrays at once; anything else token by token.
_ARRAY_ATTRS = (TAG, POS, MORPH, LEMMA)
#: An ``IN`` test is turned into dictionary keys when it has at most this many combinations.
_MAX_KEYS = 512

Row = tuple[int, ...]
Check = Callable[[Row], bool]


class Unsupported(ValueError):
    """A pattern the tables cannot express (the ruler is then kept as spaCy's)."""


class _Token:
    """One token of a pattern: equalities (column -> value), ``IN`` sets, other checks."""

    def __init__(self, spec: dict, strings: StringStore) -> None:
        self.equal: dict[int, int] = {}
        self.within: dict[int, frozenset[int]] = {}
        self.checks: list[Check] = []
        for raw_name, value in spec.items():
            name = raw_name.upper()
            if name not in _AT:
                raise Unsupported(raw_name)
            column = _AT[name]
            if isinstance(value, dict):
                if len(value) != 1:
                    raise Unsupported(str(value))
                (op, arg), = value.items()
                if op in ("IN", "NOT_IN") and isinstance(arg, list):
                    values = frozenset(_value(name, v, strings) for v in arg)
                    if op == "IN":
                        self.within[column] = values
                    else:
                        self.checks.append(lambda row, c=column, vs=values: row[c] not in vs)
                elif op == "REGEX" and isinstance(arg, str) and name != "IS_SPACE":
                    pattern = re.compile(arg)
                    self.checks.append(lambda row, c=column, p=pattern: p.search(strings[row[c]]) is not None)
                else:
                    raise Unsupported(str(value))
            else:
                self.equal[column] = _value(name, value, strings)

    def keys(self) -> tuple[tuple[int, ...], list[tuple[int, ...]]] | None:
        """The columns and the value combinations a dictionary holds this token under (None:
        too many, or nothing to key on)."""
        columns = sorted(set(self.equal) | set(self.within))
        choices = [[self.equal[c]] if c in self.equal else sorted(self.within[c]) for c in columns]
        if not columns or numpy.prod([len(c) for c in choices]) > _MAX_KEYS:
            return None
        return tuple(columns), [tuple(values) for values in itertools.product(*choices)]

    def matches(self, row: Row) -> bool:
        return (
            all(row[c] == v for c, v in self.equal.items())
            and all(row[c] in vs for c, vs in self.within.items())
            and all(check(row) for check in self.checks)
        )


def _value(name: str, value: object, strings: StringStore) -> int:
    if name == "IS_SPACE":
        if not isinstance(value, bool):
            raise Unsupported(repr(value))
        return int(value)
    if not isinstance(value, str):
        raise Unsupported(repr(value))
    return strings.add(value) if value else 0


class TableAttributeRuler:
    """The rules of a spaCy ``AttributeRuler``, applied by dictionary lookups.

    Raises :class:`Unsupported` for a ruler it cannot reproduce exactly.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> ruler = nlp.add_pipe("attribute_ruler")
    >>> ruler.add([[{"LOWER": {"IN": ["the", "a"]}}]], {"POS": "DET"})
    >>> ruler.add([[{"ORTH": "Port"}, {"ORTH": "Arden"}]], {"POS": "PROPN"}, index=1)
    >>> table = TableAttributeRuler(ruler)
    >>> [(t.text, t.pos_) for t in table(nlp.make_doc("The road to Port Arden"))]
    [('The', 'DET'), ('road', ''), ('to', ''), ('Port', ''), ('Arden', 'PROPN')]
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self.attrs = list(ruler.attrs)  # normalised, as spaCy applies them
        self.indices = list(ruler.indices)
        strings = self.vocab.strings
        # a pattern's first token, by the columns it is keyed on -> values -> (rule, token, the rest)
        self.tables: dict[tuple[int, ...], dict[tuple[int, ...], list[tuple[int, _Token, tuple[_Token, ...]]]]] = {}
        self.unkeyed: list[tuple[int, _Token, tuple[_Token, ...]]] = []  # tested on every distinct row
        for rule, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if not pattern or any("OP" in spec or "op" in spec for spec in pattern):
                    raise Unsupported(f"rule {rule}: {pattern}")
                first, *rest = (_Token(spec, strings) for spec in pattern)
                item = (rule, first, tuple(rest))
                keyed = first.keys()
                if keyed is None:
                    self.unkeyed.append(item)
                    continue
                columns, combinations = keyed
                table = self.tables.setdefault(columns, {})
                for values in combinations:
                    table.setdefault(values, []).append(item)
        self._by_row: dict[Row, tuple[tuple[int, ...], tuple[tuple[int, tuple[_Token, ...]], ...]]] = {}
        self._merged: dict[tuple[int, ...], tuple[tuple[tuple[int, int], ...], dict]] = {}

    def _row_rules(self, row: Row) -> tuple[tuple[int, ...], tuple[tuple[int, tuple[_Token, ...]], ...]]:
        """The one-token rules a token with these values matches (in order), and the longer
        patterns that may start at it."""
        items = [item for columns, table in self.tables.items() for item in table.get(tuple(row[c] for c in columns), ())]
        items += self.unkeyed
        rules: set[int] = set()
        starts = []
        for rule, first, rest in items:
            if first.matches(row):
                if rest:
                    starts.append((rule, rest))
                else:
                    rules.add(rule)
        return tuple(sorted(rules)), tuple(starts)

    def _rules_for(self, rules: tuple[int, ...]) -> tuple[tuple[tuple[int, int], ...], dict]:
        """What a token gets from ``rules`` (applied in order): ``(column, value)`` pairs of the
        token arrays, and any other attributes."""
        if rules not in self._merged:
            merged: dict = {}
            for rule in rules:
                merged.update(self.attrs[rule])
            arrays = tuple((column, merged[attr]) for column, attr in enumerate(_ARRAY_ATTRS) if attr in merged)
            self._merged[rules] = (arrays, {k: v for k, v in merged.items() if k not in _ARRAY_ATTRS})
        return self._merged[rules]

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        rows = [tuple(row) for row in doc.to_array(_COLUMN_IDS).tolist()]
        if len(self._by_row) > 200_000:
            self._by_row.clear()
        found: list[tuple[int, ...]] = []
        extra: dict[int, list[int]] = {}
        for i, row in enumerate(rows):
            hit = self._by_row.get(row)
            if hit is None:
                hit = self._by_row[row] = self._row_rules(row)
            rules, starts = hit
            found.append(rules)
            for rule, rest in starts:
                end = i + 1 + len(rest)
                if end <= n and all(token.matches(rows[i + 1 + k]) for k, token in enumerate(rest)):
                    target = range(i, end)[self.indices[rule]]  # the index may be negative, as spaCy's
                    extra.setdefault(target, []).append(rule)
        current = doc.to_array(list(_ARRAY_ATTRS)).tolist()
        for i, rules in enumerate(found):
            if i in extra:
                rules = tuple(sorted(set(rules) | set(extra[i])))
            if not rules:
                continue
            arrays, rest = self._rules_for(rules)
            values = current[i]
            for column, value in arrays:
                values[column] = value
            if rest:
                set_token_attrs(doc[i], rest)
        doc.from_array(list(_ARRAY_ATTRS), numpy.asarray(current, dtype="uint64"))
        return doc


def speed_up_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Run the pipeline's attribute ruler as a :class:`TableAttributeRuler` (the same results);
    returns False, changing nothing, when there is none or its patterns cannot be tabled."""
    if name not in nlp.pipe_names or not isinstance(nlp.get_pipe(name), AttributeRuler):
        return False
    try:
        table = TableAttributeRuler(nlp.get_pipe(name))
    except Unsupported:
        return False
    swap_component(nlp, name, table)
    return True
