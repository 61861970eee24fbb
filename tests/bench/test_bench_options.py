"""Every benchmark takes ``--database`` and ``--no-write``, and none drops a database by force but
the one its own run created (bench/options.py). No database is opened: each script runs only as
far as parsing its arguments."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
SCRIPTS = sorted(p for p in BENCH.glob("*.py") if "\ndef main(" in p.read_text())

# Runs the script as __main__ with its parse_args checked and then stopped, before any work.
DRIVER = """
import argparse, runpy, sys
path = sys.argv[1]
sys.argv = [path, "--database", "loom_bench_parser_check", "--no-write"]
parse = argparse.ArgumentParser.parse_args
def checked(self, args=None, namespace=None):
    parsed = parse(self, args, namespace)
    assert parsed.database == "loom_bench_parser_check", parsed
    assert parsed.no_write is True, parsed
    print("parsed")
    raise SystemExit(0)
argparse.ArgumentParser.parse_args = checked
runpy.run_path(path, run_name="__main__")
raise SystemExit("the script ended without parsing its arguments")
"""


def test_every_bench_is_found() -> None:
    assert {p.name for p in SCRIPTS} >= {"entities.py", "flows.py", "hooks.py", "apikeys.py", "neighbours.py"}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_bench_takes_database_and_no_write(script: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "LOOM_ENV": "testing", "PYTHONPATH": str(BENCH.parent)}
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(script)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0 and "parsed" in done.stdout, done.stderr[-3000:]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_bench_drops_no_database_itself(script: Path) -> None:
    """Creating and dropping is bench/options.py's alone (it drops only what its run created)."""
    text = script.read_text()
    assert "DROP DATABASE" not in text and "recreate_database" not in text
