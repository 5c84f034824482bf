"""Each normalisation rule on short made-up text, and offsets that point back into the original."""

from __future__ import annotations

import pytest

from newskg.extract.normalize import normalize, parse_date, strip_html


def back(source: str, norm, needle: str) -> str:
    start = norm.text.index(needle)
    a, b = norm.span_to_original(start, start + len(needle))
    return source[a:b]


def test_dehyphenates_words_split_at_line_ends():
    assert normalize("an inter-\nnational treaty").text == "an international treaty"


def test_keeps_real_compounds_split_at_line_ends():
    text = "the award-winning paper and an award-\nwinning journalist"
    assert normalize(text).text == "the award-winning paper and an award-winning journalist"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("to maintain public o\n\nrder and accountability.", "to maintain public order and accountability."),
        ("shared values an\n\nd mutual respect.", "shared values and mutual respect."),
        ("with 18\n\npolitical parties competing.", "with 18 political parties competing."),
    ],
)
def test_repairs_words_and_sentences_broken_by_blank_lines(source, expected):
    assert normalize(source).text == expected


def test_rejoins_pdf_line_breaks_inside_a_sentence_but_keeps_paragraphs():
    source = (
        "The European Parliament calls on the authorities to release all political prisoners, \n"
        "activists and journalists held on charges.\nA new paragraph starts here."
    )
    text = normalize(source).text
    assert "prisoners, activists" in text
    assert "charges.\nA new paragraph" in text


def test_strips_stray_html_tags_and_entities_from_text():
    source = "the <u>deportation of opposition supporters</u> &amp; the <b>UN special rapporteur</b>"
    assert normalize(source).text == "the deportation of opposition supporters & the UN special rapporteur"


def test_drops_page_furniture_and_repeated_captions():
    caption = "Kem Sokha leaves his home in Tuol Kork district on March 3 to hear the verdict."
    source = f"NEWSLETTER\n\nWWW.EXAMPLE.ORG\n\n{caption}\n{caption}\n\nThe body text.\n\n743 views"
    text = normalize(source).text
    assert text.count("Kem Sokha leaves") == 1
    for junk in ("NEWSLETTER", "WWW.EXAMPLE.ORG", "743 views"):
        assert junk not in text


def test_reads_a_date_header_and_removes_it():
    norm = normalize(" date 2024-11-30 \n\nphnom penh: The National Assembly met.")
    assert norm.date == "2024-11-30"
    assert not norm.text.startswith("date")


def test_reads_a_dateline_under_the_headline():
    norm = normalize("Suspect Is Extradited to Thailand\n- January 11, 2025 , 3:15 PM\nPHNOM PENH – Cambodia said.")
    assert norm.date == "2025-01-11"
    assert norm.title == "Suspect Is Extradited to Thailand"
    assert "Phnom Penh\n" in norm.text  # the capitalised dateline is title-cased and ends its own line
    assert norm.text.rstrip().endswith("Cambodia said.")


def test_datelines_do_not_run_into_the_first_sentence():
    text = normalize("BANGKOK (Reuters) - A Thai court on Tuesday jailed an activist.").text
    assert text.split("\n")[0] == "Bangkok (Reuters)"
    assert normalize("Hun Sen - the prime minister - said no.").text == "Hun Sen - the prime minister - said no."


def test_title_cases_all_caps_headlines_but_keeps_acronyms():
    norm = normalize("EU AND UN OUTLINE STRATEGY FOR ADDRESSING CAMBODIA'S CRISIS\n\nThe EU and the UN spoke.")
    assert norm.text.splitlines()[0] == "EU and UN Outline Strategy for Addressing Cambodia's Crisis"


def test_offsets_point_into_the_original_file():
    source = "NEWSLETTER\n\nThe <u>Khmer Movement for Democracy</u> (KMD) wel-\ncomes the public o\n\nrder."
    norm = normalize(source)
    assert back(source, norm, "Khmer Movement for Democracy") == "Khmer Movement for Democracy"
    assert back(source, norm, "welcomes") == "wel-\ncomes"
    for i, ch in enumerate(norm.text):
        a, b = norm.span_to_original(i, i + 1)
        if ch.isalpha():
            assert source[a:b].lower() == ch.lower()


def test_html_pages_lose_scripts_and_navigation_and_keep_offsets():
    page = (
        "<html><head><title>EU resolution</title><script>alert('x')</script></head>"
        "<body><nav>Home | News</nav><p>The European Parliament &amp; the ILO met.</p>"
        "<footer>© 2024</footer></body></html>"
    )
    tracked, title, _ = strip_html(page)
    assert title == "EU resolution"
    assert "alert" not in tracked.text and "Home" not in tracked.text and "©" not in tracked.text
    norm = normalize(page, media_type="text/html")
    assert norm.text == "The European Parliament & the ILO met."
    a, b = norm.span_to_original(0, len("The European Parliament"))
    assert page[a:b] == "The European Parliament"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("On 28 November 2024 it passed", "2024-11-28"), ("Nov. 30, 2024", "2024-11-30"), ("2024-02-30", None), ("in 2020", None)],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected
