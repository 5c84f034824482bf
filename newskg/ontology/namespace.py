"""The ``nkg:`` namespace as an rdflib ``DefinedNamespace`` and the shared prefix map."""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = ["NKG", "SCHEMA", "RESOURCE", "PREFIXES", "bind_prefixes", "TermCache"]


class NKG(DefinedNamespace):
    """Terms of the newskg ontology; a mistyped term raises ``AttributeError``.

    Examples
    --------
    >>> str(NKG.demands)
    'https://w3id.org/newskg/ontology#demands'
    >>> NKG.demandz
    Traceback (most recent call last):
    ...
    AttributeError: term 'demandz' not in namespace 'https://w3id.org/newskg/ontology#'
    """

    _NS = Namespace("https://w3id.org/newskg/ontology#")
    _fail = True

    Entity: URIRef
    Person: URIRef
    Organization: URIRef
    GovernmentBody: URIRef
    Court: URIRef
    PoliticalParty: URIRef
    NGO: URIRef
    MediaOrganization: URIRef
    IntergovernmentalOrganization: URIRef
    Place: URIRef
    Country: URIRef
    City: URIRef
    Region: URIRef
    Law: URIRef
    Programme: URIRef
    Event: URIRef
    Document: URIRef
    Statement: URIRef
    Mention: URIRef
    Claim: URIRef
    Role: URIRef
    interactsWith: URIRef
    structurallyRelatedTo: URIRef
    demands: URIRef
    urges: URIRef
    condemns: URIRef
    rejects: URIRef
    supports: URIRef
    accuses: URIRef
    arrests: URIRef
    sentences: URIRef
    sanctions: URIRef
    invites: URIRef
    reportsOn: URIRef
    memberOf: URIRef
    leads: URIRef
    spokespersonOf: URIRef
    partOf: URIRef
    programmeOf: URIRef
    locatedIn: URIRef
    succeeded: URIRef
    relativeOf: URIRef
    holdsRole: URIRef
    roleIn: URIRef
    roleName: URIRef
    former: URIRef
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    extractedBy: URIRef
    documentDate: URIRef
    eventDate: URIRef
    content: URIRef
    mentionOf: URIRef
    surfaceForm: URIRef
    speaker: URIRef
    claimText: URIRef
    about: URIRef
    topic: URIRef
    negated: URIRef
    quoted: URIRef
    fileName: URIRef
    sha256: URIRef
    characterCount: URIRef
    entityType: URIRef
    mentionCount: URIRef
    # events (newskg.extract.events)
    AccuseEvent: URIRef
    AdoptEvent: URIRef
    AidEvent: URIRef
    ArrestEvent: URIRef
    AssaultEvent: URIRef
    BanEvent: URIRef
    ChargeEvent: URIRef
    ConcernEvent: URIRef
    CondemnEvent: URIRef
    ConsultEvent: URIRef
    CooperateEvent: URIRef
    DemandEvent: URIRef
    DeportEvent: URIRef
    DesignateEvent: URIRef
    Interaction: URIRef
    InvestigateEvent: URIRef
    InviteEvent: URIRef
    ProtestEvent: URIRef
    RejectEvent: URIRef
    ReleaseEvent: URIRef
    ReportEvent: URIRef
    RepressEvent: URIRef
    RestrictEvent: URIRef
    SanctionEvent: URIRef
    SentenceEvent: URIRef
    StatementEvent: URIRef
    SupportEvent: URIRef
    ThreatenEvent: URIRef
    UrgeEvent: URIRef
    accusesConcerning: URIRef
    adopts: URIRef
    aids: URIRef
    attacks: URIRef
    bans: URIRef
    cameoCode: URIRef
    charges: URIRef
    concerns: URIRef
    condemnsOnBehalfOf: URIRef
    containsEvent: URIRef
    cooperatesWith: URIRef
    criticises: URIRef
    criticisesOnBehalfOf: URIRef
    demandsOnBehalfOf: URIRef
    deports: URIRef
    designates: URIRef
    designatesUnder: URIRef
    eventClass: URIRef
    fromEvent: URIRef
    investigates: URIRef
    meets: URIRef
    mode: URIRef
    partOfEvent: URIRef
    place: URIRef
    ploverCategory: URIRef
    protestsAgainst: URIRef
    rejectsConcerning: URIRef
    releases: URIRef
    reportedBy: URIRef
    represses: URIRef
    restricts: URIRef
    sanctionsConcerning: URIRef
    source: URIRef
    speaksAbout: URIRef
    supportsConcerning: URIRef
    target: URIRef
    theme: URIRef
    threatens: URIRef
    trigger: URIRef
    triggerEnd: URIRef
    triggerStart: URIRef
    urgesOnBehalfOf: URIRef


SCHEMA = Namespace("https://schema.org/")
#: Where newskg mints the IRIs of entities, documents, statements, claims and graphs.
RESOURCE = Namespace("https://w3id.org/newskg/id/")

PREFIXES: dict[str, Namespace | str] = {
    "nkg": str(NKG._NS),
    "nkr": RESOURCE,
    "schema": SCHEMA,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "foaf": FOAF,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind newskg's one prefix map on ``graph`` and return it.

    Examples
    --------
    >>> g = bind_prefixes(Graph())
    >>> dict(g.namespaces())["nkg"]
    rdflib.term.URIRef('https://w3id.org/newskg/ontology#')
    """
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


class TermCache:
    """A namespace whose terms are looked up once: an rdflib ``DefinedNamespace`` checks the name
    and makes a new ``URIRef`` on every attribute read (about 1 µs), which a writer that names a
    term for every fact pays hundreds of thousands of times. Unknown names fail as they do there.

    Examples
    --------
    >>> from rdflib.namespace import RDF
    >>> terms = TermCache(NKG)
    >>> terms.Claim == NKG.Claim, terms["Claim"] is terms.Claim
    (True, True)
    >>> TermCache(NKG).claimz
    Traceback (most recent call last):
    ...
    AttributeError: term 'claimz' not in namespace 'https://w3id.org/newskg/ontology#'
    """

    def __init__(self, namespace: type[DefinedNamespace]) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):  # not a term (a tool probing the object, as doctest's finder does)
            raise AttributeError(name)
        value = getattr(self._namespace, name)
        setattr(self, name, value)
        return value

    def __getitem__(self, name: str) -> URIRef:
        return getattr(self, name)
