"""Record ids: UUIDs that start with the time they were made (RFC 9562 version 7).

Ids made one after the other sort one after the other, so walking a table in id order reads it
roughly in the order it lies on disk, and new index entries land at the end of the index instead
of on a random page. For a million-row table this halves the cost of a version change (docs/benchmarks.md).
"""

from __future__ import annotations

import secrets
import threading
import time
import uuid

_COUNTER_MAX = 2**12 - 1
_lock = threading.Lock()
_last = (0, 0)  # (milliseconds, counter) of the id made last in this process


def new_id() -> uuid.UUID:
    """A version 7 UUID: 48 bits of Unix milliseconds, a 12-bit counter, 62 random bits.

    Within a process ids are strictly increasing, even in the same millisecond (RFC 9562,
    method 1: the counter starts at a random point below half its range and counts up), so rows
    written in one transaction keep their order when sorted by id.
    """
    global _last
    with _lock:
        milliseconds = time.time_ns() // 1_000_000
        last_ms, last_counter = _last
        if milliseconds > last_ms:
            counter = secrets.randbits(11)
        elif last_counter < _COUNTER_MAX:
            milliseconds, counter = last_ms, last_counter + 1
        else:  # 4,096 ids in one millisecond: borrow the next one
            milliseconds, counter = last_ms + 1, secrets.randbits(11)
        _last = (milliseconds, counter)
    value = (milliseconds & (2**48 - 1)) << 80
    value |= 0x7 << 76 | counter << 64
    value |= 0b10 << 62 | secrets.randbits(62)
    return uuid.UUID(int=value)
