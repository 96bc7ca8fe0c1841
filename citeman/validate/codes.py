"""The one table of every code citeman reports, sorted by code (as ruff's ``codes.rs`` is).

Each line declares one code: the rule that owns it (its name, severity, fixability and
documentation with a bad and a good example live on the rule, next to its check) and
the fields it reads; the linter skips a rule at once for an entry that has none of
them (empty: every entry). Rules that the linter runs, the ones the .bib reader and the
duplicate finder report, and the codes other steps report (``citeman ingest``,
``citeman annotate``, see :mod:`.rules_reported`; ``citeman verify``, see
:mod:`.rules_online`) are all listed here, so ``citeman rules``, docs/rules.md and the SARIF rule metadata cover every code. A test fails when
the package emits a code that is not in this table or in an extension module (see
:mod:`.registry`).
"""

from __future__ import annotations

from dataclasses import replace

from citeman.validate import (
    rules_confidence,
    rules_dates,
    rules_duplicates,
    rules_fields,
    rules_ids,
    rules_names,
    rules_numbers,
    rules_online,
    rules_reported,
    rules_syntax,
    rules_text,
    rules_titles,
)
from citeman.validate.base import Rule
from citeman.validate.textutil import PROSE_FIELDS, TITLE_FIELDS

LINKS = ("doi", "url")
NUMBERS = ("volume", "number", "issue", "pages")
PEOPLE = ("author", "editor", "translator", "bookauthor")

# code, rule, the fields it reads
CODES: tuple[tuple[str, Rule, tuple[str, ...]], ...] = (
    ("A001", rules_reported.annotation_source_missing, ()),
    ("A002", rules_reported.annotation_source_unreadable, ()),
    ("D001", rules_duplicates.duplicate_doi, ()),
    ("D002", rules_duplicates.duplicate_isbn, ()),
    ("D003", rules_duplicates.similar_entries, ()),
    ("E001", rules_fields.missing_required_field, ()),
    ("E002", rules_fields.missing_recommended_field, ()),
    ("E003", rules_fields.unlocatable_entry, ()),
    ("E004", rules_fields.type_mismatch, ()),
    ("E005", rules_fields.unknown_field, ()),
    ("E006", rules_fields.empty_field, ()),
    ("G001", rules_numbers.malformed_pages, NUMBERS),
    ("G002", rules_numbers.page_range_dash, NUMBERS),
    ("G003", rules_numbers.reversed_page_range, NUMBERS),
    ("G004", rules_numbers.single_page_range, NUMBERS),
    ("G005", rules_numbers.text_in_number, NUMBERS),
    ("G006", rules_numbers.volume_with_issue, NUMBERS),
    ("G007", rules_numbers.leading_zeros, NUMBERS),
    ("G008", rules_numbers.volume_is_year, NUMBERS),
    ("G009", rules_numbers.implausible_volume, NUMBERS),
    ("I001", rules_ids.invalid_doi, LINKS),
    ("I002", rules_ids.doi_not_bare, LINKS),
    ("I003", rules_ids.invalid_url, LINKS),
    ("I004", rules_ids.incomplete_url, LINKS),
    ("I005", rules_ids.escaped_identifier, LINKS),
    ("I006", rules_ids.markup_in_url, LINKS),
    ("I007", rules_ids.doi_url_mismatch, LINKS),
    ("I008", rules_ids.doi_as_url, LINKS),
    ("I009", rules_ids.invalid_isbn, ('isbn',)),
    ("I010", rules_ids.invalid_issn, ('issn',)),
    ("K001", rules_syntax.unsafe_key, ()),
    ("K002", rules_syntax.missing_key, ()),
    ("N001", rules_names.one_letter_family_name, PEOPLE),
    ("N002", rules_names.word_as_family_name, PEOPLE),
    ("N003", rules_names.month_as_family_name, PEOPLE),
    ("N004", rules_names.duplicate_person, PEOPLE),
    ("N005", rules_names.organisation_split, PEOPLE),
    ("N006", rules_names.all_caps_name, PEOPLE),
    ("N007", rules_names.inconsistent_name_order, PEOPLE),
    ("N008", rules_names.lowercase_family_name, PEOPLE),
    ("N009", rules_names.non_name_characters, PEOPLE),
    ("N010", rules_names.et_al_as_name, PEOPLE),
    ("P001", rules_syntax.unparseable_block, ()),
    ("P002", rules_syntax.duplicate_key, ()),
    ("P003", rules_syntax.duplicate_field, ()),
    ("P004", rules_syntax.unknown_entry_type, ()),
    ("P005", rules_syntax.unbalanced_braces, ()),
    ("P006", rules_syntax.unbalanced_math, ()),
    ("P007", rules_syntax.unescaped_special, ()),
    ("P008", rules_syntax.missing_comma, ()),
    ("P009", rules_syntax.missing_equals, ()),
    ("P010", rules_syntax.unknown_macro, ()),
    ("P011", rules_syntax.macro_cycle, ()),
    ("P012", rules_syntax.invalid_encoding, ()),
    ("P013", rules_syntax.stray_text, ()),
    ("P014", rules_syntax.runaway_value, ()),
    ("P015", rules_syntax.unexpected_text, ()),
    ("P101", rules_reported.unparsed_reference, ()),
    ("P102", rules_confidence.low_confidence_field, ("citeman-confidence",)),
    ("P201", rules_reported.document_field_missing, ()),
    ("P202", rules_reported.unnamed_writer, ()),
    ("P203", rules_reported.weekday_mismatch, ()),
    ("P204", rules_reported.unreadable_override_date, ()),
    ("P205", rules_reported.invalid_front_matter, ()),
    ("P210", rules_reported.edited_field_kept, ()),
    ("P301", rules_reported.unreadable_import_item, ()),
    ("R001", rules_reported.page_furniture_removed, ()),
    ("R002", rules_reported.numbered_list_used, ()),
    ("R003", rules_reported.subheading_skipped, ()),
    ("R004", rules_reported.possibly_merged, ()),
    ("T001", rules_text.mojibake, PROSE_FIELDS),
    ("T002", rules_text.mixed_script, ()),
    ("T003", rules_titles.placeholder_title, TITLE_FIELDS),
    ("T004", rules_titles.repeated_phrase, TITLE_FIELDS),
    ("T005", rules_titles.title_equals_container, TITLE_FIELDS),
    ("T006", rules_text.pdf_residue, TITLE_FIELDS),
    ("T007", rules_text.hyphenation_split, TITLE_FIELDS),
    ("T008", rules_text.mangled_quotes, TITLE_FIELDS),
    ("T009", rules_text.space_before_punctuation, PROSE_FIELDS),
    ("T010", rules_titles.all_caps_title, TITLE_FIELDS),
    ("T011", rules_titles.lowercase_title, TITLE_FIELDS),
    ("T012", rules_titles.fragment_container, TITLE_FIELDS),
    ("T013", rules_text.stray_whitespace, ()),
    ("T014", rules_text.markup_residue, TITLE_FIELDS),
    ("T015", rules_titles.not_a_title, TITLE_FIELDS),
    ("T016", rules_titles.trailing_date, TITLE_FIELDS),
    ("T017", rules_titles.truncated_title, TITLE_FIELDS),
    ("T018", rules_titles.overlong_title, TITLE_FIELDS),
    ("T019", rules_titles.generic_title, TITLE_FIELDS),
    ("T020", rules_titles.unbalanced_brackets, TITLE_FIELDS),
    ("T021", rules_titles.case_damage, TITLE_FIELDS),
    ("V001", rules_online.doi_does_not_resolve, ()),
    ("V002", rules_online.metadata_disagrees, ()),
    ("V003", rules_online.no_matching_work, ()),
    ("V004", rules_online.doi_available, ()),
    ("V005", rules_online.retracted_work, ()),
    ("Y001", rules_dates.impossible_year, ('year',)),
    ("Y002", rules_dates.malformed_year, ('year',)),
    ("Y003", rules_dates.invalid_month, ('month',)),
    ("Y004", rules_dates.year_date_mismatch, ('date',)),
    ("Y005", rules_dates.year_identifier_mismatch, LINKS),
    ("Y006", rules_dates.malformed_date, ('date', 'urldate')),
    ("Y007", rules_dates.reversed_date_range, ('date', 'year')),
    ("Y008", rules_dates.month_not_macro, ('month',)),
)

DECLARED: tuple[Rule, ...] = tuple(replace(item, code=code, fields=fields) for code, item, fields in CODES)
