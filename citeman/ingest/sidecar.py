"""User-supplied metadata for a document: a ``NAME.meta.toml`` sidecar and ``--set`` values.

The text of a document often does not state everything a citation needs (a URL, the
site's name, a date). Rather than guessing, citeman lets the user say it once, next to
the document, in a small TOML file whose values win over what was extracted::

    # seeds/002_570d525fef31b949.meta.toml
    title = "India-US defence pact: opportunities and challenges"
    url = "https://www.firstpost.com/..."
    author = ["Doe, Jane"]          # or "Jane Doe and John Roe"

Every value remembers the line it came from, so provenance can point at it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from citeman.errors import InputError, UsageError

SIDECAR_SUFFIX = ".meta.toml"


@dataclass(slots=True, frozen=True)
class Override:
    """One user-supplied value and where it was given."""

    value: str | list[str]
    path: str
    line: int
    method: str  # "sidecar" or "cli"


def sidecar_path(document: str | Path) -> Path:
    """``seeds/000_x.txt`` -> ``seeds/000_x.meta.toml``."""
    doc = Path(document)
    return doc.with_name(doc.stem + SIDECAR_SUFFIX) if doc.suffix else doc.with_name(doc.name + SIDECAR_SUFFIX)


def read_sidecar(document: str | Path) -> dict[str, Override]:
    """The overrides in the document's sidecar (empty when there is none).

    A malformed sidecar raises :class:`InputError` with the sidecar's path and line.
    """
    path = sidecar_path(document)
    if not path.is_file():
        return {}
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read sidecar: {err}", path=shown) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", 0) or _line_from_message(str(err))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(err))
        raise InputError(f"malformed sidecar: {message}", path=shown, line=line) from None
    overrides: dict[str, Override] = {}
    for name, value in data.items():
        line = _line_of_key(text, name)
        field = name.lower().strip()
        if isinstance(value, bool) or not isinstance(value, (str, int, list)):
            raise InputError(f"sidecar value for '{name}' must be a string, number or list of strings", path=shown, line=line)
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise InputError(f"sidecar list '{name}' must hold strings only", path=shown, line=line)
        overrides[field] = Override(value if isinstance(value, (str, list)) else str(value), shown, line, "sidecar")
    return overrides


def parse_set_options(options: list[str] | None) -> dict[str, Override]:
    """``["title=Foo", "year=2021"]`` -> overrides; a missing ``=`` is a usage error."""
    overrides: dict[str, Override] = {}
    for option in options or []:
        name, sep, value = option.partition("=")
        name = name.strip().lower()
        if not sep or not name or not re.fullmatch(r"[a-z][a-z0-9_-]*", name):
            raise UsageError(f"--set expects field=value, got '{option}'")
        overrides[name] = Override(value.strip(), "<command line>", 0, "cli")
    return overrides


def _line_of_key(text: str, name: str) -> int:
    pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(name)}[\"']?\s*=", re.MULTILINE)
    match = pattern.search(text) or re.compile(rf"^[ \t]*\[[ \t]*{re.escape(name)}\s*\]", re.MULTILINE).search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 0


def _line_from_message(message: str) -> int:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 0
