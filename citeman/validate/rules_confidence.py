"""Fields the reference parser was unsure of, as recorded in ``citeman-confidence``."""

from __future__ import annotations

from collections.abc import Iterator

from citeman.ingest.confidence import CONFIDENCE_FIELD, read_low_confidence
from citeman.ingest.merge import MACHINE_FIELD, current_value, is_human_value
from citeman.model import Entry
from citeman.validate.base import Context, Severity, Violation, quote, rule


@rule("low-confidence-field", Severity.INFO)
def low_confidence_field(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """A field the reference parser read with low confidence; check it against the source.

    Why: the parser labels every word of a reference, and a field with a doubtful word is
    often cut short, run into its neighbour, or read from damaged text. A value a person has
    since edited (its hash in ``citeman-machine`` no longer matches) is not reported; delete
    the item from ``citeman-confidence`` once checked.

    Bad:  @article{k, title = {Dynamics ( JHD ) Multidimensional}, citeman-confidence = {title=0.46}}
    Good: @article{k, title = {Multidimensional Challenges}}
    """
    tracked = MACHINE_FIELD in entry.fields
    for name, score in read_low_confidence(entry).items():
        value = current_value(entry, name)
        if value is None or (tracked and is_human_value(entry, name)):
            continue
        yield Violation(f"{name} {quote(value)} read with low confidence ({score:.2f}): check it against the source",
                        field=CONFIDENCE_FIELD)
