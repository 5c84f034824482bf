"""`newskg serve`: a read-only SPARQL 1.1 Protocol endpoint (Oxigraph), queried with SPARQLWrapper."""

from __future__ import annotations

import socket
import subprocess
import time

import pytest

from newskg.output.server import prepare_store, server_command

pytestmark = pytest.mark.server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(sample_kg, tmp_path_factory):
    location = prepare_store(sample_kg.dataset, tmp_path_factory.mktemp("store") / "oxigraph")
    port = free_port()
    process = subprocess.Popen(server_command(location, "127.0.0.1", port), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"oxigraph exited: {process.stderr.read().decode()}")
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("oxigraph did not start within 30 s")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def test_sparql_select_over_http(endpoint):
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(f"{endpoint}/query")
    client.setQuery("""
        PREFIX nkg: <https://w3id.org/newskg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?by ?of WHERE { ?s nkg:demands ?o . ?s rdfs:label ?by . ?o rdfs:label ?of }""")
    client.setReturnFormat(JSON)
    rows = {(b["by"]["value"], b["of"]["value"]) for b in client.query().convert()["results"]["bindings"]}
    assert ("European Parliament", "Cambodian authorities") in rows


def test_the_endpoint_is_read_only(endpoint):
    from SPARQLWrapper import POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException
    from urllib.error import HTTPError

    client = SPARQLWrapper(f"{endpoint}/update")
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises((SPARQLWrapperException, HTTPError)):
        client.query()
