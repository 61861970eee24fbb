import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AdminStatus } from "../api/admin";
import { clearSession, getSession, setSession } from "../api/client";
import type { User } from "../api/types";
import { routes } from "../app/router";
import { callsTo, mockApi } from "../test/api";
import { adminUser } from "../test/fixtures";
import { jsonResponse, renderRoutes } from "../test/render";

// The back office is loaded on demand; load it once up front so the first test's waits measure
// the page, not the module's first compilation on a busy machine.
beforeAll(async () => {
  await import("./AdminApp");
}, 60_000);

const later = () => new Date(Date.now() + 3_600_000).toISOString();
const root: User = { id: 1, email: "admin@loom.test", confirmed_at: null, created_at: "2026-11-20T00:00:00Z", admin: true };
const ada: User = { id: 7, email: "ada@loom.test", confirmed_at: "2026-11-20T00:00:00Z", created_at: "2026-11-20T00:00:00Z", admin: false };
const tokens = (user: User, access_token = "tok") => ({ user, access_token, access_expires_at: later(), refresh_expires_at: later() });
const hardened: AdminStatus = { email: root.email, next_step: null };

beforeEach(() => clearSession("expired"));

describe("the admin sign-in", () => {
  it("signs an ordinary account out again and says where its sign-in is", async () => {
    const api = mockApi({ "POST /api/auth/login": tokens(ada), "POST /api/auth/logout": {} });
    const u = userEvent.setup();
    renderRoutes(routes, "/admin/login");
    await u.type(await screen.findByLabelText("Email"), "ada@loom.test");
    await u.type(screen.getByLabelText("Password"), "correct horse battery staple");
    await u.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("This account is not an administrator")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Sign in to your workspaces instead" })).toHaveAttribute("href", "/signin");
    expect(getSession().status).toBe("signed-out");
    expect(callsTo(api, "POST", "/api/auth/logout")).toHaveLength(1);
  });

  it("walks a new admin through the three steps in order, then opens the back office", async () => {
    let step: AdminStatus["next_step"] = "change_password";
    const api = mockApi({
      "POST /api/auth/login": tokens(root),
      "GET /api/admin/status": () => jsonResponse(200, { email: root.email, next_step: step }),
      "POST /api/auth/change": () => {
        step = "confirm_email";
        return jsonResponse(200, tokens(root, "new"));
      },
      "GET /api/auth/sessions": { items: [] },
      "POST /api/auth/confirm": {},
      "POST /api/auth/tf-setup": {
        tf_state_token: "state",
        tf_authr_qrcode: "data:image/png;base64,AA==",
        tf_authr_uri: "otpauth://totp/Loom:admin",
        tf_authr_b32key: "JBSWY3DPEHPK3PXP",
        tf_authr_issuer: "Loom",
        tf_authr_username: root.email,
      },
      "POST /api/auth/tf-setup/state": { recovery_codes: ["aaaa-bbbb", "cccc-dddd"] },
      "GET /api/auth/me": { ...root, confirmed_at: "2026-11-20T00:00:00Z" },
      "GET /api/admin/users": { items: [adminUser()], next_cursor: null },
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/admin/login");
    await u.type(await screen.findByLabelText("Email"), root.email);
    await u.type(screen.getByLabelText("Password"), "the initial one");
    await u.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("heading", { name: "Secure your administrator account" })).toBeInTheDocument();
    await u.type(screen.getByLabelText("Current password"), "the initial one");
    await u.type(screen.getByLabelText("New password"), "a much better passphrase 42");
    await u.click(screen.getByRole("button", { name: "Change password" }));
    expect(callsTo(api, "POST", "/api/auth/change")[0].body).toEqual({ password: "the initial one", new_password: "a much better passphrase 42" });

    await u.click(await screen.findByRole("button", { name: "Send the link" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Sent to admin@loom.test");
    expect(callsTo(api, "POST", "/api/auth/confirm")[0].body).toEqual({ email: root.email });
    step = "two_factor_setup";
    await u.click(screen.getByRole("button", { name: "I have opened the link" }));
    expect(await screen.findByRole("img", { name: /QR code/ })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Send the link" })).not.toBeInTheDocument();

    await u.type(screen.getByLabelText("Code from the app"), "123456");
    await u.click(screen.getByRole("button", { name: "Turn on two-step sign-in" }));
    expect(callsTo(api, "POST", "/api/auth/tf-setup/state")[0].body).toEqual({ code: "123456" });
    await u.click(await screen.findByLabelText("I have saved my recovery codes"));
    step = null;
    await u.click(screen.getByRole("button", { name: "Continue" }));
    expect(await screen.findByRole("heading", { name: "Users" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/admin/users");
    expect(screen.getByRole("link", { name: "ada@loom.test" })).toHaveAttribute("href", "/admin/users/7");
  });

  it("sends an admin who opens the app to the back office", async () => {
    setSession(tokens(root));
    mockApi({ "GET /api/admin/status": hardened, "GET /api/admin/users": { items: [], next_cursor: null } });
    const { router } = renderRoutes(routes, "/");
    await waitFor(() => expect(router.state.location.pathname).toBe("/admin/users"));
    expect(await screen.findByText("No accounts yet")).toBeInTheDocument();
  });
});
