"""A field holding an @string macro's name is not judged as text (the macro's value is what prints)."""

from __future__ import annotations

from citeman.validate.lint import lint_text

BIB = """@string{jot = {Journal of Things}}

@article{a,
  author = {Doe, Jane},
  title = {T},
  journal = jot,
  year = 2020,
  month = jan,
  volume = 1,
  pages = {1--2},
}
"""


def test_a_lower_case_macro_name_is_no_lower_case_journal():
    assert [f.diagnostic.code for f in lint_text(BIB)] == []


def test_the_same_text_in_braces_is_still_judged():
    findings = lint_text(BIB.replace("journal = jot", "journal = {jot}"))
    assert "T011" in [f.diagnostic.code for f in findings]
