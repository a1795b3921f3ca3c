"""Cypher over the built graph: the portable dialect, the shipped query library, running and output."""
