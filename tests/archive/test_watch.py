"""``newskg watch``: a build kept up to date with its folders by one process that loads the model once.

Texts use invented names; the looks at the folders are driven by a stand-in for ``time.sleep``
that changes the folder between two looks, so no test waits on the clock.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newskg.api import build
from newskg.watching import snapshot, watch

pytestmark = pytest.mark.model

ARREST = (
    "Ruritanian police arrested the journalist Ilsa Vandermeer in Strelsau on Monday, her lawyer said.\n\n"
    "Lantern Rights Watch condemned the arrest and demanded the immediate release of Ilsa Vandermeer."
)
SANCTION = (
    "The Freedonian government imposed sanctions on Rudolf Elphberg, the Ruritanian interior minister.\n\n"
    "Elphberg rejected the sanctions, the state news agency reported."
)


class Stop(Exception):
    """Raised by the stand-in sleep when a test has seen enough looks."""


def steps(*actions, then_stop: bool = True):
    """A stand-in for ``time.sleep``: each call runs the next action (or nothing), then stops."""
    calls = list(actions)

    def sleep(seconds: float) -> None:
        if not calls:
            if then_stop:
                raise Stop
            return
        action = calls.pop(0)
        if action is not None:
            action()

    return sleep


def test_a_file_dropped_in_is_added_with_the_model_loaded_once_and_gives_a_full_builds_graph(tmp_path, monkeypatch):
    import newskg.extract.pipeline as pipeline

    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "a-arrest.txt").write_text(ARREST, encoding="utf-8")
    loads = []
    real_load = pipeline.load_pipeline
    monkeypatch.setattr(pipeline, "load_pipeline", lambda *a, **k: loads.append(a) or real_load(*a, **k))
    rounds = []
    drop = lambda: (corpus / "c-sanction.txt").write_text(SANCTION, encoding="utf-8")  # noqa: E731
    ran = watch([corpus], tmp_path / "kg", rounds=2, every=0, on_round=rounds.append, sleep=steps(drop, None))
    assert ran == 2 and [r.mode for r in rounds] == ["build", "add"] and all(r.error is None for r in rounds)
    assert [r.summary.extracted for r in rounds] == [1, 1] and rounds[1].summary.documents == 2
    assert len(loads) == 1  # the second round parsed with the model the first one loaded
    full = build([corpus], tmp_path / "full")
    assert full.summary.documents == 2
    for name in ("graph.trig", "graph.ttl", "graph.html"):
        assert (tmp_path / "kg" / name).read_bytes() == (tmp_path / "full" / name).read_bytes(), name


def test_a_file_still_being_written_is_read_once_it_stays_the_same_for_one_look(tmp_path):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "a-arrest.txt").write_text(ARREST, encoding="utf-8")
    target = corpus / "c-sanction.txt"
    half = SANCTION.split("\n\n")[0][:40]
    rounds = []
    sleep = steps(lambda: target.write_text(half, encoding="utf-8"), lambda: target.write_text(SANCTION, encoding="utf-8"), None)
    watch([corpus], tmp_path / "kg", rounds=2, every=0, on_round=rounds.append, sleep=sleep)
    assert [r.summary.documents for r in rounds] == [1, 2]
    kg = build([corpus], tmp_path / "kg", update=True)
    assert kg.summary.extracted == 0  # the round read the whole file, as it is now
    assert kg.query("ASK { ?x rdfs:label 'Rudolf Elphberg' }").boolean


def test_the_builds_own_files_in_the_watched_folder_start_no_round_and_a_failed_round_is_reported(tmp_path):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "a-arrest.txt").write_text(ARREST, encoding="utf-8")
    rounds = []
    # --out inside the folder: writing graph.html must not look like a change (or it would run forever)
    with pytest.raises(Stop):
        watch([corpus], corpus / "kg", every=0, on_round=rounds.append, sleep=steps(None, None, None))
    assert len(rounds) == 1 and rounds[0].error is None
    # the folder emptied: nothing to build is reported, the build is left as it was, the watch goes on
    rounds.clear()
    gone = lambda: (corpus / "a-arrest.txt").unlink()  # noqa: E731
    back = lambda: (corpus / "a-arrest.txt").write_text(ARREST, encoding="utf-8")  # noqa: E731
    watch([corpus], corpus / "kg", rounds=3, every=0, on_round=rounds.append, sleep=steps(gone, None, back, None))
    assert [r.error is None for r in rounds] == [True, False, True]
    assert [p.code for p in rounds[0].summary.problems] == ["W206"]  # the build folder, not read
    assert "E" in str(rounds[1].error) and (corpus / "kg" / "graph.html").is_file()
    assert rounds[2].summary.documents == 1


def test_watching_without_folders_needs_a_build_and_then_watches_its_corpus(tmp_path):
    from newskg.errors import NewskgError

    with pytest.raises(NewskgError, match="E415"):
        watch([], tmp_path / "nowhere", rounds=1)
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "a-arrest.txt").write_text(ARREST, encoding="utf-8")
    build([corpus], tmp_path / "kg")
    rounds = []
    drop = lambda: (corpus / "c-sanction.txt").write_text(SANCTION, encoding="utf-8")  # noqa: E731
    watch([], tmp_path / "kg", rounds=2, every=0, on_round=rounds.append, sleep=steps(drop, None))
    assert [(r.mode, r.summary.extracted, r.summary.documents) for r in rounds] == [("add", 0, 1), ("add", 1, 2)]
    assert len(snapshot([corpus])) == 2
