import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { AuditEvent } from "../../api/audit";
import { routes } from "../../app/router";
import { callsTo, mockApi } from "../../test/api";
import { signIn, tenant } from "../../test/fixtures";
import { jsonResponse, renderRoutes } from "../../test/render";

const base = "/api/tenants/x-team";
const team = tenant({ name: "X Team", slug: "x-team", role: "admin", timezone: "Europe/Berlin" });

function event(overrides: Partial<AuditEvent>): AuditEvent {
  return {
    id: "e1",
    at: "2025-07-18T08:30:00Z",
    action: "blueprint.published",
    actor: { id: 1, email: "ada@loom.test", kind: "member" },
    target_type: "blueprint",
    target_id: "b1",
    target_label: "Delivery",
    details: { key: "delivery", version: 2 },
    ...overrides,
  };
}

const events = [
  event({ id: "e4", action: "record.updated", actor: { id: 9, email: "root@loom.test", kind: "admin" }, target_label: "Delivery" }),
  event({
    id: "e3",
    action: "member.role_changed",
    target_type: "user",
    target_label: "bob@loom.test",
    details: { from: "editor", to: "admin" },
  }),
  event({
    id: "e2",
    action: "workspace.updated",
    actor: { id: null, email: null, kind: "member" },
    details: { name: { from: "Team", to: "X Team" } },
  }),
  event({ id: "e1" }),
];

beforeEach(() => signIn());

describe("the activity log", () => {
  it("says who did what in plain words, and filters by kind, person and dates", async () => {
    const fetchMock = mockApi({
      [`GET ${base}`]: team,
      "GET /api/tenants": { items: [team], next_cursor: null },
      [`GET ${base}/members`]: { items: [{ user_id: 1, email: "ada@loom.test", role: "admin", joined_at: "2025-01-01T00:00:00Z", you: true }] },
      [`GET ${base}/audit`]: ({ url }) =>
        jsonResponse(200, { items: url.searchParams.get("category") ? [events[1]] : events, next_cursor: null }),
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/t/x-team/settings/activity");
    expect(await screen.findByText("ada@loom.test published version 2 of the blueprint Delivery")).toBeInTheDocument();
    expect(screen.getByText("ada@loom.test changed the role of bob@loom.test from Editor to Admin")).toBeInTheDocument();
    expect(screen.getByText("A deleted user changed the settings: name from Team to X Team")).toBeInTheDocument();
    expect(screen.getByText("root@loom.test (Loom admin) changed a Delivery record")).toBeInTheDocument();
    expect(screen.getAllByText("Jul 18, 2025, 10:30 AM")).toHaveLength(4);

    await u.click(screen.getByRole("combobox", { name: "Kind" }));
    await u.click(await screen.findByRole("option", { name: "Members" }));
    await waitFor(() => expect(screen.queryByText(/published version 2/)).not.toBeInTheDocument());
    expect(router.state.location.search).toBe("?category=member");

    await u.type(screen.getByLabelText("From"), "2025-07-01");
    await u.type(screen.getByLabelText("To"), "2025-07-18");
    await waitFor(() => {
      const last = callsTo(fetchMock, "GET", `${base}/audit`).at(-1)!.url.searchParams;
      expect(last.get("since")).toBe("2025-07-01T00:00:00+02:00");
      expect(last.get("until")).toBe("2025-07-19T00:00:00+02:00");
      expect(last.get("category")).toBe("member");
    });
    await u.click(screen.getAllByRole("button", { name: "Clear filters" })[0]);
    expect(await screen.findByText("ada@loom.test published version 2 of the blueprint Delivery")).toBeInTheDocument();
  });

  it("has a friendly empty state", async () => {
    mockApi({
      [`GET ${base}`]: team,
      "GET /api/tenants": { items: [team], next_cursor: null },
      [`GET ${base}/members`]: { items: [] },
      [`GET ${base}/audit`]: { items: [], next_cursor: null },
    });
    renderRoutes(routes, "/t/x-team/settings/activity");
    expect(await screen.findByText("Nothing recorded yet")).toBeInTheDocument();
  });
});
