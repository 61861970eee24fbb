import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import { describeData } from "./PreviewSummary";
import { column } from "../../test/fixtures";


const columns = [
  column("kind", "Kind", "choice", { options: [{ value: "BX", label: "Box", color: "blue" }] }),
  column("qty", "Qty", "integer"),
  column("weight", "Weight", "decimal"),
  column("due", "Due", "date"),
  column("seen", "Seen", "datetime"),
  column("ok", "Checked", "boolean"),
];

describe("the migration preview's values", () => {
  it("reads like the grid: labels of choices, grouped digits, local dates and times", () => {
    const text = describeData(
      { kind: "BX", qty: 1200, weight: "1234.5", due: "2026-11-01", seen: "2026-07-15T10:00:00Z", ok: true, gone: null },
      columns,
      { timeZone: "Europe/Berlin", language: "en", t: i18n.t },
    );
    expect(text).toBe("Kind: Box, Qty: 1,200, Weight: 1,234.5, Due: Nov 1, 2026, Seen: Jul 15, 2026, 12:00 PM, Checked: Yes, gone: —");
  });

  it("follows the language", () => {
    const text = describeData({ qty: 1200, due: "2026-11-01" }, columns, { timeZone: "Europe/Berlin", language: "de", t: i18n.t });
    expect(text).toBe("Qty: 1.200, Due: 01.11.2026");
  });
});
