"""Each diagram converted once per process, not once per step.

A stored instance carries its process's spec: SpiffWorkflow's serialized form of the diagram.
Turning it back into objects on every restore, and the objects into the dict on every serialize,
was two thirds of the engine's time in a Delivery transition, for a diagram that never changes
between steps (a published version is immutable).

- ``restore``: the spec and sub-process specs of a stored state, restored once per distinct
  content (their JSON text is the key: a version rewritten in place, or moved to, has other text)
  and shared by every workflow restored from it afterwards. Sharing is what SpiffWorkflow expects:
  ``run.start`` already starts every instance of a version on one parsed spec; a spec holds the
  diagram, never an instance's progress, and nothing in Loom changes a spec once it is built.
- ``install``: SpiffWorkflow's conversion of a process spec to its dict, kept per spec object, so
  serializing a workflow whose spec came from here (or from one parsed flow) converts it once.

The stored state is unchanged: what comes back is what SpiffWorkflow's own restore would build.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from SpiffWorkflow.bpmn.serializer.helpers.registry import DefaultRegistry
from SpiffWorkflow.bpmn.specs.bpmn_process_spec import BpmnProcessSpec

SIZE = 128  # distinct diagrams kept per process, each way
SPEC = "spec"
SUBPROCESS_SPECS = "subprocess_specs"
KEYS = (SPEC, SUBPROCESS_SPECS)
_PLACEHOLDER = "LoomCachedSpec"  # stands for a restored spec in the dict handed to SpiffWorkflow

_lock = threading.Lock()
_restored: OrderedDict[str, tuple[Any, dict[str, Any]]] = OrderedDict()  # text -> (spec, subprocess specs)
_converted: OrderedDict[int, tuple[Any, dict[str, Any]]] = OrderedDict()  # id(spec) -> (spec kept alive, its dict)


def install(registry: DefaultRegistry) -> None:
    """Let ``registry`` convert each process spec object once, and take the restored specs
    ``restored_specs`` hands it."""
    typename = registry.typenames[BpmnProcessSpec]
    convert = registry.convert_to_dict[typename]
    registry.convert_to_dict[typename] = lambda spec, **kwargs: _converted_once(convert, spec, kwargs)
    registry.convert_from_dict[_PLACEHOLDER] = lambda dct, **_: dct["spec"]


def restored_specs(state: dict[str, Any], registry: DefaultRegistry) -> dict[str, Any]:
    """The ``spec`` and ``subprocess_specs`` entries of ``state`` (a serialized workflow, not
    changed) for SpiffWorkflow's restore: each spec restored already, restored now if this process
    has not seen their content yet, in a placeholder ``registry`` (see ``install``) turns into it."""
    spec, subprocess_specs = state[SPEC], state.get(SUBPROCESS_SPECS) or {}
    key = json.dumps([spec, subprocess_specs], separators=(",", ":"))
    with _lock:
        found = _restored.get(key)
        if found is not None:
            _restored.move_to_end(key)
    if found is None:
        # From a copy: SpiffWorkflow's restore consumes the dicts it is given.
        spec_copy, subprocess_copy = json.loads(key)
        found = (
            registry.restore(spec_copy),
            {name: registry.restore(part) for name, part in subprocess_copy.items()},
        )
        with _lock:
            _restored[key] = found
            while len(_restored) > SIZE:
                _restored.popitem(last=False)
    return {
        SPEC: {"typename": _PLACEHOLDER, "spec": found[0]},
        SUBPROCESS_SPECS: {name: {"typename": _PLACEHOLDER, "spec": part} for name, part in found[1].items()},
    }


def _converted_once(convert: Callable[..., dict[str, Any]], spec: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    """The spec's dict, converted on first sight of this very object. Callers only read it
    (SpiffWorkflow's serializer dumps it to JSON text)."""
    with _lock:
        found = _converted.get(id(spec))
        if found is not None and found[0] is spec:
            _converted.move_to_end(id(spec))
            return found[1]
    converted = convert(spec, **kwargs)
    with _lock:
        _converted[id(spec)] = (spec, converted)
        while len(_converted) > SIZE:
            _converted.popitem(last=False)
    return converted
