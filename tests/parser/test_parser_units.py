"""Unit tests: tokeniser, features, identifier rules, span cleaning, names."""

from __future__ import annotations

import pytest

from citeman.ingest.authors import clean_names_text, split_persons
from citeman.ingest.labeller import sequence_features, token_features
from citeman.ingest.parser import (
    clean_title,
    normalize_doi,
    normalize_pages,
    normalize_url,
    parse_date,
    parse_volume,
)
from citeman.ingest.tokens import tokenize
from citeman.model import Person
from citeman.normalize.markdown import clean_reference


def test_tokens_keep_offsets_into_the_string():
    text = "Smith, J.  (2019).\tTitle"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["Smith,", "J.", "(2019).", "Title"]
    assert all(text[t.start:t.end] == t.text for t in tokens)


def test_vancouver_date_volume_pages_are_split():
    assert [t.text for t in tokenize("J Endod. 2014;40(9):1477-81.")] == [
        "J", "Endod.", "2014;", "40(9):", "1477-81."]


def test_urls_are_not_split_on_colons():
    assert [t.text for t in tokenize("https://doi.org/10.1/x;2")] == ["https://doi.org/10.1/x;2"]


@pytest.mark.parametrize(
    ("word", "feature"),
    [
        ("(2019).", "year"),
        ("119–144.", "pagerange"),
        ("14(1),", "volissue"),
        ("https://doi.org/10.1353/asp.2019.0011", "doi"),
        ("https://example.org", "url"),
        ("March", "month"),
        ("Press,", "pubword"),
        ("(Eds.),", "editor"),
        ("J.", "initials"),
        ("pp.", "ppword"),
        ("Vol.", "volword"),
        ("al.", "etal"),
        ("“Realizing", "quote_open"),
    ],
)
def test_token_features_mark_what_the_word_is(word, feature):
    assert feature in token_features(word)


def test_shape_and_case_features():
    feats = token_features("Smith,")
    assert "shape=Xx," in feats and "title" in feats and "w=smith" in feats
    assert "caps" in token_features("EISENMAN,")


def test_sequence_features_carry_position_and_neighbours():
    feats = sequence_features(["Smith,", "J.", "(2019).", "Title."])
    assert "BOS" in feats[0] and "EOS" in feats[3]
    assert "1:w=j" in feats[0] and "2:w=2019" in feats[0]
    assert "-1:initials" in feats[2]
    assert "afteryear" in feats[3] and "afteryear" not in feats[2]


@pytest.mark.parametrize(
    ("raw", "doi"),
    [
        ("https://doi.org/10.1353/asp.2019.0011", "10.1353/asp.2019.0011"),
        ("doi: 10.1000/xyz123.", "10.1000/xyz123"),
        ("<https://dx.doi.org/10.1002/(SICI)1097-4571>", "10.1002/(SICI)1097-4571"),
        ("no identifier", ""),
    ],
)
def test_normalize_doi_returns_bare_doi(raw, doi):
    assert normalize_doi(raw) == doi


def test_normalize_url_unescapes_and_strips():
    assert normalize_url("<http://a.org/Dr.\\_Syed_x.pdf>.") == "http://a.org/Dr._Syed_x.pdf"


@pytest.mark.parametrize(
    ("raw", "pages"),
    [("119–144.", "119--144"), ("pp. 1761–1800).", "1761--1800"), ("p. 5", "5"), ("1477-81.", "1477--81"),
     ("e1002", "e1002")],
)
def test_normalize_pages(raw, pages):
    assert normalize_pages(raw) == pages


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("14(1),", ("14", "1")),
        ("(Vol. 5, Issue 2)", ("5", "2")),
        ("vol. 3, no. 4,", ("3", "4")),
        ("45", ("45", "")),
        ("30(October),", ("30", "October")),
    ],
)
def test_parse_volume(raw, expected):
    assert parse_volume(raw) == expected


def test_parse_date_years_months_and_suffixes():
    assert parse_date("(2019).") == {"year": "2019"}
    assert parse_date("(2020a).") == {"year": "2020", "yearsuffix": "a"}
    assert parse_date("(2012, January 16).") == {"year": "2012", "month": "jan", "date": "2012-01-16"}
    assert parse_date("(n.d.).") == {}
    assert parse_date("(4392).") == {"year": "4392"}


def test_clean_title_strips_quotes_and_trailing_punctuation_but_keeps_question_marks():
    assert clean_title("“A Spanish Romanticist Parodies Himself,”") == "A Spanish Romanticist Parodies Himself"
    assert clean_title("Hegemonic Behavior?") == "Hegemonic Behavior?"
    assert clean_title("Realizing the potential.") == "Realizing the potential"


def test_clean_reference_removes_markdown_but_keeps_url_underscores():
    raw = "*Asia Policy*, 14(1). [http://x.org/a\\\\_b.pdf](http://x.org/a_b.pdf) <https://doi.org/10.1/a_b>"
    assert clean_reference(raw) == "Asia Policy, 14(1). http://x.org/a_b.pdf https://doi.org/10.1/a_b"


def test_names_family_first_apa():
    people, truncated = split_persons("Romero, C., Paunesku, D., & Dweck, C.")
    assert [(p.family, p.given) for p in people] == [("Romero", "C."), ("Paunesku", "D."), ("Dweck", "C.")]
    assert not truncated


def test_names_given_first_and_mixed_orders():
    people, _ = split_persons("Lee, L. L., W. E. Howard, and R. E. Marsh.")
    assert [(p.family, p.given) for p in people] == [("Lee", "L. L."), ("Howard", "W. E."), ("Marsh", "R. E.")]
    people, _ = split_persons("S. E. Han, G. Chen,")
    assert [(p.family, p.given) for p in people] == [("Han", "S. E."), ("Chen", "G.")]


def test_names_vancouver_with_particles():
    people, _ = split_persons("Pérez-Higueras JJ, Arias A, de la Macorra JC, Peters OA.")
    assert people[0] == Person(family="Pérez-Higueras", given="J. J.")
    assert people[2] == Person(family="Macorra", given="J. C.", particle="de la")
    assert len(people) == 4


def test_et_al_marks_truncation_and_is_never_a_person():
    people, truncated = split_persons("Smith, J., Jones, K., et al.")
    assert truncated
    assert [p.family for p in people] == ["Smith", "Jones"]


def test_organisation_is_kept_whole():
    people, _ = split_persons("World Health Organization.")
    assert people == [Person(literal="World Health Organization")]


def test_all_caps_names_are_normalised():
    people, _ = split_persons("Shinn, D. H., & EISENMAN, J.")
    assert [p.family for p in people] == ["Shinn", "Eisenman"]
    assert people[1].given == "J."


def test_suffixes_and_particles():
    people, _ = split_persons("van der Berg, J., & Smith, John Jr.")
    assert people[0] == Person(family="Berg", given="J.", particle="van der")
    assert people[1] == Person(family="Smith", given="John", suffix="Jr.")


def test_role_words_are_removed_from_editor_strings():
    assert clean_names_text("In O. Ashenfelter & D. Card (Eds.),") == ("O. Ashenfelter & D. Card", False)
    people, _ = split_persons("edited by Jane Doe")
    assert people == [Person(family="Doe", given="Jane")]


def test_vancouver_day_before_volume_is_split():
    assert [t.text for t in tokenize("2015 May 28;521(7553):436-44.")] == [
        "2015", "May", "28;", "521(7553):", "436-44."]


def test_vancouver_list_ending_in_a_full_stop():
    people, _ = split_persons("LeCun Y, Bengio Y, Hinton G.")
    assert [(p.family, p.given) for p in people] == [("LeCun", "Y."), ("Bengio", "Y."), ("Hinton", "G.")]


def test_one_letter_family_name_before_initials():
    people, _ = split_persons("D, P. H. P.")
    assert people == [Person(family="D", given="P. H. P.")]


def test_volume_as_printed_before_the_issue():
    assert parse_volume("өы12y(235),") == ("өы12y", "235")


def test_bodies_without_commas_or_initials_are_kept_whole():
    assert split_persons("Federal Reserve Bank of Chicago.")[0] == [Person(literal="Federal Reserve Bank of Chicago")]
    assert split_persons("Lars Ole Andersen.")[0] == [Person(family="Andersen", given="Lars Ole")]


def test_slashes_separate_names():
    people, _ = split_persons("Irmtraud Schnell/ Alfred Sander/ Claudia Federolf")
    assert [p.family for p in people] == ["Schnell", "Sander", "Federolf"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ROUSSILLON, René. CHABERT, Catherine.", [Person(family="Roussillon", given="René"),
                                                   Person(family="Chabert", given="Catherine")]),
        ("BIASI, Pierre-Marc de.", [Person(family="Biasi", given="Pierre-Marc", particle="de")]),
        ("ARNOLDSON, K.P,", [Person(family="Arnoldson", given="K.P")]),
        ("SMITH J, JONES K.", [Person(family="Smith", given="J."), Person(family="Jones", given="K.")]),
        ("Fischberg S, Motamed S, Janssens J.P,", [Person(family="Fischberg", given="S."),
                                                  Person(family="Motamed", given="S."),
                                                  Person(family="Janssens", given="J.P")]),
        ("Smith, John, III", [Person(family="Smith", given="John", suffix="III")]),
        ("King, M. L., Jr., & Doe, J.", [Person(family="King", given="M. L.", suffix="Jr."),
                                         Person(family="Doe", given="J.")]),
    ],
)
def test_name_lists_in_many_styles(text, expected):
    assert split_persons(text)[0] == expected


def test_field_confidence_is_the_weakest_token_of_the_first_run_and_rules_count_as_certain():
    from citeman.ingest.confidence import label_confidence

    labels = ["author", "author", "date", "title", "title", "doi", "title"]
    model = ["author", "author", "date", "title", "title", "note", "title"]
    scores = [0.9, 0.6, 0.99, 0.8, 0.7, 0.2, 0.1]
    got = label_confidence(labels, model, scores)
    assert got == {"author": 0.6, "date": 0.99, "title": 0.7, "doi": 1.0}
