"""Benchmark the PDF deck: cold and warm render of the real deck, scaling to 100 and 500 cards, file size.

Prints figures only; it never asserts on time. Run: python scripts/bench_deck.py [--repeat N]
"""

import argparse
import itertools
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from studykit.cards import deck
from studykit.cards.cardfile import Card
from studykit.cards.cardfile import read_cards as load_cards
from studykit.cards.deck import DEFAULT_CARDS
from studykit.core import identity

IDENTITY = identity.read_identity()  # the lesson's titles, as the deck prints them

# Runs in a fresh interpreter so the figure includes imports, font loading and the first formula renders.
_COLD_RENDER = """
import json, time
start = time.perf_counter()
from studykit.core import identity
from studykit.cards.cardfile import read_cards
from studykit.cards.deck import render_deck
pdf = render_deck(read_cards({cards!r}), identity.read_identity())
print(json.dumps({{"seconds": time.perf_counter() - start, "bytes": len(pdf)}}))
"""


def cold_render(cards_path):
    """Return (seconds inside the fresh process, seconds including interpreter start-up)."""
    start = time.perf_counter()
    completed = subprocess.run([sys.executable, "-c", _COLD_RENDER.format(cards=str(cards_path))],
                               capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    return json.loads(completed.stdout.strip().splitlines()[-1])["seconds"], wall


def generated_cards(cards, count):
    """Return `count` cards made by cycling the real ones under new ids."""
    source = itertools.cycle(cards)
    return [Card(id=f"{card.id}-{number}", question=card.question, answer=card.answer, position=number)
            for number, card in zip(range(1, count + 1), source)]


def timed_renders(cards, repeat):
    """Render `repeat` times in this process; return (wall-clock durations, CPU durations) in seconds."""
    wall, cpu = [], []
    for _ in range(repeat):
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        deck.render_deck(cards, IDENTITY)
        wall.append(time.perf_counter() - start_wall)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def main(argv=None):
    """Print the benchmark figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=Path, default=DEFAULT_CARDS, help="card file to benchmark")
    parser.add_argument("--repeat", type=int, default=9, help="warm renders of the real deck (default 9)")
    args = parser.parse_args(argv)

    inside, wall = cold_render(args.cards)
    print(f"cold render, {args.cards.name}: {inside:.3f} s in a fresh process "
          f"(imports + first render), {wall:.3f} s including interpreter start-up")

    cards = load_cards(args.cards)
    pdf = deck.render_deck(cards, IDENTITY)  # first render: fills the template, stylesheet, font and formula caches
    warm, warm_cpu = timed_renders(cards, args.repeat)
    # CPU time too: wall-clock figures swing when other processes share the machine.
    print(f"warm render, {len(cards)} cards: median {statistics.median(warm):.3f} s wall "
          f"(min {min(warm):.3f}, max {max(warm):.3f}), {statistics.median(warm_cpu):.3f} s CPU, "
          f"{args.repeat} renders")

    for count, repeat in ((9, 5), (100, 3), (500, 1)):
        wall, cpu = timed_renders(generated_cards(cards, count), repeat)
        seconds = statistics.median(wall)
        print(f"deck of {count:>3} cards: {seconds:.3f} s wall, {statistics.median(cpu):.3f} s CPU "
              f"({1000 * seconds / count:.1f} ms per card, median of {repeat})")

    print(f"file size, {len(cards)}-card deck (a6): {len(pdf)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
