"""Formatted bibliographies and in-text citations through pandoc's CSL engine.

pandoc 3 (the binary inside the ``pypandoc-binary`` wheel) is the CSL processor:
measured against citeproc-js (Zotero's engine) it agrees far more often than
citeproc-py or pybtex styles. It is always fed citeman's own CSL-JSON, never a .bib,
because every engine's own BibTeX conversion drops entries. A small custom pandoc
writer (``pandoc_writer.lua``) returns each formatted reference together with its
item id, so nothing is split by guesswork. Large author-date bibliographies are
rendered in parallel chunks (see :mod:`citeman.render.chunking`) because pandoc's
disambiguation grows much faster than linearly with size.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from citeman.errors import CitemanError, UsageError
from citeman.model import Entry
from citeman.render.citeproc_js import (
    moves_punctuation_into_quotes,
    number_as_text,
    punctuation_into_quotes,
    restore_ieee_online,
    restore_literal_text,
    style_for_pandoc,
)
from citeman.render.chunking import can_chunk, demotes_particle, order_style, plan_chunks, substitutes_authors
from citeman.render.styles import Style, resolve_style

# citeman format name -> pandoc writer used for each formatted reference.
FORMATS: dict[str, str] = {
    "text": "plain",
    "markdown": "commonmark",
    "html": "html",
    "latex": "latex",
}

# pandoc's APA disambiguation grows about as n^2.5 (250 items: 2 s, 1,000: 60 s, measured),
# so anything larger is split into chunks of a size where process start-up still pays off.
CHUNK_THRESHOLD = 250
CHUNK_SIZE = 150

_WRITER = Path(__file__).with_name("pandoc_writer.lua")


@dataclass(slots=True)
class Rendered:
    """What one pandoc run produced: references in the style's order, and citations."""

    entries: list[tuple[str, str]] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def pandoc_path() -> str:
    """The pandoc binary shipped in the ``pypandoc-binary`` wheel."""
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as err:  # pragma: no cover - depends on the installation
        raise CitemanError(f"pandoc is not available ({err}); install pypandoc-binary") from None


def _check_format(fmt: str) -> str:
    try:
        return FORMATS[fmt]
    except KeyError:
        raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})") from None


def _items_for(entries: Sequence[Entry], style: Style | None = None, bibliography: bool = True) -> list[dict]:
    from citeman.export.csljson import to_csl

    keeps_initials = _keeps_initials_as_given(style) if style is not None else False
    return [prepare_item(to_csl(e), keeps_initials, join_cjk_names=bibliography) for e in entries]


def _keeps_initials_as_given(style: Style) -> bool:
    """Whether the style prints given names as written (``initialize="false"``).

    Given names made only of hyphenated initials ("J.-L.") then print as "J. L." in
    citeproc-js but stay "J.-L." in pandoc. Judged by the first inverted name
    (``name-as-sort-order``), which is the bibliography's author list in these styles.
    """
    xml = style.xml
    inverted = re.search(r"<name\b[^>]*name-as-sort-order=[^>]*>", xml)
    return bool(inverted and 'initialize="false"' in inverted.group(0) and "initialize-with=" in xml)


# Lower-case words that citeproc-js (Zotero) keeps lower-case when a style title-cases
# ("Decision under Risk") but pandoc's shorter CSL-spec list capitalises. Feeding them
# to pandoc inside nocase spans makes both engines agree. Measured word by word.
EXTRA_STOP_WORDS = frozenset(
    """
    above across afore after against al along alongside amid amidst among amongst anenst apropos apud around
    aside astride athwart atop barring before behind below beneath beside besides between beyond ca circa
    despite during et except forenenst given inside lest like modulo near next notwithstanding off out per
    plus pro qua sans since than through throughout thruout toward towards under underneath until unto upon
    versus vs within without
    """.split()
)
# The CSL specification's stop words: pandoc lower-cases them in title case but, unlike
# citeproc-js, capitalises them after a full stop ("Comm. Of the ACM").
CSL_STOP_WORDS = frozenset(
    "a an and as at but by down for from in into nor of on onto or over so the till to up via with yet".split()
)
_TITLE_VARIABLES = ("title", "container-title", "collection-title", "volume-title")
_CSL_STOP_WORD_RE = re.compile(r"(?<=\.\s)(" + "|".join(sorted(CSL_STOP_WORDS, key=len, reverse=True)) + r")(?![\w-])")
_STOP_WORD_RE = re.compile(r"(?<![\w-])(" + "|".join(sorted(EXTRA_STOP_WORDS, key=len, reverse=True)) + r")(?![\w-])")
_TAG_RE = re.compile(r"(<[^>]+>)")


def protect_stop_words(title: str) -> str:
    """Wrap citeproc-js's extra stop words in nocase spans where it would keep them lower-case.

    Like citeproc-js, the first and last word and a word after ``:``, ``?`` or ``!`` are
    left alone (both engines capitalise those).
    """
    if not _STOP_WORD_RE.search(title) and not _CSL_STOP_WORD_RE.search(title):
        return title
    pieces = _TAG_RE.split(title)
    plain = [p if i % 2 == 0 else "" for i, p in enumerate(pieces)]
    out: list[str] = []
    for index, piece in enumerate(pieces):
        if index % 2 or not piece:
            out.append(piece)
            continue
        before_piece = "".join(plain[:index])
        after_piece = "".join(plain[index + 1 :])

        def wrap(match: re.Match[str], piece: str = piece, before: str = before_piece, after: str = after_piece) -> str:
            prefix = before + piece[: match.start()]
            suffix = piece[match.end() :] + after
            if not prefix.strip() or not re.search(r"\w", suffix):
                return match.group(0)
            if re.search(r"[:?!][\s\"'“‘(]*$", prefix) or not re.search(r"[\s(“‘\"']$", prefix):
                return match.group(0)
            return f'<span class="nocase">{match.group(0)}</span>'

        def wrap_after_stop(match: re.Match[str], piece: str = piece, before: str = before_piece) -> str:
            if not (before + piece[: match.start()]).strip(" .") or not re.search(r"\w", piece[match.end() :] + after_piece):
                return match.group(0)
            return f'<span class="nocase">{match.group(0)}</span>'

        piece = _CSL_STOP_WORD_RE.sub(wrap_after_stop, piece)
        out.append(_STOP_WORD_RE.sub(wrap, piece))
    return "".join(out)


# Locale terms that can open an entry without author and title ("(no date). Firstpost.");
# citeproc-js capitalises a term at the start of an entry, pandoc does not.
_LEADING_TERM_RE = re.compile(r"^((?:<[^>]+>|[^\w<])*)(no date|n\.d\.|in press|forthcoming|anonymous|anon\.)", re.I)


def capitalise_leading_term(text: str) -> str:
    """``(no date). Firstpost.`` -> ``(No date). Firstpost.`` as citeproc-js prints it."""
    match = _LEADING_TERM_RE.match(text)
    if not match or not match.group(2)[0].islower():
        return text
    start = match.start(2)
    return text[:start] + text[start].upper() + text[start + 1 :]


# pandoc reads "MSC-00171" as a range ("nos. MSC-00171", IEEE "MSC–171"); citeproc-js
# as one identifier. Such hyphens travel to pandoc as a private-use character and are
# put back in its output.
HIDDEN_HYPHEN = "\ue000"
_NUMBER_VARIABLES = ("issue", "number", "volume", "collection-number")


# A title ending in "?", "!" or "." (the export keeps a full stop after an abbreviation
# or a number): pandoc then drops a following comma ("intelligence?” Mind"), citeproc-js
# keeps it ("intelligence?,” Mind") and drops only a period. The mark travels as a
# private-use character and the period rule is applied afterwards.
_HIDDEN_MARKS = {"?": "\ue001", "!": "\ue002", ".": "\ue003"}
_HIDDEN_MARK_PERIOD = re.compile("([\ue001\ue002\ue003])((?:[”’\"'*_}]|</[a-z]+>)*)\\.")


def _hide_final_mark(title: str, full_stop: bool = False) -> str:
    stripped = title.rstrip()
    if stripped and stripped[-1] in _HIDDEN_MARKS and (full_stop or stripped[-1] != "."):
        return stripped[:-1] + _HIDDEN_MARKS[stripped[-1]]
    return title


def _restore_marks(text: str) -> str:
    text = _HIDDEN_MARK_PERIOD.sub(r"\1\2", text)
    return text.replace("\ue001", "?").replace("\ue002", "!").replace("\ue003", ".").replace(HIDDEN_HYPHEN, "-")


def _hide_identifier_hyphens(value: str) -> str:
    parts = value.split("-")
    if len(parts) > 1 and any(not re.search(r"\d", part) for part in parts):
        return HIDDEN_HYPHEN.join(parts)
    return value


# Han, kana and hangul: citeproc-js writes such a name family-then-given with no space
# and never initialises it ("杨水利"). pandoc joins the parts the same way but adds the
# style's initial full stop ("杨水利.", "陈娜."), so in a bibliography it is given the
# joined name as the family name. Citations keep the parts ("杨 & 陈"), as both print.
_CJK_NAME_RE = re.compile("^[\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf"
                          "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f·・]+$")


def _join_cjk_name(name: dict) -> None:
    family, given = name.get("family", ""), name.get("given", "")
    if family and given and _CJK_NAME_RE.match(family) and _CJK_NAME_RE.match(given):
        name["family"] = family + given
        del name["given"]


_NUMBER_RANGE_RE = re.compile(r"^(\d+)\s*-\s*(\d+)$")
_INITIALS_RE = re.compile(r"^[^\W\d_]\.(?:\s*-?\s*[^\W\d_]\.)+$")
_NAME_VARIABLES = ("author", "editor", "translator", "container-author", "collection-editor")


# A TeX command the import could not convert (`\textbar`) stays as written: pandoc would
# title-case it (`\Textbar`), citeproc-js leaves a word that starts with a backslash alone.
_TEX_COMMAND_RE = re.compile(r"\\[A-Za-z]+")


def _protect_tex_commands(title: str) -> str:
    return _TEX_COMMAND_RE.sub(lambda m: f'<span class="nocase">{m.group(0)}</span>', title) if "\\" in title else title


def prepare_item(item: dict, keeps_initials: bool = False, join_cjk_names: bool = False) -> dict:
    """The CSL item as fed to pandoc: citeman's CSL-JSON plus fixes that make pandoc agree with citeproc-js.

    ``keeps_initials`` is :func:`_keeps_initials_as_given` for the style in use;
    ``join_cjk_names`` is for bibliographies (see :data:`_CJK_NAME_RE`).
    """
    for variable in _TITLE_VARIABLES:
        value = item.get(variable)
        if isinstance(value, str):
            value = _protect_tex_commands(protect_stop_words(value))
            item[variable] = _hide_final_mark(value, full_stop=variable == "title")
    for variable in _NUMBER_VARIABLES:
        value = item.get(variable)
        if isinstance(value, str) and "-" in value:
            # "2-3" is a range: citeproc-js prints it with an en dash, pandoc as written.
            ranged = _NUMBER_RANGE_RE.sub("\\1–\\2", value)
            value = item[variable] = ranged if ranged != value else _hide_identifier_hyphens(value)
        if isinstance(value, str):
            item[variable] = number_as_text(value)
    if keeps_initials:
        for variable in _NAME_VARIABLES:
            for name in item.get(variable) or ():
                given = name.get("given", "")
                if "-" in given and _INITIALS_RE.match(given):
                    name["given"] = re.sub(r"\.\s*-\s*", ". ", given)
    if join_cjk_names:
        for variable in _NAME_VARIABLES:
            for name in item.get(variable) or ():
                _join_cjk_name(name)
    return item


def _restore(text: str) -> str:
    return capitalise_leading_term(_restore_marks(text))


@lru_cache(maxsize=64)
def _pandoc_style_xml(path: str, mtime: float) -> tuple[str, bool]:
    """The style as pandoc gets it, and whether that differs from the file."""
    xml = Path(path).read_text(encoding="utf-8")
    rewritten = style_for_pandoc(xml)
    return rewritten, rewritten != xml


def _pandoc_style(style: Style) -> tuple[str, bool]:
    return _pandoc_style_xml(str(style.path), style.path.stat().st_mtime)


def _item_id(index: int) -> str:
    """Ids pandoc sees: position-based, so a chunk and the whole render agree on every id.

    Keys may hold characters that Markdown citation syntax cannot carry; these ids never do.
    """
    return f"c{index:07d}"


def run_pandoc(
    items: Sequence[dict],
    style: Style,
    fmt: str = "text",
    citations: Sequence[Sequence[str]] = (),
    nocite_all: bool = True,
) -> Rendered:
    """Render CSL items (whose ``id`` pandoc may cite) with one pandoc process.

    ``citations`` lists citation clusters by item id; each comes back as one string.
    """
    writer_format = _check_format(fmt)
    with tempfile.TemporaryDirectory(prefix="citeman-render-") as tmp:
        folder = Path(tmp)
        (folder / "items.json").write_text(json.dumps(list(items), ensure_ascii=False), encoding="utf-8")
        lines = ["---"]
        if nocite_all:
            lines.append("nocite: '@*'")
        lines.append("suppress-bibliography: false")
        lines += ["---", ""]
        for cluster in citations:
            lines += ["[" + "; ".join(f"@{{{cid}}}" for cid in cluster) + "]", ""]
        (folder / "doc.md").write_text("\n".join(lines), encoding="utf-8")
        style_xml, rewritten = _pandoc_style(style)
        csl_path = style.path
        if rewritten:
            csl_path = folder / "style.csl"
            csl_path.write_text(style_xml, encoding="utf-8")
        command = [
            pandoc_path(),
            "doc.md",
            "--from=markdown",
            "--citeproc",
            f"--csl={csl_path}",
            "--bibliography=items.json",
            f"--metadata=citeman-format:{writer_format}",
            f"--to={_WRITER}",
        ]
        proc = subprocess.run(command, cwd=folder, capture_output=True, env=_pandoc_env())
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"pandoc could not render with style {style.name!r}: {message[-1] if message else proc.returncode}")
    data = json.loads(proc.stdout.decode("utf-8"))
    entries = [(str(pair[0]), _restore(str(pair[1]))) for pair in (data.get("entries") or [])]
    citations = [_restore_marks(str(c)) for c in (data.get("citations") or [])]
    if moves_punctuation_into_quotes(style_xml):
        entries = [(item_id, punctuation_into_quotes(text)) for item_id, text in entries]
        citations = [punctuation_into_quotes(text) for text in citations]
    entries = [(item_id, restore_literal_text(text)) for item_id, text in entries]
    return Rendered(entries=entries, citations=[restore_literal_text(text) for text in citations])


def _pandoc_env() -> dict[str, str]:
    env = dict(os.environ)
    # pandoc reads and writes UTF-8 whatever the locale, but its messages follow LANG.
    env.setdefault("LANG", "C.UTF-8")
    return env


def _unique(entries: Iterable[Entry]) -> list[Entry]:
    """Entries with distinct keys (a duplicate key would be cited ambiguously): first wins."""
    seen: set[str] = set()
    out: list[Entry] = []
    for entry in entries:
        if entry.key in seen:
            continue
        seen.add(entry.key)
        out.append(entry)
    return out


def render_items(
    items: Sequence[dict],
    style: Style,
    fmt: str = "text",
    jobs: int | None = None,
    chunk_threshold: int = CHUNK_THRESHOLD,
    chunk_size: int = CHUNK_SIZE,
) -> list[tuple[str, str]]:
    """Render CSL items (ids pandoc-safe and unique), in parallel chunks when that is safe.

    The result is identical to a single whole render; see :mod:`citeman.render.chunking`.
    """
    if not items:
        return []
    if len(items) < chunk_threshold or not can_chunk(style):
        return run_pandoc(items, style, fmt).entries
    chunks = plan_chunks(items, chunk_size, demotes_particle(style))
    if len(chunks) < 2:
        return run_pandoc(items, style, fmt).entries
    workers = jobs or max(1, min(len(chunks), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda chunk: run_pandoc([items[i] for i in chunk], style, fmt).entries, chunks))
    if _chunks_in_order(items, results, style):
        return [pair for result in results for pair in result]
    if substitutes_authors(style):
        # "———" depends on the neighbour in the final order: only a whole render is safe.
        return run_pandoc(items, style, fmt).entries
    rendered = {item_id: text for result in results for item_id, text in result}
    order = [item_id for item_id, _ in run_pandoc(items, order_style(style), "text").entries]
    return [(item_id, rendered[item_id]) for item_id in order]


def _chunks_in_order(items: Sequence[dict], results: list[list[tuple[str, str]]], style: Style) -> bool:
    """Whether each chunk's last item sorts before the next chunk's first (so concatenation is sorted)."""
    by_id = {item["id"]: index for index, item in enumerate(items)}
    edges: list[tuple[str, str]] = [(r[0][0], r[-1][0]) for r in results if r]
    wanted = sorted({item_id for edge in edges for item_id in edge}, key=by_id.__getitem__)
    sorted_ids = [i for i, _ in run_pandoc([items[by_id[i]] for i in wanted], order_style(style), "text").entries]
    position = {item_id: p for p, item_id in enumerate(sorted_ids)}
    return all(position[edges[k][1]] < position[edges[k + 1][0]] for k in range(len(edges) - 1))


def render_bibliography(
    entries: Iterable[Entry],
    style: str = "apa",
    fmt: str = "text",
    jobs: int | None = None,
) -> list[tuple[str, str]]:
    """``(key, formatted reference)`` for every entry, in the style's order."""
    _check_format(fmt)
    resolved = resolve_style(style)
    unique = _unique(entries)
    items = []
    for index, item in enumerate(_items_for(unique, resolved)):
        item = dict(item)
        item["id"] = _item_id(index)
        items.append(item)
    keys = {_item_id(i): e.key for i, e in enumerate(unique)}
    rendered = render_items(items, resolved, fmt, jobs=jobs)
    if resolved.id == "ieee":
        rendered = [(item_id, restore_ieee_online(text)) for item_id, text in rendered]
    return [(keys[item_id], text) for item_id, text in rendered]


def format_entries(entries: Iterable[Entry], style: str = "apa", fmt: str = "markdown") -> dict[str, str]:
    """``key -> formatted reference`` (insertion order follows the style's order)."""
    return dict(render_bibliography(entries, style, fmt))


def render_citation_clusters(
    entries: Iterable[Entry],
    clusters: Sequence[Sequence[str]],
    style: str = "apa",
    fmt: str = "text",
) -> list[str]:
    """One in-text citation per cluster of keys, disambiguated against all ``entries``."""
    _check_format(fmt)
    resolved = resolve_style(style)
    unique = _unique(entries)
    ids = {e.key: _item_id(i) for i, e in enumerate(unique)}
    missing = [k for cluster in clusters for k in cluster if k not in ids]
    if missing:
        raise UsageError(f"unknown key {missing[0]!r}")
    items = []
    for index, item in enumerate(_items_for(unique, resolved, bibliography=False)):
        item = dict(item)
        item["id"] = _item_id(index)
        items.append(item)
    id_clusters = [[ids[k] for k in cluster] for cluster in clusters]
    return run_pandoc(items, resolved, fmt, citations=id_clusters).citations


def render_citations(entries: Iterable[Entry], keys: Sequence[str], style: str = "apa", fmt: str = "text") -> str:
    """The in-text citation for ``keys`` cited together, e.g. ``(Smith, 2020; Lee, 2021)``."""
    if not keys:
        raise UsageError("no keys to cite")
    return render_citation_clusters(entries, [list(keys)], style, fmt)[0]
