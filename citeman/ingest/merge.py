"""Merging freshly extracted entries into a .bib a person may have edited.

Re-running ingestion must never destroy a correction made by hand. Each entry carries
``citeman-machine = {title=1a2b3c4d, author=..., annotation=draft:5e6f7a8b}``: a short
hash of every value citeman itself wrote (``draft:`` marks machine-drafted prose such as
annotations). On the next merge a value whose hash still matches was not touched by a
person and may be updated; a value that no longer matches, a field without a hash
(added by hand), and a machine field a person deleted are all left exactly as they are.
Keys of existing entries are never changed; new entries get keys from
:func:`citeman.keys.assign_keys`.

Incoming entries are matched to existing ones by the exact original reference text
(``rawref``; line numbers shift when a paper is edited), then ``citeman-source``, then
DOI, then key.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from citeman.io.bibtex import PERSON_FIELDS, read_bib, write_bib
from citeman.io.syntax import refuse_damage
from citeman.keys import ascii_fold, assign_keys, base_key, unique_key
from citeman.model import Diagnostic, Entry, Library
from citeman.names import format_names
from citeman.normalize.identifiers import normalize_doi

MACHINE_FIELD = "citeman-machine"
TYPE_NAME = "entrytype"  # how the entry type is named inside citeman-machine
DRAFT = "draft:"


def value_hash(value: str) -> str:
    """Eight hex digits identifying a value (whitespace runs do not count as edits)."""
    return hashlib.blake2b(" ".join(value.split()).encode("utf-8"), digest_size=4).hexdigest()


def read_machine(entry: Entry) -> dict[str, tuple[str, bool]]:
    """``{name: (hash, drafted)}`` from the entry's ``citeman-machine`` field."""
    out: dict[str, tuple[str, bool]] = {}
    for item in entry.fields.get(MACHINE_FIELD, "").split(","):
        name, sep, digest = item.strip().partition("=")
        if not sep or not name:
            continue
        drafted = digest.startswith(DRAFT)
        out[name.strip().lower()] = (digest[len(DRAFT) :] if drafted else digest, drafted)
    return out


def write_machine(entry: Entry, record: dict[str, tuple[str, bool]]) -> None:
    if not record:
        entry.fields.pop(MACHINE_FIELD, None)
        return
    entry.fields[MACHINE_FIELD] = ", ".join(
        f"{name}={DRAFT if drafted else ''}{digest}" for name, (digest, drafted) in record.items()
    )


def current_value(entry: Entry, name: str) -> str | None:
    """The value of a field, a person role (as BibTeX names) or the entry type; ``None`` if absent."""
    if name == TYPE_NAME:
        return entry.type
    if name in PERSON_FIELDS:
        persons = entry.persons.get(name)
        return format_names(persons, name in entry.truncated) if persons else None
    return entry.fields.get(name)


def tracked_names(entry: Entry) -> list[str]:
    """Everything the machine may have written in an entry, bookkeeping field excluded."""
    names = [TYPE_NAME] + [role for role in entry.persons if entry.persons[role]]
    return names + [name for name in entry.fields if name != MACHINE_FIELD]


def record_machine(entry: Entry, name: str, drafted: bool = False) -> None:
    """Note that the current value of ``name`` was written by citeman."""
    record = read_machine(entry)
    value = current_value(entry, name)
    if value is None:
        record.pop(name, None)
    else:
        record[name] = (value_hash(value), drafted)
    write_machine(entry, record)


def is_machine_value(entry: Entry, name: str) -> bool:
    """True when the value of ``name`` is still exactly what citeman wrote."""
    value = current_value(entry, name)
    recorded = read_machine(entry).get(name)
    return value is not None and recorded is not None and recorded[0] == value_hash(value)


def is_draft(entry: Entry, name: str) -> bool:
    """True for machine-drafted prose (an annotation) no person has edited yet."""
    recorded = read_machine(entry).get(name)
    return bool(recorded and recorded[1]) and is_machine_value(entry, name)


def is_human_value(entry: Entry, name: str) -> bool:
    """True when a person wrote or edited the value (or deleted a machine value)."""
    value = current_value(entry, name)
    recorded = read_machine(entry).get(name)
    if value is None:
        return recorded is not None
    return recorded is None or recorded[0] != value_hash(value)


def stamp(entry: Entry) -> Entry:
    """Record hashes for every value of a freshly generated entry (drafts stay drafts)."""
    previous = read_machine(entry)
    record = {}
    for name in tracked_names(entry):
        value = current_value(entry, name)
        if value is not None:
            record[name] = (value_hash(value), previous.get(name, ("", False))[1])
    write_machine(entry, record)
    return entry


@dataclass
class MergeReport:
    """What a merge did, entry by entry."""

    added: list[str] = field(default_factory=list)
    updated: dict[str, list[str]] = field(default_factory=dict)
    kept: dict[str, list[str]] = field(default_factory=dict)  # human edits left untouched
    unchanged: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"added {key}" for key in self.added]
        out += [f"updated {key}: {', '.join(names)}" for key, names in self.updated.items()]
        out += [f"kept edits in {key}: {', '.join(names)}" for key, names in self.kept.items()]
        return out

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{sum(len(v) for v in self.kept.values())} edited field(s) kept"
        )

    def diagnostics(self, path: str = "") -> list[Diagnostic]:
        return [
            Diagnostic("P210", "info", f"kept edited field '{name}' of {key}", path, 0, key, name)
            for key, names in self.kept.items()
            for name in names
        ]


def _norm(text: str) -> str:
    return " ".join(text.split())


class _Index:
    """Lookup of existing entries by rawref, source, DOI and key."""

    def __init__(self, entries: list[Entry]) -> None:
        self.by_rawref: dict[str, Entry] = {}
        self.by_source: dict[str, Entry] = {}
        self.by_doi: dict[str, Entry] = {}
        self.by_key: dict[str, Entry] = {}
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry) -> None:
        if entry.fields.get("rawref"):
            self.by_rawref.setdefault(_norm(entry.fields["rawref"]), entry)
        if entry.fields.get("citeman-source"):
            self.by_source.setdefault(entry.fields["citeman-source"].strip(), entry)
        if entry.fields.get("doi"):
            self.by_doi.setdefault(normalize_doi(entry.fields["doi"]).lower(), entry)
        if entry.key:
            self.by_key.setdefault(entry.key, entry)

    def find(self, entry: Entry) -> Entry | None:
        rawref = _norm(entry.fields.get("rawref", ""))
        if rawref and rawref in self.by_rawref:
            return self.by_rawref[rawref]
        source = entry.fields.get("citeman-source", "").strip()
        candidate = self.by_source.get(source) if source else None
        # Same path:line but a different reference text: the paper changed, not the same item.
        if candidate is not None and not (rawref and candidate.fields.get("rawref") and _norm(candidate.fields["rawref"]) != rawref):
            return candidate
        doi = normalize_doi(entry.fields.get("doi", "")).lower()
        if doi and doi in self.by_doi:
            return self.by_doi[doi]
        if entry.key and entry.key in self.by_key:
            return self.by_key[entry.key]
        return None


def _set_value(target: Entry, source: Entry, name: str) -> None:
    if name == TYPE_NAME:
        target.type = source.type
    elif name in PERSON_FIELDS:
        target.persons[name] = copy.deepcopy(source.persons[name])
        target.truncated.discard(name)
        if name in source.truncated:
            target.truncated.add(name)
    else:
        target.fields[name] = source.fields[name]
        if name in source.macros:
            target.macros.add(name)
        else:
            target.macros.discard(name)
    if name in source.provenance:
        target.provenance[name] = source.provenance[name]


def update_entry(existing: Entry, incoming: Entry) -> tuple[list[str], list[str]]:
    """Update machine-written values of ``existing`` from ``incoming``; returns (updated, kept)."""
    record = read_machine(existing)
    drafts = read_machine(incoming)
    updated: list[str] = []
    kept: list[str] = []
    for name in tracked_names(incoming):
        new = current_value(incoming, name)
        if new is None:
            continue
        current = current_value(existing, name)
        recorded = record.get(name)
        drafted = drafts.get(name, ("", False))[1]
        if current is None:
            if recorded is not None:  # a person deleted a machine value: respect that
                kept.append(name)
                continue
            _set_value(existing, incoming, name)
            updated.append(name)
        elif _norm(current) == _norm(new):
            if recorded is not None and recorded[0] != value_hash(current):
                continue  # a person's value that happens to agree stays theirs
            # Unrecorded but identical to what citeman writes (a .bib written before
            # stamping): taking ownership loses nothing and lets later updates flow.
            drafted = recorded[1] if recorded is not None else drafted
        elif recorded is not None and recorded[0] == value_hash(current):
            _set_value(existing, incoming, name)
            updated.append(name)
        else:
            kept.append(name)
            continue
        value = current_value(existing, name)
        if value is not None:
            record[name] = (value_hash(value), drafted)
    write_machine(existing, record)
    return updated, kept


def _name_anonymous(entries: list[Entry], taken: set[str]) -> None:
    """An entry with neither author nor title is keyed by its site or publisher, not ``anon``."""
    for entry in entries:
        if entry.key or base_key(entry) != "anon":
            continue
        owner = entry.fields.get("organization") or entry.fields.get("publisher") or entry.fields.get("institution")
        stem = ascii_fold(owner.split()[0]).lower() if owner and owner.split() else ""
        if stem:
            year = entry.fields.get("year", "")
            entry.key = unique_key(stem + (year if year.isdigit() else ""), taken | {e.key for e in entries if e.key})


def assign_new_keys(entries: list[Entry], taken: set[str] | frozenset[str] = frozenset()) -> None:
    """Keys for entries that have none (existing keys are never changed)."""
    _name_anonymous(entries, set(taken))
    assign_keys(entries, taken=taken)


def merge_entries(existing: Library, incoming: list[Entry]) -> tuple[Library, MergeReport]:
    """Merge ``incoming`` into a copy of ``existing``; person-edited values always survive."""
    library = copy.deepcopy(existing)
    report = MergeReport()
    index = _Index(library.entries)
    fresh: list[Entry] = []
    for item in incoming:
        match = index.find(item)
        if match is None:
            new = stamp(copy.deepcopy(item))
            fresh.append(new)
            index.add(new)
            continue
        updated, kept = update_entry(match, item)
        if updated:
            report.updated[match.key] = updated
        if kept:
            report.kept[match.key] = kept
        if not updated:
            report.unchanged.append(match.key)
    taken = {entry.key for entry in library.entries if entry.key}
    assign_new_keys(fresh, taken)
    for new in fresh:
        # Keys are part of neither the hashes nor the fields, so stamping before keying is fine.
        library.blocks.append(new)
        report.added.append(new.key)
    return library, report


def merge_into_bib(bib_path: str | Path, incoming: list[Entry]) -> tuple[MergeReport, list[Diagnostic]]:
    """Merge ``incoming`` into the .bib at ``bib_path`` (created if absent) and write it atomically."""
    path = Path(bib_path)
    if path.exists():
        library, diagnostics = read_bib(path)
        refuse_damage(diagnostics, "merged into", force="")   # a rewrite would make a syntax error final
    else:
        library, diagnostics = Library(path=str(path)), []
    merged, report = merge_entries(library, incoming)
    write_bib(merged, path)
    return report, diagnostics + report.diagnostics(str(path))
