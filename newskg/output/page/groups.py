"""Items grouped by what they say, in bounded memory: the first few groups kept whole, the rest counted.

The page shows, for each relation, its supporting sentences (the same sentence from several copies
of a story is one item with every source), and for each actor its claims and its events. On a large
corpus these lists grow with every document; :class:`Groups` keeps, while the graph is read, only
the groups the page will show and the number of the others.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from dataclasses import dataclass

__all__ = ["Group", "Groups", "key_hash"]


def key_hash(key: object) -> int:
    """A key's hash that is the same in every process (Python's own changes from one run to the
    next), so what is only counted can be kept between runs; a key is a string or a tuple of them.

    Examples
    --------
    >>> key_hash(("Arrest", "police held x.")) == key_hash(("Arrest", "police held x."))
    True
    >>> key_hash(("a", "bc")) == key_hash(("ab", "c"))
    False
    """
    parts = key if isinstance(key, tuple) else (key,)
    data = "\x1f".join(str(part) for part in parts).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


@dataclass(frozen=True, slots=True)
class Group:
    """One shown group: its ``key``, the ``item`` that comes first (at ``order``), its first
    ``sources`` (``(order, source)`` pairs, in order) and whether it had more sources than those."""

    key: Hashable
    order: tuple
    item: object
    sources: tuple
    more: bool

    @property
    def copies(self) -> tuple:
        """The sources alone, in order."""
        return tuple(source for _, source in self.sources)


class Groups:
    """Items grouped by key, each group known by its first item in ``order``.

    The first ``keep`` groups (by their first item) are kept with their first ``copies`` distinct
    sources; the others are only counted. What is kept does not depend on the order items arrive
    in, except where a group that was set aside comes back with an earlier item than any it had:
    then it keeps only the sources it gets from there on (the page says more exist).

    Examples
    --------
    >>> g = Groups(keep=2, copies=1)
    >>> for doc, start, sentence in [("b", 0, "x"), ("a", 5, "y"), ("a", 1, "x"), ("c", 0, "z")]:
    ...     g.add(sentence, (doc, start), f"{sentence}@{doc}", doc)
    >>> [(x.item, x.copies, x.more) for x in g.shown()], g.count
    ([('x@a', ('a',), True), ('y@a', ('a',), False)], 3)
    """

    __slots__ = ("keep", "copies", "_groups", "_set_aside")

    def __init__(self, keep: int, copies: int) -> None:
        self.keep = max(0, keep)
        self.copies = max(0, copies)
        # key -> [order of its first item, that item, {source: its first order}, sources were dropped]
        self._groups: dict[Hashable, list] = {}
        self._set_aside: set[int] = set()  # hashes of the keys only counted

    def add(self, key: Hashable, order: tuple, item: object, copy: Hashable) -> None:
        """Count ``item`` under ``key``; ``order`` places it (smaller first), ``copy`` is its source."""
        group = self._groups.get(key)
        if group is None:
            self._set_aside.discard(key_hash(key))
            group = self._groups[key] = [order, item, {}, False]
            if len(self._groups) > 2 * self.keep + 16:
                self._trim()
        elif order < group[0]:
            group[0], group[1] = order, item
        sources = group[2]
        known = sources.get(copy)
        if known is None or order < known:
            sources[copy] = order
            if len(sources) > 2 * self.copies + 16:
                kept = sorted(sources.items(), key=lambda pair: pair[1])[: self.copies]
                group[2], group[3] = dict(kept), True

    def _trim(self) -> None:
        ranked = sorted(self._groups, key=lambda key: self._groups[key][0])
        for key in ranked[self.keep:]:
            del self._groups[key]
            self._set_aside.add(key_hash(key))

    def to_plain(self) -> list:
        """What it holds, as JSON-ready lists (see :meth:`from_plain`)."""
        groups = [[key, order, item, list(sources.items()), dropped] for key, (order, item, sources, dropped) in self._groups.items()]
        return [self.keep, self.copies, groups, sorted(self._set_aside)]

    @classmethod
    def from_plain(cls, plain: list, item: Callable[[object], object] = lambda x: x) -> Groups:
        """The groups :meth:`to_plain` gave, read back from JSON (its lists are tuples again where
        keys, orders and sources were tuples; ``item`` restores an item).

        Examples
        --------
        >>> import json
        >>> g = Groups(keep=1, copies=2)
        >>> g.add(("a", "x"), ("d1", 3), "one", ("d1", ""))
        >>> g.add(("b", "y"), ("d2", 0), "two", ("d2", ""))
        >>> again = Groups.from_plain(json.loads(json.dumps(g.to_plain())))
        >>> again.shown() == g.shown(), again.count
        (True, 2)
        """
        keep, copies, groups, set_aside = plain
        self = cls(int(keep), int(copies))
        for key, order, found, sources, dropped in groups:
            self._groups[_tuple(key)] = [_tuple(order), item(found), {_tuple(c): _tuple(at) for c, at in sources}, bool(dropped)]
        self._set_aside = {int(h) for h in set_aside}
        return self

    @property
    def count(self) -> int:
        """How many groups there are, shown or not."""
        return len(self._groups) + len(self._set_aside)

    def shown(self) -> list[Group]:
        """The first ``keep`` groups, in order, each with its first ``copies`` sources."""
        ranked = sorted(self._groups.items(), key=lambda pair: pair[1][0])[: self.keep]
        result = []
        for key, (order, item, sources, dropped) in ranked:
            pairs = sorted((at, source) for source, at in sources.items())
            result.append(Group(key, order, item, tuple(pairs[: self.copies]), dropped or len(pairs) > self.copies))
        return result


def _tuple(value: object) -> object:
    """A JSON list as the tuple it was written from (nested lists too)."""
    return tuple(_tuple(v) for v in value) if isinstance(value, list) else value
