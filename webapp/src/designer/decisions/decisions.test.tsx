import { screen, waitFor, within } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { useRef, useState } from "react";
import { describe, expect, it } from "vitest";
import type { Flow, FlowDecision } from "../../api/flows";
import { callsTo, mockApi } from "../../test/api";
import { jsonResponse, renderPage } from "../../test/render";
import { flow } from "../../features/flows/testData";
import { DecisionsPanel } from "./DecisionsPanel";
import { decisionIdFrom, starterTable } from "./starter";

const base = "/api/tenants/x-delivery-system/flows/delivery";
const route: FlowDecision = { id: "route", name: "Delivery route", xml: starterTable("route", "Delivery route", { key: "weight", label: "Weight" }, { key: "route", label: "Route" }) };
const columns = [
  { key: "weight", label: "Weight" },
  { key: "deliver_to", label: "Deliver to" },
  { key: "route", label: "Route" },
];

function withDecisions(decisions: FlowDecision[], lock = 5): Flow {
  const base = flow();
  return { ...base, lock_version: lock, draft: { ...base.draft, decisions } };
}

/** The panel as the designer holds it: the list and the lock version follow what the server answered. */
function Harness({ onSaved }: { onSaved: (flow: Flow) => void }) {
  const [decisions, setDecisions] = useState([route]);
  const lock = useRef(5);
  return (
    <DecisionsPanel
      slug="x-delivery-system"
      flowKey="delivery"
      decisions={decisions}
      columns={columns}
      canEdit
      lockVersion={() => lock.current}
      onSaved={(saved) => {
        onSaved(saved);
        lock.current = saved.lock_version;
        setDecisions(saved.draft.decisions ?? []);
      }}
    />
  );
}

/** Opens the dialog for a new decision table. */
async function openNewTable(u: UserEvent) {
  await u.click(screen.getByRole("button", { name: "New decision table" }));
  return screen.findByRole("dialog", { name: "New decision table" });
}

/** Names the new table, picks the field it decides on and the Route field it sets, and creates it. */
async function createTable(u: UserEvent, dialog: HTMLElement, name: string, decidesOn: string) {
  await u.type(within(dialog).getByRole("textbox", { name: "Name" }), name);
  await u.click(within(dialog).getByRole("combobox", { name: "Decides on the field" }));
  await u.click(await screen.findByRole("option", { name: decidesOn }));
  await u.click(within(dialog).getByRole("combobox", { name: "Sets the field" }));
  await u.click(await screen.findByRole("option", { name: "Route" }));
  await u.click(within(dialog).getByRole("button", { name: "Create" }));
}

describe("the flow's decision tables", () => {
  it("lists the tables and creates a starter table with one input and one output", async () => {
    const saved: Flow[] = [];
    const api = mockApi({
      [`PUT ${base}/decisions/pick_a_lane`]: ({ body }) => {
        const xml = (body as { xml: string }).xml;
        return jsonResponse(200, withDecisions([route, { id: "pick_a_lane", name: "Pick a lane", xml }], 6));
      },
    });
    const u = userEvent.setup();
    renderPage(<Harness onSaved={(flow) => saved.push(flow)} />);

    const area = screen.getByRole("region", { name: "Decisions" });
    expect(within(area).getByText("Delivery route")).toBeInTheDocument();
    expect(within(area).getByText("Id: route")).toBeInTheDocument();

    const dialog = await openNewTable(u);
    await u.click(within(dialog).getByRole("button", { name: "Create" }));
    expect(within(dialog).getByText("Give the table a name.")).toBeInTheDocument();
    expect(callsTo(api, "PUT", `${base}/decisions/pick_a_lane`)).toHaveLength(0);

    await createTable(u, dialog, "Pick a lane", "Deliver to");

    await waitFor(() => expect(callsTo(api, "PUT", `${base}/decisions/pick_a_lane`)).toHaveLength(1));
    const xml = callsTo(api, "PUT", `${base}/decisions/pick_a_lane`)[0].body.xml as string;
    expect(xml).toContain('<decision id="pick_a_lane" name="Pick a lane">');
    expect(xml).toContain("<text>deliver_to</text>");
    expect(xml).toContain('name="route"');
    expect(callsTo(api, "PUT", `${base}/decisions/pick_a_lane`)[0].body.lock_version).toBe(5);
    expect(saved.map((flow) => flow.lock_version)).toEqual([6]);
    expect(await within(area).findByText("Pick a lane")).toBeInTheDocument();
  });

  it("deletes a table, and says why in the user's words when the server refuses", async () => {
    const api = mockApi({
      [`DELETE ${base}/decisions/route`]: withDecisions([]),
    });
    const u = userEvent.setup();
    renderPage(<Harness onSaved={() => undefined} />);
    // Deleting asks first, with Cancel focused: Enter keeps the table.
    await u.click(screen.getByRole("button", { name: "Delete Delivery route" }));
    const asking = await screen.findByRole("dialog", { name: "Delete the decision table Delivery route?" });
    expect(within(asking).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await u.keyboard("{Enter}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(callsTo(api, "DELETE", `${base}/decisions/route`)).toHaveLength(0);

    await u.click(screen.getByRole("button", { name: "Delete Delivery route" }));
    const confirm = await screen.findByRole("dialog", { name: "Delete the decision table Delivery route?" });
    await u.click(within(confirm).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(callsTo(api, "DELETE", `${base}/decisions/route`)).toHaveLength(1));
    expect(await screen.findByText("This flow has no decision tables yet.")).toBeInTheDocument();

    mockApi({
      [`PUT ${base}/decisions/too_many`]: () =>
        jsonResponse(422, {
        title: "Invalid input",
        status: 422,
        errors: { xml: ["Decision 'too_many' uses the hit policy PRIORITY; use UNIQUE, FIRST, ANY, RULE ORDER or COLLECT (with SUM, COUNT, MIN or MAX)."] },
        code: "flow.decision.hit_policy",
        params: { decision: "too_many", policy: "PRIORITY" },
      }),
    });
    await createTable(u, await openNewTable(u), "Too many", "Weight");
    const area = screen.getByRole("region", { name: "Decisions" });
    expect(await within(area).findByRole("alert")).toHaveTextContent("Decision 'too_many' uses the hit policy PRIORITY");
  });

  it("sends the flow's lock version, and says so when someone else saved the flow first", async () => {
    const api = mockApi({
      [`PUT ${base}/decisions/late`]: () =>
        jsonResponse(409, { title: "Conflict", status: 409, detail: "Someone else saved this flow after you opened it; reload to see their changes." }),
    });
    const u = userEvent.setup();
    renderPage(<Harness onSaved={() => undefined} />);
    await createTable(u, await openNewTable(u), "Late", "Weight");
    const area = screen.getByRole("region", { name: "Decisions" });
    expect(await within(area).findByRole("alert")).toHaveTextContent("Someone else saved this flow after you opened it. Copy your changes");
    expect(callsTo(api, "PUT", `${base}/decisions/late`)[0].body.lock_version).toBe(5);
  });
});

describe("a new table's id", () => {
  it("is made of the name's letters and stays unique", () => {
    expect(decisionIdFrom("Delivery route", [])).toBe("delivery_route");
    expect(decisionIdFrom("Route für Lkw", ["route_fur_lkw"])).toBe("route_fur_lkw_2");
    expect(decisionIdFrom("2nd check", [])).toBe("decision_2nd_check");
  });
});
