"""CPU cost of the listening pipeline per message: normalise once, run every detector
(bot.listening.listen: the phrase tables, then the learned backstop), and the whole decision the bot takes before any state handler
(bot.listening.pipeline.hear: the detectors, then the fixed order), over every text of the
labelled corpus (and the holdout and dev sets). Nothing is sent: this is the CPU a message
costs before the reply.

    .venv/bin/python -m bench.listening [--passes N]

Prints mean and p99 in microseconds; the issue's budget is 200 µs mean.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bot.listening import Normalised, backstop, listen, normalise
from bot.listening.detectors import abuse, contact, control, crisis, meta, urge
from bot.listening.pipeline import Moment, Spec, hear

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def texts() -> list[str]:
    out: list[str] = []
    for name in ("listening_corpus.jsonl", "listening_holdout.jsonl", "listening_dev.jsonl"):
        path = DATA / name
        if path.exists():
            out += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()
                    if line.strip() and not line.startswith("//")]
    return out


def measure(samples: list[str], run: Callable[[str], object], passes: int) -> tuple[float, ...]:
    """(mean, p99) over every timed call, then (mean, p99) of each message's fastest pass: the
    second pair is what the code costs when the machine is not busy with something else."""
    for text in samples:  # warm caches and lazy tables, as a running bot would be
        run(text)
    timings: list[float] = []
    best = [float("inf")] * len(samples)
    gc.disable()
    try:
        for _ in range(passes):
            for index, text in enumerate(samples):
                start = time.perf_counter_ns()
                run(text)
                took = (time.perf_counter_ns() - start) / 1000
                timings.append(took)
                best[index] = min(best[index], took)
    finally:
        gc.enable()
    return (*_mean_p99(timings), *_mean_p99(best))


def _mean_p99(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.fmean(ordered), ordered[max(0, int(len(ordered) * 0.99) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=20)
    args = parser.parse_args()
    samples = texts()
    print(f"{len(samples)} messages x {args.passes} passes")
    print(f"this machine: the reference loop sum(range(10_000)) takes {reference_loop():.0f} µs "
          "(the figures below scale with it: compare runs on different machines by it)")
    idle, step1 = Moment(), Moment(spec=Spec(accepts_disclosure=True))
    in_crisis = Moment(crisis_mode=True)
    stages: list[tuple[str, Callable[[str], object]]] = [
        ("hear() decision, nothing pending", lambda t: hear(t, idle, nickname="Alex")),
        ("hear() decision, step 1 waiting", lambda t: hear(t, step1, nickname="Alex")),
        ("hear() decision, crisis mode", lambda t: hear(t, in_crisis, nickname="Alex")),
        ("listen (every detector)", lambda t: listen(t, nickname="Alex")),
        ("  normalise only", lambda t: normalise(t, nickname="Alex")),
    ]
    for name, detector in (("crisis", crisis.detect), ("abuse", abuse.detect),
                           ("contact_out", contact.outgoing), ("contact_in", contact.incoming),
                           ("urge", urge.detect), ("control", control.detect),
                           ("meta", meta.detect),
                           ("backstop", backstop.score)):
        stages.append((f"  {name} (on a normalised text)", _on_norm(detector)))
    print(f"{'':36} {'all calls':>22}   {'fastest pass per message':>26}")
    for name, run in stages:
        mean, p99, best_mean, best_p99 = measure(samples, run, args.passes)
        print(f"{name:36} mean {mean:6.1f} µs p99 {p99:7.1f} µs   "
              f"mean {best_mean:6.1f} µs p99 {best_p99:6.1f} µs")


def reference_loop() -> float:
    """The fastest of 50 runs of a plain Python loop, in µs: the same code costs twice as much
    on a machine twice as slow, so a figure read beside this one can be compared across
    machines (and a busy machine shows here too)."""
    best = float("inf")
    for _ in range(50):
        start = time.perf_counter_ns()
        sum(range(10_000))
        best = min(best, (time.perf_counter_ns() - start) / 1000)
    return best


def _on_norm(detector: Callable[[Normalised], object]) -> Callable[[str], object]:
    cache: dict[str, Normalised] = {}

    def run(text: str) -> object:
        norm = cache.get(text)
        if norm is None:
            norm = cache[text] = normalise(text, nickname="Alex")
        return detector(norm)

    return run


if __name__ == "__main__":
    main()
