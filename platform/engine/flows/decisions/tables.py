"""Reading a DMN document (one decision table) as Camunda Modeler and dmn-js write it, DMN 1.1 to 1.5.

The XML is read safely (no entities, no network, bounded size), every cell's FEEL is translated
once (``feel``), and the result is SpiffWorkflow's own table model, so a business-rule task keeps
its table in the instance's stored state like any other task spec. Anything Loom cannot run is a
FlowError whose ``element`` is the decision's id, naming the rule or column and what to do.

Reading stays linear in the document: each input expression is bounded (it is evaluated once, and
cells test it through one name), each cell is bounded by ``feel``, and so is what a whole table
translates to, which every instance that reaches the task carries in its stored state.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from hashlib import sha256
from typing import Any

from lxml import etree
from SpiffWorkflow.dmn.specs.model import DecisionTable, Input, InputEntry, Output, OutputEntry, Rule

from engine.flows.decisions.feel import FeelError, expression, unary_tests
from engine.flows.errors import FlowError
from engine.flows.refusals import refusal

DMN_VERSIONS = {
    "http://www.omg.org/spec/DMN/20151101/dmn.xsd": "1.1",
    "http://www.omg.org/spec/DMN/20180521/MODEL/": "1.2",
    "https://www.omg.org/spec/DMN/20191111/MODEL/": "1.3",
    "https://www.omg.org/spec/DMN/20211108/MODEL/": "1.4",
    "https://www.omg.org/spec/DMN/20230324/MODEL/": "1.5",
}
HIT_POLICIES = ("UNIQUE", "FIRST", "ANY", "RULE ORDER", "COLLECT")
AGGREGATIONS = ("SUM", "COUNT", "MIN", "MAX")
MAX_DMN_BYTES = 2 * 1024 * 1024
# An input expression is a field or a small calculation on fields (``weight * 2``); this is ten times that.
MAX_INPUT_CHARS = 500
# The translated cells of one table together: a hundred rules of five columns take about 50 000 characters.
MAX_TRANSLATED_CHARS = 1024 * 1024
# Documents read recently, by their text's hash: a flow's check and each step's parse re-read the same ones.
CACHED_DOCUMENTS = 64
DECISION_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,99}")
_DECLARED_ENCODING = re.compile(r"""(\A\s*<\?xml[^>]*?\bencoding\s*=\s*["'])[A-Za-z0-9._-]+(["'])""")
_FEEL = ("", "feel", "https://www.omg.org/spec/dmn/20191111/feel/", "http://www.omg.org/spec/feel/20140401")


@dataclass(frozen=True)
class Decision:
    """One decision table: its id (what business-rule tasks call), name, and the runnable table.

    ``table.hit_policy`` is the DMN hit policy, with COLLECT's aggregation after a space
    (``COLLECT SUM``); ``outputs`` are the output names, which are field keys of the record."""

    id: str
    name: str
    table: DecisionTable
    outputs: tuple[str, ...]


_cache: OrderedDict[bytes, Decision | FlowError] = OrderedDict()
_cache_lock = threading.Lock()


def cached_decision(xml: str | bytes) -> Decision:
    """``read_decision``, reading each document once per process (the last ``CACHED_DOCUMENTS``).

    The Decision is shared by every flow parsed from the document; nothing changes a table once
    read (``DecisionTask`` only evaluates its cells, and a restored instance has its own copy)."""
    key = sha256(xml.encode(errors="surrogatepass") if isinstance(xml, str) else b"b" + xml).digest()
    with _cache_lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
    if found is None:
        try:
            found = read_decision(xml)
        except FlowError as exc:
            found = exc
        with _cache_lock:
            _cache[key] = found
            while len(_cache) > CACHED_DOCUMENTS:
                _cache.popitem(last=False)
    if isinstance(found, FlowError):
        raise FlowError(found.message, found.element, found.line, code=found.code, params=found.params)
    return found


def read_decision(xml: str | bytes) -> Decision:
    """The DMN document's one decision table, or FlowError saying what to change."""
    root = _read(xml)
    namespace = etree.QName(root).namespace or ""
    if namespace not in DMN_VERSIONS or etree.QName(root).localname != "definitions":
        raise refusal("flow.decision.not_dmn")
    ns = {"dmn": namespace}
    decisions = root.findall("dmn:decision", ns)
    if len(decisions) != 1:
        raise refusal("flow.decision.count", count=len(decisions))
    node = decisions[0]
    decision_id = node.get("id") or ""
    if not DECISION_ID.fullmatch(decision_id):
        raise refusal("flow.decision.bad_id", decision=decision_id)
    found = node.findall("dmn:decisionTable", ns)
    if len(found) != 1:
        raise refusal("flow.decision.not_table", decision_id, decision=decision_id)
    table = _table(found[0], ns, decision_id)
    return Decision(decision_id, node.get("name") or decision_id, table, tuple(o.name for o in table.outputs))


def _read(xml: str | bytes) -> Any:
    try:  # text was decoded already (a JSON body): its declaration's encoding no longer holds
        data = _DECLARED_ENCODING.sub(r"\1UTF-8\2", xml, count=1).encode() if isinstance(xml, str) else xml
    except UnicodeEncodeError as exc:  # a lone surrogate, which JSON can carry and XML cannot
        raise refusal("flow.decision.not_xml", reason=exc.reason, line_number=1) from exc
    if len(data) > MAX_DMN_BYTES:
        raise refusal("flow.decision.too_large", limit=MAX_DMN_BYTES // 1024)
    try:
        options = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        return etree.fromstring(data, parser=options)
    except etree.XMLSyntaxError as exc:
        raise refusal("flow.decision.not_xml", line=exc.lineno, reason=exc.msg, line_number=exc.lineno) from exc


def _table(node: Any, ns: dict[str, str], decision: str) -> DecisionTable:
    policy = (node.get("hitPolicy") or "UNIQUE").strip().upper()
    aggregation = (node.get("aggregation") or "").strip().upper()
    if policy not in HIT_POLICIES or (aggregation and (policy != "COLLECT" or aggregation not in AGGREGATIONS)):
        raise refusal("flow.decision.hit_policy", decision, decision=decision, policy=f"{policy} {aggregation}".strip())
    table = DecisionTable(node.get("id") or decision, node.get("name") or "", f"{policy} {aggregation}".strip())
    language = (node.getparent().getparent().get("expressionLanguage") or "").lower()
    _feel_only(language, decision)
    for position, element in enumerate(node.findall("dmn:input", ns), start=1):
        table.inputs.append(_input(element, ns, decision, position))
    for position, element in enumerate(node.findall("dmn:output", ns), start=1):
        name = (element.get("name") or "").strip()
        if not name or name.startswith("_") or not name.isidentifier():
            raise refusal("flow.decision.output_name", decision, decision=decision, output=position)
        table.outputs.append(Output(element.get("id"), element.get("label") or "", name, element.get("typeRef") or ""))
    if not table.outputs:
        raise refusal("flow.decision.no_output", decision, decision=decision)
    size = sum(len(column.expression) for column in table.inputs)
    for row, element in enumerate(node.findall("dmn:rule", ns), start=1):
        rule = _rule(element, ns, table, decision, row)
        size += sum(len(entry.lhs[0] or "") for entry in rule.inputEntries)
        size += sum(len(entry.text) for entry in rule.outputEntries)
        if size > MAX_TRANSLATED_CHARS:
            reason = f"The table's cells together are larger than {MAX_TRANSLATED_CHARS // 1024} KiB; split the table."
            raise refusal("flow.decision.cell", decision, decision=decision, rule=row, reason=reason)
        table.rules.append(rule)
    return table


def _input(element: Any, ns: dict[str, str], decision: str, position: int) -> Input:
    source = element.find("dmn:inputExpression", ns)
    text = source.findtext("dmn:text", default="", namespaces=ns) if source is not None else ""
    if source is not None:
        _feel_only((source.get("expressionLanguage") or "").lower(), decision)
    try:
        if len(text or "") > MAX_INPUT_CHARS:
            raise FeelError(
                f"It is longer than {MAX_INPUT_CHARS} characters; compute it in a script task before the decision."
            )
        python = expression(text or "")
    except FeelError as exc:
        raise refusal("flow.decision.input", decision, decision=decision, input=position, reason=exc.reason) from exc
    except (RecursionError, MemoryError) as exc:
        reason = "It is nested too deeply to read; write it more simply."
        raise refusal("flow.decision.input", decision, decision=decision, input=position, reason=reason) from exc
    type_ref = source.get("typeRef") if source is not None else None
    return Input(element.get("id"), element.get("label") or "", element.get("name") or "", python, type_ref or "")


def _rule(element: Any, ns: dict[str, str], table: DecisionTable, decision: str, row: int) -> Rule:
    rule = Rule(element.get("id") or f"rule {row}")
    rule.row_number = row
    rule.description = element.findtext("dmn:description", default="", namespaces=ns)
    inputs = element.findall("dmn:inputEntry", ns)
    outputs = element.findall("dmn:outputEntry", ns)
    if len(inputs) != len(table.inputs) or len(outputs) != len(table.outputs):
        raise refusal("flow.decision.rule_shape", decision, decision=decision, rule=row)
    for cell, column in zip(inputs, table.inputs, strict=True):
        entry = InputEntry(cell.get("id"), column)
        text = cell.findtext("dmn:text", default="", namespaces=ns)
        entry.lhs.append(_cell(unary_tests, text, decision, row))
        rule.inputEntries.append(entry)
    for cell, column in zip(outputs, table.outputs, strict=True):
        out = OutputEntry(cell.get("id"), column)
        text = (cell.findtext("dmn:text", default="", namespaces=ns) or "").strip()
        out.text = _cell(expression, text, decision, row) if text else ""
        rule.outputEntries.append(out)
    return rule


def _cell(translate: Any, text: str, decision: str, row: int) -> str | None:
    try:
        result: str | None = translate(text)
    except FeelError as exc:
        raise refusal("flow.decision.cell", decision, decision=decision, rule=row, reason=exc.reason) from exc
    except (RecursionError, MemoryError) as exc:
        reason = "A cell is nested too deeply to read; write it more simply."
        raise refusal("flow.decision.cell", decision, decision=decision, rule=row, reason=reason) from exc
    return result


def _feel_only(language: str, decision: str) -> None:
    if language.rstrip("/") not in {value.rstrip("/") for value in _FEEL}:
        raise refusal("flow.decision.language", decision, decision=decision, language=language)
