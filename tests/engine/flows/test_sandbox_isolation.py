"""Sandbox isolation: limits per run, a fresh process per workspace and after failures, true reasons.

These tests wait on outcomes (which error, which process), never on how fast anything is.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from engine.flows import run
from engine.flows.errors import FlowError
from engine.flows.parser import parse
from engine.flows.sandbox import Budget, Pool, Sandbox, ScriptError
from engine.flows.sandbox.worker import PLATFORM
from tests.support.hostile import hostile_flow

MOMENT = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
# About a tenth of a second of processor time, far under every per-script limit used here.
BUSY = "n = 0\nwhile n < 2000000:\n    n = n + 1"
CRASH = "f = map(abs, [1])\nfor i in range(100000):\n    f = map(abs, f)\nx = list(f)"


@pytest.fixture(scope="module")
def pool():
    shared = Pool(spares=2, memory_mb=256, runs_per_process=1000)
    yield shared
    shared.close()


@pytest.fixture()
def box(pool):
    sandbox = Sandbox(time_budget=1.0, pool=pool)
    yield sandbox
    sandbox.close()


def go(sandbox, source, **data):
    return sandbox.execute(source, data, now=MOMENT, zone="UTC")


def failure(sandbox, source, **data) -> ScriptError:
    with pytest.raises(ScriptError) as caught:
        go(sandbox, source, **data)
    return caught.value


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _cpu_limit(pid: int) -> float:
    line = next(x for x in Path(f"/proc/{pid}/limits").read_text().splitlines() if x.startswith("Max cpu time"))
    return float(line.split()[3])


def test_many_short_scripts_in_a_row_all_succeed_in_one_process(pool):
    # Limits count per run: 25 scripts of a tenth of a second each spend far more than one
    # script's second of processor time in one process, and every one of them succeeds.
    sandbox = Sandbox(time_budget=1.0, transition_cpu=1000, pool=pool)
    try:
        pid = sandbox.process_id()
        for _ in range(25):
            assert go(sandbox, BUSY) == {"n": 2000000}
        assert sandbox.process_id() == pid
        ticks = os.sysconf("SC_CLK_TCK")
        fields = Path(f"/proc/{pid}/stat").read_text().split(")")[1].split()
        used = (int(fields[11]) + int(fields[12])) / ticks
        assert used > 1.0  # more than one script may use, all in this process
        assert _cpu_limit(pid) <= used + 1.0 + 2  # the kernel's CPU limit is this run's, not a lifetime's
    finally:
        sandbox.close()


def test_each_workspace_gets_a_fresh_process_and_sees_nothing_of_the_last(box):
    box.bound("tenant-a")
    assert go(box, "kept = [1, 2, 3]\nsecret = 'a'") == {"kept": [1, 2, 3], "secret": "a"}
    first = box.process_id()
    assert go(box, "x = 1") == {"x": 1} and box.process_id() == first  # same workspace: same process
    box.bound("tenant-b")
    assert go(box, "y = 2") == {"y": 2}
    second = box.process_id()
    assert second != first and not _alive(first)
    box.bound("tenant-a")
    go(box, "z = 3")
    assert box.process_id() not in (first, second)


def test_memory_one_workspace_kept_does_not_fail_the_next(box):
    box.bound("hoarder")
    assert go(box, "big = [str(i) for i in range(1500000)]\nn = len(big)\nbig = None") == {"n": 1500000, "big": None}
    box.bound("neighbour")
    # Most of the 256 MB the pool allows, in one piece: only a fresh process has it to give.
    assert go(box, "s = 'a' * (170 * 1024 * 1024)\nn = len(s)\ns = None") == {"n": 170 * 1024 * 1024, "s": None}


@pytest.mark.parametrize(
    ("source", "kind", "words"),
    [
        ("while True:\n    pass", "timeout", "ran longer than 1 s"),
        ("x = 'a' * 10**10", "memory", "memory"),
        ("x = [1]\nx.append(x)", "recursion", "contains itself"),
        ("def f(n):\n    return f(n + 1)\nx = f(0)", "recursion", "too deeply"),
        (CRASH, "crash", "crashed"),
        ("x = 'a' * 400000", "size", "more data"),
    ],
    ids=["time", "memory", "recursion-in-answer", "recursion", "crash", "size"],
)
def test_each_failure_gives_its_true_reason_and_a_fresh_process(box, source, kind, words):
    before = box.process_id()
    error = failure(box, source)
    assert (error.kind, words in error.message) == (kind, True), error.message
    assert not _alive(before)
    assert go(box, "x = 1") == {"x": 1}


def test_a_script_error_keeps_the_process(box):
    before = box.process_id()
    assert failure(box, "x = 1 / 0").kind == "error"
    assert box.process_id() == before


def test_names_outside_ascii_work(box):
    assert go(box, "größe = 1\nmaße = größe + 1") == {"größe": 1, "maße": 2}


def test_the_walls_are_up_in_every_sandbox_process(box, pool):
    for pid in [box.process_id(), *pool.spare_ids()]:
        status = dict(
            line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line
        )
        assert status["Seccomp"].strip() == "2" and status["NoNewPrivs"].strip() == "1"
        assert int(status["Uid"].split()[0]) != 0 or os.getuid() != 0
        assert Path(f"/proc/{pid}/environ").read_bytes() == b""
        assert _nice(pid) == min(os.nice(0) + pool.nice, 19)  # below this process's scheduling priority


def _nice(pid: int) -> int:
    """The process's nice value (field 19 of /proc/<pid>/stat; the fields after the name's ")")."""
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[16])


def test_a_script_that_keeps_the_processor_drops_to_the_lowest_priority(box, pool):
    go(box, "n = 1")
    quick = box.process_id()
    assert _nice(quick) == min(os.nice(0) + pool.nice, 19)  # a quick script keeps its priority
    go(box, "n = 0\nwhile n < 3000000:\n    n = n + 1")
    assert box.process_id() == quick and _nice(quick) == 19  # a long one yields to everyone else


def _walled(code: str) -> subprocess.CompletedProcess[str]:
    """``code`` run raw (no RestrictedPython) behind the sandbox process's walls."""
    boot = (
        f"import sys, socket, os; sys.path.insert(0, {PLATFORM!r})\n"
        "from engine.flows.sandbox import walls\n"
        "walls.lock_down(256 * 1024 * 1024)\n" + code
    )
    return subprocess.run(
        [sys.executable, "-I", "-c", boot], capture_output=True, text=True, env={}, cwd="/", timeout=60
    )


@pytest.mark.parametrize(
    "code",
    [
        "socket.socket(socket.AF_INET, socket.SOCK_STREAM)",
        "os.fork()",
        "os.execv('/bin/sh', ['sh'])",
        "os.kill(1, 0)",
    ],
    ids=["socket", "fork", "execve", "kill"],
)
def test_forbidden_system_calls_end_the_process_even_past_the_policy(code):
    assert _walled(code).returncode == -signal.SIGSYS


def test_files_cannot_be_opened_even_past_the_policy():
    result = _walled("try:\n    open('/etc/hostname')\nexcept PermissionError:\n    print('refused')")
    assert (result.returncode, result.stdout.strip()) == (0, "refused")


def test_the_scripts_of_one_transition_share_one_processor_budget(pool):
    sandbox = Sandbox(time_budget=1.0, transition_cpu=0.5, pool=pool)
    budget = sandbox.budget()
    done = 0
    try:
        with pytest.raises(ScriptError) as caught:
            for _ in range(50):
                sandbox.execute(BUSY, {}, now=MOMENT, zone="UTC", budget=budget)
                done += 1
        assert caught.value.kind == "budget"
        assert caught.value.message == "The scripts of this step used more than 0.5 s of processor time."
        assert done >= 1  # each script alone was within its own limit
        assert sandbox.execute("x = 1", {}, now=MOMENT, zone="UTC") == {"x": 1}  # the next step has its own
    finally:
        sandbox.close()


def test_the_wall_clock_ceiling_counts_from_the_first_script(box):
    budget = Budget(cpu_seconds=5, wall_seconds=30)
    box.execute("x = 1", {}, now=MOMENT, zone="UTC", budget=budget)
    budget.started = time.monotonic() - 31
    with pytest.raises(ScriptError) as caught:
        box.execute("x = 1", {}, now=MOMENT, zone="UTC", budget=budget)
    assert (caught.value.kind, caught.value.message) == (
        "budget",
        "The scripts of this step ran longer than 30 s and were stopped.",
    )


def test_a_step_over_its_budget_fails_naming_the_script(pool):
    sandbox = Sandbox(time_budget=1.0, transition_cpu=0.5, pool=pool)
    try:
        workflow = run.start(parse(hostile_flow("busy", [BUSY] * 40)), {}, sandbox=sandbox, now=MOMENT, zone="UTC")
        [task] = run.waiting(workflow)
        with pytest.raises(FlowError) as caught:
            run.complete(workflow, task.id, {}, sandbox=sandbox, now=MOMENT, zone="UTC")
        assert caught.value.element is not None and caught.value.element.startswith("s")
        assert "used more than 0.5 s of processor time" in caught.value.message
    finally:
        sandbox.close()


def test_spares_are_ready_before_the_first_script_and_refilled_after():
    pool = Pool(spares=2, memory_mb=256)
    try:
        assert pool.wait_for_spares(timeout=60)
        spares = pool.spare_ids()
        sandbox = Sandbox(pool=pool)
        assert sandbox.process_id() in spares  # the first script takes a process started earlier
        assert pool.wait_for_spares(timeout=60)
        assert len(pool.spare_ids()) == 2
        sandbox.close()
    finally:
        pool.close()
    assert not any(_alive(pid) for pid in spares)


def test_sandbox_processes_end_with_the_loom_process_that_started_them():
    program = (
        f"import sys; sys.path.insert(0, {PLATFORM!r})\n"
        "from datetime import datetime, UTC\n"
        "from engine.flows.sandbox import Pool, Sandbox\n"
        "pool = Pool(spares=2, memory_mb=256)\n"
        "box = Sandbox(pool=pool)\n"
        "box.execute('x = 1', {}, now=datetime.now(UTC), zone='UTC')\n"
        "pool.wait_for_spares(60)\n"
        "print(' '.join(str(p) for p in [box.process_id(), *pool.spare_ids()]))\n"
    )
    result = subprocess.run([sys.executable, "-I", "-c", program], capture_output=True, text=True, timeout=120)
    pids = [int(p) for p in result.stdout.split()]
    assert len(pids) == 3
    deadline = time.monotonic() + 60
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in pids)
