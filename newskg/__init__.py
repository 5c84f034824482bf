"""newskg: knowledge graphs of who did what to whom, and who says so, from news and official documents.

Examples
--------
>>> import newskg
>>> sorted(newskg.__all__)
['BuildSummary', 'KnowledgeGraph', 'NewskgError', '__version__', 'build']
"""

from __future__ import annotations

from newskg.api import BuildSummary, KnowledgeGraph, build
from newskg.errors import NewskgError

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "BuildSummary", "NewskgError", "build", "__version__"]
