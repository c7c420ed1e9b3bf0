"""Benchmark the figures: cold render (fresh process, imports included), cache hit, parts, SVG sizes.

Prints figures only; it never asserts on time. Run: python scripts/bench_figures.py [--repeat N]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile


# Runs in a fresh interpreter: numpy is imported first (the build has it already, for the reference
# numbers), then the figures are fetched through the cache, so a miss pays for matplotlib's import.
_CACHED = """
import json, sys, time
start = time.perf_counter()
import numpy
numpy_done = time.perf_counter()
from lessons.loss_and_optimization import LESSON
from studykit.core.cache import from_cache
from studykit.figures.downloads import figures_entry, figures_json, from_json
entry = figures_entry(LESSON.figures, LESSON.figure_seed, {cache!r})
figures = from_json(from_cache(entry, lambda: figures_json(LESSON.figures, LESSON.figure_seed)))
print(json.dumps({{"numpy": numpy_done - start, "figures": time.perf_counter() - numpy_done,
                  "matplotlib": "matplotlib" in sys.modules,
                  "sizes": {{name: len(f.svg.encode()) for name, f in figures.items()}}}}))
"""

# The parts of a cold render, each timed once in a fresh interpreter.
_PARTS = """
import json, time
parts = {}
start = time.perf_counter()
from lessons.loss_and_optimization import LESSON
from studykit.figures import drawing
parts["import numpy + the lesson"] = time.perf_counter() - start
results = {}
for spec in LESSON.figures:
    start = time.perf_counter()
    results[spec.name] = spec.compute(LESSON.figure_seed)
    parts["experiment " + spec.name] = time.perf_counter() - start
start = time.perf_counter()
import matplotlib.figure
parts["import matplotlib"] = time.perf_counter() - start
for spec in LESSON.figures:
    start = time.perf_counter()
    drawing.draw_svg(spec.name, spec.draw, results[spec.name], "title", "alt")
    parts["draw " + spec.name] = time.perf_counter() - start
print(json.dumps(parts))
"""


def _run(code):
    """Run code in a fresh interpreter with the lesson package importable; return its JSON line."""
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main():
    """Print cold and warm times over --repeat runs, the parts of one cold run, and SVG sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cold, warm, numpy_import = [], [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as cache:
            miss, hit = _run(_CACHED.format(cache=cache)), _run(_CACHED.format(cache=cache))
        assert miss["matplotlib"] and not hit["matplotlib"]
        cold.append(miss["figures"])
        warm.append(hit["figures"])
        numpy_import.append(miss["numpy"])
    print(f"figures, cold (cache miss, matplotlib imported): median {statistics.median(cold):.3f} s,"
          f" min {min(cold):.3f} s over {args.repeat} fresh processes")
    print(f"figures, warm (cache hit, no matplotlib):      median {statistics.median(warm):.3f} s,"
          f" min {min(warm):.3f} s")
    print(f"numpy import before either (the build pays it anyway): "
          f"median {statistics.median(numpy_import):.3f} s")
    print("parts of one cold render:")
    for part, seconds in _run(_PARTS).items():
        print(f"  {part:<28} {seconds:.3f} s")
    print("SVG sizes:")
    for name, size in miss["sizes"].items():
        print(f"  {name:<16} {size / 1024:.1f} KiB")


if __name__ == "__main__":
    main()
