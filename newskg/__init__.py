"""newskg: knowledge graphs of who did what to whom, and who says so, from news and official documents.

Examples
--------
>>> import newskg
>>> sorted(newskg.__all__)
['BuildSummary', 'KnowledgeGraph', 'NewskgError', '__version__', 'add', 'build']
"""

from __future__ import annotations

from newskg.api import BuildSummary, KnowledgeGraph, add, build
from newskg.errors import NewskgError

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "BuildSummary", "NewskgError", "build", "add", "__version__"]
