"""What a read of the page's network leaves, so that a later read need only read what was added.

:func:`~newskg.output.page.reading.read_page` keeps, as it reads, the shown part of each list
and the counts of everything (see :class:`~newskg.output.page.groups.Groups`). A
:class:`PageState` is that, as JSON: an addition to a large archive reads the new documents'
mentions, statements, events and claims into it and gives the page a whole read gives, instead of
reading every document's again (see :mod:`newskg.builds`, which keeps it beside the store).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from newskg.output.page.groups import Groups
from newskg.output.page.options import PageOptions

if TYPE_CHECKING:
    from newskg.output.page.reading import _Reading

__all__ = ["PageState"]

#: bumped when what a state holds changes: a state of another format is not read on
_FORMAT = 1


@dataclass(frozen=True)
class PageState:
    """The counts and the shown lists of one read of the page's network, as JSON (``data``),
    for the options it was read with.

    Examples
    --------
    >>> state = PageState(PageOptions(), b'{"seq": 0}')
    >>> PageState.from_json(state.to_json()) == state
    True
    >>> PageState.from_json(b"not json") is None
    True
    """

    options: PageOptions
    data: bytes

    @classmethod
    def of(cls, reading: _Reading) -> PageState:
        """What ``reading`` holds now (its collector's lists and its counts), copied."""
        collector = reading.collector
        limit = collector.options.sentences_per_actor
        mentions = {node: [list(m) for m in sorted(found, key=lambda m: m[:3])[:limit]] for node, found in collector._mentions.items()}
        plain = {
            "seq": collector._seq,
            "event_nodes": collector.event_nodes,
            "projected": sorted(collector.projected),
            "mentions": mentions,
            "edges": [[s, o, name, data["groups"].to_plain()] for s, o, name, data in sorted(collector.graph.edges(keys=True, data=True))
                      if data["groups"].count],
            "claims": {speaker: groups.to_plain() for speaker, groups in sorted(collector.claims.items())},
            "loose": {actor: groups.to_plain() for actor, groups in sorted(collector.loose.items())},
            "seen_mentions": dict(sorted(reading.seen_mentions.items())),
            "taking_part": {node: sorted(keys) for node, keys in sorted(reading.taking_part.items())},
            "claim_counts": dict(sorted(reading.claim_counts.items())),
            "supported": sorted(reading.supported),
        }
        return cls(collector.options, json.dumps(plain, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

    def restore(self, reading: _Reading) -> None:
        """Put what this holds into a fresh ``reading`` (made with the same options)."""
        plain = json.loads(self.data)
        collector = reading.collector
        collector._seq = int(plain["seq"])
        collector.event_nodes = bool(plain["event_nodes"])
        collector.projected = {int(h) for h in plain["projected"]}
        for node, found in plain["mentions"].items():
            collector._mentions[node] = [tuple(m) for m in found]
        reading.edge_groups = {(s, o, name): Groups.from_plain(groups) for s, o, name, groups in plain["edges"]}
        collector.claims = {speaker: Groups.from_plain(groups) for speaker, groups in plain["claims"].items()}
        collector.loose = {actor: Groups.from_plain(groups, tuple) for actor, groups in plain["loose"].items()}
        reading.seen_mentions.update({node: int(n) for node, n in plain["seen_mentions"].items()})
        reading.taking_part.update({node: set(keys) for node, keys in plain["taking_part"].items()})
        reading.claim_counts.update({node: int(n) for node, n in plain["claim_counts"].items()})
        reading.supported = {tuple(edge) for edge in plain["supported"]}

    def to_json(self) -> bytes:
        """The state as bytes: a line naming its format and options, then its data (see :meth:`from_json`)."""
        head = {"format": _FORMAT, "options": asdict(self.options)}
        return json.dumps(head, sort_keys=True).encode() + b"\n" + self.data

    @classmethod
    def from_json(cls, data: bytes) -> PageState | None:
        """A state :meth:`to_json` wrote; ``None`` for anything else (another format, another
        version's options). Its data is read only when a read goes on from it, and a damaged one
        is then read whole instead (see :func:`~newskg.output.page.reading.read_page`)."""
        head, _, rest = data.partition(b"\n")
        try:
            plain = json.loads(head)
            if plain.get("format") != _FORMAT:
                return None
            options = PageOptions(**plain["options"])
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
        return cls(options, rest)
