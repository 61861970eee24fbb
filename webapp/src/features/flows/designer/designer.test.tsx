import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useEffect, useRef, useState } from "react";
import { beforeEach, describe, expect, it } from "vitest";
import type { FlowChanges } from "../../../api/flows";
import type { PublishChanges } from "../../../api/publish";
import { AppLayout } from "../../../app/shell/AppLayout";
import type { FlowModelerProps } from "../../../designer/FlowModeler";
import type { ModelerHandle } from "../../../designer/modelerHandle";
import { callsTo, mockApi, type Handler } from "../../../test/api";
import { blueprint, job, signIn, stockColumns } from "../../../test/fixtures";
import { jsonResponse, renderRoutes } from "../../../test/render";
import { api, baseRoutes, deliveryBlueprint, deliveryXml, flow, slug } from "../testData";
import { FlowDesignerRoute } from "./FlowDesignerRoute";

const NAMES: Record<string, string> = { delivered: "Delivered", mark_started: "Mark in progress" };

/**
 * The stand-in for bpmn-js (which needs a real browser): the drawing is a text
 * area holding the XML; what is selected and marked shows as text.
 */
function FakeCanvas({ xml, onReady, onChange, onLint, canvasLabel }: FlowModelerProps) {
  const current = useRef(xml);
  const [text, setText] = useState(xml);
  const [selected, setSelected] = useState("");
  const [marked, setMarked] = useState<string[]>([]);
  useEffect(() => {
    const handle: ModelerHandle = {
      async importXml(next) {
        if (!next.includes("<bpmn:definitions")) throw new Error("no BPMN definitions in the file");
        current.current = next;
        setText(next);
        return { warnings: [] };
      },
      exportXml: async () => current.current,
      select: (id) => (setSelected(id), true),
      highlight: setMarked,
      elementName: (id) => NAMES[id] ?? null,
      refreshPanel: () => undefined,
    };
    onReady(handle);
    onLint({ errors: 1, warnings: 2 });
  }, []);
  return (
    <div>
      <textarea
        aria-label={canvasLabel}
        value={text}
        onChange={(event) => {
          current.current = event.target.value;
          setText(event.target.value);
          onChange();
        }}
      />
      <p>Selected: {selected || "nothing"}</p>
      <p>Marked: {marked.join(", ") || "nothing"}</p>
    </div>
  );
}

const base = `${api}/flows/delivery`;

/** A publish preview of version 3 with no problems. */
function preview(changes: Partial<PublishChanges> = {}) {
  return { number: 3, first: false, changes: { added: [], removed: [], changed: [], ...changes }, problems: [], warnings: [] };
}

function mock(overrides: Record<string, Handler | object> = {}) {
  return mockApi({
    ...baseRoutes(),
    [`GET ${base}/publish-preview`]: preview(),
    [`GET ${base}`]: flow(),
    [`GET ${api}/blueprints/delivery`]: blueprint({ ...deliveryBlueprint, draft: { columns: stockColumns, form: null } }),
    [`GET ${api}/blueprints/delivery/versions/1`]: { id: 21, number: 1, columns: stockColumns, form: null, published_at: "2025-07-01T10:00:00Z" },
    [`PATCH ${base}`]: ({ body }) => {
      const changes = body as FlowChanges;
      return jsonResponse(200, flow({ lock_version: changes.lock_version + 1, draft: { xml: changes.xml!, problems: [] } }));
    },
    ...overrides,
  });
}

async function openDesigner() {
  const view = renderRoutes(
    [{ element: <AppLayout />, children: [{ path: "/t/:slug/flows/:key", element: <FlowDesignerRoute Canvas={FakeCanvas} /> }] }],
    `/t/${slug}/flows/delivery`,
  );
  expect(await screen.findByRole("heading", { level: 1, name: "Design Delivery flow" })).toBeInTheDocument();
  await waitFor(() => expect(screen.getByRole("button", { name: "Save draft" })).toBeEnabled());
  return view;
}

async function draw(u: ReturnType<typeof userEvent.setup>, extra: string) {
  const canvas = screen.getByRole("textbox", { name: "Flow diagram" });
  await u.click(canvas);
  await u.keyboard("{Control>}{End}{/Control}");
  await u.type(canvas, extra);
}

beforeEach(() => signIn());

describe("the flow designer", () => {
  it("saves the draft with the lock version and lists what stops publishing; a problem selects its shape", async () => {
    const fetchMock = mock({
      [`GET ${base}`]: flow({ draft_changed: true }),
      [`PATCH ${base}`]: ({ body }) =>
        jsonResponse(
          200,
          flow({
            lock_version: 4,
            draft: {
              xml: (body as FlowChanges).xml!,
              problems: [
                { element: "delivered", message: "Give this step a button label.", line: null },
                { element: null, message: "The diagram has no end event.", line: 3 },
              ],
            },
          }),
        ),
    });
    const u = userEvent.setup();
    await openDesigner();
    expect(screen.getByText("Draft · published version 2")).toBeInTheDocument();
    expect(screen.getByText("Version 1")).toBeInTheDocument();
    expect(screen.getByText("4 records · 1 running")).toBeInTheDocument();
    expect(screen.getByText("Drawing check: 1 error, 2 warnings")).toBeInTheDocument();
    expect(screen.getByText("The draft is ready to publish.")).toBeInTheDocument();
    await draw(u, "<!-- moved -->");
    expect(await screen.findByText("Unsaved changes")).toBeInTheDocument();

    await u.click(screen.getByRole("button", { name: "Save draft" }));
    expect(await screen.findByText("Draft saved")).toBeInTheDocument();
    const [patch] = callsTo(fetchMock, "PATCH", base);
    expect(patch.body).toEqual({ lock_version: 3, xml: `${deliveryXml}<!-- moved -->` });
    expect(screen.queryByText("Unsaved changes")).not.toBeInTheDocument();

    const problems = screen.getByRole("region", { name: "2 things to fix before publishing" });
    expect(within(problems).getByText("Line 3: The diagram has no end event.")).toBeInTheDocument();
    expect(screen.getByText("Marked: delivered")).toBeInTheDocument();
    await u.click(within(problems).getByRole("button", { name: "Delivered: Give this step a button label." }));
    expect(screen.getByText("Selected: delivered")).toBeInTheDocument();

    await draw(u, " ");
    await u.click(screen.getByRole("button", { name: "Save draft" }));
    await waitFor(() => expect(callsTo(fetchMock, "PATCH", base)).toHaveLength(2));
    expect(callsTo(fetchMock, "PATCH", base)[1].body.lock_version).toBe(4);
  });

  it("renames the flow and changes its description without touching the drawing; a taken name shows under the field", async () => {
    let taken = true;
    const fetchMock = mock({
      [`PATCH ${base}`]: ({ body }) => {
        const changes = body as FlowChanges;
        if (taken) {
          taken = false;
          return jsonResponse(422, { title: "Unprocessable Entity", status: 422, errors: { name: ["Another flow has this name."] } });
        }
        return jsonResponse(200, flow({ lock_version: changes.lock_version + 1, name: changes.name, description: changes.description }));
      },
    });
    const u = userEvent.setup();
    await openDesigner();
    await u.click(screen.getByRole("button", { name: "Rename or describe" }));
    const dialog = await screen.findByRole("dialog", { name: "Name and description" });
    const name = within(dialog).getByRole("textbox", { name: "Name" });
    await u.clear(name);
    await u.type(name, "Courier run");
    await u.type(within(dialog).getByRole("textbox", { name: "Description" }), "Parcels by bike");
    await u.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("Another flow has this name.")).toBeInTheDocument();

    await u.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Design Courier run" })).toBeInTheDocument();
    expect(screen.getByText("Parcels by bike")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const patches = callsTo(fetchMock, "PATCH", base);
    expect(patches[1].body).toEqual({ lock_version: 3, name: "Courier run", description: "Parcels by bike" });

    await draw(u, " ");
    await u.click(screen.getByRole("button", { name: "Save draft" }));
    await waitFor(() => expect(callsTo(fetchMock, "PATCH", base)).toHaveLength(3));
    expect(callsTo(fetchMock, "PATCH", base)[2].body.lock_version).toBe(4);
  });

  it("on a refused publish shows the problems and selects the failing element", async () => {
    const fetchMock = mock({
      [`POST ${base}/publish`]: () =>
        jsonResponse(422, {
          title: "Unprocessable Entity",
          status: 422,
          detail: "The flow has 1 problem.",
          errors: { xml: ["Mark in progress: name 'qty' is not a field."] },
          element: "mark_started",
          problems: [{ element: "mark_started", message: "name 'qty' is not a field.", line: 2 }],
        }),
    });
    const u = userEvent.setup();
    await openDesigner();
    await u.click(screen.getByRole("button", { name: "Publish" }));
    const dialog = await screen.findByRole("dialog", { name: "Publish version 3?" }, { timeout: 5000 });
    await u.click(within(dialog).getByRole("button", { name: "Publish" }));
    expect(await screen.findByText("The flow has 1 problem.")).toBeInTheDocument();
    expect(callsTo(fetchMock, "PATCH", base)).toHaveLength(0);
    expect(callsTo(fetchMock, "POST", `${base}/publish`)[0].body).toEqual({ lock_version: 3 });
    expect(screen.getByText("Selected: mark_started")).toBeInTheDocument();
    expect(screen.getByText("Marked: mark_started")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Mark in progress: name 'qty' is not a field." })).toBeInTheDocument();
  });

  it("saves unsaved changes first, then publishes and says which version", async () => {
    let published = false;
    const fetchMock = mock({
      [`GET ${base}`]: () => jsonResponse(200, published ? flow({ lock_version: 5, published_version: { id: "v3", number: 3, published_at: "2026-11-24T09:30:00Z" } }) : flow()),
      [`POST ${base}/publish`]: () => {
        published = true;
        return jsonResponse(201, { id: "v3", number: 3, published_at: "2026-11-24T09:30:00Z", xml: deliveryXml, instance_count: 0, running_count: 0 });
      },
      [`GET ${base}/publish-preview`]: preview({
        added: [{ kind: "script task", key: "mark_started", name: "Mark in progress", details: [] }],
        changed: [{ kind: "user task", key: "delivered", name: "Delivered", details: ["Renamed from 'Deliver' to 'Delivered'."] }],
      }),
    });
    const u = userEvent.setup();
    await openDesigner();
    await draw(u, " ");
    await u.click(screen.getByRole("button", { name: "Publish" }));
    const dialog = await screen.findByRole("dialog", { name: "Publish version 3?" }, { timeout: 5000 });
    expect(within(dialog).getByRole("region", { name: "Changed" })).toHaveTextContent("User task DeliveredRenamed from 'Deliver' to 'Delivered'.");
    expect(within(dialog).getByRole("region", { name: "Added" })).toHaveTextContent("Script task Mark in progress");
    expect(within(dialog).getByText("No problems")).toBeInTheDocument();
    expect(callsTo(fetchMock, "PATCH", base)).toHaveLength(1);
    expect(callsTo(fetchMock, "POST", `${base}/publish`)).toHaveLength(0);
    await u.click(within(dialog).getByRole("button", { name: "Publish" }));
    expect(await screen.findByRole("status", { name: "Published version 3" })).toBeInTheDocument();
    expect(callsTo(fetchMock, "PATCH", base)).toHaveLength(1);
    expect(callsTo(fetchMock, "POST", `${base}/publish`)[0].body).toEqual({ lock_version: 4 });
    await waitFor(() => expect(screen.getByText("Draft · published version 3")).toBeInTheDocument());
  });

  it("a problem the checks find disables Publish in the dialog and is marked on the drawing; warnings do not block", async () => {
    const fetchMock = mock({
      [`GET ${base}/publish-preview`]: {
        ...preview(),
        problems: [{ element: "delivered", message: "The flow uses the date and time field 'delivered_at', which Delivery no longer has.", line: null }],
        warnings: ["Nobody can reach Cancelled: no button or timer leads there."],
      },
    });
    const u = userEvent.setup();
    await openDesigner();
    await u.click(screen.getByRole("button", { name: "Publish" }));
    const dialog = await screen.findByRole("dialog", { name: "Publish version 3?" }, { timeout: 5000 });
    expect(within(dialog).getByText("Nothing changes since the last published version.")).toBeInTheDocument();
    expect(within(dialog).getByRole("alert")).toHaveTextContent("Delivered: The flow uses the date and time field 'delivered_at'");
    expect(within(dialog).getByRole("note")).toHaveTextContent("Nobody can reach Cancelled");
    expect(within(dialog).getByRole("button", { name: "Publish" })).toBeDisabled();
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus());
    expect(screen.getByText("Marked: delivered")).toBeInTheDocument();
    await u.keyboard("{Enter}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(callsTo(fetchMock, "POST", `${base}/publish`)).toHaveLength(0);
  });

  it("when someone else saved first, offers to load the latest version", async () => {
    let calls = 0;
    mock({
      [`GET ${base}`]: () => jsonResponse(200, ++calls > 1 ? flow({ lock_version: 9, draft: { xml: `${deliveryXml}<!-- theirs -->`, problems: [] } }) : flow()),
      [`PATCH ${base}`]: () => jsonResponse(409, { title: "Conflict", status: 409, detail: "The flow was changed meanwhile." }),
    });
    const u = userEvent.setup();
    await openDesigner();
    await draw(u, "<!-- mine -->");
    await u.click(screen.getByRole("button", { name: "Save draft" }));
    expect(await screen.findByText(/Someone else saved this flow/)).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Load the latest version" }));
    await waitFor(() => expect(screen.getByRole("textbox", { name: "Flow diagram" })).toHaveValue(`${deliveryXml}<!-- theirs -->`));
    expect(screen.queryByText("Unsaved changes")).not.toBeInTheDocument();
  });

  it("imports a BPMN file into the drawing, and says plainly when a file is not BPMN", async () => {
    mock();
    const u = userEvent.setup();
    await openDesigner();
    expect(screen.getByRole("button", { name: "Import BPMN" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Export BPMN" })).toBeInTheDocument();
    const input = screen.getByLabelText("BPMN file to import");
    expect(input).toHaveAttribute("accept", ".bpmn,.xml,application/xml,text/xml");

    await u.upload(input, new File(["hello"], "notes.xml", { type: "text/xml" }));
    expect(await screen.findByText(/notes.xml is not a BPMN diagram Loom can read: no BPMN definitions in the file/)).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Flow diagram" })).toHaveValue(deliveryXml);

    const other = deliveryXml.replace("Delivered", "Shipped");
    await u.upload(input, new File([other], "shipping.bpmn", { type: "" }));
    expect(await screen.findByText("shipping.bpmn is now in the drawing. Save the draft to keep it.")).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Flow diagram" })).toHaveValue(other);
    expect(await screen.findByText("Unsaved changes")).toBeInTheDocument();
  });

  it("previews moving running records, moves them in the background and reports each", async () => {
    const items = [
      { instance_id: "i1", entity: { id: "e1000000-0000", title: "Piano" }, from_version: 1, ok: true, waiting: ["Delivered"], reason: null },
      { instance_id: "i2", entity: { id: "e2000000-0000", title: null }, from_version: 1, ok: false, waiting: [], reason: "Its step 'Loaded' is gone." },
    ];
    const done = job({
      id: "job-9",
      kind: "instance_migration",
      status: "done",
      done: 2,
      total: 2,
      result: {
        migrated: 1,
        failed: 1,
        items: [
          { instance_id: "i1", entity_id: "e1000000-0000", ok: true, reason: null },
          { instance_id: "i2", entity_id: "e2000000-0000", ok: false, reason: "Its step 'Loaded' is gone." },
        ],
      },
    });
    const fetchMock = mock({
      [`POST ${base}/instance-migrations/preview`]: { target: { id: "v2", number: 2, published_at: "2026-11-20T10:00:00Z" }, items, count: 2, movable: 1 },
      [`POST ${base}/instance-migrations`]: () => jsonResponse(202, job({ id: "job-9", kind: "flows.move_instances", status: "running", total: 2 })),
      [`GET ${api}/jobs/job-9`]: done,
    });
    const u = userEvent.setup();
    await openDesigner();
    await u.click(screen.getByRole("button", { name: "Move running records" }));
    const dialog = await screen.findByRole("dialog", { name: "Move running records to the published version" });
    const table = await within(dialog).findByRole("table", { name: "What would happen to each record" });
    const [, first, second] = within(table).getAllByRole("row");
    expect(first).toHaveTextContent("Piano");
    expect(first).toHaveTextContent("Version 1");
    expect(first).toHaveTextContent("Moves, then waits at: Delivered");
    expect(second).toHaveTextContent("Record e2000000");
    expect(second).toHaveTextContent("Stays where it is: Its step 'Loaded' is gone.");
    expect(within(dialog).getByText("1 of 2 running records can move to version 2.")).toBeInTheDocument();

    await u.click(within(dialog).getByRole("button", { name: "Move 1 record" }));
    expect(await within(dialog).findByText("1 record moved, 1 could not move.")).toBeInTheDocument();
    const report = within(dialog).getByRole("table", { name: "Each record" });
    expect(report).toHaveTextContent("Moved");
    expect(report).toHaveTextContent("Not moved: Its step 'Loaded' is gone.");
    expect(callsTo(fetchMock, "POST", `${base}/instance-migrations`)[0].body).toEqual({});
  });

  it("asks before deleting the flow and shows why it cannot be deleted", async () => {
    mock({
      [`DELETE ${base}`]: () =>
        jsonResponse(409, { title: "Conflict", status: 409, detail: "Finish or migrate the running records first." }),
    });
    const u = userEvent.setup();
    await openDesigner();
    await u.click(screen.getByRole("button", { name: "Delete flow" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete Delivery flow?" });
    await u.click(within(dialog).getByRole("button", { name: "Delete the flow" }));
    expect(await within(dialog).findByText("Finish or migrate the running records first.")).toBeInTheDocument();
  });
});
