"""Cypher over the built graph: parsed and checked, the shipped query library, running and output."""
