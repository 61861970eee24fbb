import { render, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import DmnTableEditor from "./DmnTableEditor";
import { starterTable } from "./starter";

describe("the decision table editor (dmn-js)", () => {
  it("opens a starter table as a table and saves a DMN 1.3 document with the same decision", async () => {
    const xml = starterTable("route", "Delivery route", { key: "weight", label: "Weight" }, { key: "route", label: "Route" });
    let read: (() => Promise<string>) | null = null;
    const failures: string[] = [];
    const view = render(<DmnTableEditor xml={xml} label="Delivery route" onReady={(reader) => (read = reader)} onLoadError={(m) => failures.push(m)} />);
    await waitFor(() => expect(read ?? failures[0]).toBeTruthy(), { timeout: 10_000 });
    expect(failures).toEqual([]);
    expect(view.getByRole("region", { name: "Delivery route" }).querySelector("table")).not.toBeNull();
    const saved = await read!();
    expect(saved).toContain('xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"');
    expect(saved).toContain('<decision id="route" name="Delivery route">');
    expect(saved).toContain('hitPolicy="FIRST"');
    expect(saved).toContain("<text>weight</text>");
    expect(saved).toContain('name="route"');
  });
});
