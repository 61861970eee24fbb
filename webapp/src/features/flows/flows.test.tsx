import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { routes } from "../../app/router";
import { AppLayout } from "../../app/shell/AppLayout";
import { callsTo, mockApi } from "../../test/api";
import { blueprint, blueprintSummary, signIn, version } from "../../test/fixtures";
import { elementsLabelled } from "../../test/labels";
import { jsonResponse, renderRoutes } from "../../test/render";
import { FlowListPage } from "./FlowListPage";
import { NewFlowPage } from "./NewFlowPage";
import { api, baseRoutes, deliveryBlueprint, flow, flowSummary, slug } from "./testData";

beforeEach(() => signIn());

const templates = [
  { key: "delivery", name: "Delivery", description: "Pending, in progress, delivered.", xml: "<x/>" },
  { key: "stock", name: "Stock", description: "Restock when low.", xml: "<x/>" },
];

/** The flow pages in the app's layout; the designer is a placeholder (bpmn-js needs a real browser). */
const flowRoutes = [
  {
    element: <AppLayout />,
    children: [
      { path: "/t/:slug/flows", element: <FlowListPage /> },
      { path: "/t/:slug/flows/new", element: <NewFlowPage /> },
      { path: "/t/:slug/flows/:key", element: <p>Designer placeholder</p> },
    ],
  },
];

describe("the Flows page", () => {
  it("explains what a flow is when there is none, and offers to draw one", async () => {
    mockApi({ ...baseRoutes(), [`GET ${api}/flows`]: { items: [], next_cursor: null } });
    const u = userEvent.setup();
    const { router } = renderRoutes(flowRoutes, `/t/${slug}/flows`);
    expect(await screen.findByRole("heading", { level: 1, name: "Flows" })).toBeInTheDocument();
    expect(await screen.findByRole("heading", { name: "No flows yet" })).toBeInTheDocument();
    expect(screen.getByText(/A flow describes how a record moves forward/)).toBeInTheDocument();
    expect(within(screen.getByRole("navigation")).getByRole("link", { name: "Flows" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("button", { name: "Start from steps" })).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Draw a flow" }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/t/${slug}/flows/new`));
    expect(router.state.location.search).toBe("?start=empty");
  });

  it("offers steps first, then the Delivery and Stock templates with what each does, and a BPMN file", async () => {
    mockApi({ ...baseRoutes(), [`GET ${api}/flows`]: { items: [], next_cursor: null }, [`GET ${api}/templates`]: templates });
    const u = userEvent.setup();
    const { router } = renderRoutes(flowRoutes, `/t/${slug}/flows`);
    const stock = await screen.findByRole("button", { name: "Stock template" }, { timeout: 5000 });
    const options = within(screen.getByText("Choose how to start:").parentElement!).getAllByRole("button");
    expect(options.map((button) => button.textContent)).toEqual([
      "Start from steps",
      "Delivery template",
      "Stock template",
      "Import a BPMN file",
      "Draw a flow",
    ]);
    expect(screen.getByText(/Delivery started, then Delivered, each stamping its time/)).toBeInTheDocument();
    expect(screen.getByText(/Reserve, Release, Mark out and Restock over In stock, Reserved and Out/)).toBeInTheDocument();
    expect(screen.getByText(/A diagram made in another BPMN modeler/)).toBeInTheDocument();
    expect(stock).toBeEnabled();
    await u.click(screen.getByRole("button", { name: "Import a BPMN file" }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/t/${slug}/flows/new`));
    expect(router.state.location.search).toBe("?start=import");
  });

  it("lists flows with their blueprint, published version and running records", async () => {
    mockApi({
      ...baseRoutes(),
      [`GET ${api}/flows`]: {
        items: [
          flowSummary({ draft_changed: true }),
          flowSummary({ id: "f2", key: "restock", name: "Restock", blueprint: { key: "stock_item", name: "Stock item" }, published_version: null, running_count: 0 }),
        ],
        next_cursor: null,
      },
    });
    renderRoutes(routes, `/t/${slug}/flows`);
    const table = await screen.findByRole("table");
    const [header, first, second] = within(table).getAllByRole("row");
    expect(within(header).getAllByRole("columnheader").map((cell) => cell.textContent)).toEqual(["Name", "Blueprint", "Published version", "Running"]);
    expect(within(first).getByRole("link", { name: "Delivery flow" })).toHaveAttribute("href", `/t/${slug}/flows/delivery`);
    expect(within(first).getByRole("link", { name: "Delivery" })).toHaveAttribute("href", `/t/${slug}/b/delivery`);
    expect(first).toHaveTextContent("Version 2");
    expect(first).toHaveTextContent("changes not published");
    expect(first).toHaveTextContent("3 records");
    expect(second).toHaveTextContent("Not published yet");
    expect(second).toHaveTextContent("0 records");
    expect(screen.getByRole("link", { name: "New flow" })).toHaveAttribute("href", `/t/${slug}/flows/new`);
  });
});

describe("New flow", () => {
  function mock(post = () => jsonResponse(201, flow({ key: "delivery" }))) {
    return mockApi({
      ...baseRoutes(),
      [`GET ${api}/blueprints`]: {
        items: [deliveryBlueprint, blueprintSummary({ id: 32, key: "draft_only", name: "Draft only", published_version: null })],
        next_cursor: null,
      },
      [`GET ${api}/templates`]: templates,
      [`GET ${api}/blueprints/delivery`]: blueprint({ ...deliveryBlueprint }),
      [`GET ${api}/blueprints/delivery/versions/1`]: version(),
      [`POST ${api}/flows`]: post,
    });
  }

  it("creates a flow from a template for a published blueprint and opens the designer", async () => {
    const fetchMock = mock();
    const u = userEvent.setup();
    const { router } = renderRoutes(flowRoutes, `/t/${slug}/flows/new`);
    expect(await screen.findByRole("heading", { level: 1, name: "New flow" })).toBeInTheDocument();
    for (const label of ["Name", "Blueprint", "Description"]) expect(elementsLabelled(label).length, label).toBeGreaterThan(0);
    await u.type(screen.getByRole("textbox", { name: "Name" }), "Delivery flow");
    await u.click(screen.getByRole("combobox", { name: "Blueprint" }));
    expect(screen.queryByRole("option", { name: "Draft only" })).not.toBeInTheDocument();
    await u.click(await screen.findByRole("option", { name: "Delivery" }));
    const startFrom = screen.getByRole("radiogroup", { name: "Start from" });
    expect(within(startFrom).getByRole("radio", { name: "Start from steps" })).toBeChecked();
    await u.click(await within(startFrom).findByRole("radio", { name: "Delivery template" }));
    expect(within(startFrom).getByRole("radio", { name: "Stock template" })).not.toBeChecked();
    await u.click(screen.getByRole("button", { name: "Create flow" }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/t/${slug}/flows/delivery`));
    expect(callsTo(fetchMock, "POST", `${api}/flows`)[0].body).toEqual({ name: "Delivery flow", blueprint: "delivery", template: "delivery" });
  });

  it("asks for a name and a blueprint, and shows the server's messages under the fields", async () => {
    const fetchMock = mock(() =>
      jsonResponse(422, { title: "Unprocessable Entity", status: 422, errors: { name: ["A flow with this name exists."] } }),
    );
    const u = userEvent.setup();
    renderRoutes(flowRoutes, `/t/${slug}/flows/new?blueprint=delivery`);
    await u.click(await screen.findByRole("button", { name: "Create flow" }));
    expect(await screen.findByText("Enter a name for the flow")).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", `${api}/flows`)).toHaveLength(0);

    await u.type(screen.getByRole("textbox", { name: "Name" }), "Delivery flow");
    await u.click(screen.getByRole("radio", { name: "Empty flow" }));
    await u.click(screen.getByRole("button", { name: "Create flow" }));
    await waitFor(() =>
      expect(screen.getByRole("textbox", { name: "Name" })).toHaveAccessibleDescription(expect.stringContaining("A flow with this name exists.")),
    );
    expect(callsTo(fetchMock, "POST", `${api}/flows`)[0].body).toEqual({ name: "Delivery flow", blueprint: "delivery" });
  });

  it("starts a flow from steps on the blueprint's first choice field", async () => {
    const routes = mock();
    const u = userEvent.setup();
    const { router } = renderRoutes(flowRoutes, `/t/${slug}/flows/new?blueprint=delivery&start=steps`);
    await u.type(await screen.findByRole("textbox", { name: "Name" }), "Delivery flow");
    await u.click(screen.getByRole("button", { name: "Create flow" }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/t/${slug}/flows/delivery`));
    expect(callsTo(routes, "POST", `${api}/flows`)[0].body).toEqual({
      name: "Delivery flow",
      blueprint: "delivery",
      steps: { version: 1, state: "type", transitions: [] },
    });
  });

  it("creates a flow from a BPMN file, which opens with that diagram", async () => {
    const fetchMock = mock();
    const u = userEvent.setup();
    const { router } = renderRoutes(flowRoutes, `/t/${slug}/flows/new?blueprint=delivery&start=import`);
    await u.type(await screen.findByRole("textbox", { name: "Name" }, { timeout: 5000 }), "Shipping");
    expect(screen.getByRole("radio", { name: "Import a BPMN file" })).toBeChecked();
    await u.click(screen.getByRole("button", { name: "Create flow" }));
    expect(await screen.findByText("Choose a .bpmn or .xml file to import.", {}, { timeout: 5000 })).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", `${api}/flows`)).toHaveLength(0);

    const file = screen.getByLabelText(/BPMN file/, { selector: "input[type=file]" });
    expect(file).toHaveAttribute("accept", expect.stringContaining(".bpmn"));
    await u.upload(file, new File(["<bpmn:definitions>shipping</bpmn:definitions>"], "shipping.bpmn", { type: "" }));
    await u.click(screen.getByRole("button", { name: "Create flow" }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/t/${slug}/flows/delivery`));
    expect(callsTo(fetchMock, "POST", `${api}/flows`)[0].body).toEqual({
      name: "Shipping",
      blueprint: "delivery",
      xml: "<bpmn:definitions>shipping</bpmn:definitions>",
    });
  });

  it("makes one flow per pool of a diagram with several, each for the blueprint chosen for it", async () => {
    const pools = {
      pools: [
        { process: "order", name: "Orders", blueprint: null },
        { process: "delivery", name: "Deliveries", blueprint: null },
      ],
      warnings: [{ element: "paid_flow", message: "The message flow Paid must start at a message end.", line: null }],
    };
    const fetchMock = mockApi({
      ...baseRoutes(),
      [`GET ${api}/blueprints`]: { items: [deliveryBlueprint, blueprintSummary({ id: 33, key: "order", name: "Order" })], next_cursor: null },
      [`GET ${api}/templates`]: templates,
      [`GET ${api}/flows`]: { items: [], next_cursor: null },
      [`POST ${api}/flow-imports/pools`]: pools,
      [`POST ${api}/flow-imports`]: ({ body }: { body: any }) =>
        body.pools[0].blueprint === "order"
          ? jsonResponse(201, { flows: [flow({ key: "orders" }), flow({ key: "deliveries" })] })
          : jsonResponse(422, { title: "Invalid input", status: 422, errors: { "pools.0.blueprint": ["No blueprint 'delivery' fits."] } }),
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(flowRoutes, `/t/${slug}/flows/new?blueprint=delivery&start=import`);
    await u.type(await screen.findByRole("textbox", { name: "Name" }, { timeout: 5000 }), "Shipping");
    await u.upload(screen.getByLabelText(/BPMN file/, { selector: "input[type=file]" }), new File(["<pools/>"], "pools.bpmn", { type: "" }));
    await u.click(screen.getByRole("button", { name: "Create flow" }));
    expect(await screen.findByRole("heading", { name: "This diagram has 2 pools" }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText("The message flow Paid must start at a message end.")).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Flow name: Orders" })).toHaveValue("Orders");
    expect(screen.getByLabelText("Moves records of: Deliveries")).toHaveValue("Delivery");
    await u.click(screen.getByRole("button", { name: "Create 2 flows" }));
    expect(await screen.findByText("No blueprint 'delivery' fits.", {}, { timeout: 5000 })).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", `${api}/flows`)).toHaveLength(0);

    await u.click(screen.getByLabelText("Moves records of: Orders"));
    await u.click(await screen.findByRole("option", { name: "Order" }));
    await u.click(screen.getByRole("button", { name: "Create 2 flows" }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/t/${slug}/flows`));
    expect(callsTo(fetchMock, "POST", `${api}/flow-imports`).at(-1)!.body).toEqual({
      xml: "<pools/>",
      pools: [
        { process: "order", name: "Orders", blueprint: "order" },
        { process: "delivery", name: "Deliveries", blueprint: "delivery" },
      ],
    });
  });

  it("shows the server's refusal of a file that is not a diagram under the file", async () => {
    mock(() =>
      jsonResponse(422, {
        title: "Unprocessable Entity",
        status: 422,
        errors: { xml: ["This is not well-formed XML: a tag is not closed (line 1)."] },
      }),
    );
    const u = userEvent.setup();
    const { router } = renderRoutes(flowRoutes, `/t/${slug}/flows/new?blueprint=delivery`);
    await u.type(await screen.findByRole("textbox", { name: "Name" }, { timeout: 5000 }), "Shipping");
    await u.click(screen.getByRole("radio", { name: "Import a BPMN file" }));
    await u.upload(screen.getByLabelText(/BPMN file/, { selector: "input[type=file]" }), new File(["<notes"], "notes.xml", { type: "text/xml" }));
    await u.click(screen.getByRole("button", { name: "Create flow" }));
    expect(await screen.findByText("This is not well-formed XML: a tag is not closed (line 1).", {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByLabelText(/BPMN file/, { selector: "input[type=file]" })).toHaveAttribute("aria-invalid", "true");
    expect(router.state.location.pathname).toBe(`/t/${slug}/flows/new`);
  });

  it("offers the templates with a line each, and creates a flow from the Stock template", async () => {
    const fetchMock = mock(() => jsonResponse(201, flow({ key: "stock" })));
    const u = userEvent.setup();
    const { router } = renderRoutes(flowRoutes, `/t/${slug}/flows/new?blueprint=delivery&start=stock`);
    const startFrom = await screen.findByRole("radiogroup", { name: "Start from" }, { timeout: 5000 });
    const stock = await within(startFrom).findByRole("radio", { name: "Stock template" }, { timeout: 5000 });
    expect(stock).toBeChecked();
    expect(stock).toHaveAccessibleDescription(expect.stringContaining("Adds a Stock state field when the blueprint has none."));
    expect(within(startFrom).getAllByRole("radio").map((radio) => radio.getAttribute("value"))).toEqual(["steps", "delivery", "stock", "import", "empty"]);
    await u.type(screen.getByRole("textbox", { name: "Name" }), "Stock");
    await u.click(screen.getByRole("button", { name: "Create flow" }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/t/${slug}/flows/stock`));
    expect(callsTo(fetchMock, "POST", `${api}/flows`)[0].body).toEqual({ name: "Stock", blueprint: "delivery", template: "stock" });
  });

  it("says a blueprint must be published first when there is none", async () => {
    mockApi({
      ...baseRoutes(),
      [`GET ${api}/blueprints`]: { items: [blueprintSummary({ published_version: null })], next_cursor: null },
      [`GET ${api}/templates`]: templates,
    });
    renderRoutes(flowRoutes, `/t/${slug}/flows/new`);
    expect(await screen.findByText(/Create a blueprint and publish it first/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to the blueprints" })).toHaveAttribute("href", `/t/${slug}/blueprints`);
    expect(screen.getByRole("button", { name: "Create flow" })).toBeDisabled();
  });
});
