"""Shared fixtures: a blank pipeline for fast component tests, the trained model for real sentences,
and one build of the sample corpus for end-to-end checks."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def blank_nlp():
    from newskg.extract.nlp import load_pipeline

    return load_pipeline("blank:en")


@pytest.fixture(scope="session")
def extractor():
    from newskg.extract.pipeline import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def sample_kg():
    from newskg.api import KnowledgeGraph

    return KnowledgeGraph.build()


@pytest.fixture(scope="session")
def built_dir(sample_kg, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build")
    sample_kg.save(out)
    return out


@pytest.fixture(scope="session")
def gold_entities():
    from newskg.evaluation import load_gold_entities

    return load_gold_entities(DATA / "gold" / "entities.yml")


@pytest.fixture(scope="session")
def gold_relations():
    from newskg.evaluation import load_gold_relations

    return load_gold_relations(DATA / "gold" / "relations.yml")
