"""One entity per real-world actor: merge the mentions of all documents into canonical entities.

Rules, applied with a union-find over name keys, in this order:

1. **Same name** once determiners, possessives, case, punctuation and British/American spellings
   are folded ("the EUROPEAN PARLIAMENT's" = "European Parliament").
2. **Acronyms defined in the text**: "Voice of Democracy (VOD)".
3. **Acronyms by initials** across documents, when exactly one long form fits: "EBA" =
   "Everything but Arms", "ILO" = "International Labour Organization".
4. **Acronym modifiers**: "EU Commission" = "European Commission" when EU is the European Union.
5. **Country qualifiers**: "Cambodia's National Assembly", "National Assembly of the Kingdom of
   Cambodia" and "Cambodian National Assembly" are one body, and the bare "National Assembly"
   joins them when no other country's National Assembly appears.
6. **Short names**: a one-word person name joins the one full name it is part of, in the same
   document first, then in the corpus ("Sokha" = "Kem Sokha"); a one-word organisation name
   joins the one longer name it ends ("the Commission" = "European Commission").

Two names are never merged for sharing a word alone: "Equitable Cambodia" stays apart from
"Cambodia".
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from newskg.extract.models import DocumentExtraction, Mention
from newskg.lexicon import Lexicon, load_lexicon

__all__ = ["Entity", "EntityIndex", "name_key", "initials", "canonicalize", "slugify"]

_DETERMINERS = ("the ", "a ", "an ")
_STOP_INITIALS = {"of", "and", "for", "the", "on", "in", "to", "de", "du", "des", "la", "at", "by", "&"}
_ORGS = {"Organization", "GovernmentBody", "Court", "PoliticalParty", "NGO", "MediaOrganization", "IntergovernmentalOrganization"}
_PLACES = {"Place", "Country", "City", "Region"}
_TRAILING_GENERIC = {"program", "scheme"}
# Which label wins when mentions of one entity disagree: rules before the statistical NER, and a
# specific class before its generic parent.
_SOURCE_WEIGHT = {"ruler": 3.0, "acronym": 2.5, "rule": 2.5, "qualifier": 2.0, "propagated": 1.0, "ner": 1.0}
_PARENT = {
    "GovernmentBody": "Organization", "Court": "Organization", "PoliticalParty": "Organization", "NGO": "Organization",
    "MediaOrganization": "Organization", "IntergovernmentalOrganization": "Organization",
    "Country": "Place", "City": "Place", "Region": "Place",
}


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

    def entity_of(self, doc_id: str, mention: Mention) -> Entity | None:
        entity_id = self.by_mention.get((doc_id, mention.start, mention.end))
        return self.by_id.get(entity_id) if entity_id else None


def slugify(name: str) -> str:
    """A readable, stable IRI segment; letters of any script are kept.

    Examples
    --------
    >>> slugify("Khun Tharo"), slugify("Center for Alliance of Labour & Human Rights")
    ('khun-tharo', 'center-for-alliance-of-labour-human-rights')
    >>> slugify("Hun Sen's"), slugify("ហ៊ុន សែន")
    ('hun-sen-s', 'ហ៊ុន-សែន')
    """
    folded = unicodedata.normalize("NFKD", name)
    out = []
    for ch in folded:
        cat = unicodedata.category(ch)
        if ch.isascii() and ch.isalnum():
            out.append(ch.lower())
        elif not ch.isascii() and cat[0] in "LN":
            out.append(ch.lower())
        elif not ch.isascii() and cat[0] == "M":
            if out and not out[-1].isascii():
                out.append(ch)
        else:
            out.append("-")
    slug = re.sub(r"-{2,}", "-", "".join(out)).strip("-")
    return unicodedata.normalize("NFC", slug)[:80].strip("-") or "entity"


def _clean_surface(text: str) -> str:
    text = " ".join(text.replace("’", "'").split())
    text = re.sub(r"^[\"'“‘(\[]+|[\"'”’)\].,;:]+$", "", text)
    lowered = text.lower()
    for det in _DETERMINERS:
        if lowered.startswith(det):
            text = text[len(det):]
            lowered = lowered[len(det):]
    text = re.sub(r"'s?$", "", text)
    return text.strip()


def name_key(text: str, lexicon: Lexicon | None = None) -> str:
    """Fold a surface form to the key names are compared by.

    Examples
    --------
    >>> name_key("the EUROPEAN PARLIAMENT's"), name_key("Center for Alliance of Labour and Human Rights")
    ('european parliament', 'center for alliance of labor and human rights')
    >>> name_key("Better Factories Cambodia Programme") == name_key("Better Factories Cambodia")
    True
    """
    lexicon = lexicon or load_lexicon()
    words = re.findall(r"[^\W_]+", re.sub(r"'s\b", "", _clean_surface(text).lower()))
    words = [lexicon.fold_spelling(w) for w in words]
    if len(words) > 1 and words[-1] in _TRAILING_GENERIC:
        words = words[:-1]
    return " ".join(words)


def initials(key: str, *, skip_stop_words: bool) -> str:
    """Initial letters of a name key, optionally skipping function words.

    Examples
    --------
    >>> initials("everything but arms", skip_stop_words=True)
    'eba'
    >>> initials("law on associations and non governmental organizations", skip_stop_words=True)
    'lango'
    """
    words = key.split()
    if skip_stop_words:
        words = [w for w in words if w not in _STOP_INITIALS]
    return "".join(w[0] for w in words if w)


def _initial_variants(key: str) -> set[str]:
    variants = {initials(key, skip_stop_words=True), initials(key, skip_stop_words=False)}
    words = key.split()
    # "Non-Governmental Organisations" -> "NGO": plural and hyphen parts
    content = [w for w in words if w not in _STOP_INITIALS]
    if content and content[-1].endswith("s"):
        variants.add("".join(w[0] for w in content))
    return {v for v in variants if len(v) >= 2}


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _family(cls: str) -> str:
    if cls == "Person":
        return "person"
    if cls in _PLACES:
        return "place"
    if cls in {"Law", "Programme"}:
        return "instrument"
    return "org" if cls in _ORGS else cls.lower()


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 10 and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1) and " " not in text


def _acronym_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower().rstrip("s") if text.endswith("s") and text[:-1].isupper() else text.lower())


def _choose_label(forms: Counter[str], cls: str, lexicon: Lexicon) -> str:
    def score(form: str) -> tuple[int, int, int, int]:
        words = form.split()
        proper = not form.isupper() or len(words) == 1
        acronym = _is_acronym(form)
        qualified = _strip_country(name_key(form, lexicon), lexicon)[1] is not None
        if cls == "Person":
            return (proper, len(words), forms[form], -len(form))
        return (proper and not acronym, forms[form], -qualified, len(form))

    return max(forms, key=score)


def canonicalize(extractions: Iterable[DocumentExtraction], lexicon: Lexicon | None = None) -> EntityIndex:
    """Merge the mentions of every document into canonical entities.

    Examples
    --------
    >>> from newskg.extract.models import DocumentExtraction, Mention, SourceDocument
    >>> doc = SourceDocument("d1", "d1.txt", "d1.txt", "0" * 64, "text/plain", 10)
    >>> ms = (Mention("Kem Sokha", "Person", 0, 9, 0), Mention("Sokha", "Person", 20, 25, 1),
    ...       Mention("Equitable Cambodia", "NGO", 30, 48, 1), Mention("Cambodia", "Country", 50, 58, 1))
    >>> index = canonicalize([DocumentExtraction(doc, (), ms)])
    >>> sorted((e.label, e.alt_labels) for e in index.entities)
    [('Cambodia', ()), ('Equitable Cambodia', ()), ('Kem Sokha', ('Sokha',))]
    """
    lexicon = lexicon or load_lexicon()
    extractions = list(extractions)
    uf = _UnionFind()
    key_forms: dict[str, Counter[str]] = defaultdict(Counter)
    key_votes: dict[str, Counter[str]] = defaultdict(Counter)
    key_docs: dict[str, set[str]] = defaultdict(set)
    mention_key: dict[tuple[str, int, int], str] = {}
    preferred: dict[str, str] = {}
    for ex in extractions:
        doc_id = ex.document.doc_id
        for m in ex.mentions:
            key = name_key(m.text, lexicon)
            if not key:
                continue
            uf.find(key)
            mention_key[(doc_id, m.start, m.end)] = key
            key_forms[key][_clean_surface(m.text)] += 1
            key_votes[key][m.label] += _SOURCE_WEIGHT.get(m.source, 1.0)
            key_docs[key].add(doc_id)
            if m.canonical:
                # A gazetteer entry names the actor: its id is the preferred label.
                canonical_key = name_key(m.canonical, lexicon)
                uf.union(key, canonical_key)
                key_forms[canonical_key][m.canonical] += 0
                key_votes[canonical_key][m.label] += 0
                preferred[canonical_key] = m.canonical

    families: dict[str, str] = {}

    def family_of(key: str) -> str:
        if key not in families:
            families[key] = _family(_vote(key_votes[key]))
        return families[key]

    keys = list(key_forms)
    acronym_keys = {k for k in keys if any(_is_acronym(f) for f in key_forms[k])}
    long_keys = [k for k in keys if len(k.split()) >= 2]

    # 2. acronyms defined in the text
    for ex in extractions:
        for definition in ex.acronyms:
            short, long = name_key(definition.short, lexicon), name_key(definition.long_form, lexicon)
            if short and long:
                uf.union(short, long)

    # 3. acronyms by initials, when exactly one long form fits
    by_initials: dict[str, list[str]] = defaultdict(list)
    for k in long_keys:
        for variant in _initial_variants(k):
            by_initials[variant].append(k)
    for short in sorted(acronym_keys):
        letters = _acronym_key(short)
        fits = {
            uf.find(k) for k in by_initials.get(letters, ())
            if family_of(k) == family_of(short) or (family_of(short) == "org" and family_of(k) in {"org", "instrument"})
        }
        fits.discard(uf.find(short))
        if len(fits) == 1:
            uf.union(short, fits.pop())

    # 4. acronym modifiers: "EU Commission" = "European Commission"
    long_forms: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        root = uf.find(k)
        if k not in acronym_keys:
            long_forms[root].append(k)
    key_set = set(keys)
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
                            uf.union(k, candidate)

    # 4b. a phrase written as its initials ("Law on Association and NGOs" = "Law on Associations
    #     and Non-Governmental Organisations"), and "X Law" = "Law on X"
    variant_of: dict[str, str] = {}
    for k in keys:
        variant_of.setdefault(_singular(k), k)
    for k in keys:
        words = _singular(k).split()
        if family_of(k) == "instrument" and len(words) > 2 and words[0] == "law" and words[1] == "on":
            other = " ".join(words[2:] + ["law"])
            if other in variant_of:
                uf.union(k, variant_of[other])
        for size in range(2, min(6, len(words))):
            for i in range(0, len(words) - size + 1):
                phrase = words[i : i + size]
                short = "".join(w[0] for w in phrase if w not in _STOP_INITIALS)
                if len(short) < 2:
                    continue
                candidate = " ".join(words[:i] + [short] + words[i + size :])
                if candidate in variant_of and variant_of[candidate] != k and family_of(variant_of[candidate]) == family_of(k):
                    uf.union(k, variant_of[candidate])

    # 5. country qualifiers: each qualified name joins "core@country"; a bare core joins too when
    #    only one country's body of that name appears.
    qualified: dict[str, set[str]] = defaultdict(set)
    bare: list[str] = []
    for k in keys:
        if family_of(k) != "org":
            continue
        core, country = _strip_country(k, lexicon)
        if country and core:
            qualified[core].add(country)
            uf.union(k, f"{core}@{country}")
        else:
            bare.append(k)
    for k in bare:
        countries = qualified.get(k, set())
        if len(countries) == 1:
            uf.union(k, f"{k}@{next(iter(countries))}")

    # 6. short names
    by_doc_keys: dict[str, set[str]] = defaultdict(set)
    for (doc_id, _, _), key in mention_key.items():
        by_doc_keys[doc_id].add(key)
    containing: dict[str, list[str]] = defaultdict(list)  # word -> longer names with that word
    ending: dict[str, list[str]] = defaultdict(list)  # word -> longer names ending in it
    for other in keys:
        other_words = other.split()
        if len(other_words) >= 2:
            for word in set(other_words):
                containing[word].append(other)
            ending[other_words[-1]].append(other)
    for k in keys:
        words = k.split()
        if len(words) != 1 or k in acronym_keys:
            continue
        fam = family_of(k)
        if fam not in {"person", "org"}:
            continue
        pool = containing[k] if fam == "person" else ending[k]
        pool = [other for other in pool if family_of(other) == fam]

        def candidates(restrict: set[str] | None) -> set[str]:
            return {uf.find(other) for other in pool if restrict is None or other in restrict}

        merged = False
        for doc_id in sorted(key_docs[k]):
            fits = candidates(by_doc_keys[doc_id])
            if len(fits) == 1:
                uf.union(k, fits.pop())
                merged = True
        if not merged:
            fits = candidates(None)
            if len(fits) == 1:
                uf.union(k, fits.pop())

    # Collect the groups.
    groups: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        groups[uf.find(k)].append(k)
    entities: list[Entity] = []
    by_mention: dict[tuple[str, int, int], str] = {}
    used_ids: dict[str, str] = {}
    group_entity: dict[str, str] = {}
    for root, members in sorted(groups.items(), key=lambda item: min(item[1])):
        forms: Counter[str] = Counter()
        votes: Counter[str] = Counter()
        docs: set[str] = set()
        for member in members:
            forms.update(key_forms[member])
            votes.update(key_votes[member])
            docs |= key_docs[member]
        if not any(_is_name(form) for form in forms):
            continue  # only placeholders such as "the government": no actor to name
        cls = _vote(votes)
        named = [preferred[m] for m in members if m in preferred]
        label = named[0] if named else _choose_label(+forms or forms, cls, lexicon)
        if cls == "Country":
            label = lexicon.country_of(label) or label
            forms[label] += 0
        alt = sorted(f for f in forms if f != label and forms[f] > 0)
        entity_id = slugify(label)
        if entity_id in used_ids and used_ids[entity_id] != root:
            entity_id = f"{entity_id}-{slugify(cls)}"
            n = 2
            while entity_id in used_ids:
                entity_id = f"{slugify(label)}-{n}"
                n += 1
        used_ids[entity_id] = root
        group_entity[root] = entity_id
        entities.append(Entity(entity_id, label, cls, tuple(alt), sum(forms.values()), tuple(sorted(docs))))
    for mention_id, key in mention_key.items():
        if uf.find(key) in group_entity:
            by_mention[mention_id] = group_entity[uf.find(key)]
    ordered = tuple(sorted(entities, key=lambda e: e.id))
    return EntityIndex(ordered, by_mention, {e.id: e for e in ordered})


def _is_name(form: str) -> bool:
    """A proper name has a capital letter, or is written in a script without case."""
    return any(ch.isupper() for ch in form) or not any(ch.isascii() and ch.isalpha() for ch in form)


def _singular(key: str) -> str:
    """Crude plural folding for comparing names: "associations" -> "association".

    Examples
    --------
    >>> _singular("law on associations and ngos")
    'law on association and ngo'
    """
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in key.split())


def _vote(votes: Counter[str]) -> str:
    """The winning class; a specific class beats its generic parent when both are voted for."""
    if not votes:
        return "Organization"
    totals = Counter(votes)
    for cls, weight in votes.items():
        parent = _PARENT.get(cls)
        if parent and parent in totals:
            totals[cls] += totals[parent]
    return max(totals, key=lambda c: (totals[c], c != "Organization", c))


def _strip_country(key: str, lexicon: Lexicon) -> tuple[str, str | None]:
    """Split "national assembly of the kingdom of cambodia" into ("national assembly", "Cambodia").

    Examples
    --------
    >>> lex = load_lexicon()
    >>> _strip_country("cambodian national assembly", lex), _strip_country("national assembly of cambodia", lex)
    (('national assembly', 'Cambodia'), ('national assembly', 'Cambodia'))
    >>> _strip_country("equitable cambodia", lex)
    ('equitable cambodia', None)
    """
    words = key.split()
    match = re.fullmatch(r"(.+?) of (?:the )?(?:(?:kingdom|republic|state|government|people s republic|federation) of )?(.+)", key)
    if match and lexicon.country_of(match.group(2)):
        return match.group(1), lexicon.country_of(match.group(2))
    for n in (3, 2, 1):
        if len(words) > n:
            head = " ".join(words[:n])
            country = lexicon.country_of(head)
            if country:
                return " ".join(words[n:]), country
    return key, None
