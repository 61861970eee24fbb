import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { Blueprint, BlueprintChanges } from "../../api/blueprints";
import type { PublishChanges } from "../../api/publish";
import { routes } from "../../app/router";
import { callsTo, mockApi, type Handler } from "../../test/api";
import { blueprint, blueprintSummary, signIn, tenant } from "../../test/fixtures";
import { elementsLabelled } from "../../test/labels";
import { jsonResponse, renderRoutes } from "../../test/render";

const stock = tenant({ name: "X Stock", slug: "x-stock" });
const base = "/api/tenants/x-stock/blueprints/stock_item";

function api(overrides: Record<string, Handler | object> = {}) {
  return mockApi({
    "GET /api/tenants/x-stock": stock,
    "GET /api/tenants": { items: [stock], next_cursor: null },
    "GET /api/tenants/x-stock/blueprints": { items: [blueprintSummary()], next_cursor: null },
    [`GET ${base}`]: blueprint({ draft_changed: true }),
    [`PATCH ${base}`]: ({ body }) => {
      const changes = body as BlueprintChanges;
      return jsonResponse(200, blueprint({ lock_version: changes.lock_version + 1, draft: changes.draft! }));
    },
    ...overrides,
  });
}

async function openDesigner() {
  const view = renderRoutes(routes, "/t/x-stock/blueprints/stock_item/design");
  expect(await screen.findByRole("heading", { level: 1, name: "Design Stock item" })).toBeInTheDocument();
  return view;
}

/** A publish preview of version 2 with no problems. */
function preview(changes: Partial<PublishChanges> = {}) {
  return { number: 2, first: false, changes: { added: [], removed: [], changed: [], ...changes }, problems: [], warnings: [] };
}

beforeEach(() => signIn());

describe("the blueprint designer", () => {
  it("adds a typed column with a derived key and saves the draft", async () => {
    const fetchMock = api();
    const u = userEvent.setup();
    await openDesigner();
    expect(screen.getByText("Draft · last published v1")).toBeInTheDocument();
    expect(screen.getAllByLabelText("Column name").map((input) => (input as HTMLInputElement).value)).toEqual([
      "Type",
      "Space",
      "Weight",
      "Qty",
      "Timestamp",
    ]);

    await u.click(screen.getByRole("button", { name: "Add column" }));
    const card = screen.getByRole("group", { name: "Column 6" });
    await u.type(within(card).getByLabelText("Column name"), "Pallet count");
    expect(within(card).getByLabelText("Key")).toHaveValue("pallet_count");
    await u.click(within(card).getByRole("combobox", { name: "Type" }));
    await u.click(await screen.findByRole("option", { name: "Whole number" }));
    await u.type(within(card).getByLabelText("Minimum"), "0");
    for (const label of ["Column name", "Key", "Type", "Required", "Default value", "Help text", "Minimum", "Maximum"]) {
      expect(elementsLabelled(label, card), label).toHaveLength(1);
    }
    await u.click(within(card).getByLabelText("Required"));
    expect(screen.getByText("Unsaved changes")).toBeInTheDocument();

    await u.click(screen.getByRole("button", { name: "Save draft" }));
    expect(await screen.findByText("Draft saved")).toBeInTheDocument();
    const [patch] = callsTo(fetchMock, "PATCH", base);
    expect(patch.body.lock_version).toBe(3);
    expect(patch.body.draft.columns[5]).toEqual({
      key: "pallet_count",
      label: "Pallet count",
      type: "integer",
      required: true,
      default: null,
      help_text: "",
      rules: { min: "0" },
    });
    expect(patch.body.draft.form.sections[0].fields).toEqual(["type", "space", "weight", "qty", "timestamp", "pallet_count"]);
    expect(screen.queryByText("Unsaved changes")).not.toBeInTheDocument();
  });

  it("shows the server's messages on the columns they name", async () => {
    api({
      [`PATCH ${base}`]: () =>
        jsonResponse(422, {
          title: "Unprocessable Entity",
          status: 422,
          errors: { "draft.columns.1.key": ["'id' is a system column; choose another key."], "draft.columns.0.options": ["Give at least one option."] },
        }),
    });
    const u = userEvent.setup();
    await openDesigner();
    const space = screen.getByRole("group", { name: "Column 2" });
    await u.click(within(space).getByRole("button", { name: "Show the options of Space" }));
    await u.clear(within(space).getByLabelText("Key"));
    await u.type(within(space).getByLabelText("Key"), "id");
    await u.click(screen.getByRole("button", { name: "Save draft" }));

    await waitFor(() =>
      expect(within(space).getByLabelText("Key")).toHaveAccessibleDescription(expect.stringContaining("'id' is a system column")),
    );
    expect(within(screen.getByRole("group", { name: "Column 1" })).getByText("Give at least one option.")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("Some columns need attention");
    expect(screen.getByRole("alert")).toHaveTextContent("Type: Give at least one option.");
  });

  it("saves pending changes, then publishes a new version", async () => {
    let published = false;
    const fetchMock = api({
      [`POST ${base}/publish`]: () => {
        published = true;
        return jsonResponse(201, { id: 22, number: 2, columns: [], form: null, published_at: "2025-07-02T10:00:00.000000Z" });
      },
      [`GET ${base}`]: () =>
        jsonResponse(
          200,
          published
            ? blueprint({ lock_version: 5, published_version: { id: 22, number: 2, published_at: "2025-07-02T10:00:00.000000Z" } })
            : blueprint(),
        ),
      [`GET ${base}/publish-preview`]: preview({ changed: [{ kind: "column", key: "space", name: "Space", details: ["Its help text changed."] }] }),
    });
    const u = userEvent.setup();
    await openDesigner();
    await u.click(screen.getByRole("button", { name: "Show the options of Space" }));
    await u.type(within(screen.getByRole("group", { name: "Column 2" })).getByLabelText("Help text"), " (aisle)");
    await u.click(screen.getByRole("button", { name: "Publish" }));

    const dialog = await screen.findByRole("dialog", { name: "Publish version 2?" }, { timeout: 5000 });
    expect(within(dialog).getByRole("region", { name: "Changed" })).toHaveTextContent("Column SpaceIts help text changed.");
    expect(within(dialog).getByText("No problems")).toBeInTheDocument();
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus());
    expect(callsTo(fetchMock, "POST", `${base}/publish`)).toHaveLength(0);
    await u.click(within(dialog).getByRole("button", { name: "Publish" }));

    expect(await screen.findByText("Published version 2")).toBeInTheDocument();
    expect(callsTo(fetchMock, "PATCH", base)).toHaveLength(1);
    expect(callsTo(fetchMock, "POST", `${base}/publish`)[0].body).toEqual({ lock_version: 4 });
    expect(await screen.findByText("Draft · last published v2")).toBeInTheDocument();
  });

  it("shows what a first version brings; a problem blocks publishing, a warning does not", async () => {
    const fetchMock = api({
      [`GET ${base}/publish-preview`]: {
        ...preview({ added: [{ kind: "column", key: "type", name: "Type", details: ["A choice column with BOX and PALLET."] }] }),
        first: true,
        number: 1,
        problems: [{ field: "draft.columns.5.reference", message: "'nowhere' is not a published blueprint of this workspace." }],
        warnings: ["The flow “Stock” will need changes before it can be published again."],
      },
    });
    const u = userEvent.setup();
    await openDesigner();
    await u.click(screen.getByRole("button", { name: "Publish" }));
    const dialog = await screen.findByRole("dialog", { name: "Publish version 1?" }, { timeout: 5000 });
    expect(within(dialog).getByText("First version: everything below is new (1 item).")).toBeInTheDocument();
    expect(within(dialog).getByRole("region", { name: "Added" })).toHaveTextContent("Column TypeA choice column with BOX and PALLET.");
    expect(within(dialog).getByRole("alert")).toHaveTextContent("1 problem stops publishing:'nowhere' is not a published blueprint");
    expect(within(dialog).getByText("The flow “Stock” will need changes before it can be published again.")).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Publish" })).toBeDisabled();
    await u.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(callsTo(fetchMock, "POST", `${base}/publish`)).toHaveLength(0);
  });

  it("says when someone else saved first and reloads their version", async () => {
    api({ [`PATCH ${base}`]: () => jsonResponse(409, { title: "Conflict", status: 409 }) });
    const u = userEvent.setup();
    await openDesigner();
    await u.click(screen.getByRole("button", { name: "Remove column Timestamp" }));
    expect(screen.queryByRole("group", { name: "Column 5" })).not.toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Save draft" }));
    expect(await screen.findByText(/Someone else saved this blueprint/)).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Reload" }));
    expect(await screen.findByRole("group", { name: "Column 5" })).toBeInTheDocument();
    expect(screen.queryByText(/Someone else saved this blueprint/)).not.toBeInTheDocument();
  });

  it("arranges the form without dragging and previews it", async () => {
    const fetchMock = api();
    const u = userEvent.setup();
    await openDesigner();
    await u.click(screen.getByRole("tab", { name: "Form" }));
    expect(screen.getByLabelText("Weight")).toBeInTheDocument(); // the preview
    await u.click(screen.getByRole("button", { name: "Hide from form Weight" }));
    expect(screen.queryByLabelText("Weight")).not.toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Move up Qty" }));
    await u.click(screen.getByRole("button", { name: "Add section" }));
    await u.type(screen.getAllByLabelText("Section title")[1], "Where");
    await u.click(screen.getByRole("button", { name: "Move down Timestamp" }));
    await u.click(screen.getByRole("button", { name: "Save draft" }));

    await screen.findByText("Draft saved");
    const body = callsTo(fetchMock, "PATCH", base)[0].body as { draft: Blueprint["draft"] };
    expect(body.draft.form).toEqual({
      sections: [
        { title: "", fields: ["type", "qty", "space"] },
        { title: "Where", fields: ["timestamp"] },
      ],
    });
  });

  it("asks before moving the blueprint to the Trash, with Cancel in focus", async () => {
    const fetchMock = api({ [`DELETE ${base}`]: () => new Response(null, { status: 204 }) });
    const u = userEvent.setup();
    await openDesigner();
    await u.click(screen.getByRole("tab", { name: "Details" }));
    const remove = screen.getByRole("button", { name: "Delete blueprint" });
    remove.focus();
    await u.keyboard("{Enter}");
    const dialog = await screen.findByRole("dialog", { name: "Move this blueprint to the Trash?" });
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus());
    await u.keyboard("{Enter}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(callsTo(fetchMock, "DELETE", base)).toHaveLength(0);

    await u.click(remove);
    await u.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Move to Trash" }));
    expect(await screen.findByText("Blueprint moved to the Trash")).toBeInTheDocument();
    expect(callsTo(fetchMock, "DELETE", base)).toHaveLength(1);
  });

  it("lists the published versions", async () => {
    api();
    const u = userEvent.setup();
    await openDesigner();
    await u.click(screen.getByRole("tab", { name: "Versions" }));
    expect(screen.getByRole("heading", { name: "Version 1" })).toBeInTheDocument();
    expect(screen.getByText("2 records")).toBeInTheDocument();
    expect(screen.getByText(/Published .*2025/)).toBeInTheDocument();
  });
});
