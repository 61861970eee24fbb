import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import { applyChanges, type ModdleElement } from "../loomModel";
import {
  knownNames,
  messageEntryIds,
  messageEvent,
  planCorrelationField,
  planEventName,
  readCorrelationField,
  readEventName,
  wordsFor,
} from "../messageModel";
import { lintDiagram, readDiagram } from "../testDiagram";

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:loom="http://loom.dev/schema/bpmn/1.0" id="d" targetNamespace="http://loom.dev/test">
  <bpmn:message id="m_paid" name="payment received" />
  <bpmn:message id="m_ordered" name="order placed" />
  <bpmn:signal id="s_recall" name="recall everything" />
  <bpmn:process id="p" isExecutable="true" loom:blueprint="order">
    <bpmn:startEvent id="ordered"><bpmn:messageEventDefinition id="ordered_def" messageRef="m_ordered" /></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition id="wait_def" /></bpmn:intermediateCatchEvent>
    <bpmn:receiveTask id="receive" messageRef="m_paid" />
    <bpmn:sendTask id="send" />
    <bpmn:intermediateThrowEvent id="shout"><bpmn:signalEventDefinition id="shout_def" signalRef="s_recall" /></bpmn:intermediateThrowEvent>
    <bpmn:boundaryEvent id="recalled" attachedToRef="receive"><bpmn:signalEventDefinition id="recalled_def" /></bpmn:boundaryEvent>
    <bpmn:endEvent id="done"><bpmn:messageEventDefinition id="done_def" /></bpmn:endEvent>
    <bpmn:subProcess id="events" triggeredByEvent="true">
      <bpmn:startEvent id="cancel"><bpmn:messageEventDefinition id="cancel_def" /></bpmn:startEvent>
    </bpmn:subProcess>
    <bpmn:userTask id="confirm" />
  </bpmn:process>
</bpmn:definitions>`;

async function load(source = xml) {
  const { definitions, process, factory, xmlOf, warnings } = await readDiagram(source);
  expect(warnings).toEqual([]);
  const elements = new Map<string, ModdleElement>();
  const collect = (parent: ModdleElement) => {
    for (const element of (parent.get("flowElements") ?? []) as ModdleElement[]) {
      elements.set(element.id, element);
      collect(element);
    }
  };
  collect(process);
  const rootIds = () => (definitions.get("rootElements") as ModdleElement[]).map((root) => root.id);
  return { element: (id: string) => elements.get(id)!, factory, xmlOf, rootIds };
}

describe("the message group of the properties panel", () => {
  it("is on every element that waits for or sends a message or a signal, with the right words", async () => {
    await i18n.changeLanguage("en");
    const { element } = await load();
    const words = (id: string) => {
      const event = messageEvent(element(id))!;
      return [i18n.t(wordsFor(event, "name")), messageEntryIds(event)];
    };
    expect(words("ordered")).toEqual(["Starts on the message", ["name"]]);
    expect(words("wait")).toEqual(["Waits for the message", ["name", "correlation"]]);
    expect(words("receive")).toEqual(["Waits for the message", ["name", "correlation"]]);
    expect(words("cancel")).toEqual(["Waits for the message", ["name", "correlation"]]); // an event sub-process's start
    expect(words("send")).toEqual(["Sends the message", ["name"]]);
    expect(words("done")).toEqual(["Sends the message", ["name"]]);
    expect(words("shout")).toEqual(["Sends the signal", ["name"]]);
    expect(words("recalled")).toEqual(["Waits for the signal", ["name"]]);
    expect(messageEvent(element("confirm"))).toBeNull();
    expect(i18n.t("flows.panel.message.correlation")).toBe("Matches the record where");
    expect(i18n.t("flows.panel.message.correlationField", { label: "Order", key: "order_id" })).toBe("Order equals the message's order_id");
  });

  it("offers the diagram's names and links a catch to the one chosen", async () => {
    const { element, factory, xmlOf, rootIds } = await load();
    const wait = element("wait");
    expect(knownNames(wait, "message")).toEqual(["payment received", "order placed"]);
    expect(knownNames(wait, "signal")).toEqual(["recall everything"]);
    applyChanges(planEventName(wait, "payment received", factory));
    expect(readEventName(wait)).toBe("payment received");
    expect(rootIds()).toEqual(["m_paid", "m_ordered", "s_recall", "p"]); // nothing new made
    expect(await xmlOf()).toContain('<bpmn:messageEventDefinition id="wait_def" messageRef="m_paid" />');
  });

  it("makes a new message for a new name, renames its own, and takes out the one nothing uses", async () => {
    const { element, factory, xmlOf, rootIds } = await load();
    const send = element("send");
    applyChanges(planEventName(send, " shipment booked ", factory));
    expect(readEventName(send)).toBe("shipment booked");
    let written = await xmlOf();
    expect(written).toContain('<bpmn:message id="Message_shipment_booked" name="shipment booked" />');
    expect(written).toContain('<bpmn:sendTask id="send" messageRef="Message_shipment_booked" />');

    applyChanges(planEventName(send, "shipment sent", factory)); // only this task uses it: renamed, same id
    expect(await xmlOf()).toContain('<bpmn:message id="Message_shipment_booked" name="shipment sent" />');

    applyChanges(planEventName(send, "order placed", factory)); // a known name: linked, its own one dropped
    expect(rootIds()).toEqual(["m_paid", "m_ordered", "s_recall", "p"]);
    applyChanges(planEventName(element("receive"), "payment", factory)); // m_paid is shared with nobody: renamed
    expect(readEventName(element("receive"))).toBe("payment");

    applyChanges(planEventName(send, "order confirmed", factory)); // "order placed" is the start's too: a new one
    written = await xmlOf();
    expect(written).toContain('<bpmn:message id="m_ordered" name="order placed" />');
    expect(written).toContain('<bpmn:message id="Message_order_confirmed" name="order confirmed" />');

    applyChanges(planEventName(send, "", factory));
    expect(readEventName(send)).toBe("");
    expect(await xmlOf()).not.toContain("order confirmed");
    expect(await xmlOf()).toContain('<bpmn:sendTask id="send" />');
  });

  it("names a signal the same way", async () => {
    const { element, factory, xmlOf } = await load();
    applyChanges(planEventName(element("recalled"), "recall everything", factory));
    expect(await xmlOf()).toContain('<bpmn:signalEventDefinition id="recalled_def" signalRef="s_recall" />');
    applyChanges(planEventName(element("recalled"), "stop", factory));
    expect(await xmlOf()).toContain('<bpmn:signal id="Signal_stop" name="stop" />');
    expect(readEventName(element("shout"))).toBe("recall everything"); // the thrower keeps its own
  });

  it("writes the correlation field the engine reads, and reads it back", async () => {
    const { element, factory, xmlOf } = await load();
    const wait = element("wait");
    applyChanges(planEventName(wait, "payment received", factory));
    applyChanges(planCorrelationField(wait, "order_id", factory));
    const written = await xmlOf();
    expect(written).toContain('<loom:correlation field="order_id" />');
    const again = await load(written);
    expect(readCorrelationField(again.element("wait"))).toBe("order_id");
    expect(readEventName(again.element("wait"))).toBe("payment received");

    applyChanges(planCorrelationField(wait, "", factory));
    expect(readCorrelationField(wait)).toBe("");
    expect(await xmlOf()).not.toContain("loom:correlation");
  });

  it("has German words too", async () => {
    await i18n.changeLanguage("de");
    const { element } = await load();
    expect(i18n.t(wordsFor(messageEvent(element("wait"))!, "name"))).toBe("Wartet auf die Nachricht");
    expect(i18n.t("flows.panel.message.correlation")).toBe("Passt zum Datensatz, bei dem");
    await i18n.changeLanguage("en");
  });
});

describe("the drawing check of a message step", () => {
  it("flags one without a message name until it has one", async () => {
    await i18n.changeLanguage("en");
    const { element, factory, xmlOf } = await load();
    const lint = async () => {
      return ((await lintDiagram(await xmlOf()))["loom/message-named"] ?? []).map((issue) => issue.id);
    };
    expect(await lint()).toEqual(["wait", "send", "recalled", "done", "cancel"]);
    for (const id of ["wait", "send", "recalled", "done", "cancel"]) applyChanges(planEventName(element(id), "payment received", factory));
    expect(await lint()).toEqual([]);
  });
});
