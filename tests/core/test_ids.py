import itertools
import time
import uuid

from core.ids import new_id


def test_ids_are_version_7_rfc_uuids() -> None:
    made = new_id()
    assert made.version == 7
    assert made.variant == uuid.RFC_4122


def test_ids_start_with_the_time_they_were_made() -> None:
    before = time.time_ns() // 1_000_000
    made = new_id()
    after = time.time_ns() // 1_000_000
    assert before <= made.int >> 80 <= after


def test_ids_made_later_sort_later_and_never_repeat() -> None:
    first = [new_id() for _ in range(1000)]
    time.sleep(0.002)
    second = [new_id() for _ in range(1000)]
    assert max(first) < min(second)
    assert len(set(first + second)) == 2000


def test_ids_made_in_the_same_millisecond_still_increase() -> None:
    burst = [new_id() for _ in range(5000)]
    assert burst == sorted(burst)
    assert len(set(burst)) == len(burst)
    same_ms = [a for a, b in itertools.pairwise(burst) if a.int >> 80 == b.int >> 80]
    assert same_ms, "the burst should have put several ids in one millisecond"
