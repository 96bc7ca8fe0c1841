"""The application layer: one plain function per command, what the CLI and other programs call.

Each function takes plain values, does the work through the pipeline's modules and
returns an :class:`Outcome` (output text, diagnostics, notes for standard error, exit
code) or a small result object. Nothing here prints or exits; whole-input problems
raise :class:`citeman.errors.CitemanError`, which the CLI turns into one line.
"""

from citeman.app.build import BuildResult, build, find_documents, references_bib_name
from citeman.app.checks import cites, dedupe, rules, validate
from citeman.app.config import config
from citeman.app.documents import annotate, ingest
from citeman.app.interchange import import_file
from citeman.app.online import OnlineOptions, add, verify
from citeman.app.library import cite, export, fmt, pages, read_entries, rekey, render
from citeman.app.outcome import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Outcome
from citeman.app.references import paper_references, parse_strings
from citeman.app.report import diagnostic_line, diagnostic_lines

__all__ = [
    "EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "BuildResult", "OnlineOptions", "Outcome", "add",
    "annotate", "build", "cite", "cites", "config", "dedupe", "diagnostic_line", "diagnostic_lines", "export",
    "find_documents", "fmt", "import_file", "ingest", "pages", "paper_references", "parse_strings", "read_entries",
    "references_bib_name", "rekey", "render", "rules", "validate", "verify",
]
