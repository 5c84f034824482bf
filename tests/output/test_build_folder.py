"""Outputs are replaced as a whole: kills during the write phase leave the old build or the new one."""

from __future__ import annotations

import errno
import hashlib
import os
import random
import shutil
import signal
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newskg.api import KnowledgeGraph
from newskg.cli import app
from newskg.errors import NewskgError
from newskg.output import build_folder
from newskg.output.build_folder import MANIFEST, build_view, locate_graph, read_manifest, write_build

runner = CliRunner()


def files_of(label: str, size: int = 0) -> dict[str, bytes]:
    """A small but real build: every file names the build it belongs to."""
    padding = "".join(f'<urn:pad{i}> <urn:p> "{label}" .\n' for i in range(size))
    trig = f'<urn:graph> {{ <urn:build> <urn:label> "{label}" .\n{padding}}}\n'
    return {
        "graph.trig": trig.encode(),
        "graph.ttl": f'<urn:build> <urn:label> "{label}" .\n{padding}'.encode(),
        "graph.html": f"<html>{label}{'.' * size}</html>".encode(),
        **({"graph.jsonld": f'[{{"@id": "urn:build", "urn:label": "{label}"}}]'.encode()} if label == "old" else {}),
    }


def observed(out: Path) -> str:
    """The label of the build a reader sees; fails if the files do not belong together."""
    view = build_view(out)
    manifest = read_manifest(out)
    assert manifest is not None
    labels = set()
    for name, entry in manifest["files"].items():
        data = view[name].read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], name
        labels.add("old" if b'"old"' in data or b">old" in data else "new")
    assert len(labels) == 1, labels
    label = labels.pop()
    assert ("graph.jsonld" in view) == (label == "old")
    graph = KnowledgeGraph.load(out)
    assert graph.query('ASK { <urn:build> <urn:label> "%s" }' % label).boolean
    return label


def killed_at(out: Path, operation: str, n: int, files: dict[str, bytes]) -> bool:
    """Write ``files`` in a forked child that SIGKILLs itself at its n-th ``os.<operation>`` call."""
    pid = os.fork()
    if pid == 0:  # the child
        try:
            real = getattr(os, operation)
            calls = [0]

            def dying(*args, **kwargs):
                calls[0] += 1
                if calls[0] == n:
                    os.kill(os.getpid(), signal.SIGKILL)
                return real(*args, **kwargs)

            setattr(os, operation, dying)
            write_build(out, files)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status)


@pytest.mark.parametrize("operation", ["fsync", "replace", "unlink"])
def test_a_kill_at_any_step_of_the_write_leaves_the_old_or_the_new_build(tmp_path, operation):
    pristine = tmp_path / "pristine"
    write_build(pristine, files_of("old"))
    seen = []
    for n in range(1, 40):
        out = tmp_path / f"{operation}-{n}"
        shutil.copytree(pristine, out)
        if not killed_at(out, operation, n, files_of("new")):
            break  # the write finished before the n-th call: every step was tried
        seen.append(observed(out))
        # The next build completes or discards what the killed one left, and leaves no debris.
        write_build(out, files_of("new"))
        assert observed(out) == "new"
        assert sorted(p.name for p in out.iterdir()) == ["graph.html", "graph.trig", "graph.ttl", MANIFEST]
    assert seen, "no kill happened"
    assert "old" in seen and ("new" in seen or operation == "fsync")


def test_kills_at_random_moments_of_repeated_large_writes(tmp_path):
    out = tmp_path / "kg"
    write_build(out, files_of("old", 10_000))
    rng = random.Random(7)
    seen = set()
    for _ in range(6):
        pid = os.fork()
        if pid == 0:
            try:
                for i in range(1000):
                    write_build(out, files_of("new" if i % 2 == 0 else "old", 10_000))
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.01, 0.25))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        seen.add(observed(out))
    assert seen  # a readable build after each of the six kills


def test_a_rebuild_removes_the_files_of_the_old_build_only(tmp_path, sample_kg):
    out = tmp_path / "kg"
    out.mkdir()
    (out / "my-notes.txt").write_text("mine")
    sample_kg.save(out, formats=("turtle", "trig", "jsonld"))
    assert (out / "graph.jsonld").is_file()
    sample_kg.save(out)
    assert not (out / "graph.jsonld").exists()  # a stale graph.jsonld does not survive
    assert sorted(p.name for p in out.iterdir()) == ["graph.html", "graph.trig", "graph.ttl", "my-notes.txt", MANIFEST]
    assert locate_graph(out) == out / "graph.trig"


def test_a_full_disk_keeps_the_previous_build(tmp_path, monkeypatch):
    out = tmp_path / "kg"
    write_build(out, files_of("old"))
    calls = [0]
    real = os.fsync

    def full(fd):
        calls[0] += 1
        if calls[0] == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd)

    monkeypatch.setattr(build_folder.os, "fsync", full)
    with pytest.raises(NewskgError) as info:
        write_build(out, files_of("new"))
    assert info.value.code == "E412" and "disk is full" in str(info.value) and "unchanged" in str(info.value)
    monkeypatch.undo()
    assert observed(out) == "old"
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_out_that_is_a_file_is_refused_before_any_extraction(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"%PDF")
    result = runner.invoke(app, ["build", "--out", str(target), "--quiet"])
    assert result.exit_code == 2 and "E410" in result.output
    assert "Read " not in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["build", "--out", str(target / "inside"), "--quiet"])
    assert result.exit_code == 2 and "E410" in result.output


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write a read-only folder")
def test_a_read_only_out_is_refused_before_any_extraction(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = runner.invoke(app, ["build", "--out", str(locked / "kg"), "--quiet"])
    finally:
        locked.chmod(0o700)
    assert result.exit_code == 2 and "E411" in result.output and "Read " not in result.output


def test_an_unwritable_out_is_found_before_extraction(tmp_path, monkeypatch):
    # Portable stand-in for a read-only folder (the tests may run as root): the probe write fails.
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(build_folder.tempfile, "mkstemp", refuse)
    result = runner.invoke(app, ["build", "--out", str(tmp_path / "kg"), "--quiet"])
    assert result.exit_code == 2 and "E411: cannot write to" in result.output and "Read " not in result.output


@pytest.mark.parametrize("command", [["query", "SELECT * WHERE { ?s ?p ?o }"], ["validate"], ["stats"]])
def test_commands_on_a_partial_or_empty_build_fail_clearly(built_dir, tmp_path, command):
    partial = tmp_path / "partial"
    shutil.copytree(built_dir, partial, ignore=shutil.ignore_patterns("store"))
    trig = partial / "graph.trig"
    trig.write_bytes(trig.read_bytes()[: trig.stat().st_size // 2])
    result = runner.invoke(app, [*command, "--graph", str(partial)])
    assert result.exit_code == 2 and "E406" in result.output and "newskg build" in result.output

    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, [*command, "--graph", str(empty)])
    assert result.exit_code == 2 and "E402" in result.output

    zero = tmp_path / "zero"
    zero.mkdir()
    (zero / "graph.trig").write_bytes(b"")
    result = runner.invoke(app, [*command, "--graph", str(zero)])
    assert result.exit_code == 2 and "E406" in result.output

    nothing = tmp_path / "nothing.ttl"
    nothing.write_text("@prefix x: <urn:x#> .\n")
    result = runner.invoke(app, [*command, "--graph", str(nothing)])
    assert result.exit_code == 2 and "E407" in result.output


def test_redrawing_the_page_keeps_the_build_consistent(built_dir, tmp_path):
    out = tmp_path / "kg"
    shutil.copytree(built_dir, out, ignore=shutil.ignore_patterns("store"))
    result = runner.invoke(app, ["draw", "--graph", str(out), "--max-nodes", "5"])
    assert result.exit_code == 0, result.output
    manifest = read_manifest(out)
    page = (out / "graph.html").read_bytes()
    assert manifest["files"]["graph.html"]["sha256"] == hashlib.sha256(page).hexdigest()
    assert set(manifest["files"]) == {"graph.ttl", "graph.trig", "graph.html"}
    assert locate_graph(out) == out / "graph.trig"
