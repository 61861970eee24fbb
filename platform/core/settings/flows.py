"""Flows (engine/flows, docs/bpmn.md): how much one step may do, and how large a flow may be.

The limits' defaults are the engine's own (``Limits`` of engine/flows/limits.py and of the steps
model), so the engine outside the app and the app without settings agree."""

from __future__ import annotations

from dataclasses import dataclass

from engine.flows.limits import DEFAULT_LIMITS as STEP
from engine.flows.steps.model import DEFAULT_LIMITS as STEPS_TABLE


@dataclass(frozen=True, kw_only=True)
class FlowSettings:
    # Flow limits per step (engine/flows/limits.py): engine steps, instances of one
    # multi-instance activity, and the instance's stored state in bytes.
    flow_max_steps: int = STEP.steps
    flow_max_instances: int = STEP.instances
    flow_max_state_bytes: int = STEP.state_bytes
    flow_max_timer_repeats: int = STEP.timer_repeats  # occurrences of one cycle timer (R/PT1H repeats until then)
    # A flow designed as steps (engine/flows/steps): transitions, timers, data updates per
    # transition or timer, form fields per transition, parts of a joined text, days of a timer.
    flow_steps_max_transitions: int = STEPS_TABLE.transitions
    flow_steps_max_timers: int = STEPS_TABLE.timers
    flow_steps_max_updates: int = STEPS_TABLE.updates
    flow_steps_max_form_fields: int = STEPS_TABLE.form
    flow_steps_max_join_parts: int = STEPS_TABLE.join_parts
    flow_steps_max_timer_days: int = STEPS_TABLE.max_days
    # A flow's decision tables (designer/flows/decisions.py): how many, and how large each DMN
    # document may be; and the pools one imported diagram may have.
    flow_max_decisions: int = 20
    flow_decision_max_kb: int = 256
    flow_import_max_pools: int = 20
