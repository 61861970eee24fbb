"""The "## Entities" section of docs/benchmarks.md, from the rows bench/entities.py measured."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from benchkit.entities_http import Load
from benchkit.entities_measure import Row
from benchkit.stats import Samples


@dataclass
class Run:
    """Everything one run measured and the conditions it ran in."""

    title: str
    intro: list[str]
    rows: list[Row] = field(default_factory=list)
    http: list[tuple[int, Load, Load]] = field(default_factory=list)  # (workers, loom, baseline)
    http_setup: str = ""
    ratios: list[str] = field(default_factory=list)


def ms(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "-"
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    return f"{value:.2f} ms" if value < 100 else f"{value:.0f} ms"


def spread(samples: Samples | None) -> str:
    if samples is None or not len(samples):
        return "-"
    return f"{ms(samples.p50)} / {ms(samples.p95)} / {ms(samples.max)}"


def ratio(loom: Samples, baseline: Samples | None) -> str:
    if baseline is None or not len(baseline) or not baseline.p50:
        return "-"
    return f"{loom.p50 / baseline.p50:.1f}x"


def write_ratio(lone: Row, others: Row) -> str:
    """``others`` over ``lone`` at p50: judged on the requests' time in SQL (what other workspaces'
    indexes can slow), with the whole request's and the baseline's (the same statements) beside it.
    The Python part is the same code either way, but it is measured minutes apart in one process
    and moves with it (0.7x to 1.6x between runs), which says nothing about the indexes."""
    text = ""
    if lone.python is not None and others.python is not None and len(lone.python) and len(others.python):
        value = _sql(others).p50 / _sql(lone).p50
        text = f"in SQL {value:.2f}x ({'met' if value <= 1.2 else 'missed'}), "
    text += f"whole request {others.loom.p50 / lone.loom.p50:.2f}x"
    if lone.baseline and others.baseline and len(lone.baseline) and len(others.baseline):
        text += f", baseline {others.baseline.p50 / lone.baseline.p50:.2f}x"
    return text


def _sql(row: Row) -> Samples:
    """The request's time between the driver's cursor events: whole minus Python, run by run."""
    assert row.python is not None
    return Samples([whole - python for whole, python in zip(row.loom.values, row.python.values, strict=True)])


def verdict(row: Row) -> str:
    """The row's target and whether its p95 (Python's p95 for a Python target) meets it."""
    found = re.search(r"<= ([\d.]+) (ms|s)\b", row.target)
    if not found:
        return row.target
    limit = float(found.group(1)) * (1000 if found.group(2) == "s" else 1)
    samples = row.python if row.target.startswith("Python") else row.loom
    if samples is None or not len(samples):
        return row.target
    return f"{row.target}: {'met' if samples.p95 <= limit else 'missed'}"


def render(run: Run) -> str:
    notes: dict[str, int] = {}
    lines = [run.title, "", *run.intro, ""]
    lines += [
        "| measure | n | Loom p50 / p95 / max | Python p50 | first (cold) | baseline p50 / p95 / max | ratio p50 | target |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in run.rows:
        mark = f" [{notes.setdefault(row.leaves_out, len(notes) + 1)}]" if row.baseline is not None else ""
        extra = f" ({'; '.join(row.notes)})" if row.notes else ""
        python = ms(row.python.p50) if row.python is not None and len(row.python) else "-"
        lines.append(
            f"| {row.name}{extra} | {len(row.loom)} | {spread(row.loom)} | {python} | {ms(row.cold)} "
            f"| {spread(row.baseline)}{mark} | {ratio(row.loom, row.baseline)} | {verdict(row)} |"
        )
    lines += ["", "Baselines leave out:", ""]
    lines += [f"{n}. {text}." for text, n in notes.items()]
    if run.ratios:
        lines += ["", *run.ratios]
    if run.http:
        lines += ["", run.http_setup, ""]
        lines += [
            "| workers | Loom pages/s | Loom latency p50 / p95 / max | baseline pages/s | baseline latency p50 / p95 / max | target |",
            "|---|---|---|---|---|---|",
        ]
        for workers, loom, baseline in run.http:
            errors = f" ({loom.errors} errors)" if loom.errors else ""
            lines.append(
                f"| {workers} | {loom.rate:.0f}{errors} | {spread(loom.latency)} | {baseline.rate:.0f} "
                f"| {spread(baseline.latency)} | >= 200 pages/s: {'met' if loom.rate >= 200 else 'missed'} |"
            )
    return "\n".join(lines) + "\n"
