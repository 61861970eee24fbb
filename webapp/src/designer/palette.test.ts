import { afterEach, describe, expect, it } from "vitest";
import i18n from "../i18n";
import { paletteLines } from "./palette";

const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, options);

afterEach(async () => {
  await i18n.changeLanguage("en");
});

describe("the diagram palette", () => {
  it("names each shape in plain words, with a tooltip saying what it does", async () => {
    await i18n.changeLanguage("en");
    const lines = paletteLines(t, false);
    expect(lines.map((line) => line.label)).toEqual([
      "Move the drawing",
      "Select several",
      "Connect",
      "Start",
      "Step for a person",
      "Automatic step (script)",
      "Send a request or email",
      "Decision",
      "Wait for a time",
      "End",
      "More shapes",
    ]);
    const person = lines.find((line) => line.id === "create.user-task")!;
    expect(person.tooltip).toBe("A button someone presses on the record, with a form");
    expect(person.item?.creates).toEqual({ type: "bpmn:UserTask" });
    expect(lines.find((line) => line.id === "create.timer-event")!.item?.creates).toEqual({
      type: "bpmn:IntermediateCatchEvent",
      eventDefinitionType: "bpmn:TimerEventDefinition",
    });
    for (const line of lines) expect(line.tooltip, line.label).not.toMatch(/^flowCanvas/);
  });

  it("keeps the rarely needed shapes behind More shapes", async () => {
    const all = paletteLines(t, true).map((line) => line.label);
    expect(all).toContain("Make room");
    expect(all).toContain("Group of steps");
    expect(all.at(-1)).toBe("Fewer shapes");
    expect(paletteLines(t, false).map((line) => line.label)).not.toContain("Make room");
  });

  it("speaks German in German", async () => {
    await i18n.changeLanguage("de");
    const labels = paletteLines(t, false).map((line) => line.label);
    expect(labels).toContain("Schritt für eine Person");
    expect(labels).toContain("Auf eine Zeit warten");
  });
});
