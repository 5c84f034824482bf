"""Domain knowledge read from editable data files: types, countries, relations, roles, furniture."""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newskg.errors import NewskgError

__all__ = ["Lexicon", "KeywordRule", "load_lexicon", "lexicon_dir", "demonym_stem", "parse_yaml", "fold_accents"]

# libyaml's parser where PyYAML was built with it: the same data, about 7x faster (the bundled
# events.yml alone takes 70 ms in pure Python, at every build)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """Parse YAML safely (plain data only), with libyaml when PyYAML has it.

    Examples
    --------
    >>> parse_yaml("classes:\\n  - name: Arrest\\n    verbs: [detain]")
    {'classes': [{'name': 'Arrest', 'verbs': ['detain']}]}
    """
    return yaml.load(text, Loader=_YAML_LOADER)


_DEMONYM_ENDINGS = ("ian", "ean", "an", "ese", "ish", "i", "n")
_COUNTRY_ENDINGS = ("ia", "a", "y", "e")


def demonym_stem(word: str) -> str:
    """The stem a country's name and its demonym share ("Ruritania", "Ruritanian" -> "ruritan").

    Examples
    --------
    >>> demonym_stem("Ruritanian"), demonym_stem("Ruritania"), demonym_stem("Vellish"), demonym_stem("Vell")
    ('ruritan', 'ruritan', 'vell', 'vell')
    """
    low = word.lower()
    for ending in _DEMONYM_ENDINGS + _COUNTRY_ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 4:
            return low[: -len(ending)].rstrip("i")
    return low


@dataclass(frozen=True, slots=True)
class KeywordRule:
    """Assign ``cls`` to a name that contains one of ``words`` (lower-cased, whole words)."""

    cls: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything newskg knows about the domain, loaded from data files.

    Attributes hold plain Python values so every stage can use them; nothing here depends on
    spaCy or rdflib.
    """

    ner_labels: dict[str, str | None]
    keyword_rules: tuple[KeywordRule, ...]
    region_words: frozenset[str]
    not_actors: frozenset[str]
    name_heads: frozenset[str]
    context_words: dict[str, str]  # descriptor word or phrase -> class
    countries: dict[str, str]  # any lower-cased name, alias or demonym -> canonical country name
    demonyms: dict[str, str]  # lower-cased demonym -> country
    demonym_of: dict[str, str]  # country -> its first demonym ("Cambodia" -> "Cambodian")
    spelling: dict[str, str]
    furniture_patterns: tuple[str, ...]
    min_repeated_line_length: int
    speech_verbs: frozenset[str]  # with the denials
    speech_nouns: frozenset[str]
    adopted_texts: frozenset[str]
    negations: frozenset[str]
    structural: dict[str, str]  # "lemma" or "lemma prep" -> structural property name
    generic_nouns: dict[str, str]  # common noun -> class of the actor it stands for
    lede_nouns: dict[str, frozenset[str]]  # head of "a rights group" -> the classes of the actor named after it
    proxy_nouns: frozenset[str]
    state_institutions: frozenset[str]
    act_object_verbs: frozenset[str]  # "overturn it": "it" is a verdict or a decision, no actor
    roles: dict[str, str]  # title -> property name (leads, spokespersonOf, memberOf, relativeOf)
    former_words: frozenset[str]
    state_titles: frozenset[str]
    head_titles: frozenset[str]
    appointing_verbs: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()  # parts of a body: "the Brannock branch of X"
    association_heads: frozenset[str] = frozenset()  # "... Journalists Syndicate": not a medium
    part_nouns: frozenset[str] = frozenset()  # "X, the youth wing of Y": X partOf Y
    name_descriptors: dict[str, str] = field(default_factory=dict)  # descriptor before a name -> its class
    kind_modifiers: frozenset[str] = frozenset()  # "armed" in "an armed group": no association of citizens
    denial_verbs: frozenset[str] = frozenset()  # speech verbs whose claim is negated ("denied that ...")
    entity_patterns: tuple[dict[str, Any], ...] = field(default=())
    capitals: dict[str, str] = field(default_factory=dict)  # lower-cased capital -> country
    honorifics: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()  # titles and role words: what a person is called ("a blogger")
    particles: frozenset[str] = frozenset()
    #: (class, pattern): a class read from the shape of a whole name (lower-cased, spelling folded),
    #: before the keyword rules: "the League of Vellish States" is an intergovernmental body
    name_shapes: tuple[tuple[str, re.Pattern[str]], ...] = ()
    place_prefixes: frozenset[str] = frozenset()
    designators: tuple[str, ...] = ()
    government_words: frozenset[str] = frozenset()
    institutions: dict[str, str] = field(default_factory=dict)  # institution phrase -> class
    institution_modifiers: frozenset[str] = frozenset()
    detention_heads: frozenset[str] = frozenset()
    collective_actors: frozenset[str] = frozenset()
    collective_bodies: frozenset[str] = frozenset()
    offices: frozenset[str] = frozenset()
    numbered_instruments: frozenset[str] = frozenset()
    instrument_parts: frozenset[str] = frozenset()
    representations: frozenset[str] = frozenset()
    not_demonyms: frozenset[str] = frozenset()
    person_act_verbs: frozenset[str] = frozenset()  # lemmas of acts done only to people ("release")
    person_act_nouns: frozenset[str] = frozenset()  # their nouns ("the release of X")
    media_staff: frozenset[str] = frozenset()  # who works only for a medium ("reporter")

    def country_of(self, name: str) -> str | None:
        """The country a name, alias or demonym refers to, or ``None``.

        Examples
        --------
        >>> lex = load_lexicon()
        >>> lex.country_of("Peruvian"), lex.country_of("the US"), lex.country_of("Lima")
        ('Peru', 'United States', None)
        """
        key = name.strip().lower()
        if key.startswith("the "):
            key = key[4:]
        return self.countries.get(key)

    def government_of(self, text: str) -> tuple[str, str] | None:
        """``(country, framing word)`` when ``text`` names a country's government.

        Examples
        --------
        >>> lex = load_lexicon()
        >>> lex.government_of("the Peruvian regime"), lex.government_of("Government of Peru")
        (('Peru', 'regime'), ('Peru', 'government'))
        >>> lex.government_of("Peru's authorities"), lex.government_of("Peruvian police")
        (('Peru', 'authorities'), None)
        """
        key = " ".join(text.replace("’", "'").lower().split())
        key = key[4:] if key.startswith("the ") else key
        for word in sorted(self.government_words, key=len, reverse=True):
            if key.endswith(" " + word):
                country = self.country_of(key[: -len(word) - 1].removesuffix(" 's").removesuffix("'s"))
                if country:
                    return country, word.split()[-1]
            if key.startswith(word + " of "):
                rest = key[len(word) + 4 :]
                for designator in self.designators:
                    rest = rest.removeprefix("the ").removeprefix(designator + " ") if designator.endswith(" of") else rest
                country = self.country_of(rest)
                if country:
                    return country, word.split()[-1]
        return None

    def fold_spelling(self, word: str) -> str:
        """Fold a lower-cased word to one spelling (``labour`` -> ``labor``).

        Examples
        --------
        >>> load_lexicon().fold_spelling("organisation")
        'organization'
        """
        return self.spelling.get(word, word)


def lexicon_dir() -> Path:
    """The folder of bundled lexicon files."""
    return Path(str(resources.files("newskg").joinpath("data", "lexicon")))


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = parse_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise NewskgError("E101", f"cannot read lexicon file {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise NewskgError("E101", f"lexicon file {path} must hold a mapping at the top level")
    return data


def _read_tsv(path: Path) -> list[list[str]]:
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if row and not row[0].startswith("#"):
                rows.append([cell.strip() for cell in row])
    return rows


def read_patterns(path: Path) -> list[dict[str, Any]]:
    """Read spaCy ``EntityRuler`` patterns from a JSONL or YAML file.

    A YAML file holds a list of ``{label, pattern}`` mappings, or a mapping whose ``patterns`` key
    holds that list.
    """
    if path.suffix.lower() in {".yml", ".yaml"}:
        data = parse_yaml(path.read_text(encoding="utf-8")) or []
        if isinstance(data, dict):
            data = data.get("patterns", [])
        if not isinstance(data, list):
            raise NewskgError("E102", f"patterns file {path} must hold a list of patterns")
        patterns = data
    else:
        patterns = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#") or line.startswith("//"):
                continue
            try:
                patterns.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise NewskgError("E102", f"{path}:{number}: not a JSON pattern: {exc.msg}") from exc
    for pattern in patterns:
        if not isinstance(pattern, dict) or "label" not in pattern or "pattern" not in pattern:
            raise NewskgError("E102", f"{path}: every pattern needs 'label' and 'pattern': {pattern!r}")
    return patterns


def _expand_lemmas(mapping: dict[str, list[str]]) -> dict[str, str]:
    result: dict[str, str] = {}
    for prop, lemmas in mapping.items():
        for lemma in lemmas or []:
            result.setdefault(str(lemma).lower(), prop)
    return result


@lru_cache(maxsize=8)
def load_lexicon(extra_patterns: tuple[str, ...] = ()) -> Lexicon:
    """Load the bundled lexicon, plus any user pattern files (JSONL or YAML).

    Parameters
    ----------
    extra_patterns
        Paths of extra EntityRuler pattern files; their entries come before the bundled ones.

    Examples
    --------
    >>> lex = load_lexicon()
    >>> lex.structural["take over from"], lex.roles["spokesperson"]
    ('succeeded', 'spokespersonOf')
    """
    folder = lexicon_dir()
    types = _read_yaml(folder / "types.yml")
    relations = _read_yaml(folder / "relations.yml")
    roles_data = _read_yaml(folder / "roles.yml")
    furniture = _read_yaml(folder / "furniture.yml")

    countries, demonyms, demonym_of, capitals = _read_countries(folder / "countries.tsv")
    names = _read_yaml(folder / "names.yml")
    institutions_data = _read_yaml(folder / "institutions.yml")
    spelling = {row[0].lower(): row[1].lower() for row in _read_tsv(folder / "spelling.tsv") if len(row) > 1}

    roles: dict[str, str] = {}
    for prop in ("leads", "spokespersonOf", "memberOf"):
        for title in roles_data.get(prop, []) or []:
            roles.setdefault(str(title).lower(), prop)
    for title in roles_data.get("family", []) or []:
        roles.setdefault(str(title).lower(), "relativeOf")

    patterns: list[dict[str, Any]] = []
    for extra in extra_patterns:
        path = Path(extra)
        if not path.is_file():
            raise NewskgError("E103", f"patterns file not found: {path}")
        patterns.extend(read_patterns(path))
    for name in ("known_actors.jsonl", "entity_patterns.jsonl"):
        patterns.extend(read_patterns(folder / name))
    institutions = [str(w).lower() for w in relations.get("state_institutions", [])]
    bodies = {str(w).lower(): str(cls) for cls, words in (institutions_data.get("institutions") or {}).items() for w in words}
    if demonyms and institutions:
        # "the Peruvian authorities", "Thai police", "Myanmar's military government", "Moldova's
        # parliament": a country's state institutions are actors. One pattern per phrase, so
        # that a phrase's first word alone ("Thai provincial") is none.
        phrases = sorted(set(institutions) | {w for w, cls in bodies.items() if cls == "GovernmentBody"})
        single_countries = sorted(name for name in countries if " " not in name)
        for phrase in phrases:
            words = [{"LOWER": word, "IS_LOWER": True} for word in phrase.split()]
            patterns.append({"label": "GovernmentBody", "id": "pattern:state-institution", "pattern": [{"LOWER": {"IN": sorted(demonyms)}, "IS_TITLE": True}, *words]})
            patterns.append(
                {
                    "label": "GovernmentBody",
                    "id": "pattern:state-institution-possessive",
                    "pattern": [{"LOWER": {"IN": single_countries}, "IS_TITLE": True}, {"LOWER": {"IN": ["'s", "’s"]}}, *words],
                }
            )

    return Lexicon(
        ner_labels={str(k): v for k, v in (types.get("ner_labels") or {}).items()},
        name_shapes=tuple(
            (str(rule["class"]), re.compile(str(pattern)))
            for rule in types.get("name_shapes", []) for pattern in rule["patterns"]
        ),
        keyword_rules=tuple(
            KeywordRule(str(rule["class"]), tuple(str(w).lower() for w in rule["words"]))
            for rule in types.get("keywords", [])
        ),
        region_words=frozenset(str(w).lower() for w in types.get("region_words", [])),
        not_actors=frozenset(str(w).lower() for w in types.get("not_actors", [])),
        name_heads=frozenset(str(w).lower() for w in types.get("name_heads", [])),
        association_heads=frozenset(str(w).lower() for w in types.get("association_heads", [])),
        kind_modifiers=frozenset(str(w).lower() for w in types.get("kind_modifiers", [])),
        context_words={
            str(word).lower(): str(cls)
            for cls, words in (types.get("context_words") or {}).items()
            for word in words
        },
        name_descriptors={
            " ".join(str(word).lower().split()): str(cls)
            for cls, words in (types.get("name_descriptors") or {}).items()
            for word in words
        },
        countries=countries,
        demonyms=demonyms,
        demonym_of=demonym_of,
        spelling=spelling,
        furniture_patterns=tuple(str(p) for p in furniture.get("lines", [])),
        min_repeated_line_length=int(furniture.get("min_repeated_line_length", 40)),
        structural=_expand_lemmas(relations.get("structural", {})),
        generic_nouns={str(k).lower(): str(v) for k, v in (relations.get("generic_nouns") or {}).items()},
        lede_nouns={str(k).lower(): frozenset(str(c) for c in v or ()) for k, v in (relations.get("lede_nouns") or {}).items()},
        proxy_nouns=frozenset(str(w).lower() for w in relations.get("proxy_nouns", [])),
        part_nouns=frozenset(str(w).lower() for w in relations.get("part_nouns", [])),
        state_institutions=frozenset(institutions),
        act_object_verbs=frozenset(str(w).lower() for w in relations.get("act_object_verbs", [])),
        speech_verbs=frozenset(str(w).lower() for w in [*relations.get("speech", []), *relations.get("denials", [])]),
        denial_verbs=frozenset(str(w).lower() for w in relations.get("denials", [])),
        speech_nouns=frozenset(str(w).lower() for w in relations.get("speech_nouns", [])),
        adopted_texts=frozenset(str(w).lower() for w in relations.get("adopted_texts", [])),
        negations=frozenset(str(w).lower() for w in relations.get("negations", [])),
        roles=roles,
        former_words=frozenset(str(w).lower() for w in roles_data.get("former", [])),
        state_titles=frozenset(str(w).lower() for w in roles_data.get("state_titles", [])),
        head_titles=frozenset(str(w).lower() for w in roles_data.get("head_titles", [])),
        appointing_verbs=frozenset(str(w).lower() for w in roles_data.get("appointing_verbs", [])),
        units=frozenset(str(w).lower() for w in roles_data.get("units", [])),
        entity_patterns=tuple(patterns),
        capitals=capitals,
        honorifics=_words_of(names, "honorifics"),
        titles=_words_of(names, "titles"),
        person_titles=_words_of(names, "titles") | frozenset(roles),
        particles=_words_of(names, "particles"),
        place_prefixes=_words_of(names, "place_prefixes"),
        designators=tuple(sorted(_words_of(names, "designators"), key=len, reverse=True)),
        government_words=_words_of(institutions_data, "government_words"),
        institutions={
            str(word).lower(): str(cls)
            for cls, words in (institutions_data.get("institutions") or {}).items()
            for word in words
        },
        institution_modifiers=_words_of(institutions_data, "institution_modifiers"),
        detention_heads=_words_of(institutions_data, "detention_heads"),
        collective_actors=_words_of(institutions_data, "collective_actors"),
        collective_bodies=_words_of(institutions_data, "collective_bodies"),
        offices=_words_of(institutions_data, "offices"),
        numbered_instruments=_words_of(institutions_data, "numbered_instruments"),
        instrument_parts=_words_of(institutions_data, "instrument_parts"),
        representations=_words_of(institutions_data, "representations"),
        not_demonyms=_words_of(institutions_data, "not_demonyms"),
        person_act_verbs=_words_of(types.get("person_acts") or {}, "verbs"),
        person_act_nouns=_words_of(types.get("person_acts") or {}, "nouns"),
        media_staff=_words_of(types, "media_staff"),
    )


def _words_of(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in data.get(key, []) or [])


def _package_countries() -> list[tuple[str, list[str], list[str], str | None]]:
    """``(name, demonyms, other names, capital)`` for every country the ``countryinfo`` package
    describes (its bundled JSON files, read directly: no network, no geometry parsing)."""
    try:
        root = resources.files("countryinfo").joinpath("data")
    except (ModuleNotFoundError, TypeError):
        return []
    rows = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        name = data.get("name")
        if not isinstance(name, str) or not data.get("ISO"):
            continue
        aliases = [
            str(a) for a in data.get("altSpellings") or []
            # ISO codes ("SA", "IT") are ordinary words too often; the override file lists the safe ones.
            # Only multi-word English forms ("Republic of Korea"): ISO codes ("SA", "IT") and
            # one-word native names ("Island", "Mann") are ordinary words too often; the override
            # file lists the safe short ones.
            if isinstance(a, str) and a.isascii() and " " in a.strip() and "," not in a
        ]
        population = data.get("population") or 0
        demonym = data.get("demonym")
        capital = data.get("capital")
        # A capital stands for its government only for states large enough that its name is not
        # also a common personal or place name elsewhere ("Victoria", "Hamilton").
        capital = capital if isinstance(capital, str) and isinstance(population, int) and population >= 1_000_000 else None
        rows.append((name, [demonym] if isinstance(demonym, str) and demonym else [], [a.strip() for a in aliases], capital))
    return rows


def _read_countries(override: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    """Country names, demonyms and capitals: the ``countryinfo`` package, then the editable
    override file (its names win: it holds the forms news writes, "Saudi", "Philippine", "US")."""
    countries: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    demonym_of: dict[str, str] = {}
    capitals: dict[str, str] = {}
    rows = [(name, demonyms_, aliases, capital, False) for name, demonyms_, aliases, capital in _package_countries()]
    for row in _read_tsv(override):
        split = lambda i: [c.strip() for c in row[i].split(",") if c.strip()] if len(row) > i else []  # noqa: E731
        rows.append((row[0], split(1), split(2), split(3)[0] if split(3) else None, True))
    # A country the override file names under another spelling takes the override's name.
    renamed: dict[str, str] = {}
    for name, _, aliases, _, override_row in rows:
        if override_row:
            for alias in [name, *aliases]:
                renamed[alias.lower()] = name
    for name, demonym_list, aliases, capital, override_row in rows:
        canonical = renamed.get(name.lower()) or next((renamed[a.lower()] for a in aliases if a.lower() in renamed), name)
        countries[name.lower()] = canonical
        for alias in aliases:
            if override_row:
                countries[alias.lower()] = canonical
            else:
                countries.setdefault(alias.lower(), canonical)
        for number, demonym in enumerate(demonym_list):
            demonyms[demonym.lower()] = canonical
            countries[demonym.lower()] = canonical
            if number == 0 and (override_row or canonical not in demonym_of):
                demonym_of[canonical] = demonym  # the override's first demonym is the one to write
        if capital:
            capitals[capital.lower()] = canonical
    # news writes most names without their accents ("Chisinau", "Bogota", "Cote d'Ivoire")
    for table in (countries, demonyms, capitals):
        for key, value in list(table.items()):
            table.setdefault(fold_accents(key), value)
    return countries, demonyms, demonym_of, capitals


def fold_accents(text: str) -> str:
    """Drop accents from Latin letters ("Ébrard" -> "Ebrard", "chișinău" -> "chisinau"); other
    scripts are left whole.

    Examples
    --------
    >>> fold_accents("José Ébrard"), fold_accents("Ioana Ştefănescu"), fold_accents("chișinău")
    ('Jose Ebrard', 'Ioana Stefanescu', 'chisinau')
    """
    out: list[str] = []
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch) and out and out[-1].isascii():
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))
