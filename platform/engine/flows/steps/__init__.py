"""Flows as steps: a table of transitions over a state column, turned into BPMN and read back.

- ``parse(data, columns)`` checks the table the editor sends (StepsInvalid with paths and reasons);
- ``to_json(steps)`` its canonical JSON;
- ``to_bpmn(steps, process_id=, name=, blueprint=)`` the diagram Loom runs, with its layout;
- ``from_bpmn(xml)`` the table a diagram was generated from (None when it no longer fits),
  ``explain(xml)`` why not, in plain words;
- ``states_report(steps, options)`` states nobody can reach and states with no way out;
- ``fit_problems(steps, columns, blueprint)`` fields and states the blueprint no longer has as the table needs.
"""

from .bpmn import state_elements, to_bpmn, transition_elements
from .dump import to_json
from .fit import fit_problems
from .model import DEFAULT_LIMITS, Limits, Steps
from .parse import StepsInvalid, parse
from .read import explain, from_bpmn
from .report import states_report

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "Steps",
    "StepsInvalid",
    "explain",
    "fit_problems",
    "from_bpmn",
    "parse",
    "state_elements",
    "states_report",
    "to_bpmn",
    "to_json",
    "transition_elements",
]
