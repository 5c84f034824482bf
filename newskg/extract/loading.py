"""Find documents on disk and decode them safely: every file is untrusted."""

from __future__ import annotations

import hashlib
import re
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

    Files given explicitly with an unknown extension, and paths that do not exist, are reported as
    problems; files of unknown type found inside folders are skipped quietly.

    Examples
    --------
    >>> files, problems = discover([bundled_corpus()])
    >>> len(files), problems
    (5, [])
    """
    found: dict[str, Path] = {}
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in MEDIA_TYPES and not _hidden(child, path):
                    found.setdefault(str(child.resolve()), child)
        elif path.is_file():
            if path.suffix.lower() in MEDIA_TYPES:
                found.setdefault(str(path.resolve()), path)
            else:
                problems.append(
                    Problem(str(path), "E205", f"unsupported file type '{path.suffix}': use .txt, .md or .html")
                )
        else:
            problems.append(Problem(str(path), "E206", "no such file or folder"))
    return sorted(found.values(), key=lambda p: str(p)), problems


def _hidden(child: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in child.relative_to(root).parts)


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode bytes as UTF-8 (with or without BOM) or UTF-16, falling back to Windows-1252.

    Returns the text and a warning when a fallback was needed.

    Examples
    --------
    >>> decode("Phnom Penh".encode("utf-8"))
    ('Phnom Penh', None)
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


def _looks_binary(data: bytes, text: str) -> bool:
    head = data[:8192]
    if b"\x00" in head and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = text[:8192]
    if not sample:
        return False
    controls = len(_CONTROL.findall(sample))
    unassigned = sum(1 for ch in sample if unicodedata.category(ch) in {"Co", "Cn"})
    return (controls + unassigned) / len(sample) > 0.05


def document_id(file_name: str, sha256: str) -> str:
    """A stable, readable id: slug of the file name plus 8 hex digits of the content hash.

    Examples
    --------
    >>> document_id("EU Resolution (final).txt", "ab12cd34ef")
    'eu-resolution-final-ab12cd34'
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
        size = path.stat().st_size
        if size > max_bytes:
            return Problem(shown, "E204", f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (see --max-bytes)")
        data = path.read_bytes()
    except OSError as exc:
        return Problem(shown, "E201", f"cannot read file: {exc.strerror or exc}")
    text, warning = decode(data)
    if _looks_binary(data, text):
        return Problem(shown, "E202", "binary content, not text: skipped")
    text = text.replace("\x00", " ")
    if not text.strip():
        return Problem(shown, "E203", "empty document: nothing to read")
    warnings = (Problem(shown, "W201", warning, fatal=False),) if warning else ()
    return RawDocument(
        path=shown,
        file_name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=MEDIA_TYPES.get(path.suffix.lower(), "text/plain"),
        text=text,
        warnings=warnings,
    )
