"""Names the words around them introduce: "the rights group Vell Harbour Monitor", "the opposition
party Free Vell", "the newspaper Strelsau Courier", "Lantern Rights Watch and the Vell Harbour
Monitor".

News often names a body the first time as a descriptor followed by its name, in apposition. A
name the NER missed there is still a name: a run of capitalised words right after a descriptor of
``types.yml``'s ``name_descriptors`` (which gives its class) is an actor span. So is a run of
proper nouns the parse coordinates with an organisation the NER did see
(:func:`conjoined_names`).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from newskg.extract.classes import NON_STATE_ORGANISATIONS
from newskg.lexicon import Lexicon

__all__ = ["described_names", "apposed_names", "retype_by_descriptor", "conjoined_names", "subject_names"]

#: the most words a name after a descriptor has
_NAME_WORDS = 6
_NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
#: calendar words, which a parse without the NER does not mark as dates ("said the party Monday")
_CALENDAR = {name.lower() for name in (*calendar.day_name, *calendar.month_name) if name}


def _capitalised(token: Token) -> bool:
    return token.is_alpha and (token.is_title or (token.is_upper and len(token) > 1))


def _name_end(doc: Doc, start: int) -> int:
    """Where a run of capitalised words starting at ``start`` ends: words joined by a hyphen or
    an ampersand ("Promo-Lex", "Vell & Co") and "of"/"for" between capitalised words are inside."""
    k = start
    while k < len(doc) and k - start < _NAME_WORDS:
        token = doc[k]
        if _capitalised(token) or (token.like_num and k > start):
            k += 1
            continue
        joined = token.text in {"-", "&"} and k > start and not doc[k - 1].whitespace_ and k + 1 < len(doc)
        inner = token.lower_ in {"of", "for"} and k > start and k + 1 < len(doc)
        if (joined or inner) and _capitalised(doc[k + 1]):
            k += 1
            continue
        break
    return k


def described_names(doc: Doc, spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """``spans`` and the names that descriptors introduce where no span is.

    Examples
    --------
    >>> import spacy
    >>> from newskg.lexicon import load_lexicon
    >>> nlp = spacy.blank("en")
    >>> doc = nlp("The Strelsau-based rights group Promo-Lex Monitor said so on Monday.")
    >>> [(s.text, s.label_) for s in described_names(doc, [], load_lexicon())]
    [('Promo-Lex Monitor', 'NGO')]
    >>> described_names(nlp("The group said the party Monday would vote."), [], load_lexicon())
    []
    """
    descriptors = lexicon.name_descriptors
    if not descriptors:
        return spans
    longest = max(len(phrase.split()) for phrase in descriptors)
    heads = {phrase.rsplit(" ", 1)[-1] for phrase in descriptors}
    taken = {i for span in spans for i in range(span.start, span.end)}
    found: list[Span] = []
    for token in doc[1:]:
        if token.lower_ not in heads or not token.is_lower or token.i + 1 >= len(doc) or token.i + 1 in taken:
            continue
        phrases = (" ".join(t.lower_ for t in doc[token.i - n + 1 : token.i + 1]) for n in range(min(longest, token.i + 1), 0, -1))
        cls = next((descriptors[p] for p in phrases if p in descriptors), None)
        if cls is None:
            continue
        start = token.i + 1
        if doc[start].lower_ == "the":
            start += 1  # "the newspaper The Strelsau Courier"
        end = _name_end(doc, start)
        if end == start or any(i in taken for i in range(start, end)):
            continue
        name = doc[start:end]
        if doc[start].is_sent_start or any(t.ent_type_ in _NOT_NAMES or t.lower_ in _CALENDAR for t in name):
            continue
        if name.text.lower() in lexicon.not_actors or lexicon.country_of(name.text) is not None:
            continue
        if end < len(doc) and (doc[end].is_title and not doc[end].is_sent_start):
            continue  # the run goes on in a way this rule does not read
        found.append(Span(doc, start, end, label=cls, kb_id="rule"))
        taken.update(range(start, end))
    return spans + found


#: labels the NER gives a medium's or a party's name it does not know ("the daily Strelsau Courier")
_MISREAD = {"Person", "City", "Place"}


def _descriptor_before(doc: Doc, end: int, descriptors: dict[str, str], longest: int) -> tuple[int, str] | None:
    """The descriptor phrase of lower-case words that ends right before token ``end``: where it
    starts and the class it gives, the longest phrase first."""
    for n in range(min(longest, end), 0, -1):
        words = doc[end - n : end]
        if all(t.is_lower for t in words):
            cls = descriptors.get(" ".join(t.lower_ for t in words))
            if cls is not None:
                return end - n, cls
    return None


def retype_by_descriptor(spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """A name a descriptor introduces has the descriptor's class: "the independent weekly Harbour
    Voice" is a medium, "the opposition party Free Vell" a party, whatever its name alone said
    (the descriptors and their classes are ``types.yml``'s ``name_descriptors``).

    Only a generic ``Organization``, or a name the NER took for a person or a place (which a
    descriptor never introduces, unless it is the subject of a clause of its own: "the party
    Anna Vell founded"). Words before a medium's or a party's descriptor only describe it ("the
    state-run daily", "the far-right party"); before the generic words of an association some
    change what it is ("the armed group", "a business association": ``kind_modifiers``), so a
    one-word ``NGO`` descriptor does not count after one of those ("the civic group X" is one).

    Examples
    --------
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> from newskg.lexicon import load_lexicon
    >>> words = "the independent weekly Harbour Voice and the mining group Vell Metals".split()
    >>> pos = ["DET", "ADJ", "NOUN", "PROPN", "PROPN", "CCONJ", "DET", "NOUN", "NOUN", "PROPN", "PROPN"]
    >>> doc = Doc(spacy.blank("en").vocab, words=words, pos=pos)
    >>> spans = [Span(doc, 3, 5, label="Organization"), Span(doc, 9, 11, label="Organization")]
    >>> [(s.text, s.label_) for s in retype_by_descriptor(spans, load_lexicon())]
    [('Harbour Voice', 'MediaOrganization'), ('Vell Metals', 'Organization')]
    """
    descriptors = lexicon.name_descriptors
    if not descriptors or not spans:
        return spans
    longest = max(len(phrase.split()) for phrase in descriptors)
    doc = spans[0].doc
    out = []
    for span in spans:
        misread = span.label_ in _MISREAD and span.kb_id_ == "ner"
        if span.label_ not in {"Organization", "NGO"} and not misread:
            out.append(span)
            continue
        end = span.start - 1 if span.start > 0 and doc[span.start - 1].lower_ == "the" else span.start
        found = _descriptor_before(doc, end, descriptors, longest)
        if found is not None and misread and span.root.dep_ in {"nsubj", "nsubjpass"} and span.root.head.dep_ in {"relcl", "ccomp"}:
            found = None  # "the party Anna Vell founded", "told the newspaper Anna Vell was freed"
        if found is not None:
            start, cls = found
            modified = start > 0 and doc[start - 1].lower_ in lexicon.kind_modifiers
            if cls == "NGO" and end - start == 1 and modified:
                found = None
        # an NGO by its name's words ("... Movement") gives way to a party's or a medium's
        # descriptor: "the opposition Free Vell Movement", "His party, the X Movement,"
        cls = found[1] if found is not None and found[1] != span.label_ else None
        if cls is None and not misread:
            cls = _apposed_descriptor(span, descriptors, lexicon.kind_modifiers) or _head_descriptor(span, descriptors)
        if cls is not None and cls != span.label_:
            span = Span(doc, span.start, span.end, label=cls, kb_id=span.kb_id_, span_id=span.id_)
        out.append(span)
    return out


def _head_descriptor(span: Span, descriptors: dict[str, str]) -> str | None:
    """The class the lower-case noun right after a name gives it, when the name is that noun's
    modifier: "the opposition Vell Front party" is a party, "the Vell Courier newspaper" a medium
    (not an association's generic word: "the Vell Metals group" may be a business)."""
    doc = span.doc
    if span.end >= len(doc):
        return None
    head = doc[span.end]
    cls = descriptors.get(head.lower_)
    if cls is None or cls == "NGO" or not head.is_lower or head.pos_ != "NOUN" or span.root.head.i != head.i:
        return None
    return cls


def _apposed_descriptor(span: Span, descriptors: dict[str, str], kind_modifiers: frozenset[str]) -> str | None:
    """The class a descriptor in apposition gives a name: "His party, the Vell Front," and "the
    Vell Front, the main opposition party," are parties; "X, an independent weekly," a medium.

    The descriptor is the common noun with the lower-case words before it; words before a medium's
    or a party's descriptor only describe it ("the main opposition party"); before a one-word
    association they may change what it is ("an armed group"), so an ``NGO`` descriptor counts
    whole, as a phrase of its own ("a leading rights group"), or after words none of which is in
    ``kind_modifiers`` ("a local anti-corruption watchdog")."""
    root = span.root
    nouns = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        nouns.append(root.head)
    for noun in nouns:
        if noun.pos_ != "NOUN" or not noun.is_lower or span.start <= noun.i < span.end:
            continue
        first = noun.i
        doc = noun.doc
        while first > 0 and doc[first - 1].is_lower and (doc[first - 1].is_alpha or doc[first - 1].text == "-") and doc[first - 1].head.i in range(first, noun.i + 1) and doc[first - 1].dep_ in {"amod", "compound", "nmod", "punct"}:
            first -= 1
        words = [t.lower_ for t in doc[first : noun.i + 1]]
        for k in range(len(words)):
            cls = descriptors.get(" ".join(words[k:]))
            if cls is not None and (k == 0 or cls != "NGO" or len(words) - k > 1 or not set(words[:k]) & kind_modifiers):
                return cls
    return None


def conjoined_names(doc: Doc, spans: list[Span], lexicon: Lexicon, classify: Callable[[str], str | None]) -> list[Span]:
    """``spans`` and the organisations coordinated with one of them that the NER missed: "Lantern
    Rights Watch and the Vell Harbour Monitor urged ...". Only subjects are read (the doers news
    names together); a conjunct is taken when it is a run of two or more capitalised proper
    nouns that no NER label covers, after "the", "and", "or" or a comma; ``classify`` gives its
    class (as for a name the NER labelled an organisation).

    Examples
    --------
    >>> import spacy
    >>> from newskg.lexicon import load_lexicon
    >>> doc = spacy.blank("en")("Vell Watch and the Harbour Monitor met.")
    >>> for token, (pos, dep, head) in zip(doc, [("PROPN", "compound", 1), ("PROPN", "nsubj", 6), ("CCONJ", "cc", 1),
    ...                                           ("DET", "det", 5), ("PROPN", "compound", 5), ("PROPN", "conj", 1),
    ...                                           ("VERB", "ROOT", 6), ("PUNCT", "punct", 6)]):
    ...     token.pos_, token.dep_, token.head = pos, dep, doc[head]
    >>> found = conjoined_names(doc, [Span(doc, 0, 2, label="NGO")], load_lexicon(), lambda text: "Organization")
    >>> [(s.text, s.label_) for s in found]
    [('Vell Watch', 'NGO'), ('Harbour Monitor', 'Organization')]
    """
    taken = {i for span in spans for i in range(span.start, span.end)}
    found: list[Span] = []
    for span in spans:
        if span.label_ not in NON_STATE_ORGANISATIONS or span.root.dep_ not in {"nsubj", "nsubjpass"}:
            continue  # a subject's: "the Minister for the UN and Human Rights" names no second body
        for conj in span.root.conjuncts:
            if conj.i in taken or conj.pos_ != "PROPN" or not _capitalised(conj):
                continue
            start = conj.i
            while start > 0 and doc[start - 1].pos_ == "PROPN" and _capitalised(doc[start - 1]) and start - 1 not in taken:
                start -= 1
            end = _name_end(doc, start)
            name = doc[start:end]
            if end <= conj.i or len(name) < 2 or len(name) > _NAME_WORDS or any(i in taken for i in range(start, end)):
                continue
            if start == 0 or doc[start].is_sent_start or doc[start - 1].lower_ not in {"the", "and", "or", ","}:
                continue
            if end < len(doc) and doc[end].is_title and not doc[end].is_sent_start:
                continue  # the run goes on in a way this rule does not read
            if any(t.ent_type_ or t.lower_ in _CALENDAR for t in name):
                continue  # the NER saw these words and made them no organisation
            if name.text.lower() in lexicon.not_actors or lexicon.country_of(name.text) is not None:
                continue
            cls = classify(name.text)
            if cls is None:
                continue
            found.append(Span(doc, start, end, label=cls, kb_id="rule"))
            taken.update(range(start, end))
    return spans + found


def subject_names(doc: Doc, spans: list[Span], lexicon: Lexicon, classify: Callable[[str], str | None], verbs: frozenset[str]) -> list[Span]:
    """``spans`` and the organisations the NER missed as the subject of a verb only an actor
    does (``verbs``: lemmas of speech and of taking a position): "The Vell Harbour Monitor
    called on ...", "the Lantern Press Union said". The subject must be a run of two or more
    capitalised proper nouns after "the" (a person's name takes no article) that no NER label
    covers; ``classify`` gives its class, as for a name the NER labelled an organisation.

    Examples
    --------
    >>> import spacy
    >>> from newskg.lexicon import load_lexicon
    >>> doc = spacy.blank("en")("The Harbour Monitor said Anna Vell left.")
    >>> for token, (pos, dep, head) in zip(doc, [("DET", "det", 2), ("PROPN", "compound", 2), ("PROPN", "nsubj", 3),
    ...                                           ("VERB", "ROOT", 3), ("PROPN", "compound", 5), ("PROPN", "nsubj", 6),
    ...                                           ("VERB", "ccomp", 3), ("PUNCT", "punct", 3)]):
    ...     token.pos_, token.dep_, token.head, token.lemma_ = pos, dep, doc[head], token.lower_
    >>> found = subject_names(doc, [], load_lexicon(), lambda text: "Organization", frozenset({"say", "said"}))
    >>> [(s.text, s.label_) for s in found]
    [('Harbour Monitor', 'Organization')]
    """
    taken = {i for span in spans for i in range(span.start, span.end)}
    found: list[Span] = []
    for token in doc:
        if token.dep_ != "nsubj" or token.pos_ != "PROPN" or token.i in taken or not _capitalised(token):
            continue
        if token.head.pos_ != "VERB" or token.head.lemma_.lower() not in verbs:
            continue
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and _capitalised(doc[start - 1]) and start - 1 not in taken:
            start -= 1
        end = _name_end(doc, start)
        name = doc[start:end]
        if end <= token.i or len(name) < 2 or len(name) > _NAME_WORDS or any(i in taken for i in range(start, end)):
            continue
        if start == 0 or doc[start - 1].lower_ != "the":
            continue
        if end < len(doc) and doc[end].is_title and not doc[end].is_sent_start:
            continue  # the run goes on in a way this rule does not read
        if any(t.ent_type_ or t.lower_ in _CALENDAR for t in name):
            continue  # the NER saw these words and made them no organisation
        if name.text.lower() in lexicon.not_actors or lexicon.country_of(name.text) is not None:
            continue
        cls = classify(name.text)
        if cls is None:
            continue
        found.append(Span(doc, start, end, label=cls, kb_id="rule"))
        taken.update(range(start, end))
    return spans + found


def apposed_names(doc: Doc, spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """``spans`` and the names a descriptor in apposition after them introduces: "Harbour Vell
    Watch, a local anti-corruption watchdog, said" is a body even where the NER saw only the
    country at its end ("... Ruritania") or nothing at all.

    The name is the run of capitalised words the descriptor's noun hangs on, right before the
    comma; a place the NER found inside the run gives way to it. The class is the descriptor's
    (see :func:`retype_by_descriptor`).

    Examples
    --------
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> from newskg.lexicon import load_lexicon
    >>> words = ["Vell", "Harbour", "Monitor", ",", "a", "local", "watchdog", ",", "said", "so"]
    >>> heads = [2, 2, 8, 2, 6, 6, 2, 2, 8, 8]
    >>> deps = ["compound", "compound", "nsubj", "punct", "det", "amod", "appos", "punct", "ROOT", "advmod"]
    >>> pos = ["PROPN", "PROPN", "PROPN", "PUNCT", "DET", "ADJ", "NOUN", "PUNCT", "VERB", "ADV"]
    >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    >>> [(s.text, s.label_) for s in apposed_names(doc, [Span(doc, 0, 1, label="City", kb_id="ner")], load_lexicon())]
    [('Vell Harbour Monitor', 'NGO')]
    """
    descriptors = lexicon.name_descriptors
    if not descriptors:
        return spans
    by_token = {i: span for span in spans for i in range(span.start, span.end)}
    out = list(spans)
    for token in doc:
        if token.dep_ != "appos" or token.pos_ != "NOUN" or not token.is_lower:
            continue
        head = token.head
        if head.i + 1 >= len(doc) or doc[head.i + 1].text != "," or head.i >= token.i or not _capitalised(head):
            continue
        start = head.i
        while start > head.sent.start and head.i - start < _NAME_WORDS and (
            _capitalised(doc[start - 1]) or (doc[start - 1].lower_ in {"of", "for", "&"} and start - 2 >= head.sent.start and _capitalised(doc[start - 2]))
        ):
            start -= 1
        if doc[start].lower_ == "the" or (doc[start].is_sent_start and doc[start].lower_ in {"the", "a", "an"}):
            start += 1
        if head.i + 1 - start < 2:
            continue  # one word alone ("Vell, a rights group") is the NER's to read
        inside = list(dict.fromkeys(by_token[i] for i in range(start, head.i + 1) if i in by_token))
        if any(s.start < start or s.end > head.i + 1 for s in inside):
            continue  # a name that goes on past the run
        if any(s.label_ not in _MISREAD | {"Country", "Region"} or s.kb_id_ != "ner" for s in inside):
            continue  # a name the text or the patterns gave: kept
        name = doc[start : head.i + 1]
        if any(t.ent_type_ in _NOT_NAMES or t.lower_ in _CALENDAR for t in name) or name.text.lower() in lexicon.not_actors:
            continue
        cls = _apposed_descriptor(Span(doc, start, head.i + 1), descriptors, lexicon.kind_modifiers)
        if cls is None:
            continue
        out = [s for s in out if s not in inside]
        out.append(Span(doc, start, head.i + 1, label=cls, kb_id="rule"))
        by_token.update({i: out[-1] for i in range(start, head.i + 1)})
    return out
