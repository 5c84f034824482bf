"""Errors a user can cause, each with a stable code and a one-line message.

:data:`CODES` lists every code newskg reports and what it means; ``tests/test_hardening_errors.py``
checks that the code base uses no code missing from it.
"""

from __future__ import annotations

__all__ = ["NewskgError", "CODES"]

#: Every code newskg reports. E: an error (a document skipped, a command refused); W: a warning.
CODES: dict[str, str] = {
    # lexicon and patterns
    "E101": "a lexicon file cannot be read or has the wrong shape",
    "E102": "a patterns file is not valid JSONL or YAML patterns",
    "E103": "a patterns file does not exist",
    "E110": "an event vocabulary (events.yml or a user's file) cannot be read or has the wrong shape",
    # input documents
    "E201": "a file or folder cannot be read",
    "E202": "binary content, not text",
    "E203": "an empty document, or no text left after cleaning",
    "E204": "a file over --max-bytes",
    "E205": "a file given by name has an unsupported type",
    "E206": "no such file or folder",
    "E207": "the text could not be cleaned",
    "E208": "no document could be read: nothing was built",
    "E209": "a symbolic link that leads out of the folders given",
    "E210": "a loop of symbolic links",
    "E212": "a file of another type inside a folder (counted; --verbose lists them)",
    "E213": "a broken symbolic link",
    "E214": "not a regular file (a pipe, socket or device)",
    "E299": "the analysis of one document failed",
    "W201": "not valid UTF-8: decoded with a fallback",
    "W202": "the same content as another document",
    "W203": "NUL bytes replaced by spaces",
    "W205": "a folder named like a document, read as a folder",
    "W206": "a newskg build folder inside the corpus: its own files are not read as documents",
    # the spaCy model
    "E301": "no spaCy pipeline is installed",
    "E302": "the spaCy pipeline cannot be loaded",
    # graphs on disk
    "E401": "an unknown RDF format",
    "E402": "no graph where one was expected",
    "E403": "a file whose RDF format cannot be told",
    "E404": "a file that is not valid RDF",
    "E405": "no actor of that name",
    "E406": "an incomplete build (a file missing, partial, or not matching the manifest)",
    "E407": "a graph with no triples",
    "E408": "a JSON-LD file naming a remote @context",
    "E409": "an RDF/XML file with a DOCTYPE or entity declarations",
    "E410": "--out is a file, not a folder",
    "E411": "--out cannot be written",
    "E412": "writing the outputs failed (a full disk, say); the previous build stays",
    "E413": "the build's graph store is in use by another process (a running serve or build)",
    "E414": "the archive folder was made by another newskg, or holds files newskg did not make",
    "E415": "`newskg add` to a folder without a build",
    # queries
    "E501": "malformed SPARQL, or the query failed",
    "E502": "a query file cannot be read",
    "E503": "an unknown result format",
    "E504": "no query given",
    "E505": "an unknown query engine",
    "E506": "a query over the size limit",
    "E507": "a query nested too deeply",
    "E508": "SERVICE, or any network access, in a query",
    "E509": "an update, where only queries are run",
    "E510": "FROM or a graph parameter naming a graph outside newskg's own",
    "E511": "a query that ran past the time limit",
    "E512": "the query engine crashed",
    "E513": "a query that needed more memory than allowed",
    "E514": "an answer with more rows or bytes than allowed",
    "E515": "an unknown bundled query name",
    "E516": "a bundled query that reads the per-document graphs, on a graph without them",
    # the cluster
    "E801": "--scheduler given but Dask distributed is not installed",
    "E802": "the Dask scheduler cannot be reached",
    # the server
    "E601": "the Oxigraph server is not installed",
    "E602": "the port is in use, or the address cannot be bound",
    "E603": "the --store folder holds files newskg did not make, or cannot be written",
    "E604": "the Oxigraph server failed to start",
    "E605": "the query engine stopped and was restarted, or is busy",
    "E606": "a request from another web origin or for another host",
    "E607": "not a query: the endpoint is read-only",
    # validation and evaluation
    "E701": "a gold file cannot be read or has the wrong shape",
}


class NewskgError(Exception):
    """An error caused by input or settings, reported to the user without a traceback.

    Codes: E1xx lexicon and patterns, E2xx input documents, E3xx the spaCy model,
    E4xx graphs on disk, E5xx queries, E6xx the server, E7xx validation, E8xx the cluster (see :data:`CODES`).

    Examples
    --------
    >>> str(NewskgError("E201", "no documents found in ./empty"))
    'E201: no documents found in ./empty'
    >>> CODES["E511"]
    'a query that ran past the time limit'
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
