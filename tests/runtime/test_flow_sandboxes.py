"""Each thread's sandbox: one per thread, and its process ends when the thread does."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

from runtime.flows import engine


def _in_a_thread() -> tuple[int, int]:
    pids: list[int] = []

    def work() -> None:
        pids.extend([engine.sandbox().process_id(), engine.sandbox().process_id()])

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    return pids[0], pids[1]


def test_a_thread_keeps_one_sandbox_and_its_process_ends_with_the_thread():
    first, again = _in_a_thread()
    assert first == again
    gc.collect()
    assert not Path(f"/proc/{first}").exists()


def test_threads_do_not_share_a_sandbox():
    mine = engine.sandbox().process_id()
    other, _ = _in_a_thread()
    assert other != mine
    assert engine.sandbox().process_id() == mine
