"""A paper read once: its structure (:mod:`.analysis`), headings (:mod:`.headings`) and markup (:mod:`.markup`)."""

from citeman.paper.analysis import Paper, analyse_paper, load_paper, normalise_newlines, read_paper

__all__ = ["Paper", "analyse_paper", "load_paper", "normalise_newlines", "read_paper"]
