"""Every refusal of a diagram or a step, by its stable code: the one place its English text lives.

A refusal is made with ``refusal("flow.<area>.<what>", element, **params)``: the code picks the
English template, the params fill it in, and the FlowError carries all three, so its message and
its code can never disagree. The webapp shows ``flowErrors.<code>`` from its own texts
(webapp/src/i18n/locales/*/flowErrors.json) with the same params, so people read it in their language;
a test checks that every code here has an English and a German text there.

Params are plain values: text, whole numbers (shown with thousands separators) and ``part``, the
kind of code a problem is about (a key of ``PARTS``), which each language names in its own words.

A code is never the start of another (``flow.timer.bad`` beside ``flow.timer.bad.date`` could not
both be texts in the webapp's tree of texts). Each area keeps its codes together below.
"""

from __future__ import annotations

from typing import Any

from engine.flows.errors import FlowError

# The pieces of code a diagram holds, as a problem names them (the ``part`` param).
PARTS = {
    "script": "script",
    "prescript": "pre-script",
    "postscript": "post-script",
    "condition": "condition",
    "cardinality": "count of instances",
    "loop_condition": "loop condition",
    "timer": "timer",
}

CATALOGUE: dict[str, str] = {
    # Reading the diagram (parser.py).
    "flow.diagram.too_large": "The diagram is larger than {limit} MiB; split it into smaller flows.",
    "flow.diagram.not_xml": (
        "This is not valid XML (line {line_number}): {reason}. Fix it, or export the diagram again from its modeler."
    ),
    "flow.diagram.no_process": "The diagram has no process; draw a process with a start event.",
    "flow.diagram.unreadable": (
        "The diagram has an element Loom cannot read; check it in the modeler, or remove it and draw it again."
    ),
    "flow.diagram.duplicate_process": "Two processes have the id '{process}'; give each process its own id.",
    "flow.diagram.no_start": "This process has no start event; add one where the flow begins.",
    "flow.data_store.unsupported": (
        "The data store '{name}' cannot be used: a flow keeps its data in its record. Remove the data store "
        "and use the record's fields."
    ),
    "flow.data.unresolved": (
        "This element reads or writes data that is not in the diagram; connect it to a data object of the "
        "process, or remove the association."
    ),
    "flow.call.missing_process": (
        "This call activity calls the process '{process}', which is not in the diagram; draw that process in "
        "the same file, or call one of: {processes}."
    ),
    "flow.call.missing_process_alone": (
        "This call activity calls the process '{process}', which is not in the diagram; draw that process in "
        "the same file, or use a sub-process instead."
    ),
    "flow.call.no_called_element": "This call activity does not say which process it calls; choose one.",
    "flow.subprocess.one_start": "A sub-process needs exactly one start event, and this one has {count}; give it one.",
    "flow.subprocess.no_end": "This sub-process has no end event; add one where it finishes.",
    "flow.subprocess.adhoc_sequential": "Sequential ad hoc sub-processes cannot run; make it parallel.",
    "flow.subprocess.adhoc_events": "An ad hoc sub-process cannot hold start or end events; remove them.",
    "flow.subprocess.adhoc_unsupported": (
        "Ad hoc sub-processes cannot run: people choose which of its activities to do, and Loom cannot offer "
        "that choice. Draw the activities after a parallel gateway (all of them, in any order) or an inclusive "
        "gateway (those whose condition holds)."
    ),
    "flow.gateway.missing_condition": (
        "This outgoing flow of the gateway has no condition and is not the default; give it a condition, "
        "or make it the gateway's default flow."
    ),
    "flow.split.unsupported": (
        "This element cannot have several outgoing flows; add a gateway after it that decides which to take."
    ),
    "flow.sequence.missing_target": (
        "A sequence flow from this element leads to '{target}', which is not in the process; connect it to an "
        "element of the process, or remove it."
    ),
    "flow.script.missing": "This script task has no script; write one or use a plain task.",
    "flow.loop.no_limit": "This loop has neither a maximum nor a condition; give it one of them.",
    "flow.multi.no_input": (
        "This multi-instance activity needs a count of instances or a collection to go through; set one."
    ),
    "flow.multi.both_inputs": (
        "This multi-instance activity has both a count of instances and a collection; keep only one."
    ),
    "flow.multi.missing_data": (
        "This multi-instance activity names data its input and output settings do not declare; declare it, or "
        "name another."
    ),
    "flow.event.cancel_outside_transaction": (
        "A cancel event belongs on or in a transaction sub-process; make the sub-process a transaction, or use "
        "an error event."
    ),
    "flow.event.condition_missing": "This conditional event has no condition; write one.",
    "flow.event.message_missing": "This event refers to a message the diagram does not define; choose one that exists.",
    "flow.event.signal_missing": "This event refers to a signal the diagram does not define; choose one that exists.",
    "flow.event.error_missing": "This event refers to an error the diagram does not define; choose one that exists.",
    "flow.event.escalation_missing": (
        "This event refers to an escalation the diagram does not define; choose one that exists."
    ),
    "flow.event.no_trigger": (
        "This boundary event has no trigger; make it a timer, error, message or signal event, or remove it."
    ),
    "flow.timer.unreadable": "This timer's setting cannot be read; give a duration like P1D or a date and time.",
    "flow.element.unsupported": "Loom cannot run this kind of element; replace it with a task, an event or a gateway.",
    # What Loom runs (support.py).
    "flow.service.no_operation": (
        "This service task does not say what it does; choose its connector in its properties, or use a script task."
    ),
    "flow.event.conditional_unsupported": "Conditional events are not supported; use a gateway.",
    "flow.event.multiple_unsupported": "Events with several triggers are not supported; keep one trigger.",
    "flow.start.timer": (
        "A flow starts when its record is created, not on a timer; remove the timer from the start event."
    ),
    "flow.start.several": "A process may have one start event only; remove the others.",
    # Publish checks (checks.py).
    "flow.code.refused": "This {part} cannot run; change it. {reason}",
    "flow.script.lost_variable": (
        "Line {script_line} of the {part} sets '{name}', but {blueprint} has no field '{name}' and nothing in the flow "
        "reads it, so the value would be lost. Use one of the fields, or read the variable later."
    ),
    "flow.script.field_refused": (
        "Line {script_line} of the {part} sets the field '{name}' to {value}, which {blueprint} refuses: {reason}"
    ),
    "flow.timer.unknown_name": (
        "The timer reads '{name}', which is neither a field nor a variable of this flow; use one that is, or "
        "write a fixed duration or date as ISO text, like P1D or 2026-12-01T09:00:00+01:00."
    ),
    "flow.timer.not_text": "The timer gives {value}; give ISO text, like P1D.",
    "flow.timer.bad_duration": "The timer's {value} is not an ISO duration; write one like P1D or PT4H.",
    "flow.timer.bad_cycle": (
        "The timer's {value} is not an ISO cycle; write one like R3/PT1H (three times, an hour apart)."
    ),
    "flow.timer.bad_date": "The timer's {value} is not an ISO date and time; write one like 2026-12-01T09:00:00+01:00.",
    "flow.timer.unrecognised": (
        "The timer's {value} is neither ISO 8601 text nor an expression; write a duration like PT5M, a date and "
        "time like 2026-12-01T09:00:00Z, a cycle like R3/PT1H, or an expression over the record's fields."
    ),
    # Binding a diagram to its blueprint (designer).
    "flow.bind.other_blueprint": (
        "The diagram is bound to '{bound}', but this flow moves {blueprint} records; bind it to {blueprint}."
    ),
    "flow.bind.unpublished_blueprint": "Publish {blueprint} before its flow.",
    "flow.transition.unknown_field": (
        "'{label}' shows the field '{field}', which {blueprint} does not have; add the field or remove it "
        "from the form."
    ),
    "flow.transition.no_user_field": (
        "'{label}' may be done by the person in '{field}', but {blueprint} has no team member field "
        "'{field}'; choose a team member field."
    ),
    "flow.transition.unknown_role": "'{role}' is not a role; use one of {roles}.",
    "flow.template.unfit": "{reason}",
    "flow.state.owned": "{reason}",
    "flow.publish.unchanged": "Nothing changed since version {version}; change the draft before publishing it.",
    # Steps designed in the steps editor (steps/fit.py).
    "flow.steps.field_gone": (
        "The flow uses the {type} field '{field}' ({label}), which {blueprint} no longer has; add it back "
        "or change the step."
    ),
    "flow.steps.field_type": (
        "The flow uses '{field}' ({label}) as a {type} field, but in {blueprint} it is now a {now} field; "
        "change the step or the field."
    ),
    "flow.steps.state_gone": (
        "The flow uses the state '{state}', which {column} in {blueprint} no longer offers; add the option "
        "back or change the step."
    ),
    # Running a step (run.py, limits.py, the sandbox).
    "flow.step.not_waiting": (
        "This step is no longer waiting; someone may have done it already. Open the record again to see where it is."
    ),
    "flow.gateway.no_way": (
        "None of this gateway's conditions holds and it has no default flow; add a default flow, or change the "
        "conditions so one always holds."
    ),
    "flow.step.failed": (
        "The flow could not go on at this element; change the element's settings in the diagram, and ask an "
        "administrator to look at the log if it keeps happening."
    ),
    "flow.step.crashed": (
        "The step failed unexpectedly and the flow stopped here; try the step again, and ask an administrator "
        "to look at the log if it fails again."
    ),
    "flow.data.unkeepable": "The flow's data cannot be kept; change the script that made it. {reason}",
    "flow.script.failed": "The {part} failed: {reason}",
    "flow.script.declined": "{reason}",
    "flow.script.stopped": "{reason}",
    "flow.limit.instances": (
        "This activity would run {count} times at once; a flow may run one at most {limit} times in a step. "
        "Make its collection smaller, or split the work."
    ),
    "flow.limit.steps": "The flow kept running without waiting for anyone; it was stopped after {limit} steps. "
    "Give the loop an end, or a step where it waits.",
    "flow.limit.state": (
        "The flow's data would take {size}; an instance may keep at most {limit}. Keep less data in the "
        "flow's variables, or fewer instances of this activity."
    ),
    # Moving a record to a newer version (moves.py).
    "flow.move.ended": "This record's flow has already ended; there is nothing to move.",
    "flow.move.would_run_script": "Moving the record would run a script here. Keep the record on its version.",
    "flow.move.would_evaluate": "Moving the record would evaluate an expression here. Keep the record on its version.",
    "flow.move.off_version": "{what} is on its path but not in the new version. Keep the record on its version.",
    "flow.move.failed": (
        "The record cannot be moved: the new version's path cannot be planned from where it is. Keep it on its version."
    ),
    "flow.move.removed": "{what} was removed in the new version. Keep the record on its version.",
    "flow.move.not_comparable": (
        "The new version cannot be compared with this record's path at {at}. Keep the record on its version."
    ),
    "flow.move.boundary_changed": (
        "The boundary events of {what} changed in a way it cannot follow. Keep the record on its version."
    ),
    "flow.move.kind_changed": (
        "{what} is a different kind of element in the new version. Keep the record on its version."
    ),
    "flow.move.id_changed": "{what} has a different id ({id}) in the new version. Keep the record on its version.",
    "flow.move.timer_changed": "{what} was changed in the new version; its due time was set by the old one.",
    "flow.move.changed": "{what} was changed in the new version; a record there cannot follow the change.",
    "flow.move.boundary_added": (
        "The new version adds {what} to {owner}, which this record is at. Keep the record on its version."
    ),
    "flow.move.branch_added": (
        "The new version adds a parallel branch through {what}, which starts before where this record is; "
        "it would wait for that branch forever at {join}. Keep the record on its version."
    ),
    # Several pools (pools.py).
    "flow.pools.several": (
        "This diagram has {count} pools that run ({names}); a flow runs one. Import the file from the Flows page "
        "to make one flow per pool, or remove the other pools."
    ),
    "flow.pools.too_many": (
        "This diagram has {count} pools that run; one import makes flows of at most {limit}. Split the file "
        "into smaller diagrams and import each."
    ),
    "flow.pools.message_flow_ends": (
        "The message flow {name} must start at a message end, throw event or send task and end at a message "
        "start, catch event or receive task; change its ends so the message is sent."
    ),
    # Messages and signals (correlation.py, messages.py, support.py).
    "flow.start.signal": (
        "A flow starts when its record is created or a message arrives, not on a signal; use a message start "
        "event, or catch the signal after the start."
    ),
    "flow.message.correlation": (
        "A message correlates on the record field it names, not on '{expression}'; write a field's key, such as "
        "order_id."
    ),
    "flow.message.correlation_fields": (
        "A message correlates on at most {limit} fields; keep the ones that identify the record."
    ),
    "flow.message.not_waiting": (
        "This record no longer waits for the {kind} '{name}'; open it again to see where it is now."
    ),
    # Timers (timers.py).
    # Splits without a gateway (splits.py).
    "flow.split.end_event": (
        "An end event ends its path, so no flow can leave it; remove its outgoing flows, or make it an "
        "intermediate event."
    ),
    "flow.split.default_condition": (
        "The default flow {flow} has a condition, but a default flow is taken when no other condition holds; "
        "remove its condition, or make another flow the default."
    ),
    # Decisions (DMN).
    "flow.decision.none": "This business rule task does not say which decision it uses; choose one.",
    "flow.decision.missing": (
        "This business rule task uses the decision '{decision}', which the flow does not have; add the "
        "decision table, or choose one that exists."
    ),
    "flow.decision.unknown": (
        "This business rule task uses the decision '{decision}', which the flow does not have (its decisions: "
        "{decisions}); choose one of them, or add a decision table with that id."
    ),
    "flow.decision.result_variable": (
        "This task puts the result of '{decision}' into '{variable}', but the table has {outputs} outputs; "
        "remove the result variable and name each output after the field it sets."
    ),
    "flow.decision.unknown_field": (
        "Decision '{decision}' sets the field '{field}', which {blueprint} does not have; name the output after "
        "one of its fields, or add the field."
    ),
    "flow.decision.not_dmn": (
        "This is not a DMN document; save a decision table from Camunda Modeler or the decision editor "
        "(DMN 1.1 to 1.5)."
    ),
    "flow.decision.not_xml": "The decision table is not valid XML (line {line_number}): {reason}. Export it again.",
    "flow.decision.too_large": "The decision table is larger than {limit} KiB; split it into smaller tables.",
    "flow.decision.count": (
        "A DMN document here holds one decision, and this one holds {count}; keep each decision table in its own "
        "document."
    ),
    "flow.decision.bad_id": (
        "The decision id '{decision}' cannot be used; give it letters, digits and _ . - (starting with a "
        "letter), at most 100 long."
    ),
    "flow.decision.not_table": (
        "Decision '{decision}' is not a decision table; Loom runs decision tables only. Make it a decision table "
        "in the decision editor."
    ),
    "flow.decision.hit_policy": (
        "Decision '{decision}' uses the hit policy {policy}; use UNIQUE, FIRST, ANY, RULE ORDER or COLLECT "
        "(with SUM, COUNT, MIN or MAX)."
    ),
    "flow.decision.language": (
        "Decision '{decision}' is written in {language}; Loom reads decision tables written in FEEL. Write its "
        "cells in FEEL."
    ),
    "flow.decision.output_name": (
        "Output {output} of decision '{decision}' needs a name: the key of the field it sets."
    ),
    "flow.decision.no_output": "Decision '{decision}' has no output; add one named after the field it sets.",
    "flow.decision.input": "Input {input} of decision '{decision}' cannot be used: {reason}",
    "flow.decision.rule_shape": (
        "Rule {rule} of decision '{decision}' does not have a cell for each column; open it in the decision "
        "editor and save it again."
    ),
    "flow.decision.cell": "Rule {rule} of decision '{decision}' cannot be used: {reason}",
    "flow.decision.not_unique": (
        "Decision '{decision}' is UNIQUE, but rules {rules} all match; change the rules so only one matches, or "
        "make the table FIRST."
    ),
    "flow.decision.any_conflict": (
        "Decision '{decision}' is ANY, but rules {rules} match with different results; make them agree, or make "
        "the table FIRST."
    ),
    "flow.decision.failed": "Rule {rule} of decision '{decision}' failed: {reason}",
    # Connectors (connectors.py, support.py).
    "flow.connector.missing": (
        'This service task does not say what it does; choose "Send an HTTP request" or "Send an email" for it '
        "in its properties."
    ),
    "flow.connector.url": (
        "The request's address {url} cannot be used; give one starting with https:// (fields may fill in its "
        "path, not its host)."
    ),
    "flow.connector.method": "'{method}' is not a method Loom sends; use one of {methods}.",
    "flow.connector.header": (
        "'{header}' cannot be a header name here; use letters, digits and dashes, and leave the headers Loom sets "
        "itself (Host, Content-Length, Transfer-Encoding, Connection, Upgrade, TE, Trailer, Keep-Alive, Proxy-..., "
        "webhook-...) out."
    ),
    "flow.connector.field": (
        "The step uses the field '{field}', which {blueprint} does not have; add the field or change the step."
    ),
    "flow.connector.path": "Say where in the answer the value for '{field}' is, with a path like shipment.id.",
    "flow.connector.recipient": "Say whom the email goes to: an address, or a field of the record in braces.",
    "flow.connector.answer": "The answer has no value at '{path}'; correct the step's response path.",
    "flow.connector.failed": (
        "'{name}' failed: {error} Add an error boundary event to the step to go on another way, or fix the "
        "cause and try the step again."
    ),
    # Camunda and Zeebe extensions (camunda.py, conditions.py).
    "flow.camunda.group": (
        "This task is for the group '{group}', which is not a Loom role; use one of {roles} (that role or a "
        "stronger one may do the step), or name a person by email."
    ),
    "flow.camunda.assignee": (
        "This task is assigned to '{value}', but Loom knows a person by email (ann@example.com) or by a team "
        "member field of the record (${{driver}} or =driver); assign it that way, or give a role."
    ),
    "flow.camunda.candidate": (
        "This task's candidate users are '{value}', but Loom takes one person, by email (ann@example.com) or by "
        "a team member field of the record (${{driver}} or =driver); name one that way, or give a role."
    ),
    "flow.condition.unsupported": (
        "This condition, {expression}, uses '{unsupported}', which Loom does not translate from {language}; "
        'write it as a Loom condition, like amount > 100 and status == "OPEN".'
    ),
    "flow.condition.language": (
        "This condition is written in {language}; write it as a Loom condition, like "
        'amount > 100 and status == "OPEN" (simple FEEL and JUEL conditions are translated).'
    ),
}


def refusal(code: str, element: str | None = None, **params: Any) -> FlowError:
    """The FlowError ``code`` stands for, about ``element``, its English text made from ``params``
    (a ``line_number`` param is also the error's line in the XML)."""
    template = CATALOGUE[code]  # an unknown code is a mistake in Loom, not in the diagram
    message = template.format_map({key: _english(key, value) for key, value in params.items()})
    line = params.get("line_number")
    return FlowError(message, element, line if isinstance(line, int) else None, code=code, params=params)


def _english(key: str, value: Any) -> str:
    if key == "part":
        return PARTS.get(str(value), str(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return "" if value is None else str(value)
