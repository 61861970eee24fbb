"""Keeping an instance's stored state from growing with every round it goes.

SpiffWorkflow already stores each task's data as its change against its parent's, so data copied
into every task (a multi-instance activity's 100 instances each holding the list) costs nothing
in the stored state. What does grow is history: SpiffWorkflow keeps every sub-process that ever
ran, with all its tasks and a full copy of the data it ended with, so a flow that loops back into
a sub-process stores one more of them each round.

A finished sub-process (its own tasks done, and the activity that ran it completed) has handed
its data to that activity and is never read again: the instance's variables come from the
activity, the path ahead starts from it, and moving to a new version compares what the record
has done through the activity itself. It is dropped the way SpiffWorkflow drops the ones a reset
leaves behind (``BpmnWorkflow.delete_subprocess``). A transaction keeps its sub-process: its
cancel and compensation may still reach into it. An event sub-process keeps it too: it is the only
trace of what its trigger did, and it runs once per trigger, not once per round.
"""

from __future__ import annotations

from SpiffWorkflow.bpmn.specs.mixins.subworkflow_task import EventSubprocess, TransactionSubprocess
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from engine.flows.subprocess_events import is_event_subprocess


def forget_finished_subprocesses(workflow: BpmnWorkflow) -> int:
    """Drop every finished sub-process of ``workflow`` (and those it ran); how many were dropped."""
    dropped = 0
    for owner_id, subprocess in list(workflow.subprocesses.items()):
        if owner_id not in workflow.subprocesses or not subprocess.is_completed():
            continue  # gone with its parent already, or still running
        owner = workflow.get_task_from_id(owner_id)
        if owner is None or owner.state != TaskState.COMPLETED or _kept(owner.task_spec, subprocess.spec):
            continue
        if any(_inside(other, subprocess) for other in workflow.subprocesses.values() if not other.is_completed()):
            continue  # something it started still runs (not expected once it completed, but never cut it off)
        workflow.delete_subprocess(owner)
        dropped += 1
    return dropped


def _kept(owner: object, spec: object) -> bool:
    """A transaction's or an event sub-process's (which SpiffWorkflow parses as a plain one)."""
    return isinstance(owner, TransactionSubprocess | EventSubprocess) or is_event_subprocess(spec)


def _inside(candidate: object, ancestor: object) -> bool:
    parent = getattr(candidate, "parent_workflow", None)
    while parent is not None:
        if parent is ancestor:
            return True
        parent = getattr(parent, "parent_workflow", None)
    return False
