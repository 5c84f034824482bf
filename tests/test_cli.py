"""The command line, called in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newskg.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_every_command_is_documented_with_an_example():
    commands = app.registered_commands
    assert {c.callback.__name__ for c in commands} >= {"build", "add", "watch", "query", "export", "serve", "validate", "stats", "path", "draw", "evaluate"}
    for command in commands:
        doc = command.callback.__doc__ or ""
        assert doc.strip() and "Example:" in doc, command.callback.__name__
        result = run(command.callback.__name__, "--help")
        assert result.exit_code == 0 and "Example:" in result.output


@pytest.fixture(scope="module")
def cli_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "kg"
    result = run("build", "--out", out, "--quiet")
    assert result.exit_code == 0, result.output
    return out, result.output


def test_build_writes_the_three_files_and_a_summary(cli_build):
    out, output = cli_build
    assert {p.name for p in out.iterdir()} >= {"graph.ttl", "graph.trig", "graph.html"}
    assert "Read 5 documents" in output and "entities" in output and "relations" in output


def test_query_list_and_formats(cli_build):
    out, _ = cli_build
    listing = run("query", "--list")
    assert listing.exit_code == 0 and "demands-by-actor" in listing.output
    result = run("query", "--graph", out, "--format", "json", "SELECT ?n WHERE { ?p a nkg:Person ; rdfs:label ?n }")
    names = {b["n"]["value"] for b in json.loads(result.output)["results"]["bindings"]}
    assert {"Khun Tharo", "Chak Sopheap"} <= names


def test_query_from_a_file(cli_build, tmp_path):
    out, _ = cli_build
    query = tmp_path / "q.rq"
    query.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?d a nkg:Document }")
    result = run("query", "--graph", out, "--format", "csv", f"@{query}")
    assert result.output.splitlines() == ["n", "5"]


def test_malformed_query_is_one_line_and_exit_2(cli_build):
    out, _ = cli_build
    result = run("query", "--graph", out, "SELECT ?x WHERE { ?x a }")
    assert result.exit_code == 2
    assert "E501: malformed SPARQL at line 1" in result.output
    assert "Traceback" not in result.output


def test_missing_graph_is_a_clear_error(tmp_path):
    result = run("stats", "--graph", tmp_path / "nothing")
    assert result.exit_code == 2 and "newskg build" in result.output


@pytest.mark.parametrize(("fmt", "marker"), [("turtle", "@prefix nkg:"), ("trig", "/id/graph/document/"), ("nt", "<https://w3id.org/newskg/"), ("jsonld", '"@id"')])
def test_export_formats(cli_build, tmp_path, fmt, marker):
    out, _ = cli_build
    target = tmp_path / f"export.{fmt}"
    result = run("export", "--graph", out, "--format", fmt, "--out", target)
    assert result.exit_code == 0
    assert marker in target.read_text(encoding="utf-8")


def test_validate_stats_path_and_draw(cli_build):
    out, _ = cli_build
    assert run("validate", "--graph", out).exit_code == 0
    stats = run("stats", "--graph", out, "--top", "3")
    assert "most central actors" in stats.output and "community 1:" in stats.output
    path = run("path", "--graph", out, "Khun Tharo", "ILO")
    assert path.exit_code == 0 and "--memberOf-->" in path.output
    drawn = run("draw", "--graph", out, "--max-nodes", "5", "--out", out / "small.html")
    assert drawn.exit_code == 0 and (out / "small.html").is_file()
    assert '"drawnNodes": 5' in (out / "small.html").read_text(encoding="utf-8")


def test_evaluate_against_the_gold_set(cli_build):
    data = Path(__file__).parent / "data"
    out, _ = cli_build
    result = run("evaluate", "--graph", out, "--gold-entities", data / "gold" / "entities.yml",
                 "--gold-relations", data / "gold" / "relations.yml", "--details")
    assert result.exit_code == 0
    assert "entities: P=1.000" in result.output and "relations: P=" in result.output
    assert "missed:" in result.output


def test_a_folder_with_nothing_readable_fails_clearly_and_writes_nothing(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "empty.txt").write_text("")
    result = run("build", tmp_path / "docs", "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 2
    assert "E203" in result.output and "E208" in result.output
    assert not (tmp_path / "out").exists()


def test_version():
    from newskg import __version__

    result = run("--version")
    assert result.exit_code == 0 and result.output.strip() == f"newskg {__version__}"


def test_a_misspelt_example_name_is_reported_as_such(cli_build):
    out, _ = cli_build
    result = run("query", "--graph", out, "demands-by-actr")
    assert result.exit_code == 2
    assert "E515: unknown query 'demands-by-actr' (did you mean demands-by-actor?); see `newskg query --list`" in result.output


def test_query_limits_are_options(cli_build):
    out, _ = cli_build
    result = run("query", "--graph", out, "--max-rows", "3", "SELECT * WHERE { ?s ?p ?o }")
    assert result.exit_code == 2 and "E514" in result.output
    result = run("query", "--graph", out, "--timeout", "1", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    assert result.exit_code == 2 and "E511" in result.output and "Traceback" not in result.output


def test_skipped_files_are_counted_and_listed_with_verbose(tmp_path):
    from newskg.extract.loading import bundled_corpus

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first = sorted(bundled_corpus().iterdir())[0]
    (corpus / first.name).write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    for name in ("a.png", "b.pdf", "c.docx"):
        (corpus / name).write_bytes(b"\x00\x01")
    (corpus / "outside.txt").symlink_to(first)
    result = run("build", corpus, "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.output
    assert "3 files of other types than .txt, .md and .html (--verbose lists them)" in result.output
    assert "a.png" not in result.output
    assert "outside.txt: E209" in result.output
    assert "3 files of other types skipped" in result.output
    verbose = run("build", corpus, "--out", tmp_path / "out", "--quiet", "--verbose")
    assert all(f"{name}: E212" in verbose.output for name in ("a.png", "b.pdf", "c.docx"))


def test_a_folder_with_only_other_files_says_why(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "scan.pdf").write_bytes(b"%PDF")
    result = run("build", tmp_path / "docs", "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 2
    assert "E208: no document could be read from" in result.output and "E212" in result.output
    assert "see the messages above" not in result.output
    assert not (tmp_path / "out").exists()


def test_build_takes_the_users_event_words_and_reports_a_broken_file_in_one_line(tmp_path):
    doc = tmp_path / "docs" / "note.txt"
    doc.parent.mkdir()
    doc.write_text("Amnesty International said the Thai police collared Sam Rainsy in Bangkok.", encoding="utf-8")
    words = tmp_path / "events.yml"
    words.write_text("classes:\n  - name: Arrest\n    verbs: [collar]\n", encoding="utf-8")
    result = run("build", doc.parent, "--out", tmp_path / "kg", "--events", words, "--quiet")
    assert result.exit_code == 0, result.output
    from newskg.api import KnowledgeGraph

    rows = KnowledgeGraph.load(tmp_path / "kg").query("SELECT ?s ?o WHERE { ?s nkg:arrests ?o }").rows
    assert len(rows) == 1
    broken = tmp_path / "broken.yml"
    broken.write_text("classes: [1\n", encoding="utf-8")
    result = run("build", doc.parent, "--out", tmp_path / "kg2", "--events", broken, "--quiet")
    assert result.exit_code != 0
    assert "E110" in result.output and "Traceback" not in result.output
    assert len([line for line in result.output.splitlines() if line.strip()]) == 1


def built_from_one_text(tmp_path):
    """A build of a corpus folder holding one invented article: (corpus, build folder)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").write_text("Lantern Rights Watch condemned the arrest of Ilsa Vandermeer by Ruritanian police.", encoding="utf-8")
    out = tmp_path / "kg"
    assert run("build", corpus, "--out", out, "--quiet").exit_code == 0
    return corpus, out


def test_add_reads_only_the_new_file_and_update_drops_the_gone_one(tmp_path):
    corpus, out = built_from_one_text(tmp_path)
    news = tmp_path / "today"
    news.mkdir()
    (news / "two.txt").write_text("The Freedonian government imposed sanctions on Rudolf Elphberg.", encoding="utf-8")
    result = run("add", news, "--out", out, "--quiet")
    assert result.exit_code == 0, result.output
    assert "Read 2 documents (1 read, 1 unchanged)" in result.output
    assert "Rudolf Elphberg" in run("query", "actors", "--graph", out, "--format", "csv").output
    (news / "two.txt").unlink()
    result = run("build", corpus, news, "--out", out, "--update", "--quiet")
    assert result.exit_code == 0 and "Read 1 document (0 read, 1 unchanged)" in result.output
    assert "Rudolf Elphberg" not in run("query", "actors", "--graph", out, "--format", "csv").output


def test_add_says_why_it_reads_every_document_again(tmp_path, monkeypatch):
    from newskg.archive import update

    corpus, out = built_from_one_text(tmp_path)
    result = run("add", "--out", out, "--quiet")
    assert result.exit_code == 0 and "(0 read, 1 unchanged)" in result.output and "note:" not in result.output
    monkeypatch.setattr(update, "_own_code", lambda: "the code of a newer newskg")  # an upgrade
    result = run("add", "--out", out, "--quiet")
    assert result.exit_code == 0 and "(1 read, 0 unchanged)" in result.output, result.output
    assert "note: newskg's rules, its lexicon or the pattern and event files changed since the archive was built: its one document is read again" in result.output


def test_add_to_a_folder_without_a_build_says_so(tmp_path):
    result = run("add", tmp_path, "--out", tmp_path / "nothing")
    assert result.exit_code != 0 and "E415" in result.output


def test_add_without_files_keeps_the_store_only_and_a_later_add_writes_them(tmp_path):
    corpus, out = built_from_one_text(tmp_path)
    (corpus / "two.txt").write_text("The Freedonian government imposed sanctions on Rudolf Elphberg.", encoding="utf-8")
    result = run("add", "--out", out, "--no-files", "--quiet")
    assert result.exit_code == 0 and "(1 read, 1 unchanged)" in result.output, result.output
    assert not (out / "graph.trig").exists() and not (out / "graph.ttl").exists(), "stale files are not left behind"
    assert "Rudolf Elphberg" in run("query", "actors", "--graph", out, "--format", "csv").output
    assert run("add", "--out", out, "--quiet").exit_code == 0  # nothing new: the files are written again
    assert run("build", corpus, "--out", tmp_path / "full", "--quiet").exit_code == 0
    for name in ("graph.trig", "graph.ttl", "graph.html"):
        assert (out / name).read_bytes() == (tmp_path / "full" / name).read_bytes(), name


def test_watch_builds_an_empty_out_at_its_first_round_and_reports_each_round(tmp_path):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "one.txt").write_text("The Freedonian government imposed sanctions on Rudolf Elphberg.", encoding="utf-8")
    out = tmp_path / "kg"
    result = run("watch", corpus, "--out", out, "--rounds", "1", "--every", "0.1")
    assert result.exit_code == 0, result.output
    assert "Watching" in result.output and "Read 1 document in" in result.output and "Stopped after 1 round." in result.output
    assert (out / "graph.html").is_file()
    result = run("watch", "--out", out, "--rounds", "1", "--no-files")
    assert result.exit_code == 0 and "Read 1 document (0 read, 1 unchanged)" in result.output, result.output
    assert not (out / "graph.trig").exists()
    result = run("watch", "--out", tmp_path / "nothing", "--rounds", "1")
    assert result.exit_code == 2 and "E415" in result.output
