"""Readers and writers at the edges of citeman."""
