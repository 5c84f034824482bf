"""Events: who did what to whom, from triggers and the dependency parse.

``vocabulary`` reads the event classes of ``events.yml``; ``triggers`` finds the words that name
acts; ``arguments`` reads sources, targets and themes from the parse by construction; ``frames``
puts them together per sentence (nesting, modes, lists); ``voice`` finds who "we" is.
"""

from newskg.extract.events.frames import EventFrames, SpanEvent, sentence_events
from newskg.extract.events.vocabulary import EventClass, EventVocabulary, load_event_vocabulary
from newskg.extract.events.voice import Voice, document_voice

__all__ = [
    "EventClass",
    "EventFrames",
    "EventVocabulary",
    "SpanEvent",
    "Voice",
    "document_voice",
    "load_event_vocabulary",
    "sentence_events",
]
