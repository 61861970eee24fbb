"""Pieces of the benchmark scripts in bench/ (not benchmarks themselves: they take no options)."""
