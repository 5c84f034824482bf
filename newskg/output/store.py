"""The on-disk Oxigraph store that ``newskg serve`` reads: newskg's own folder, never a user's."""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
from pathlib import Path

from rdflib import Dataset

from newskg.errors import NewskgError

__all__ = ["STORE_MARKER", "file_fingerprint", "prepare_store"]

#: The file that marks a folder as a store newskg made (and may therefore replace).
STORE_MARKER = ".newskg-store"


def file_fingerprint(path: str | Path) -> str:
    """SHA-256 of a graph file: a store made from the same file is reused."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def prepare_store(dataset: Dataset, location: str | Path, *, fingerprint: str | None = None) -> Path:
    """Write the graph into an on-disk Oxigraph store at ``location``.

    ``location`` must be new, empty, or a store newskg made before (it holds :data:`STORE_MARKER`);
    a folder holding anything else is refused (E603) and left as it is. A store made from the same
    ``fingerprint`` (see :func:`file_fingerprint`) is reused.

    Examples
    --------
    >>> import tempfile
    >>> from newskg.graph.build import new_dataset
    >>> folder = Path(tempfile.mkdtemp()); _ = (folder / "thesis.docx").write_text("years of work")
    >>> prepare_store(new_dataset(), folder)
    Traceback (most recent call last):
    ...
    newskg.errors.NewskgError: E603: --store ... holds files newskg did not make (thesis.docx): give a new or empty folder
    """
    import pyoxigraph

    from newskg.output.query import load_store

    location = Path(location)
    marker = location / STORE_MARKER
    if location.exists() or location.is_symlink():
        if not location.is_dir() or location.is_symlink():
            raise NewskgError("E603", f"--store {location} is not a folder: give a new or empty folder")
        if marker.is_file():
            with contextlib.suppress(OSError, ValueError):
                if fingerprint and json.loads(marker.read_text(encoding="utf-8")).get("graph_sha256") == fingerprint:
                    return location
            shutil.rmtree(location)  # newskg's own store, of another graph
        else:
            others = sorted(p.name for p in location.iterdir())
            if others:
                shown = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
                raise NewskgError("E603", f"--store {location} holds files newskg did not make ({shown}): give a new or empty folder")
    try:
        location.mkdir(parents=True, exist_ok=True)
        marker.write_text(json.dumps({"newskg": "oxigraph store", "graph_sha256": None}) + "\n", encoding="utf-8")
        store = pyoxigraph.Store(str(location))
        load_store(store, dataset)
        store.flush()
        del store
        # Marked complete only once loaded: a store cut short is rebuilt next time.
        marker.write_text(json.dumps({"newskg": "oxigraph store", "graph_sha256": fingerprint}) + "\n", encoding="utf-8")
    except OSError as exc:
        raise NewskgError("E603", f"cannot write the store in {location}: {exc.strerror or exc}") from None
    return location
