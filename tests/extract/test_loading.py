from __future__ import annotations

from pathlib import Path

from newskg.extract.loading import bundled_corpus, decode, discover, document_id, read_document
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
    assert sum(1 for r in result.relations if r.predicate == "condemns") == 30
    assert all(text[s.start : s.end].startswith(s.text[:20]) for s in result.sentences)
