"""Put a faster, equivalent object in the place of one of a trained pipeline's components.

spaCy adds components only through registered factories, so the replacement is a holder made by
the ``newskg_swapped`` factory, given the object to run once it is in place.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["Swapped", "swap_component"]


class Swapped:
    """A pipeline component that runs ``run`` (set after the component is made).

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer", name="tagging")
    >>> def shout(doc):
    ...     doc.user_data["shouted"] = True
    ...     return doc
    >>> swap_component(nlp, "tagging", shout).run is shout, nlp("Hi.").user_data["shouted"]
    (True, True)
    """

    def __init__(self) -> None:
        self.run: Callable[[Doc], Doc] | None = None

    def __call__(self, doc: Doc) -> Doc:
        return self.run(doc) if self.run is not None else doc


def swap_component(nlp: Language, name: str, run: Callable[[Doc], Doc]) -> Swapped:
    """Run ``run`` where the component ``name`` ran, under the same name and in the same place."""
    nlp.replace_pipe(name, "newskg_swapped")
    holder = nlp.get_pipe(name)
    holder.run = run
    return holder


@Language.factory("newskg_swapped")
def make_swapped(nlp: Language, name: str) -> Swapped:
    return Swapped()
