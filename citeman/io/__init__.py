"""Readers and writers at the edges of citeman.

Every read and write of BibTeX lives here: :mod:`.bibtex` (the full reader on
bibtexparser and the canonical writer), :mod:`.fastread` (the fast reader for plain
text), :mod:`.splice` (rewriting fixed fields in place) and :mod:`.rawfields` (where
a field sits in an entry's source text).
"""
