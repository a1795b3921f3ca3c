"""CLI start-up: wall time of `actorgraph --help`, `validate` and `query NAME --store` on the seeds.

    PYTHONPATH=. python benchmarks/startup.py [--runs 7]

Each command runs in a fresh process `runs` times; the best time is reported (the least disturbed by other work
on the machine). Goals: --help ≤ 0.2 s, validate ≤ 0.4 s, query --store ≤ 0.5 s. The store is made once first.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOALS = {"help": 0.2, "validate": 0.4, "query": 0.5}


def commands(store: Path) -> dict[str, list[str]]:
    cli = [sys.executable, "-m", "graph"]
    seeds = ["--seeds", str(ROOT / "seeds")]
    return {
        "help": [*cli, "--help"],
        "validate": [*cli, "validate", *seeds],
        "query": [*cli, "query", "stance-matrix", "--store", str(store), *seeds],
    }


def best_of(args: list[str], runs: int) -> tuple[float, float]:
    """The best wall time and the best CPU time (user + system; less disturbed by a busy machine), seconds."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(args, capture_output=True, check=True, cwd=ROOT)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), min(cpus)


def measure(runs: int = 7) -> dict[str, float]:
    """Best wall and CPU seconds per command (`NAME`, `NAME_cpu`), and Python's own start-up for scale."""
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        todo = commands(Path(tmp) / "store")
        subprocess.run(todo["query"], capture_output=True, check=True, cwd=ROOT)  # make the store once
        todo["python"] = [sys.executable, "-c", "pass"]
        for name, args in todo.items():
            figures[name], figures[f"{name}_cpu"] = best_of(args, runs)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    figures = measure(parser.parse_args().runs)
    for name, goal in GOALS.items():
        met = "yes" if figures[name] <= goal else "no"
        print(f"{name}: {figures[name]:.3f} s wall, {figures[name + '_cpu']:.3f} s CPU (goal ≤ {goal} s) {met}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
