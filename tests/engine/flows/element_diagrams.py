"""The smallest diagram that holds one BPMN element, built from a short token as docs/bpmn.md names it.

A token is an element's XML tag, optionally followed by ``:``-separated event definitions and
markers: ``userTask``, ``boundaryEvent:timer``, ``boundaryEvent:timer:nonInterrupting``,
``eventSubProcess:message``, ``intermediateCatchEvent:timer:message`` (two triggers),
``serviceTask:http``. The element under test always has the id ``Tested``, so a refusal can be
checked to name it. Events are composed from their kind and their definitions, so a new row of
the table (``endEvent:signal``, say) needs no new code; only a new kind of element does.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

TESTED = "Tested"
HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:loom="http://loom.dev/schema/bpmn/1.0" '
    'id="Definitions_1" targetNamespace="http://loom.dev/schema/bpmn/tests">\n'
)
# Top-level items an event definition or a task refers to; declared once in every diagram.
GLOBALS = (
    '<bpmn:message id="Message_1" name="order_paid"/>'
    '<bpmn:signal id="Signal_1" name="stock_arrived"/>'
    '<bpmn:error id="Error_1" name="failed" errorCode="E1"/>'
    '<bpmn:escalation id="Escalation_1" name="late" escalationCode="ESC1"/>'
)
DEFINITIONS: dict[str, str] = {
    "timer": "<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>",
    "timerDate": (
        "<bpmn:timerEventDefinition><bpmn:timeDate>2026-12-01T09:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition>"
    ),
    "timerCycle": "<bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>",
    "message": '<bpmn:messageEventDefinition messageRef="Message_1"/>',
    "signal": '<bpmn:signalEventDefinition signalRef="Signal_1"/>',
    "error": '<bpmn:errorEventDefinition errorRef="Error_1"/>',
    "escalation": '<bpmn:escalationEventDefinition escalationRef="Escalation_1"/>',
    "cancel": "<bpmn:cancelEventDefinition/>",
    "terminate": "<bpmn:terminateEventDefinition/>",
    "compensate": "<bpmn:compensateEventDefinition/>",
    "conditional": (
        '<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">'
        "ready == True</bpmn:condition></bpmn:conditionalEventDefinition>"
    ),
}
EVENTS = ("startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent")
NON_INTERRUPTING = "nonInterrupting"
START = ("StartEvent_1", '<bpmn:startEvent id="StartEvent_1"/>')
END = ("EndEvent_1", '<bpmn:endEvent id="EndEvent_1"/>')


def _inner(kind: str, element_id: str, body: str) -> str:
    """A sub-process (or transaction) with a start, ``body`` and an end inside."""
    return (
        f'<bpmn:{kind} id="{element_id}">'
        f'<bpmn:startEvent id="{element_id}_start"/>{body}<bpmn:endEvent id="{element_id}_end"/>'
        f"{_flow(f'{element_id}_start', f'{element_id}_work')}{_flow(f'{element_id}_work', f'{element_id}_end')}"
        f"</bpmn:{kind}>"
    )


def _flow(source: str, target: str, condition: str | None = None) -> str:
    expression = (
        f'<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{condition}</bpmn:conditionExpression>'
        if condition
        else ""
    )
    ends = f'sourceRef="{source}" targetRef="{target}"'
    return f'<bpmn:sequenceFlow id="Flow_{source}_{target}" {ends}>{expression}</bpmn:sequenceFlow>'


def _chain(*elements: tuple[str, str]) -> str:
    """Elements (id, xml) in a row from a start to an end, joined by sequence flows."""
    xml = "".join(x for _, x in elements)
    ids = [i for i, _ in elements]
    return xml + "".join(_flow(a, b) for a, b in itertools.pairwise(ids))


def _line(xml: str, element_id: str = TESTED) -> str:
    """start → the element → end."""
    return _chain(START, (element_id, xml), END)


def _work(element_id: str) -> str:
    """The person's step inside a sub-process, so it waits there."""
    return f'<bpmn:userTask id="{element_id}_work" name="Work"/>'


def _subprocess(kind: str, element_id: str) -> str:
    return _inner(kind, element_id, _work(element_id))


HTTP = (
    '<bpmn:extensionElements><loom:http method="POST" url="https://carrier.example/orders"/></bpmn:extensionElements>'
)
EMAIL = (
    '<bpmn:extensionElements><loom:email to="ada@example.com" subject="Hello">Hi</loom:email></bpmn:extensionElements>'
)
MULTI = (
    "<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>2</bpmn:loopCardinality>"
    "</bpmn:multiInstanceLoopCharacteristics>"
)
LOOP = (
    '<bpmn:standardLoopCharacteristics loopMaximum="2"><bpmn:loopCondition xsi:type="bpmn:tFormalExpression">'
    "False</bpmn:loopCondition></bpmn:standardLoopCharacteristics>"
)
IO = (
    '<bpmn:ioSpecification><bpmn:dataOutput id="total" name="total"/><bpmn:inputSet/>'
    "<bpmn:outputSet><bpmn:dataOutputRefs>total</bpmn:dataOutputRefs></bpmn:outputSet></bpmn:ioSpecification>"
)
CALLED = (
    '<bpmn:process id="Process_called" isExecutable="true"><bpmn:startEvent id="Called_start"/>'
    '<bpmn:endEvent id="Called_end"/>'
    '<bpmn:sequenceFlow id="Called_flow" sourceRef="Called_start" targetRef="Called_end"/></bpmn:process>'
)

# Activities and other single elements: (the process body, what else the definitions hold).
ACTIVITIES: dict[str, Callable[[], tuple[str, str]]] = {
    "process": lambda: (_chain(START, END), ""),
    "task": lambda: (_line(f'<bpmn:task id="{TESTED}" name="Check"/>'), ""),
    "userTask": lambda: (_line(f'<bpmn:userTask id="{TESTED}" name="Approve"/>'), ""),
    "manualTask": lambda: (_line(f'<bpmn:manualTask id="{TESTED}" name="Pack"/>'), ""),
    "scriptTask": lambda: (
        _line(
            f'<bpmn:scriptTask id="{TESTED}" scriptFormat="python"><bpmn:script>pass</bpmn:script></bpmn:scriptTask>'
        ),
        "",
    ),
    "serviceTask": lambda: (_line(f'<bpmn:serviceTask id="{TESTED}" name="Call"/>'), ""),
    "serviceTask:http": lambda: (_line(f'<bpmn:serviceTask id="{TESTED}" name="Call">{HTTP}</bpmn:serviceTask>'), ""),
    "serviceTask:email": lambda: (_line(f'<bpmn:serviceTask id="{TESTED}" name="Mail">{EMAIL}</bpmn:serviceTask>'), ""),
    "sendTask": lambda: (_line(f'<bpmn:sendTask id="{TESTED}" messageRef="Message_1"/>'), ""),
    "receiveTask": lambda: (_line(f'<bpmn:receiveTask id="{TESTED}" messageRef="Message_1"/>'), ""),
    "businessRuleTask": lambda: (_line(f'<bpmn:businessRuleTask id="{TESTED}" name="Decide"/>'), ""),
    "callActivity": lambda: (_line(f'<bpmn:callActivity id="{TESTED}" calledElement="Process_called"/>'), CALLED),
    "callActivity:elsewhere": lambda: (
        _line(f'<bpmn:callActivity id="{TESTED}" calledElement="Process_elsewhere"/>'),
        "",
    ),
    "subProcess": lambda: (_line(_subprocess("subProcess", TESTED)), ""),
    "transaction": lambda: (_line(_subprocess("transaction", TESTED)), ""),
    "adHocSubProcess": lambda: (
        _line(f'<bpmn:adHocSubProcess id="{TESTED}">{_work(TESTED)}</bpmn:adHocSubProcess>'),
        "",
    ),
    "multiInstanceLoopCharacteristics": lambda: (_line(f'<bpmn:userTask id="{TESTED}">{MULTI}</bpmn:userTask>'), ""),
    "standardLoopCharacteristics": lambda: (_line(f'<bpmn:userTask id="{TESTED}">{LOOP}</bpmn:userTask>'), ""),
    "ioSpecification": lambda: (
        _line(
            f'<bpmn:scriptTask id="{TESTED}" scriptFormat="python">{IO}'
            "<bpmn:script>total = 1</bpmn:script></bpmn:scriptTask>"
        ),
        "",
    ),
    "dataObject": lambda: (
        '<bpmn:dataObject id="DataObject_1"/>'
        + _line(
            f'<bpmn:scriptTask id="{TESTED}" scriptFormat="python"><bpmn:dataOutputAssociation id="Assoc_1">'
            "<bpmn:targetRef>Ref_1</bpmn:targetRef></bpmn:dataOutputAssociation>"
            "<bpmn:script>DataObject_1 = 1</bpmn:script>"
            '</bpmn:scriptTask><bpmn:dataObjectReference id="Ref_1" dataObjectRef="DataObject_1"/>'
        ),
        "",
    ),
    "dataStoreReference": lambda: (
        _line(
            f'<bpmn:scriptTask id="Writer" scriptFormat="python"><bpmn:dataOutputAssociation id="Assoc_1">'
            f"<bpmn:targetRef>{TESTED}</bpmn:targetRef></bpmn:dataOutputAssociation><bpmn:script>pass</bpmn:script>"
            f'</bpmn:scriptTask><bpmn:dataStoreReference id="{TESTED}" name="Stock ledger" dataStoreRef="Store_1"/>',
            "Writer",
        ),
        '<bpmn:dataStore id="Store_1" name="Stock ledger"/>',
    ),
}


def _gateway(kind: str) -> str:
    """start → Tested split → two branches → a join → end."""
    join = {"eventBasedGateway": "exclusiveGateway"}.get(kind, kind)
    if kind == "eventBasedGateway":
        branches = (
            f'<bpmn:intermediateCatchEvent id="Branch_a">{DEFINITIONS["timer"]}</bpmn:intermediateCatchEvent>'
            f'<bpmn:intermediateCatchEvent id="Branch_b">{DEFINITIONS["message"]}</bpmn:intermediateCatchEvent>'
        )
    else:
        branches = '<bpmn:userTask id="Branch_a"/><bpmn:userTask id="Branch_b"/>'
    conditional = kind in ("exclusiveGateway", "inclusiveGateway", "complexGateway")
    default = ' default="Flow_Tested_Branch_b"' if conditional else ""
    return (
        f'<bpmn:startEvent id="StartEvent_1"/><bpmn:{kind} id="{TESTED}"{default}/>{branches}'
        f'<bpmn:{join} id="Join"/><bpmn:endEvent id="EndEvent_1"/>'
        + _flow("StartEvent_1", TESTED)
        + _flow(TESTED, "Branch_a", "True" if conditional else None)
        + _flow(TESTED, "Branch_b")
        + _flow("Branch_a", "Join")
        + _flow("Branch_b", "Join")
        + _flow("Join", "EndEvent_1")
    )


GATEWAYS = ("exclusiveGateway", "inclusiveGateway", "parallelGateway", "complexGateway", "eventBasedGateway")


def _event(kind: str, definitions: list[str], interrupting: bool) -> str:
    body = "".join(DEFINITIONS[d] for d in definitions)
    flag = "" if interrupting else ' cancelActivity="false"'
    if kind == "startEvent":
        return _chain(
            (TESTED, f'<bpmn:startEvent id="{TESTED}">{body}</bpmn:startEvent>'),
            ("Work", '<bpmn:userTask id="Work"/>'),
            END,
        )
    if kind == "boundaryEvent":
        host = "transaction" if "cancel" in definitions else "subProcess"
        return (
            _line(_subprocess(host, "Host"), "Host")
            + f'<bpmn:boundaryEvent id="{TESTED}" attachedToRef="Host"{flag}>{body}</bpmn:boundaryEvent>'
            + '<bpmn:endEvent id="After"/>'
            + _flow(TESTED, "After")
        )
    if kind == "endEvent" and "cancel" in definitions:  # a cancel end event belongs in a transaction
        transaction = (
            '<bpmn:transaction id="Host"><bpmn:startEvent id="Host_start"/><bpmn:userTask id="Host_work"/>'
            f'<bpmn:endEvent id="{TESTED}">{body}</bpmn:endEvent>'
            + _flow("Host_start", "Host_work")
            + _flow("Host_work", TESTED)
            + "</bpmn:transaction>"
        )
        return (
            _line(transaction, "Host")
            + '<bpmn:boundaryEvent id="Cancelled" attachedToRef="Host">'
            + "<bpmn:cancelEventDefinition/></bpmn:boundaryEvent>"
            + '<bpmn:endEvent id="After"/>'
            + _flow("Cancelled", "After")
        )
    if kind == "endEvent":
        return _chain(START, (TESTED, f'<bpmn:endEvent id="{TESTED}">{body}</bpmn:endEvent>'))
    return _line(f'<bpmn:{kind} id="{TESTED}">{body}</bpmn:{kind}>')


def _event_subprocess(definitions: list[str], interrupting: bool) -> str:
    body = "".join(DEFINITIONS[d] for d in definitions)
    flag = "" if interrupting else ' isInterrupting="false"'
    return (
        _line('<bpmn:userTask id="Work" name="Work"/>', "Work")
        + '<bpmn:subProcess id="Handler" triggeredByEvent="true">'
        + f'<bpmn:startEvent id="{TESTED}"{flag}>{body}</bpmn:startEvent><bpmn:endEvent id="Handler_end"/>'
        + _flow(TESTED, "Handler_end")
        + "</bpmn:subProcess>"
    )


def known(token: str) -> bool:
    """Whether ``diagram`` can build this token."""
    try:
        diagram(token)
    except KeyError:
        return False
    return True


def diagram(token: str) -> str:
    """The diagram for one token of docs/bpmn.md's table; KeyError for a token it cannot build."""
    body, extra = _body(token)
    process = f'<bpmn:process id="Process_1" isExecutable="true">{body}</bpmn:process>'
    return f"{HEAD}{GLOBALS}{process}{extra}</bpmn:definitions>\n"


def _body(token: str) -> tuple[str, str]:
    if token in ACTIVITIES:
        return ACTIVITIES[token]()
    if token in GATEWAYS:
        return _gateway(token), ""
    kind, *parts = token.split(":")
    interrupting = NON_INTERRUPTING not in parts
    definitions = [p for p in parts if p != NON_INTERRUPTING]
    unknown = [d for d in definitions if d not in DEFINITIONS]
    if unknown:
        raise KeyError(token)
    if kind == "eventSubProcess" and definitions:
        return _event_subprocess(definitions, interrupting), ""
    if kind in EVENTS:
        return _event(kind, definitions, interrupting), ""
    raise KeyError(token)
