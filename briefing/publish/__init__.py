"""Publish: the output folder: guarded, written all at once or not at all, searchable."""
