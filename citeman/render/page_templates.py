"""The Jinja2 side of the pages: where templates are found, the sandboxed environment, tidying.

Everything a template prints is Markdown-escaped unless it is already trusted, and every
page is wrapped in a Liquid raw block so GitHub Pages (Jekyll) leaves BibTeX's ``{{``
alone.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

import citeman
from citeman.errors import UsageError
from citeman.render.markdown import (
    code_block,
    md_autolink,
    md_block,
    md_escape,
    md_link,
    safe_url,
)

# Jekyll (GitHub Pages) runs Liquid over every page before Markdown, and BibTeX is
# full of ``{{``; a raw block inside HTML comments is invisible everywhere else.
# The comment says so on the page, for whoever opens the Markdown.
LIQUID_RAW_OPEN = "<!-- {% raw %} keeps Jekyll (GitHub Pages) from reading BibTeX braces as Liquid tags -->\n"
LIQUID_RAW_CLOSE = "<!-- {% endraw %} end of the Jekyll guard -->\n"


def trusted(url: str | None) -> Markup | None:
    """A URL :func:`safe_url` accepted is percent-encoded and safe to print as it is."""
    return None if url is None else Markup(url)


def template_dirs(user_dir: str | Path | None = None) -> list[Path]:
    """Where templates are looked up, first match wins: the user's, the repository's, the installed copy."""
    dirs: list[Path] = []
    if user_dir is not None:
        user = Path(user_dir)
        if not user.is_dir():
            raise UsageError("templates folder not found", path=str(user_dir))
        dirs.append(user)
    package = Path(citeman.__file__).resolve().parent
    repository = package.parent / "templates"
    # Only a source checkout has pyproject.toml beside the templates (editable installs).
    if repository.is_dir() and (package.parent / "pyproject.toml").is_file():
        dirs.append(repository)
    installed = package / "templates"
    if installed.is_dir():
        dirs.append(installed)
    return dirs


def _finalize(value: Any) -> Any:
    """Everything printed by a template is escaped unless it is already trusted Markdown."""
    if value is None or isinstance(value, jinja2.Undefined):
        return Markup("")
    if hasattr(value, "__html__"):
        return value
    return md_escape(str(value))


def environment(dirs: list[Path]) -> SandboxedEnvironment:
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d)) for d in dirs])
    env = SandboxedEnvironment(
        loader=loader,
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        md=md_escape,
        md_block=md_block,
        md_link=md_link,
        autolink=md_autolink,
        code_block=code_block,
        safe_url=lambda url: trusted(safe_url(url)),
    )
    return env


def _relative(current: str) -> Callable[[str], Markup]:
    base = posixpath.dirname(current) or "."

    def link(target: str) -> Markup:
        return Markup(posixpath.relpath(target, base))

    return link


def render_template(env: SandboxedEnvironment, name: str, page: str, context: dict[str, Any]) -> str:
    try:
        template = env.get_template(name)
        text = template.render(context, link=_relative(page), page=page)
    except jinja2.TemplateSyntaxError as err:
        raise UsageError(f"template error: {err.message}", path=err.filename or name, line=err.lineno or 0) from None
    except jinja2.TemplateNotFound as err:
        raise UsageError(f"template not found: {err.name}", path=name) from None
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError) as err:
        raise UsageError(f"template error while writing {page}: {err}", path=name) from None
    return _tidy(text)


def _tidy(text: str) -> str:
    """At most one blank line in a row outside code fences; one final newline; Liquid-safe."""
    out: list[str] = []
    fence: str | None = None
    blank = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if fence is None:
            match = re.match(r"\s{0,3}(`{3,}|~{3,})", line)
            if match:
                fence = match.group(1)
            elif not stripped:
                blank += 1
                if blank > 1 or not out:
                    continue
                out.append("")
                continue
            blank = 0
            out.append(line.rstrip())
        else:
            out.append(line)
            if stripped.startswith(fence[0] * len(fence)) and set(stripped) <= {fence[0]}:
                fence = None
    body = "\n".join(out).strip("\n") + "\n"
    # MkDocs takes a page's title from an h1 only when it comes first, so the guard
    # opens after the heading; escaped heading text can hold no Liquid tag anyway.
    first, _, rest = body.partition("\n")
    if re.match(r"# \S", first):
        return first + "\n\n" + LIQUID_RAW_OPEN + "\n" + rest.lstrip("\n") + "\n" + LIQUID_RAW_CLOSE
    return LIQUID_RAW_OPEN + "\n" + body + "\n" + LIQUID_RAW_CLOSE
