import { describe, expect, it } from "vitest";
import type { Steps, StepsTransition } from "../../../api/flowSteps";
import { statesReport } from "./statesReport";

const states = ["PENDING", "IN_PROGRESS", "DELIVERED", "CANCELLED"];
const button = (label: string, from: string[], to: string): StepsTransition => ({ id: "", label, from, to, who: { kind: "anyone" }, form: [], updates: [], condition: null });

const delivery = (extra: Partial<Steps> = {}): Steps => ({
  version: 1,
  state: "status",
  initial: "PENDING",
  transitions: [button("Start", ["PENDING"], "IN_PROGRESS"), button("Deliver", ["IN_PROGRESS"], "DELIVERED")],
  timers: [],
  ...extra,
});

describe("the state picture's warnings", () => {
  it("marks states no button leads to from the initial state", () => {
    expect(statesReport(delivery(), states).unreachable).toEqual(["CANCELLED"]);
  });

  it("counts automatic moves as a way in and out", () => {
    const steps = delivery({ timers: [{ id: "", state: "PENDING", after: { days: 2, hours: 0, minutes: 0 }, to: "CANCELLED", updates: [] }] });
    expect(statesReport(steps, states).unreachable).toEqual([]);
  });

  it("counts every state as a start when there is no initial state", () => {
    expect(statesReport(delivery({ initial: null }), states).unreachable).toEqual([]);
  });

  it("marks states other than the last with no way out; a button back to the same state is none", () => {
    const steps = delivery({ transitions: [button("Start", ["PENDING"], "IN_PROGRESS"), button("Note", ["IN_PROGRESS"], "IN_PROGRESS")] });
    expect(statesReport(steps, states).deadEnds).toEqual(["IN_PROGRESS", "DELIVERED"]);
    expect(statesReport(delivery(), states).deadEnds).toEqual(["DELIVERED"]);
    expect(statesReport(delivery(), ["PENDING", "IN_PROGRESS", "DELIVERED"]).deadEnds).toEqual([]);
  });
});
