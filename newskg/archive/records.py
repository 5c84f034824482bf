"""Extraction records as compact JSON: what the archive keeps of each document between runs.

The extract stage's frozen dataclasses (:mod:`newskg.extract.models`) are written as JSON (never
pickle: a build folder may come from someone else, and reading it must not run code) and read
back equal. Each record is ``{"@": type, "v": [field values in declaration order]}``; only the
record types of :mod:`newskg.extract.models` are read back, anything else is refused.

Examples
--------
>>> from newskg.extract.models import Mention
>>> m = Mention("Anna Vell", "Person", 10, 19, 0, title="Ms")
>>> decode(encode(m)) == m
True
"""

from __future__ import annotations

import dataclasses
import json
import zlib

from newskg.extract import models

__all__ = ["encode", "decode", "pack", "unpack"]

_TYPES = {
    cls.__name__: cls
    for cls in (
        models.SourceDocument, models.Sentence, models.Mention, models.AcronymDefinition, models.RelationMention,
        models.Event, models.Claim, models.Problem, models.DocumentExtraction,
    )
}
_FIELDS = {name: tuple(f.name for f in dataclasses.fields(cls)) for name, cls in _TYPES.items()}


_NAMES = {cls: name for name, cls in _TYPES.items()}
_LEAVES = (str, int, float, bool, type(None))


def _plain(value: object) -> object:
    kind = type(value)
    if kind in _LEAVES:
        return value
    name = _NAMES.get(kind)
    if name is not None:
        return {"@": name, "v": [_plain(getattr(value, f)) for f in _FIELDS[name]]}
    if kind is tuple or kind is list:
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        raise TypeError(f"not an extraction record: {kind.__name__}")
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot keep a {kind.__name__} in a record")


def _record(obj: dict) -> object:
    name = obj.get("@")
    cls = _TYPES.get(name) if isinstance(name, str) else None
    values = obj.get("v")
    if cls is None or not isinstance(values, list) or len(values) > len(_FIELDS[name]):
        raise ValueError(f"not an extraction record: {str(name)[:40]!r}")
    return cls(*(tuple(v) if isinstance(v, list) else v for v in values))


def encode(record: object) -> str:
    """A record as JSON text (one line, keys in a fixed order)."""
    return json.dumps(_plain(record), ensure_ascii=False, separators=(",", ":"))


def decode(text: str | bytes) -> object:
    """The record :func:`encode` wrote; ``ValueError`` for anything else."""
    return json.loads(text, object_hook=_record)


def pack(record: object) -> bytes:
    """:func:`encode`, compressed (zlib): what the archive stores."""
    return zlib.compress(encode(record).encode("utf-8"), 6)


def unpack(data: bytes) -> object:
    """The record :func:`pack` wrote.

    Examples
    --------
    >>> from newskg.extract.models import Problem
    >>> unpack(pack(Problem("a.txt", "E203", "empty")))
    Problem(path='a.txt', code='E203', message='empty', fatal=True)
    """
    return decode(zlib.decompress(data))
