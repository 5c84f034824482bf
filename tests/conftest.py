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


@pytest.fixture
def swapped_copy():
    """``swapped_copy(speed_up, pipe, kind)``: the trained model twice, as trained and with its
    ``pipe`` swapped by ``speed_up`` for a ``kind`` (checked), and that ``kind`` object."""
    import spacy

    from newskg.extract.nlp import resolve_model_name
    from newskg.extract.swap import Swapped

    def load(speed_up, pipe: str, kind: type):
        model = resolve_model_name()
        plain, fast = spacy.load(model), spacy.load(model)
        assert speed_up(fast)
        component = fast.get_pipe(pipe)
        assert isinstance(component, Swapped) and isinstance(component.run, kind)
        return plain, fast, component.run

    return load


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
