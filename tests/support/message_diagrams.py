"""Small diagrams that send and wait for messages and signals, for the engine's and the runtime's tests."""

from __future__ import annotations

import itertools

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:loom="http://loom.dev/schema/bpmn/1.0" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" '
    'id="defs" targetNamespace="http://loom.dev/test">'
)
PAID = '<bpmn:message id="m_paid" name="payment received"/>'
ORDERED = '<bpmn:message id="m_ordered" name="order placed"/>'
RECALL = '<bpmn:signal id="s_recall" name="recall"/>'


def diagram(process: str, body: str, *, blueprint: str | None = None, roots: str = PAID) -> str:
    """A definitions document with ``roots`` (messages, signals) and one process of ``body``."""
    bound = f' loom:blueprint="{blueprint}"' if blueprint else ""
    return (
        f'{HEAD}{roots}<bpmn:process id="{process}" isExecutable="true"{bound}>{body}</bpmn:process></bpmn:definitions>'
    )


def line(*elements: str) -> str:
    """Elements (id, XML) joined in a row by sequence flows: each element's XML names its id."""
    flows = []
    ids = [e.split('id="', 1)[1].split('"', 1)[0] for e in elements]
    for index, (source, target) in enumerate(itertools.pairwise(ids)):
        flows.append(f'<bpmn:sequenceFlow id="f{index}" sourceRef="{source}" targetRef="{target}"/>')
    return "".join(elements) + "".join(flows)


START = '<bpmn:startEvent id="start"/>'
END = '<bpmn:endEvent id="end"/>'


def catch(element: str, message: str = "m_paid", correlation: str | None = "order_id") -> str:
    """An intermediate message catch, correlating on the record field ``correlation`` (Loom's way)."""
    extension = (
        f'<bpmn:extensionElements><loom:correlation field="{correlation}"/></bpmn:extensionElements>'
        if correlation
        else ""
    )
    return (
        f'<bpmn:intermediateCatchEvent id="{element}">{extension}'
        f'<bpmn:messageEventDefinition messageRef="{message}"/></bpmn:intermediateCatchEvent>'
    )


def throw(element: str, message: str = "m_paid") -> str:
    return (
        f'<bpmn:intermediateThrowEvent id="{element}">'
        f'<bpmn:messageEventDefinition messageRef="{message}"/></bpmn:intermediateThrowEvent>'
    )


def signal_catch(element: str) -> str:
    return (
        f'<bpmn:intermediateCatchEvent id="{element}">'
        '<bpmn:signalEventDefinition signalRef="s_recall"/></bpmn:intermediateCatchEvent>'
    )


def script(element: str, text: str) -> str:
    return f'<bpmn:scriptTask id="{element}" scriptFormat="python"><bpmn:script>{text}</bpmn:script></bpmn:scriptTask>'


def user_task(element: str, label: str) -> str:
    return (
        f'<bpmn:userTask id="{element}" name="{label}"><bpmn:extensionElements>'
        f'<loom:transition label="{label}" role="editor"/></bpmn:extensionElements></bpmn:userTask>'
    )


def waits_for_payment(blueprint: str | None = None, *, after: str = "") -> str:
    """Start, wait for "payment received" where order_id matches, (``after``), end."""
    return diagram(
        "waits_for_payment", line(START, catch("wait_payment"), *([after] if after else []), END), blueprint=blueprint
    )


def pays(blueprint: str | None = None) -> str:
    """Start, throw "payment received" (all the record's fields as values and correlation), end."""
    return diagram("pays", line(START, throw("pay"), END), blueprint=blueprint)


def listens_for_recall(blueprint: str | None = None) -> str:
    return diagram("listens", line(START, signal_catch("recalled"), END), blueprint=blueprint, roots=RECALL)


def recalls(blueprint: str | None = None) -> str:
    """Start, end with the signal "recall"."""
    end = '<bpmn:endEvent id="end"><bpmn:signalEventDefinition signalRef="s_recall"/></bpmn:endEvent>'
    return diagram("recalls", line(START, end), blueprint=blueprint, roots=RECALL)


def started_by_order(blueprint: str | None = None) -> str:
    """A flow that starts when "order placed" arrives, then waits for a person."""
    start = '<bpmn:startEvent id="ordered"><bpmn:messageEventDefinition messageRef="m_ordered"/></bpmn:startEvent>'
    return diagram("by_order", line(start, user_task("confirm", "Confirm"), END), blueprint=blueprint, roots=ORDERED)
