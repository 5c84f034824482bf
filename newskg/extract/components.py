"""newskg's spaCy components, all registered here so importing never creates cycles.

* ``newskg_paragraphs`` — a line break in the cleaned text always starts a sentence, and so does
  a numbered paragraph ("1.", "B.").
* ``newskg_entities`` — turns the NER's and the entity ruler's spans into cleaned, typed actor
  spans in ``doc.spans["newskg_entities"]`` (labels are ontology class names), keeps dates in
  ``doc.spans["newskg_dates"]``, finds acronym definitions and tags every other occurrence of a
  name already found in the document.

The generic rules it applies live in ``newskg.extract.actors``, in this order: name boundaries
(pattern matches that ran over two names, footnote markers, honorifics and titles split off and
kept in ``doc.user_data["newskg_titles"]``, particles kept inside names); typing from context
(role nouns an actor owns, lists of people, descriptors); names the NER stopped short of;
institutions qualified by a place or nationality, places of detention, laws by number, collective
actors and offices, a country's generic government, capitals acting for their government; and
last the names a text defines for an actor (quoted aliases, "Section 7 of <law>", an office's
holder), which go with the acronyms to ``doc.spans["newskg_acronyms"]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from newskg.extract.actors.acronyms import acronyms_after_the, acronyms_by_initials, defined_acronyms
from newskg.extract.actors.aliases import quoted_aliases
from newskg.extract.actors.collectives import collective_spans, office_spans
from newskg.extract.actors.instruments import numbered_instruments
from newskg.extract.actors.bounds import extend_names, peer_names, region_names, repair_pattern_match, role_anchored_people
from newskg.extract.actors.descriptors import apposed_names, conjoined_names, described_names, retype_by_descriptor, subject_names
from newskg.extract.actors.context import (
    attributive,
    in_headline,
    looks_like_person,
    modifies_noun,
    retype_by_act,
    retype_by_staff,
    retype_by_apposition,
    retype_by_company,
    retype_dateline,
    retype_role_owners,
    title_before,
)
from newskg.extract.actors.owners import owners_before_titles
from newskg.extract.actors.propagation import propagate_names
from newskg.extract.actors.names import is_title_word, join_particle_names, split_title, strip_footnote, titles_of
from newskg.extract.actors.states import capital_governments, detention_spans, generic_government_spans, institution_spans
from newskg.extract.events.vocabulary import load_event_vocabulary
from newskg.extract.presets import restore_preset_labels  # also registers newskg_preset_labels
from newskg.lexicon import Lexicon, load_lexicon

__all__ = ["ENTITY_SPANS", "DATE_SPANS", "ACRONYM_SPANS", "CLASSES", "paragraph_sentences", "EntityTyper"]

ENTITY_SPANS = "newskg_entities"
DATE_SPANS = "newskg_dates"
ACRONYM_SPANS = "newskg_acronyms"

#: Ontology classes an entity span may carry as its label.
CLASSES = frozenset(
    {
        "Person", "Organization", "GovernmentBody", "Court", "PoliticalParty", "NGO", "MediaOrganization",
        "IntergovernmentalOrganization", "Place", "Country", "City", "Region", "Law", "Programme", "Event",
    }
)
_ORGLIKE = {"ORG", "NORP", "LAW", "FAC", "PROGRAMME", "SCHEME", "EVENT", "WORK_OF_ART", "PRODUCT"}
_FALLBACK = {"ORG": "Organization", "LAW": "Law", "PROGRAMME": "Programme", "SCHEME": "Law", "EVENT": "Event", "FAC": "Place"}
_LEADING_JUNK = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "said", "former", "then", "new", "s", "'s", "’s", "photo", "photos", "picture", "credit", "source", "via", "file"}
_TRAILING_JUNK = {"'s", "’s", "'", "’", "and", "of", "for", "on", "the", "-", "&", "but", "de", "in", "to", "at", "by"}
_LOWER_HEADS = {"programme", "program", "project", "initiative", "scheme", "agreement", "treaty", "law", "act"}
_DATE_LABELS = {"DATE", "TIME"}
_SLASHED = re.compile(r"^[A-Z][A-Za-z]{0,6}/[A-Z]{2,6}(?: Group)?$")
_NOT_NAME_POS = {"VERB", "AUX", "ADP", "ADV", "PRON", "SCONJ", "CCONJ", "PART", "DET"}


@Language.component("newskg_paragraphs", assigns=["token.is_sent_start"])
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break and at numbered paragraphs.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("newskg_paragraphs"); _ = nlp.add_pipe("sentencizer")
    >>> [s.text for s in nlp("A headline without a stop\\nThe body starts here.").sents]
    ['A headline without a stop\\n', 'The body starts here.']
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
        elif "\n" in previous.whitespace_:
            token.is_sent_start = True
        elif not token.is_space and token.i >= 2 and previous.text == "." and doc[token.i - 2].is_space is False:
            # "1. Condemns ..." at the start of a line: the number opens the sentence.
            marker = doc[token.i - 2]
            if (marker.i == 0 or "\n" in doc[marker.i - 1].text_with_ws) and re.fullmatch(r"\d{1,3}|[A-Z]", marker.text):
                marker.is_sent_start = True
                previous.is_sent_start = False
                token.is_sent_start = False
    return doc


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’&-]+", text.lower())


class EntityTyper:
    """Clean, type and complete the entity spans of a document (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, extra_patterns: Sequence[str] = ()) -> None:
        self.name = name
        self.lexicon: Lexicon = load_lexicon(tuple(extra_patterns))
        # names the gazetteer knows as they are written ("Reuters"), for telling credits from groups
        self.known_names = frozenset(
            p["pattern"].lower() for p in self.lexicon.entity_patterns if isinstance(p.get("pattern"), str)
        )
        # the keyword rules with their phrases folded once, padded for whole-word search
        self._keyword_rules = tuple(
            (rule.cls, tuple(f" {self.lexicon.fold_spelling(w)} " for w in rule.words)) for rule in self.lexicon.keyword_rules
        )
        self._classes: dict[tuple[str, str], str | None] = {}  # names recur across a corpus
        # verbs whose subject is an actor: speech, and taking a position ("call on", "condemn")
        vocab = load_event_vocabulary()
        self._doers_verbs = self.lexicon.speech_verbs | {
            key.split()[0] for key, name in vocab.verbs.items() if vocab.classes[name].stance
        }

    # -- classification --------------------------------------------------------------------

    def classify(self, text: str, label: str) -> str | None:
        """The ontology class for a name the NER or the ruler labelled ``label``.

        Examples
        --------
        >>> import spacy
        >>> typer = EntityTyper(spacy.blank("en"), "t")
        >>> typer.classify("Ministry of Waterways", "ORG"), typer.classify("Lantern Party", "ORG")
        ('GovernmentBody', 'PoliticalParty')
        >>> typer.classify("Cambodian", "NORP") is None, typer.classify("Thailand", "GPE")
        (True, 'Country')
        """
        key = (text, label)
        if key not in self._classes:
            if len(self._classes) > 100_000:
                self._classes.clear()
            self._classes[key] = self._classify(text, label)
        return self._classes[key]

    def _classify(self, text: str, label: str) -> str | None:
        lex = self.lexicon
        if label in CLASSES:
            return label
        words = [lex.fold_spelling(w) for w in _words(text)]
        if label == "PERSON":
            return "Person"
        country = lex.country_of(text)
        if country and text.strip().lower() not in lex.demonyms:
            return "Country" if label in {"GPE", "ORG", "LOC", "NORP"} else None
        if label in {"GPE", "ORG", "LOC"} and text.strip().lower() in lex.capitals:
            return "City"  # "Chisinau" is no organisation, whatever the NER says
        shaped = next((cls for cls, shape in lex.name_shapes if shape.search(" ".join(words))), None)
        if label in {"GPE", "LOC"}:
            if shaped == "IntergovernmentalOrganization":
                return shaped
            if any(w in lex.region_words for w in words):
                return "Region"
            joined = f" {' '.join(words)} "
            for cls, phrases in self._keyword_rules:
                if cls == "IntergovernmentalOrganization" and any(phrase in joined for phrase in phrases):
                    return cls
            return "City" if label == "GPE" else "Place"
        if label in _ORGLIKE:
            if shaped is not None and label != "NORP":
                return shaped
            head = words
            for i, word in enumerate(words):
                if i and word in {"of", "for", "on", "against"}:
                    head = words[:i]
                    break
            # "the Vell Journalists Syndicate": an association of the press, not a medium
            of_people = bool(head) and head[-1] in lex.association_heads
            for part in (head, words):
                joined = f" {' '.join(part)} "
                for cls, phrases in self._keyword_rules:
                    if cls == "MediaOrganization" and of_people:
                        continue
                    if any(phrase in joined for phrase in phrases):
                        return "Law" if cls == "Programme" and label == "SCHEME" else cls
            if label == "NORP":
                return None
            return _FALLBACK.get(label)
        return lex.ner_labels.get(label) if label in lex.ner_labels else None

    # -- cleaning ----------------------------------------------------------------------------

    def trim(self, span: Span) -> Span | None:
        """Trim determiners, possessive endings, brackets and stray words from a span."""
        doc = span.doc
        start, end = span.start, span.end
        for i in range(start, end):
            if doc[i].text == "(" and not any(doc[j].text == ")" for j in range(i, end)):
                end = i
                break
        from_ner = not (span.kb_id_ or span.ent_id_)
        def name_prefix(i: int) -> bool:
            # "New Arcadia", "the New Vell Times": a capitalised "New", "North" before a capitalised word
            return doc[i].lower_ in self.lexicon.place_prefixes and doc[i].is_title and end - i > 1 and doc[i + 1].is_title

        while start < end and not name_prefix(start) and (
            doc[start].lower_ in _LEADING_JUNK
            or doc[start].is_punct
            or doc[start].is_space
            or (from_ner and end - start > 1 and doc[start].pos_ in _NOT_NAME_POS)
        ):
            start += 1
        while end > start and (doc[end - 1].lower_ in _TRAILING_JUNK or (doc[end - 1].is_punct and doc[end - 1].text not in {")", "."}) or doc[end - 1].is_space):
            end -= 1
        if (
            end - start > 1 and span.label_ in {"PROGRAMME", "SCHEME", "LAW"} and doc[end - 1].lower_ in _LOWER_HEADS
            and doc[end - 1].is_lower and not doc[end - 2].is_lower  # "Vell sanctions program" keeps its head
        ):
            end -= 1
        while end > start and doc[end - 1].lower_ in _TRAILING_JUNK:
            end -= 1
        if end <= start:
            return None
        return Span(doc, start, end, label=span.label_, kb_id=span.kb_id_ or ("ruler" if span.ent_id_ else "ner"), span_id=span.ent_id_ or span.id_)

    def _begins_title(self, span: Span) -> bool:
        """Whether the span and the capitalised words after it make a title ("Interior" before
        "Minister"): the NER takes the first word of a title it does not know for a name."""
        lex, doc = self.lexicon, span.doc
        if len(span) > 2 or span.end >= len(doc) or not doc[span.end].is_title:
            return False
        for n in (1, 2):
            after = doc[span.end : span.end + n]
            if len(after) == n and all(t.is_title for t in after) and f"{span.text} {after.text}".lower() in lex.person_titles:
                return True
        return False

    def is_junk(self, span: Span, label: str, lower_words: set[str]) -> bool:
        """Whether a typed span is not an actor (page words, adjectives, common words)."""
        lex = self.lexicon
        text = span.text
        lowered = text.lower()
        if len(text) < 2 or not any(ch.isalpha() for ch in text) or len(span) > 14:
            return True
        if lowered in lex.not_actors or "@" in text or "\n" in text:
            return True
        if "/" in text and (not _SLASHED.match(text) or _in_brackets(span) or any(part.lower() in self.known_names for part in text.split("/"))):
            return True  # "(Reuters/Vellpress)", "Photo: Reuters/Vellpress": a photo credit, not a group
        if is_title_word(text, lex) or lowered in lex.numbered_instruments:
            return True  # "Madam", "Chargé d'Affaires", "Executive Order": a title or a kind of law alone
        if span.kb_id_ == "ner" and label not in {"Person", "Country"} and self._begins_title(span):
            return True  # "Moldova's Interior Minister Oskar Lenz": the first word of a title
        if (
            span.kb_id_ in {"ner", "ruler"} and label not in {"Person", "Country"} and in_headline(span)
            and not (span.id_ and not span.id_.startswith("pattern:")) and not any(t.is_upper and len(t) > 1 for t in span)
        ):
            return True  # "Harbour Board Sanctions Vell": Title Case headlines break the NER's boundaries
        if len(span) == 1 and span[0].is_upper and len(text) > 3 and lowered in lower_words and span.kb_id_ == "ner":
            return True  # "MOTION FOR A RESOLUTION": a heading word in capitals
        if span.kb_id_ == "ner" and len(span) == 1 and span[0].is_sent_start and span.end < len(span.doc) and "\n" in span[0].whitespace_ + span.doc[span.end].text:
            return True  # "Background", "Speech": a one-word heading line
        if (
            span.kb_id_ == "ner" and label in {"City", "Place"} and len(span) == 1 and span.end < len(span.doc)
            and span.doc[span.end].is_title and span.doc[span.end].pos_ in {"PROPN", "NOUN"} and span[-1].whitespace_
            and span.doc[span.end].lower_ not in lex.institutions and span.doc[span.end].lower_ not in lex.detention_heads
        ):
            return True  # "the Interactive Dialogue": the first word of a name the NER did not find
        if span.kb_id_ == "ner" and label not in {"Person", "Country"} and modifies_noun(span, lex):
            return True  # "LGBTI persons", "Uyghur minorities": a name used as a modifier
        doc = span.doc
        kind_of = span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ in {"style", "like", "type", "minded"}
        if kind_of or re.search(r"-\s*(?:style|like|type|minded)$", span.text.lower()):
            return True  # "Vellwatch-style groups": a kind of thing, not an actor
        if lowered in lex.demonyms:
            return True
        has_latin = any("a" <= ch.lower() <= "z" for ch in text)
        if has_latin and not any(ch.isupper() for ch in text):
            return True
        if label == "Person" and any(ch.isdigit() for ch in text):
            return True
        if len(span) == 1:
            token = span[0]
            if not token.is_upper and token.pos_ in {"ADJ", "VERB", "ADV", "PRON", "DET", "ADP", "AUX", "CCONJ", "SCONJ", "NUM", "PART", "INTJ"}:
                return True
        if span.kb_id_ == "ner" and label not in {"Country", "Person"}:
            alpha = [t for t in span if t.is_alpha]
            words = [t.lower_ for t in alpha]
            if alpha and not any(lex.fold_spelling(w) in lex.name_heads for w in words):
                used_lower = all(
                    t.lower_ in lower_words or t.lemma_.lower() in lower_words or t.lower_.rstrip("s") in lower_words
                    for t in alpha
                )
                if used_lower and not any(t.is_upper for t in alpha):
                    return True
            # "Government-CSO partnership": a hyphenated modifier, not a name.
            if any(t.text == "-" and not t.whitespace_ for t in span):
                after = span.doc[span.end] if span.end < len(span.doc) else None
                if after is not None and after.is_lower and after.is_alpha:
                    return True
        return False

    # -- the component -----------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        restore_preset_labels(doc)
        lex = self.lexicon
        lower_words = {t.lower_ for t in doc if t.is_alpha and t.is_lower}
        lower_words |= {t.lemma_.lower() for t in doc if t.is_alpha and t.is_lower}
        titles = titles_of(doc)
        kept: list[Span] = []
        dates: list[Span] = []
        for ent in doc.ents:
            if ent.label_ in _DATE_LABELS:
                dates.append(ent)
                continue
            for piece in repair_pattern_match(ent, lex):
                span = self.trim(piece)
                span = strip_footnote(span) if span is not None else None
                if span is None:
                    continue
                label = piece.label_
                named, title = split_title(span, lex) if span.kb_id_ == "ner" or label == "PERSON" else (span, None)
                if title is not None and (label == "PERSON" or label in {"ORG", "GPE", "NORP", "LOC", "FAC"} and looks_like_person(named)):
                    span, label = named, "PERSON"
                    titles[(span.start, span.end)] = title
                cls = self.classify(span.text, label)
                if cls is None or self.is_junk(span, cls, lower_words):
                    continue
                kept.append(Span(doc, span.start, span.end, label=cls, kb_id=span.kb_id_, span_id=span.id_))
        kept = join_particle_names(self._join_split_names([self._extend_person(span) for span in kept]), lex)
        anchored = role_anchored_people(doc, lex)
        extents = {(p.start, p.end) for p in anchored}
        # A title-anchored name the NER took for something else: "Teodor Vasquell, a correspondent"
        kept = [
            Span(doc, s.start, s.end, label="Person", kb_id="rule", span_id=s.id_)
            if (s.start, s.end) in extents and s.kb_id_ == "ner" and s.label_ in {"Organization", "City", "Place"} else s
            for s in kept
        ]
        kept.extend(p for p in anchored if not _overlaps(p, kept))
        kept = [self._retype_from_context(span) for span in kept]
        kept = retype_by_staff(retype_by_descriptor(retype_by_act(retype_by_company(retype_role_owners(retype_by_apposition(kept, lex), lex)), lex), lex), lex)
        kept = retype_dateline(doc, kept)
        kept = extend_names(doc, kept, lex)
        kept = apposed_names(doc, described_names(doc, kept, lex), lex)
        kept = conjoined_names(doc, kept, lex, lambda text: self.classify(text, "ORG"))
        kept = subject_names(doc, kept, lex, lambda text: self.classify(text, "ORG"), self._doers_verbs)
        kept = region_names(doc, kept, lex)
        kept = owners_before_titles(doc, kept, lex)
        kept = institution_spans(doc, kept, lex)
        kept = detention_spans(doc, kept, lex)
        kept, parts = numbered_instruments(doc, kept, lex)
        kept = collective_spans(doc, kept, lex)
        kept, offices = office_spans(doc, kept, lex)
        for government in generic_government_spans(doc, kept, lex):
            inside = [s for s in kept if government.start <= s.start and s.end <= government.end]
            if not _overlaps(government, [s for s in kept if s not in inside]):
                # "the transitional government of Vell": the place is part of the body's name
                kept = [s for s in kept if s not in inside] + [government]
        kept = capital_governments(kept, lex)
        kept = [s for s in kept if not attributive(s, lex)]
        kept = peer_names(doc, kept, lex)
        definitions = defined_acronyms(doc, kept)
        kept.extend(a for a, _ in definitions if not _overlaps(a, kept))
        by_initials = acronyms_by_initials(doc, kept, self.lexicon)
        definitions += by_initials
        kept.extend(a for a, _ in by_initials)
        kept.extend(acronyms_after_the(doc, kept, self.lexicon))
        kept = propagate_names(doc, sorted(kept, key=lambda s: s.start), self.lexicon)
        links = [(alias, actor.text) for alias, actor in quoted_aliases(doc, kept) + parts + offices]
        for alias, _ in links:
            if not _overlaps(alias, kept):
                kept.append(alias)
        for span in kept:
            if span.label_ == "Person" and (span.start, span.end) not in titles:
                title = title_before(span, lex)
                if title:
                    titles[(span.start, span.end)] = title
        doc.spans[ENTITY_SPANS] = sorted(kept, key=lambda s: s.start)
        doc.spans[DATE_SPANS] = dates
        doc.spans[ACRONYM_SPANS] = [
            Span(doc, a.start, a.end, label=a.label_, kb_id=long_form) for a, long_form in definitions + links
        ]
        return doc

    def _join_split_names(self, spans: list[Span]) -> list[Span]:
        """ "Maria Corina" + "Machado" (taken for a city): one person; and a person's surname that
        the NER gave another type elsewhere in the document ("Maduro" as an organisation)."""
        spans = sorted(spans, key=lambda s: s.start)
        joined: list[Span] = []
        for span in spans:
            previous = joined[-1] if joined else None
            if (
                previous is not None and previous.label_ == "Person" and span.start == previous.end
                and len(span) == 1 and span.kb_id_ == "ner" and span[0].is_title
                and span.label_ in {"City", "Place", "Organization", "Person"} and not previous[-1].whitespace_ == ""
            ):
                joined[-1] = Span(span.doc, previous.start, span.end, label="Person", kb_id=previous.kb_id_, span_id=previous.id_)
                continue
            joined.append(span)
        # Last names ("Maduro") and, for names used that way, first names ("Somchai").
        surnames = {t.text for s in joined if s.label_ == "Person" and len(s) >= 2 for t in (s[0], s[-1])}
        surnames -= {name for name in surnames if self.lexicon.country_of(name) is not None}
        return [
            Span(s.doc, s.start, s.end, label="Person", kb_id=s.kb_id_, span_id=s.id_)
            if len(s) == 1 and s.kb_id_ == "ner" and s.label_ in {"City", "Place", "Organization"} and s.text in surnames else s
            for s in joined
        ]

    def _extend_person(self, span: Span) -> Span:
        """ "said Am Sam Ath": take in a capitalised name token the NER left just before a person."""
        if span.label_ != "Person":
            return span
        doc = span.doc
        if span.end < len(doc) and len(span) <= 3:
            after = doc[span.end]
            if (
                after.is_title and after.is_alpha and after.pos_ == "PROPN" and after.ent_type_ == ""
                and span[-1].whitespace_ and after.lower_ not in self.lexicon.roles and not is_title_word(after.text, self.lexicon)
                and self.lexicon.country_of(after.text) is None
            ):
                # "Maria Corina Machado": the NER stopped one name short
                span = Span(doc, span.start, span.end + 1, label=span.label_, kb_id=span.kb_id_, span_id=span.id_)
        if span.start == 0:
            return span
        before = span.doc[span.start - 1]
        if (
            before.is_title and before.is_alpha and before.pos_ == "PROPN" and not before.is_sent_start
            and before.lower_ not in self.lexicon.roles and before.lower_ not in self.lexicon.countries
            and before.ent_type_ in {"", "PERSON"} and len(span) <= 3 and not is_title_word(before.text, self.lexicon)
        ):
            return Span(span.doc, span.start - 1, span.end, label=span.label_, kb_id=span.kb_id_, span_id=span.id_)
        return span

    def _retype_from_context(self, span: Span) -> Span:
        """Refine a generic Organization or City by the words around it (see ``context_words``)."""
        if span.label_ not in {"Organization", "City", "Place", "Person"}:
            return span
        doc = span.doc
        context = self.lexicon.context_words
        candidates: list[str] = []
        if span.end < len(doc):
            candidates += [doc[span.end].lower_, " ".join(t.lower_ for t in doc[span.end : span.end + 2])]
            if doc[span.end].lower_ in {"provincial", "district", "municipal"}:
                candidates.append({"provincial": "province"}.get(doc[span.end].lower_, doc[span.end].lower_))
        if span.start > 0:
            candidates += [doc[span.start - 1].lower_, " ".join(t.lower_ for t in doc[max(0, span.start - 2) : span.start])]
        root = span.root
        while root.dep_ == "conj" and root.head.i < root.i:
            root = root.head
        head = root.head
        if root.dep_ == "pobj" and head.lower_ in {"including", "like", "as"}:
            noun = head.head
            candidates += [noun.lower_, " ".join(t.lower_ for t in noun.lefts if t.dep_ in {"compound", "amod"}) + " " + noun.lower_]
        for word in candidates:
            cls = context.get(word.strip())
            if cls is None:
                continue
            if cls == "NGO" and _modified_word_before(span, word.strip(), self.lexicon.kind_modifiers):
                continue  # "the mining group X", "an armed group": the modifier says what it is
            if span.label_ == "Organization" and cls != "Region":
                return Span(doc, span.start, span.end, label=cls, kb_id=span.kb_id_, span_id=span.id_)
            if span.label_ in {"City", "Place"} and cls == "Region":
                return Span(doc, span.start, span.end, label=cls, kb_id=span.kb_id_, span_id=span.id_)
            if span.label_ == "Person" and cls in {"MediaOrganization", "NGO", "PoliticalParty"} and span.start > 0 and doc[span.start - 1].lower_ == word.strip() and span.kb_id_ == "ner":
                # "the Polish newspaper Gazeta Wyborcza": the NER took a newspaper for a person
                return Span(doc, span.start, span.end, label=cls, kb_id=span.kb_id_, span_id=span.id_)
            if span.label_ == "Person" and cls == "City" and len(span) == 1 and word.endswith(" of") and span.kb_id_ == "ner":
                # "the city of Vell": the NER took a town for a person
                return Span(doc, span.start, span.end, label=cls, kb_id=span.kb_id_, span_id=span.id_)
            if span.label_ == "Person" and cls == "Region" and span.end < len(doc) and doc[span.end].lower_ in {word.strip(), "provincial", "municipal"}:
                # "Kampong Speu province": the NER took a place for a person
                return Span(doc, span.start, span.end, label=cls, kb_id=span.kb_id_, span_id=span.id_)
        return span

def _modified_word_before(span: Span, word: str, kind_modifiers: frozenset[str]) -> bool:
    """Whether ``word`` is the one word right before ``span`` and a modifier that makes it
    something else comes before it ("mining" in "the mining group X", not "civic" in "the civic
    group X": ``kind_modifiers``), as :func:`~newskg.extract.actors.descriptors.retype_by_descriptor` reads it."""
    doc, i = span.doc, span.start - 1
    return i >= 1 and doc[i].lower_ == word and doc[i - 1].lower_ in kind_modifiers


def _in_brackets(span: Span) -> bool:
    doc = span.doc
    return span.start > 0 and doc[span.start - 1].text == "(" and span.end < len(doc) and doc[span.end].text == ")"


def _overlaps(span: Span, spans: Iterable[Span]) -> bool:
    return any(span.start < other.end and other.start < span.end for other in spans)


@Language.factory(
    "newskg_entities",
    default_config={"extra_patterns": []},
    assigns=["doc.spans"],
    requires=["doc.ents"],
)
def make_entity_typer(nlp: Language, name: str, extra_patterns: list[str]) -> EntityTyper:
    return EntityTyper(nlp, name, extra_patterns)
