"""Errors a user can cause, each with a stable code and a one-line message."""

from __future__ import annotations

__all__ = ["NewskgError"]


class NewskgError(Exception):
    """An error caused by input or settings, reported to the user without a traceback.

    Codes: E1xx lexicon and patterns, E2xx input documents, E3xx the spaCy model,
    E4xx graphs on disk, E5xx queries, E6xx the server, E7xx validation.

    Examples
    --------
    >>> str(NewskgError("E201", "no documents found in ./empty"))
    'E201: no documents found in ./empty'
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
