"""The country a document is about, for what it names without a country.

News names a country once and then leaves it out: "Protests spread across Ruritania ... President
Karel Vost declared ...", "... in the city of Orrinsk", "the Kessa region". What is written so is
taken to be in the country the document names most often, given as its mention nearest before (else
its first), unless

- the document is issued by a country's own government (its "President P" is its own, and its
  places may be anywhere it acts), or
- the sentence names another country.
"""

from __future__ import annotations

from spacy.tokens import Span

from newskg.extract.resolve import ActorResolver
from newskg.lexicon import Lexicon

__all__ = ["document_country", "national_body"]


def document_country(span: Span, sent: Span, resolver: ActorResolver, lexicon: Lexicon) -> Span | None:
    """The mention of the document's country that ``span``, written without one, is taken to be in.

    Examples
    --------
    >>> import spacy
    >>> from newskg.lexicon import load_lexicon
    >>> doc = spacy.blank("en")("Protests spread across Peru . Police raided Orrinsk .")
    >>> peru, town = Span(doc, 3, 4, label="Country"), Span(doc, 7, 8, label="City")
    >>> document_country(town, doc[5:], ActorResolver(doc, [peru, town], load_lexicon()), load_lexicon()).text
    'Peru'
    """
    voice = resolver.voice_body
    if voice is not None and national_body(voice, lexicon):
        return None
    country = resolver.main_country()
    if country is None:
        return None
    named = [s for s in resolver.spans if s.label_ == "Country" and (lexicon.country_of(s.text) or s.text) == country]
    in_sentence = {lexicon.country_of(s.text) or s.text for s in resolver.spans_in(sent.start, sent.end) if s.label_ == "Country"}
    if not named or in_sentence - {country}:
        return None
    before = [s for s in named if s.end <= span.start]
    return before[-1] if before else named[0]


def national_body(body: Span, lexicon: Lexicon) -> bool:
    """Whether a body is a country or its government by its name: "the Government of Vellmark",
    "the UK Government", "U.S. Department of the Treasury", the country itself."""
    if body.label_ == "Country" or lexicon.government_of(body.text) is not None:
        return True
    text = body.text.lower().removeprefix("the ")
    if any(text.startswith(word + " of ") for word in lexicon.government_words):
        return True  # "Government of X", though the lexicon does not know X
    return any(lexicon.country_of(t.text) for t in body if t.is_title or t.is_upper)
