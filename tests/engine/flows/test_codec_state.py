"""A stored instance comes back with the very data it had: values, types and all."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.flows import run
from engine.flows.errors import FlowError
from engine.flows.parser import parse
from engine.flows.sandbox import Sandbox
from tests.engine.flows.test_codec import same, texts, values

EXAMPLES = Path(__file__).resolve().parents[3] / "bpmn" / "examples"
T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
FLOW = parse((EXAMPLES / "delivery.bpmn").read_bytes())
SANDBOX = Sandbox()  # nothing runs a script before the first wait: its process never starts


def _started(data):
    return run.start(FLOW, data, sandbox=SANDBOX, now=T0, zone="UTC")


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(texts, values, max_size=5))
def test_restore_of_serialize_gives_the_same_data_with_the_same_types(data):
    workflow = _started(data)
    back = run.restore(json.loads(json.dumps(run.serialize(workflow))))  # as the database keeps it
    assert same(run.variables(back), run.variables(workflow))
    assert same(run.variables(back), data)


def test_durations_sets_and_surrogate_pairs_survive_storage():
    data = {"wait": timedelta(microseconds=5), "tags": {"a", "b"}, "pair": ("x", 1), "smile": "😀"}
    back = run.variables(run.restore(run.serialize(_started(data))))
    assert same(back, data)


def test_a_later_step_that_changes_only_the_type_of_a_value_keeps_the_new_type():
    workflow = _started({"flag": 1, "typename": {"typename": "Decimal", "value": "1"}})
    [task] = run.waiting(workflow)
    task.data["flag"] = True  # 1 == True: a comparison by value alone would not store it
    back = run.variables(run.restore(run.serialize(workflow)))
    assert back["flag"] is True and back["typename"] == {"typename": "Decimal", "value": "1"}


def test_instances_stored_before_keep_loading():
    workflow = _started({"status": "PENDING"})
    old = json.loads(run.SERIALIZER.serialize_json(workflow))  # the format without codec text
    assert run.DATA_FORMAT not in old
    assert run.variables(run.restore(old)) == {"status": "PENDING"}


def test_data_the_codec_refuses_is_a_flow_error_and_leaves_the_instance_as_it_was():
    workflow = _started({"note": "fine"})
    [task] = run.waiting(workflow)
    task.data["note"] = "bad\x00"
    with pytest.raises(FlowError, match="NUL"):
        run.serialize(workflow)
    assert task.data["note"] == "bad\x00"
