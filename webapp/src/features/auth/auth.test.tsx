import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { clearSession, getSession } from "../../api/client";
import { routes } from "../../app/router";
import { elementsLabelled } from "../../test/labels";
import { jsonResponse, renderRoutes } from "../../test/render";
import { sendCredentials } from "../../test/signIn";

const user = { id: 1, email: "ada@loom.test", confirmed_at: "2025-01-01T00:00:00Z", created_at: "2025-01-01T00:00:00Z" };
const later = () => new Date(Date.now() + 3_600_000).toISOString();

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  clearSession("expired");
  fetchMock = vi.fn();
  vi.stubGlobal("fetch", fetchMock);
});

describe("sign-up", () => {
  it("creates the account and asks to check the email", async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { user }));
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/signup");
    expect(screen.getByRole("heading", { name: "Create your account" })).toBeInTheDocument();
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("At least 12 characters.");
    await sendCredentials(u, "Create account");

    expect(await screen.findByRole("heading", { name: "Check your email" })).toBeInTheDocument();
    expect(router.state.location.search).toBe("?email=ada%40loom.test");
    expect(screen.getByText(/sent a confirmation link to ada@loom.test/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Open the dev mailbox" })).toHaveAttribute("href", "/dev/mailbox");

    fetchMock.mockResolvedValue(jsonResponse(200, {}));
    await u.click(screen.getByRole("button", { name: "Send the link again" }));
    expect(await screen.findByText("We sent a new link to ada@loom.test.")).toBeInTheDocument();
    expect(fetchMock).toHaveBeenLastCalledWith("/api/auth/confirm", expect.objectContaining({ method: "POST", body: '{"email":"ada@loom.test"}' }));
  });

  it("refuses a short password before asking the server", async () => {
    const u = userEvent.setup();
    renderRoutes(routes, "/signup");
    await sendCredentials(u, "Create account", "short");
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription(expect.stringContaining("Use at least 12 characters"));
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("gives each field exactly one element labelled with its name", () => {
    renderRoutes(routes, "/signup");
    expect(elementsLabelled("Email")).toHaveLength(1);
    expect(elementsLabelled("Password")).toHaveLength(1);
  });
});

describe("sign-in", () => {
  it("signs in and opens the page asked for", async () => {
    fetchMock.mockImplementation(async (url: string) =>
      url === "/api/auth/login"
        ? jsonResponse(200, { user, access_token: "tok", access_expires_at: later(), refresh_expires_at: later() })
        : jsonResponse(200, { items: [], next_cursor: null }),
    );
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/signin?next=%2Ftenants%2Fnew");
    await sendCredentials(u, "Sign in");
    await waitFor(() => expect(router.state.location.pathname).toBe("/tenants/new"));
    expect(getSession()).toMatchObject({ status: "signed-in", accessToken: "tok" });
    expect(await screen.findByRole("heading", { name: "New workspace" })).toBeInTheDocument();
  });

  it("shows an unconfirmed address under Email and offers a new link", async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(422, { title: "Unprocessable Entity", status: 422, errors: { email: ["Email requires confirmation."] } }),
    );
    const u = userEvent.setup();
    renderRoutes(routes, "/signin");
    await sendCredentials(u, "Sign in");
    await waitFor(() =>
      expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Email requires confirmation."),
    );
    fetchMock.mockResolvedValueOnce(jsonResponse(200, {}));
    await u.click(screen.getByRole("button", { name: "Send the link again" }));
    expect(await screen.findByText("We sent a new confirmation link to ada@loom.test.")).toBeInTheDocument();
  });

  it("welcomes a confirmed address and explains a bad link", async () => {
    const { unmount } = renderRoutes(routes, "/signin?confirmed=1");
    expect(screen.getByRole("alert")).toHaveTextContent("Your email is confirmed. You can sign in now.");
    unmount();

    const u = userEvent.setup();
    renderRoutes(routes, "/signin?confirm_error=1");
    expect(screen.getByRole("alert")).toHaveTextContent(/invalid or has expired/);
    await u.click(screen.getByRole("button", { name: "Send a new link" }));
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Enter your email address first");
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("sends visitors of signed-in pages to sign in, with the way back", async () => {
    const { router } = renderRoutes(routes, "/t/x-stock/settings");
    await waitFor(() => expect(router.state.location.pathname).toBe("/signin"));
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent("/t/x-stock/settings")}`);
    expect(screen.getByRole("heading", { name: "Sign in to Loom" })).toBeInTheDocument();
  });
});
