"""Extraction on a Dask cluster (a LocalCluster of worker processes) gives the records and the
graph a local build gives."""

from __future__ import annotations

from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from newskg.api import build, build_archive  # noqa: E402
from newskg.extract.cluster import extract_on_cluster  # noqa: E402
from newskg.extract.models import Problem  # noqa: E402
from newskg.extract.pipeline import ExtractSettings, Extractor  # noqa: E402

pytestmark = pytest.mark.model

TEXTS = {
    "one.txt": "Lantern Rights Watch condemned the arrest of Ilsa Vandermeer by Ruritanian police in Strelsau.",
    "two.txt": "The Freedonian government imposed sanctions on Rudolf Elphberg, the Ruritanian interior minister.",
    "three.txt": "Anna Vell, a spokesperson for the OSCE, urged Ruritania to release Vandermeer.",
    "empty.txt": "   \n",
}


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


@pytest.fixture()
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_cluster_gives_the_records_of_a_local_run(cluster, corpus):
    located = [(path, corpus) for path in sorted(corpus.iterdir())]
    models: list[str] = []
    remote = list(extract_on_cluster(located, ExtractSettings(), cluster, batch_size=1, on_model=models.append))
    local = list(Extractor(ExtractSettings()).extract_located(located))
    assert remote == local
    assert [type(r) for r in remote].count(Problem) == 1  # the empty file, reported from its worker
    assert models and models[0].startswith("en_")


def test_a_build_on_the_cluster_is_the_build_made_here(cluster, corpus, tmp_path):
    build([corpus], tmp_path / "here")
    kg, summary = build_archive([corpus], tmp_path / "there", scheduler=cluster)
    assert summary.documents == 3 and summary.extracted == 3
    for name in ("graph.trig", "graph.ttl", "graph.html"):
        assert (tmp_path / "there" / name).read_bytes() == (tmp_path / "here" / name).read_bytes(), name
