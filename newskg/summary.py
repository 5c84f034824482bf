"""What a build read and produced (:class:`BuildSummary`), and the error of a build that could read
nothing (:class:`NoDocumentsError`): what the library API, the archive and the CLI pass between them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newskg.errors import NewskgError
from newskg.extract.models import Problem

__all__ = ["BuildSummary", "NoDocumentsError", "no_documents"]


class NoDocumentsError(NewskgError):
    """No document could be read: nothing to build. ``problems`` says why, file by file."""

    def __init__(self, message: str, problems: Sequence[Problem]) -> None:
        super().__init__("E208", message)
        self.problems = tuple(problems)


def no_documents(paths: Sequence[str | Path], problems: Sequence[Problem]) -> NoDocumentsError:
    where = ", ".join(str(p) for p in paths)
    failed = [p for p in problems if p.fatal]
    reason = f" ({failed[0]}{f' and {len(failed) - 1} more' if len(failed) > 1 else ''})" if failed else " (no .txt, .md or .html file found)"
    return NoDocumentsError(f"no document could be read from {where}{reason}: nothing was built", problems)


@dataclass(frozen=True, slots=True)
class BuildSummary:
    """What a build read and produced."""

    documents: int
    entities: int
    relations: int
    claims: int
    statements: int = 0
    events: int = 0
    problems: tuple[Problem, ...] = ()
    model: str = ""
    by_type: dict[str, int] = field(default_factory=dict)
    extracted: int = 0  # documents read with spaCy (an update reads only the new and changed ones)
    rewritten: int = 0  # document graphs an archive build wrote (an update: the new ones and those whose actors changed)

    @property
    def failed(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.fatal)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.fatal)
