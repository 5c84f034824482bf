"""One entity per real-world actor: merge the mentions of all documents into canonical entities.

Before any merging, each document's own names are read (``local_names``): a surname, given name,
initial and surname or a defined alias ("Vandermeer", "Section 7") stands for the full name the
same text gives, and is keyed as that name only there, so a short name never chains two actors of
different documents together. Countries share one key whatever they are called ("US", "the United
States"), and so does each country's government ("Chilean regime", "Government of Chile").

Rules, applied with a union-find over name keys, in this order:

1. **Same name** once determiners, possessives, case, punctuation, designators ("SAR") and
   British/American spellings are folded ("the ZEMBLA ASSEMBLY's" = "Zembla Assembly";
   "E.O. 14422" = "Executive Order 14422").
2. **Acronyms defined in the text**: "Voice of Ruritania (VOR)"; and two spellings of one long
   name in one text ("Transition Council" / "Transitional Council").
3. **Acronyms by initials** across documents, when exactly one long form fits: "NBG" =
   "Nothing but Grain", "IHO" = "International Harbour Organization".
4. **Acronym modifiers**: "NMU Commission" = "Northern Maritime Commission" when NMU is the
   Northern Maritime Union.
   A body's acronym before a name the texts also write alone is that body, when only one such
   name appears: "NMU Harbour Rights Council" = "Harbour Rights Council" (a country's prefix is
   rule 5's).
5. **Country qualifiers**: "Ruritania's Grand Assembly", "Grand Assembly of the Kingdom of
   Ruritania" and "Ruritanian Grand Assembly" are one body, and the bare "Grand Assembly"
   joins them when no other country's Grand Assembly appears.
6. **Short names** left unresolved in their document: a one-word person name joins the one full
   name in the corpus it is part of ("Vandermeer" = "Ilsa Vandermeer"); a one-word organisation name joins
   the one longer name it ends ("the Commission" = "Northern Maritime Commission"); a one-word
   place (not a country) the one region's name it starts ("Orrin" = "Orrin Kessa Autonomous Region").

Two names are never merged for sharing a word alone: "Equitable Ruritania" stays apart from
"Ruritania", and "Council of the NMU" from "Harbour Rights Council".

The rules read the names summed over the corpus (a :class:`~newskg.graph.name_tally.NameTally`:
each key's forms, class votes and documents, and the pairs the texts state), in sorted order, so
the entities depend on what the documents say and not on the order they are read in; an archive
keeps the tally, and an addition merges without reading every document's names again.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from newskg.extract.models import DocumentExtraction, Mention
from newskg.graph.keys import STOP_INITIALS, initial_variants, clean_surface, initials, name_key, slugify
from newskg.graph.name_forms import (
    acronym_key, choose_label, family, first_word, head_or_the, is_acronym, is_name, singular,
    strip_country, vote,
)
from newskg.graph.local_names import is_near_spelling, local_names, near_spellings
from newskg.graph.local_names import state_key as _state_key
from newskg.graph.name_tally import DEFINED, KNOWN, SPELLING, NameTally
from newskg.lexicon import Lexicon, load_lexicon

__all__ = [
    "Entity", "EntityIndex", "DocumentNames", "NameTally", "name_key", "initials", "canonicalize", "document_names",
    "merge_names", "merge_tally", "mention_keys", "with_mentions", "slugify",
]

#: regions that are not the place named before them: the Vell Valley is not the town of Vell
_NATURAL_FEATURES = {"valley", "river", "sea", "mountains", "delta", "island", "islands", "gulf", "peninsula", "ocean", "lake", "bay", "coast"}
# Which label wins when mentions of one entity disagree: rules before the statistical NER (and a
# specific class before its generic parent, see newskg.graph.name_forms.vote).
_SOURCE_WEIGHT = {"ruler": 3.0, "acronym": 2.5, "rule": 2.5, "qualifier": 2.0, "propagated": 1.0, "ner": 1.0}


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical actor: its id (a slug), name, class, every other name, and mention count."""

    id: str
    label: str
    cls: str
    alt_labels: tuple[str, ...]
    mention_count: int
    documents: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EntityIndex:
    """The canonical entities and where each mention went."""

    entities: tuple[Entity, ...]
    by_mention: dict[tuple[str, int, int], str]  # (doc_id, start, end) -> entity id
    by_id: dict[str, Entity]
    #: name key -> entity id: which actor each folded name stands for
    by_key: dict[str, str] = field(default_factory=dict)
    #: (name key, name key, rule) for every merge of two groups of names, in the order made
    merges: tuple[tuple[str, str, str], ...] = ()

    def entity_of(self, doc_id: str, mention: Mention) -> Entity | None:
        entity_id = self.by_mention.get((doc_id, mention.start, mention.end))
        return self.by_id.get(entity_id) if entity_id else None


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.merges: list[tuple[str, str, str]] = []  # (key, key, rule) for every union that joined two groups

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str, reason: str = "") -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
            self.merges.append((a, b, reason))


def canonicalize(extractions: Iterable[DocumentExtraction], lexicon: Lexicon | None = None) -> EntityIndex:
    """Merge the mentions of every document into canonical entities.

    Examples
    --------
    >>> from newskg.extract.models import DocumentExtraction, Mention, SourceDocument
    >>> doc = SourceDocument("d1", "d1.txt", "d1.txt", "0" * 64, "text/plain", 10)
    >>> ms = (Mention("Ilsa Vandermeer", "Person", 0, 15, 0), Mention("Vandermeer", "Person", 20, 30, 1),
    ...       Mention("Equitable Ruritania", "NGO", 40, 59, 1), Mention("Ruritania", "Country", 60, 69, 1))
    >>> index = canonicalize([DocumentExtraction(doc, (), ms)])
    >>> sorted((e.label, e.alt_labels) for e in index.entities)
    [('Equitable Ruritania', ()), ('Ilsa Vandermeer', ('Vandermeer',)), ('Ruritania', ())]
    """
    lexicon = lexicon or load_lexicon()
    return merge_names((document_names(ex, lexicon) for ex in extractions), lexicon)


@dataclass(frozen=True, slots=True)
class DocumentNames:
    """What canonicalisation learns from one document on its own, before any merging.

    ``mentions`` holds, for each mention that names something, ``(start, end, key, form, label,
    weight, known_key, known_name, preferred)``: its offsets, folded name key, the form written,
    its class and the weight of its source, and the key and name a gazetteer entry gives it
    (``known_name`` empty when none; ``preferred`` when that name should be the label). The
    archive keeps these, so an update merges every document's names without reading them again.
    """

    doc_id: str
    mentions: tuple[tuple, ...]
    defined: tuple[tuple[str, str], ...] = ()  # acronyms the text defines: (short, long form)
    spellings: tuple[tuple[str, str], ...] = ()  # two spellings of one long name in the text

    def to_json(self) -> list:
        return [self.doc_id, [list(m) for m in self.mentions], [list(d) for d in self.defined], [list(p) for p in self.spellings]]

    @classmethod
    def from_json(cls, data: list) -> DocumentNames:
        doc_id, mentions, defined, spellings = data
        return cls(str(doc_id), tuple(tuple(m) for m in mentions), tuple(tuple(d) for d in defined), tuple(tuple(p) for p in spellings))


def document_names(ex: DocumentExtraction, lexicon: Lexicon | None = None) -> DocumentNames:
    """The names of one document, keyed (see :class:`DocumentNames`).

    Examples
    --------
    >>> from newskg.extract.models import DocumentExtraction, Mention, SourceDocument
    >>> doc = SourceDocument("d1", "d1.txt", "d1.txt", "0" * 64, "text/plain", 10)
    >>> ms = (Mention("Ilsa Vandermeer", "Person", 0, 15, 0), Mention("Vandermeer", "Person", 20, 30, 1))
    >>> [m[2] for m in document_names(DocumentExtraction(doc, (), ms)).mentions]
    ['ilsa vandermeer', 'ilsa vandermeer']
    """
    lexicon = lexicon or load_lexicon()
    local = local_names(ex, lexicon)
    found = []
    for m in ex.mentions:
        key = _state_key(m.text, m.label, lexicon) or name_key(local.get(m.key, m.text), lexicon)
        if m.key in local:
            key = _state_key(local[m.key], m.label, lexicon) or key
        if m.canonical and (m.source == "coref" or not key):
            # "the government" resolved to the government of the country the text is about:
            # that name, never the bare word, which every country's government shares
            key = _state_key(m.canonical, m.label, lexicon) or name_key(m.canonical, lexicon)
        if not key:
            continue
        # a bare "Authorities" or "police" standing for a country's is written as that name
        form = m.canonical if m.source == "coref" and m.canonical else clean_surface(m.text)
        known_key = ""
        if m.canonical:
            known_key = _state_key(m.canonical, m.label, lexicon) or name_key(m.canonical, lexicon)
        # "the government" resolved to a country's government names no form of its own: the
        # names the texts write win
        preferred = bool(m.canonical) and m.source != "coref"
        found.append((m.start, m.end, key, form, m.label, _SOURCE_WEIGHT.get(m.source, 1.0), known_key, m.canonical or "", preferred))
    return DocumentNames(
        ex.document.doc_id, tuple(found), tuple((d.short, d.long_form) for d in ex.acronyms), tuple(tuple(p) for p in near_spellings(ex))
    )


def merge_names(documents: Iterable[DocumentNames], lexicon: Lexicon | None = None) -> EntityIndex:
    """Merge the names of every document into canonical entities: the rules of
    :func:`canonicalize`, on what :func:`document_names` kept (:func:`merge_tally` on their
    :class:`NameTally`, with every mention's actor)."""
    tally = NameTally()
    mention_key: dict[tuple[str, int, int], str] = {}
    for names in documents:
        tally.add(names)
        mention_key.update(mention_keys(names))
    index = merge_tally(tally, lexicon)
    return with_mentions(index, mention_key)


def with_mentions(index: EntityIndex, mention_key: dict[tuple[str, int, int], str]) -> EntityIndex:
    """``index`` with the actor of each mention given as ``(doc_id, start, end) -> name key``."""
    by_key = index.by_key
    by_mention = {mention: by_key[key] for mention, key in mention_key.items() if key in by_key}
    return EntityIndex(index.entities, by_mention, index.by_id, by_key, index.merges)


def mention_keys(names: DocumentNames) -> dict[tuple[str, int, int], str]:
    """``(doc_id, start, end) -> name key`` for one document's mentions."""
    return {(names.doc_id, start, end): key for start, end, key, *_ in names.mentions}


def merge_tally(tally: NameTally, lexicon: Lexicon | None = None) -> EntityIndex:
    """The canonical entities of the names a :class:`NameTally` holds (the rules of
    :func:`canonicalize`), with every name key's actor (``by_key``) but no mentions.

    Keys, forms and pairs are taken in sorted order, so the result depends on the names alone,
    not on the order their documents were read in.

    Examples
    --------
    >>> tally = NameTally()
    >>> tally.add(DocumentNames("d1", ((0, 15, "ilsa vandermeer", "Ilsa Vandermeer", "Person", 1.0, "", "", False),)))
    >>> tally.add(DocumentNames("d2", ((4, 14, "vandermeer", "Vandermeer", "Person", 1.0, "", "", False),)))
    >>> index = merge_tally(tally)
    >>> index.by_key, index.merges
    ({'ilsa vandermeer': 'ilsa-vandermeer', 'vandermeer': 'ilsa-vandermeer'}, (('vandermeer', 'ilsa vandermeer', 'short name'),))
    """
    lexicon = lexicon or load_lexicon()
    uf = _UnionFind()
    known = tally.of_kind(KNOWN)
    # a gazetteer entry's key, name and class are the actor's even where no text writes that name
    unwritten_forms: dict[str, set[str]] = defaultdict(set)
    unwritten_votes: dict[str, set[str]] = defaultdict(set)
    for _, known_key, known_name, label, _ in known:
        unwritten_forms[known_key].add(known_name)
        unwritten_votes[known_key].add(label)
    key_forms: dict[str, Counter[str]] = {}
    key_votes: dict[str, Counter[str]] = {}
    for key in sorted(set(tally.forms) | set(unwritten_forms)):
        forms = dict.fromkeys(unwritten_forms.get(key, ()), 0) | tally.forms.get(key, {})
        votes = dict.fromkeys(unwritten_votes.get(key, ()), 0.0) | tally.votes.get(key, {})
        key_forms[key] = Counter(dict(sorted(forms.items())))
        key_votes[key] = Counter(dict(sorted(votes.items())))
        uf.parent[key] = key  # a key's own group until a rule joins it to another
    key_docs = tally.docs
    preferred: dict[str, str] = {}
    for key, known_key, known_name, _, prefer in known:
        # A gazetteer entry names the actor: its id is the preferred label.
        uf.union(key, known_key, "known actor")
        if prefer:
            preferred.setdefault(known_key, known_name)
    defined = tally.of_kind(DEFINED)
    spellings = tally.of_kind(SPELLING)

    families: dict[str, str] = {}

    def family_of(key: str) -> str:
        if key not in families:
            families[key] = family(vote(key_votes[key]))
        return families[key]

    keys = list(key_forms)
    acronym_keys = {k for k in keys if any(is_acronym(f) for f in key_forms[k])}
    long_keys = [k for k in keys if len(k.split()) >= 2]

    # Many texts define the same acronyms and write the same pairs of spellings: each name is
    # keyed once.
    name_keys: dict[str, str] = {}
    body_keys: dict[str, str] = {}

    def key_of(name: str) -> str:
        if name not in name_keys:
            name_keys[name] = name_key(name, lexicon)
        return name_keys[name]

    def body_key_of(name: str) -> str:
        if name not in body_keys:
            body_keys[name] = _state_key(name, "GovernmentBody", lexicon) or key_of(name)
        return body_keys[name]

    # 2. acronyms defined in the text
    for short_form, long_form in defined:
        if not is_acronym(short_form):
            continue  # other names a text gives ("Vandermeer", "Section 7") hold in that text only
        short = key_of(short_form)
        long = body_key_of(long_form)
        if short and long:
            uf.union(short, long, "acronym defined in the text")

    # 2b. two spellings of one long name in one text
    for a, b in spellings:
        ka, kb = key_of(a), key_of(b)
        if ka in key_forms and kb in key_forms:
            uf.union(ka, kb, "two spellings in one text")

    # 3. acronyms by initials, when exactly one long form fits
    by_initials: dict[str, list[str]] = defaultdict(list)
    for k in long_keys:
        for variant in initial_variants(k):
            by_initials[variant].append(k)
    for short in sorted(acronym_keys):
        letters = acronym_key(short)
        fits = {
            uf.find(k) for k in by_initials.get(letters, ())
            if family_of(k) == family_of(short) or (family_of(short) == "org" and family_of(k) in {"org", "instrument"})
        }
        fits.discard(uf.find(short))
        if len(fits) == 1:
            uf.union(short, fits.pop(), "acronym by initials")

    # 4. acronym modifiers: "NMU Commission" = "Northern Maritime Commission"
    long_forms: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        root = uf.find(k)
        if k not in acronym_keys:
            long_forms[root].append(k)
    key_set = set(keys)
    by_first_word: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        by_first_word[k.split()[0]].append(k)
    for k in keys:
        words = k.split()
        if len(words) < 2:
            continue
        for i, word in enumerate(words):
            if word in acronym_keys or word in key_set and word in acronym_keys:
                for long in long_forms.get(uf.find(word), []):
                    long_words = long.split()
                    for replacement in (long_words, long_words[:-1]):
                        if not replacement:
                            continue
                        candidate = " ".join(words[:i] + replacement + words[i + 1 :])
                        if candidate in key_set and candidate != k and family_of(candidate) == family_of(k):
                            uf.union(k, candidate, "acronym modifier")
                        elif candidate not in key_set and replacement is long_words:
                            # "NMU experts" = "NMU human rights experts"
                            for other in by_first_word.get(replacement[0], ()):
                                if other != k and family_of(other) == family_of(k) and is_near_spelling(candidate.split(), other.split()):
                                    uf.union(k, other, "acronym modifier")

    # 4b. a phrase written as its initials ("Law on Harbour and NGOs" = "Law on Harbours
    #     and Non-Governmental Organisations"), and "X Law" = "Law on X"
    variant_of: dict[str, str] = {}
    for k in keys:
        variant_of.setdefault(singular(k), k)
    for k in keys:
        words = singular(k).split()
        if family_of(k) == "instrument" and len(words) > 2 and words[0] == "law" and words[1] == "on":
            other = " ".join(words[2:] + ["law"])
            if other in variant_of:
                uf.union(k, variant_of[other], "phrase written as its initials")
        for size in range(2, min(6, len(words))):
            for i in range(0, len(words) - size + 1):
                phrase = words[i : i + size]
                short = "".join(w[0] for w in phrase if w not in STOP_INITIALS)
                if len(short) < 2:
                    continue
                candidate = " ".join(words[:i] + [short] + words[i + size :])
                if candidate in variant_of and variant_of[candidate] != k and family_of(variant_of[candidate]) == family_of(k):
                    uf.union(k, variant_of[candidate], "phrase written as its initials")

    # 4c. a body's acronym before a name the texts also write alone: "NMU Harbour Rights Council"
    #     = "Harbour Rights Council", when no other acronym's body of that name appears (a country's
    #     is rule 5's: "the Supreme Court" stays apart from "the US Supreme Court")
    owners: dict[str, set[str]] = defaultdict(set)
    for k in keys:
        words = k.split()
        rest = " ".join(words[1:])
        if len(words) < 3 or rest not in key_set or family_of(k) != "org" or family_of(rest) != "org":
            continue
        firsts = {first_word(form) for form in key_forms[k]}
        if any(is_acronym(first) and lexicon.country_of(first) is None for first in firsts):
            owners[rest].add(k)
    for rest, prefixed in sorted(owners.items()):
        if len(prefixed) == 1:
            uf.union(next(iter(prefixed)), rest, "acronym of its body before the name")

    # 5. country qualifiers: each qualified name joins "core@country"; a bare core joins too when
    #    only one country's body of that name appears.
    qualified: dict[str, set[str]] = defaultdict(set)
    bare: list[str] = []
    for k in keys:
        if family_of(k) != "org":
            continue
        core, country = strip_country(k, lexicon)
        if country and core:
            qualified[core].add(country)
            uf.union(k, f"{core}@{country}", "country qualifier")
        else:
            bare.append(k)
    for k in bare:
        countries = qualified.get(k, set())
        if len(countries) == 1:
            uf.union(k, f"{k}@{next(iter(countries))}", "bare name of the one country's body")

    # 6. short names
    containing: dict[str, list[str]] = defaultdict(list)  # word -> longer names with that word
    ending: dict[str, list[str]] = defaultdict(list)  # word -> longer names ending in it
    starting: dict[str, list[str]] = defaultdict(list)  # word -> longer names starting with it
    for other in keys:
        other_words = other.split()
        if len(other_words) >= 2:
            for word in set(other_words):
                containing[word].append(other)
            ending[other_words[-1]].append(other)
            starting[other_words[0]].append(other)
    for k in keys:
        words = k.split()
        if len(words) != 1 or k in acronym_keys or k in lexicon.not_actors or k in lexicon.government_words:
            continue  # "the government" is a placeholder, never the short form of a name
        fam = family_of(k)
        if fam == "place":
            # a place's short name starts its region's name ("Orrin" = "Orrin Kessa Autonomous
            # Region"); a country stays a country ("Vell" is not "Vell Province")
            if vote(key_votes[k]) == "Country":
                continue
            pool = [o for o in starting[k] if vote(key_votes[o]) == "Region" and o.split()[-1] not in _NATURAL_FEATURES]
        elif fam not in {"person", "org"}:
            continue
        else:
            # an organisation's short name is its head word, not a word of its complement ("Vell"
            # is not "Board of Vell")
            pool = containing[k] if fam == "person" else [o for o in ending[k] if head_or_the(o)]
            pool = [other for other in pool if family_of(other) == fam]

        def candidates(restrict: set[str] | None) -> set[str]:
            return {uf.find(other) for other in pool if restrict is None or other in restrict}

        # Names resolved inside their own document were re-keyed by ``local_names``; what is
        # left joins a longer name only when exactly one in the whole corpus fits, so one short
        # name never chains two different actors together.
        fits = candidates(None)
        if len(fits) == 1:
            uf.union(k, fits.pop(), "short name")

    # Collect the groups.
    root_of = {k: uf.find(k) for k in keys}
    groups: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        groups[root_of[k]].append(k)
    entities: list[Entity] = []
    used_ids: dict[str, str] = {}
    group_entity: dict[str, str] = {}
    for root, members in sorted(groups.items(), key=lambda item: min(item[1])):
        forms: Counter[str] = Counter()
        votes: Counter[str] = Counter()
        docs: set[str] = set()
        for member in members:
            forms.update(key_forms[member])
            votes.update(key_votes[member])
            docs |= key_docs.get(member, set())
        if not any(is_name(form) for form in forms):
            continue  # only placeholders such as "the government": no actor to name
        cls = vote(votes)
        named = [preferred[m] for m in members if m in preferred]
        written = +forms
        # a name the texts write, else the one a rule gave ("the authorities" -> "Vellish authorities")
        candidates = Counter({f: n for f, n in written.items() if is_name(f)}) or Counter({f: n for f, n in forms.items() if is_name(f)})
        pool = candidates or written or forms
        label = named[0] if named else choose_label(pool, cls, lexicon)
        # the id keeps to one name while the counts of near-equal spellings move (see choose_label)
        id_name = named[0] if named else choose_label(pool, cls, lexicon, steady=True)
        if cls == "Country":
            label = lexicon.country_of(label) or label
            id_name = lexicon.country_of(id_name) or id_name
            forms[label] += 0
        alt = sorted(f for f in forms if f != label and forms[f] > 0)
        entity_id = slugify(id_name)
        if entity_id in used_ids and used_ids[entity_id] != root:
            entity_id = f"{entity_id}-{slugify(cls)}"
            n = 2
            while entity_id in used_ids:
                entity_id = f"{slugify(id_name)}-{n}"
                n += 1
        used_ids[entity_id] = root
        group_entity[root] = entity_id
        entities.append(Entity(entity_id, label, cls, tuple(alt), sum(forms.values()), tuple(sorted(docs))))
    entity_of = {k: group_entity[root] for k, root in root_of.items() if root in group_entity}
    ordered = tuple(sorted(entities, key=lambda e: e.id))
    by_key = {k: entity_of[k] for k in sorted(keys) if k in entity_of}
    return EntityIndex(ordered, {}, {e.id: e for e in ordered}, by_key, tuple(uf.merges))
