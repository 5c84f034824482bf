"""The archive: the store is the source of truth, and an update gives the graph a full build gives.

Texts use invented names, so only the generic mechanisms can pass.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Dataset

from newskg.api import KnowledgeGraph, add, build, build_archive
from newskg.archive.catalog import Catalog
from newskg.archive.records import decode, encode
from newskg.archive.update import archive_location

pytestmark = pytest.mark.model

TEXTS = {
    "a-arrest.txt": (
        "Ruritanian police arrested the journalist Ilsa Vandermeer in Strelsau on Monday, her lawyer said.\n\n"
        "Lantern Rights Watch condemned the arrest and demanded the immediate release of Ilsa Vandermeer."
    ),
    "b-court.txt": (
        "A court in Strelsau sentenced Vandermeer to three years in prison on Friday.\n\n"
        "The Freedonian Ministry of Foreign Affairs urged Ruritania to release Vandermeer."
    ),
    "c-sanction.txt": (
        "The Freedonian government imposed sanctions on Rudolf Elphberg, the Ruritanian interior minister.\n\n"
        "Elphberg rejected the sanctions, the state news agency reported."
    ),
}


def write(folder: Path, names) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(TEXTS[name], encoding="utf-8")
    return folder


def quads(folder: Path) -> set:
    dataset = Dataset()
    dataset.parse(folder / "graph.trig", format="trig")
    return {(s, p, o, str(g)) for s, p, o, g in dataset.quads((None, None, None, None))}


def test_records_read_back_equal(extractor):
    record = extractor.extract_text(TEXTS["a-arrest.txt"], name="a.txt")
    assert record.events and record.mentions
    assert decode(encode(record)) == record


def test_records_refuse_what_is_not_a_record():
    with pytest.raises(ValueError):
        decode('{"@": "os.system", "v": ["rm -rf /"]}')
    with pytest.raises(ValueError):
        decode('{"@": "Mention", "v": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}')


def test_adding_documents_gives_the_graph_a_full_build_gives(tmp_path):
    corpus = write(tmp_path / "corpus", ["a-arrest.txt", "c-sanction.txt"])
    full_corpus = write(tmp_path / "full", TEXTS)
    build([full_corpus], tmp_path / "full-out")

    first = build([corpus], tmp_path / "out")
    assert first.summary.documents == 2 and first.summary.extracted == 2
    # "Vandermeer" alone in b-court.txt is the journalist only once a text gives her full name:
    # adding the other text must move b's mentions (and nothing else is read again)
    write(corpus, ["b-court.txt"])
    kg, summary = build_archive([corpus], tmp_path / "out", mode="add")
    assert summary.documents == 3 and summary.extracted == 1
    assert quads(tmp_path / "out") == quads(tmp_path / "full-out")
    # not only the same graph: the same bytes
    for name in ("graph.trig", "graph.ttl", "graph.html"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "full-out" / name).read_bytes(), name


def test_an_update_rewrites_only_the_graphs_whose_actors_changed(tmp_path):
    corpus = write(tmp_path / "corpus", ["b-court.txt", "c-sanction.txt"])
    build([corpus], tmp_path / "out")
    write(corpus, ["a-arrest.txt"])
    _, summary = build_archive([corpus], tmp_path / "out", mode="update")
    # a-arrest is new; b-court's "Vandermeer" now joins Ilsa Vandermeer; c-sanction is untouched
    assert summary.extracted == 1
    assert summary.rewritten == 2, "the new document's graph and b-court's; not c-sanction's"
    catalog = Catalog(archive_location(tmp_path / "out") / "catalog.sqlite")
    try:
        assert catalog.actor_of("vandermeer") == catalog.actor_of("ilsa vandermeer") is not None
        rules = {rule for _, _, rule in catalog.merges(catalog.actor_of("vandermeer"))}
    finally:
        catalog.close()
    assert rules, "the entity index keeps why two names are one actor"


def _built_beside_the_whole_corpus(tmp_path: Path, names: list[str]) -> Path:
    """A corpus of ``names`` built in ``out``, and every text of TEXTS built in ``full-out`` (what
    additions to ``out`` should come to); returns the corpus folder."""
    corpus = write(tmp_path / "corpus", names)
    build([corpus], tmp_path / "out")
    build([write(tmp_path / "full", TEXTS)], tmp_path / "full-out")
    return corpus


def test_an_addition_merges_from_the_kept_tally_without_reading_every_documents_names(tmp_path, monkeypatch):
    corpus = _built_beside_the_whole_corpus(tmp_path, ["b-court.txt", "c-sanction.txt"])
    read: list[str] = []
    names_of = Catalog.names_of

    def counted(self, path):
        read.append(Path(path).name)
        return names_of(self, path)

    def refused(self):
        raise AssertionError("an addition reads the tally, not every document's names")

    monkeypatch.setattr(Catalog, "names", refused)
    monkeypatch.setattr(Catalog, "names_of", counted)
    write(corpus, ["a-arrest.txt"])
    _, summary = build_archive([corpus], tmp_path / "out", mode="add")
    # the new text's names, and b-court's, whose "Vandermeer" changed actor; not c-sanction's
    assert sorted(set(read)) == ["a-arrest.txt", "b-court.txt"] and summary.rewritten == 2
    assert quads(tmp_path / "out") == quads(tmp_path / "full-out")
    catalog = Catalog(archive_location(tmp_path / "out") / "catalog.sqlite")
    try:
        kept = catalog.tally()
        monkeypatch.undo()
        summed = catalog.sum_names()
        assert (kept.forms, kept.votes, kept.docs, kept.pairs) == (summed.forms, summed.votes, summed.docs, summed.pairs)
    finally:
        catalog.close()


def test_files_that_are_gone_or_changed_leave_the_graph(tmp_path):
    corpus = write(tmp_path / "corpus", TEXTS)
    build([corpus], tmp_path / "out")
    (corpus / "c-sanction.txt").unlink()
    (corpus / "b-court.txt").write_text(TEXTS["b-court.txt"].replace("three years", "five years"), encoding="utf-8")
    _, summary = build_archive([corpus], tmp_path / "out", mode="update")
    assert summary.documents == 2 and summary.extracted == 1
    fresh = build([corpus], tmp_path / "fresh")
    assert fresh.summary.documents == 2
    assert quads(tmp_path / "out") == quads(tmp_path / "fresh")
    assert not KnowledgeGraph.load(tmp_path / "out").query("ASK { ?x rdfs:label 'Rudolf Elphberg' }").boolean


def test_a_build_folder_inside_the_corpus_is_not_read_as_documents(tmp_path):
    # `newskg build . --out kg`: the next update would read kg/graph.html as an article (and the
    # corpus would grow by one "document" at every update)
    corpus = write(tmp_path / "corpus", ["a-arrest.txt", "c-sanction.txt"])
    build([corpus], corpus / "kg")
    assert (corpus / "kg" / "graph.html").is_file()
    kg, summary = build_archive([corpus], corpus / "kg", mode="update")
    assert summary.documents == 2 and summary.extracted == 0
    assert [p.code for p in summary.problems] == ["W206"]  # nor its store and graph.ttl counted as skipped files
    assert not kg.query("ASK { ?d nkg:fileName ?name FILTER(CONTAINS(STR(?name), 'graph')) }").boolean
    # an older build elsewhere in the corpus is a build folder too (its archive says so)
    shutil.copytree(corpus / "kg", corpus / "old-kg")
    _, summary = build_archive([corpus], corpus / "kg", mode="update")
    assert summary.documents == 2 and summary.extracted == 0


def test_unchanged_files_are_not_read_again_and_an_edit_that_restores_the_time_is_seen(tmp_path, monkeypatch):
    import os

    import newskg.archive.update as update

    corpus = write(tmp_path / "corpus", TEXTS)
    build([corpus], tmp_path / "early")  # files written a moment ago: their stamps are not trusted yet
    catalog = Catalog(archive_location(tmp_path / "early") / "catalog.sqlite")
    assert catalog.stamps() == {}, "a file could still change within the clock's tick"
    catalog.close()

    monkeypatch.setattr(update, "_SETTLED_NS", 0)  # as if the files had been left alone long enough
    build([corpus], tmp_path / "out")
    read: list[str] = []

    def counted(path, **kw):
        read.append(Path(path).name)
        return read_document(path, **kw)

    from newskg.extract.loading import read_document

    monkeypatch.setattr(update, "read_document", counted)
    _, summary = build_archive([corpus], tmp_path / "out", mode="update")
    assert read == [] and summary.extracted == 0, "unchanged files are known by their stamps"

    court = corpus / "b-court.txt"
    before = court.stat()
    edited = TEXTS["b-court.txt"].replace("three years", "seven years")
    assert len(edited) == len(TEXTS["b-court.txt"])
    court.write_text(edited, encoding="utf-8")
    os.utime(court, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same modification time
    _, summary = build_archive([corpus], tmp_path / "out", mode="update")
    assert read == ["b-court.txt"] and summary.extracted == 1
    fresh = build([corpus], tmp_path / "fresh")
    assert quads(tmp_path / "out") == quads(tmp_path / "fresh")
    said = KnowledgeGraph.load(tmp_path / "out").query("ASK { ?e nkg:sentence ?t FILTER(CONTAINS(?t, 'seven years')) }")
    assert said.boolean, "the edited text is what the graph now holds"


def test_a_run_cut_short_is_repaired_from_the_records(tmp_path):
    corpus = write(tmp_path / "corpus", TEXTS)
    build([corpus], tmp_path / "full")
    build([corpus], tmp_path / "out")
    store_folder = archive_location(tmp_path / "out")
    catalog = Catalog(store_folder / "catalog.sqlite")
    catalog.set("state", "dirty")  # as a run killed while writing the store leaves it
    catalog.close()
    from newskg.archive.quads import GraphStore

    store = GraphStore(store_folder / "oxigraph")
    graph = store.graphs()[0]
    store.replace_graph(graph, [])  # and half its writes missing
    del store
    assert KnowledgeGraph.open(tmp_path / "out") is None, "a dirty archive is not read as the truth"
    _, summary = build_archive([corpus], tmp_path / "out", mode="update")
    assert summary.extracted == 0
    assert quads(tmp_path / "out") == quads(tmp_path / "full")


def test_queries_read_the_store_without_parsing_a_file(tmp_path, monkeypatch):
    corpus = write(tmp_path / "corpus", TEXTS)
    build([corpus], tmp_path / "out")

    def no_parsing(*args, **kwargs):
        raise AssertionError("the graph file was parsed")

    def no_reading(path):
        raise AssertionError(f"{path} was read through to check its bytes")

    import newskg.output.build_folder as build_folder

    monkeypatch.setattr(Dataset, "parse", no_parsing)
    monkeypatch.setattr(build_folder, "file_sha256", no_reading)  # the store answers: the file's size is checked, not its bytes
    kg = KnowledgeGraph.load(tmp_path / "out")
    assert kg.store is not None
    rows = kg.query("SELECT ?name WHERE { ?x a nkg:Person ; rdfs:label ?name } ORDER BY ?name").rows
    assert ("Ilsa Vandermeer",) in {tuple(str(v) for v in row) for row in rows}
    assert kg.path("Lantern Rights Watch", "Ilsa Vandermeer") is not None
    assert kg.to_networkx().number_of_nodes() >= 5


def test_a_query_on_the_store_imports_neither_rdflibs_view_nor_the_network(tmp_path):
    """The first row comes sooner when a query loads only what it uses (0.56–0.64 -> 0.40–0.45 s at 5,000 documents)."""
    import subprocess
    import sys

    corpus = write(tmp_path / "corpus", TEXTS)
    build([corpus], tmp_path / "out")
    script = (
        "import sys; from newskg.api import KnowledgeGraph; "
        "kg = KnowledgeGraph.load(sys.argv[1]); "
        "rows = kg.query('SELECT ?n WHERE { ?x a nkg:Person ; rdfs:label ?n }').rows; "
        "print(len(rows), *(m in sys.modules for m in ('oxrdflib', 'networkx', 'newskg.output.page')))"
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "out")], capture_output=True, text=True, check=True)
    count, *imported = done.stdout.split()
    assert int(count) >= 2 and imported == ["False", "False", "False"], done.stdout


def test_a_store_older_than_its_files_is_not_trusted(tmp_path):
    corpus = write(tmp_path / "corpus", TEXTS)
    build([corpus], tmp_path / "out")
    shutil.copytree(tmp_path / "out", tmp_path / "copy")
    build([write(tmp_path / "other", ["a-arrest.txt"])], tmp_path / "copy2")
    # the files of one build beside the archive of another: read from the files, not the store
    shutil.rmtree(tmp_path / "copy" / "archive")
    shutil.copytree(tmp_path / "copy2" / "archive", tmp_path / "copy" / "archive")
    kg = KnowledgeGraph.load(tmp_path / "copy")
    assert kg.store is None
    assert kg.query("ASK { ?x rdfs:label 'Rudolf Elphberg' }").boolean


def test_other_settings_read_every_file_again(tmp_path):
    corpus = write(tmp_path / "corpus", TEXTS)
    build([corpus], tmp_path / "out")
    patterns = tmp_path / "patterns.jsonl"
    patterns.write_text('{"label": "NGO", "pattern": "Lantern Rights Watch"}\n', encoding="utf-8")
    notes = []
    _, same = build_archive([corpus], tmp_path / "out", mode="update", on_notice=notes.append)
    assert same.extracted == 0 and notes == []
    _, other = build_archive([corpus], tmp_path / "out", mode="update", patterns=[str(patterns)], on_notice=notes.append)
    assert other.extracted == 3
    # said before the reading starts, with the reason: the user asked for other settings
    assert notes == ["these settings differ from the archive's (model, patterns, events or size limit): all 3 documents are read again"]
    # and an addition keeps them: nothing is read again, nothing is said
    _, kept = build_archive([], tmp_path / "out", mode="add", on_notice=notes.append)
    assert kept.extracted == 0 and len(notes) == 1


def test_adding_to_nothing_is_an_error(tmp_path):
    from newskg.errors import NewskgError

    with pytest.raises(NewskgError, match="E415"):
        add([write(tmp_path / "corpus", TEXTS)], tmp_path / "nowhere")


def test_an_archive_folder_holding_other_files_is_left_alone(tmp_path):
    from newskg.errors import NewskgError

    corpus = write(tmp_path / "corpus", ["a-arrest.txt"])
    (tmp_path / "out" / "archive").mkdir(parents=True)
    (tmp_path / "out" / "archive" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(NewskgError, match="E414"):
        build([corpus], tmp_path / "out")
    assert (tmp_path / "out" / "archive" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_an_archive_made_by_other_code_is_read_again(tmp_path, monkeypatch):
    """A newer checkout with the same version number: its rules may find other facts, so the
    records of the old code are not reused by an addition."""
    from newskg.archive import update

    corpus = write(tmp_path / "corpus", ["a-arrest.txt", "b-court.txt"])
    build([corpus], tmp_path / "out")
    _, same = build_archive([], tmp_path / "out", mode="add")
    assert same.extracted == 0
    monkeypatch.setattr(update, "_own_code", lambda: "another revision of the extract and graph code")
    replaced = []
    real_replace = update.GraphStore.replace_graph
    monkeypatch.setattr(update.GraphStore, "replace_graph", lambda self, graph, triples: (replaced.append(graph), real_replace(self, graph, triples)))
    notes = []
    _, again = build_archive([], tmp_path / "out", mode="add", on_notice=notes.append)
    assert again.extracted == 2 and again.documents == 2
    # the user who added nothing and waits for every document is told why
    assert notes == ["newskg's rules, its lexicon or the pattern and event files changed since the archive was built: all 2 documents are read again"]
    # every graph went: the store was emptied and written as a build writes it, not taken apart
    # fact by fact, and it holds what a fresh build of the new code holds
    assert replaced and not [g for g in replaced if "/graph/document/" in g]
    build([corpus], tmp_path / "fresh")
    assert quads(tmp_path / "out") == quads(tmp_path / "fresh")
    assert (tmp_path / "out" / "graph.trig").read_bytes() == (tmp_path / "fresh" / "graph.trig").read_bytes()


def _copied_blocks(monkeypatch) -> list[str]:
    """The graphs whose graph.trig blocks the next write copies from the previous file."""
    from newskg.archive import quads as quads_module

    copied: list[str] = []
    block = quads_module._Previous.block

    def spy(self, graph, name):
        data = block(self, graph, name)
        if data is not None:
            copied.append(graph)
        return data

    monkeypatch.setattr(quads_module._Previous, "block", spy)
    return copied


def _dumped_graphs(monkeypatch) -> list[str]:
    """The graphs Oxigraph dumps from here on ("DEFAULT" for the union, "ALL" for the dataset)."""
    import pyoxigraph

    dumped: list[str] = []
    dump = pyoxigraph.Store.dump

    def spy(self, *args, from_graph=None, **kwargs):
        dumped.append("DEFAULT" if isinstance(from_graph, pyoxigraph.DefaultGraph) else getattr(from_graph, "value", "ALL"))
        return dump(self, *args, from_graph=from_graph, **kwargs)

    monkeypatch.setattr(pyoxigraph.Store, "dump", spy)
    return dumped


def test_an_addition_copies_the_unchanged_graphs_of_graph_trig_and_dumps_the_rest(tmp_path, monkeypatch):
    from newskg.graph.iris import document_graph_iri

    corpus = _built_beside_the_whole_corpus(tmp_path, ["a-arrest.txt", "c-sanction.txt"])
    catalog = Catalog(archive_location(tmp_path / "out") / "catalog.sqlite")
    graphs = {Path(d.path).name: str(document_graph_iri(d.doc_id)) for d in catalog.documents()}
    catalog.close()
    copied = _copied_blocks(monkeypatch)
    dumped = _dumped_graphs(monkeypatch)
    write(corpus, ["b-court.txt"])
    build_archive([corpus], tmp_path / "out", mode="add")
    # b-court is new; a-arrest and c-sanction are as they were; the entities graph and the
    # ontology are always dumped again
    assert sorted(copied) == sorted(graphs.values())
    assert (tmp_path / "out" / "graph.trig").read_bytes() == (tmp_path / "full-out" / "graph.trig").read_bytes()
    # graph.ttl is written from the same blocks (the same bytes as a full build's): only the new
    # document's graph, the entities and the ontology are dumped
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == (tmp_path / "full-out" / "graph.ttl").read_bytes()
    assert len(dumped) == 3 and not set(dumped) & set(graphs.values())


def test_graph_ttl_holds_the_union_of_the_documents_graphs_each_under_a_comment_naming_it(tmp_path):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    kg = build([write(tmp_path / "corpus", TEXTS)], tmp_path / "out")
    ttl = tmp_path / "out" / "graph.ttl"
    union = Graph()
    for s, p, o, _ in quads(tmp_path / "out"):
        union.add((s, p, o))
    parsed = Graph().parse(ttl, format="turtle")
    assert len(parsed) == len(union) == len(kg.query("SELECT * WHERE { ?s ?p ?o }").rows)
    assert isomorphic(parsed, union)
    named = [line.split(b" ", 2)[2].strip() for line in ttl.read_bytes().splitlines() if line.startswith(b"# graph <")]
    assert named == sorted(named) and len(named) == len(TEXTS) + 2  # each document, the entities, the ontology


def test_a_graph_trig_edited_by_hand_or_written_without_the_store_is_not_copied_from(tmp_path, monkeypatch):
    corpus = _built_beside_the_whole_corpus(tmp_path, ["a-arrest.txt", "c-sanction.txt"])
    trig = tmp_path / "out" / "graph.trig"
    data = trig.read_bytes()
    assert b"Strelsau" in data
    trig.write_bytes(data.replace(b"Strelsau", b"Strelzau"))  # the same size: only the hash tells
    copied = _copied_blocks(monkeypatch)
    write(corpus, ["b-court.txt"])
    build_archive([corpus], tmp_path / "out", mode="add")
    assert copied == []
    assert trig.read_bytes() == (tmp_path / "full-out" / "graph.trig").read_bytes()
    # the graph.trig an addition without files kept in the archive, edited: not copied from either
    (corpus / "a-arrest.txt").write_text(TEXTS["a-arrest.txt"] + "\n\nShe was released on bail.", encoding="utf-8")
    build_archive([corpus], tmp_path / "out", mode="add", files=False)
    kept = archive_location(tmp_path / "out") / "kept-graph.trig"
    assert not trig.exists() and kept.is_file()
    kept.write_bytes(kept.read_bytes().replace(b"Strelsau", b"Strelzau"))
    build_archive([corpus], tmp_path / "out", mode="add")
    assert copied == [] and not kept.exists()
    build([corpus], tmp_path / "again")
    assert trig.read_bytes() == (tmp_path / "again" / "graph.trig").read_bytes()


def test_a_graph_trig_left_as_it_was_written_is_copied_from_without_hashing_it_again(tmp_path, monkeypatch):
    import os

    from newskg.output import build_folder

    corpus = _built_beside_the_whole_corpus(tmp_path, ["a-arrest.txt", "c-sanction.txt"])
    hashed: list[Path] = []
    file_sha256 = build_folder.file_sha256
    monkeypatch.setattr(build_folder, "file_sha256", lambda path: hashed.append(Path(path)) or file_sha256(path))
    copied = _copied_blocks(monkeypatch)
    write(corpus, ["b-court.txt"])
    build_archive([corpus], tmp_path / "out", mode="add")
    trig = tmp_path / "out" / "graph.trig"
    assert len(copied) == 2 and trig not in hashed  # its stamp is the one it was written with
    assert trig.read_bytes() == (tmp_path / "full-out" / "graph.trig").read_bytes()
    # touched (its stamp moved, its bytes did not): hashed, found unchanged, and copied from
    stat = trig.stat()
    os.utime(trig, ns=(stat.st_atime_ns, stat.st_mtime_ns - 10**9))
    (corpus / "a-arrest.txt").write_text(TEXTS["a-arrest.txt"] + "\n\nShe was released on bail.", encoding="utf-8")
    copied.clear()
    build_archive([corpus], tmp_path / "out", mode="add")
    assert trig in hashed and len(copied) == 2  # the two unchanged documents' blocks
    build([corpus], tmp_path / "again")
    assert trig.read_bytes() == (tmp_path / "again" / "graph.trig").read_bytes()


def test_an_addition_after_additions_without_files_copies_the_blocks_of_the_graph_trig_they_kept(tmp_path, monkeypatch):
    from newskg.graph.iris import document_graph_iri

    corpus = _built_beside_the_whole_corpus(tmp_path, ["a-arrest.txt"])
    catalog = Catalog(archive_location(tmp_path / "out") / "catalog.sqlite")
    first = [str(document_graph_iri(d.doc_id)) for d in catalog.documents()]
    catalog.close()
    kept = archive_location(tmp_path / "out") / "kept-graph.trig"
    written = (tmp_path / "out" / "graph.trig").read_bytes()
    # two additions without files: the build's graph.trig is removed from the build folder (it
    # would be out of date) and kept in the archive, as it was, for the next addition
    for name in ("b-court.txt", "c-sanction.txt"):
        write(corpus, [name])
        build_archive([corpus], tmp_path / "out", mode="add", files=False)
        assert not (tmp_path / "out" / "graph.trig").exists()
        assert kept.read_bytes() == written
    copied = _copied_blocks(monkeypatch)
    build_archive([corpus], tmp_path / "out", mode="add")
    # a-arrest's graph is as it was: copied from the kept file; the two new ones are dumped
    assert copied == first
    for name in ("graph.trig", "graph.ttl", "graph.html"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "full-out" / name).read_bytes(), name
    assert not kept.exists(), "the build's own graph.trig is the one to copy from again"



def _page_reads(monkeypatch) -> list[tuple[bool, int]]:
    """For each page drawn from here on: whether it read on from a kept state, and how many
    documents it read the mentions, statements, events and claims of."""
    from rdflib import RDF

    import newskg.output.page as page_package
    from newskg.ontology import NKG

    reads: list[tuple[bool, int]] = []
    read_page = page_package.read_page

    def spy(dataset, options=None, *, since=None, added=None):
        source = added if since is not None else dataset
        reads.append((since is not None, len(set(source.subjects(RDF.type, NKG.Document)))))
        return read_page(dataset, options, since=since, added=added)

    monkeypatch.setattr(page_package, "read_page", spy)
    return reads


def test_an_addition_reads_only_the_new_documents_for_the_page_and_draws_the_page_a_full_build_draws(tmp_path, monkeypatch):
    corpus = _built_beside_the_whole_corpus(tmp_path, ["a-arrest.txt", "b-court.txt"])
    reads = _page_reads(monkeypatch)
    write(corpus, ["c-sanction.txt"])
    _, summary = build_archive([corpus], tmp_path / "out", mode="add")
    assert summary.rewritten == 1, "only the new document's graph is written"
    assert reads == [(True, 1)], "the page read on from the kept state, reading the new document alone"
    for name in ("graph.html", "graph.ttl", "graph.trig"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "full-out" / name).read_bytes(), name


def test_the_page_is_read_whole_when_an_addition_moves_mentions_or_the_kept_state_is_damaged(tmp_path, monkeypatch):
    corpus = write(tmp_path / "corpus", ["b-court.txt", "c-sanction.txt"])
    build([corpus], tmp_path / "out")
    reads = _page_reads(monkeypatch)
    # a-arrest gives "Vandermeer" of b-court her full name: b-court's graph is rewritten, and the
    # kept state (which counted its mentions under the old actor) is not read on
    write(corpus, ["a-arrest.txt"])
    build_archive([corpus], tmp_path / "out", mode="add")
    state = archive_location(tmp_path / "out") / "page-state.json"
    state.write_bytes(state.read_bytes()[:-10])  # cut short: its hash no longer matches
    (corpus / "d.txt").write_text("Lantern Rights Watch praised the court in Strelsau.", encoding="utf-8")
    build_archive([corpus], tmp_path / "out", mode="add")
    (corpus / "e.txt").write_text("The Freedonian government condemned Rudolf Elphberg.", encoding="utf-8")
    build_archive([corpus], tmp_path / "out", mode="add")
    assert reads == [(False, 3), (False, 4), (True, 1)]
    build([corpus], tmp_path / "fresh")
    assert (tmp_path / "out" / "graph.html").read_bytes() == (tmp_path / "fresh" / "graph.html").read_bytes()


def test_drawing_after_additions_without_files_reads_on_from_the_kept_state(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from newskg.cli import app

    corpus = _built_beside_the_whole_corpus(tmp_path, ["a-arrest.txt", "b-court.txt"])
    reads = _page_reads(monkeypatch)
    write(corpus, ["c-sanction.txt"])
    build_archive([corpus], tmp_path / "out", mode="add", files=False)
    assert reads == [], "an addition without files draws nothing"
    drawn = CliRunner().invoke(app, ["draw", "--graph", str(tmp_path / "out")])
    assert drawn.exit_code == 0, drawn.output
    # the state kept by the build's drawing: only the document added since is read
    assert reads == [(True, 1)]
    assert (tmp_path / "out" / "graph.html").read_bytes() == (tmp_path / "full-out" / "graph.html").read_bytes()
    # the drawing kept its own state: drawing again reads no document's facts, and a page with
    # other options, which cannot read on from it, is read whole and written elsewhere
    assert CliRunner().invoke(app, ["draw", "--graph", str(tmp_path / "out")]).exit_code == 0
    small = tmp_path / "small.html"
    assert CliRunner().invoke(app, ["draw", "--graph", str(tmp_path / "out"), "--max-nodes", "2", "--out", str(small)]).exit_code == 0
    assert reads[1:] == [(True, 0), (False, 3)]
    assert (tmp_path / "out" / "graph.html").read_bytes() == (tmp_path / "full-out" / "graph.html").read_bytes()


def test_the_ontology_graph_is_written_again_only_when_the_users_properties_in_use_change(tmp_path, monkeypatch):
    from rdflib import RDFS, URIRef

    import newskg.graph.build as graph_build
    from newskg.graph.iris import ONTOLOGY_GRAPH
    from newskg.ontology import NKG

    events = tmp_path / "events.yml"
    events.write_text(
        "classes:\n  - name: Honour\n    plover: SUPPORT\n    property: honours\n    verbs: [honour, honor]\n    target_preps: []\n",
        encoding="utf-8",
    )
    corpus = write(tmp_path / "corpus", ["a-arrest.txt"])
    build_archive([corpus], tmp_path / "out", events=[str(events)])
    made: list[int] = []
    ontology_triples = graph_build.ontology_triples
    monkeypatch.setattr(graph_build, "ontology_triples", lambda properties=(): made.append(len(properties)) or ontology_triples(properties))
    write(corpus, ["b-court.txt"])
    build_archive([corpus], tmp_path / "out", mode="add")
    assert made == [], "no document uses the user's property yet: the ontology is as written"
    (corpus / "d-award.txt").write_text("Lantern Rights Watch honoured Ilsa Vandermeer in Strelsau.", encoding="utf-8")
    build_archive([corpus], tmp_path / "out", mode="add")
    assert made == [1], "a document uses it now: the ontology defines it"
    honours = URIRef(str(NKG._NS) + "honours")
    assert (honours, RDFS.subPropertyOf, NKG.interactsWith, str(ONTOLOGY_GRAPH)) in quads(tmp_path / "out")
    build_archive([corpus], tmp_path / "full-out", events=[str(events)])
    assert (tmp_path / "out" / "graph.trig").read_bytes() == (tmp_path / "full-out" / "graph.trig").read_bytes()
