"""The extract stage end to end: files in, ``DocumentExtraction`` records out, one at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span

from newskg.extract.claims import ClaimTracker, SpanClaim
from newskg.extract.components import DATE_SPANS, ENTITY_SPANS
from newskg.extract.events import EventFrames, SpanEvent, document_voice, load_event_vocabulary
from newskg.extract.loading import DEFAULT_MAX_BYTES, RawDocument, discover, document_id, read_document
from newskg.extract.mentions import acronyms_of, sentence_index, title_of
from newskg.extract.models import (
    Claim,
    DocumentExtraction,
    Event,
    Mention,
    Problem,
    RelationMention,
    Sentence,
    SourceDocument,
)
from newskg.extract.nlp import load_pipeline
from newskg.extract.normalize import NormalizedText, normalize
from newskg.extract.relations import SpanRelation, observe_sentence, sentence_relations
from newskg.extract.resolve import ActorResolver
from newskg.lexicon import Lexicon, load_lexicon

__all__ = ["ExtractSettings", "Extractor", "extract_paths", "CHUNK_CHARS"]

#: Long documents are parsed in pieces of about this many characters, split at paragraphs.
CHUNK_CHARS = 100_000


@dataclass(frozen=True, slots=True)
class ExtractSettings:
    """How to read and analyse documents."""

    model: str | None = None
    patterns: tuple[str, ...] = ()
    events: tuple[str, ...] = ()  # extra event vocabularies (YAML, the layout of events.yml)
    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = 16
    workers: int = 1


@dataclass(slots=True)
class _Pending:
    raw: RawDocument
    norm: NormalizedText
    chunks: list[tuple[int, str]]
    docs: list[Doc] = field(default_factory=list)


def split_chunks(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Split text at paragraph breaks into pieces of at most about ``limit`` characters.

    Examples
    --------
    >>> split_chunks("aaa\\n\\nbbb\\n\\nccc", limit=5)
    [(0, 'aaa'), (5, 'bbb'), (10, 'ccc')]
    """
    if len(text) <= limit:
        return [(0, text)]
    chunks: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n\n", start + 1, end)
            if cut <= start:
                cut = text.rfind("\n", start + 1, end)
            if cut <= start:
                cut = text.rfind(" ", start + 1, end)
            end = cut if cut > start else end
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            chunks.append((start + lead, piece.strip()))
        start = end
        while start < len(text) and text[start] in "\n ":
            start += 1
    return chunks


class Extractor:
    """Runs the extract stage with one loaded pipeline.

    Examples
    --------
    >>> ex = Extractor(ExtractSettings(model="blank:en"))
    >>> result = ex.extract_text("The Ministry of Waterways met the Law Society.", name="note.txt")
    >>> [m.text for m in result.mentions]
    ['Ministry of Waterways', 'Law Society']
    """

    def __init__(self, settings: ExtractSettings | None = None, nlp: Language | None = None) -> None:
        self.settings = settings or ExtractSettings()
        self.lexicon: Lexicon = load_lexicon(tuple(self.settings.patterns))
        self.vocabulary = load_event_vocabulary(tuple(self.settings.events))
        self._nlp = nlp
        self._model_name = ""
        if nlp is not None:
            nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 2)

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded when first needed (never, when worker processes do the work)."""
        if self._nlp is None:
            self._nlp = load_pipeline(self.settings.model, extra_patterns=self.settings.patterns)
            self._nlp.max_length = max(self._nlp.max_length, CHUNK_CHARS * 2)
        return self._nlp

    @property
    def model_name(self) -> str:
        if self._model_name and self._nlp is None:
            return self._model_name  # reported by the worker processes
        meta = self.nlp.meta
        return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"

    # -- public API --------------------------------------------------------------------------

    def extract_text(self, text: str, *, name: str = "text.txt", media_type: str = "text/plain") -> DocumentExtraction:
        """Extract from a string, as if it were a file called ``name``."""
        import hashlib

        raw = RawDocument(
            path=name,
            file_name=name,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            media_type=media_type,
            text=text,
        )
        results = list(self.extract_raw([raw]))
        result = results[0]
        if isinstance(result, Problem):
            raise ValueError(str(result))
        return result

    def extract_paths(
        self, paths: Iterable[str | Path], *, on_start: Callable[[int], None] | None = None
    ) -> Iterator[DocumentExtraction | Problem]:
        """Extract every document under ``paths``; bad files come out as ``Problem``s.

        With ``settings.workers > 1`` whole documents are shared out to worker processes, each with
        its own pipeline, so the rule-based analysis runs in parallel too; results come back in
        file order.
        """
        paths = list(paths)
        files, problems = discover(paths)
        if on_start is not None:
            on_start(len(files))
        yield from problems
        roots = [Path(p) for p in paths]
        located = [(path, next((r for r in roots if r.is_dir() and path.is_relative_to(r)), None)) for path in files]
        yield from self.extract_located(located)

    def extract_located(self, located: list[tuple[Path, Path | None]]) -> Iterator[DocumentExtraction | Problem]:
        """Extract ``(file, root)`` pairs (``root``: the folder a file is shown relative to), in order."""
        if self.settings.workers > 1 and len(located) > 1:
            yield from extract_in_processes(located, self.settings, on_model=lambda name: setattr(self, "_model_name", name))
            return

        def raws() -> Iterator[RawDocument | Problem]:
            for path, root in located:
                yield read_document(path, max_bytes=self.settings.max_bytes, root=root)

        yield from self.extract_raw(raws())

    def extract_raw(self, raws: Iterable[RawDocument | Problem]) -> Iterator[DocumentExtraction | Problem]:
        """Normalise, parse and analyse documents, streaming them through ``nlp.pipe``."""
        pending: dict[int, _Pending] = {}
        order: list[int] = []
        counter = 0

        def texts() -> Iterator[tuple[str, tuple[int, int]]]:
            nonlocal counter
            for raw in raws:
                if isinstance(raw, Problem):
                    problems_out.append(raw)
                    continue
                try:
                    norm = normalize(raw.text, lexicon=self.lexicon, media_type=raw.media_type)
                except Exception as exc:  # one bad document must never stop a build
                    problems_out.append(Problem(raw.path, "E207", f"could not clean the text: {exc!r}"))
                    continue
                if not norm.text.strip():
                    problems_out.append(Problem(raw.path, "E203", "no text left after removing markup and page furniture"))
                    continue
                counter += 1
                chunks = split_chunks(norm.text, CHUNK_CHARS)
                pending[counter] = _Pending(raw, norm, chunks)
                order.append(counter)
                for number, (_, chunk) in enumerate(chunks):
                    yield chunk, (counter, number)

        problems_out: list[Problem] = []
        if self.settings.workers > 1:
            stream = self.nlp.pipe(
                texts(), as_tuples=True, batch_size=self.settings.batch_size, n_process=self.settings.workers
            )
        else:
            stream = _pipe_bounded(self.nlp, texts(), self.settings.batch_size, CHUNK_CHARS)
        for doc, (doc_number, chunk_number) in stream:
            while problems_out:
                yield problems_out.pop(0)
            item = pending[doc_number]
            item.docs.append(doc)
            if len(item.docs) == len(item.chunks):
                del pending[doc_number]
                yield self._analyse_safely(item)
        while problems_out:
            yield problems_out.pop(0)

    # -- analysis ----------------------------------------------------------------------------

    def _analyse_safely(self, item: _Pending) -> DocumentExtraction | Problem:
        try:
            return self._analyse(item)
        except Exception as exc:  # reported, never silently dropped; the rest of the corpus goes on
            return Problem(item.raw.path, "E299", f"analysis failed: {exc!r}")

    def _analyse(self, item: _Pending) -> DocumentExtraction:
        raw, norm = item.raw, item.norm
        document = SourceDocument(
            doc_id=document_id(raw.file_name, raw.sha256),
            path=raw.path,
            file_name=raw.file_name,
            sha256=raw.sha256,
            media_type=raw.media_type,
            char_count=len(raw.text),
            title=norm.title,
            date=norm.date,
        )
        sentences: list[Sentence] = []
        mentions: dict[tuple[int, int], Mention] = {}
        relations: list[RelationMention] = []
        events: list[Event] = []
        claims: list[Claim] = []
        acronyms = []
        for (base, _), doc in zip(item.chunks, item.docs):
            offset = len(sentences)
            sent_of = {i: offset + n for i, n in sentence_index(doc).items()}

            def to_mention(span: Span) -> Mention:
                start, end = norm.span_to_original(base + span.start_char, base + span.end_char)
                key = (start, end)
                if key not in mentions:
                    text = " ".join(span.text.split())
                    if span.kb_id_ == "qualifier":
                        text = self.lexicon.country_of(text) or text
                    canonical = span.id_ if span.id_ and not span.id_.startswith("pattern:") else None
                    mentions[key] = Mention(text, span.label_, start, end, sent_of[span.start], span.kb_id_ or "ner", canonical, title_of(span))
                return mentions[key]

            for span in doc.spans[ENTITY_SPANS]:
                to_mention(span)
            for number, sent in enumerate(doc.sents):
                text = " ".join(sent.text.split())
                start, end = norm.span_to_original(base + sent.start_char, base + sent.end_char)
                sentences.append(Sentence(offset + number, text, start, end))
            acronyms.extend(acronyms_of(doc, sent_of))
            resolver = ActorResolver(doc, list(doc.spans[ENTITY_SPANS]), self.lexicon)
            voice = document_voice(doc, resolver, self.lexicon)
            resolver.voice_body, resolver.voice_person = voice.body, voice.person
            dates = list(doc.spans[DATE_SPANS])
            tracker = ClaimTracker(resolver, self.lexicon)
            frames = EventFrames(resolver, self.vocabulary, dates)
            for sent in doc.sents:
                # Claims first: a quotation's speaker is who "we" and "it" refer to inside it.
                said = tracker(sent)
                for claim in said:
                    claims.append(self._claim(claim, to_mention, norm, base, sent_of))
                found = frames(sent, [(c.start_char, c.end_char, c.speaker) for c in said])
                events.extend(self._events(found, to_mention, norm, base, sent_of, len(events)))
                for rel in sentence_relations(sent, resolver, self.lexicon, dates):
                    relations.append(self._relation(rel, to_mention, sent_of))
                observe_sentence(sent, resolver)
            # acts done to "all those detained", now that the text has said who was
            events.extend(self._events(frames.finish(), to_mention, norm, base, sent_of, len(events)))
        return DocumentExtraction(
            document=document,
            sentences=tuple(sentences),
            mentions=tuple(sorted(mentions.values(), key=lambda m: (m.start, m.end))),
            acronyms=tuple(acronyms),
            relations=tuple(relations),
            events=tuple(events),
            claims=tuple(claims),
            problems=raw.warnings,
        )

    @staticmethod
    def _relation(rel: SpanRelation, to_mention: Callable[[Span], Mention], sent_of: dict[int, int]) -> RelationMention:
        return RelationMention(
            subject=to_mention(rel.subject),
            predicate=rel.predicate,
            object=to_mention(rel.object),
            sentence=sent_of[rel.sentence.start],
            rule=rel.rule,
            role=rel.role,
            former=rel.former,
            content=rel.content,
            event_date=rel.event_date,
            about=tuple(to_mention(s) for s in rel.about),
        )

    @staticmethod
    def _events(
        found: list[SpanEvent], to_mention: Callable[[Span], Mention], norm: NormalizedText, base: int, sent_of: dict[int, int], offset: int
    ) -> list[Event]:
        """Records for one sentence's events; ``parent`` becomes an index into the document's events."""
        index = {id(event): offset + n for n, event in enumerate(found)}
        records = []
        for event in found:
            start, end = norm.span_to_original(base + event.start_char, base + event.end_char)
            cls = event.cls
            records.append(
                Event(
                    event_class=cls.name,
                    predicate=cls.property,
                    trigger=event.trigger.text,
                    start=start,
                    end=end,
                    sentence=sent_of[event.sentence.start],
                    rule=event.rule,
                    plover=cls.plover,
                    cameo=cls.cameo,
                    theme_predicate=cls.theme_property,
                    sources=tuple(to_mention(s) for s in event.sources),
                    targets=tuple(to_mention(s) for s in event.targets),
                    themes=tuple(to_mention(s) for s in event.themes),
                    places=tuple(to_mention(s) for s in event.places),
                    date=event.date,
                    negated=event.negated,
                    mode=event.mode,
                    reported_by=to_mention(event.reported_by) if event.reported_by is not None else None,
                    content=event.content,
                    topics=event.topics,
                    parent=index.get(id(event.parent)) if event.parent is not None else None,
                )
            )
        return records

    @staticmethod
    def _claim(claim: SpanClaim, to_mention: Callable[[Span], Mention], norm: NormalizedText, base: int, sent_of: dict[int, int]) -> Claim:
        start, end = norm.span_to_original(base + claim.start_char, base + claim.end_char)
        return Claim(
            speaker=to_mention(claim.speaker),
            text=claim.text,
            start=start,
            end=end,
            sentence=sent_of[claim.sentence.start],
            rule=claim.rule,
            quoted=claim.quoted,
            negated=claim.negated,
            about=tuple(to_mention(s) for s in claim.about),
            topics=claim.topics,
        )


def _pipe_bounded(
    nlp: Language, items: Iterable[tuple[str, tuple[int, int]]], batch_size: int, max_chars: int
) -> Iterator[tuple[Doc, tuple[int, int]]]:
    """``nlp.pipe`` over batches of at most ``batch_size`` texts and about ``max_chars`` characters,
    in order: a long document's chunks are parsed one at a time, never sixteen in one batch."""
    def parsed(batch: list[tuple[str, tuple[int, int]]]) -> Iterator[tuple[Doc, tuple[int, int]]]:
        for doc, context in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            # The tok2vec output (55 bytes a character) is not read after parsing; a long
            # document's chunks wait for each other, so do not keep it.
            doc.tensor = numpy.zeros((0,), dtype="float32")
            yield doc, context

    batch: list[tuple[str, tuple[int, int]]] = []
    chars = 0
    for item in items:
        if batch and (len(batch) >= batch_size or chars + len(item[0]) > max_chars):
            yield from parsed(batch)
            batch, chars = [], 0
        batch.append(item)
        chars += len(item[0])
    if batch:
        yield from parsed(batch)


def single_process(settings: ExtractSettings) -> ExtractSettings:
    """The same settings for one process of many (a worker never starts workers of its own)."""
    return ExtractSettings(
        model=settings.model, patterns=settings.patterns, events=settings.events, max_bytes=settings.max_bytes,
        batch_size=settings.batch_size, workers=1,
    )


def extract_in_processes(
    located: list[tuple[Path, Path | None]], settings: ExtractSettings, *, on_model: Callable[[str], None] | None = None
) -> Iterator[DocumentExtraction | Problem]:
    """Share whole documents out to ``settings.workers`` processes, each loading the pipeline once
    (this process loads none); results come back in file order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    batches, start = [], 0
    for size in shares(len(located), settings.workers, largest=settings.batch_size):
        batches.append(located[start : start + size])
        start += size
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(settings.workers, mp_context=context, initializer=_init_worker, initargs=(single_process(settings),)) as pool:
        for model, results in pool.map(_extract_batch, batches):
            if on_model is not None:
                on_model(model)
            yield from results


def shares(count: int, workers: int, *, largest: int = 16, smallest: int = 2) -> list[int]:
    """The sizes of the batches ``count`` documents are shared out in: each a fair part of what is
    left (a ``2 * workers``-th), between ``smallest`` and ``largest``. Batches shrink towards the
    end, so the workers finish together: one worker left alone with a last full batch would idle
    the others for a sixteenth of the corpus on two cores.

    Examples
    --------
    >>> shares(40, 2, largest=16)
    [10, 8, 6, 4, 3, 3, 2, 2, 2]
    >>> sum(shares(1000, 4)), shares(3, 4)
    (1000, [2, 1])
    """
    sizes, left = [], count
    while left > 0:
        size = min(left, max(smallest, min(largest, -(-left // (2 * max(workers, 1))))))
        sizes.append(size)
        left -= size
    return sizes


_WORKER: Extractor | None = None


def _init_worker(settings: ExtractSettings) -> None:
    global _WORKER
    _WORKER = Extractor(settings)


def _extract_batch(batch: list[tuple[Path, Path | None]]) -> tuple[str, list[DocumentExtraction | Problem]]:
    assert _WORKER is not None
    raws = (read_document(path, max_bytes=_WORKER.settings.max_bytes, root=root) for path, root in batch)
    return _WORKER.model_name, list(_WORKER.extract_raw(raws))


def extract_paths(paths: Iterable[str | Path], settings: ExtractSettings | None = None) -> Iterator[DocumentExtraction | Problem]:
    """Convenience: extract every document under ``paths`` with a freshly loaded pipeline."""
    yield from Extractor(settings).extract_paths(paths)


