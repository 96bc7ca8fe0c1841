"""Keywords come from the subject vocabulary or pass the quality filter (issue 16.4)."""

from __future__ import annotations

from citeman.keywords import MAX_KEYWORDS, choose_keywords, fold, subjects


def test_months_fragments_and_lone_generic_words_are_dropped():
    # The seed references' keywords before the vocabulary: YAKE's noise.
    noise = ["Mature", "April", "purchased the wheat", "interim government purchased", "wheat in huge",
             "Open", "Policy", "Ties", "Examining", "defense which accounts", "United States' Free"]
    assert choose_keywords(noise) == []


def test_names_without_a_subject_word_are_dropped():
    assert choose_keywords(["Narendra Modi", "Rajnath Singh", "Donald Trump"]) == []


def test_case_spelling_and_plural_fold_to_one_keyword():
    assert fold("Strategic Partnerships") == fold("strategic partnership")
    assert fold("Missile Defense") == fold("missile defence")
    assert choose_keywords(["Strategic Partnerships", "strategic partnership", "STRATEGIC PARTNERSHIP"]) == ["strategic partnership"]


def test_vocabulary_spelling_is_shown_and_near_duplicates_are_dropped():
    found = choose_keywords(["indo-pacific", "Defense Cooperation", "Pakistan", "Pakistan maritime security"])
    assert found == ["Indo-Pacific", "defence cooperation", "Pakistan"]


def test_quality_phrases_about_a_subject_are_kept():
    assert choose_keywords(["emerging water scarcity", "China Power Rivalry"]) == ["emerging water scarcity", "China power rivalry"]


def test_user_keywords_join_the_vocabulary_and_come_first():
    assert choose_keywords(["Shadowboxing", "India"], given=["Shadowboxing"]) == ["Shadowboxing", "India"]


def test_at_most_eight():
    many = list(subjects().values())
    assert len(choose_keywords(many)) == MAX_KEYWORDS == 8


def test_the_vocabulary_is_shipped_with_the_package_and_has_no_duplicates():
    from importlib import resources

    lines = [ln.strip() for ln in resources.files("citeman.data").joinpath("subjects.txt").read_text().splitlines()]
    terms = [ln for ln in lines if ln and not ln.startswith("#")]
    assert len({fold(t) for t in terms}) == len(terms) > 50
