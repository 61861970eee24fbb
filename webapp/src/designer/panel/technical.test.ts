import { describe, expect, it } from "vitest";
import { TECHNICAL_ENTRIES, withTechnicalToggle } from "./technical";

const TechnicalToggle = () => null;

const entry = (id: string) => ({ id, component: id });
const general = { id: "general", label: "General", entries: ["name", "id", "isExecutable"].map(entry) };
const timer = { id: "timer", label: "Timer", entries: [entry("timerEventDefinitionType")] };

describe("the properties panel's technical details", () => {
  it("are hidden behind Show technical details", () => {
    const [shown, other] = withTechnicalToggle([general, timer], false, TechnicalToggle);
    expect(shown.entries.map((e) => e.id)).toEqual(["name", "loom-technical"]);
    expect(shown.entries[1].component).toBe(TechnicalToggle);
    expect(other).toBe(timer);
  });

  it("come back after the toggle, below it", () => {
    const [shown] = withTechnicalToggle([general], true, TechnicalToggle);
    expect(shown.entries.map((e) => e.id)).toEqual(["name", "loom-technical", "id", "isExecutable"]);
  });

  it("are the ID, the process ID and the Executable switch", () => {
    expect([...TECHNICAL_ENTRIES].sort()).toEqual(["id", "isExecutable", "processId"]);
    const plain = { id: "general", label: "General", entries: [entry("name")] };
    expect(withTechnicalToggle([plain], false, TechnicalToggle)).toEqual([plain]);
  });
});
