import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { routes } from "../../app/router";
import { signIn, tenant } from "../../test/fixtures";
import { elementsLabelled } from "../../test/labels";
import { jsonResponse, renderRoutes } from "../../test/render";

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  signIn();
  fetchMock = vi.fn();
  vi.stubGlobal("fetch", fetchMock);
});

describe("Your workspaces", () => {
  it("invites to create the first workspace when there is none", async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { items: [], next_cursor: null }));
    renderRoutes(routes, "/");
    expect(await screen.findByText("You have no workspaces yet")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "Your workspaces" })).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledWith("/api/tenants?limit=50", expect.anything());
    await userEvent.setup().click(screen.getByRole("button", { name: "Create your first workspace" }));
    expect(await screen.findByRole("heading", { name: "New workspace" })).toBeInTheDocument();
  });

  it("lists workspaces as links and pages with the cursor", async () => {
    fetchMock.mockImplementation(async (url: string) =>
      url.includes("cursor=c2")
        ? jsonResponse(200, { items: [tenant({ id: 2, name: "X Stock", slug: "x-stock" })], next_cursor: null })
        : jsonResponse(200, { items: [tenant()], next_cursor: "c2" }),
    );
    const u = userEvent.setup();
    renderRoutes(routes, "/");
    expect(await screen.findByRole("link", { name: "X Delivery System" })).toHaveAttribute("href", "/t/x-delivery-system");
    expect(screen.getByRole("link", { name: "New workspace" })).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Show more workspaces" }));
    expect(await screen.findByRole("link", { name: "X Stock" })).toHaveAttribute("href", "/t/x-stock");
  });
});

describe("workspace home", () => {
  it("shows the name, the navigation and the first step", async () => {
    fetchMock.mockImplementation(async (url: string) => {
      if (url === "/api/tenants/x-delivery-system") return jsonResponse(200, tenant());
      if (url.startsWith("/api/tenants/x-delivery-system/blueprints")) return jsonResponse(200, { items: [], next_cursor: null });
      return jsonResponse(200, { items: [tenant()], next_cursor: null });
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/t/x-delivery-system");
    expect(await screen.findByRole("heading", { level: 1, name: "X Delivery System" })).toBeInTheDocument();
    expect(screen.getByText("Timezone: Europe/Berlin · Language: Deutsch")).toBeInTheDocument();
    const nav = screen.getByRole("navigation");
    expect(within(nav).getByRole("link", { name: "Home" })).toHaveAttribute("aria-current", "page");
    expect(within(nav).getByRole("link", { name: "Blueprints" })).toHaveAttribute("href", "/t/x-delivery-system/blueprints");
    expect(screen.getByRole("link", { name: "Settings" })).toHaveAttribute("href", "/t/x-delivery-system/settings");
    expect(await screen.findByRole("heading", { name: "Design your first blueprint" })).toBeInTheDocument();
    const design = screen.getByRole("button", { name: "Design a blueprint" });
    expect(design).not.toHaveAttribute("aria-disabled");
    await u.click(design);
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/x-delivery-system/blueprints/new"));
  });

  it("says a workspace the user may not see is not found", async () => {
    fetchMock.mockImplementation(async (url: string) =>
      url.startsWith("/api/tenants/")
        ? jsonResponse(404, { title: "Not Found", status: 404 })
        : jsonResponse(200, { items: [], next_cursor: null }),
    );
    renderRoutes(routes, "/t/someone-elses");
    expect(await screen.findByRole("heading", { name: "Workspace not found" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Your workspaces" })).toHaveAttribute("href", "/");
  });
});

describe("workspace settings", () => {
  it("saves only what changed and follows a new slug", async () => {
    fetchMock.mockImplementation(async (url: string, init?: RequestInit) => {
      if (init?.method === "PATCH") {
        const changes = JSON.parse(String(init.body)) as object;
        return jsonResponse(200, tenant({ ...changes }));
      }
      if (url === "/api/tenants/x-delivery-system") return jsonResponse(200, tenant());
      return jsonResponse(200, { items: [tenant()], next_cursor: null });
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/t/x-delivery-system/settings");
    const slug = await screen.findByLabelText("Slug");
    expect(screen.getByRole("heading", { name: "Workspace settings" })).toBeInTheDocument();
    for (const label of ["Name", "Slug", "Timezone", "Language"]) expect(elementsLabelled(label)).toHaveLength(1);

    await u.clear(slug);
    await u.type(slug, "x-delivery");
    await u.click(screen.getByRole("button", { name: "Save changes" }));

    expect(await screen.findByText("Saved")).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/x-delivery/settings"));
    const patch = fetchMock.mock.calls.find(([, init]) => (init as RequestInit | undefined)?.method === "PATCH");
    expect(patch?.[0]).toBe("/api/tenants/x-delivery-system");
    expect(JSON.parse(String((patch?.[1] as RequestInit).body))).toEqual({ slug: "x-delivery" });
    expect(screen.getByLabelText("Slug")).toHaveValue("x-delivery");
  });

  it("shows the workspace switcher in the header", async () => {
    fetchMock.mockImplementation(async (url: string) =>
      url === "/api/tenants/x-delivery-system"
        ? jsonResponse(200, tenant())
        : jsonResponse(200, { items: [tenant(), tenant({ id: 2, name: "X Stock", slug: "x-stock" })], next_cursor: null }),
    );
    const u = userEvent.setup();
    renderRoutes(routes, "/t/x-delivery-system/settings");
    const banner = await screen.findByRole("banner");
    await u.click(await within(banner).findByRole("button", { name: "X Delivery System" }));
    expect(await screen.findByRole("menuitem", { name: "X Stock" })).toHaveAttribute("href", "/t/x-stock");
  });
});
