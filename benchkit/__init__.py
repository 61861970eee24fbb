"""Pieces the benchmark scripts in bench/ share: seeding, measuring, the HTTP load, the report.

Not benchmarks themselves: each runnable script in bench/ takes ``--database`` and ``--no-write``
and hands its choices to these pieces.
"""
