import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { BlueprintChanges } from "../../api/blueprints";
import { routes } from "../../app/router";
import { callsTo, mockApi } from "../../test/api";
import { blueprint, blueprintSummary, signIn, tenant } from "../../test/fixtures";
import { jsonResponse, renderRoutes } from "../../test/render";

const stock = tenant({ name: "X Stock", slug: "x-stock" });
const base = "/api/tenants/x-stock/blueprints/stock_item";

beforeEach(() => signIn());

describe("the blueprint's switch for fields that flows set", () => {
  it("saves at once, and the draft still saves with the lock it read", async () => {
    let editable = false;
    const fetchMock = mockApi({
      "GET /api/tenants/x-stock": stock,
      "GET /api/tenants": { items: [stock], next_cursor: null },
      "GET /api/tenants/x-stock/blueprints": { items: [blueprintSummary()], next_cursor: null },
      [`GET ${base}`]: () => jsonResponse(200, blueprint({ flow_fields_editable: editable })),
      [`PATCH ${base}`]: ({ body }) => {
        const changes = body as BlueprintChanges;
        if (changes.flow_fields_editable !== undefined) {
          editable = changes.flow_fields_editable;
          // The switch alone leaves the lock as it is.
          return jsonResponse(200, blueprint({ flow_fields_editable: editable }));
        }
        return jsonResponse(200, blueprint({ lock_version: changes.lock_version + 1, flow_fields_editable: editable }));
      },
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/t/x-stock/blueprints/stock_item/design");
    expect(await screen.findByRole("heading", { level: 1, name: "Design Stock item" })).toBeInTheDocument();
    await u.click(screen.getByRole("tab", { name: "Details" }));
    const toggle = await screen.findByRole("switch", { name: "People may edit fields that flows set" });
    expect(toggle).not.toBeChecked();

    await u.click(toggle);
    expect(await screen.findByText("Saved: people may edit fields that flows set.")).toBeInTheDocument();
    await waitFor(() => expect(toggle).toBeChecked());
    expect(callsTo(fetchMock, "PATCH", base)[0].body).toEqual({ lock_version: 3, flow_fields_editable: true });

    await u.clear(screen.getByLabelText("Blueprint name"));
    await u.type(screen.getByLabelText("Blueprint name"), "Stock");
    await u.click(screen.getByRole("button", { name: "Save draft" }));
    await waitFor(() => expect(callsTo(fetchMock, "PATCH", base)).toHaveLength(2));
    expect(callsTo(fetchMock, "PATCH", base)[1].body).toMatchObject({ lock_version: 3, name: "Stock" });
    expect(callsTo(fetchMock, "PATCH", base)[1].body).not.toHaveProperty("flow_fields_editable");
  });
});
