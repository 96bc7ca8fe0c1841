"""Labels read back from marked renderings (the synthetic training data)."""

from __future__ import annotations

from citeman.training.align import label_rendering
from citeman.training.render import mark


def _marked(record: dict) -> str:
    """A hand-made rendering of ``mark(record)``: 'Family, I. (year). Title. Container, vol, pages.'"""
    m = mark(record, True)
    return f"{m['author'][0]['family']}, P. J. ({record['issued']['date-parts'][0][0]}). {m['title']}. " \
           f"{m['container-title']}, {m['volume']}, S. {m['page']}."


RECORD = {"id": "r1", "type": "article-journal", "author": [{"family": "Donaldson", "given": "P. J."}],
          "title": "Magnetic resonance", "container-title": "Physics Letters", "volume": "3", "page": "20-21",
          "issued": {"date-parts": [[2000]]}}


def test_initials_after_a_family_name_stay_with_the_name():
    pairs = label_rendering(_marked(RECORD), "2000", journal=True)
    assert pairs[:3] == [("Donaldson,", "author"), ("P.", "author"), ("J.", "author")]
    assert ("(2000).", "date") in pairs


def test_style_words_join_the_field_they_introduce():
    pairs = dict(label_rendering(_marked(RECORD), "2000", journal=True))
    assert pairs["S."] == "pages" and pairs["Physics"] == "journal"


def test_a_token_split_evenly_between_two_fields_takes_the_first():
    m = mark({"title": "Resonance", "container-title": "X", "volume": "Y"}, True)
    text = f"{m['title']} (2000). {m['container-title']}{m['volume']}"
    assert label_rendering(text, "2000", journal=True)[-1] == ("XY", "journal")


def test_volume_issue_and_pages_in_one_token_are_labelled_volume_as_in_core_xml():
    m = mark({"container-title": "Strategic Studies", "volume": "35", "issue": "3", "page": "71-86"}, True)
    text = f"Smith (2015). {m['container-title']}. {m['volume']}({m['issue']}):{m['page']}"
    assert label_rendering(text, "2015", journal=True, compound_volume=True)[-1] == ("35(3):71-86", "volume")
    assert label_rendering(text, "2015", journal=True)[-1] == ("35(3):71-86", "pages")
