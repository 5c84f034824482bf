"""The interactive page: one self-contained, offline HTML file drawn with vis-network.

``data`` turns the networkx view into what the page shows (actors sized by the events they take
part in, events and claims with their sources, dates and documents); ``render`` puts it into
newskg's own template with vis-network inlined from pyvis's package, under a Content Security
Policy that lets only the page's own scripts run (by their SHA-256 hashes). All text that came from
documents travels as JSON inside ``<script type="application/json">`` blocks, is cleaned of bidi and
zero-width control characters, and is put on screen with ``textContent`` only.
"""

from __future__ import annotations

import importlib

# Each name is imported from its module when first asked for (PEP 562): what draws the page
# brings networkx and rdflib, which an addition that writes no files never needs for its options.
_MODULES = {
    "PageOptions": "options", "MENTIONS_SHOWN": "options", "TYPE_COLORS": "data", "page_data": "data",
    "page_network": "reading", "read_page": "reading", "group_network": "reading",
    "render_page": "render", "write_page": "render", "script_json": "render", "content_security_policy": "render",
    "clean_text": "text", "search_key": "text", "day_range": "text",
}

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


def __getattr__(name: str) -> object:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_MODULES[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
