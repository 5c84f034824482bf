"""Typed relations between actors from spaCy's dependency parse.

Each rule returns ``(subject span, predicate, object span, extras)``; the pipeline turns spans into
``Mention``s. Rule names are kept on every relation as evidence (``nkg:extractedBy``).

Acts between actors (demands, condemnations, arrests ...) are events (``newskg.extract.events``);
this module holds the lasting, structural relations.

Rules
-----
``verb``           structural verbs: "X heads Y", "X took over from Y", "X joined Y".
``title``          "P, spokesperson of O", "O spokesperson P", "O and its programme manager, P".
``family``         "his father P".
``possessive``     "O's Programme", "Programme by O" (``newskg.extract.parts``).
``qualifier``      "Peru's National Congress", "X's Office of Y" (``newskg.extract.parts``).
More title constructions are in ``newskg.extract.roles``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newskg.extract.classes import ORGANISATIONS
from newskg.extract.events.triggers import lemma_keys
from newskg.extract.events.vocabulary import load_event_vocabulary
from newskg.extract.normalize import parse_date
from newskg.extract.parts import appositive_parts, possessive_relations, qualifier_relations
from newskg.extract.resolve import ActorResolver
from newskg.extract.roles import TITLE_TOKENS, heads_body, home_country, more_title_relations, past_age, title_text
from newskg.lexicon import Lexicon

__all__ = ["SpanRelation", "extract_relations", "sentence_relations", "observe_sentence"]

_TITLE_SKIP = {"also", "the", "a", "an", "now", "current", "acting", "its", "their", "his", "her"}


@dataclass(frozen=True, slots=True)
class SpanRelation:
    """A relation between two entity spans, before they become mentions."""

    subject: Span
    predicate: str
    object: Span
    sentence: Span
    rule: str
    role: str | None = None
    former: bool = False
    content: str | None = None
    event_date: str | None = None
    about: tuple[Span, ...] = ()




def _phrase_keys(verb: Token) -> Iterator[tuple[str, Token | None]]:
    """("call on", prep-token), ("take over from", prep), ("condemn", None) ... longest first."""
    particles = [c for c in verb.children if c.dep_ == "prt"]
    preps = [c for c in verb.children if c.dep_ in {"prep", "agent", "dative"}]
    if verb.i + 1 < len(verb.doc):
        nxt = verb.doc[verb.i + 1]
        # "Calls for the Member States to ...": the parser may hang "for" on the later verb.
        if nxt.pos_ in {"ADP", "SCONJ"} and nxt not in preps and nxt.lower_ in {"for", "on", "upon"}:
            preps.append(nxt)
    complements = [c for c in verb.children if c.dep_ in {"acomp", "oprd"} and c.pos_ == "ADJ"]
    for lemma in lemma_keys(verb):
        for adjective in complements:
            yield f"{lemma} {adjective.lower_}", None  # "found X guilty"
        for prt in particles:
            for prep in preps:
                yield f"{lemma} {prt.lower_} {prep.lower_}", prep
            yield f"{lemma} {prt.lower_}", None
        for prep in preps:
            yield f"{lemma} {prep.lower_}", prep
        yield lemma, None


def _is_verbish(token: Token, resolver: ActorResolver) -> bool:
    if token.pos_ in {"VERB", "AUX"}:
        return True
    # "2. Calls on the Ruritanian authorities ...": a numbered paragraph opens with its verb.
    return token.is_title and _first_word(token.sent) == token


def _first_word(sent: Span) -> Token | None:
    """The first word of a sentence after any paragraph number or letter."""
    for t in sent:
        if not (t.is_punct or t.is_space or t.like_num or re.fullmatch(r"[A-Z]", t.text)):
            return t
    return None


def _subjects(verb: Token, resolver: ActorResolver, lexicon: Lexicon, depth: int = 0) -> tuple[list[Span], bool]:
    """The agents of ``verb`` and whether the clause is passive."""
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    if passive:
        agents = []
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    agents += resolver.resolve_all(pobj)
        return agents, True
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj"}:
            return resolver.resolve_all(child), False
    # "stated the resolution": a speech verb's subject after it.
    if depth > 3:
        return [], False
    head = verb.head
    if verb.dep_ in {"conj", "advcl"} and head is not verb:
        if verb.dep_ == "advcl" and _asks(head):
            return [], False
        inherited = _subjects(head, resolver, lexicon, depth + 1)[0]
        if inherited:
            return inherited, False
    if _opens_paragraph(verb) and resolver.preamble is not None:
        return [resolver.preamble], False
    if verb.dep_ == "xcomp" and head is not verb:
        if _asks(head):
            return [], False  # "calls on X to dismiss ...": the demanded act did not happen
        if any(c.dep_ in {"dobj"} for c in head.children):
            return [], False
        return _subjects(head, resolver, lexicon, depth + 1)[0], False
    if verb.dep_ in {"acl", "relcl"}:
        found = resolver.resolve(head)
        return ([found] if found is not None else []), False
    if resolver.preamble is not None and (verb.dep_ in {"ROOT", "conj"} or _opens_paragraph(verb)):
        return [resolver.preamble], False
    # A parse that lost the subject of a coordinated verb: the nearest ancestor's subject.
    if verb.dep_ in {"conj", "pcomp", "advcl"}:
        for ancestor in verb.ancestors:
            if _asks(ancestor):
                break
            subjects = [c for c in ancestor.children if c.dep_ == "nsubj"]
            if subjects:
                return resolver.resolve_all(subjects[0]), False
    return [], False


def _asks(verb: Token) -> bool:
    """A verb whose object does what it asks ("urged X to join Y"): what follows did not happen."""
    return verb.lemma_.lower() in load_event_vocabulary().object_control


def _opens_paragraph(token: Token) -> bool:
    """Whether ``token`` is the first word of a numbered paragraph ("2. Calls on ...")."""
    sent = token.sent
    return sent[0].like_num and _first_word(sent) == token


def _objects(verb: Token, prep: Token | None, passive: bool, resolver: ActorResolver) -> tuple[list[Span], Token | None]:
    """What a structural verb links its subject to: "heads X", "took over from X", "joined X"."""
    if prep is not None and prep.dep_ != "agent":
        for pobj in prep.children:
            if pobj.dep_ == "pobj":
                return resolver.resolve_all(pobj), pobj
    if passive:
        for child in verb.children:
            if child.dep_ == "nsubjpass":
                return resolver.resolve_all(child), child
        return [], None
    for child in verb.children:
        if child.dep_ in {"dobj", "dative"}:
            return resolver.resolve_all(child), child
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"for", "on", "upon", "against", "to"}:
            for pobj in child.children:
                found = resolver.resolve_all(pobj)
                if found:
                    return found, pobj
    return [], None


def _event_date(doc: Doc, verb: Token, dates: list[Span]) -> str | None:
    sent = verb.sent
    inside = [d for d in dates if sent.start <= d.start and d.end <= sent.end]
    if not inside:
        return None
    def attached(span: Span) -> bool:
        head = span.root.head
        return head == verb or (head.dep_ == "prep" and head.head == verb)

    chosen = next((d for d in inside if attached(d)), None)
    if chosen is None:
        return None
    return parse_date(chosen.text) or chosen.text




def verb_relations(sent: Span, resolver: ActorResolver, lexicon: Lexicon, dates: list[Span]) -> list[SpanRelation]:
    """Rule ``verb``: structural verbs with their subjects and objects ("X heads Y")."""
    found: list[SpanRelation] = []
    for token in sent:
        if not _is_verbish(token, resolver):
            continue
        predicate = None
        prep = None
        rule = "verb"
        for key, key_prep in _phrase_keys(token):
            predicate = lexicon.structural.get(key)
            if predicate:
                prep = key_prep
                break
        if predicate is None:
            continue
        subjects, passive = _subjects(token, resolver, lexicon)
        for subject in subjects:
            resolver.observe_subject(subject)
        objects, _ = _objects(token, prep, passive, resolver)
        if passive:
            rule = "verb-passive"
        event_date = _event_date(sent.doc, token, dates)
        for subject in subjects:
            for obj in objects:
                if subject == obj or subject.label_ in {"Law", "Programme"}:
                    continue
                found.append(SpanRelation(subject, predicate, obj, sent, rule, event_date=event_date))
    return found


def _title_at(doc: Doc, i: int, roles: dict[str, str]) -> tuple[str, int] | None:
    """The longest role title starting at token ``i``: (title, end index)."""
    for n in TITLE_TOKENS:
        if i + n <= len(doc):
            title = title_text(doc[i : i + n])
            if title in roles:
                return title, i + n
    return None


#: the most describing words between a preposition and the name of a body
_DESCRIBING_WORDS = 4


def _to_name(doc: Doc, k: int, end: int, resolver: ActorResolver) -> int:
    """Where the name after a preposition starts: past "the" and up to four lower-case words that
    describe the body ("editor of the independent weekly X", "a reporter with the pro-government
    daily X", "a lawyer for the Strelsau-based rights group X"). A word inside an actor ends the
    run."""
    while k < end and doc[k].lower_ in {"the", "opposition", "ruling"}:
        k += 1
    words = 0
    while k < end and words < _DESCRIBING_WORDS:
        token, actor = doc[k], resolver.entity(doc[k])
        if actor is not None:
            if actor.end + 1 < end and doc[actor.end].text == "-" and not doc[actor.end - 1].whitespace_:
                k, words = actor.end, words + 1  # "the Strelsau-based group": a place that describes
                continue
            break
        joined = not token.whitespace_ and k + 1 < end and doc[k + 1].text == "-"  # "pro-", "Strelsau-"
        if token.text == "-" and k > 0 and not doc[k - 1].whitespace_:
            k += 1
        elif (token.is_lower and token.pos_ in {"ADJ", "NOUN", "VERB"}) or (joined and token.is_alpha):
            k += 1
            words += 1
        else:
            break
    return k


def _title_after(doc: Doc, j: int, end: int, resolver: ActorResolver, lexicon: Lexicon) -> tuple[str, int, bool] | None:
    """The title written from token ``j``, with the describing words before it ("operations
    director", "deputy director", "long-time adviser") and a capitalised word no name starts at
    ("Europe programme coordinator"): (the title as written, its end, whether a part of the body
    holds it: "programme" is one of ``units``)."""
    start = j
    if j + 1 < end and doc[j].pos_ == "PROPN" and doc[j].is_title and doc[j + 1].is_lower and _title_at(doc, j, lexicon.roles) is None:
        found = resolver.entity(doc[j])
        if found is None or found.label_ in {"Region", "Place"}:
            j += 1
    part = False
    first = j
    while j < end and j - first < 3 and _title_at(doc, j, lexicon.roles) is None and (doc[j].pos_ in {"ADJ", "NOUN"} and doc[j].is_lower):
        part = part or doc[j].lower_ in lexicon.units
        j += 1
    hit = _title_at(doc, j, lexicon.roles) if j < end else None
    if hit is None:
        return None
    title, k = hit
    if j > start:
        title = title_text(doc[start:k])  # keep the whole title as written
    return title, k, part


def _body_at(doc: Doc, k: int, end: int, resolver: ActorResolver, units: frozenset[str]) -> tuple[Span | None, bool]:
    """The body named at token ``k``, and whether the text names one of its parts first: "the
    Brannock branch of X", "the regional office of X" are X's (``units`` are the part words)."""
    org = resolver.entity(doc[k]) if k < end else None
    unit = org.end if org is not None else k
    if unit > 0 and org is None and doc[unit - 1].lower_ in units and unit < end and doc[unit].lower_ == "of":
        unit -= 1  # "the regional office of X": the describing words ran up to the part word
    if unit + 1 < end and doc[unit].lower_ in units and doc[unit].is_lower and doc[unit + 1].lower_ == "of":
        at = _to_name(doc, unit + 2, end, resolver)
        whole = resolver.entity(doc[at]) if at < end else None
        if whole is not None:
            return whole, True
    return org, False


def title_relations(sent: Span, resolver: ActorResolver, lexicon: Lexicon) -> list[SpanRelation]:
    """Rules ``title`` and ``family``: roles of people in organisations, and family ties."""
    doc = sent.doc
    roles = lexicon.roles
    found: list[SpanRelation] = []
    people = [s for s in resolver.spans_in(sent.start, sent.end) if s.label_ == "Person"]
    for person in people:
        found_before = len(found)  # what earlier people gave: this one has no title yet
        # After the name: "P, [also|former|then] TITLE of|at|for ORG" or "P, ORG's TITLE" (an
        # age may come first: "P, 52, the leader of ORG")
        i = person.end
        if i < sent.end and doc[i].text == ",":
            i = past_age(doc, i, sent)
            j = i + 1
            former = False
            while j < sent.end and (doc[j].lower_ in _TITLE_SKIP or doc[j].lower_ in lexicon.former_words):
                former = former or doc[j].lower_ in lexicon.former_words
                j += 1
            org = resolver.entity(doc[j]) if j < sent.end else None
            if org is not None and org.label_ in {"Region", "Place", "City"} and _title_at(doc, org.end, roles) is not None:
                j, org = org.end, None  # "Elaine Pearson, Asia director at Human Rights Watch"
            if j < sent.end and doc[j].lower_ == "of" and org is None:
                k = _to_name(doc, j + 1, sent.end, resolver)
                member_of = resolver.entity(doc[k]) if k < sent.end else None
                if member_of is not None and member_of.label_ in ORGANISATIONS:
                    # "Opposition leader Pita Limjaroenrat, of the Move Forward Party, ..."
                    before = _title_before(doc, person.start, sent, roles)
                    title = before or "member"
                    found.append(_role(person, member_of, title, roles, sent, False))
                    continue
            if org is not None and org.label_ in ORGANISATIONS | {"Country", "Programme"}:
                k = org.end
                if k < sent.end and doc[k].lower_ in {"'s", "’s"}:
                    k += 1
                # "P, ORG's TITLE", "P, ORG's Europe programme coordinator" (a member: the title is
                # held in one of ORG's parts)
                held = _title_after(doc, k, sent.end, resolver, lexicon) if k < sent.end else None
                if held is not None:
                    found.append(_role(person, org, held[0], roles, sent, former, part=held[2]))
            held = _title_after(doc, j, sent.end, resolver, lexicon) if j < sent.end else None
            if held is not None:
                title, k, _ = held
                if k < sent.end and doc[k].lower_ in {"of", "at", "for", "in", "with"}:
                    org, part = _body_at(doc, _to_name(doc, k + 1, sent.end, resolver), sent.end, resolver, lexicon.units)
                    if org is not None and org.label_ in ORGANISATIONS | {"Country", "Programme"}:
                        found.append(_role(person, org, title, roles, sent, former, part=part or held[2]))
        # Before the name: "ORG['s] TITLE P", "his|her FAMILY P", "ORG and its TITLE, P"
        j = person.start - 1
        if j >= sent.start and doc[j].text == ",":
            j -= 1
        end_title = j + 1
        title = None
        for n in TITLE_TOKENS:
            start = end_title - n
            if start >= sent.start:
                candidate = title_text(doc[start:end_title])
                if candidate in roles:
                    title, j = candidate, start - 1
                    break
        if title is None:
            continue
        base = title
        former = False
        modifiers = 0
        while j >= sent.start and doc[j].lower_ not in lexicon.demonyms and (
            doc[j].lower_ in lexicon.former_words | {"award", "-", "winning"}
            or (
                modifiers < 3 and resolver.entity(doc[j]) is None and doc[j].pos_ in {"ADJ", "NOUN", "PROPN"}
                and (doc[j].is_lower or (doc[j].is_title and not doc[j].is_sent_start))
            )
        ):
            # "the Vell Union's foreign policy chief, Ilsa Vandermeer", "Home Minister X"
            if doc[j].lower_ in lexicon.former_words:
                former = True
            else:
                modifiers += 1
                title = title_text(doc[j:end_title])
            j -= 1
        if roles[base] == "relativeOf":
            if j >= sent.start and doc[j].lower_ in {"his", "her", "their"}:
                relative = resolver.antecedent(doc[j])
                others = [p for p in people if p.end <= doc[j].i and p != person]
                relative = others[-1] if others else relative
                if relative is not None and relative != person:
                    found.append(SpanRelation(person, "relativeOf", relative, sent, "family", role=title))
            elif j - 1 >= sent.start and doc[j].lower_ in {"'s", "’s"}:
                relative = resolver.entity(doc[j - 1])  # "Halloran's husband X"
                if relative is not None and relative.label_ not in {"Country", "City", "Region", "Place", "Law", "Programme"} and relative != person:
                    found.append(SpanRelation(person, "relativeOf", relative, sent, "family", role=title))
            continue
        if j >= sent.start and doc[j].lower_ in {"its", "their"}:
            owner = resolver.antecedent(doc[j])
            before = [s for s in resolver.spans_in(sent.start, j) if s.label_ in ORGANISATIONS]
            owner = before[-1] if before else owner
            if owner is not None and owner.label_ in ORGANISATIONS | {"Programme"}:
                found.append(_role(person, owner, title, roles, sent, former))
            continue
        if j >= sent.start and doc[j].lower_ in {"'s", "’s"}:
            j -= 1
        org = resolver.entity(doc[j]) if j >= sent.start else None
        if org is None and j >= sent.start and doc[j].lower_ in lexicon.demonyms and doc[j].is_title and (
            base in lexicon.state_titles or title in lexicon.state_titles
        ):
            # "Ruritanian Prime Minister Rudolf Elphberg": the country the demonym names
            org = Span(doc, j, j + 1, label="Country", kb_id="qualifier")
        if org is None and title == base and base in lexicon.head_titles and doc[end_title - 1].is_title and len(found) == found_before:
            org = home_country(person, sent, resolver, lexicon)  # "President Karel Vost", no country written
        if org is not None and org.label_ in ORGANISATIONS | {"Country", "Programme"}:
            found.append(_role(person, org, title, roles, sent, former))
    return found


def _title_before(doc: Doc, start: int, sent: Span, roles: dict[str, str]) -> str | None:
    """A title written just before a name ("Opposition leader Pita Limjaroenrat")."""
    for n in TITLE_TOKENS:
        if start - n >= sent.start:
            candidate = title_text(doc[start - n : start])
            if candidate in roles:
                return candidate
    return None


def _role(person: Span, org: Span, title: str, roles: dict[str, str], sent: Span, former: bool, *, part: bool = False) -> SpanRelation:
    """The relation a title gives; ``part`` when the title is held in a part of ``org`` ("head of
    its Brannock branch"), whose head is a member of the whole."""
    predicate = roles.get(title) or next((roles[w] for w in reversed(title.split()) if w in roles), "memberOf")
    if heads_body(title, org):
        predicate = "leads"
    if title not in roles:
        for n in range(len(title.split()) - 1, 0, -1):
            tail = " ".join(title.split()[-n:])
            if tail in roles:
                predicate = roles[tail]
                break
    if part and predicate == "leads":
        predicate = "memberOf"
    return SpanRelation(person, predicate, org, sent, "title", role=title, former=former)


def sentence_relations(sent: Span, resolver: ActorResolver, lexicon: Lexicon, dates: list[Span]) -> list[SpanRelation]:
    """All relations one sentence states, without duplicates."""
    seen: set[tuple[int, int, str, int, int]] = set()
    result: list[SpanRelation] = []
    candidates = (
        verb_relations(sent, resolver, lexicon, dates)
        + title_relations(sent, resolver, lexicon)
        + [SpanRelation(p.subject, p.predicate, p.object, sent, p.rule) for p in possessive_relations(sent, resolver) + qualifier_relations(sent, resolver, lexicon) + appositive_parts(sent, resolver, lexicon)]
    )
    for relation in candidates:
        key = (relation.subject.start, relation.subject.end, relation.predicate, relation.object.start, relation.object.end)
        if key not in seen:
            seen.add(key)
            result.append(relation)
    placed = {(r.subject.start, r.subject.end): r.object for r in result if r.rule == "title" and r.subject.label_ == "Person"}
    for person, predicate, org, title, former in more_title_relations(sent, resolver, lexicon, placed):
        result.append(SpanRelation(person, predicate, org, sent, "title", role=title, former=former))
    return result


def observe_sentence(sent: Span, resolver: ActorResolver) -> None:
    """Remember the sentence's subjects, authors and preamble for the sentences after it."""
    for token in sent:
        if token.dep_ in {"nsubj", "nsubjpass"} and token.lower_ not in {"we", "i", "us"}:
            # "we" is the author, never what a later "they" or "their" stands for
            span = resolver.entity(token) or resolver.resolve(token)
            if span is not None and span.label_ not in {"Law", "Programme"}:
                resolver.observe_subject(span)
            if token.conjuncts:
                group = [s for s in (resolver.entity(t) for t in [token, *token.conjuncts]) if s is not None]
                resolver.observe_group(list(dict.fromkeys(group)))
    resolver.observe_sentence(sent)


def extract_relations(doc: Doc, resolver: ActorResolver, lexicon: Lexicon, dates: list[Span]) -> list[SpanRelation]:
    """All relations of a document, sentence by sentence.

    Examples
    --------
    >>> from newskg.extract.nlp import load_pipeline
    >>> from newskg.lexicon import load_lexicon
    >>> nlp = load_pipeline("blank:en")
    >>> doc = nlp("The Ministry of Waterways praised the National Election Committee.")
    >>> resolver = ActorResolver(doc, list(doc.spans["newskg_entities"]), load_lexicon())
    >>> extract_relations(doc, resolver, load_lexicon(), [])  # a blank pipeline has no parse
    []
    """
    result: list[SpanRelation] = []
    for sent in doc.sents:
        result.extend(sentence_relations(sent, resolver, lexicon, dates))
        observe_sentence(sent, resolver)
    return result
