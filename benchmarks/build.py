"""Build speed and memory: actorgraph's load-validate-build against bare networkx, in one run.

Usage: PYTHONPATH=. python benchmarks/build.py [RELATIONS...]   (default 10000 100000)

For each size it generates a corpus (`actorgraph synth`, JSON Lines, cached under
build/bench/), then in a fresh process times
  parse     reading the files, JSON decoding and structural checks (pydantic)
  validate  references, endpoint types, qualifiers, quotes found in their documents
  networkx  building the MultiDiGraph
  bare      `MultiDiGraph().add_edges_from` of the same edges with the same attribute dicts
and reports (validate + networkx) / bare (goal <= 3) and the process's peak RSS.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "build" / "bench"


def corpus(relations: int) -> Path:
    """A generated seeds tree of `relations` relations (made once, then reused)."""
    from graph.corpus.synth import SynthSpec, synthesize

    path = CACHE / f"synth-{relations}"
    if not (path / "annotations" / "annotations.jsonl").exists():
        synthesize(path, SynthSpec(relations=relations, seed=1), ROOT / "seeds" / "schema.yaml")
    return path


def measure(seeds: Path) -> dict[str, float]:
    """Time each stage on `seeds` in this process, with GC paused as `load_graph` pauses it.

    A paused collector is not free: the objects allocated meanwhile are scanned at the first
    collections after it. So each side is charged one full collection right after its build
    (`gc`), with everything before each side's build frozen, so each collection scans only that side's objects.
    """
    seeds = Path(seeds)
    import gc

    import networkx as nx

    from graph._gc import paused_gc
    from graph.build import build_graph
    from graph.corpus.read import read_annotations, read_documents
    from graph.corpus.resolve import resolve
    from graph.schema import load_schema

    problems: list = []
    schema = load_schema(seeds / "schema.yaml")
    gc.collect()
    gc.freeze()  # the interpreter's own objects (modules…): neither side's collection scans them
    with paused_gc():
        t0 = time.perf_counter()
        documents = read_documents(seeds / "documents", problems)
        annotations = read_annotations(seeds / "annotations", problems)
        t1 = time.perf_counter()
        corpus_ = resolve(schema, documents, annotations, problems)
        t2 = time.perf_counter()
        graph = build_graph(corpus_)
        t3 = time.perf_counter()
    assert not problems, problems[:3]
    del annotations, documents  # load_graph drops them too
    gc_ours = _timed(gc.collect)
    edges = [(u, v, k, dict(d)) for u, v, k, d in graph.edges(keys=True, data=True)]
    gc.collect()
    gc.freeze()
    with paused_gc():
        t4 = time.perf_counter()
        bare = nx.MultiDiGraph()
        bare.add_edges_from(edges)
        t5 = time.perf_counter()
    gc_bare = _timed(gc.collect)
    assert bare.number_of_edges() == graph.number_of_edges()
    peak_mib = peak_rss_mib()
    return {
        "parse": t1 - t0,
        "validate": t2 - t1,
        "networkx": t3 - t2,
        "gc": gc_ours,
        "bare": t5 - t4,
        "gc_bare": gc_bare,
        "peak_mib": peak_mib,
    }


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def peak(seeds: Path) -> dict[str, float]:
    """`load_graph(seeds)` alone (run it in a fresh process): seconds and the peak RSS."""
    seeds = Path(seeds)
    from graph import load_graph

    start = time.perf_counter()
    graph = load_graph(seeds)
    seconds = time.perf_counter() - start
    peak_mib = peak_rss_mib()
    return {"seconds": seconds, "peak_mib": peak_mib, "edges": graph.number_of_edges()}


def peak_rss_mib() -> float:
    """This process's peak resident memory: VmHWM, which (unlike ru_maxrss on Linux) starts afresh at exec,
    so it does not count the parent's memory a forked child carried before it."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(relations: int) -> dict[str, float]:
    """Measure one size in a fresh interpreter, so peak memory is that size's alone."""
    seeds = corpus(relations)
    code = (
        f"import json, sys; sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'benchmarks')!r}]; import build; "
        f"print(json.dumps(build.measure(build.Path({str(seeds)!r}))))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    ours = result["validate"] + result["networkx"] + result["gc"]
    result["ratio"] = ours / (result["bare"] + result["gc_bare"])
    return result


def main(sizes: list[int]) -> None:
    print(
        "| relations | parse s | validate s | networkx s | GC s | bare add_edges_from (+GC) s "
        "| ratio (goal <= 3) | peak RSS MiB |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        r = run(size)
        print(
            f"| {size:,} | {r['parse']:.2f} | {r['validate']:.2f} | {r['networkx']:.2f} | {r['gc']:.2f} "
            f"| {r['bare']:.2f} (+{r['gc_bare']:.2f}) "
            f"| {r['ratio']:.2f} | {r['peak_mib']:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
