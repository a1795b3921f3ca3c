"""Benchmark: big inputs, each measured in a fresh process (peak RSS from getrusage).

    PYTHONPATH=. python benchmarks/big_inputs.py [--mb 200] [--entities 100000]

`document`: the seed corpus with its article grown to MB megabytes (straight quotes and double spaces),
one relation's quote given in curly quotes so it is found only by folding. Goal: <= 1 GiB, <= 10 s.
`near_miss`: the same with one quote off by a hyphen: validate reports the nearest passage and what differs.
`yaml`: one annotation file of N entities, validated with the C YAML loader and with the pure one.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "la-sanctuary-city-2024-11"
FILLER = 'Filler sentence with "straight" quotes and  double  spaces, it\'s here.\n'


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def document(mb: int) -> dict:
    """Validate the seeds with a `mb` MB article whose quote matches only after folding quote marks."""
    from graph.corpus import load_corpus

    base = _peak_mib()
    seconds, corpus = _timed(mb, '"sanctuary city."', "\u201csanctuary city.\u201d", load_corpus)
    assert len(corpus.relations) == 13
    return {"mb": mb, "seconds": seconds, "peak_mib": _peak_mib(), "before_mib": base}


def near_miss(mb: int) -> dict:
    """Validate the `mb` MB article with one quote off by a hyphen: the problem names the nearest passage."""
    from graph import validate

    seconds, problems = _timed(mb, "pro-immigrant city", "pro immigrant city", validate)
    assert len(problems) == 1 and "quote not found" in problems[0].message, problems
    return {"mb": mb, "near_miss_seconds": seconds, "peak_mib": _peak_mib(), "hint": problems[0].hint[:60]}


def _timed(mb: int, old: str, new: str, call):
    """Seconds `call(seeds)` takes on the grown seeds, `old` replaced by `new` in the annotations; its result."""
    with tempfile.TemporaryDirectory() as tmp:
        seeds = _grown(Path(tmp), mb)
        notes = seeds / "annotations" / f"{ARTICLE}.yaml"
        notes.write_text(notes.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        start = time.perf_counter()
        result = call(seeds)
        return time.perf_counter() - start, result


def _grown(tmp: Path, mb: int) -> Path:
    """A copy of the seeds whose article has `mb` MB of filler before it."""
    seeds = tmp / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    text = seeds / "documents" / f"{ARTICLE}.txt"
    body = text.read_bytes()
    with text.open("wb") as f:
        line = FILLER.encode()
        chunk = line * (2**20 // len(line))
        for _ in range(mb):
            f.write(chunk)
        f.write(body)
    return seeds


def yaml_file(entities: int, pure: bool) -> dict:
    """Validate one annotation file of `entities` entities, with the C loader or the pure one."""
    from graph.corpus import load_corpus
    from graph.files import yamlfile as _yaml

    if pure:
        _yaml._LOADERS = (_yaml._NoDatesLoader,)
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        shutil.copytree(ROOT / "seeds", seeds)
        lines = [f"document: {ARTICLE}\n", "entities:\n"]
        lines += [
            f"  - id: bulk-{i}\n    type: Person\n    name: Bulk Person {i}\n    aliases: [B{i}, 'P {i}']\n"
            for i in range(entities)
        ]
        (seeds / "annotations" / "bulk.yaml").write_text("".join(lines), encoding="utf-8")
        start = time.perf_counter()
        corpus = load_corpus(seeds)
        seconds = time.perf_counter() - start
        assert len(corpus.entities) == entities + 13
    return {"entities": entities, "pure": pure, "seconds": seconds, "peak_mib": _peak_mib()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--entities", type=int, default=100_000)
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
    import run

    print(json.dumps(run.fresh("big_inputs", "document", args.mb)))
    print(json.dumps(run.fresh("big_inputs", "near_miss", args.mb)))
    for pure in (False, True):
        print(json.dumps(run.fresh("big_inputs", "yaml_file", args.entities, pure)))


if __name__ == "__main__":
    main()
