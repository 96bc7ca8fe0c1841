"""Settings from ``[tool.citeman]`` in ``pyproject.toml`` or from ``citeman.toml``.

The nearest file from the current folder upwards wins (``citeman.toml`` before
``pyproject.toml`` in the same folder). Every key is declared once in
:data:`CONFIG_KEYS`: the loader validates against it (an unknown key, a wrong type or
an unknown rule code is a one-line usage error naming the file and line), ``citeman
config`` shows it and ``docs/configuration.md`` is generated from it.
"""

from __future__ import annotations

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from citeman.errors import UsageError
from citeman.io.text import read_text
from citeman.validate.renamed import rename_hint

SEVERITIES = ("error", "warning", "info")
DEFAULT_ORIGIN = "default"


@dataclass(frozen=True, slots=True)
class ConfigKey:
    """One setting: its dotted name in the citeman table, its kind and what it means."""

    name: str
    kind: str            # "codes", "choice", "path" or "text"
    default: object
    meaning: str
    choices: tuple[str, ...] = ()
    option: str = ""     # the command-line option that overrides it

    @property
    def type_name(self) -> str:
        if self.kind == "codes":
            return "list of rule codes or prefixes"
        if self.kind == "choice":
            return " | ".join(f'"{c}"' for c in self.choices)
        if self.kind == "text":
            return "string"
        return "path (relative to the config file)"


CONFIG_KEYS: tuple[ConfigKey, ...] = (
    ConfigKey("select", "codes", [], "Only the rules whose code starts with one of these (e.g. `[\"Y\", \"N002\"]`); "
              "empty means every rule.", option="--select"),
    ConfigKey("ignore", "codes", [], "Skip the rules whose code starts with one of these; added to `--ignore`.",
              option="--ignore"),
    ConfigKey("fail-on", "choice", "error", "The lowest severity that makes `citeman validate` exit 1.",
              SEVERITIES, option="--fail-on"),
    ConfigKey("baseline", "path", None, "A JSON file of known findings (written by `--write-baseline`) that are "
              "reported but do not fail the run.", option="--baseline"),
    ConfigKey("cites.select", "codes", [], "`citeman cites`: only these C rules (the top-level `select` is the "
              ".bib linter's).", option="--select"),
    ConfigKey("cites.ignore", "codes", [], "`citeman cites`: skip these C rules.", option="--ignore"),
    ConfigKey("cites.fail-on", "choice", "error", "`citeman cites`: the lowest severity that makes it exit 1.",
              (*SEVERITIES, "never"), option="--fail-on"),
    ConfigKey("verify.mailto", "text", None, "`citeman add` and `citeman verify`: the contact address sent to "
              "Crossref and OpenAlex for their polite pools (`$CITEMAN_MAILTO` overrides it).", option="--mailto"),
)
KEYS_BY_NAME = {key.name: key for key in CONFIG_KEYS}
# Accepted spellings that are not keys of their own.
ALIASES = {"fail_on": "fail-on", "cites.fail_on": "cites.fail-on"}
# ``[tool.citeman.validate]`` (``[validate]`` in citeman.toml) may hold the linter's keys too.
LINTER_SUB_TABLE = "validate"


@dataclass(slots=True)
class LintConfig:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    baseline: Path | None = None
    source: Path | None = None
    # Where each linter key's value came from: "default" or the config file's name.
    origins: dict[str, str] = field(default_factory=dict)

    def origin(self, name: str) -> str:
        return self.origins.get(name, DEFAULT_ORIGIN)


def find_config(start: Path | None = None) -> tuple[Path, dict] | None:
    """The nearest config file from ``start`` upwards and its validated citeman table."""
    folder = (start or Path.cwd()).resolve()
    for directory in (folder, *folder.parents):
        for name in ("citeman.toml", "pyproject.toml"):
            candidate = directory / name
            if not candidate.is_file():
                continue
            text = read_text(candidate)
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as err:
                raise UsageError(f"invalid TOML: {err}", path=str(candidate)) from None
            table = data if name == "citeman.toml" else data.get("tool", {}).get("citeman")
            if table is not None:
                check_table(table, _shown(candidate), text)
                return candidate, table
    return None


def _shown(path: Path) -> Path:
    """``path`` relative to the current folder when it is inside it (shorter error lines)."""
    try:
        return path.relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def check_table(table: dict, path: Path, text: str = "") -> None:
    """Raise a :class:`UsageError` naming file, line and key for the first bad key or value in ``table``."""
    for dotted, value in _flatten(table):
        name = ALIASES.get(dotted, dotted)
        if name.startswith(LINTER_SUB_TABLE + "."):
            name = ALIASES.get(name.split(".", 1)[1], name.split(".", 1)[1])
        key = KEYS_BY_NAME.get(name)
        line = _key_line(text, dotted.rsplit(".", 1)[-1])
        if key is None:
            raise UsageError(f"unknown key '{dotted}'{_did_you_mean(dotted)}", path=str(path), line=line)
        problem = _value_problem(key, value)
        if problem:
            raise UsageError(f"'{dotted}' {problem}", path=str(path), line=line)


def _flatten(table: dict, prefix: str = "") -> Iterable[tuple[str, object]]:
    for name, value in table.items():
        dotted = prefix + name
        if isinstance(value, dict) and (dotted in (LINTER_SUB_TABLE, "cites", "verify")):
            yield from _flatten(value, dotted + ".")
        else:
            yield dotted, value


def _did_you_mean(name: str) -> str:
    known = [*KEYS_BY_NAME, *(f"{LINTER_SUB_TABLE}.{k}" for k in KEYS_BY_NAME if "." not in k)]
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else f" (known keys: {', '.join(KEYS_BY_NAME)})"


def _key_line(text: str, name: str) -> int:
    """The line of the first ``name = `` or ``[... name]`` in ``text`` (0 when not found: no line is shown)."""
    pattern = re.compile(rf"""^[ \t]*(?:["']?{re.escape(name)}["']?[ \t]*=|\[[^\]\n]*\b{re.escape(name)}[ \t]*\])""", re.M)
    found = pattern.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else 0


def _value_problem(key: ConfigKey, value: object) -> str:
    if key.kind == "codes":
        if isinstance(value, str):
            value = value.replace(",", " ").split()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "must be a list of rule codes"
        unknown = unknown_code(value)
        return f"has an unknown rule code {unknown!r}{rename_hint(unknown)} (see 'citeman rules')" if unknown else ""
    if key.kind == "choice":
        return "" if value in key.choices else f"must be one of {', '.join(key.choices)}, not {value!r}"
    if key.kind == "text":
        return "" if isinstance(value, str) else f"must be a string, not {value!r}"
    return "" if isinstance(value, str) else f"must be a path (a string), not {value!r}"


def unknown_code(codes: Iterable[str]) -> str | None:
    """The first of ``codes`` that is neither ``ALL`` nor a code or prefix of a registered rule."""
    codes = [c.strip().upper() for c in codes if c.strip()]
    if not codes:
        return None
    from citeman.validate.registry import all_rules  # loads every rule module: only when codes are given

    known = [rule.code for rule in all_rules()]
    return next((c for c in codes if c != "ALL" and not any(k.startswith(c) for k in known)), None)


def check_codes(codes: Iterable[str], option: str) -> None:
    """Raise a one-line :class:`UsageError` for an unknown code given to ``option``."""
    unknown = unknown_code(codes)
    if unknown:
        raise UsageError(f"{option}: unknown rule code or prefix {unknown!r}{rename_hint(unknown)} (see 'citeman rules')")


def _codes(value: object) -> list[str]:
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    return [str(v).upper() for v in value]  # type: ignore[union-attr]  # checked by check_table


def load_config(start: Path | None = None) -> LintConfig:
    """Settings for ``citeman validate`` (defaults when no config file is found)."""
    found = find_config(start)
    if found is None:
        return LintConfig()
    path, table = found
    merged = {ALIASES.get(k, k): v for k, v in table.items() if not isinstance(v, dict)}
    sub_table = table.get(LINTER_SUB_TABLE)
    if isinstance(sub_table, dict):
        merged.update({ALIASES.get(k, k): v for k, v in sub_table.items()})
    config = LintConfig(source=path)
    if "select" in merged:
        config.select = _codes(merged["select"])
    if "ignore" in merged:
        config.ignore = _codes(merged["ignore"])
    if "fail-on" in merged:
        config.fail_on = str(merged["fail-on"])
    if merged.get("baseline"):
        config.baseline = path.parent / str(merged["baseline"])
    config.origins = {name: path.name for name in ("select", "ignore", "fail-on", "baseline") if name in merged}
    return config


def configured_mailto(start: Path | None = None) -> str:
    """``verify.mailto`` of the config file found from ``start`` ("" when none is set)."""
    found = find_config(start)
    section = found[1].get("verify") if found is not None else None
    return str(section.get("mailto", "")) if isinstance(section, dict) else ""
