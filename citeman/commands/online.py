"""``citeman add`` and ``citeman verify``: thin wrappers over :mod:`citeman.app`."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from citeman import app as application
from citeman.commands.common import finish, input_errors


def _options(offline: bool, refresh: bool, mailto: Optional[str], jobs: int, cache: Optional[str],
             ttl_days: float) -> application.OnlineOptions:
    return application.OnlineOptions(offline=offline, refresh=refresh, mailto=mailto, jobs=jobs, cache=cache,
                                     ttl_days=ttl_days)


OFFLINE = typer.Option(False, "--offline", help="Use the cache only; report what could not be checked.")
REFRESH = typer.Option(False, "--refresh", help="Ask the services again, replacing cached answers.")
MAILTO = typer.Option(None, "--mailto", help="Contact address for Crossref's polite pool (default: $CITEMAN_MAILTO).")
JOBS = typer.Option(4, "--jobs", "-j", help="Requests in flight at once.")
CACHE = typer.Option(None, "--cache", help="The cache file (default: $CITEMAN_CACHE or ~/.cache/citeman).")
TTL = typer.Option(30.0, "--ttl-days", help="Cached answers older than this are fetched again.")


def add(
    identifiers: list[str] = typer.Argument(..., help="DOIs, ISBNs, arXiv ids, PubMed ids, or DOI/arXiv URLs."),
    bib: str = typer.Option("bib/library.bib", "--bib", "-b", help="The .bib file to append to (created if missing)."),
    update: bool = typer.Option(False, "--update", help="Refresh the fields of entries already in the file."),
    offline: bool = OFFLINE, refresh: bool = REFRESH, mailto: Optional[str] = MAILTO, jobs: int = JOBS,
    cache: Optional[str] = CACHE, ttl_days: float = TTL,
) -> None:
    """Add entries by identifier, fetched from Crossref, doi.org, arXiv, Open Library or OpenAlex."""
    with input_errors():
        outcome = application.add(identifiers, bib, update=update,
                                  options=_options(offline, refresh, mailto, jobs, cache, ttl_days))
    finish(outcome)


def verify(
    paths: Optional[list[str]] = typer.Argument(None, help=".bib files or folders, or papers with a reference list."),
    output_format: str = typer.Option("text", "--output-format", "--format",
                                      help="text, concise, json, github or sarif."),
    search: Optional[list[str]] = typer.Option(None, "--search", help="Search services: crossref, openalex (both)."),
    select: Optional[list[str]] = typer.Option(None, "--select", help="Only these codes or prefixes."),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", help="Skip these codes or prefixes."),
    fail_on: str = typer.Option("warning", "--fail-on", help="error, warning (default) or info."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Known findings (JSON) that do not fail the run."),
    write_baseline: Optional[str] = typer.Option(None, "--write-baseline", help="Record all findings as known."),
    retractions: Optional[str] = typer.Option(
        None, "--retractions", help="The Retraction Watch CSV file Crossref publishes, looked up offline (V005)."),
    offline: bool = OFFLINE, refresh: bool = REFRESH, mailto: Optional[str] = MAILTO, jobs: int = JOBS,
    cache: Optional[str] = CACHE, ttl_days: float = TTL,
) -> None:
    """Check entries against Crossref, doi.org, OpenAlex, arXiv and PubMed: V001-V005."""
    progress = None
    if sys.stderr.isatty():
        from rich.progress import Progress

        bar = Progress(transient=True)
        task = bar.add_task("verifying", total=None)
        bar.start()

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)
    try:
        with input_errors():
            outcome = application.verify(
                list(paths or []), fmt=output_format, search=[s for v in search or ["crossref,openalex"]
                                                              for s in v.split(",") if s],
                select=[s for v in select or [] for s in v.split(",") if s],
                ignore=[s for v in ignore or [] for s in v.split(",") if s], fail_on=fail_on, baseline=baseline,
                write_baseline=write_baseline, options=_options(offline, refresh, mailto, jobs, cache, ttl_days),
                progress=progress, retractions=retractions)
    finally:
        if progress is not None:
            bar.stop()
    finish(outcome)


def register(app: typer.Typer) -> None:
    app.command("add")(add)
    app.command("verify")(verify)
