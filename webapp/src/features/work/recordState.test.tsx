import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { Misplaced, RecordFlows } from "../../api/inbox";
import { callsTo, mockApi, type Handler } from "../../test/api";
import { signIn } from "../../test/fixtures";
import { jsonResponse } from "../../test/render";
import { api, baseRoutes, delivery, flows, historyEntry, inboxItem, instance, openRecordPage, receiverFields, record } from "./testData";

const entity = record();
const entityPath = `${api}/entities/${entity.id}`;
const flowsPath = `${entityPath}/flows`;
const written = { status: "Delivery flow", started_at: "Delivery flow", delivered_at: "Delivery flow" };

/** The record's flows as a steps flow on Status answers them. */
function stateFlows(overrides: Partial<RecordFlows> = {}): RecordFlows {
  return flows({
    state_field: "status",
    state_flow: { key: "delivery", name: "Delivery flow" },
    flow_fields: written,
    flow_fields_editable: false,
    misplaced: [],
    ...overrides,
  });
}

function flag(overrides: Partial<Misplaced> = {}): Misplaced {
  return {
    flow: { key: "delivery", name: "Delivery flow" },
    field: "status",
    field_label: "Status",
    value: "IN_PROGRESS",
    value_label: "IN_PROGRESS",
    waits_at: [],
    reason: "not_started",
    message: "This record's Status, IN_PROGRESS, is not in the flow Delivery flow yet.",
    can_place: true,
    ...overrides,
  };
}

function mock(overrides: Record<string, Handler | object> = {}, role = "owner") {
  const tenant = { ...delivery, role };
  return mockApi({
    ...baseRoutes(),
    [`GET ${api}`]: tenant,
    "GET /api/tenants": { items: [tenant], next_cursor: null },
    [`GET ${entityPath}`]: entity,
    [`GET ${flowsPath}`]: stateFlows(),
    ...overrides,
  });
}

beforeEach(() => signIn());

describe("the record page led by its state", () => {
  it("heads the page with the state, its buttons, and the flow only in small print", async () => {
    mock();
    const state = await openRecordPage("Status");
    expect(within(state).getByTestId("record-state")).toHaveTextContent("PENDING");
    expect(within(state).getByRole("button", { name: "Delivery started" })).toBeEnabled();
    expect(within(state).getByText("Delivery flow, version 2 · Waiting for: Delivery started")).toBeInTheDocument();
    expect(within(state).queryByText("In progress")).not.toBeInTheDocument();
    // The state comes before the form, the history after it.
    const form = screen.getByRole("button", { name: "Save changes" });
    const history = screen.getByRole("region", { name: "History" });
    expect(state.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(form.compareDocumentPosition(history) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("asks a transition's form in its dialog", async () => {
    mock({ [`GET ${flowsPath}`]: stateFlows({ instances: [instance({ waiting: [inboxItem({ label: "Delivered", fields: receiverFields })] })] }) });
    const u = userEvent.setup();
    const state = await openRecordPage("Status");
    await u.click(within(state).getByRole("button", { name: "Delivered" }));
    const dialog = await screen.findByRole("dialog", { name: "Delivered" });
    expect(within(dialog).getByLabelText("Receiver")).toBeInTheDocument();
  });

  it("shows the fields the flow sets read-only, unless the blueprint allows hand edits", async () => {
    mock();
    await openRecordPage("Status");
    const status = screen.getByRole("combobox", { name: "Status" });
    await waitFor(() => expect(status).toBeDisabled());
    expect(status).toHaveAccessibleDescription("Set by the flow Delivery flow");
    expect(screen.getByLabelText("Started at")).toBeDisabled();
    expect(screen.getByLabelText("Cargo")).toBeEnabled();
  });

  it("lets people edit them when the blueprint allows it", async () => {
    mock({ [`GET ${flowsPath}`]: stateFlows({ flow_fields_editable: true }) });
    await openRecordPage("Status");
    expect(screen.getByRole("combobox", { name: "Status" })).toBeEnabled();
    expect(screen.getByLabelText("Started at")).toBeEnabled();
  });

  it("keeps the version in a Details menu", async () => {
    mock();
    const u = userEvent.setup();
    await openRecordPage("Status");
    expect(screen.queryByText("Blueprint v1")).not.toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Details" }));
    expect(await screen.findByRole("menu")).toHaveTextContent("Blueprint v1");
  });

  it("flags a record not in its flow yet and places it at its state", async () => {
    const current = record({ data: { ...entity.data, status: "IN_PROGRESS" } });
    let answer = stateFlows({ instances: [], startable: [{ key: "delivery", name: "Delivery flow" }], history: [], misplaced: [flag()] });
    const placePath = `${flowsPath}/place`;
    const fetchMock = mock({
      [`GET ${entityPath}`]: current,
      [`GET ${flowsPath}`]: () => jsonResponse(200, answer),
      [`POST ${placePath}`]: () => {
        const placed = instance({ waiting: [inboxItem({ id: "task-2", label: "Delivered" })] });
        answer = stateFlows({ instances: [placed], history: [historyEntry()] });
        return jsonResponse(200, placed);
      },
    });
    const u = userEvent.setup();
    const state = await openRecordPage("Status");
    expect(within(state).getByTestId("record-state")).toHaveTextContent("IN_PROGRESS");
    expect(within(state).getByText("This record's Status, IN_PROGRESS, is not in the flow Delivery flow yet.")).toBeInTheDocument();
    // Placing starts the flow: no second "Start" beside it.
    expect(within(state).queryByRole("button", { name: "Start Delivery flow" })).not.toBeInTheDocument();

    await u.click(within(state).getByRole("button", { name: "Place it at IN_PROGRESS" }));
    expect(await screen.findByText("Placed at IN_PROGRESS")).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", placePath)[0].body).toEqual({ flow: "delivery" });
    expect(await within(state).findByRole("button", { name: "Delivered" })).toBeInTheDocument();
    expect(within(state).queryByText(/is not in the flow/)).not.toBeInTheDocument();
  });

  it("tells an editor who can place a record waiting elsewhere", async () => {
    const stray = flag({ reason: "elsewhere", value: "DELIVERED", value_label: "DELIVERED", waits_at: ["PENDING"], can_place: false });
    mock({ [`GET ${flowsPath}`]: stateFlows({ misplaced: [stray] }) }, "editor");
    const state = await openRecordPage("Status");
    expect(within(state).getByText("This record's Status is DELIVERED, but the flow Delivery flow waits at PENDING.")).toBeInTheDocument();
    expect(within(state).getByText("An owner or admin can place it at DELIVERED.")).toBeInTheDocument();
    expect(within(state).queryByRole("button", { name: /Place it at/ })).not.toBeInTheDocument();
  });

  it("says in the history where a record was placed", async () => {
    mock({ [`GET ${flowsPath}`]: stateFlows({ history: [historyEntry({ id: "h-2", kind: "placed", label: "DELIVERED" }), historyEntry()] }) });
    await openRecordPage("Status");
    const history = await screen.findByRole("region", { name: "History" });
    expect(within(history).getByText("Placed at DELIVERED")).toBeInTheDocument();
  });
});
