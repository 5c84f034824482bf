"""What the canonical merge needs of a corpus's names, summed over its documents.

The merge rules (:func:`newskg.graph.canonical.merge_tally`) look at name keys, never at single
mentions: each key's written forms and how often, the classes its mentions vote for, the documents
that write it, and the pairs the texts state (acronyms they define, two spellings of one name,
gazetteer entries). A :class:`NameTally` holds exactly that, and a document's names can be taken out
of it as easily as put in, so an archive keeps the tally and an addition merges the names of a
corpus without reading every document's names again. The result depends on what the tally holds,
not on the order the documents were read in.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

__all__ = ["NameTally"]

#: the kinds of pair a text states: a gazetteer entry behind a mention (key, known key, known name,
#: class, whether that name should be the label), an acronym it defines (short, long form), two
#: spellings of one long name it writes
KNOWN, DEFINED, SPELLING = "known", "defined", "spelling"


class NameTally:
    """The names of a set of documents, summed per name key (see the module's docstring).

    Examples
    --------
    >>> from newskg.graph.canonical import DocumentNames
    >>> one = DocumentNames("d1", ((0, 4, "vell", "Vell", "City", 1.0, "", "", False),))
    >>> two = DocumentNames("d2", ((9, 13, "vell", "VELL", "City", 1.0, "", "", False),))
    >>> tally = NameTally()
    >>> tally.add(one); tally.add(two)
    >>> dict(tally.forms["vell"]), sorted(tally.docs["vell"])
    ({'Vell': 1, 'VELL': 1}, ['d1', 'd2'])
    >>> tally.remove(one)
    >>> dict(tally.forms["vell"]), sorted(tally.docs["vell"]), sorted(tally.touched)
    ({'VELL': 1}, ['d2'], ['vell'])
    """

    def __init__(self) -> None:
        self.forms: dict[str, Counter[str]] = {}  # key -> form -> mentions
        self.votes: dict[str, Counter[str]] = {}  # key -> class -> summed source weight
        self.docs: dict[str, set[str]] = {}  # key -> the documents that write it
        self.pairs: Counter[tuple] = Counter()  # (kind, ...) -> how often the texts state it
        self.touched: set[str] = set()  # keys changed since the tally was last saved
        self.touched_pairs: set[tuple] = set()

    def add(self, names) -> None:
        """Put one document's names (:class:`~newskg.graph.canonical.DocumentNames`) in."""
        self._count(names, 1)

    def remove(self, names) -> None:
        """Take one document's names out again (the same names it was added with)."""
        self._count(names, -1)

    def _count(self, names, sign: int) -> None:
        doc_id = names.doc_id
        seen: set[str] = set()
        for _, _, key, form, label, weight, known_key, known_name, prefer in names.mentions:
            forms = self.forms.setdefault(key, Counter())
            votes = self.votes.setdefault(key, Counter())
            forms[form] += sign
            votes[label] += sign * weight  # weights are halves: exact sums in any order
            if forms[form] <= 0:
                del forms[form]
            if votes[label] <= 0:
                del votes[label]
            seen.add(key)
            if known_name:
                self._pair((KNOWN, key, known_key, known_name, label, bool(prefer)), sign)
        for key in seen:
            self.touched.add(key)
            docs = self.docs.setdefault(key, set())
            if sign > 0:
                docs.add(doc_id)
            else:
                docs.discard(doc_id)
            if not self.forms[key]:
                del self.forms[key], self.votes[key], self.docs[key]
        for short, long_form in names.defined:
            self._pair((DEFINED, short, long_form), sign)
        for a, b in names.spellings:
            self._pair((SPELLING, a, b), sign)

    def _pair(self, pair: tuple, sign: int) -> None:
        self.pairs[pair] += sign
        if self.pairs[pair] <= 0:
            del self.pairs[pair]
        self.touched_pairs.add(pair)

    def of_kind(self, kind: str) -> list[tuple]:
        """The pairs of one kind the texts state, without the kind, sorted."""
        return sorted(pair[1:] for pair in self.pairs if pair[0] == kind)

    # -- keeping a tally (the archive's catalog) ----------------------------------------------

    def key_row(self, key: str) -> str | None:
        """One key's tally as JSON (``None`` once no document writes it)."""
        if key not in self.forms:
            return None
        return json.dumps([dict(sorted(self.forms[key].items())), dict(sorted(self.votes[key].items())), sorted(self.docs[key])],
                          ensure_ascii=False, separators=(",", ":"))

    def pair_row(self, pair: tuple) -> tuple[str, int]:
        """A pair as JSON, with how often the texts state it (0 once none does)."""
        return json.dumps(list(pair), ensure_ascii=False, separators=(",", ":")), self.pairs.get(pair, 0)

    @classmethod
    def from_rows(cls, keys: Iterable[tuple[str, str]], pairs: Iterable[tuple[str, int]]) -> NameTally:
        """The tally kept as :meth:`key_row` and :meth:`pair_row` rows."""
        tally = cls()
        for key, data in keys:
            forms, votes, docs = json.loads(data)
            tally.forms[key], tally.votes[key], tally.docs[key] = Counter(forms), Counter(votes), set(docs)
        for data, n in pairs:
            tally.pairs[tuple(json.loads(data))] = n
        return tally

    def mark_saved(self) -> None:
        """Forget what changed (once it is kept)."""
        self.touched.clear()
        self.touched_pairs.clear()
