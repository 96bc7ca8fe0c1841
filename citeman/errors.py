"""The one error type the command line turns into a one-line message and exit code 2.

Only whole-input failures raise :class:`CitemanError` (a missing, unreadable or
undecodable file, an unusable argument). Problems with a single entry or block are
returned as diagnostics instead, so one bad item never stops the rest.
"""

from __future__ import annotations


class CitemanError(Exception):
    """An input or usage problem; ``str()`` is ``path[:line[:column]]: message``."""

    def __init__(self, message: str, path: str = "", line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path else ""
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = self.path
        if where and self.line:
            where = f"{where}:{self.line}:{self.column}" if self.column else f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(CitemanError):
    """A file that cannot be read or decoded, or holds nothing usable."""


class UsageError(CitemanError):
    """A bad command-line argument or option value."""
