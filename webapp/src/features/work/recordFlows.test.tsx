import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { RecordFlows } from "../../api/inbox";
import { routes } from "../../app/router";
import { callsTo, mockApi, type Handler } from "../../test/api";
import { signIn } from "../../test/fixtures";
import { jsonResponse, renderRoutes } from "../../test/render";
import { api, baseRoutes, flows, historyEntry, inboxItem, instance, openRecordPage, receiverFields, record } from "./testData";

const entity = record();
const entityPath = `${api}/entities/${entity.id}`;
const flowsPath = `${entityPath}/flows`;
const completePath = `${api}/inbox/task-1/complete`;

function mock(overrides: Record<string, Handler | object> = {}) {
  return mockApi({ ...baseRoutes(), [`GET ${entityPath}`]: entity, [`GET ${flowsPath}`]: flows(), ...overrides });
}

beforeEach(() => signIn());

describe("the record page's flow", () => {
  it("shows where the record is and its transitions as buttons", async () => {
    mock();
    const section = await openRecordPage("Flow");
    expect(within(section).getByText("Delivery flow, version 2 · Waiting for: Delivery started")).toBeInTheDocument();
    // No status badge beside the record's state: "In progress" would contradict a PENDING record.
    expect(within(section).queryByText("In progress")).not.toBeInTheDocument();
    expect(within(section).getByRole("button", { name: "Delivery started" })).toBeEnabled();
  });

  it("completes a transition in one click and shows the record's new values", async () => {
    let current: RecordFlows = flows();
    const moved = record({
      version: 2,
      data: { cargo: "Piano", status: "IN_PROGRESS", started_at: "2026-11-24T09:31:00Z", delivered_at: null },
      updated_at: "2026-11-24T09:31:00Z",
    });
    const next = instance({ waiting: [inboxItem({ id: "task-2", element: "delivered", label: "Delivered" })] });
    let release: () => void = () => {};
    const fetchMock = mock({
      [`GET ${flowsPath}`]: () => jsonResponse(200, current),
      [`POST ${completePath}`]: async () => {
        await new Promise<void>((resolve) => (release = resolve));
        current = flows({
          instances: [next],
          history: [
            historyEntry({
              id: "h-2",
              kind: "transition",
              at: "2026-11-24T09:31:00Z",
              user: { id: 1, email: "ada@loom.test" },
              label: "Delivery started",
              element: "delivery_started",
              changes: [
                { field: "status", label: "Status", before: "PENDING", after: "IN_PROGRESS" },
                { field: "started_at", label: "Started at", before: null, after: "2026-11-24T09:31:00Z" },
              ],
            }),
            historyEntry(),
          ],
        });
        return jsonResponse(200, { entity: moved, instance: next });
      },
    });
    const u = userEvent.setup();
    const section = await openRecordPage("Flow");
    expect(screen.getByRole("combobox", { name: "Status" })).toHaveValue("PENDING");

    await u.click(within(section).getByRole("button", { name: "Delivery started" }));
    await waitFor(() => expect(within(section).getByRole("button", { name: "Delivery started" })).toBeDisabled());
    release();

    expect(await within(section).findByRole("button", { name: "Delivered" })).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", completePath)[0].body).toEqual({ data: {} });
    await waitFor(() => expect(screen.getByRole("combobox", { name: "Status" })).toHaveValue("IN_PROGRESS"));
    expect(screen.getByLabelText("Started at")).toHaveValue("11/24/2026 10:31 AM");
    expect(screen.getByText(/Updated Nov 24, 2026, 10:31 AM/)).toBeInTheDocument();
    expect(await screen.findByText("Done: Delivery started")).toBeInTheDocument();

    const history = await screen.findByRole("region", { name: "History" });
    const entries = within(history).getAllByRole("listitem").filter((item) => item.parentElement?.tagName === "OL");
    expect(entries[0]).toHaveTextContent("Delivery started");
    expect(entries[0]).toHaveTextContent("You (ada@loom.test) · Nov 24, 2026, 10:31 AM · Delivery flow");
    expect(entries[1]).toHaveTextContent("Started Delivery flow");
    expect(entries[1]).toHaveTextContent(/^Started Delivery flowLoom · Nov 24, 2026, 9:00 AM/);
  });

  it("shows the changes of each step with formatted values", async () => {
    mock({
      [`GET ${flowsPath}`]: flows({
        history: [
          historyEntry({
            kind: "transition",
            label: "Delivery started",
            user: { id: 7, email: "bob@loom.test" },
            changes: [
              { field: "status", label: "Status", before: "PENDING", after: "IN_PROGRESS" },
              { field: "started_at", label: "Started at", before: null, after: "2026-07-01T08:05:00Z" },
              { field: "weight", label: "Weight", before: "1234.5", after: 12 },
            ],
          }),
        ],
      }),
    });
    renderRoutes(routes, `/t/x-delivery-system/e/${entity.id}`);
    const history = await screen.findByRole("region", { name: "History" });
    const changes = within(history).getByRole("list", { name: "What changed" });
    const rows = within(changes).getAllByRole("listitem");
    expect(rows[0]).toHaveTextContent("Status:PENDING→changed toIN_PROGRESS");
    // Summer time in Berlin: UTC+2.
    expect(rows[1]).toHaveTextContent("Started at:empty→changed toJul 1, 2026, 10:05 AM");
    // A field the version does not know: shown by its value's own type.
    expect(rows[2]).toHaveTextContent("Weight:1234.5→changed to12");
    expect(within(history).getByText("bob@loom.test · Nov 24, 2026, 9:00 AM · Delivery flow")).toBeInTheDocument();
  });

  it("says when someone else did the step first, and shows where the record is now", async () => {
    const message = "Someone else did this step just now; here is where the record is now.";
    const fetchMock = mock({ [`POST ${completePath}`]: () => jsonResponse(409, { title: "Conflict", status: 409, detail: message }) });
    const u = userEvent.setup();
    const section = await openRecordPage("Flow");
    const before = callsTo(fetchMock, "GET", flowsPath).length;
    await u.click(within(section).getByRole("button", { name: "Delivery started" }));
    expect(await within(section).findByRole("alert")).toHaveTextContent(message);
    await waitFor(() => expect(callsTo(fetchMock, "GET", flowsPath).length).toBeGreaterThan(before));
    expect(callsTo(fetchMock, "GET", entityPath).length).toBeGreaterThan(1);
  });

  it("shows a flow stopped by a failed step and tries it again", async () => {
    const error = { message: "ZeroDivisionError: integer division or modulo by zero", element: "note_late", name: "Note lateness", at: "2026-11-24T10:00:00Z" };
    const stopped = instance({ status: "failed", error });
    let current: RecordFlows = flows({
      instances: [stopped],
      history: [historyEntry({ id: "h-9", kind: "failed", element: "note_late", label: error.message })],
    });
    let attempts = 0;
    const retryPath = `${flowsPath}/inst-1/retry`;
    const fetchMock = mock({
      [`GET ${flowsPath}`]: () => jsonResponse(200, current),
      [`POST ${retryPath}`]: () => {
        attempts += 1;
        if (attempts === 1) return jsonResponse(200, stopped);
        current = flows({ instances: [instance()] });
        return jsonResponse(200, instance());
      },
    });
    const u = userEvent.setup();
    const section = await openRecordPage("Flow");
    expect(within(section).getByText("This flow stopped")).toBeInTheDocument();
    expect(within(section).getByText("Stopped at “Note lateness”: ZeroDivisionError: integer division or modulo by zero")).toBeInTheDocument();
    // Its waiting step can still be done: that moves the record on.
    expect(within(section).getByRole("button", { name: "Delivery started" })).toBeEnabled();
    const history = await screen.findByRole("region", { name: "History" });
    expect(await within(history).findByText("Stopped by an error: ZeroDivisionError: integer division or modulo by zero")).toBeInTheDocument();

    await u.click(within(section).getByRole("button", { name: "Try again" }));
    expect(await within(section).findByText(/The step failed again/)).toBeInTheDocument();
    await u.click(within(section).getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Delivery flow runs again")).toBeInTheDocument();
    await waitFor(() => expect(within(section).queryByText("This flow stopped")).not.toBeInTheDocument());
    expect(callsTo(fetchMock, "POST", retryPath)).toHaveLength(2);
  });

  it("names the step whose script failed", async () => {
    mock({
      [`POST ${completePath}`]: () =>
        jsonResponse(422, { title: "Unprocessable Entity", status: 422, errors: { flow: ["name 'x' is not defined"] }, element: "set_started" }),
    });
    const u = userEvent.setup();
    const section = await openRecordPage("Flow");
    await u.click(within(section).getByRole("button", { name: "Delivery started" }));
    expect(await within(section).findByRole("alert")).toHaveTextContent(
      "The step “set_started” could not run: name 'x' is not defined The record was not changed.",
    );
  });

  it("says plainly when the person may not do the step", async () => {
    mock({ [`POST ${completePath}`]: () => jsonResponse(403, { title: "Forbidden", status: 403, detail: "role check failed" }) });
    const u = userEvent.setup();
    const section = await openRecordPage("Flow");
    await u.click(within(section).getByRole("button", { name: "Delivery started" }));
    expect(await within(section).findByRole("alert")).toHaveTextContent("You are not allowed to do this step.");
  });

  it("asks for the step's fields in a dialog and sends typed values", async () => {
    const item = inboxItem({ fields: receiverFields, label: "Delivered" });
    let attempt = 0;
    const fetchMock = mock({
      [`GET ${flowsPath}`]: flows({ instances: [instance({ waiting: [item] })] }),
      [`POST ${completePath}`]: () =>
        (attempt += 1) === 1
          ? jsonResponse(422, { title: "Unprocessable Entity", status: 422, errors: { data: { receiver: ["Use the full name."] } } })
          : jsonResponse(200, { entity: record({ version: 2 }), instance: instance({ status: "completed", waiting: [] }) }),
    });
    const u = userEvent.setup();
    const section = await openRecordPage("Flow");
    await u.click(within(section).getByRole("button", { name: "Delivered" }));
    const dialog = await screen.findByRole("dialog", { name: "Delivered" });
    expect(within(dialog).getByText("Record: Piano")).toBeInTheDocument();

    await u.click(within(dialog).getByRole("button", { name: "Delivered" }));
    expect(within(dialog).getByLabelText("Receiver")).toHaveAccessibleDescription(expect.stringContaining("This field is required"));
    expect(callsTo(fetchMock, "POST", completePath)).toHaveLength(0);

    await u.type(within(dialog).getByLabelText("Receiver"), "Bo");
    await u.type(within(dialog).getByLabelText("Pieces"), "3");
    fireEvent.change(within(dialog).getByLabelText("Handed over"), { target: { value: "2026-11-24T12:00" } });
    await u.click(within(dialog).getByRole("button", { name: "Delivered" }));
    await waitFor(() => expect(within(dialog).getByLabelText("Receiver")).toHaveAccessibleDescription(expect.stringContaining("Use the full name.")));

    await u.type(within(dialog).getByLabelText("Receiver"), "b");
    await u.click(within(dialog).getByRole("button", { name: "Delivered" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Delivered" })).not.toBeInTheDocument());
    expect(callsTo(fetchMock, "POST", completePath)[1].body).toEqual({
      data: { receiver: "Bob", pieces: 3, handed_over: "2026-11-24T12:00:00+01:00" },
    });
  });

  it("shows why a transition cannot be pressed", async () => {
    mock({
      [`GET ${flowsPath}`]: flows({
        instances: [
          instance({
            waiting: [
              inboxItem({ can_complete: false, assignee: { id: 7, email: "bob@loom.test" } }),
              inboxItem({ id: "task-2", label: "Cancel", can_complete: false, role: "admin" }),
            ],
          }),
        ],
      }),
    });
    const section = await openRecordPage("Flow");
    const started = within(section).getByRole("button", { name: "Delivery started" });
    expect(started).toBeDisabled();
    expect(started).toHaveAccessibleDescription("Claimed by bob@loom.test");
    expect(within(section).getByRole("button", { name: "Cancel" })).toHaveAccessibleDescription("Only the role Admin or higher");
  });

  it("starts a flow for a record that is in none yet", async () => {
    const fetchMock = mock({
      [`GET ${flowsPath}`]: flows({ instances: [], history: [], startable: [{ key: "delivery", name: "Delivery flow" }] }),
      [`POST ${flowsPath}`]: () => jsonResponse(201, instance()),
    });
    const u = userEvent.setup();
    const section = await openRecordPage("Flow");
    expect(within(section).getByText("This record is not in a flow yet.")).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "History" })).toHaveTextContent("Nothing has happened in a flow yet.");
    await u.click(within(section).getByRole("button", { name: "Start Delivery flow" }));
    expect(await screen.findByText("Delivery flow started")).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", flowsPath)[0].body).toEqual({ flow: "delivery" });
  });

  it("shows no flow and no history for a blueprint without flows", async () => {
    mock({ [`GET ${flowsPath}`]: { instances: [], startable: [], history: [] } });
    renderRoutes(routes, `/t/x-delivery-system/e/${entity.id}`);
    await screen.findByRole("heading", { level: 1, name: "Piano" });
    await waitFor(() => expect(screen.getByRole("button", { name: "Save changes" })).toBeInTheDocument());
    expect(screen.queryByRole("region", { name: "Flow" })).not.toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "History" })).not.toBeInTheDocument();
  });
});
