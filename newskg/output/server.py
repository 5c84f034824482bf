"""Serve a graph over the SPARQL 1.1 Protocol with Oxigraph's server, read-only, behind a guard.

Oxigraph answers the queries; a small proxy in front of it (loopback to Oxigraph, on the address the
user chose to the world) makes any single request harmless:

- every query passes :func:`newskg.output.guard.check_query` first (size, nesting, no ``SERVICE``,
  no ``FROM`` outside newskg's graphs), and gets newskg's prefixes predeclared;
- a query gets ``timeout_s`` seconds: Oxigraph cannot cancel every running query, so one that
  overruns is stopped by restarting the Oxigraph process (it runs read-only, so nothing is lost);
- Oxigraph's resident memory is watched; past ``memory_mb`` (a sort over a cross product grows it
  by gigabytes in seconds) the process is stopped and restarted;
- an answer larger than ``max_result_bytes`` is refused;
- requests from another web origin (a page posting a form to localhost) are refused.

The Oxigraph process dies with ``newskg serve`` (``PR_SET_PDEATHSIG`` on Linux, and SIGTERM or
SIGINT are passed on to it), so none is left behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from newskg.errors import NewskgError
from newskg.output.guard import QueryLimits, check_graph_iri, check_query
from newskg.output.query import shift_error_position, with_prefixes
from newskg.output.sandbox import resident_mb
from newskg.output.store import STORE_MARKER, file_fingerprint, prepare_store

__all__ = [
    "STORE_MARKER",
    "oxigraph_binary",
    "prepare_store",
    "file_fingerprint",
    "server_command",
    "bind_endpoint",
    "OxigraphProcess",
    "Endpoint",
    "serve",
]


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable installed with the ``oxigraph`` package."""
    candidates = [
        Path(sysconfig.get_path("scripts")) / "oxigraph",
        Path(sys.executable).parent / "oxigraph",
    ]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise NewskgError("E601", "the Oxigraph server is not installed: run `pip install oxigraph`")


def server_command(location: str | Path, host: str = "localhost", port: int = 7878) -> list[str]:
    """The command line that runs Oxigraph read-only on ``location``.

    Examples
    --------
    >>> server_command("store", port=9000)[1:]
    ['serve-read-only', '--location', 'store', '--bind', 'localhost:9000']

    The default graph of the store holds the union of all graphs (see ``load_store``), so plain
    queries see everything and ``GRAPH`` queries see one document at a time.
    """
    return [oxigraph_binary(), "serve-read-only", "--location", str(location), "--bind", f"{host}:{port}"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _child_limits() -> Callable[[], None]:
    """What the Oxigraph child runs between fork and exec: no core file, and death with its parent.

    Everything is looked up here, before the fork: the child of a threaded process must not import.
    (Memory is capped by watching the child's resident size, see :meth:`OxigraphProcess.check_memory`.)
    """
    try:
        import resource

        def set_limit() -> None:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a killed child writes no core file

    except ImportError:  # pragma: no cover - not a Unix
        set_limit = None  # type: ignore[assignment]
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        prctl = None

    def setup() -> None:
        if set_limit is not None:
            with contextlib.suppress(ValueError, OSError):
                set_limit()
        if prctl is not None:
            prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: killed when the thread that started it ends

    return setup


class OxigraphProcess:
    """The Oxigraph server child on a loopback port, restarted when it dies or must be stopped.

    Only the main thread starts it (:meth:`start`, :meth:`keep_running`): the parent-death signal
    belongs to the thread that forked the child. Request threads only ask for a restart.
    """

    def __init__(self, location: Path, limits: QueryLimits) -> None:
        self.location = location
        self.limits = limits
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.generation = 0
        self.restarts = 0
        self.started_at = 0.0
        self.quick_deaths = 0
        self.fatal: str | None = None
        self._pending = False
        self.ready = threading.Event()  # set while a child is up; request threads wait on it
        self._lock = threading.RLock()
        self._log = tempfile.TemporaryFile()

    def start(self) -> None:
        """Start (or restart) the child; raise E604 if it does not come up within 30 s."""
        with self._lock:
            self._kill()
            self.port = _free_port()
            self._log.seek(0)
            self._log.truncate()
            self.process = subprocess.Popen(
                server_command(self.location, "127.0.0.1", self.port),
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._log,
                env={**os.environ, "RUST_BACKTRACE": "0"},
                preexec_fn=_child_limits() if os.name == "posix" else None,
            )
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise NewskgError("E604", f"the Oxigraph server stopped at start (status {self.process.returncode}): {self._last_log_line()}")
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    self.generation += 1
                    self.started_at = time.monotonic()
                    self._pending = False
                    self.ready.set()
                    return
                time.sleep(0.05)
            self._kill()
            raise NewskgError("E604", "the Oxigraph server did not start within 30 s")

    def _last_log_line(self) -> str:
        self._log.seek(0)
        lines = [line.strip() for line in self._log.read().decode("utf-8", "replace").splitlines() if line.strip()]
        return lines[-1] if lines else "no message"

    def request_restart(self, generation: int, reason: str) -> None:
        """Stop the child after a failure seen in ``generation`` (once, however many requests saw
        it); the main thread starts a fresh one."""
        with self._lock:
            if generation != self.generation or self._pending:
                return
            self._pending = True
            self.ready.clear()
            print(f"newskg serve: {reason}; restarting Oxigraph", file=sys.stderr, flush=True)
            self._kill()

    def keep_running(self) -> None:
        """Main thread: start a fresh child when one was asked for or the last one died."""
        if self.fatal or (self.alive() and not self._pending):
            return
        with self._lock:
            if not self._pending:
                code = self.process.returncode if self.process else None
                quick = time.monotonic() - self.started_at < 2
                self.quick_deaths = self.quick_deaths + 1 if quick else 0
                if self.quick_deaths >= 3:
                    self.fatal = f"E604: the Oxigraph server keeps stopping right after it starts (status {code}): {self._last_log_line()}"
                    self.ready.set()
                    return
                print(f"newskg serve: Oxigraph exited (status {code}); restarting it", file=sys.stderr, flush=True)
            self.ready.clear()
            self.restarts += 1
            try:
                self.start()
            except NewskgError as exc:
                self.fatal = str(exc)
                self.ready.set()  # let waiting requests fail now rather than at their deadline

    def check_memory(self) -> None:
        """Stop the child when it holds more than ``limits.memory_mb`` (a query sorting a cross
        product can grow it by gigabytes in seconds); it is then restarted."""
        if self.process is None or not self.alive():
            return
        used = resident_mb(self.process.pid)
        if used is not None and used > self.limits.memory_mb:
            self.request_restart(self.generation, f"Oxigraph used {used:,.0f} MB, over the limit of {self.limits.memory_mb:,} MB")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def _kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 5 s."""
        with self._lock:
            if self.process is not None and self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(5)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Endpoint(ThreadingHTTPServer):
    """The guarded endpoint: answers ``/query`` through :class:`OxigraphProcess`."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], limits: QueryLimits, *, concurrency: int = 4) -> None:
        super().__init__(address, _Handler)
        self.limits = limits
        self.oxigraph: OxigraphProcess | None = None
        self.slots = threading.BoundedSemaphore(concurrency)
        host = address[0]
        port = self.server_address[1]
        names = {host, "localhost", "127.0.0.1", "[::1]"}
        self.allowed_hosts = {f"{name}:{port}" for name in names}
        self.allowed_origins = {f"http://{h}" for h in self.allowed_hosts}
        self.open_to_any_host = host in {"0.0.0.0", "::", ""}


def bind_endpoint(host: str, port: int, limits: QueryLimits | None = None) -> Endpoint:
    """Bind the endpoint's socket, or raise E602 (a port in use, an unknown host) before anything starts."""
    try:
        return Endpoint((host, port), limits or QueryLimits())
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise NewskgError("E602", f"port {port} on {host} is already in use: stop what uses it or choose another with --port") from None
        raise NewskgError("E602", f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


_INDEX = b"""<!doctype html><meta charset="utf-8"><title>newskg SPARQL endpoint</title>
<p>newskg read-only SPARQL 1.1 endpoint: send queries to <code>/query</code> (GET <code>?query=</code>, or POST).
newskg's prefixes (<code>nkg:</code>, <code>nkr:</code>, <code>rdfs:</code>, <code>skos:</code>, <code>prov:</code> ...) are predeclared.</p>
"""


class _Handler(BaseHTTPRequestHandler):
    server: Endpoint
    protocol_version = "HTTP/1.1"
    server_version = "newskg"
    sys_version = ""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass  # quiet by default; failures are reported on stderr by OxigraphProcess

    def _send(self, status: int, body: bytes, content_type: str = "text/plain; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _refuse(self, status: int, message: str) -> None:
        self.close_connection = True  # a refused request's body may be unread: never parse it as the next request
        self._send(status, (message + "\n").encode("utf-8"))

    def _check_origin(self) -> None:
        host = self.headers.get("Host", "")
        if not self.server.open_to_any_host and host not in self.server.allowed_hosts:
            raise _Refused(403, f"E606: unexpected Host header '{host}': use http://localhost:{self.server.server_address[1]}/query")
        origin = self.headers.get("Origin")
        if origin and origin != "null" and origin not in self.server.allowed_origins:
            raise _Refused(403, f"E606: requests from another web page ({origin}) are refused")
        if origin == "null" or self.headers.get("Sec-Fetch-Site") == "cross-site":
            raise _Refused(403, "E606: requests from another web page are refused")

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._handle("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._handle("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._refuse(405, "E607: the endpoint is read-only")

    do_DELETE = do_PATCH = do_PUT

    def _handle(self, method: str) -> None:
        url = urlsplit(self.path)
        try:
            self._check_origin()
            if url.path == "/" and method == "GET":
                self._send(200, _INDEX, "text/html; charset=utf-8")
                return
            if url.path in {"/update", "/store"}:
                raise _Refused(403, "E607: the endpoint is read-only: only /query is served")
            if url.path != "/query":
                raise _Refused(404, "E607: not found: queries go to /query")
            params = self._parameters(method, url.query)
            queries = params.get("query", [])
            if len(queries) != 1:
                raise _Refused(400, "E504: give exactly one query (the `query` parameter, or an application/sparql-query body)")
            text = queries[0]
            check_query(text, self.server.limits)
            for name in params.get("default-graph-uri", []) + params.get("named-graph-uri", []):
                check_graph_iri(name, where="default-graph-uri/named-graph-uri")
        except _Refused as refusal:
            self._refuse(refusal.status, refusal.message)
            return
        except NewskgError as exc:
            self._refuse(400, str(exc))
            return
        prepared, offset = with_prefixes(text)
        forwarded = {k: v for k, v in params.items() if k in {"default-graph-uri", "named-graph-uri"}}
        forwarded["query"] = [prepared]
        self._forward(urlencode(forwarded, doseq=True).encode("utf-8"), offset)

    def _parameters(self, method: str, query_string: str) -> dict[str, list[str]]:
        params = parse_qs(query_string, keep_blank_values=True)
        if method == "POST":
            length = self.headers.get("Content-Length")
            if length is None or not length.isdigit():
                raise _Refused(411, "E506: a POST needs a Content-Length")
            if int(length) > self.server.limits.max_query_bytes * 3 + 4096:
                raise _Refused(413, f"E506: the request is {int(length):,} bytes, too large for a query")
            body = self.rfile.read(int(length))
            kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if kind == "application/sparql-query":
                params.setdefault("query", []).append(body.decode("utf-8", "replace"))
            elif kind == "application/x-www-form-urlencoded":
                for key, values in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                    params.setdefault(key, []).extend(values)
            else:
                raise _Refused(415, "E504: send application/sparql-query or application/x-www-form-urlencoded")
        elif len(self.path) > self.server.limits.max_query_bytes * 3 + 4096:
            raise _Refused(414, "E506: the request line is too long for a query")
        unknown = set(params) - {"query", "default-graph-uri", "named-graph-uri"}
        if unknown:
            raise _Refused(400, f"E504: unknown parameter {sorted(unknown)[0]!r} (updates are not served)")
        return params

    def _forward(self, body: bytes, offset: int) -> None:
        limits = self.server.limits
        oxigraph = self.server.oxigraph
        assert oxigraph is not None
        if not oxigraph.ready.wait(30) or oxigraph.fatal:  # a restart under way
            self._refuse(503, "E605: the query engine is restarting: try again")
            return
        if not self.server.slots.acquire(timeout=limits.timeout_s):
            self._refuse(503, "E605: the server is busy: try again")
            return
        deadline = time.monotonic() + limits.timeout_s
        generation = oxigraph.generation
        connection = http.client.HTTPConnection("127.0.0.1", oxigraph.port, timeout=limits.timeout_s)
        try:
            headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": self.headers.get("Accept", "*/*")}
            connection.request("POST", "/query", body=body, headers=headers)
            connection.sock.settimeout(max(0.05, deadline - time.monotonic()))
            response = connection.getresponse()
            chunks: list[bytes] = []
            size = 0
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                connection.sock.settimeout(remaining)
                chunk = response.read1(1 << 16) if hasattr(response, "read1") else response.read(1 << 16)
                if not chunk:
                    break
                size += len(chunk)
                if size > limits.max_result_bytes:
                    connection.close()
                    self._refuse(413, f"E514: the answer is larger than {limits.max_result_bytes:,} bytes: add a LIMIT")
                    return
                chunks.append(chunk)
            status = response.status
            content_type = response.getheader("Content-Type", "application/octet-stream")
        except (TimeoutError, socket.timeout):
            connection.close()
            oxigraph.request_restart(generation, f"a query ran past {limits.timeout_s:g} s")
            self._refuse(503, f"E511: the query ran past the time limit of {limits.timeout_s:g} s and was stopped")
            return
        except (OSError, http.client.HTTPException):
            connection.close()
            oxigraph.request_restart(generation, "Oxigraph stopped answering (out of memory?)")
            self._refuse(503, "E605: the query engine stopped (perhaps out of memory) and was restarted; the query was not answered")
            return
        finally:
            self.server.slots.release()
        connection.close()
        payload = b"".join(chunks)
        if status >= 400:
            message = shift_error_position(payload.decode("utf-8", "replace"), offset).strip().splitlines()
            first = message[0] if message else f"status {status}"
            self._refuse(status, f"E501: malformed SPARQL: {first}" if status == 400 else f"E605: {first}")
            return
        self._send(status, payload, content_type)


def serve(
    location: str | Path,
    host: str = "localhost",
    port: int = 7878,
    *,
    limits: QueryLimits | None = None,
    endpoint: Endpoint | None = None,
    on_ready: Callable[[str], None] | None = None,
) -> int:
    """Serve the store at ``location`` until SIGTERM or SIGINT; returns the exit status.

    0 after a signal; 1 when Oxigraph cannot be kept running. ``endpoint`` may be bound beforehand
    (with :func:`bind_endpoint`) to report a port in use before any other work.
    """
    limits = limits or QueryLimits()
    endpoint = endpoint or bind_endpoint(host, port, limits)
    oxigraph = OxigraphProcess(Path(location), limits)
    stop = threading.Event()
    previous = {}

    def on_signal(signum, frame) -> None:
        stop.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        previous[signum] = signal.signal(signum, on_signal)
    thread = None
    try:
        oxigraph.start()
        endpoint.oxigraph = oxigraph
        thread = threading.Thread(target=endpoint.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
        thread.start()
        if on_ready is not None:
            on_ready(f"http://{host}:{endpoint.server_address[1]}/query")
        while not stop.wait(0.05):
            oxigraph.check_memory()
            oxigraph.keep_running()
            if oxigraph.fatal:
                break
        if oxigraph.fatal:
            print(f"error {oxigraph.fatal}", file=sys.stderr, flush=True)
            return 1
        return 0
    finally:
        if thread is not None:
            endpoint.shutdown()
        endpoint.server_close()
        oxigraph.stop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
