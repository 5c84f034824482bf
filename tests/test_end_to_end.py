"""Whole builds: the sample corpus, stability across runs, and hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from newskg.api import KnowledgeGraph
from newskg.graph.build import union_graph


def test_sample_build_counts(sample_kg):
    summary = sample_kg.summary
    assert summary.documents == 5 and summary.failed == ()
    assert 40 <= summary.entities <= 60
    assert summary.relations >= 35 and summary.claims >= 20
    assert summary.statements > summary.relations  # some facts are stated in several sentences
    assert summary.relations == sample_kg.to_networkx().number_of_edges()


def test_two_builds_give_identical_graphs(sample_kg):
    again = KnowledgeGraph.build()
    assert isomorphic(union_graph(again.dataset), union_graph(sample_kg.dataset))
    assert set(again.dataset.subjects()) == set(sample_kg.dataset.subjects())


def test_bad_documents_are_reported_and_good_ones_kept(tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text("Amnesty International condemned the arrest of Sam Rainsy by the Thai police.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "latin1.txt").write_bytes("Reporters Without Borders criticised the Ministry of Information.".encode("cp1252") + b"\xe9")
    (tmp_path / "<img src=x onerror=alert(1)>.html").write_text(
        "<html><body><p>The <b>Cambodian National Rescue Party</b> was dissolved.</p><script>evil()</script></body></html>"
    )
    kg = KnowledgeGraph.build([tmp_path])
    codes = sorted(p.code for p in kg.summary.problems)
    assert codes == ["E202", "E203", "W201"]
    assert kg.summary.documents == 3
    names = {str(r[0]) for r in kg.query("SELECT ?n WHERE { ?e nkg:entityType ?t ; rdfs:label ?n }").rows}
    assert {"Amnesty International", "Thai police", "Reporters Without Borders", "Cambodian National Rescue Party"} <= names
    page = kg.page()
    assert "<img src=x" not in page and "evil()" not in page


def test_html_and_markdown_documents(tmp_path: Path):
    (tmp_path / "a.md").write_text("# Ministry condemned\n\nThe **Ministry of Interior** condemned Human Rights Watch.\n")
    (tmp_path / "b.html").write_text("<title>Report</title><p>Human Rights Watch criticised the Ministry of Interior.</p>")
    kg = KnowledgeGraph.build([tmp_path])
    rows = {(str(r[0]), str(r[1])) for r in kg.query(
        "SELECT ?s ?o WHERE { ?a nkg:condemns ?b . ?a rdfs:label ?s . ?b rdfs:label ?o }").rows}
    assert ("Ministry of Interior", "Human Rights Watch") in rows
    assert ("Human Rights Watch", "Ministry of Interior") in rows


def test_worker_processes_give_the_same_graph(sample_kg):
    parallel = KnowledgeGraph.build(workers=2)
    assert isomorphic(union_graph(parallel.dataset), union_graph(sample_kg.dataset))


@pytest.mark.parametrize("count,workers", [(1, 2), (7, 2), (200, 2), (1000, 4), (10_000, 16)])
def test_worker_batches_shrink_so_the_workers_finish_together(count, workers):
    from newskg.extract.pipeline import shares

    sizes = shares(count, workers, largest=16)
    assert sum(sizes) == count and all(1 <= s <= 16 for s in sizes)
    assert sizes == sorted(sizes, reverse=True)  # the largest first, the smallest last
    # what one worker may be left alone with at the end: at most two documents
    assert sizes[-1] <= 2 and (count < 2 * workers * 16 or sizes[0] == 16)


def test_identical_documents_are_read_once(tmp_path: Path):
    text = "Amnesty International condemned the Thai police."
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "copy of a.txt").write_text(text)
    kg = KnowledgeGraph.build([tmp_path])
    assert kg.summary.documents == 1
    assert [(p.code, p.fatal) for p in kg.summary.problems] == [("W202", False)]


def test_show_renders_the_page_inline_for_notebooks(sample_kg):
    shown = sample_kg.show()
    assert shown.data.startswith("<iframe srcdoc=")
    assert "&lt;script" in shown.data and "<script" not in shown.data  # the whole page is an attribute value
