"""The interactive page: one self-contained, offline HTML file drawn with vis-network.

``data`` turns the networkx view into what the page shows (actors sized by the events they take
part in, events and claims with their sources, dates and documents); ``render`` puts it into
newskg's own template with vis-network inlined from pyvis's package, under a Content Security
Policy that lets only the page's own scripts run (by their SHA-256 hashes). All text that came from
documents travels as JSON inside ``<script type="application/json">`` blocks, is cleaned of bidi and
zero-width control characters, and is put on screen with ``textContent`` only.
"""

from __future__ import annotations

from newskg.output.page.data import MENTIONS_SHOWN, TYPE_COLORS, PageOptions, page_data
from newskg.output.page.reading import group_network, page_network, read_page
from newskg.output.page.render import content_security_policy, render_page, script_json, write_page
from newskg.output.page.text import clean_text, day_range, search_key

__all__ = [
    "PageOptions",
    "TYPE_COLORS",
    "MENTIONS_SHOWN",
    "page_data",
    "page_network",
    "read_page",
    "group_network",
    "render_page",
    "write_page",
    "script_json",
    "content_security_policy",
    "clean_text",
    "search_key",
    "day_range",
]
