"""Linter settings from ``[tool.citeman]`` in ``pyproject.toml`` or from ``citeman.toml``.

The nearest file from the current folder upwards wins (``citeman.toml`` before
``pyproject.toml`` in the same folder). Keys: ``select``, ``ignore``, ``fail-on`` and
``baseline`` (relative to the config file), also accepted in a ``[tool.citeman.validate]``
(or ``[validate]``) sub-table. Other keys belong to other commands and are ignored.
"""

from __future__ import annotations

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]
from dataclasses import dataclass, field
from pathlib import Path

from citeman.errors import UsageError
from citeman.io.text import read_text

SEVERITIES = ("error", "warning", "info")


@dataclass(slots=True)
class LintConfig:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    baseline: Path | None = None
    source: Path | None = None


def find_config(start: Path | None = None) -> tuple[Path, dict] | None:
    """The nearest config file from ``start`` upwards and its citeman table."""
    folder = (start or Path.cwd()).resolve()
    for directory in (folder, *folder.parents):
        for name in ("citeman.toml", "pyproject.toml"):
            candidate = directory / name
            if not candidate.is_file():
                continue
            try:
                data = tomllib.loads(read_text(candidate))
            except tomllib.TOMLDecodeError as err:
                raise UsageError(f"invalid TOML: {err}", path=str(candidate)) from None
            table = data if name == "citeman.toml" else data.get("tool", {}).get("citeman")
            if table is not None:
                return candidate, table
    return None


def _codes(value: object, key: str, path: Path) -> list[str]:
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"'{key}' must be a list of rule codes", path=str(path))
    return [v.upper() for v in value]


def load_config(start: Path | None = None) -> LintConfig:
    """Settings for ``citeman validate`` (defaults when no config file is found)."""
    found = find_config(start)
    if found is None:
        return LintConfig()
    path, table = found
    merged = {k: v for k, v in table.items() if not isinstance(v, dict)}
    merged.update(table.get("validate", {}) if isinstance(table.get("validate"), dict) else {})
    config = LintConfig(source=path)
    if "select" in merged:
        config.select = _codes(merged["select"], "select", path)
    if "ignore" in merged:
        config.ignore = _codes(merged["ignore"], "ignore", path)
    fail_on = merged.get("fail-on", merged.get("fail_on"))
    if fail_on is not None:
        if fail_on not in SEVERITIES:
            raise UsageError(f"'fail-on' must be one of {', '.join(SEVERITIES)}, not {fail_on!r}", path=str(path))
        config.fail_on = fail_on
    if merged.get("baseline"):
        config.baseline = path.parent / str(merged["baseline"])
    return config
