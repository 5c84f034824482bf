"""Serve a graph over the SPARQL 1.1 Protocol with Oxigraph's server, read-only."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from rdflib import Dataset

from newskg.errors import NewskgError

__all__ = ["oxigraph_binary", "prepare_store", "server_command", "serve"]


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable installed with the ``oxigraph`` package."""
    candidates = [
        Path(sysconfig.get_path("scripts")) / "oxigraph",
        Path(sys.executable).parent / "oxigraph",
    ]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise NewskgError("E601", "the Oxigraph server is not installed: run `pip install oxigraph`")


def prepare_store(dataset: Dataset, location: str | Path) -> Path:
    """Write the graph into an on-disk Oxigraph store at ``location`` (replacing what was there)."""
    import pyoxigraph

    location = Path(location)
    if location.exists():
        shutil.rmtree(location)
    location.mkdir(parents=True)
    from newskg.output.query import load_store

    store = pyoxigraph.Store(str(location))
    load_store(store, dataset)
    store.flush()
    del store
    return location


def server_command(location: str | Path, host: str = "localhost", port: int = 7878) -> list[str]:
    """The command line that serves ``location`` read-only.

    Examples
    --------
    >>> server_command("store", port=9000)[1:]
    ['serve-read-only', '--location', 'store', '--bind', 'localhost:9000']

    The default graph of the store holds the union of all graphs (see ``load_store``), so plain
    queries see everything and ``GRAPH`` queries see one document at a time.
    """
    return [oxigraph_binary(), "serve-read-only", "--location", str(location), "--bind", f"{host}:{port}"]


def serve(location: str | Path, host: str = "localhost", port: int = 7878) -> subprocess.Popen[bytes]:
    """Start the server in the background and return its process."""
    return subprocess.Popen(server_command(location, host, port))
