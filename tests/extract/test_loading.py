from __future__ import annotations

import os
from pathlib import Path

import pytest

from newskg.extract.loading import RawDocument, bundled_corpus, decode, discover, discover_real, document_id, read_document
from newskg.extract.models import Problem


def test_bundled_corpus_has_the_five_samples():
    files, problems = discover([bundled_corpus()])
    assert [f.suffix for f in files] == [".txt"] * 5
    assert problems == []


def test_discover_recurses_skips_hidden_and_reports_bad_paths(tmp_path: Path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.md").write_text("# Title\n\nText.")
    (tmp_path / "a" / "page.html").write_text("<p>Hi</p>")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "note.txt").write_text("hidden")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    files, problems = discover([tmp_path, tmp_path / "image.png", tmp_path / "missing"])
    assert sorted(f.name for f in files) == ["deep.md", "page.html"]
    # image.png is reported twice: given by name (E205) and found in the folder (E212, counted)
    assert sorted(p.code for p in problems) == ["E205", "E206", "E212"]


def test_decode_falls_back_to_cp1252_with_a_warning():
    text, warning = decode("Hun Sen\u2019s government".encode("cp1252"))
    assert text == "Hun Sen\u2019s government"
    assert warning and "Windows-1252" in warning


def test_decode_reads_utf16_with_bom():
    text, warning = decode("Phnom Penh".encode("utf-16"))
    assert text == "Phnom Penh" and warning is None


def test_binary_empty_and_huge_files_are_refused(tmp_path: Path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.7\x00\x01\x02" * 200)
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n\n")
    huge = tmp_path / "huge.txt"
    huge.write_text("word " * 1000)
    assert read_document(binary).code == "E202"
    assert read_document(empty).code == "E203"
    result = read_document(huge, max_bytes=100)
    assert isinstance(result, Problem) and result.code == "E204" and "100" in result.message


def test_wrong_encoding_is_read_with_a_warning(tmp_path: Path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 owners met the Minist\xe8re.".encode("latin-1"))
    doc = read_document(path)
    assert "Café" in doc.text
    assert [w.code for w in doc.warnings] == ["W201"]


def test_document_ids_are_stable_and_readable():
    assert document_id("EU resolution.txt", "abcdef0123") == "eu-resolution-abcdef01"
    assert document_id("EU resolution.txt", "abcdef0123") == document_id("EU resolution.txt", "abcdef0123")
    assert document_id("<script>.txt", "00ff00ff") == "script-00ff00ff"


def test_long_documents_are_parsed_in_chunks_with_offsets_into_the_file(tmp_path, monkeypatch, extractor):
    import newskg.extract.pipeline as pipeline

    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 400)
    paragraph = "Amnesty International condemned the Thai police for the arrest of Sam Rainsy in Bangkok."
    text = "\n\n".join(f"{paragraph} Paragraph {i}." for i in range(30))
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    assert len(pipeline.split_chunks(text, pipeline.CHUNK_CHARS)) > 5
    result = next(r for r in extractor.extract_paths([path]) if hasattr(r, "document"))
    amnesty = [m for m in result.mentions if m.text == "Amnesty International"]
    assert len(amnesty) == 30
    assert all(text[m.start : m.end] == m.text for m in result.mentions if m.source != "qualifier")
    assert len({m.sentence for m in amnesty}) == 30
    assert sum(1 for e in result.events if e.predicate == "condemns" and e.sources) == 30
    assert all(text[s.start : s.end].startswith(s.text[:20]) for s in result.sentences)


def test_a_symlink_out_of_the_folder_is_reported_and_not_read(tmp_path: Path):
    secret = tmp_path / "outside" / "passwd.txt"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "real.txt").write_text("The Ministry of Justice met the Law Society.")
    (corpus / "passwd.txt").symlink_to(secret)
    (corpus / "etc").symlink_to(secret.parent, target_is_directory=True)
    files, problems = discover([corpus])
    assert [f.name for f in files] == ["real.txt"]
    assert sorted((Path(p.path).name, p.code) for p in problems) == [("etc", "E209"), ("passwd.txt", "E209")]
    assert all("outside the folders given" in p.message for p in problems)


def test_a_symlink_inside_the_folder_is_read_once(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Text.")
    (tmp_path / "alias.txt").symlink_to(tmp_path / "a.txt")
    files, problems = discover([tmp_path])
    assert len(files) == 1 and problems == []


def test_each_file_comes_with_its_real_path_through_linked_folders_and_links(tmp_path: Path):
    # the real path of a file is taken from its folder's, not resolved file by file: through a
    # linked folder, a linked parent of the folder given and a linked file it must still be right
    real = tmp_path / "store" / ".kept" / "2026"  # a hidden folder: reached only by the link
    real.mkdir(parents=True)
    (real / "a.txt").write_text("Text.")
    (tmp_path / "store" / "b.md").write_text("# B\n\nText.")
    (tmp_path / "store" / "latest").symlink_to(real, target_is_directory=True)
    (tmp_path / "store" / "alias.txt").symlink_to(tmp_path / "store" / "b.md")
    (tmp_path / "via").symlink_to(tmp_path / "store", target_is_directory=True)
    found, problems = discover_real([tmp_path / "via"])
    assert problems == []
    assert [(path.relative_to(tmp_path).as_posix(), real_path) for path, real_path in found] == [
        ("via/b.md", os.path.realpath(tmp_path / "store" / "b.md")),
        ("via/latest/a.txt", os.path.realpath(real / "a.txt")),
    ]
    assert all(real_path == os.path.realpath(path) for path, real_path in found)
    assert [path for path, _ in found] == discover([tmp_path / "via"])[0]


def test_symlink_loops_and_broken_links_are_reported(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "doc.txt").write_text("Text.")
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    files, problems = discover([tmp_path])
    assert [f.name for f in files] == ["doc.txt"]
    assert sorted((Path(p.path).name, p.code) for p in problems) == [("back", "E210"), ("gone.txt", "E213"), ("self.txt", "E210")]


def test_odd_folders_unsupported_files_and_pipes_are_reported(tmp_path: Path):
    (tmp_path / "x.txt").mkdir()
    (tmp_path / "x.txt" / "inner.md").write_text("# Inner\n\nText.")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "data.csv").write_text("a,b\n")
    os.mkfifo(tmp_path / "pipe.txt")
    files, problems = discover([tmp_path])
    assert [f.name for f in files] == ["inner.md"]
    codes = sorted((Path(p.path).name, p.code) for p in problems)
    assert codes == [("data.csv", "E212"), ("photo.jpg", "E212"), ("pipe.txt", "E214"), ("x.txt", "W205")]
    assert read_document(tmp_path / "pipe.txt").code == "E214"  # never opened, so never blocks


def test_a_nul_byte_in_a_text_is_replaced_not_fatal(tmp_path: Path):
    path = tmp_path / "nul.txt"
    text = "The Ministry of Justice\x00 met the Law Society on Monday. " * 20
    path.write_bytes(text.encode("utf-8"))
    doc = read_document(path)
    assert isinstance(doc, RawDocument)
    assert "\x00" not in doc.text and len(doc.text) == len(text)
    assert [w.code for w in doc.warnings] == ["W203"] and "20 NUL bytes" in doc.warnings[0].message


def test_utf16_without_a_bom_is_still_binary_to_us(tmp_path: Path):
    path = tmp_path / "wide.txt"
    path.write_bytes("Phnom Penh court".encode("utf-16-le") * 50)
    assert read_document(path).code == "E202"


def test_building_from_a_missing_folder_raises_a_clear_error():
    from newskg.api import KnowledgeGraph, NoDocumentsError

    with pytest.raises(NoDocumentsError) as info:
        KnowledgeGraph.build(["missing/"], model="blank:en")
    assert info.value.code == "E208" and "missing" in str(info.value) and "E206" in str(info.value)


def test_a_folder_of_unsupported_files_says_why_nothing_was_built(tmp_path: Path):
    from newskg.api import KnowledgeGraph, NoDocumentsError

    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7")
    with pytest.raises(NoDocumentsError) as info:
        KnowledgeGraph.build([tmp_path], model="blank:en")
    assert "E212" in str(info.value) and [p.code for p in info.value.problems] == ["E212"]


def test_long_documents_are_parsed_one_bounded_batch_at_a_time(blank_nlp, monkeypatch):
    import newskg.extract.pipeline as pipeline

    sizes: list[int] = []
    real_pipe = type(blank_nlp).pipe

    def recording_pipe(self, texts, **kwargs):
        if kwargs.get("as_tuples"):  # spaCy calls itself again with the bare texts
            texts = list(texts)
            sizes.append(sum(len(t) for t, _ in texts))
        return real_pipe(self, texts, **kwargs)

    monkeypatch.setattr(type(blank_nlp), "pipe", recording_pipe)
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 300)
    extractor = pipeline.Extractor(pipeline.ExtractSettings(model="blank:en"), nlp=blank_nlp)
    long_text = "\n\n".join(f"The Ministry of Justice met the Law Society on day {i}." for i in range(60))
    short_texts = [f"The Law Society wrote to the Ministry of Justice, note {i}." for i in range(5)]
    raws = [
        RawDocument(f"d{i}.txt", f"d{i}.txt", f"{i:064d}", "text/plain", text)
        for i, text in enumerate([short_texts[0], long_text, *short_texts[1:]])
    ]
    results = list(extractor.extract_raw(raws))
    assert [r.document.file_name for r in results] == [raw.file_name for raw in raws]  # order kept
    assert len(pipeline.split_chunks(long_text, 300)) > 5
    # No batch holds more than one chunk's worth of text (plus the one that filled it).
    assert max(sizes) <= 2 * 300 and len(sizes) > 5
    assert sum(1 for m in results[1].mentions if m.text == "Ministry of Justice") == 60
