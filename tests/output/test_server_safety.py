"""`newskg serve` against hostile requests and careless use, on 127.0.0.1 only, bounded in count and time."""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.server

PERSON_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?p a nkg:Person }"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]






class Serve:
    """One `newskg serve` child process."""

    def __init__(self, graph: Path, *extra: str, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/query"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newskg.cli", "serve", "--graph", str(graph), "--host", "127.0.0.1", "--port", str(self.port), *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )

    def wait_banner(self, timeout: float = 90) -> str:
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            self.kill()
            pytest.fail("newskg serve printed no banner in time")
        line = self.process.stdout.readline()
        if not line:
            self.process.wait(10)
            pytest.fail(f"newskg serve exited with {self.process.returncode}: {self.process.stderr.read()}")
        return line

    def child_pids(self) -> set[int]:
        pids: set[int] = set()
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            try:
                with open(task / "children", encoding="ascii") as handle:
                    pids |= {int(p) for p in handle.read().split()}
            except FileNotFoundError:  # a request thread that ended after it was listed
                continue
        return pids

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def post(url: str, query: str, *, headers: dict[str, str] | None = None, params: dict[str, str] | None = None, timeout: float = 60):
    fields = {"query": query, **(params or {})}
    request = urllib.request.Request(
        url, data=urllib.parse.urlencode(fields).encode(), headers={"Accept": "application/sparql-results+json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def persons(url: str) -> int:
    status, body = post(url, PERSON_COUNT)
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def graph_dir(built_dir, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("served") / "kg"
    shutil.copytree(built_dir, folder, ignore=shutil.ignore_patterns("store"))
    return folder


@pytest.fixture(scope="module")
def server(graph_dir):
    serve = Serve(graph_dir, "--timeout", "3", "--memory-mb", "600", "--max-result-mb", "1")
    banner = serve.wait_banner()
    assert banner.startswith(f"SPARQL endpoint: http://127.0.0.1:{serve.port}/query")
    yield serve
    serve.process.terminate()
    serve.process.wait(15)


def test_the_store_is_made_in_the_build_folder_and_marked(server, graph_dir):
    assert (graph_dir / "store" / ".newskg-store").is_file()


def test_prefixes_are_predeclared_at_the_endpoint(server):
    assert persons(server.url) > 5


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("SELECT * WHERE " + "{" * 3000 + "}" * 3000, "E507"),
        ("SELECT * WHERE { FILTER(" + "(" * 500 + "1" + ")" * 500 + ") }", "E507"),
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }", "E508"),
        ("SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE { ?s ?p ?o }", "E510"),
        ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }", "E510"),
        ("LOAD <http://127.0.0.1:{port}/data.ttl>", "E509"),
        ("SELECT * WHERE { ?s ?p ?o } # " + "x" * 200_000, "E506"),
    ],
)
def test_a_hostile_query_is_refused_and_the_server_keeps_answering(server, listener, query, code):
    status, body = post(server.url, query.replace("{port}", str(listener.port)))
    assert status == 400 and body.startswith(code), body
    assert "\n" not in body.strip()
    assert persons(server.url) > 5
    assert listener.connections == 0


def test_a_graph_parameter_outside_newskg_is_refused(server, listener):
    status, body = post(server.url, PERSON_COUNT, params={"default-graph-uri": f"http://127.0.0.1:{listener.port}/g"})
    assert status == 400 and body.startswith("E510")
    assert listener.connections == 0


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "http://attacker.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}, {"Host": "attacker.example:80"}],
)
def test_requests_from_other_web_pages_are_refused(server, headers):
    status, body = post(server.url, PERSON_COUNT, headers=headers)
    assert status == 403 and body.startswith("E606")


def test_a_same_origin_request_is_answered(server):
    status, _ = post(server.url, PERSON_COUNT, headers={"Origin": f"http://127.0.0.1:{server.port}"})
    assert status == 200


def test_syntax_errors_give_the_position_in_the_users_text(server):
    status, body = post(server.url, "SELECT ?x WHERE {\n  ?x a }")
    assert status == 400 and body.startswith("E501: malformed SPARQL: error at 2:")


def test_the_endpoint_is_read_only(server):
    request = urllib.request.Request(server.url.replace("/query", "/update"), data=b"update=CLEAR+ALL")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=30)
    assert info.value.code == 403


def test_a_query_past_the_time_limit_is_stopped_and_the_server_recovers(server):
    before = server.child_pids()
    status, body = post(server.url, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    assert status == 503 and body.startswith("E511"), body
    assert persons(server.url) > 5
    # The busy Oxigraph process was replaced, so nothing keeps a core busy after the client left.
    assert not any(alive(pid) for pid in before)


def test_a_query_that_exhausts_memory_is_stopped_and_the_server_recovers(server):
    status, body = post(server.url, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i")
    assert status == 503 and body[:4] in {"E605", "E511"}, body
    assert persons(server.url) > 5


def test_an_answer_over_the_size_cap_is_refused(server):
    status, body = post(server.url, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }")
    assert status == 413 and body.startswith("E514")
    assert persons(server.url) > 5


def test_an_oxigraph_killed_from_outside_is_restarted(server):
    (child,) = server.child_pids()
    os.kill(child, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status, _ = post(server.url, PERSON_COUNT)
        if status == 200:
            break
        time.sleep(0.2)
    assert persons(server.url) > 5 and server.process.poll() is None


def test_a_port_in_use_is_one_line_and_a_non_zero_exit_before_any_banner(graph_dir):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        serve = Serve(graph_dir, port=taken.getsockname()[1])
        out, err = serve.process.communicate(timeout=60)
    assert serve.process.returncode != 0
    assert out == ""
    assert err.strip().count("\n") == 0 and "E602" in err and "in use" in err


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_serve_and_its_oxigraph_child(graph_dir, signum):
    serve = Serve(graph_dir)
    serve.wait_banner()
    children = serve.child_pids()
    assert children
    serve.process.send_signal(signum)
    assert serve.process.wait(20) == 0
    assert not any(alive(pid) for pid in children)
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", serve.port), timeout=1):
        pass


def test_oxigraph_dies_with_a_killed_serve(graph_dir):
    serve = Serve(graph_dir)
    serve.wait_banner()
    children = serve.child_pids()
    serve.process.kill()
    serve.process.wait(10)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in children)


def test_a_store_folder_with_other_files_is_refused_and_left_alone(graph_dir, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.docx").write_bytes(b"years of work")
    (mine / "notes.txt").write_text("notes")
    serve = Serve(graph_dir, "--store", str(mine))
    out, err = serve.process.communicate(timeout=60)
    assert serve.process.returncode == 2 and out == ""
    assert "E603" in err and err.strip().count("\n") == 0
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt", "thesis.docx"]
    assert (mine / "thesis.docx").read_bytes() == b"years of work"


def test_serving_an_rdf_file_touches_nothing_beside_it(graph_dir, tmp_path):
    other = tmp_path / "other"
    (other / "oxigraph").mkdir(parents=True)
    (other / "oxigraph" / "keep.txt").write_text("not newskg's")
    shutil.copy(graph_dir / "graph.ttl", other / "g.ttl")
    serve = Serve(other / "g.ttl")
    serve.wait_banner()
    assert persons(serve.url) > 5
    serve.process.terminate()
    assert serve.process.wait(20) == 0
    assert sorted(p.name for p in other.iterdir()) == ["g.ttl", "oxigraph"]
    assert (other / "oxigraph" / "keep.txt").read_text() == "not newskg's"


def test_an_oxigraph_that_cannot_start_makes_serve_fail(graph_dir, tmp_path):
    store = tmp_path / "store"
    serve = Serve(graph_dir, "--store", str(store))
    serve.wait_banner()
    serve.process.terminate()
    serve.process.wait(20)
    for path in store.iterdir():  # damage the store newskg made (it is reused for the same graph)
        if path.name != ".newskg-store" and path.is_file():
            path.write_bytes(b"\0garbage")
    broken = Serve(graph_dir, "--store", str(store))
    out, err = broken.process.communicate(timeout=90)
    assert broken.process.returncode != 0 and out == ""
    assert "E604" in err and err.strip().count("\n") == 0


def test_serve_exits_non_zero_when_oxigraph_keeps_failing(graph_dir):
    serve = Serve(graph_dir)
    serve.wait_banner()
    killed: set[int] = set()
    deadline = time.monotonic() + 60
    while serve.process.poll() is None and time.monotonic() < deadline:
        for pid in serve.child_pids() - killed:  # each fresh Oxigraph dies at once
            os.kill(pid, signal.SIGKILL)
            killed.add(pid)
        time.sleep(0.02)
    assert serve.process.wait(30) == 1
    err = serve.process.stderr.read()
    assert "E604" in err and err.strip().splitlines()[-1].startswith("error E604")
    assert len(killed) >= 2 and not any(alive(pid) for pid in killed)
