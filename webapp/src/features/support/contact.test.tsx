import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { clearSession, setSession } from "../../api/client";
import { routes } from "../../app/router";
import { callsTo, mockApi } from "../../test/api";
import { jsonResponse, renderRoutes } from "../../test/render";

const later = () => new Date(Date.now() + 3_600_000).toISOString();
const user = { id: 7, email: "ada@loom.test", confirmed_at: null, created_at: "2026-11-20T00:00:00Z" };

beforeEach(() => clearSession("expired"));

describe("contact support", () => {
  it("is linked from every page and asks a visitor for an address", async () => {
    const api = mockApi({
      "POST /api/support/contact": ({ body }) =>
        (body as { email?: string }).email === "taken@"
          ? jsonResponse(422, { title: "Invalid input", status: 422, errors: { email: ["Not a valid email address."] } })
          : jsonResponse(202, { status: "sent" }),
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/signin");
    await u.click(screen.getByRole("link", { name: "contact form" }));
    expect(await screen.findByRole("heading", { name: "Contact support" })).toBeInTheDocument();
    expect(screen.getByText("You can also write directly to support@loom.test.")).toBeInTheDocument();

    await u.click(screen.getByRole("button", { name: "Send message" }));
    expect(screen.getByLabelText("Subject")).toHaveAccessibleDescription("Write what your message is about");
    expect(callsTo(api, "POST", "/api/support/contact")).toHaveLength(0);

    await u.type(screen.getByLabelText("Your email"), "visitor@example.com");
    await u.type(screen.getByLabelText("Subject"), "Cannot sign in");
    await u.type(screen.getByLabelText("Message"), "  The link does not work.  ");
    await u.click(screen.getByRole("button", { name: "Send message" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Your message is on its way.");
    expect(callsTo(api, "POST", "/api/support/contact")[0].body).toEqual({
      topic: "Cannot sign in",
      message: "The link does not work.",
      email: "visitor@example.com",
    });
  });

  it("uses the account's address when signed in", async () => {
    setSession({ user, access_token: "tok", access_expires_at: later(), refresh_expires_at: later() });
    const api = mockApi({ "POST /api/support/contact": () => jsonResponse(202, { status: "sent" }) });
    const u = userEvent.setup();
    renderRoutes(routes, "/contact");
    expect(screen.queryByLabelText("Your email")).not.toBeInTheDocument();
    await u.type(screen.getByLabelText("Subject"), "Idea");
    await u.type(screen.getByLabelText("Message"), "Dark mode, please.");
    await u.click(screen.getByRole("button", { name: "Send message" }));
    await waitFor(() => expect(callsTo(api, "POST", "/api/support/contact")).toHaveLength(1));
    const [call] = fetchCalls(api);
    expect(call.body).toEqual({ topic: "Idea", message: "Dark mode, please." });
    expect(call.auth).toBe("Bearer tok");
  });
});

function fetchCalls(api: ReturnType<typeof mockApi>) {
  return api.mock.calls.map(([, init]) => ({
    body: JSON.parse(String((init as RequestInit).body)) as unknown,
    auth: ((init as RequestInit).headers as Record<string, string>).Authorization,
  }));
}
