"""More ways news writes who holds which title where, beyond "P, TITLE of ORG" and "ORG TITLE P".

Rules (all named ``title`` in the evidence)
-----
- "TITLE of [the] ORG P": "Deputy Secretary of the Harbour Board Ilsa Vandermeer"; "TITLE of COUNTRY
  P" too when the NER took the country's name into the title or left it out;
- coordinated titles: "P, co-founder and director of the news website ORG", "former ORG director
  and founder P", "ORG's Secretary P and Director Q" (Q shares P's organisation, whichever rule
  placed P);
- members listed under a group noun: "three ORG officials were arrested: Executive Director P;
  Q, director of research, and R, administrative manager";
- a bare head-of-state title, "President P" with no country, demonym or organisation: the country
  the document is about (:func:`home_country`).

Each rule only speaks for a person no earlier rule placed in an organisation in that sentence.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newskg.extract.classes import ORGANISATIONS
from newskg.extract.home import document_country
from newskg.extract.resolve import ActorResolver
from newskg.lexicon import Lexicon

__all__ = ["home_country", "more_title_relations", "heads_body", "title_text", "TITLE_TOKENS"]

# A name that holds people with titles is an organisation, whatever its words suggested
# ("the X Initiative's researcher"): role owners may carry a programme's class at this point.
_OWNERS = ORGANISATIONS | {"Programme"}
_GROUP_NOUNS = {"officials", "members", "staff", "employees", "leaders", "activists", "representatives", "researchers", "journalists", "directors", "lawyers", "officers", "workers"}


#: the most tokens a role title has, longest first ("editor-in-chief" is five: the hyphens are tokens)
TITLE_TOKENS = (5, 4, 3, 2, 1)


def title_text(tokens: Span | list[Token]) -> str:
    """A role title as the roles table writes it: "Vice - President" -> "vice-president"."""
    return re.sub(r"\s*-\s*", "-", " ".join(t.lower_ for t in tokens))


def _title_ending(doc: Doc, end: int, start_limit: int, roles: dict[str, str]) -> tuple[str, int] | None:
    """The longest role title whose last token is ``end - 1``: (title, first index)."""
    for n in TITLE_TOKENS:
        start = end - n
        if start >= start_limit and title_text(doc[start:end]) in roles:
            return title_text(doc[start:end]), start
    return None


def _title_starting(doc: Doc, start: int, end_limit: int, roles: dict[str, str]) -> tuple[str, int] | None:
    for n in TITLE_TOKENS:
        if start + n <= end_limit and title_text(doc[start : start + n]) in roles:
            return title_text(doc[start : start + n]), start + n
    return None


def _predicate(titles: list[str], roles: dict[str, str]) -> str:
    """ "co-founder and director" leads; "director of criminal justice" is a member's title."""
    predicates = [roles.get(t) or next((roles[w] for w in reversed(t.split()) if w in roles), "memberOf") for t in titles]
    for wanted in ("leads", "spokespersonOf", "memberOf"):
        if wanted in predicates:
            return wanted
    return predicates[0] if predicates else "memberOf"


def heads_body(title: str, org: Span) -> bool:
    """ "Minister of the Interior", "Secretary of the Harbour Board": the head of that government
    body. Of a country, a minister is one member of its government; an NGO's secretary is one
    of its staff; a deputy heads nothing.

    Examples
    --------
    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> from spacy.tokens import Span
    >>> doc = Doc(Vocab(), words=["Board", "Watch"])
    >>> board, ngo = Span(doc, 0, 1, label="GovernmentBody"), Span(doc, 1, 2, label="NGO")
    >>> heads_body("secretary", board), heads_body("deputy secretary", board), heads_body("secretary", ngo)
    (True, False, False)
    """
    words = title.replace("-", " ").split()
    return bool(words) and words[-1] in {"minister", "secretary"} and org.label_ in {"GovernmentBody", "Organization"} and not set(words) & {
        "deputy", "vice", "assistant", "junior", "under", "state", "principal"
    }


def home_country(person: Span, sent: Span, resolver: ActorResolver, lexicon: Lexicon) -> Span | None:
    """The country whose head of state or government "President P" names, written with no country:
    the document's (see :mod:`newskg.extract.home`), unless the title's country is written after
    the name or the document names another person as that country's head.

    Examples
    --------
    >>> import spacy
    >>> from newskg.lexicon import load_lexicon
    >>> nlp = spacy.blank("en")
    >>> doc = nlp("Protests spread across Peru . President Karel Vost spoke .")
    >>> country, person = Span(doc, 3, 4, label="Country"), Span(doc, 6, 8, label="Person")
    >>> sents = [doc[0:5], doc[5:]]
    >>> home_country(person, sents[1], ActorResolver(doc, [country, person], load_lexicon()), load_lexicon()).text
    'Peru'
    """
    if person.end < sent.end and person.doc[person.end].lower_ == "of":
        return None  # "President P of Vellmark": the title's country is written after the name
    country = document_country(person, sent, resolver, lexicon)
    if country is None or _other_head(person, lexicon.country_of(country.text) or country.text, resolver, lexicon):
        return None
    return country


def _other_head(person: Span, country: str, resolver: ActorResolver, lexicon: Lexicon) -> bool:
    """Whether the document names someone else with that country and a head's title ("Ruritania's
    President Anna Orrin", "Ruritanian President Anna Orrin"): a country has one president, so a
    "President P" who is not that person heads another."""
    doc = person.doc
    surname = person[-1].lower_
    heads = {t: "leads" for t in lexicon.head_titles}
    for other in resolver.spans:
        if other.label_ != "Person" or other[-1].lower_ == surname:
            continue
        hit = _title_ending(doc, other.start, max(0, other.start - 6), heads)
        if hit is None or hit[1] == 0:
            continue
        end = hit[1] - 1 if doc[hit[1] - 1].lower_ in {"'s", "’s"} else hit[1]
        # the words before the title (or its possessive) name the country, as a mention or not
        # (the title's qualifier may have gone into the person's title)
        for n in (1, 2, 3):
            words = doc[max(0, end - n) : end].text
            if end - n >= 0 and (lexicon.country_of(words) or words) == country:
                return True
    return False


def _org_at(resolver: ActorResolver, token: Token | None) -> Span | None:
    span = resolver.entity(token) if token is not None else None
    return span if span is not None and span.label_ in _OWNERS else None


def more_title_relations(sent: Span, resolver: ActorResolver, lexicon: Lexicon, placed: dict[tuple[int, int], Span]) -> list[tuple[Span, str, Span, str, bool]]:
    """(person, predicate, organisation, title, former) for people not yet ``placed`` (the
    organisation each person placed by an earlier rule was placed in, by the person's extent).

    Examples
    --------
    >>> import spacy
    >>> from newskg.lexicon import load_lexicon
    >>> doc = spacy.blank("en")("No people here.")
    >>> more_title_relations(doc[:], ActorResolver(doc, [], load_lexicon()), load_lexicon(), {})
    []
    """
    doc = sent.doc
    roles = lexicon.roles
    found: list[tuple[Span, str, Span, str, bool]] = []
    people = [s for s in resolver.spans_in(sent.start, sent.end) if s.label_ == "Person"]
    for person in people:
        if (person.start, person.end) in placed:
            continue
        hit = (
            _title_of_org(doc, person, sent, resolver, lexicon) or _after_name(doc, person, sent, resolver, lexicon)
            or _before_name(doc, person, sent, resolver, lexicon) or _predicative(person, sent, resolver, lexicon)
        )
        if hit is not None:
            org, titles, former = hit
            predicate = "leads" if any(heads_body(t, org) for t in titles) else _predicate(titles, roles)
            found.append((person, predicate, org, " and ".join(titles), former))
            placed[(person.start, person.end)] = org
    # "ORG's Secretary P and Director Q": Q shares P's organisation
    for person in people:
        if (person.start, person.end) in placed:
            continue
        hit = _title_ending(doc, person.start, sent.start, roles)
        if hit is None or hit[1] - 1 < sent.start or doc[hit[1] - 1].lower_ != "and":
            continue
        earlier = [p for p in people if p.end == hit[1] - 1]
        # P's organisation, whichever rule placed P ("ORG's Secretary P" is the title rule's)
        org = placed.get((earlier[-1].start, earlier[-1].end)) if earlier else None
        if org is not None:
            found.append((person, _predicate([hit[0]], roles), org, hit[0], False))
            placed[(person.start, person.end)] = org
    found += _group_members(sent, people, resolver, lexicon, placed)
    return found


def _title_of_org(doc: Doc, person: Span, sent: Span, resolver: ActorResolver, lexicon: Lexicon) -> tuple[Span, list[str], bool] | None:
    """ "Deputy Secretary of the Harbour Board Ilsa Vandermeer", "Attorney General of Guatemala P"."""
    roles = lexicon.roles
    org = resolver.entity(doc[person.start - 1]) if person.start - 1 >= sent.start else None
    if org is None:
        # the country's name went into the person's title, or into nothing: its words name it
        for n in (3, 2, 1):
            words = doc[max(sent.start, person.start - n) : person.start]
            if len(words) == n and lexicon.country_of(words.text) and resolver.entity(words[0]) is None:
                org = Span(doc, words.start, words.end, label="Country", kb_id="qualifier")
                break
    if org is None or org.end != person.start or org.label_ not in _OWNERS | {"Country"}:
        return None
    i = org.start - 1
    if i >= sent.start and doc[i].lower_ == "the":
        i -= 1
    if i < sent.start or doc[i].lower_ != "of":
        return None
    hit = _title_ending(doc, i, sent.start, roles)
    if hit is None:
        return None
    former = hit[1] - 1 >= sent.start and doc[hit[1] - 1].lower_ in {"former", "ex", "then"}
    return org, [hit[0]], former


def past_age(doc: Doc, i: int, sent: Span) -> int:
    """The comma after a person's age written after the name ("P, 52, the leader of ORG", "P,
    aged 52, ..."), given the comma after the name at ``i``; ``i`` itself when no age follows.

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.blank("en")("Ilsa Vell, aged 52, the leader of the union, spoke.")
    >>> past_age(doc, 2, doc[:]), past_age(doc, 5, doc[:])
    (5, 5)
    """
    j = i + 1
    if j < sent.end and doc[j].lower_ in {"aged", "age"}:
        j += 1
    if not (j < sent.end and doc[j].text.isdigit() and 0 < int(doc[j].text) < 120):
        return i
    return j + 1 if j + 1 < sent.end and doc[j + 1].text == "," else i


_COPULAS = {"be", "become", "remain"}


def _predicative(person: Span, sent: Span, resolver: ActorResolver, lexicon: Lexicon) -> tuple[Span, list[str], bool] | None:
    """A title a clause gives the person: "P was elected president of ORG", "ORG appointed P as
    its spokesperson", "P served as director of ORG", "P replaced Q as head of ORG", "P is the
    leader of ORG", "the leader of ORG is P"."""
    holder = person.root
    verb = holder.head
    # "P, who served as director of ORG": the clause's subject is the relative pronoun
    clause = next((c for c in holder.children if c.dep_ == "relcl" and any(w.dep_ in {"nsubj", "nsubjpass"} and w.lower_ in {"who", "that"} for w in c.children)), None)
    if clause is not None:
        verb, holder = clause, next(w for w in clause.children if w.dep_ in {"nsubj", "nsubjpass"})
    elif holder.dep_ == "nsubj" and verb.pos_ == "NOUN" and verb.dep_ in {"ccomp", "xcomp", "oprd"} and verb.head.lemma_.lower() in lexicon.appointing_verbs:
        return _titled([verb], verb.head, person, sent, resolver, lexicon)  # "ORG made P its leader": a small clause
    elif holder.dep_ not in {"nsubj", "nsubjpass", "dobj", "attr"}:
        return None
    if verb.pos_ not in {"VERB", "AUX"} or not sent.start <= verb.i < sent.end:
        return None
    appointing = verb.lemma_.lower() in lexicon.appointing_verbs
    has_object = any(c.dep_ == "dobj" for c in verb.children)
    titles: list[Token] = []
    for child in verb.children:
        if child.dep_ == "oprd" and appointing and holder.dep_ in ({"dobj"} if has_object else {"nsubjpass", "nsubj"}):
            titles.append(child)  # "P was elected president of ORG", "ORG made P its leader"
        elif child.dep_ == "attr" and verb.lemma_.lower() in _COPULAS and holder.dep_ == "nsubj":
            titles.append(child)  # "P is the leader of ORG"
        elif child.dep_ == "nsubj" and verb.lemma_.lower() == "be" and holder.dep_ == "attr":
            titles.append(child)  # "the leader of ORG is P"
        elif child.dep_ == "prep" and child.lower_ == "as":
            own = {"dobj"} if appointing and has_object else {"nsubj", "nsubjpass"}
            if holder.dep_ in own:
                titles += [w for w in child.children if w.dep_ == "pobj"]
    return _titled(titles, verb, person, sent, resolver, lexicon)


def _titled(titles: list[Token], verb: Token, person: Span, sent: Span, resolver: ActorResolver, lexicon: Lexicon) -> tuple[Span, list[str], bool] | None:
    """The first of ``titles`` (words a clause gives ``person`` as a title) that is a role
    title of an organisation or a country the sentence names: (organisation, [title], former)."""
    for word in titles:
        hit = _title_ending(sent.doc, word.i + 1, max(sent.start, word.i - 3), lexicon.roles)
        if hit is None:
            continue
        title, start = hit
        former = start - 1 >= sent.start and sent.doc[start - 1].lower_ in lexicon.former_words
        org = None
        owner = next((c for c in word.children if c.dep_ == "poss"), None)
        if owner is not None:
            org = resolver.entity(owner) or (resolver.antecedent(owner) if owner.lower_ in {"its", "their"} else None)
        places = [c for c in word.children if c.dep_ == "prep" and c.lower_ in {"of", "for", "at", "with"}]
        places += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"for", "at", "with"} and c.i > word.i]
        for prep in places if org is None else ():
            pobj = next((w for w in prep.children if w.dep_ == "pobj"), None)
            org = resolver.entity(pobj) if pobj is not None else None
            if org is not None:
                break
        if org is not None and org.label_ in _OWNERS | {"Country"} and org != person:
            return org, [title], former
    return None


def _after_name(doc: Doc, person: Span, sent: Span, resolver: ActorResolver, lexicon: Lexicon) -> tuple[Span, list[str], bool] | None:
    """ "P, co-founder and director of the news website ORG"."""
    roles = lexicon.roles
    i = person.end
    if i < sent.end and doc[i].text == ",":
        i = past_age(doc, i, sent)
    if i >= sent.end or doc[i].text != ",":
        return None
    j = i + 1
    former = False
    while j < sent.end and doc[j].lower_ in {"the", "a", "an", "also", "now", "its", "their"} | lexicon.former_words:
        former = former or doc[j].lower_ in lexicon.former_words
        j += 1
    titles: list[str] = []
    while j < sent.end:
        hit = _title_starting(doc, j, sent.end, roles)
        if hit is None:
            break
        titles.append(hit[0])
        j = hit[1]
        if j < sent.end and doc[j].lower_ in {"and", "&"}:
            j += 1
            continue
        break
    if len(titles) < 2 or j >= sent.end or doc[j].lower_ not in {"of", "at", "for", "with"}:
        return None
    j += 1
    # "of the news website Lanternpost": descriptive words before the name
    while j < sent.end and resolver.entity(doc[j]) is None and (doc[j].is_lower or doc[j].lower_ == "the") and j - i < 14:
        j += 1
    org = _org_at(resolver, doc[j]) if j < sent.end else None
    return (org, titles, former) if org is not None else None


def _before_name(doc: Doc, person: Span, sent: Span, resolver: ActorResolver, lexicon: Lexicon) -> tuple[Span, list[str], bool] | None:
    """ "former ORG director and founder P", "ORG sub-Saharan Africa Representative P"."""
    roles = lexicon.roles
    end = person.start
    if end - 1 >= sent.start and doc[end - 1].text == ",":
        end -= 1
    titles: list[str] = []
    while True:
        hit = _title_ending(doc, end, sent.start, roles)
        if hit is None:
            break
        titles.insert(0, hit[0])
        end = hit[1]
        if end - 1 >= sent.start and doc[end - 1].lower_ in {"and", "&"} and _title_ending(doc, end - 1, sent.start, roles):
            end -= 1
            continue
        break
    if not titles:
        return None
    j = end - 1
    former = False
    skipped = 0
    while j >= sent.start and skipped < 6:
        token = doc[j]
        span = resolver.entity(token)
        if span is not None and span.label_ in {"Place", "Region", "City"}:
            j, skipped = span.start - 1, skipped + 1  # "LRW sub-Saharan Africa Representative P"
            continue
        if span is None and token.lower_ in lexicon.former_words:
            former, j = True, j - 1
            continue
        if span is None and token.lower_ not in lexicon.demonyms and (token.is_lower or token.text == "-" or (token.is_title and not token.is_sent_start)) and token.pos_ in {"ADJ", "NOUN", "PROPN", "PUNCT"}:
            j, skipped = j - 1, skipped + 1
            continue
        break
    if j >= sent.start and doc[j].lower_ in {"'s", "’s"}:
        j -= 1
    org = _org_at(resolver, doc[j]) if j >= sent.start else None
    if org is None or (len(titles) < 2 and skipped == 0):
        return None  # the simple "ORG TITLE P" is the title rule's
    while j - 1 >= sent.start and doc[j - 1].lower_ in lexicon.former_words:
        former, j = True, j - 1
    return org, titles, former


def _group_members(sent: Span, people: list[Span], resolver: ActorResolver, lexicon: Lexicon, placed: dict[tuple[int, int], Span]) -> list[tuple[Span, str, Span, str, bool]]:
    """People in apposition to "ORG officials", with the titles written next to them."""
    doc = sent.doc
    roles = lexicon.roles
    found: list[tuple[Span, str, Span, str, bool]] = []
    for person in people:
        if (person.start, person.end) in placed:
            continue
        token = person.root
        group = None
        for _ in range(12):
            if token.dep_ in {"appos", "conj"} and token.head is not token:
                token = token.head
                if token.lemma_.lower() in _GROUP_NOUNS or token.lower_ in _GROUP_NOUNS:
                    group = token
                    break
            else:
                break
        if group is None:
            continue
        org = next((resolver.entity(c) for c in group.children if c.dep_ in {"compound", "poss", "nmod"} and _org_at(resolver, c)), None)
        if org is None:
            continue
        titles: list[str] = []
        hit = _title_ending(doc, person.start, sent.start, roles)
        if hit is not None:
            titles.append(hit[0])
        else:
            k = person.end
            if k < sent.end and doc[k].text == ",":
                k += 1
                while k < sent.end and doc[k].is_lower and _title_starting(doc, k, sent.end, roles) is None and k - person.end < 4:
                    k += 1  # "administrative manager"
                after = _title_starting(doc, k, sent.end, roles)
                if after is not None:
                    title = title_text(doc[person.end + 1 : after[1]])
                    titles.append(title)
        title = titles[0] if titles else group.lemma_.lower()
        # the group noun says what they are: "officials" are members, whatever "director of X"
        predicate = "leads" if titles and roles.get(titles[0]) == "leads" and not any(c.dep_ == "prep" for c in doc[person.end : person.end + 1]) and hit is not None else "memberOf"
        found.append((person, predicate, org, title, False))
        placed[(person.start, person.end)] = org
    return found
