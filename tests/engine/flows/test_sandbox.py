"""Tenant scripts cannot get out: every escape attempt fails with a clear error, and nothing leaks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from engine.flows.sandbox import Sandbox, ScriptError

MOMENT = datetime(2026, 11, 23, 22, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def sandbox():
    box = Sandbox(time_budget=1.0)
    yield box
    box.close()


def run(sandbox, source, **data):
    return sandbox.execute(source, data, now=MOMENT, zone="Europe/Berlin")


def test_scripts_set_fields_with_exact_types(sandbox):
    after = run(sandbox, 'status = "IN_PROGRESS"\nstarted_at = now()\nqty = qty + Decimal("0.10")', qty=Decimal("1.20"))
    assert after == {"status": "IN_PROGRESS", "started_at": MOMENT, "qty": Decimal("1.30")}


def test_helpers_know_the_workspace_day_and_date_arithmetic(sandbox):
    after = run(sandbox, "due = today() + days(2)\nlate = now() - hours(1) > start\nroot = math.sqrt(16)", start=MOMENT)
    assert after["due"] == date(2026, 11, 25)  # 23:30 in Berlin is still the 23rd
    assert after["late"] is False and after["root"] == 4.0


def test_conditions_evaluate_over_the_data(sandbox):
    assert sandbox.evaluate("qty > 3 and status == 'PENDING'", {"qty": 4, "status": "PENDING"}, now=MOMENT, zone="UTC")
    assert sandbox.evaluate(
        "due - start", {"due": date(2026, 1, 3), "start": date(2026, 1, 1)}, now=MOMENT, zone="UTC"
    ) == timedelta(days=2)


def test_refuse_turns_a_step_down_in_the_authors_words_alone(sandbox):
    with pytest.raises(ScriptError) as caught:
        run(sandbox, 'if qty < 1:\n    refuse("Nothing is left in stock.")\nqty = qty - 1', qty=0)
    assert caught.value.kind == "declined" and caught.value.message == "Nothing is left in stock."
    assert run(sandbox, 'if qty < 1:\n    refuse("Nothing is left in stock.")\nqty = qty - 1', qty=2) == {"qty": 1}


ESCAPES = {
    "subclasses walk": "x = ().__class__.__bases__[0].__subclasses__()",
    "getattr on dunder": "x = getattr((), '__class__')",
    "globals of a function": "def f(): pass\nx = f.__globals__",
    "builtins by name": "x = __builtins__",
    "frame of a generator": "g = (i for i in [1])\nx = g.gi_frame.f_globals",
    "frame of a traceback": "try:\n    1/0\nexcept Exception as e:\n    x = e.__traceback__.tb_frame",
    "str.format attribute walk": "x = '{0.__class__.__mro__}'.format(1)",
    "format_map": "x = '{a}'.format_map({'a': 1})",
    "f-string dunder": "x = f'{().__class__}'",
    "import": "import os",
    "from import": "from os import system",
    "dunder import": "x = __import__('os')",
    "import via builtins dict": "x = __builtins__['__import__']('os')",
    "eval": "x = eval('1')",
    "exec": "exec('x = 1')",
    "compile": "x = compile('1', 'f', 'eval')",
    "open a file": "x = open('/etc/passwd').read()",
    "type() to build a class": "x = type('A', (), {})",
    "class statement": "class A:\n    pass",
    "vars": "x = vars()",
    "globals()": "x = globals()",
    "locals()": "x = locals()",
    "dir": "x = dir()",
    "attribute of a type": "x = int.from_bytes",
    "private name": "_secret = 1",
    "object mro via mro()": "x = (1).__class__.mro()",
    "datetime internals": "x = now().__reduce__()",
    "decimal context": "x = Decimal.__dict__",
    "generator send": "def g():\n    yield 1",
    "global statement": "def f():\n    global x\n    x = 1",
    "print": "print('hi')",
    "breakpoint": "breakpoint()",
    "setattr on a helper": "math.sqrt = None",
    "string padding bomb": "x = 'a'.ljust(10**9)",
}


@pytest.mark.parametrize("source", ESCAPES.values(), ids=ESCAPES.keys())
def test_escape_attempts_fail_with_a_clear_error(sandbox, source):
    with pytest.raises(ScriptError) as caught:
        run(sandbox, source)
    assert caught.value.kind in ("invalid", "error")
    assert caught.value.message


def test_an_endless_loop_is_stopped_at_the_time_budget_and_the_next_script_runs(sandbox):
    with pytest.raises(ScriptError) as caught:
        run(sandbox, "while True:\n    pass")
    assert caught.value.kind == "timeout"
    assert run(sandbox, "x = 1") == {"x": 1}  # a fresh sandbox process took over


def test_huge_numbers_are_stopped_too(sandbox):
    with pytest.raises(ScriptError) as caught:
        run(sandbox, "x = 2 ** 10 ** 10")
    assert caught.value.kind == "timeout"


@pytest.mark.parametrize(
    "source", ["x = 'a' * 10**10", "x = [0] * 10**9", "x = list(range(10**9))", "x = f'{1:>999999999}' * 1000"]
)
def test_huge_allocations_fail_safely(sandbox, source):
    with pytest.raises(ScriptError) as caught:
        run(sandbox, source)
    assert caught.value.kind in ("memory", "timeout")
    assert run(sandbox, "x = 2") == {"x": 2}


def test_data_larger_than_the_size_budget_is_refused():
    box = Sandbox(size_budget=10_000)
    try:
        with pytest.raises(ScriptError) as caught:
            box.execute("x = 'a' * 100000", {}, now=MOMENT, zone="UTC")
        assert caught.value.kind == "size"
        assert box.execute("x = 1", {}, now=MOMENT, zone="UTC") == {"x": 1}  # a fresh process, in step again
        with pytest.raises(ScriptError):
            box.execute("x = 1", {"notes": "b" * 20_000}, now=MOMENT, zone="UTC")
    finally:
        box.close()


def test_recursion_fails_cleanly(sandbox):
    with pytest.raises(ScriptError) as caught:
        run(sandbox, "def f(n):\n    return f(n + 1)\nx = f(0)")
    assert "deeply" in caught.value.message


def test_the_sandbox_process_has_no_environment_no_root_and_no_file_writes(sandbox, monkeypatch):
    import os
    from pathlib import Path

    monkeypatch.setenv("LOOM_SECRET_KEY", "must-not-reach-scripts")
    run(sandbox, "x = 1")
    status = Path(f"/proc/{sandbox.process_id()}/status").read_text()
    assert Path(f"/proc/{sandbox.process_id()}/environ").read_bytes() == b""
    uid = int(next(line for line in status.splitlines() if line.startswith("Uid:")).split()[1])
    assert uid != 0 or os.getuid() != 0  # root drops to nobody before running anything
    limits = Path(f"/proc/{sandbox.process_id()}/limits").read_text()
    assert "Max file size" in limits and any(
        line.startswith("Max file size") and line.split()[3] == "0" for line in limits.splitlines()
    )


def test_a_failing_script_leaves_the_data_alone(sandbox):
    data = {"status": "PENDING"}
    with pytest.raises(ScriptError):
        sandbox.execute('status = "DONE"\nx = 1 / 0', data, now=MOMENT, zone="UTC")
    assert data == {"status": "PENDING"}


def test_columns_named_like_helpers_still_come_back(sandbox):
    assert run(sandbox, "date = date + days(1)", date=date(2026, 1, 1)) == {"date": date(2026, 1, 2)}
