import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { clearSession, getSession, setSession } from "../../api/client";
import type { User } from "../../api/types";
import { routes } from "../../app/router";
import { callsTo, mockApi, type Handler } from "../../test/api";
import { jsonResponse, renderRoutes } from "../../test/render";
import { openAccountSection, openDialog, prove } from "./testSteps";

const later = () => new Date(Date.now() + 3_600_000).toISOString();
const user: User = { id: 7, email: "ada@loom.test", confirmed_at: null, created_at: "2026-11-20T00:00:00Z" };
const tokens = (access_token: string) => ({ user, access_token, access_expires_at: later(), refresh_expires_at: later() });
const sessions = [
  { id: 1, name: "Chrome on Linux", created_at: "2026-11-20T08:00:00Z", last_used_at: "2026-11-23T08:00:00Z", expires_at: later(), current: true },
  { id: 2, name: "Firefox on Windows", created_at: "2026-11-21T08:00:00Z", last_used_at: "2026-11-22T08:00:00Z", expires_at: later(), current: false },
];

/** Signs in (Ada, unless `who` is given) and answers the account page's API: the sessions, and what the test adds. */
function signedIn(answers: Record<string, Handler | object>, { who = user, token = "tok" }: { who?: User; token?: string } = {}) {
  setSession({ ...tokens(token), user: who });
  return mockApi({ "GET /api/auth/sessions": { items: sessions }, ...answers });
}

beforeEach(() => clearSession("expired"));

describe("password", () => {
  it("asks for a reset link and says the same whatever the address", async () => {
    const api = mockApi({ "POST /api/auth/reset": {} });
    const u = userEvent.setup();
    renderRoutes(routes, "/signin");
    await u.click(screen.getByRole("link", { name: "Forgot your password?" }));
    await u.type(await screen.findByLabelText("Email"), "ada@loom.test");
    await u.click(screen.getByRole("button", { name: "Send the link" }));
    expect(await screen.findByRole("status")).toHaveTextContent("If an account uses ada@loom.test, we sent it a link");
    expect(callsTo(api, "POST", "/api/auth/reset")[0].body).toEqual({ email: "ada@loom.test" });
  });

  it("explains a bad link", () => {
    renderRoutes(routes, "/forgot-password?reset_error=1");
    expect(screen.getByRole("alert")).toHaveTextContent("invalid, was already used, or has expired");
  });

  it("sets a new password from the link, then asks to sign in with it", async () => {
    const api = mockApi({
      "POST /api/auth/reset/tok.en": ({ body }) =>
        (body as { password: string }).password === "too weak but long"
          ? jsonResponse(422, { title: "Invalid input", status: 422, errors: { password: ["Password not complex enough"] } })
          : jsonResponse(200, {}),
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/reset-password?token=tok.en");
    await u.type(screen.getByLabelText("New password"), "too weak but long");
    await u.click(screen.getByRole("button", { name: "Save the new password" }));
    await waitFor(() => expect(screen.getByLabelText("New password")).toHaveAccessibleDescription(/Password not complex enough/));
    await u.clear(screen.getByLabelText("New password"));
    await u.type(screen.getByLabelText("New password"), "a much better passphrase 42");
    await u.click(screen.getByRole("button", { name: "Save the new password" }));
    await waitFor(() => expect(router.state.location.search).toBe("?reset=1"));
    expect(await screen.findByText("Your password is changed. Sign in with the new one.")).toBeInTheDocument();
    expect(callsTo(api, "POST", "/api/auth/reset/tok.en")).toHaveLength(2);
  });

  it("changes the password with the current one and keeps this session on new tokens", async () => {
    const api = signedIn({
      "POST /api/auth/change": ({ body }) =>
        (body as { password: string }).password === "wrong one"
          ? jsonResponse(422, { title: "Invalid input", status: 422, errors: { password: ["Invalid password"] } })
          : jsonResponse(200, tokens("new")),
    }, { token: "old" });
    const { u, section } = await openAccountSection("Password");
    await u.type(within(section).getByLabelText("Current password"), "wrong one");
    await u.type(within(section).getByLabelText("New password"), "a much better passphrase 42");
    await u.click(within(section).getByRole("button", { name: "Change password" }));
    await waitFor(() =>
      expect(within(section).getByLabelText("Current password")).toHaveAccessibleDescription("Invalid password"),
    );
    expect(getSession().accessToken).toBe("old");

    await u.clear(within(section).getByLabelText("Current password"));
    await u.type(within(section).getByLabelText("Current password"), "the right one");
    await u.click(within(section).getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("Your password is changed. Every other session is signed out.")).toBeInTheDocument();
    expect(getSession().accessToken).toBe("new");
    expect(callsTo(api, "POST", "/api/auth/change")[1].body).toEqual({ password: "the right one", new_password: "a much better passphrase 42" });
  });
});

describe("sessions", () => {
  it("lists where the user is signed in and signs another one out after asking", async () => {
    let items = sessions;
    const api = signedIn({
      "GET /api/auth/sessions": () => jsonResponse(200, { items }),
      "DELETE /api/auth/sessions/2": () => {
        items = sessions.slice(0, 1);
        return new Response(null, { status: 204 });
      },
    });
    const { u, section } = await openAccountSection("Where you are signed in");
    const list = await within(section).findByRole("list");
    expect(within(list).getAllByRole("listitem")).toHaveLength(2);
    expect(within(list).getAllByRole("listitem")[0]).toHaveTextContent("This browser");
    const dialog = await openDialog(u, section, "Sign out of Firefox on Windows", "Sign out of this session?");
    expect(dialog).toHaveTextContent("Firefox on Windows is signed out at once");
    await u.click(within(dialog).getByRole("button", { name: "Sign out" }));
    await waitFor(() => expect(within(section).getAllByRole("listitem")).toHaveLength(1));
    expect(callsTo(api, "DELETE", "/api/auth/sessions/2")).toHaveLength(1);
    expect(getSession().status).toBe("signed-in");
  });

  it("signing out this browser's session ends up on the sign-in page", async () => {
    signedIn({
      "DELETE /api/auth/sessions/1": () => new Response(null, { status: 204 }),
    });
    const { u, router, section } = await openAccountSection("Where you are signed in");
    const dialog = await openDialog(u, section, "Sign out of Chrome on Linux", "Sign out of this session?");
    expect(dialog).toHaveTextContent("you will be signed out here");
    await u.click(within(dialog).getByRole("button", { name: "Sign out" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/signin"));
    expect(getSession().status).toBe("signed-out");
  });
});

describe("signing out everywhere", () => {
  it("asks first, then ends every session and lands on the sign-in page", async () => {
    const api = signedIn({
      "DELETE /api/auth/sessions": () => new Response(null, { status: 204 }),
    });
    const { u, router, section } = await openAccountSection("Where you are signed in");
    const dialog = await openDialog(u, section, "Sign out everywhere", "Sign out everywhere?");
    expect(dialog).toHaveTextContent("this one too");
    await u.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(callsTo(api, "DELETE", "/api/auth/sessions")).toHaveLength(0);
    await u.click(within(section).getByRole("button", { name: "Sign out everywhere" }));
    await u.click(within(await screen.findByRole("dialog", { name: "Sign out everywhere?" })).getByRole("button", { name: "Sign out everywhere" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/signin"));
    expect(callsTo(api, "DELETE", "/api/auth/sessions")).toHaveLength(1);
    expect(getSession().status).toBe("signed-out");
  });
});

describe("deleting the account", () => {
  it("asks for the password and the app's code, then signs out and says it is under way", async () => {
    const withTwoFactor: User = {
      ...user,
      has_password: true,
      two_factor: { enabled: true, prompt: false, required: false, due_at: "2026-12-20T00:00:00Z" },
    };
    const api = signedIn({
      "POST /api/account/delete": ({ body }) =>
        (body as { password: string }).password === "wrong"
          ? jsonResponse(422, { title: "Invalid input", status: 422, errors: { password: ["The password is not right."] } })
          : jsonResponse(202, { job_id: "j1" }),
    }, { who: withTwoFactor });
    const { u, router, section } = await openAccountSection("Delete my account");
    const dialog = await openDialog(u, section, "Delete my account…", "Delete your account for good?");
    const confirm = within(dialog).getByRole("button", { name: "Delete my account for good" });
    expect(confirm).toBeDisabled();
    await prove(u, dialog, "wrong", "123456");
    await u.click(within(dialog).getByLabelText("I understand that this cannot be undone"));
    await u.click(confirm);
    await waitFor(() =>
      expect(within(dialog).getByLabelText("Your password")).toHaveAccessibleDescription("The password is not right."),
    );
    expect(getSession().status).toBe("signed-in");

    await u.clear(within(dialog).getByLabelText("Your password"));
    await u.type(within(dialog).getByLabelText("Your password"), "right one");
    await u.click(confirm);
    await waitFor(() => expect(router.state.location.pathname).toBe("/signin"));
    expect(getSession().status).toBe("signed-out");
    expect(router.state.location.search).toBe("?deleted=1");
    expect(await screen.findByText(/Your account is being deleted/)).toBeInTheDocument();
    expect(callsTo(api, "POST", "/api/account/delete")[1].body).toEqual({ password: "right one", code: "123456" });
  });

  it("says to wait for the next code when the proof's code was used already", async () => {
    const withTwoFactor: User = {
      ...user,
      has_password: true,
      two_factor: { enabled: true, prompt: false, required: false, due_at: "2026-12-20T00:00:00Z" },
    };
    const used = "This code was already used. Wait for the next code in your authenticator app.";
    signedIn({
      "POST /api/account/delete": () =>
        jsonResponse(422, { title: "Invalid input", status: 422, errors: { code: [used] }, reason: "code_used" }),
    }, { who: withTwoFactor });
    const { u, section } = await openAccountSection("Delete my account");
    const dialog = await openDialog(u, section, "Delete my account…", "Delete your account for good?");
    await prove(u, dialog, "right one", "123456");
    await u.click(within(dialog).getByLabelText("I understand that this cannot be undone"));
    await u.click(within(dialog).getByRole("button", { name: "Delete my account for good" }));
    await waitFor(() =>
      expect(within(dialog).getByLabelText("Code from your authenticator app")).toHaveAccessibleDescription(expect.stringContaining(used)),
    );
    expect(getSession().status).toBe("signed-in");
  });

  it("asks an account without password or app for its email instead", async () => {
    signedIn({}, { who: { ...user, has_password: false } });
    const u = userEvent.setup();
    renderRoutes(routes, "/account");
    expect(await screen.findByRole("region", { name: "Password" })).toHaveTextContent("Your account has no password");
    await u.click(screen.getByRole("button", { name: "Delete my account…" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete your account for good?" });
    expect(within(dialog).queryByLabelText("Your password")).not.toBeInTheDocument();
    expect(within(dialog).getByLabelText("Type your email address (ada@loom.test)")).toBeInTheDocument();
  });
});
