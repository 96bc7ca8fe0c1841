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
    found = _find(start)
    return None if found is None else (found[0], found[1])


def _find(start: Path | None = None) -> tuple[Path, dict, str] | None:
    """:func:`find_config` with the file's text (for the line of each key)."""
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
                raise UsageError(f"invalid TOML: {err}", path=str(_shown(candidate))) from None
            table = data if name == "citeman.toml" else data.get("tool", {}).get("citeman")
            if table is not None:
                if not isinstance(table, dict):
                    raise UsageError("the citeman table must be a table", path=str(_shown(candidate)))
                check_table(table, _shown(candidate), text)
                return candidate, table, text
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
        key = KEYS_BY_NAME.get(_canonical(dotted))
        line = _key_line(text, dotted, Path(path).name == "pyproject.toml")
        if key is None:
            raise UsageError(f"unknown key '{dotted}'{_did_you_mean(dotted)}", path=str(path), line=line)
        problem = _value_problem(key, value)
        if problem:
            raise UsageError(f"'{dotted}' {problem}", path=str(path), line=line)


def _canonical(dotted: str) -> str:
    """The declared name of a key as spelled in a file (``fail_on``, ``validate.select``...)."""
    name = ALIASES.get(dotted, dotted)
    if name.startswith(LINTER_SUB_TABLE + "."):
        name = name.split(".", 1)[1]
        name = ALIASES.get(name, name)
    return name


def declared_values(table: dict) -> dict[str, tuple[object, str]]:
    """Each declared key set in ``table``: its value and how it was spelled.

    A key of the ``validate`` sub-table wins over the same key at the top level.
    """
    found: dict[str, tuple[object, str]] = {}
    for dotted, value in sorted(_flatten(table), key=lambda item: item[0].startswith(LINTER_SUB_TABLE + ".")):
        found[_canonical(dotted)] = (value, dotted)
    return found


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


def _key_line(text: str, dotted: str, in_pyproject: bool = False) -> int:
    """The line of key ``dotted`` (``cites.select``) of the citeman table in ``text`` (0: not found).

    Table headers are followed, so ``fail-on`` of ``[tool.citeman.validate]`` is not taken
    for the top-level one; a key written some other way falls back to the first
    ``name =`` or ``[... name]`` line.
    """
    table, _, name = dotted.rpartition(".")
    current: str | None = None if in_pyproject else ""
    assignment = re.compile(rf"""^[ \t]*["']?{re.escape(name)}["']?[ \t]*=""")
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"^[ \t]*\[\[?([^\]\n]*)\]", line)
        if header:
            current = _relative_table(re.sub(r"""[\s"']""", "", header.group(1)), in_pyproject)
            if current == dotted:  # a key that is a table of its own
                return number
            continue
        if current == table and assignment.match(line):
            return number
    pattern = re.compile(rf"""^[ \t]*(?:["']?{re.escape(name)}["']?[ \t]*=|\[[^\]\n]*\b{re.escape(name)}[ \t]*\])""", re.M)
    found = pattern.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else 0


def _relative_table(header: str, in_pyproject: bool) -> str | None:
    """A table header's name inside the citeman table (None: a table outside it)."""
    if not in_pyproject:
        return header
    if header == "tool.citeman":
        return ""
    return header.removeprefix("tool.citeman.") if header.startswith("tool.citeman.") else None


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
    values = {name: value for name, (value, _spelled) in declared_values(table).items()}
    config = LintConfig(source=path)
    if "select" in values:
        config.select = _codes(values["select"])
    if "ignore" in values:
        config.ignore = _codes(values["ignore"])
    if "fail-on" in values:
        config.fail_on = str(values["fail-on"])
    if values.get("baseline"):
        config.baseline = path.parent / str(values["baseline"])
    config.origins = {name: path.name for name in ("select", "ignore", "fail-on", "baseline") if name in values}
    return config


def configured_mailto(start: Path | None = None) -> str:
    """``verify.mailto`` of the config file found from ``start`` ("" when none is set)."""
    found = find_config(start)
    value = declared_values(found[1]).get("verify.mailto") if found is not None else None
    return str(value[0]) if value else ""


# --- what ``citeman config`` shows and ``docs/configuration.md`` documents -------------------

MAILTO_VARIABLE = "CITEMAN_MAILTO"


@dataclass(frozen=True, slots=True)
class Setting:
    """One key's effective value and where it came from (``default``, ``file:line`` or ``$VARIABLE``)."""

    key: ConfigKey
    value: object
    origin: str


def effective_settings(start: Path | None = None,
                       environ: dict[str, str] | None = None) -> tuple[Path | None, list[Setting]]:
    """The config file found from ``start`` (or None) and every declared key's effective value, in order."""
    found = _find(start)
    values: dict[str, tuple[object, str]] = {}
    path = text = None
    if found is not None:
        path, table, text = found
        values = declared_values(table)
    settings = []
    for key in CONFIG_KEYS:
        if key.name in values:
            value, spelled = values[key.name]
            line = _key_line(text or "", spelled, path.name == "pyproject.toml")
            origin = f"{_shown(path)}:{line}" if line else str(_shown(path))
            settings.append(Setting(key, _clean(key, value), origin))
        else:
            settings.append(Setting(key, key.default, DEFAULT_ORIGIN))
    mailto = (environ if environ is not None else {}).get(MAILTO_VARIABLE)
    if mailto:
        settings = [Setting(s.key, mailto, f"${MAILTO_VARIABLE}") if s.key.name == "verify.mailto" else s
                    for s in settings]
    return (None if path is None else _shown(path)), settings


def _clean(key: ConfigKey, value: object) -> object:
    return _codes(value) if key.kind == "codes" else value


def toml_value(value: object) -> str:
    """``value`` as it would be written in the config file (``(unset)`` for no value)."""
    if value is None:
        return "(unset)"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def settings_text(path: Path | None, settings: list[Setting]) -> str:
    """The effective configuration as an aligned table."""
    head = f"Configuration file: {path}" if path else "Configuration file: none found (every key has its default)"
    rows = [("key", "value", "default", "from")]
    rows += [(s.key.name, toml_value(s.value), toml_value(s.key.default), s.origin) for s in settings]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [head, ""]
    lines += ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3] for row in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def settings_json(path: Path | None, settings: list[Setting]) -> str:
    """The effective configuration as JSON: the file and one object per key."""
    import json

    document = {
        "file": str(path) if path else None,
        "settings": [{"key": s.key.name, "value": s.value, "default": s.key.default, "from": s.origin,
                      "type": s.key.type_name, "option": s.key.option or None, "help": s.key.meaning}
                     for s in settings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def configuration_markdown() -> str:
    """``docs/configuration.md``: every declared key, its type, default and meaning."""
    lines = [
        "# Configuration",
        "",
        "<!-- Generated from citeman/validate/config.py (CONFIG_KEYS): python tools/gen_docs.py -->",
        "",
        "citeman reads its settings from the nearest `citeman.toml`, or `pyproject.toml` with a",
        "`[tool.citeman]` table, found from the current folder upwards (`citeman.toml` first when",
        "both are in one folder). Command-line options override the file. An unknown key, a value of",
        "the wrong type or an unknown rule code stops every command with one line naming the file",
        "and line, and exit code 2.",
        "",
        "`citeman config` shows the effective value of every key and where it came from",
        "(`citeman config --format json` for programs).",
        "",
        "| key | type | default | option | meaning |",
        "| --- | --- | --- | --- | --- |",
    ]
    for key in CONFIG_KEYS:
        option = f"`{key.option}`" if key.option else ""
        default = "none" if key.default is None else f"`{toml_value(key.default)}`"
        lines.append(f"| `{key.name}` | {key.type_name.replace('|', chr(92) + '|')} | {default} "
                     f"| {option} | {key.meaning} |")
    lines += [
        "",
        "The linter's keys (`select`, `ignore`, `fail-on`, `baseline`) may also sit in a `validate`",
        "sub-table, which wins over the top level; `fail_on` is accepted for `fail-on`. Paths are",
        "relative to the folder of the config file.",
        "",
        "## Examples",
        "",
        "In `pyproject.toml`:",
        "",
        "```toml",
        "[tool.citeman]",
        'select = ["Y", "N", "I"]',
        'ignore = ["N002"]',
        'fail-on = "warning"',
        'baseline = "bib/.citeman-baseline.json"',
        "",
        "[tool.citeman.cites]",
        'fail-on = "never"',
        "",
        "[tool.citeman.verify]",
        'mailto = "you@example.org"',
        "```",
        "",
        "The same in `citeman.toml`, without the `tool.citeman` prefix:",
        "",
        "```toml",
        'select = ["Y", "N", "I"]',
        'ignore = ["N002"]',
        'fail-on = "warning"',
        'baseline = "bib/.citeman-baseline.json"',
        "",
        "[cites]",
        'fail-on = "never"',
        "",
        "[verify]",
        'mailto = "you@example.org"',
        "```",
        "",
    ]
    return "\n".join(lines)
