"""The page as one HTML string: template, inlined vis-network, data, and a hash-based CSP."""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import networkx as nx

from newskg.output.page.data import PageOptions, page_data

__all__ = ["render_page", "write_page", "script_json", "content_security_policy"]


def script_json(data: object) -> str:
    """JSON that is safe inside an HTML ``<script>`` element.

    Examples
    --------
    >>> script_json({"name": "</script><img src=x>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False)
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def content_security_policy(*scripts: str) -> str:
    """A policy that runs only the given inline scripts (by SHA-256), and loads nothing from anywhere.

    Examples
    --------
    >>> content_security_policy("1;")  # doctest: +ELLIPSIS
    "default-src 'none'; script-src 'sha256-...'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'"
    """
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode('utf-8')).digest()).decode()}'" for s in scripts)
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data: blob:; "
            "font-src data:; base-uri 'none'; form-action 'none'")


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str, str, str, str, str]:
    # pyvis's copy of vis-network, found without importing pyvis (which imports IPython and
    # jinja2: 0.2-0.4 s; ``resources.files("pyvis")`` would import it)
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis is not installed: the page uses its copy of vis-network")
    lib = Path(next(iter(spec.submodule_search_locations))) / "templates" / "lib" / "vis-9.1.2"
    vis_script = (lib / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    vis_style = (lib / "vis-network.css").read_text(encoding="utf-8").replace("</style", "<\\/style")
    templates = resources.files("newskg.output").joinpath("templates")
    page = templates.joinpath("page.html").read_text(encoding="utf-8")
    style = templates.joinpath("page.css").read_text(encoding="utf-8").replace("</style", "<\\/style")
    layout = templates.joinpath("layout.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    app = templates.joinpath("page.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    return page, vis_script, vis_style, style, layout, app


def _vis_options(n_nodes: int, n_edges: int) -> dict[str, object]:
    # Stabilise, then stop: a bounded number of iterations, after which the page turns physics off
    # and removes what overlap is left (page.js).
    iterations = 600 if n_nodes <= 120 else 200 if n_nodes <= 600 else 60
    return {
        "autoResize": True,
        "nodes": {
            "shape": "dot",
            "font": {"size": 14, "face": "system-ui, 'Noto Sans', 'Noto Sans Khmer', sans-serif", "strokeWidth": 4,
                     "strokeColor": "#ffffff", "color": "#1f2933"},
            "borderWidth": 1,
            "scaling": {"label": {"enabled": False, "drawThreshold": 7, "maxVisible": 40}},
        },
        "edges": {
            "font": {"size": 11, "align": "middle", "strokeWidth": 3, "strokeColor": "#ffffff", "color": "#52606d"},
            "color": {"color": "#7b8794", "highlight": "#1f2933", "hover": "#1f2933", "inherit": False},
            "smooth": False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
            # Relation names appear once one zooms in (or on hover), not over the fit view.
            "scaling": {"label": {"drawThreshold": 14}},
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -4000, "centralGravity": 0.25, "springLength": 150,
                          "springConstant": 0.03, "damping": 0.25, "avoidOverlap": 0.8},
            "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 50, "fit": False},
            "minVelocity": 1.0,
        },
        "layout": {"improvedLayout": n_nodes <= 120, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "keyboard": False,
                        "hideEdgesOnDrag": n_edges > 500, "multiselect": False},
    }


def render_page(graph: nx.MultiDiGraph, options: PageOptions | None = None, *, documents: int | None = None) -> str:
    """The whole page as one HTML string: no external script, style, font or image.

    Examples
    --------
    >>> page = render_page(nx.MultiDiGraph())
    >>> "'unsafe-inline'" in page.split("script-src", 1)[1].split(";", 1)[0]
    False
    """
    options = options or PageOptions()
    data = page_data(graph, options, documents=documents)
    page, vis_script, vis_style, style, layout, app = _assets()
    vis_options = _vis_options(len(data["nodes"]), len(data["edges"]))
    values = {
        "TITLE": html.escape(str(data["meta"]["title"])),
        "CSP": html.escape(content_security_policy(vis_script, layout, app)),
        "VIS_STYLE": vis_style,
        "STYLE": style,
        "DATA": script_json(data),
        "OPTIONS": script_json(vis_options),
        "VIS_SCRIPT": vis_script,
        "LAYOUT_SCRIPT": layout,
        "APP_SCRIPT": app,
    }
    # One pass, so text inserted from documents is never scanned for placeholders again.
    return re.sub(r"\{\{(" + "|".join(values) + r")\}\}", lambda m: values[m.group(1)], page)


def write_page(graph: nx.MultiDiGraph, path: str | Path, options: PageOptions | None = None, *, documents: int | None = None) -> Path:
    """Write the page to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_page(graph, options, documents=documents), encoding="utf-8")
    return path
