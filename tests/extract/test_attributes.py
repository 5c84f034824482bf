"""The table attribute ruler gives tokens exactly what spaCy's attribute ruler gives them."""

from __future__ import annotations

import spacy

from newskg.extract.attributes import TableAttributeRuler, speed_up_attribute_ruler

SENTENCES = [
    "Orrin Tassel ain't here and the Veldmark unions ain't gonna wait; we gotta go.",
    "Let's go, c'mon, y'all! Nothin' works in Port Amsel.",
    "There is a problem with the Harbour Ministry. There are two. Give it to me. They saw you and I.",
    "I did it. Do you? What did he do? That which is. Which one did they pick?",
    "I'm sure; you're right; it's fine; they've gone; we'd stay, although it isn't over.",
    "WHY DIDN'T THE MINISTER OF LABOUR OF VELDMARK KNOW?  \n\n\t  Spaces   everywhere .",
]


def attributes(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_same_tokens_as_the_models_own_ruler(swapped_copy):
    plain, tabled, _ = swapped_copy(speed_up_attribute_ruler, "attribute_ruler", TableAttributeRuler)
    for theirs, ours in zip(plain.pipe(SENTENCES), tabled.pipe(SENTENCES)):
        assert attributes(ours) == attributes(theirs)
    # the constructions the rules are for were in the text: a multi-token rule and a negation
    doc = tabled("They ain't gonna stop.")
    assert [t.lemma_ for t in doc][:4] == ["they", "be", "not", "go"]


def ruler_with(*rules):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    for patterns, attrs, index in rules:
        ruler.add(patterns, attrs, index=index)
    return nlp, ruler


def test_later_rules_win_and_every_kind_of_test():
    nlp, ruler = ruler_with(
        ([[{"LOWER": {"IN": ["orrin", "ilsa"]}}]], {"POS": "PROPN"}, 0),
        ([[{"LOWER": "orrin"}]], {"POS": "X", "LEMMA": "orrin!"}, 0),  # later: wins over the first
        ([[{"LOWER": {"REGEX": "^vel"}}]], {"POS": "NOUN"}, 0),
        ([[{"ORTH": {"NOT_IN": ["Tassel", "said", "Orrin", "Ilsa", "Veldmark"]}}]], {"NORM": "other"}, 0),
        ([[{"ORTH": "Ilsa"}, {"ORTH": "said"}]], {"LEMMA": "say"}, -1),  # the last token of two
    )
    table = TableAttributeRuler(ruler)
    texts = ["Orrin Tassel said Veldmark", "Ilsa said no"]
    expected = [[(t.text, t.pos_, t.lemma_, t.norm_) for t in ruler(nlp.make_doc(x))] for x in texts]
    got = [[(t.text, t.pos_, t.lemma_, t.norm_) for t in table(nlp.make_doc(x))] for x in texts]
    assert got == expected
    assert got[0][0] == ("Orrin", "X", "orrin!", "orrin")
    assert got[0][3][1] == "NOUN" and got[1][1][2] == "say" and got[1][2][3] == "other"


def test_a_ruler_it_cannot_table_is_left_alone():
    nlp, ruler = ruler_with(([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"}, 0))
    assert not speed_up_attribute_ruler(nlp)
    assert nlp.get_pipe("attribute_ruler") is ruler
    assert not speed_up_attribute_ruler(spacy.blank("en"))  # no ruler at all
