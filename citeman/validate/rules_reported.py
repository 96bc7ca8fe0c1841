"""Codes that steps other than the linter report: ingesting references and documents, annotating.

``citeman ingest``, ``citeman annotate`` and the reference-list reader find these while
they build entries; the linter never runs them. They are declared here so that every
code citeman can print is documented by ``citeman rules`` and listed in docs/rules.md,
with the severity it is reported with. Their examples are the input of the step, not
BibTeX.
"""

from __future__ import annotations

from citeman.validate.base import Severity, reported_rule

unparsed_reference = reported_rule(
    "unparsed-reference", Severity.WARNING,
    """A reference string yielded neither a title nor an author.

    Why: nothing is dropped: the string becomes an ``@misc`` entry whose ``note`` and
    ``rawref`` hold the text, so it can be completed by hand.

    Bad:  ----. 2019. pp. 12-14.
    Good: Smith, J. (2019). A study of things. Journal of Studies, 4(2), 12-14.
    """,
)

document_field_missing = reported_rule(
    "document-field-missing", Severity.WARNING,
    """A document being ingested does not state a field its entry type expects.

    Why: the field is left out rather than guessed; give it on the command line or in
    a sidecar file (``paper.txt.yaml``) when you know it.

    Bad:  A study of things (a text with a title but no author line and no date)
    Good: A study of things / By Jane Smith / 3 March 2021
    """,
)

unnamed_writer = reported_rule(
    "unnamed-writer", Severity.INFO,
    """A document describes its writer (``the author is a journalist``) but never names them.

    Why: the description is not a name; the entry gets no author, and the note says why.

    Bad:  The writer is a senior fellow at the institute.
    Good: Jane Smith is a senior fellow at the institute.
    """,
)

weekday_mismatch = reported_rule(
    "weekday-mismatch", Severity.WARNING,
    """A date in a document names a weekday that does not fall on that date.

    Why: one of the two is a typo; the date is kept as written and the weekday ignored.

    Bad:  Monday, 3 March 2021
    Good: Wednesday, 3 March 2021
    """,
)

unreadable_override_date = reported_rule(
    "unreadable-override-date", Severity.WARNING,
    """A date given on the command line or in a sidecar file is not one citeman can read.

    Why: the value is kept as given, but no ``year`` or ``month`` can be derived from it.

    Bad:  date: sometime in spring
    Good: date: 2021-03-03
    """,
)

invalid_front_matter = reported_rule(
    "invalid-front-matter", Severity.WARNING,
    """The YAML front matter of a Markdown document cannot be parsed.

    Why: its fields are ignored and the text itself is read instead.

    Bad:
    ---
    title: [unclosed
    ---
    Good:
    ---
    title: A study of things
    ---
    """,
)

edited_field_kept = reported_rule(
    "edited-field-kept", Severity.INFO,
    """Re-ingesting a reference kept a field that was edited by hand since the last ingest.

    Why: hand edits win over freshly extracted values; the note says which were kept.

    Bad:  title = {A study of things} (edited by hand; the source now yields another title)
    Good: title = {A study of things} (unchanged since the last ingest)
    """,
)

annotation_source_missing = reported_rule(
    "annotation-source-missing", Severity.WARNING,
    """An entry to annotate has no ``citeman-source`` or its source file cannot be found.

    Why: an annotation is drafted from the text of the work; the entry is skipped. Name
    the folder of the sources with ``--source DIR``.

    Bad:  @article{smith2019, title = {A study}, citeman-source = {missing.pdf}}
    Good: @article{smith2019, title = {A study}, citeman-source = {smith2019.pdf}}
    """,
)

annotation_source_unreadable = reported_rule(
    "annotation-source-unreadable", Severity.WARNING,
    """The source of an entry to annotate (or the paper citing it) exists but cannot be read.

    Why: the entry is skipped rather than annotated from a partial text.

    Bad:  citeman-source = {scan.pdf} (a PDF holding only images)
    Good: citeman-source = {paper.pdf} (a PDF with a text layer)
    """,
)

page_furniture_removed = reported_rule(
    "page-furniture-removed", Severity.INFO,
    """A running head, footer or page number was removed from inside a reference list.

    Why: text repeated on every page would otherwise be glued into the references around it.

    Bad:
    Smith, J. (2019). A study of
    Journal of Studies 12
    things. Journal of Studies, 4(2).
    Good:
    Smith, J. (2019). A study of things. Journal of Studies, 4(2).
    """,
)

numbered_list_used = reported_rule(
    "numbered-list-used", Severity.INFO,
    """A paper has no reference heading; its numbered list was taken as the reference list.

    Why: the guess is usually right but worth a look.

    Bad:
    1. Smith, J. (2019). A study of things.
    2. Ng, K. (2020). Another study.
    Good:
    References
    1. Smith, J. (2019). A study of things.
    2. Ng, K. (2020). Another study.
    """,
)

subheading_skipped = reported_rule(
    "subheading-skipped", Severity.INFO,
    """A group heading inside a reference list (``Primary sources``) was skipped.

    Why: a heading is not a reference; it is reported so that nothing vanishes silently.

    Bad:
    References
    Primary sources
    Smith, J. (2019). A study of things.
    Good:
    References
    Smith, J. (2019). A study of things.
    """,
)

possibly_merged = reported_rule(
    "possibly-merged-references", Severity.WARNING,
    """A reference string reads like two references: a second ``Family, I. (Year).`` starts inside it.

    Why: a missing line break in the source glues two references into one entry.

    Bad:  Smith, J. (2019). A study. Journal, 4. Ng, K. (2020). Another study. Press.
    Good: Smith, J. (2019). A study. Journal, 4.
    """,
)

unreadable_import_item = reported_rule(
    "unreadable-import-item", Severity.WARNING,
    """An item of a CSL-JSON or RIS file being imported cannot be read as an entry.

    Why: nothing is dropped: the item becomes an ``@misc`` entry whose ``rawref`` holds
    its text (the JSON of the item, or the lines of the RIS record), so it can be
    completed by hand. The message names the line the item starts on and what is wrong.

    Bad:  {"type": "book", "author": "Jane Smith", "title": "A study"}
    Good: {"type": "book", "author": [{"family": "Smith", "given": "Jane"}], "title": "A study"}
    """,
)
