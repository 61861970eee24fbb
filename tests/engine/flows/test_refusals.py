"""Every refusal names an element, says what to do, and carries a stable code with its params;
none shows Python's, lxml's or SpiffWorkflow's own texts.

The malformed diagrams below are the cases modelers' files ran into: a data store named in
several words, a call activity to a process the file lacks, a boundary event without a trigger
(SpiffWorkflow put its raw XML in the error), an event pointing at an undefined message (a
TypeError inside SpiffWorkflow), a cut-off text about outgoing flows.
"""

from __future__ import annotations

import json
import logging
import re
import string
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException

from engine.flows import run
from engine.flows.diagram_errors import translate
from engine.flows.errors import FlowError
from engine.flows.parser import check, parse
from engine.flows.refusals import CATALOGUE, PARTS, refusal

ROOT = Path(__file__).resolve().parents[3]
CONFORMANCE = ROOT / "bpmn" / "conformance"
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
CODE = re.compile(r"^flow(\.[a-z][a-z0-9_]*){2,}$")
# What must never reach a person (a script's own error names its kind on purpose: see below).
INTERNALS = ("TaskSpec", "Spiff", "lxml", "Traceback", "b'<", 'b"<', "TypeError", "KeyError", "<Element ")
# A refusal says what to do: one of the verbs a fix starts with.
ADVICE = re.compile(
    r"\b(use|add|remove|give|set|change|draw|connect|replace|make|mark|choose|move|name|delete|write|fix|put|"
    r"keep|split|select|define|declare|bind|attach|turn|enter|import|publish|link|model|create|open|call|"
    r"correct|assign|check|export|save|say|try|ask)\b",
    re.IGNORECASE,
)
# Texts made of what someone else wrote: a script's refuse(reason), the sandbox's or a template's sentence.
PASSED_ON = {"flow.script.declined", "flow.script.stopped", "flow.template.unfit", "flow.state.owned"}


def diagram(body: str, *, extra: str = "", process: str = "main") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="t">
  {extra}
  <bpmn:process id="{process}" isExecutable="true">
    {body}
  </bpmn:process>
</bpmn:definitions>"""


def refusals(xml: str) -> list[FlowError]:
    try:
        return check(xml)[1]
    except FlowError as refused:
        return [refused]


def assert_clean(error: FlowError) -> None:
    assert error.code in CATALOGUE, error.code
    assert error.message == CATALOGUE[error.code].format_map(_english(error.params)), error.message
    for internal in INTERNALS:
        assert internal not in error.message, error.message


def _english(params: dict[str, object]) -> dict[str, str]:
    return {
        k: PARTS.get(str(v), str(v)) if k == "part" else f"{v:,}" if isinstance(v, int) else str(v)
        for k, v in params.items()
    }


def test_a_data_store_is_named_by_its_whole_name_and_the_element_people_can_click():
    extra = '<bpmn:dataStore id="store" name="Customer master data"/>'
    body = """
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:dataStoreReference id="store_ref" dataStoreRef="store"/>
    <bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/>"""
    [error] = refusals(diagram(body, extra=extra))
    assert (error.code, error.element, error.params) == (
        "flow.data_store.unsupported",
        "store_ref",
        {"name": "Customer master data"},
    )
    assert "'Customer master data'" in error.message and "Remove the data store" in error.message
    assert_clean(error)


CALLER = """
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:callActivity id="ask_billing" calledElement="billing">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:callActivity>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="ask_billing"/>
    <bpmn:sequenceFlow id="f2" sourceRef="ask_billing" targetRef="end"/>"""


def test_a_call_to_a_missing_process_names_the_call_activity_and_offers_the_others_not_itself():
    other = """<bpmn:process id="invoicing"><bpmn:startEvent id="s2"/></bpmn:process>"""
    xml = diagram(CALLER).replace("</bpmn:definitions>", other + "</bpmn:definitions>")
    [error] = refusals(xml)
    assert (error.code, error.element) == ("flow.call.missing_process", "ask_billing")
    assert error.params == {"process": "billing", "processes": "invoicing"}
    assert "main" not in error.message
    assert_clean(error)


def test_a_call_to_a_missing_process_in_a_file_of_one_process_suggests_drawing_it():
    [error] = refusals(diagram(CALLER))
    assert (error.code, error.element, error.params) == (
        "flow.call.missing_process_alone",
        "ask_billing",
        {"process": "billing"},
    )
    assert "main" not in error.message
    assert_clean(error)


def test_a_boundary_event_without_a_trigger_is_named_never_shown_as_raw_xml():
    body = """
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="approve"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:boundaryEvent id="bare" attachedToRef="approve"><bpmn:outgoing>f3</bpmn:outgoing></bpmn:boundaryEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="end2"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve"/>
    <bpmn:sequenceFlow id="f2" sourceRef="approve" targetRef="end"/>
    <bpmn:sequenceFlow id="f3" sourceRef="bare" targetRef="end2"/>"""
    [error] = refusals(diagram(body))
    assert (error.code, error.element) == ("flow.event.no_trigger", "bare")
    assert_clean(error)


def test_an_event_naming_an_undefined_signal_is_named_never_shown_as_a_type_error():
    body = """
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="wait">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:signalEventDefinition id="def" signalRef="nowhere"/>
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end"/>"""
    [error] = refusals(diagram(body))
    assert (error.code, error.element) == ("flow.event.signal_missing", "wait")
    assert_clean(error)


def test_a_gateway_flow_without_condition_names_the_flow():
    body = """
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:exclusiveGateway id="which"><bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>yes</bpmn:outgoing><bpmn:outgoing>no</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:endEvent id="a"><bpmn:incoming>yes</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="b"><bpmn:incoming>no</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="which"/>
    <bpmn:sequenceFlow id="yes" sourceRef="which" targetRef="a"/>
    <bpmn:sequenceFlow id="no" sourceRef="which" targetRef="b"/>"""
    [error] = refusals(diagram(body))
    assert (error.code, error.element) == ("flow.gateway.missing_condition", "yes")
    assert_clean(error)


@pytest.mark.parametrize(
    ("xml", "code", "params"),
    [
        ("<bpmn:definitions", "flow.diagram.not_xml", None),
        (
            '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"/>',
            "flow.diagram.no_process",
            {},
        ),
        ("x" * (3 * 1024 * 1024), "flow.diagram.too_large", {"limit": 2}),
    ],
    ids=["not-xml", "no-process", "too-large"],
)
def test_a_document_that_cannot_be_read_says_so_with_a_code(xml, code, params):
    [error] = refusals(xml)
    assert error.code == code and (params is None or error.params == params)
    if code == "flow.diagram.not_xml":
        assert error.line == 1 and error.params["line_number"] == 1 and error.params["reason"]
    assert_clean(error)


def test_service_and_business_rule_tasks_never_show_spiffworkflows_texts():
    body = """
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="call_api">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:businessRuleTask id="decide">
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:businessRuleTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call_api"/>
    <bpmn:sequenceFlow id="f2" sourceRef="call_api" targetRef="decide"/>
    <bpmn:sequenceFlow id="f3" sourceRef="decide" targetRef="end"/>"""
    found = refusals(diagram(body))
    assert found and {e.element for e in found} <= {"call_api", "decide"}
    for error in found:
        assert "operator" not in error.message and "DMN Diagram" not in error.message and '"None"' not in error.message
        assert_clean(error)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Multiple outgoing flows are not supported for tasks of type", "flow.split.unsupported"),
        ("A Service Task must have an operator", "flow.service.no_operation"),
        ('No DMN Diagram available with id "None", Available DMN ids are: ', "flow.decision.none"),
        ("Time Specification Error. Unknown format", "flow.timer.unreadable"),
        ("There is no support implemented for this task type.", "flow.element.unsupported"),
        (
            "NotImplementedError('Unsupported Catch Event: %r', b'<bpmn:boundaryEvent id=\"odd\"/>')",
            "flow.event.no_trigger",
        ),
    ],
)
def test_spiffworkflows_known_complaints_become_whole_refusals_naming_the_element(text, code):
    document = etree.fromstring(diagram('<bpmn:task id="odd"/>').encode())
    error = translate(ValidationException(text, node=document.xpath("//*[@id='odd']")[0]), document)
    assert (error.code, error.element) == (code, "odd")
    assert error.message.endswith(".") and text not in error.message
    assert_clean(error)


def test_an_unknown_complaint_of_spiffworkflow_becomes_a_generic_refusal_naming_the_element(caplog):
    document = etree.fromstring(diagram('<bpmn:task id="odd"/>').encode())
    node = document.xpath("//*[@id='odd']")[0]
    with caplog.at_level(logging.DEBUG, logger="engine.flows.diagram_errors"):
        error = translate(ValidationException("Some new complaint about <TaskSpec odd>", node=node), document)
    assert (error.code, error.element, error.params) == ("flow.diagram.unreadable", "odd", {})
    assert "complaint" not in error.message and "what to do" not in error.message
    assert "Some new complaint" in caplog.text  # kept for whoever runs the service
    assert_clean(error)


def test_a_plain_python_error_of_the_parser_names_the_element_it_was_reading():
    class Reader:
        def __init__(self, node: object) -> None:
            self.node = node

        def read(self) -> None:
            raise TypeError("NodeParser.method() got an unexpected keyword argument 'node'")

    document = etree.fromstring(diagram('<bpmn:task id="odd"/>').encode())
    try:
        Reader(document.xpath("//*[@id='odd']")[0]).read()
    except TypeError as exc:
        error = translate(exc, document)
    assert (error.code, error.element) == ("flow.diagram.unreadable", "odd")
    assert_clean(error)


def test_a_failing_script_and_a_gateway_with_no_way_out_are_refusals_naming_the_element(sandbox):
    body = """
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:scriptTask id="count"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:script>total = 1 / zero</bpmn:script></bpmn:scriptTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="count"/>
    <bpmn:sequenceFlow id="f2" sourceRef="count" targetRef="end"/>"""
    with pytest.raises(FlowError) as caught:
        run.start(parse(diagram(body)), {"zero": 0}, sandbox=sandbox, now=NOW, zone="UTC")
    assert (caught.value.code, caught.value.element, caught.value.params["part"]) == (
        "flow.script.failed",
        "count",
        "script",
    )
    assert "ZeroDivisionError" in caught.value.params["reason"]  # the script's own error, its kind named on purpose

    gateway = """
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:exclusiveGateway id="which"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>big</bpmn:outgoing>
      </bpmn:exclusiveGateway>
    <bpmn:endEvent id="end"><bpmn:incoming>big</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="which"/>
    <bpmn:sequenceFlow id="big" sourceRef="which" targetRef="end">
      <bpmn:conditionExpression>amount &gt; 100</bpmn:conditionExpression></bpmn:sequenceFlow>"""
    with pytest.raises(FlowError) as caught:
        run.start(parse(diagram(gateway)), {"amount": 5}, sandbox=sandbox, now=NOW, zone="UTC")
    assert (caught.value.code, caught.value.element) == ("flow.gateway.no_way", "which")
    assert_clean(caught.value)


def test_refusal_builds_the_message_from_the_code_and_params_so_they_never_disagree():
    error = refusal("flow.limit.instances", "each_item", count=20000, limit=1000)
    assert error.to_dict() == {
        "message": error.message,
        "element": "each_item",
        "line": None,
        "code": "flow.limit.instances",
        "params": {"count": 20000, "limit": 1000},
    }
    assert "20,000 times" in error.message and "1,000 times" in error.message
    assert refusal("flow.code.refused", "x", part="loop_condition", reason="No.").message.startswith(
        "This loop condition cannot run"
    )
    with pytest.raises(KeyError):
        refusal("flow.no.such_code")


def test_every_code_is_well_formed_says_what_to_do_and_is_no_group_of_another():
    codes = sorted(CATALOGUE)
    for code in codes:
        assert CODE.match(code), code
        assert not any(other.startswith(code + ".") for other in codes), f"{code} is also a group of codes"
        names = [field for _text, field, _spec, _conv in string.Formatter().parse(CATALOGUE[code]) if field]
        assert all(name.isidentifier() for name in names), code
        words = re.sub(r"\{\w+\}", "", CATALOGUE[code])  # a param named "name" is no advice
        if code not in PASSED_ON and "{reason}" not in CATALOGUE[code]:
            assert ADVICE.search(words), f"says not what to do: {code}"


def _spiffworkflow_set() -> list[Path]:
    return sorted((CONFORMANCE / "spiffworkflow").rglob("*.bpmn"))


def test_no_refusal_over_the_conformance_diagrams_shows_internals(sandbox):
    """Every refusal met reading, checking and running the SpiffWorkflow set (and reading every
    other diagram of bpmn/conformance) has a code of the catalogue and no internal text."""
    seen: list[FlowError] = []
    for path in sorted(CONFORMANCE.rglob("*.bpmn")):
        seen.extend(refusals(path.read_bytes().decode("utf-8", "replace")))
    for path in _spiffworkflow_set():
        try:
            workflow = run.start(parse(path.read_bytes()), {}, sandbox=sandbox, now=NOW, zone="UTC")
            later = NOW
            for _ in range(50):
                ready = run.waiting(workflow)
                if ready:
                    run.complete(workflow, ready[0].id, {}, sandbox=sandbox, now=later, zone="UTC")
                    continue
                later += timedelta(days=400)
                if not run.fire_due_timers(workflow, sandbox=sandbox, now=later, zone="UTC"):
                    break
            run.restore(run.serialize(workflow))
        except FlowError as refused:
            seen.append(refused)
    assert len(seen) > 100
    for error in seen:
        assert error.code in CATALOGUE, f"{error.code}: {error.message}"
        shown = error.message
        if error.code == "flow.script.failed":  # the diagram's own script failed: its error kind is its own
            shown = shown.replace(str(error.params.get("reason", "")), "")
        for internal in INTERNALS:
            assert internal not in shown, f"{error.code} at {error.element}: {error.message}"


WEBAPP_TEXTS = ROOT / "webapp" / "src" / "i18n" / "locales"


def _flatten(texts: dict[str, object], prefix: str = "") -> dict[str, str]:
    found: dict[str, str] = {}
    for key, value in texts.items():
        if isinstance(value, dict):
            found.update(_flatten(value, f"{prefix}{key}."))
        else:
            found[f"{prefix}{key}"] = str(value)
    return found


def webapp_texts(language: str) -> dict[str, str]:
    """The texts of webapp/src/i18n/locales/<language>/flowErrors.json by dotted key."""
    catalogue = json.loads((WEBAPP_TEXTS / language / "flowErrors.json").read_text(encoding="utf-8"))
    return _flatten(catalogue["flowErrors"])


def _as_webapp(template: str) -> str:
    """A catalogue template the way i18next writes it: {{param}}, and a literal brace as itself."""
    return "".join(
        literal + ("{{" + field + "}}" if field is not None else "")
        for literal, field, _spec, _conv in string.Formatter().parse(template)
    )


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"\{\{\s*(\w+)\s*\}\}", text))


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_code_has_its_text_in_the_webapp_with_the_same_params(language):
    texts = webapp_texts(language)
    assert {key.removeprefix("parts.") for key in texts if key.startswith("parts.")} == set(PARTS)
    codes = {key for key in texts if not key.startswith("parts.")}
    assert sorted(set(CATALOGUE) - codes) == [], f"no {language} text in locales/{language}/flowErrors.json"
    assert sorted(codes - set(CATALOGUE)) == [], f"{language} texts for codes the catalogue no longer has"
    for code, template in CATALOGUE.items():
        if language == "en":
            assert texts[code] == _as_webapp(template), f"the English text of {code} differs from the catalogue"
        else:
            assert _placeholders(texts[code]) == _placeholders(_as_webapp(template)), code
            assert texts[code] != _as_webapp(template) or template.strip() == "{reason}", f"{code} is not translated"
