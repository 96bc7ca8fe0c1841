"""``citeman config``: the effective settings, every declared key with its value and origin."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from citeman.app.outcome import Outcome
from citeman.errors import UsageError

__all__ = ["CONFIG_FORMATS", "config"]

CONFIG_FORMATS = ("text", "json")


def config(fmt: str = "text", start: str | Path | None = None, environ: Mapping[str, str] | None = None) -> Outcome:
    """Every configuration key: its effective value, its default and where the value came from.

    The config file is the nearest ``citeman.toml`` or ``pyproject.toml`` with a
    ``[tool.citeman]`` table from ``start`` (default: the current folder) upwards;
    ``environ`` (default: the process environment) supplies ``$CITEMAN_MAILTO``.
    """
    from citeman.validate.config import effective_settings, settings_json, settings_text

    if fmt not in CONFIG_FORMATS:
        raise UsageError(f"unknown format {fmt!r} for --format (choose from {', '.join(CONFIG_FORMATS)})")
    path, settings = effective_settings(Path(start) if start is not None else None,
                                        dict(os.environ if environ is None else environ))
    writer = settings_json if fmt == "json" else settings_text
    return Outcome(writer(path, settings))
