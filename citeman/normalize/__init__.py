"""Field normalisers: one implementation per field family, used by ingest, fixes and export.

``normalize_X(value) -> str`` takes a field value and returns its canonical form, or the
value stripped when there is nothing to canonicalise; it never raises and never returns
text the value does not hold. ``find_X(text) -> str`` reads the first X out of free text
(a span of a reference string) and returns ``""`` when the text holds none. Parsers that
split a value into parts return a small structure (:func:`parse_volume`,
:func:`parse_date`, :func:`parse_stated_date`).

There is no blanket ``normalize(entry)``: ingest writes canonical values as it builds an
entry, and a stored entry changes only through a validation fix the user asked for, each
fix calling the normaliser of its field.

Names are normalised in :mod:`citeman.names`, re-exported here.
"""

from citeman.names import format_name, format_names, is_particle, normalize_caps, parse_name, parse_names
from citeman.normalize.dates import MONTH_MACROS, ParsedDate, parse_date, parse_stated_date
from citeman.normalize.identifiers import find_doi, find_url, isbn13, normalize_doi, normalize_url
from citeman.normalize.markdown import clean_reference, clean_reference_marked
from citeman.normalize.pages import VolumeIssue, find_pages, normalize_pages, parse_volume
from citeman.normalize.text import clean_span, strip_unbalanced
from citeman.normalize.titles import clean_title, protect_title_case

__all__ = [
    "MONTH_MACROS",
    "ParsedDate",
    "VolumeIssue",
    "clean_reference",
    "clean_reference_marked",
    "clean_span",
    "clean_title",
    "find_doi",
    "find_pages",
    "find_url",
    "format_name",
    "format_names",
    "is_particle",
    "isbn13",
    "normalize_caps",
    "normalize_doi",
    "normalize_pages",
    "normalize_url",
    "parse_date",
    "parse_name",
    "parse_names",
    "parse_stated_date",
    "parse_volume",
    "protect_title_case",
    "strip_unbalanced",
]
