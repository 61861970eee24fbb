"""How an instance's variables are kept in its stored state: each value encoded once, each long text stored once.

``run.serialize`` keeps every variable of every task as codec text (engine.flows.codec).
SpiffWorkflow stores a task's data as its change against its parent's, but the first tasks of
every sub-process hold all of it, and every task holds it in memory: a multi-instance sub-process
over 100 lines of a record kept the record's 30 KB a hundred times over (3 MB), and encoding and
decoding it in every task cost over a second a step. So, within one serialize or restore:

- a value is encoded once, however many tasks hold that very object; and a task's value that is
  the same as the one its parent task (or the task running its sub-process) holds under that name
  takes that text without being encoded again. "The same" is strict (``same``): equal, of the same
  types all the way down, keys in the same order, so ``True`` after ``1`` is still stored as ``true``;
- each codec text longer than ``SHORTEST`` is stored once, in the state's pool (``POOL``), and
  ``&<place in the pool>`` stands wherever it is held. Codec text is JSON, which never starts
  with ``&``, so a reference is never mistaken for a value. SpiffWorkflow sees only the references:
  one per distinct text, so its comparison of a task's data with its parent's is unchanged;
- each distinct text is decoded once. Finished tasks share the value (SpiffWorkflow reads their
  data, and in a running instance a task shares nested values with its parent anyway); every
  other task gets containers (lists, dicts, sets) of its own, as when each text was decoded on its
  own, so a change made in place to one waiting task's data never reaches another's.

``parents_first`` puts the tasks of a state read back from PostgreSQL in the order SpiffWorkflow
needs to rebuild each task's data from its parent's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from SpiffWorkflow.bpmn.util.subworkflow import BpmnSubWorkflow
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from engine.flows import codec

POOL = "loom_pool"  # the stored state's key for the pooled texts
REFERENCE = "&"
SHORTEST = 16  # a text this long or shorter stays where it is: its reference would save little
_LEAVES = (str, int, bool)  # types whose values of the same type are the same text exactly when equal
_UNCHANGING = frozenset({str, int, bool, float, type(None), Decimal, date, datetime, timedelta, frozenset})
_ABSENT = object()
_FINISHED = TaskState.COMPLETED | TaskState.CANCELLED


def encode(holders: Iterable[Any], name: Callable[[Any], str]) -> tuple[list[dict[str, str]], list[str]]:
    """Each holder's data as ``{name(variable): its codec text, or a reference to it}``, in order,
    and the pool the references point into. ValueError (from the codec, or ``name``) for data that
    cannot be kept. The values must not change while this runs."""
    texts = _Texts()
    owners: dict[int, dict[str, Any] | None] = {}
    coded = []
    for holder in holders:
        likes = _likes(holder, owners)
        coded.append({name(key): texts.of(value, key, likes) for key, value in holder.data.items()})
    return coded, texts.pool


def decode(holders: Iterable[Any], pool: list[str] | None, name: Callable[[str], str]) -> None:
    """Give each holder its data back from ``{stored name: codec text or reference}``; ``name``
    gives a variable's name from its stored one. ``pool`` is None for states kept before texts were
    pooled: their texts are taken as they are. ValueError for a text the codec refuses.

    Each distinct text is decoded once. Finished tasks share what it decoded to, which lets the
    next ``encode`` see their values as one. Every other holder gets containers of its own, so no
    change a step makes in place to one waiting task's data reaches another's."""
    decoded: dict[str, Any] = {}

    def value(text: str, own: bool) -> Any:
        if pool is not None:
            text = resolve(pool, text)
        if text not in decoded:
            decoded[text] = codec.loads(text)
        return fresh(decoded[text]) if own else decoded[text]

    for holder in holders:
        own = not (isinstance(holder, Task) and holder.has_state(_FINISHED))
        holder.data = {name(key): value(text, own) for key, text in holder.data.items()}


def same(a: Any, b: Any, depth: int = 0) -> bool:
    """Whether ``a`` and ``b`` have the same codec text (without making it). False, never an error,
    for values nested deeper than the codec keeps (encoding ``a`` then says why)."""
    if a is b:
        return True
    kind = type(a)
    if kind is not type(b):
        return False
    if kind in _LEAVES:
        return bool(a == b)
    if depth > codec.MAX_DEPTH:
        return False
    if kind is list or kind is tuple:
        return len(a) == len(b) and _all_same(a, b, depth + 1)
    if kind is dict:
        return len(a) == len(b) and list(a) == list(b) and _all_same(a.values(), b.values(), depth + 1)
    return codec.dumps(a) == codec.dumps(b)  # a number, a date, a set: small, or rare


def _all_same(these: Iterable[Any], those: Iterable[Any], depth: int) -> bool:
    """``same`` for each pair; the common leaves are compared here, without a call each."""
    for a, b in zip(these, those, strict=True):
        if a is b:
            continue
        kind = type(a)
        if kind is not type(b):
            return False
        if kind in _LEAVES:
            if a != b:
                return False
        elif not same(a, b, depth):
            return False
    return True


def fresh(value: Any) -> Any:
    """``value`` with containers of its own (lists, dicts, sets, and the tuples holding them);
    only values that cannot change in place are shared."""
    kind = type(value)
    if kind is list:
        return [item if type(item) in _UNCHANGING else fresh(item) for item in value]
    if kind is dict:
        return {key: item if type(item) in _UNCHANGING else fresh(item) for key, item in value.items()}
    if kind is set:
        return set(value)  # members are hashable: they do not change in place
    if kind is tuple:
        return tuple(fresh(item) for item in value)
    return value


class _Texts:
    """The codec text of each value seen in one serialize, and the pool of the long ones."""

    def __init__(self) -> None:
        self.pool: list[str] = []
        self._places: dict[str, int] = {}
        self._known: dict[int, tuple[Any, str]] = {}  # id(value) -> (the value, kept alive; its stored text)

    def of(self, value: Any, key: str, likes: list[dict[str, Any]]) -> str:
        known = self._known.get(id(value))
        if known is not None:
            return known[1]
        stored = None
        for like in likes:
            other = like.get(key, _ABSENT)
            if other is not _ABSENT and same(value, other):
                stored = self.of(other, key, [])
                break
        if stored is None:
            stored = self._refer(codec.dumps(value))
        self._known[id(value)] = (value, stored)
        return stored

    def _refer(self, text: str) -> str:
        if len(text) <= SHORTEST:
            return text
        place = self._places.get(text)
        if place is None:
            place = self._places[text] = len(self.pool)
            self.pool.append(text)
        return f"{REFERENCE}{place}"


def _likes(holder: Any, owners: dict[int, dict[str, Any] | None]) -> list[dict[str, Any]]:
    """The data a holder's most likely copied its values from: its parent task's, and the data of
    the task that runs its sub-process (SpiffWorkflow copies that into the sub-process's start)."""
    likes = []
    if isinstance(holder, Task):
        if holder.parent is not None:
            likes.append(holder.parent.data)
        workflow = holder.workflow
    else:
        workflow = holder
    if isinstance(workflow, BpmnSubWorkflow):
        if id(workflow) not in owners:
            owner = workflow.top_workflow.get_task_from_id(workflow.parent_task_id)
            owners[id(workflow)] = owner.data if owner is not None else None
        owned = owners[id(workflow)]
        if owned is not None:
            likes.append(owned)
    return likes


def resolve(pool: list[str], text: str) -> str:
    """The codec text a stored variable holds: ``text`` itself unless it is a reference into ``pool``.
    ValueError for a reference to a place the pool does not have."""
    if not text.startswith(REFERENCE):
        return text
    try:
        return pool[int(text[len(REFERENCE) :])]
    except (ValueError, IndexError) as exc:
        raise ValueError("The stored state refers to a text it does not hold.") from exc


def parents_first(state: dict[str, Any]) -> dict[str, Any]:
    """``state`` (a serialized workflow) with each task listed after its parent; ``state`` is not changed.

    SpiffWorkflow stores a task's data as its change against its parent's and rebuilds it from the
    parent's while it reads the tasks in the order stored, so a task read before its parent would
    come back without its data. PostgreSQL's JSONB keeps object keys in an order of its own (by
    length, then bytes: task ids sort at random), so the order is made again before reading."""
    result = dict(state)
    result["tasks"] = _tree_order(state.get("tasks", {}), state.get("root"))
    subprocesses = state.get("subprocesses")
    if isinstance(subprocesses, dict):
        result["subprocesses"] = {
            key: {**part, "tasks": _tree_order(part.get("tasks", {}), part.get("root"))}
            if isinstance(part, dict)
            else part
            for key, part in subprocesses.items()
        }
    return result


def _tree_order(tasks: Any, root: Any) -> Any:
    """The mapping of tasks from ``root`` down, each before its children; tasks it does not reach
    come last, in the order they were."""
    if not isinstance(tasks, dict) or root not in tasks:
        return tasks
    ordered: dict[str, Any] = {}
    waiting = [root]
    while waiting:
        key = waiting.pop()
        if key in ordered or key not in tasks:
            continue
        ordered[key] = tasks[key]
        children = tasks[key].get("children", []) if isinstance(tasks[key], dict) else []
        waiting.extend(reversed(children))
    ordered.update((key, task) for key, task in tasks.items() if key not in ordered)
    return ordered
