"""Find documents on disk and decode them safely: every file is untrusted."""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from newskg.extract.models import Problem

__all__ = [
    "MEDIA_TYPES",
    "DEFAULT_MAX_BYTES",
    "RawDocument",
    "bundled_corpus",
    "discover",
    "decode",
    "read_document",
    "document_id",
]

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
}
#: Files larger than this are skipped with a warning (override with ``--max-bytes``).
DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A decoded file, before normalisation."""

    path: str
    file_name: str
    sha256: str
    media_type: str
    text: str
    warnings: tuple[Problem, ...] = ()


def bundled_corpus() -> Path:
    """The folder of sample documents shipped with newskg (the default corpus).

    Examples
    --------
    >>> sorted(p.suffix for p in bundled_corpus().iterdir())[:1]
    ['.txt']
    """
    return Path(str(resources.files("newskg").joinpath("data", "corpus")))


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Expand files and folders (recursively) into a sorted list of readable documents.

    Reading stays inside the folders given: a symbolic link that leads out of them is reported
    (E209) and skipped, as are link loops (E210), broken links (E213) and anything that is not a
    regular file, such as a named pipe (E214). Files given explicitly with an unknown extension
    (E205), and paths that do not exist (E206), are reported; files of unknown type found inside
    folders are reported with E212, which the command line counts (and lists with ``--verbose``).
    Hidden files and folders (``.git``) are skipped without a report.

    Examples
    --------
    >>> files, problems = discover([bundled_corpus()])
    >>> len(files), problems
    (5, [])
    """
    found, problems = discover_real(paths)
    return [path for path, _ in found], problems


def discover_real(paths: Iterable[str | Path]) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """:func:`discover`, with each file's real path (what ``os.path.realpath`` gives: a file
    reached by two names is listed once).

    A file's real path is its folder's (resolved once a folder) and its name, unless the file
    is a link: a corpus of 5,000 files is listed without resolving 5,000 paths.

    Examples
    --------
    >>> import os
    >>> found, problems = discover_real([bundled_corpus()])
    >>> len(found), all(real == os.path.realpath(path) for path, real in found)
    (5, True)
    """
    found: dict[str, Path] = {}
    problems: list[Problem] = []
    paths = [Path(raw) for raw in paths]
    roots = [p.resolve() for p in paths if p.is_dir()]
    for path in paths:
        if path.is_dir():
            _walk(path, roots, found, problems)
        elif path.is_file():
            if path.suffix.lower() in MEDIA_TYPES:
                found.setdefault(os.path.realpath(path), path)
            else:
                problems.append(
                    Problem(str(path), "E205", f"unsupported file type '{path.suffix}': use .txt, .md or .html")
                )
        elif path.exists():
            problems.append(Problem(str(path), "E214", "not a regular file (a pipe, socket or device): skipped"))
        elif path.is_symlink():
            problems.append(Problem(str(path), "E213", "broken symbolic link: skipped"))
        else:
            problems.append(Problem(str(path), "E206", "no such file or folder"))
    return sorted(((path, real) for real, path in found.items()), key=lambda item: str(item[0])), problems


def _walk(top: Path, roots: list[Path], found: dict[str, Path], problems: list[Problem]) -> None:
    """Depth-first over ``top``, following links only while they stay inside ``roots``; fills
    ``found`` with real path -> path as found."""
    visited = {top.resolve()}
    stack = [(top, top.resolve())]
    while stack:
        folder, real_folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        except OSError as exc:
            problems.append(Problem(str(folder), "E201", f"cannot read folder: {exc.strerror or exc}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if entry.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except FileNotFoundError:
                    problems.append(Problem(str(path), "E213", "broken symbolic link: skipped"))
                    continue
                except (RuntimeError, OSError):  # a loop of links
                    problems.append(Problem(str(path), "E210", "symbolic link loop: skipped"))
                    continue
                if not any(target.is_relative_to(root) for root in roots):
                    problems.append(Problem(str(path), "E209", f"symbolic link to {target}, outside the folders given: skipped"))
                    continue
                real = target
                is_dir, is_file = target.is_dir(), target.is_file()
            else:
                # not a link: its real path is its real folder's and its name (the entry's type
                # comes with the listing, no call to stat)
                real = real_folder / entry.name
                try:
                    is_dir, is_file = entry.is_dir(), entry.is_file()
                except OSError:
                    is_dir = is_file = False
            if is_dir:
                if real in visited:
                    problems.append(Problem(str(path), "E210", f"symbolic link loop (leads back to {real}): skipped"))
                    continue
                visited.add(real)
                if path.suffix.lower() in MEDIA_TYPES:
                    problems.append(Problem(str(path), "W205", "a folder named like a document: read as a folder", fatal=False))
                stack.append((path, real))
            elif is_file:
                if path.suffix.lower() in MEDIA_TYPES:
                    found.setdefault(str(real), path)
                else:
                    problems.append(Problem(str(path), "E212", f"unsupported file type '{path.suffix}': skipped"))
            else:
                problems.append(Problem(str(path), "E214", "not a regular file (a pipe, socket or device): skipped"))


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode bytes as UTF-8 (with or without BOM) or UTF-16, falling back to Windows-1252.

    Returns the text and a warning when a fallback was needed.

    Examples
    --------
    >>> decode("Strelsau".encode("utf-8"))
    ('Strelsau', None)
    >>> decode("caf\\xe9".encode("cp1252"))
    ('café', 'not valid UTF-8; decoded as Windows-1252')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "not valid UTF-8; decoded as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not valid UTF-8; decoded as Latin-1"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _looks_binary(text: str) -> bool:
    """Many control or unassigned characters (NUL among them) in the first 8 KB: not text."""
    sample = text[:8192]
    if not sample:
        return False
    controls = len(_CONTROL.findall(sample))
    # only characters beyond ASCII can be unassigned or private: found by the regex engine, so
    # plain English text costs no Python loop
    unassigned = sum(1 for ch in _NON_ASCII.findall(sample) if unicodedata.category(ch) in {"Co", "Cn"})
    return (controls + unassigned) / len(sample) > 0.05


def document_id(file_name: str, sha256: str) -> str:
    """A stable, readable id: slug of the file name plus 8 hex digits of the content hash.

    Examples
    --------
    >>> document_id("NMU Resolution (final).txt", "ab12cd34ef")
    'nmu-resolution-final-ab12cd34'
    """
    stem = Path(file_name).stem.lower()
    slug = re.sub(r"[^0-9a-z]+", "-", unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode())
    slug = slug.strip("-")[:60] or "document"
    return f"{slug}-{sha256[:8]}"


def read_document(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, root: Path | None = None) -> RawDocument | Problem:
    """Read and decode one file, or say why it cannot be used.

    Parameters
    ----------
    path
        The file.
    max_bytes
        Larger files are refused with code E204 rather than read.
    root
        Folder that ``path`` is shown relative to in reports and in the graph.

    Examples
    --------
    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> empty = Path(folder, "empty.txt"); _ = empty.write_bytes(b"  \\n")
    >>> read_document(empty).code
    'E203'
    """
    shown = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return Problem(shown, "E214", "not a regular file (a pipe, socket or device): skipped")
        size = info.st_size
        if size > max_bytes:
            return Problem(shown, "E204", f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (see --max-bytes)")
        data = path.read_bytes()
    except OSError as exc:
        return Problem(shown, "E201", f"cannot read file: {exc.strerror or exc}")
    text, warning = decode(data)
    if _looks_binary(text):
        return Problem(shown, "E202", "binary content, not text: skipped")
    warnings = (Problem(shown, "W201", warning, fatal=False),) if warning else ()
    nuls = text.count("\x00")
    if nuls:
        # Same length, so every offset still points into the file's text.
        text = text.replace("\x00", " ")
        warnings += (Problem(shown, "W203", f"{nuls} NUL byte{'s' if nuls != 1 else ''} replaced by spaces", fatal=False),)
    if not text.strip():
        return Problem(shown, "E203", "empty document: nothing to read")
    return RawDocument(
        path=shown,
        file_name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=MEDIA_TYPES.get(path.suffix.lower(), "text/plain"),
        text=text,
        warnings=warnings,
    )
