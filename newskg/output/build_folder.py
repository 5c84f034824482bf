"""A build folder replaced as a whole: readers see the previous build or the new one, never a mix.

Every file is written to a temporary file in the folder, fsynced, and only then renamed into place.
The set is committed with a journal: once every new file is staged, ``.newskg-commit.json`` (itself
written atomically) lists the renames and removals still to do; then they are done and the journal
is deleted. A process killed before the journal exists leaves the old build (and temporary files
the next build removes); killed after, it leaves a journal, and readers take each file from the
journal's staged copy while it is there, so they see the new build. The next build finishes an
interrupted commit first. ``newskg-build.json`` (the manifest) lists the files of the build with
their sizes and SHA-256, so a reader can tell a complete file from a truncated or foreign one.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import secrets
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from newskg.errors import NewskgError

__all__ = [
    "MANIFEST",
    "JOURNAL",
    "atomic_write",
    "check_writable",
    "write_build",
    "build_view",
    "read_manifest",
    "locate_graph",
    "OUTPUT_NAMES",
    "check_formats",
    "file_sha256",
]

#: File names of a build folder by format.
OUTPUT_NAMES = {"turtle": "graph.ttl", "trig": "graph.trig", "nt": "graph.nt", "jsonld": "graph.jsonld", "nquads": "graph.nq"}
MANIFEST = "newskg-build.json"
JOURNAL = ".newskg-commit.json"
_STAGED_MARK = ".newskg-staged-"
#: Names older newskg versions wrote, recognised in a folder without a manifest.
_LEGACY_OUTPUTS = ("graph.ttl", "graph.trig", "graph.html", "graph.jsonld")


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms that cannot open a directory
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some filesystems refuse fsync on directories
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _stage(folder: Path, name: str, data: bytes, token: str) -> str:
    """Write ``data`` to a fresh hidden file in ``folder``, fsynced; returns its name."""
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f"{_STAGED_MARK}{token}-", suffix=f"-{name}")
    try:
        with contextlib.suppress(OSError, AttributeError):  # mkstemp makes 0600; outputs are as open() makes them
            os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return Path(temp).name


def scratch_file(folder: str | Path, name: str) -> Path:
    """A new hidden file in ``folder`` to write an output into before :func:`write_build` moves
    it into place; a build cut short leaves it to be removed by the next one."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f"{_STAGED_MARK}scratch-", suffix=f"-{name}")
    os.close(fd)
    with contextlib.suppress(OSError, AttributeError):
        os.chmod(temp, 0o666 & ~_umask())
    return Path(temp)


def sync_file(path: str | Path) -> None:
    """Flush a written file to the disk (``fsync``), as :func:`write_build` does before moving it
    into place; a writer in a thread of its own calls it as soon as the file is complete, so the
    wait overlaps other work and the build's commit finds it done."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _stage_file(folder: Path, name: str, source: Path, token: str) -> str:
    """Move a file written in ``folder`` to a staged name, fsynced; returns that name."""
    if source.parent.resolve() != folder.resolve():
        raise ValueError(f"{source} is not in {folder}")
    sync_file(source)  # no cost when the writer synced it already
    staged = f"{_STAGED_MARK}{token}-{secrets.token_hex(4)}-{name}"
    os.replace(source, folder / staged)
    return staged


def atomic_write(path: str | Path, data: bytes) -> Path:
    """Write ``path`` so that it holds either its old content or ``data``, never a part.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "graph.ttl"
    >>> atomic_write(target, b"<urn:a> <urn:b> <urn:c> .\\n").read_bytes()[:7]
    b'<urn:a>'
    >>> sorted(p.name for p in target.parent.iterdir())
    ['graph.ttl']
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = _stage(path.parent, path.name, data, secrets.token_hex(4))
    try:
        os.replace(path.parent / temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path.parent / temp)
        raise
    _fsync_dir(path.parent)
    return path


def check_writable(out: str | Path) -> None:
    """Refuse, before any work is done, an output folder that cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> check_writable(Path(tempfile.mkdtemp()) / "new" / "kg")
    >>> afile = Path(tempfile.mkdtemp()) / "a.txt"; _ = afile.write_text("x")
    >>> check_writable(afile)
    Traceback (most recent call last):
    ...
    newskg.errors.NewskgError: E410: --out ... is a file, not a folder: choose a folder for the build
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise NewskgError("E410", f"--out {out} is a file, not a folder: choose a folder for the build")
    probe = out
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise NewskgError("E410", f"--out {out}: {probe} is a file, not a folder")
    try:
        fd, temp = tempfile.mkstemp(dir=probe, prefix=f"{_STAGED_MARK}probe-")
        os.close(fd)
        os.unlink(temp)
    except OSError as exc:
        raise NewskgError("E411", f"cannot write to {out}: {exc.strerror or exc}") from None


def _read_json(path: Path) -> dict | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _journal(folder: Path) -> dict | None:
    journal = _read_json(folder / JOURNAL)
    if journal is None or not isinstance(journal.get("rename"), dict):
        return None
    return journal


def build_view(folder: str | Path) -> dict[str, Path]:
    """Where each file of the build in ``folder`` is to be read from, for a reader that writes nothing.

    Without a pending commit that is the file itself; with one (a build killed while renaming), the
    staged copy of every file not yet renamed, so the reader sees the new build whole.
    """
    folder = Path(folder)
    view = {p.name: p for p in folder.iterdir() if not p.name.startswith(".")} if folder.is_dir() else {}
    journal = _journal(folder)
    if journal:
        for name, staged in journal["rename"].items():
            if (folder / staged).is_file():
                view[name] = folder / staged
        for name in journal.get("remove", []):
            view.pop(name, None)
    return view


def read_manifest(folder: str | Path) -> dict | None:
    """The manifest of the build in ``folder`` (``None`` when there is none)."""
    path = build_view(folder).get(MANIFEST)
    return _read_json(path) if path else None


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read a megabyte at a time (as the manifest lists it)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def locate_graph(folder: str | Path, names: tuple[str, ...] = ("graph.trig", "graph.ttl"), *, read: bool = True) -> Path:
    """The graph file of a complete build in ``folder``, checked against its manifest.

    Raises E402 when there is no build, E406 when the build is incomplete or a file does not match
    the manifest (a partial write, or a file replaced by hand). With ``read=False`` (the file
    will not be read: the build's store answers) only its size is checked, not its bytes, which
    costs a second for every 1.5 GB of graph.
    """
    folder = Path(folder)
    view = build_view(folder)
    manifest_path = view.get(MANIFEST)
    if manifest_path is None:
        for name in names:  # a folder written by hand or by an older newskg
            if name in view and view[name].is_file():
                if view[name].stat().st_size == 0:
                    raise NewskgError("E406", f"{view[name]} is empty: the build is incomplete; run `newskg build --out {folder}` again")
                return view[name]
        raise NewskgError("E402", f"no graph.trig or graph.ttl in {folder}: run `newskg build --out {folder}` first")
    manifest = _read_json(manifest_path)
    files = manifest.get("files") if manifest else None
    if not isinstance(files, dict):
        raise NewskgError("E406", f"the build manifest {folder / MANIFEST} is unreadable: run `newskg build --out {folder}` again")
    for name in names:
        if name not in files:
            continue
        path = view.get(name)
        expected = files[name]
        if path is None or not path.is_file():
            raise NewskgError("E406", f"the build in {folder} is incomplete: {name} is missing; run `newskg build --out {folder}` again")
        if path.stat().st_size != expected.get("bytes") or (read and file_sha256(path) != expected.get("sha256")):
            raise NewskgError(
                "E406", f"{folder / name} does not match the build manifest (a partial write or an edit): run `newskg build --out {folder}` again"
            )
        return path
    raise NewskgError("E402", f"no graph.trig or graph.ttl in the build in {folder}: run `newskg build --out {folder}` again")


def _apply(folder: Path, journal: Mapping) -> None:
    """Carry out a committed journal; safe to repeat after a crash part-way through."""
    for name, staged in journal["rename"].items():
        if (folder / staged).is_file():
            os.replace(folder / staged, folder / name)
    for name in journal.get("remove", []):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(folder / name)
    _fsync_dir(folder)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(folder / JOURNAL)
    _fsync_dir(folder)


def _recover(folder: Path, keep: frozenset[str] = frozenset()) -> None:
    """Finish a commit a killed build left, and delete staged files no journal refers to (but
    the scratch files in ``keep``, which the build in progress wrote)."""
    journal = _journal(folder)
    if journal:
        _apply(folder, journal)
    elif (folder / JOURNAL).exists():
        os.unlink(folder / JOURNAL)  # an unreadable journal was never committed (it is written atomically)
    for path in folder.glob(f"{_STAGED_MARK}*"):
        if path.name not in keep:
            with contextlib.suppress(OSError):
                path.unlink()


def _previous_outputs(folder: Path) -> list[str]:
    manifest = _read_json(folder / MANIFEST)
    if manifest and isinstance(manifest.get("files"), dict):
        return list(manifest["files"])
    if (folder / "graph.trig").is_file():  # a build by an older newskg: its files are newskg's
        return [name for name in _LEGACY_OUTPUTS if (folder / name).is_file()]
    return []


def write_build(
    out: str | Path, files: Mapping[str, bytes | Path], *, keep_others: bool = False, version: str = "", extra: Mapping | None = None,
    digests: Mapping[str, str] | None = None,
) -> list[Path]:
    """Replace the build in ``out`` by ``files`` (name -> content) as a whole.

    A content may be a file already written in ``out`` (see :func:`scratch_file`), which is
    moved into place rather than read into memory: how large graphs are written; its SHA-256 is
    read from it unless ``digests`` (name -> SHA-256, taken as the writer wrote it) has it. ``extra``
    adds keys to the manifest.

    Files of the previous build that are not in ``files`` are removed (a stale ``graph.jsonld``
    does not survive), unless ``keep_others`` (used to redraw just the page). Files newskg did not
    write are never touched.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "kg"
    >>> [p.name for p in write_build(out, {"graph.ttl": b"", "graph.jsonld": b"[]"})]
    ['graph.ttl', 'graph.jsonld']
    >>> _ = write_build(out, {"graph.ttl": b"<urn:a> <urn:b> <urn:c> .\\n"})
    >>> sorted(p.name for p in out.iterdir())
    ['graph.ttl', 'newskg-build.json']
    """
    out = Path(out)
    check_writable(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        _recover(out, frozenset(p.name for p in files.values() if isinstance(p, Path)))
        previous = _previous_outputs(out)
        token = secrets.token_hex(6)
        entries = {}
        kept: dict = {}
        if keep_others:
            old = _read_json(out / MANIFEST) or {}
            entries = {k: v for k, v in (old.get("files") or {}).items() if k not in files and (out / k).is_file()}
            kept = {k: v for k, v in old.items() if k not in {"newskg", "files"}}
        staged: dict[str, str] = {}
        for name, data in files.items():
            if "/" in name or name.startswith(".") or name == MANIFEST:
                raise ValueError(f"not a build file name: {name!r}")
            if isinstance(data, Path):
                staged[name] = _stage_file(out, name, data, token)
                known = (digests or {}).get(name)
                entries[name] = {"bytes": (out / staged[name]).stat().st_size, "sha256": known or file_sha256(out / staged[name])}
            else:
                staged[name] = _stage(out, name, data, token)
                entries[name] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        manifest = {"newskg": version, **kept, **dict(extra or {}), "files": dict(sorted(entries.items()))}
        staged[MANIFEST] = _stage(out, MANIFEST, (json.dumps(manifest, indent=2) + "\n").encode("utf-8"), token)
        remove = [] if keep_others else [name for name in previous if name not in files and name != MANIFEST]
        journal = {"rename": staged, "remove": remove}
        _fsync_dir(out)
        atomic_write(out / JOURNAL, json.dumps(journal).encode("utf-8"))  # the commit point
        _apply(out, journal)
    except OSError as exc:
        if (out / JOURNAL).exists():
            raise NewskgError("E412", f"could not finish writing the build in {out}: {exc.strerror or exc}; the next build completes it") from None
        for path in out.glob(f"{_STAGED_MARK}*") if out.is_dir() else ():
            with contextlib.suppress(OSError):
                path.unlink()
        reason = exc.strerror or str(exc)
        hint = " (the disk is full)" if exc.errno == errno.ENOSPC else ""
        raise NewskgError("E412", f"could not write the build to {out}: {reason}{hint}; the previous build is unchanged") from None
    return [out / name for name in files]


def check_formats(formats: Sequence[str]) -> None:
    for fmt in formats:
        if fmt not in OUTPUT_NAMES:
            raise NewskgError("E401", f"unknown format '{fmt}': choose one of {', '.join(sorted(OUTPUT_NAMES))}")
