"""Building the networkx graph from a checked corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from graph._gc import paused_gc
from graph._nx import add_new_edges
from graph.corpus import Corpus, Entity, Relation, load_corpus


def build_graph(corpus: Corpus, as_of: str | None = None) -> nx.MultiDiGraph:
    """A MultiDiGraph: nodes keyed by entity id, edges keyed by relation id, added in id order.

    `as_of` (YYYY, YYYY-MM or YYYY-MM-DD): the graph as reported by then (`Corpus.as_of`).
    """
    if as_of is not None:
        corpus = corpus.as_of(as_of)
    with paused_gc():
        graph = nx.MultiDiGraph(
            name="actorgraph",
            schema_version=corpus.schema.spec.version,
            documents={d.id: _document_attrs(d) for d in corpus.documents.values()},
        )
        cypher = {name: corpus.schema.cypher_type(name) for name in corpus.schema.relation_types}
        graph.add_nodes_from((e.id, node_attrs(e)) for e in corpus.entities.values())
        edges = ((r.source, r.target, r.id, edge_attrs(r, cypher[r.type])) for r in corpus.relations.values())
        add_new_edges(graph, edges)
    return graph


def load_graph(
    seeds: Path | str = "seeds", schema: Path | str | None = None, as_of: str | None = None
) -> nx.MultiDiGraph:
    """Read, check and build the graph of a seeds folder (raises `ValidationFailed`); `as_of` as in `build_graph`."""
    with paused_gc():  # one pause: no collection between checking and building
        return build_graph(load_corpus(seeds, schema), as_of)


def node_attrs(entity: Entity) -> dict[str, Any]:
    attrs: dict[str, Any] = {"type": entity.type, "name": entity.name, "aliases": list(entity.aliases)}
    if entity.description:
        attrs["description"] = entity.description
    attrs.update(entity.properties)
    if entity.mention is not None:
        attrs.update(_evidence(entity.mention))
    documents = entity.documents
    if documents:
        attrs["documents"] = documents
    if entity.mentions:
        attrs["mention_documents"] = [m.document for m in entity.mentions]
        attrs["mention_quotes"] = [m.quote for m in entity.mentions]
        attrs["mention_starts"] = [m.start for m in entity.mentions]
        attrs["mention_ends"] = [m.end for m in entity.mentions]
    return attrs


def edge_attrs(relation: Relation, cypher_type: str) -> dict[str, Any]:
    """The relation's fields: the first report's evidence as scalars, every report's in parallel lists, conflicts."""
    reports = relation.reports
    first = reports[0]
    evidence = first.evidence
    attrs: dict[str, Any] = {
        "id": relation.id,
        "type": relation.type,
        "cypher_type": cypher_type,
        **_evidence(evidence),
        "attribution": first.attribution,
        "confidence": first.confidence,
    }
    if first.attributed_to is not None:
        attrs["attributed_to"] = first.attributed_to
    if first.note:
        attrs["note"] = first.note
    if relation.qualifiers:
        attrs.update(relation.qualifiers)
    if len(reports) == 1:  # the common case, without a loop per list
        attrs["documents"] = [evidence.document]
        attrs["evidence_count"] = 1
        attrs["evidence_documents"] = [evidence.document]
        attrs["evidence_quotes"] = [evidence.quote]
        attrs["evidence_starts"] = [evidence.start]
        attrs["evidence_ends"] = [evidence.end]
        attrs["evidence_attributions"] = [first.attribution]
        attrs["evidence_attributed_to"] = [first.attributed_to or ""]
        attrs["evidence_confidences"] = [float(first.confidence)]
        attrs["evidence_dates"] = [str(first.qualifiers.get("date", ""))]
    else:
        attrs["documents"] = relation.documents
        attrs["evidence_count"] = len(reports)
        attrs["evidence_documents"] = [r.evidence.document for r in reports]
        attrs["evidence_quotes"] = [r.evidence.quote for r in reports]
        attrs["evidence_starts"] = [r.evidence.start for r in reports]
        attrs["evidence_ends"] = [r.evidence.end for r in reports]
        attrs["evidence_attributions"] = [r.attribution for r in reports]
        attrs["evidence_attributed_to"] = [r.attributed_to or "" for r in reports]
        attrs["evidence_confidences"] = [float(r.confidence) for r in reports]
        attrs["evidence_dates"] = [str(r.qualifiers.get("date", "")) for r in reports]
    attrs["conflicted"] = bool(relation.conflicts)
    if relation.conflicts:
        attrs["conflicts"] = [c.description for c in relation.conflicts]
        if any(r.contradicts for r in reports):
            attrs["contradicts"] = relation.contradicts
    return attrs


def _evidence(evidence) -> dict[str, Any]:
    return {
        "document": evidence.document,
        "quote": evidence.quote,
        "quote_start": evidence.start,
        "quote_end": evidence.end,
    }


def _document_attrs(document) -> dict[str, Any]:
    return {
        "title": document.title,
        "path": document.path.name,
        "sha256": document.sha256,
        "characters": len(document.text),
        **document.meta,
    }
