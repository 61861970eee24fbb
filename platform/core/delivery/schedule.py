"""When to try again: Svix's retry schedule, stretched by a little jitter.

Svix's schedule (immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h) spreads eight attempts
over about a day and a quarter, long enough to outlast a receiver's bad night. The jitter
stretches each wait by up to ``jitter`` (20 %), so that many deliveries that failed together (a
receiver that went down) do not all come back in the same second when it is up again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

SVIX_SCHEDULE: tuple[timedelta, ...] = (
    timedelta(0),
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
)


@dataclass(frozen=True)
class RetryPolicy:
    """How one kind of delivery is retried.

    ``schedule[n]`` is the wait before attempt ``n + 1`` (the first is usually immediate), so a
    delivery gets ``len(schedule)`` attempts. ``lease`` is how long a worker may hold a delivery
    for one attempt; a delivery whose lease ran out (its worker was killed) is due again.
    """

    schedule: tuple[timedelta, ...] = SVIX_SCHEDULE
    jitter: float = 0.2
    lease: timedelta = timedelta(minutes=2)

    @property
    def max_attempts(self) -> int:
        return len(self.schedule)

    def delay_after(self, attempts: int, rng: random.Random | None = None) -> timedelta | None:
        """The wait before the next attempt, after ``attempts`` attempts; None when none is left."""
        if attempts >= self.max_attempts:
            return None
        stretch = 1.0 + (rng or _rng).random() * self.jitter
        return self.schedule[attempts] * stretch


_rng = random.Random()  # noqa: S311 - jitter, not a secret
