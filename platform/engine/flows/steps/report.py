"""What the state picture warns about: states nobody can reach, and states with no way out."""

from __future__ import annotations

from .model import Steps


def states_report(steps: Steps, options: list[str]) -> dict[str, list[str]]:
    """``unreachable``: options no button or timer leads to from where records start (the initial
    state, or the first option when there is none); ``dead_ends``: options no button or timer
    leaves. Both in the order of ``options``."""
    moves: dict[str, set[str]] = {}
    for transition in steps.transitions:
        for state in transition.from_:
            moves.setdefault(state, set()).add(transition.to)
    for timer in steps.timers:
        moves.setdefault(timer.state, set()).add(timer.to)
    start = steps.initial if steps.initial is not None else (options[0] if options else None)
    reached: set[str] = set()
    todo = [start] if start is not None else []
    while todo:
        state = todo.pop()
        if state in reached:
            continue
        reached.add(state)
        todo.extend(moves.get(state, ()))
    return {
        "unreachable": [state for state in options if state not in reached],
        "dead_ends": [state for state in options if not moves.get(state)],
    }
