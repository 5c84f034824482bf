"""Items grouped by what they say, in bounded memory: the first few groups kept whole, the rest counted.

The page shows, for each relation, its supporting sentences (the same sentence from several copies
of a story is one item with every source), and for each actor its claims and its events. On a large
corpus these lists grow with every document; :class:`Groups` keeps, while the graph is read, only
the groups the page will show and the number of the others.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

__all__ = ["Group", "Groups"]


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
            self._set_aside.discard(hash(key))
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
            self._set_aside.add(hash(key))

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
