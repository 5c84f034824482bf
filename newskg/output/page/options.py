"""What the page draws, and how much of it: the options of :func:`newskg.output.page.render_page`."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PageOptions", "MENTIONS_SHOWN"]

#: sentences shown for each actor (the first, by document and sentence)
MENTIONS_SHOWN = 40


@dataclass(frozen=True, slots=True)
class PageOptions:
    """What to draw: at most ``max_nodes`` actors (those taking part in most events and claims
    first), of at least ``min_degree`` relations. The RDF always keeps everything; this only trims
    the picture.

    How much the page lists, so that it (and the memory drawing it takes) stays the same size
    however large the corpus: for each actor its first ``sentences_per_actor`` sentences, its
    first ``claims_per_actor`` claims and ``events_per_actor`` events that no relation stands for;
    for each relation its first ``sentences_per_relation`` distinct supporting sentences; for each
    of those its first ``sources_per_item`` documents ("first" is by document, then by place in
    it). Counts are always whole: a relation says how many sentences support it, shown or not.

    Examples
    --------
    >>> PageOptions().sentences_per_relation, PageOptions(max_nodes=50).max_nodes
    (40, 50)
    """

    max_nodes: int = 2000
    min_degree: int = 0
    title: str = "newskg knowledge graph"
    height: str = "100%"
    sentences_per_actor: int = MENTIONS_SHOWN
    sentences_per_relation: int = 40
    sources_per_item: int = 10
    claims_per_actor: int = 100
    events_per_actor: int = 100
