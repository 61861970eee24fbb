import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { Column } from "../../../api/blueprints";
import type { Steps, StepsAnswer } from "../../../api/flowSteps";
import { AppLayout } from "../../../app/shell/AppLayout";
import type { FlowModelerProps } from "../../../designer/FlowModeler";
import { callsTo, mockApi, type Handler } from "../../../test/api";
import { blueprint, column, signIn } from "../../../test/fixtures";
import { jsonResponse, renderRoutes } from "../../../test/render";
import { FlowDesignerRoute } from "../designer/FlowDesignerRoute";
import { api, baseRoutes, deliveryBlueprint, flow, slug } from "../testData";

const option = (value: string, label: string) => ({ value, label, color: "gray" });

const columns: Column[] = [
  column("status", "Status", "choice", {
    required: true,
    options: [option("PENDING", "Pending"), option("IN_PROGRESS", "In progress"), option("DELIVERED", "Delivered"), option("CANCELLED", "Cancelled")],
  }),
  column("cargo", "Cargo", "text"),
  column("started_at", "Started at", "datetime"),
  column("delivered_at", "Delivered at", "datetime", { required: true }),
  column("qty", "Qty", "integer"),
];

const steps: Steps = {
  version: 1,
  state: "status",
  initial: "PENDING",
  transitions: [
    { id: "delivery_started", label: "Delivery started", from: ["PENDING"], to: "IN_PROGRESS", who: { kind: "role", role: "editor" }, form: ["cargo"], updates: [{ field: "started_at", value: { kind: "now" } }], condition: null },
    { id: "delivered", label: "Delivered", from: ["IN_PROGRESS"], to: "DELIVERED", who: { kind: "anyone" }, form: [], updates: [{ field: "delivered_at", value: { kind: "now" } }], condition: null },
  ],
  timers: [],
};

const base = `${api}/flows/delivery`;

function Canvas({ canvasLabel }: FlowModelerProps) {
  return <p>{canvasLabel}</p>;
}

function mock(answer: StepsAnswer, overrides: Record<string, Handler | object> = {}) {
  return mockApi({
    ...baseRoutes(),
    [`GET ${base}`]: flow(),
    [`GET ${base}/steps`]: answer,
    [`GET ${api}/members`]: { items: [{ user_id: 1, email: "ada@loom.test", role: "owner", joined_at: "2025-01-01T00:00:00Z", you: true }] },
    [`GET ${api}/blueprints/delivery`]: blueprint({ ...deliveryBlueprint, draft: { columns, form: null } }),
    [`GET ${api}/blueprints/delivery/versions/1`]: { id: 21, number: 1, columns, form: null, published_at: "2025-07-01T10:00:00Z" },
    ...overrides,
  });
}

function open() {
  return renderRoutes(
    [{ element: <AppLayout />, children: [{ path: "/t/:slug/flows/:key", element: <FlowDesignerRoute Canvas={Canvas} /> }] }],
    `/t/${slug}/flows/delivery`,
  );
}

/** The table row whose button is `label`. */
const rowOf = (label: string) => screen.getAllByRole("row").find((row) => row.querySelector("td p")?.textContent === label)!;
const slow = { timeout: 5000 };

beforeEach(() => signIn());

describe("the steps editor", () => {
  it("opens on the steps: one row per button, and a picture that names states nobody reaches", async () => {
    mock({ steps, note: null, lock_version: 3 });
    open();
    expect(await screen.findByRole("tab", { name: "Steps", selected: true })).toBeInTheDocument();
    expect(await screen.findByRole("table", { name: "Buttons" }, slow)).toBeInTheDocument();
    await waitFor(() => expect(rowOf("Delivery started")).toHaveTextContent("Started at ← Now"));
    expect(rowOf("Delivery started")).toHaveTextContent("Editor and above");
    expect(rowOf("Delivered")).toHaveTextContent("In progress");
    const states = screen.getByRole("list", { name: "States" });
    expect(within(states).getByText("Cancelled").closest("li")).toHaveTextContent("No button leads here");
    expect(within(states).getByText("Pending").closest("li")).toHaveTextContent("reachable, with a way out");
  });

  it("offers only values that fit the chosen field, and saves the table with the lock version", async () => {
    const fetchMock = mock(
      { steps, note: null, lock_version: 3 },
      { [`PUT ${base}/steps`]: ({ body }) => jsonResponse(200, flow({ lock_version: (body as { lock_version: number }).lock_version + 1 })) },
    );
    const u = userEvent.setup();
    open();
    await u.click(await screen.findByRole("button", { name: "Add a button" }, slow));
    const drawer = await screen.findByRole("dialog");
    await u.type(within(drawer).getByRole("textbox", { name: "Button" }), "Cancel");
    await u.click(within(drawer).getByRole("button", { name: "Add a change" }));
    await u.click(within(drawer).getByRole("combobox", { name: "Field to set, row 1" }));
    expect(screen.queryByRole("option", { name: "Status" })).not.toBeInTheDocument();
    await u.click(await screen.findByRole("option", { name: "Started at" }));
    await u.click(within(drawer).getByRole("combobox", { name: "New value of Started at" }));
    const offered = (await screen.findAllByRole("option")).map((item) => item.textContent);
    expect(offered).toEqual(["A fixed value", "Now", "Another field", "A calculation", "Empty it"]);
    await u.click(screen.getByRole("option", { name: "Another field" }));
    await u.click(within(drawer).getByRole("combobox", { name: "Field to copy into Started at" }));
    expect((await screen.findAllByRole("option")).map((item) => item.textContent)).toEqual(["Delivered at"]);
    await u.keyboard("{Escape}");
    await u.click(within(drawer).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    await u.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(callsTo(fetchMock, "PUT", `${base}/steps`)).toHaveLength(1));
    const sent = callsTo(fetchMock, "PUT", `${base}/steps`)[0].body;
    expect(sent.lock_version).toBe(3);
    expect(sent.steps.transitions[2]).toMatchObject({ id: "cancel", label: "Cancel", updates: [{ field: "started_at", value: { kind: "field", field: "delivered_at" } }] });
  });

  it("shows the server's messages next to the row and the input they concern", async () => {
    mock(
      { steps, note: null, lock_version: 3 },
      {
        [`PUT ${base}/steps`]: () =>
          jsonResponse(422, {
            title: "Unprocessable Entity",
            status: 422,
            errors: { "steps.transitions.0.updates.0.value": ["Delivered at is required and cannot be emptied."] },
          }),
      },
    );
    const u = userEvent.setup();
    open();
    // After removing the first row, "Delivered" is row 0 of what is sent.
    await u.click(await screen.findByRole("button", { name: "Remove Delivery started" }, slow));
    await u.click(await screen.findByRole("button", { name: "Add a button" }));
    await u.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await u.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Some rows need a fix; each says what is wrong.")).toBeInTheDocument();
    expect(rowOf("Delivered")).toHaveTextContent("Needs a fix: Delivered at is required and cannot be emptied.");
    expect(rowOf("New button")).not.toHaveTextContent("Needs a fix");

    await u.click(within(rowOf("Delivered")).getByRole("button", { name: "Edit Delivered" }));
    const update = await within(await screen.findByRole("dialog")).findByTestId("steps.transitions.0.updates.0");
    expect(within(update).getByText("Delivered at is required and cannot be emptied.")).toBeInTheDocument();
  });

  it("saves, then asks before publishing: the buttons added, removed and changed, and the checks", async () => {
    let published = false;
    const fetchMock = mock(
      { steps, note: null, lock_version: 3 },
      {
        [`PUT ${base}/steps`]: ({ body }) => jsonResponse(200, flow({ lock_version: (body as { lock_version: number }).lock_version + 1 })),
        [`GET ${base}/publish-preview`]: {
          number: 2,
          first: false,
          changes: {
            added: [{ kind: "timer", key: "late", name: "After 2 days in IN_PROGRESS", details: ["Moves to DELIVERED."] }],
            removed: [{ kind: "transition", key: "delivered", name: "Delivered", details: [] }],
            changed: [{ kind: "transition", key: "delivery_started", name: "Delivery started", details: ["Done by anyone. Before: done by a editor."] }],
          },
          problems: [],
          warnings: ["Records in Delivered stay there: no button or timer leads out."],
        },
        [`POST ${base}/publish`]: () => {
          published = true;
          return jsonResponse(201, { id: "v2", number: 2, published_at: "2026-11-24T09:30:00Z", xml: "", instance_count: 0, running_count: 0 });
        },
      },
    );
    const u = userEvent.setup();
    open();
    await u.click(await screen.findByRole("button", { name: "Remove Delivered" }, slow));
    await u.click(screen.getByRole("button", { name: "Publish" }));
    const dialog = await screen.findByRole("dialog", { name: "Publish version 2?" }, slow);
    expect(callsTo(fetchMock, "PUT", `${base}/steps`)).toHaveLength(1);
    expect(within(dialog).getByRole("region", { name: "Added" })).toHaveTextContent("Timer After 2 days in IN_PROGRESSMoves to DELIVERED.");
    expect(within(dialog).getByRole("region", { name: "Removed" })).toHaveTextContent("Button Delivered");
    expect(within(dialog).getByRole("region", { name: "Changed" })).toHaveTextContent("Button Delivery startedDone by anyone.");
    expect(within(dialog).getByText("No problems")).toBeInTheDocument();
    expect(within(dialog).getByRole("note")).toHaveTextContent("Records in Delivered stay there");
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus());
    await u.click(within(dialog).getByRole("button", { name: "Publish" }));
    await waitFor(() => expect(published).toBe(true));
    expect(callsTo(fetchMock, "POST", `${base}/publish`)[0].body).toEqual({ lock_version: 4 });
    expect(await screen.findByText("Published as version 2")).toBeInTheDocument();
    // The flow is read again, so the diagram tab and the header know about the new version.
    await waitFor(() => expect(callsTo(fetchMock, "GET", base).length).toBeGreaterThanOrEqual(2));
  });

  it("explains a conflict with someone else's save", async () => {
    mock({ steps, note: null, lock_version: 3 }, { [`PUT ${base}/steps`]: () => jsonResponse(409, { title: "Conflict", status: 409 }) });
    const u = userEvent.setup();
    open();
    await u.click(await screen.findByRole("button", { name: "Remove Delivered" }, slow));
    await u.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText(/Someone else saved this flow since you opened it/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Load the latest version" })).toBeInTheDocument();
  });

  it("opens the diagram when it does not fit the table, and the Steps tab says why", async () => {
    mock({ steps: null, note: "The diagram has a parallel gateway.", lock_version: 3 });
    const u = userEvent.setup();
    open();
    expect(await screen.findByRole("tab", { name: "Diagram (advanced)", selected: true })).toBeInTheDocument();
    expect(await screen.findByText("Flow diagram")).toBeInTheDocument();
    await u.click(screen.getByRole("tab", { name: "Steps" }));
    expect(await screen.findByText("This flow opens as a diagram")).toBeInTheDocument();
    expect(screen.getByText("The diagram has a parallel gateway.")).toBeInTheDocument();
  });
});
