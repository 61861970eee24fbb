import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { setSession } from "../../api/client";
import { jsonResponse, renderRoutes } from "../../test/render";
import { NewTenantPage } from "./NewTenantPage";

const user = { id: 1, email: "ada@loom.test", confirmed_at: null, created_at: "2025-01-01T00:00:00Z" };

function renderForm() {
  return renderRoutes(
    [
      { path: "/tenants/new", element: <NewTenantPage /> },
      { path: "/t/:slug", element: <p>Workspace home</p> },
    ],
    "/tenants/new",
  );
}

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  setSession({
    user,
    access_token: "tok",
    access_expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    refresh_expires_at: new Date(Date.now() + 3_600_000).toISOString(),
  });
  fetchMock = vi.fn();
  vi.stubGlobal("fetch", fetchMock);
});

describe("New workspace", () => {
  it("fills the slug from the name until the slug is edited", async () => {
    const u = userEvent.setup();
    renderForm();
    await u.type(screen.getByLabelText("Name"), "Café Zürich");
    const slug = screen.getByLabelText("Slug");
    expect(slug).toHaveValue("cafe-zurich");
    expect(screen.getByText(`Your workspace will be at ${window.location.origin}/t/cafe-zurich`)).toBeInTheDocument();

    await u.clear(slug);
    await u.type(slug, "zurich");
    await u.type(screen.getByLabelText("Name"), " Nord");
    expect(slug).toHaveValue("zurich");
  });

  it("shows the server's field errors under the fields", async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(422, {
        title: "Unprocessable Entity",
        status: 422,
        detail: "Some fields are not valid.",
        errors: { slug: ["This slug is already taken."], timezone: ["Unknown timezone."] },
      }),
    );
    const u = userEvent.setup();
    renderForm();
    await u.type(screen.getByLabelText("Name"), "X Delivery System");
    await u.click(screen.getByRole("button", { name: "Create workspace" }));

    const slug = screen.getByLabelText("Slug");
    await waitFor(() => expect(slug).toHaveAccessibleDescription(expect.stringContaining("This slug is already taken.")));
    expect(slug).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("combobox", { name: "Timezone" })).toHaveAccessibleDescription(
      expect.stringContaining("Unknown timezone."),
    );
    // Every message found its field, so there is no alert on top.
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();

    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe("/api/tenants");
    expect(JSON.parse(String(init.body))).toEqual({
      name: "X Delivery System",
      slug: "x-delivery-system",
      timezone: expect.any(String),
      language: "en",
    });
  });

  it("shows the problem's detail in an alert when no field matches", async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(422, { title: "Unprocessable Entity", status: 422, detail: "You have reached the workspace limit." }),
    );
    const u = userEvent.setup();
    renderForm();
    await u.type(screen.getByLabelText("Name"), "X Stock");
    await u.click(screen.getByRole("button", { name: "Create workspace" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("You have reached the workspace limit.");
  });

  it("checks the slug before sending and opens the new workspace on success", async () => {
    const u = userEvent.setup();
    const { router } = renderForm();
    await u.type(screen.getByLabelText("Name"), "ab");
    await u.click(screen.getByRole("button", { name: "Create workspace" }));
    expect(screen.getByLabelText("Slug")).toHaveAccessibleDescription(expect.stringContaining("3 to 63 lowercase letters"));
    expect(fetchMock).not.toHaveBeenCalled();

    fetchMock.mockResolvedValue(
      jsonResponse(201, {
        id: 9,
        name: "abc",
        slug: "abc",
        timezone: "UTC",
        language: "en",
        role: "owner",
        created_at: "2025-01-01T00:00:00Z",
        updated_at: "2025-01-01T00:00:00Z",
      }),
    );
    await u.type(screen.getByLabelText("Name"), "c");
    await u.click(screen.getByRole("button", { name: "Create workspace" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/abc"));
  });
});
