"""``citeman add`` and ``citeman verify``: entries from identifiers, and entries checked against online records."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from citeman.app.outcome import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Outcome
from citeman.errors import UsageError
from citeman.model import Entry, Library

__all__ = ["OnlineOptions", "add", "verify"]


@dataclass
class OnlineOptions:
    """How to reach the services: the cache, offline or refreshed, the contact address, parallel requests."""

    offline: bool = False
    refresh: bool = False
    mailto: str | None = None     # default: $CITEMAN_MAILTO, else ``verify.mailto`` of the config file
    jobs: int = 4
    cache: str | Path | None = None   # default: $CITEMAN_CACHE or the user's cache folder
    ttl_days: float = 30.0
    timeout: float = 15.0
    retries: int = 3
    transport: object | None = None   # an httpx transport (tests replay recorded answers through one)

    def client(self):
        from citeman.online.cache import ResponseCache, default_cache_path
        from citeman.online.client import OnlineClient

        if self.offline and self.refresh:
            raise UsageError("--offline and --refresh exclude each other")
        if self.jobs < 1:
            raise UsageError(f"--jobs must be at least 1, not {self.jobs}")
        cache = ResponseCache(self.cache or default_cache_path(), ttl=self.ttl_days * 86400)
        mailto = self.mailto if self.mailto is not None else os.environ.get("CITEMAN_MAILTO", "")
        if self.mailto is None and not mailto:
            from citeman.validate.config import configured_mailto

            mailto = configured_mailto()
        return OnlineClient(cache, offline=self.offline, refresh=self.refresh, mailto=mailto, jobs=self.jobs,
                            timeout=self.timeout, retries=self.retries, transport=self.transport)


def _same_work(entry: Entry, entries: Iterable[Entry]) -> Entry | None:
    """The entry of ``entries`` for the same work (same DOI, arXiv id or ISBN), if any."""
    from citeman.normalize.identifiers import isbn13, normalize_doi

    def ids(e: Entry) -> set[str]:
        found = set()
        if e.fields.get("doi"):
            found.add("doi:" + normalize_doi(e.fields["doi"]).lower())
        if e.fields.get("eprint"):
            found.add("arxiv:" + e.fields["eprint"].strip().lower())
        if isbn13(e.fields.get("isbn", "")):
            found.add("isbn:" + isbn13(e.fields["isbn"]))
        return found

    wanted = ids(entry)
    return next((e for e in entries if wanted & ids(e)), None)


def _refresh_fields(target: Entry, fetched: Entry) -> set[str]:
    """Copy every field and name list of ``fetched`` onto ``target`` (its key and other fields stay); the changed names."""
    changed = set()
    for name, value in fetched.fields.items():
        if target.fields.get(name) != value:
            target.fields[name] = value
            changed.add(name)
    for role, people in fetched.persons.items():
        if target.persons.get(role) != people:
            target.persons[role] = people
            changed.add(role)
    target.provenance.update(fetched.provenance)
    return changed


def add(identifiers: Sequence[str], bib: str | Path, *, update: bool = False,
        options: OnlineOptions | None = None) -> Outcome:
    """Fetch each identifier's work and append it to ``bib`` (created when missing).

    An entry already in the file for the same work is left alone unless ``update``, which
    refreshes its fetched fields and keeps its key and every other field.
    """
    from citeman.io.atomic import atomic_write
    from citeman.io.bibtex import dumps_bib, format_entry, parse_bib
    from citeman.io.splice import splice_entries
    from citeman.io.text import read_text
    from citeman.keys import assign_keys
    from citeman.online.client import Unreachable
    from citeman.online.identifiers import classify
    from citeman.online.resolve import identifier_record
    from citeman.online.sources import PROVENANCE_FIELD, provenance_note

    if not identifiers:
        raise UsageError("give at least one DOI, ISBN, arXiv id or PubMed id")
    path = Path(bib)
    before = read_text(path) if path.exists() else ""
    library, _ = parse_bib(before, str(path)) if before else (Library(path=str(path)), [])
    client = (options or OnlineOptions()).client()
    outcome = Outcome()
    added: list[Entry] = []
    updated: dict[int, set[str]] = {}
    try:
        for text in identifiers:
            identifier = classify(text)
            if identifier is None:
                outcome.messages.append(f"error: {text!r} is not a DOI, ISBN, arXiv id or PubMed id")
                outcome.exit_code = EXIT_USAGE
                continue
            try:
                record = identifier_record(client, identifier)
            except Unreachable as err:
                outcome.messages.append(f"error: {text}: not fetched: {err}")
                outcome.exit_code = EXIT_USAGE
                continue
            except Exception as err:  # an answer no converter expected: one line, and the other identifiers go on
                outcome.messages.append(f"error: {text}: not fetched: unreadable answer ({type(err).__name__})")
                outcome.exit_code = EXIT_USAGE
                continue
            if record is None:
                outcome.messages.append(f"error: {text}: no such {identifier.kind} ({identifier.value})")
                outcome.exit_code = EXIT_USAGE
                continue
            fetched = record.entry
            fetched.fields[PROVENANCE_FIELD] = provenance_note(fetched)
            same = _same_work(fetched, [*library.entries, *added])
            if same is not None and not update:
                outcome.messages.append(f"{text}: already in {path} as {same.key}; nothing changed "
                                        "(--update refreshes its fields)")
                continue
            if same is not None:
                changed = _refresh_fields(same, fetched)
                if changed and same in library.entries:
                    updated.setdefault(id(same), set()).update(changed)
                outcome.messages.append(f"{text}: updated {same.key} ({', '.join(sorted(changed)) or 'no changes'})")
                continue
            assign_keys([fetched], taken=[*library.keys(), *(e.key for e in added)])
            added.append(fetched)
            outcome.messages.append(f"{text}: added {fetched.key} from {record.service}")
    finally:
        client.close()
    if not added and not updated:
        return outcome
    text = before
    if updated:
        touched = [e for e in library.entries if id(e) in updated]
        text = splice_entries(before, touched, updated) or dumps_bib(library)
    if added:
        separator = "" if not text else "\n" if text.endswith("\n\n") else "\n\n" if not text.endswith("\n") else "\n"
        text += separator + "\n".join(format_entry(e) for e in added)
    atomic_write(path, text)
    outcome.written = path
    outcome.output = "".join(f"{e.key}\n" for e in added)
    return outcome


def _entries_of(path: str) -> tuple[list[Entry], Library | None]:
    """The entries of a .bib file, or of a paper's reference list (any other file, as ``citeman refs`` parses it)."""
    if path.endswith(".bib") or path == "-":
        from citeman.io.bibtex import read_bib

        library, _ = read_bib(path)
        return library.entries, library
    from citeman.ingest.reflist import references_from_paper

    entries, _ = references_from_paper(path)
    return entries, None


def _suppressed(findings, library: Library) -> None:
    from citeman.validate.suppress import entry_comments, parse_suppressions

    comments = entry_comments(library.blocks)
    by_key = {e.key: parse_suppressions(comments.get(id(e), [])) for e in library.entries}
    for finding in findings:
        for suppression in by_key.get(finding.diagnostic.key, []):
            if suppression.covers(finding.diagnostic.code):
                finding.status, finding.reason = "suppressed", suppression.reason
                break


def verify(paths: Sequence[str], *, fmt: str = "text", search: Sequence[str] = ("crossref", "openalex"),
           select: Sequence[str] = (), ignore: Sequence[str] = (), fail_on: str = "warning",
           baseline: str | None = None, write_baseline: str | None = None, options: OnlineOptions | None = None,
           progress: Callable[[int, int], None] | None = None, retractions: str | None = None) -> Outcome:
    """Check each entry of ``paths`` (.bib files, or papers whose reference lists are parsed) online.

    Findings are V001-V005, reported like ``citeman validate`` (same formats, baseline,
    inline suppressions). Entries that could not be checked are listed one per line in
    ``messages``; network failures make the exit code 2, cache misses ``--offline`` do not.
    ``retractions`` names a Retraction Watch CSV file, looked up locally for every entry
    (so its V005 stands even for an entry no service could be asked about).
    """
    from concurrent.futures import ThreadPoolExecutor

    from citeman.online.client import Unreachable
    from citeman.online.resolve import SEARCHERS
    from citeman.online.sources import retractionwatch
    from citeman.online.verify import check_entry, listed_retractions, with_listed_retractions
    from citeman.validate.baseline import BaselineMatcher, check_baseline_option, load_baseline
    from citeman.validate.baseline import write_baseline as save_baseline
    from citeman.validate.config import SEVERITIES
    from citeman.validate.lint import collect_bib_files
    from citeman.validate.registry import matches
    from citeman.validate.report import FORMATS, Finding, format_report

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if fail_on not in SEVERITIES:
        raise UsageError(f"--fail-on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}")
    check_baseline_option(baseline, write_baseline)
    unknown = [s for s in search if s not in SEARCHERS]
    if unknown or not search:
        raise UsageError(f"--search takes {' and '.join(SEARCHERS)}, not {', '.join(unknown) or 'nothing'}")
    files = [p for p in paths if not Path(p).is_dir()] + collect_bib_files([p for p in paths if Path(p).is_dir()])
    files = files or collect_bib_files(["bib"])
    options = options or OnlineOptions()
    if retractions is not None and not Path(retractions).is_file():
        raise UsageError("Retraction Watch file not found", path=retractions)
    listed = retractionwatch.load(retractions) if retractions is not None else None
    jobs_of = [(path, entry, library) for path in files for entry, library in
               ((e, lib) for entries, lib in [_entries_of(path)] for e in entries)]
    client = options.client()
    outcome = Outcome()
    done = 0

    def check(job):
        path, entry, _ = job
        local = listed_retractions(listed, entry, path)
        try:
            return with_listed_retractions(check_entry(client, entry, path, search), local), None
        except Unreachable as err:
            return local, err
        except Exception as err:  # an answer no converter expected: this entry is not checked, the rest are
            return local, Unreachable("", f"unreadable answer ({type(err).__name__}: {err})")

    findings: list[Finding] = []
    not_checked = network_failed = 0
    try:
        with ThreadPoolExecutor(max_workers=options.jobs) as pool:
            for (path, entry, library), (diagnostics, error) in zip(jobs_of, pool.map(check, jobs_of)):
                done += 1
                if progress is not None:
                    progress(done, len(jobs_of))
                if error is not None:
                    not_checked += 1
                    network_failed += not error.reason.startswith("not in the cache") and bool(
                        error.url or error.reason.startswith("unreadable"))
                    line = f":{entry.source.line}" if entry.source is not None and entry.source.line else ""
                    outcome.messages.append(f"error: {path}{line}: {entry.key}: not checked: {error}")
                    if not diagnostics:
                        continue
                chosen = [d for d in diagnostics if (not select or matches(d.code, [s.upper() for s in select]))
                          and not matches(d.code, [s.upper() for s in ignore])]
                new = [Finding(d) for d in chosen]
                if library is not None:
                    _suppressed(new, library)
                findings += new
    finally:
        client.close()
    if write_baseline:
        count = save_baseline(findings, write_baseline)
        outcome.messages.append(f"wrote {count} findings to {write_baseline}")
        return outcome
    if baseline:
        BaselineMatcher(load_baseline(baseline), baseline).apply(findings)
    outcome.output = format_report(findings, fmt)
    outcome.diagnostics = [f.diagnostic for f in findings]
    checked = len(jobs_of) - not_checked
    outcome.messages.append(f"verified {checked} of {len(jobs_of)} entries"
                            + (f"; {not_checked} not checked" if not_checked else ""))
    rank = SEVERITIES.index(fail_on)
    failed = any(f.counts and f.diagnostic.severity in SEVERITIES[: rank + 1] for f in findings)
    outcome.exit_code = EXIT_USAGE if network_failed else EXIT_FINDINGS if failed else EXIT_OK
    return outcome
