"""citeman: annotated bibliographies and citation management."""

from citeman.errors import CitemanError, InputError, UsageError
from citeman.model import Diagnostic, Entry, Library, Person, Provenance, Span, Verbatim

__version__ = "0.1.0"

__all__ = [
    "CitemanError",
    "Diagnostic",
    "Entry",
    "InputError",
    "Library",
    "Person",
    "Provenance",
    "Span",
    "UsageError",
    "Verbatim",
    "__version__",
]
