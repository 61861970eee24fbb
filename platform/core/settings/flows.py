"""Flows (engine/flows, docs/bpmn.md): how much one step may do, and how large a flow may be."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class FlowSettings:
    # Flow limits per step (engine/flows/limits.py): engine steps, instances of one
    # multi-instance activity, and the instance's stored state in bytes.
    flow_max_steps: int = 1000
    flow_max_instances: int = 1000
    flow_max_state_bytes: int = 1024 * 1024
    flow_max_timer_repeats: int = 1000  # occurrences of one cycle timer (R/PT1H repeats until then)
    # A flow designed as steps (engine/flows/steps): transitions, timers, data updates per
    # transition or timer, form fields per transition, parts of a joined text, days of a timer.
    flow_steps_max_transitions: int = 100
    flow_steps_max_timers: int = 50
    flow_steps_max_updates: int = 30
    flow_steps_max_form_fields: int = 50
    flow_steps_max_join_parts: int = 20
    flow_steps_max_timer_days: int = 3650
    # A flow's decision tables (designer/flows/decisions.py): how many, and how large each DMN
    # document may be; and the pools one imported diagram may have.
    flow_max_decisions: int = 20
    flow_decision_max_kb: int = 256
    flow_import_max_pools: int = 20
