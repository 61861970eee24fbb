"""How fast the webapp's sign-in page loads: Lighthouse's mobile performance run against the real server.

    .venv/bin/python bench/webapp.py [--runs 3] [--page /signin] [--database NAME] [--no-write]

Needs the built webapp (``make build``), Chromium (/usr/bin/chromium, or LOOM_BENCH_CHROMIUM) and
Lighthouse 12 (``npx --yes lighthouse@12.2.3`` unless LOOM_BENCH_LIGHTHOUSE names a binary).
Builds a fresh database (loom_bench_webapp_<pid> unless --database names one) with the real
migrations and starts the app as ``make run`` does (gunicorn, two workers, development stage) on a
free port. Lighthouse's default mobile settings: a mid-range phone (CPU slowed 4x) on slow 4G (150
ms round trips, 1.6 Mbit/s), simulated. Each run is a cold load; the median run is reported, with
the initial JavaScript (webapp/scripts/bundle-budget.mjs) and what the server sends compressed.

Prints the figures and writes the "## Webapp (initial load)" section of docs/benchmarks.md (not with
--no-write).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.options import add_common, bench_database, open_database  # noqa: E402

BENCH_URL = bench_database("loom_bench_webapp", "LOOM_BENCH_WEBAPP_DATABASE_URL")

from bench.report import replace_section  # noqa: E402

WEBAPP = ROOT / "webapp"
CHROMIUM = os.environ.get("LOOM_BENCH_CHROMIUM", "/usr/bin/chromium")
LIGHTHOUSE = os.environ.get("LOOM_BENCH_LIGHTHOUSE", "npx --yes lighthouse@12.2.3")


@dataclass
class Run:
    score: int
    fcp_ms: float
    lcp_ms: float
    tbt_ms: float
    benchmark_index: float
    sent_kb: float


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_server(port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOOM_")}
    env.update(
        LOOM_ENV="development",
        LOOM_DATABASE_URL=BENCH_URL,
        LOOM_REDIS_URL=os.environ.get("LOOM_REDIS_URL", "redis://127.0.0.1:6379/0"),
        LOOM_BASE_URL=f"http://127.0.0.1:{port}",
        LOOM_SECRET_KEY=secrets.token_urlsafe(48),
        LOOM_SECURITY_PASSWORD_SALT=secrets.token_urlsafe(24),
    )
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    command = [gunicorn, "--bind", f"127.0.0.1:{port}", "--workers", "2", "runtime.app:create_app()"]
    server = subprocess.Popen(command, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/meta", timeout=5) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"the server did not come up:\n{log.read_text(errors='replace')[-3000:]}")


def _lighthouse(url: str, out: Path) -> Run:
    command = [
        *shlex.split(LIGHTHOUSE),
        url,
        "--only-categories=performance",
        "--form-factor=mobile",
        "--output=json",
        f"--output-path={out}",
        "--chrome-flags=--headless=new --no-sandbox",
        "--quiet",
    ]
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=600)
    report = json.loads(out.read_text())
    audits = report["audits"]
    return Run(
        score=round(report["categories"]["performance"]["score"] * 100),
        fcp_ms=audits["first-contentful-paint"]["numericValue"],
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        benchmark_index=report["environment"]["benchmarkIndex"],
        sent_kb=sum(item["transferSize"] for item in audits["network-requests"]["details"]["items"]) / 1024,
    )


def _initial_js() -> str:
    out = subprocess.run(["node", "scripts/bundle-budget.mjs"], cwd=WEBAPP, capture_output=True, text=True)
    match = re.search(r"initial JavaScript: ([\d.]+) KB gzip in (\d+) files", out.stdout)
    if not match:
        raise SystemExit(f"bundle-budget.mjs said:\n{out.stdout}{out.stderr}")
    return f"{match.group(1)} KB gzip in {match.group(2)} files"


def _section(page: str, runs: list[Run], initial_js: str) -> str:
    median = sorted(runs, key=lambda run: run.score)[len(runs) // 2]
    scores = ", ".join(str(run.score) for run in runs)
    index = statistics.median(run.benchmark_index for run in runs)
    return f"""## Webapp (initial load)

`bench/webapp.py`: Lighthouse 12 mobile performance of `{page}` served by the app server as `make run`
serves it (gunicorn, built webapp, Brotli copies made at build time), {len(runs)} cold runs, the median
shown (scores of all runs: {scores}; Lighthouse's benchmark index of this machine {index:.0f}; the
scores move with what else the machine runs).

| | Before | Now |
|---|---|---|
| Performance score | 57 | {median.score} |
| Largest contentful paint | 9.3 s | {median.lcp_ms / 1000:.1f} s |
| First contentful paint | | {median.fcp_ms / 1000:.1f} s |
| Total blocking time | | {median.tbt_ms:.0f} ms |
| Initial JavaScript | 364 KB gzip (Sentry, all of Mantine, every feature) | {initial_js} |
| Sent for the page | 1.2 MB of uncompressed JavaScript | {median.sent_kb:.0f} KB in all (Brotli) |

Each page is its own chunk, loaded when first shown (`webapp/src/app/router.tsx`); the first
visit gets React, the router, the Mantine components the sign-in pages draw and the English
texts, in three files. Sentry and the toasts' container follow after the first paint, the other
language when chosen, the rest of Mantine's styles with the first lazy page; `/api/meta` is
preloaded by `index.html`. `make test` fails when the initial JavaScript passes 250 KB gzip
(`webapp/scripts/bundle-budget.mjs`).
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_common(parser, "loom_bench_webapp")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--page", default="/signin")
    args = parser.parse_args()
    if not (WEBAPP / "dist" / ".vite" / "manifest.json").exists():
        raise SystemExit("build the webapp first: make build")
    from core import migrate

    open_database(BENCH_URL)
    migrate.upgrade(BENCH_URL)
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="loom-bench-webapp-") as tmp:
        server = _start_server(port, Path(tmp) / "server.log")
        try:
            runs: list[Run] = []
            for number in range(args.runs):
                run = _lighthouse(f"http://127.0.0.1:{port}{args.page}", Path(tmp) / f"run{number}.json")
                print(
                    f"run {number + 1}: score {run.score}, LCP {run.lcp_ms:.0f} ms, FCP {run.fcp_ms:.0f} ms, "
                    f"TBT {run.tbt_ms:.0f} ms",
                    flush=True,
                )
                runs.append(run)
        finally:
            server.terminate()
            server.wait(timeout=30)
    section = _section(args.page, runs, _initial_js())
    print(section)
    if not args.no_write:
        replace_section(ROOT / "docs" / "benchmarks.md", "## Webapp (initial load)", section)


if __name__ == "__main__":
    main()
