"""Run untrusted work (a query) in a forked child with a wall-clock limit, a memory cap and no network.

A thread cannot be stopped once an engine is busy inside it, and neither rdflib nor pyoxigraph can
cancel a running query; a child process can be killed. The child is forked, so it shares the
loaded graph without copying or re-parsing it.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable
from typing import Any

from newskg.errors import NewskgError

__all__ = ["run_isolated", "can_isolate", "resident_mb"]

_BLOCKED_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto", "urllib.Request"}


def can_isolate() -> bool:
    """Whether this platform can fork (Linux and other Unixes); elsewhere work runs in-process.

    Examples
    --------
    >>> can_isolate() == ("fork" in __import__("multiprocessing").get_all_start_methods())
    True
    """
    return "fork" in multiprocessing.get_all_start_methods()


def _refuse_network(event: str, args: tuple[Any, ...]) -> None:
    if event in _BLOCKED_EVENTS:
        raise PermissionError(f"newskg makes no network requests while running a query ({event})")


def resident_mb(pid: int) -> float | None:
    """Resident memory of a process in MB, from ``/proc`` (``None`` where there is no ``/proc``).

    A cap on address space (``RLIMIT_AS``) would be simpler, but threaded native code reserves far
    more address space than it uses (a stack and a malloc arena per thread) and then fails at random.

    Examples
    --------
    >>> value = resident_mb(os.getpid())
    >>> value is None or value > 1
    True
    """
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return None


def _child(conn, func: Callable[..., Any], args: tuple[Any, ...], memory_mb: int) -> None:
    import faulthandler

    faulthandler.disable()  # a crash in native code is reported by the parent, in one line
    try:
        sys.addaudithook(_refuse_network)
        result = func(*args)
        conn.send(("ok", result))
    except NewskgError as exc:
        conn.send(("error", (exc.code, exc.message)))
    except MemoryError:
        conn.send(("error", ("E513", f"the query needed more than {memory_mb:,} MB of memory (see --memory-mb)")))
    except RecursionError:
        conn.send(("error", ("E507", "the query is nested too deeply for the engine")))
    except PermissionError as exc:
        conn.send(("error", ("E508", str(exc))))
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which decides
        conn.send(("error", ("E501", f"query failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")))
    finally:
        conn.close()


def run_isolated(func: Callable[..., Any], *args: Any, timeout_s: float, memory_mb: int) -> Any:
    """``func(*args)`` in a forked child, killed after ``timeout_s`` seconds.

    Errors the child raises as :class:`NewskgError` come back as they were; a child that runs out of
    time or dies (a crash in native code) becomes a one-line error.

    Examples
    --------
    >>> run_isolated(sum, [1, 2, 3], timeout_s=10, memory_mb=256)
    6
    >>> import time
    >>> run_isolated(time.sleep, 5, timeout_s=0.2, memory_mb=256)
    Traceback (most recent call last):
    ...
    newskg.errors.NewskgError: E511: the query ran past the time limit of 0.2 s and was stopped (see --timeout)
    """
    if not can_isolate():  # pragma: no cover - Windows and macOS spawn: no way to share the graph cheaply
        return func(*args)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, func, args, memory_mb), daemon=True)
    baseline = resident_mb(os.getpid()) or 0.0  # what the forked child shares with this process
    process.start()
    sender.close()
    deadline = time.monotonic() + timeout_s
    try:
        while not receiver.poll(min(0.05, max(0.0, deadline - time.monotonic()))):
            if time.monotonic() >= deadline:
                raise NewskgError("E511", f"the query ran past the time limit of {timeout_s:g} s and was stopped (see --timeout)")
            used = resident_mb(process.pid)
            if used is not None and used - baseline > memory_mb:
                raise NewskgError("E513", f"the query needed more than {memory_mb:,} MB of memory and was stopped (see --memory-mb)")
        try:
            kind, payload = receiver.recv()
        except (EOFError, OSError):
            process.join(5)
            code = process.exitcode
            how = f"signal {-code}" if code is not None and code < 0 else f"status {code}"
            raise NewskgError("E512", f"the query engine crashed ({how}); the query was not run") from None
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()
    if kind == "error":
        raise NewskgError(*payload)
    return payload
