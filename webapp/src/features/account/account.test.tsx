import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { clearSession, getSession, setSession } from "../../api/client";
import type { TwoFactorStatus, User } from "../../api/types";
import { routes } from "../../app/router";
import i18n from "../../i18n";
import { callsTo, mockApi } from "../../test/api";
import { jsonResponse, renderRoutes } from "../../test/render";
import { openAccountSection, openDialog, prove } from "./testSteps";
import { sendCredentials } from "../../test/signIn";

const later = () => new Date(Date.now() + 3_600_000).toISOString();
const status = (over: Partial<TwoFactorStatus> = {}): TwoFactorStatus => ({
  enabled: false,
  prompt: true,
  required: false,
  due_at: "2026-12-24T10:00:00Z",
  ...over,
});
const person = (two_factor: TwoFactorStatus): User => ({
  id: 7,
  email: "ada@loom.test",
  confirmed_at: "2026-11-20T00:00:00Z",
  created_at: "2026-11-20T00:00:00Z",
  two_factor,
});
const tokens = (user: User) => ({ user, access_token: "tok", access_expires_at: later(), refresh_expires_at: later() });
const setupAnswer = {
  tf_state_token: "state.1",
  tf_authr_qrcode: "data:image/svg+xml;base64,PHN2Zy8+",
  tf_authr_uri: "otpauth://totp/Loom:ada@loom.test?secret=ABC",
  tf_authr_b32key: "ABCDEFGHIJKL",
  tf_authr_issuer: "Loom",
  tf_authr_username: "ada@loom.test",
};
const codes = ["aaaa-bbbb", "cccc-dddd"];

beforeEach(() => {
  clearSession("expired");
  localStorage.clear();
});

describe("signing in with two-step sign-in", () => {
  it("asks for the app's code after the password, then opens the page asked for", async () => {
    const api = mockApi({
      "POST /api/auth/login": { tf_required: true, tf_state: "ready", tf_primary_method: "authenticator" },
      "POST /api/auth/tf-validate": ({ body }) =>
        (body as { code: string }).code === "123456"
          ? jsonResponse(200, tokens(person(status({ enabled: true, prompt: false }))))
          : jsonResponse(422, { title: "Invalid input", status: 422, errors: { code: ["Invalid code"] } }),
      "GET /api/tenants": { items: [], next_cursor: null },
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/signin?next=%2Ftenants%2Fnew");
    await sendCredentials(u, "Sign in");

    await u.type(await screen.findByLabelText("Code from the app"), "654321");
    await u.click(screen.getByRole("button", { name: "Verify and sign in" }));
    await waitFor(() => expect(screen.getByLabelText("Code from the app")).toHaveAccessibleDescription("Invalid code"));
    expect(getSession().status).toBe("signed-out");

    await u.clear(screen.getByLabelText("Code from the app"));
    await u.type(screen.getByLabelText("Code from the app"), "123 456");
    await u.click(screen.getByRole("button", { name: "Verify and sign in" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/tenants/new"));
    expect(callsTo(api, "POST", "/api/auth/tf-validate").map((c) => c.body)).toEqual([{ code: "654321" }, { code: "123456" }]);
    expect(getSession()).toMatchObject({ status: "signed-in", accessToken: "tok" });
  });

  it("says to wait for the next code when the app's code was used already, in English and German", async () => {
    mockApi({
      "POST /api/auth/login": { tf_required: true, tf_state: "ready", tf_primary_method: "authenticator" },
      "POST /api/auth/tf-validate": () =>
        jsonResponse(422, {
          title: "Invalid input",
          status: 422,
          detail: "This code was already used. Wait for the next code in your authenticator app.",
          errors: { code: ["This code was already used. Wait for the next code in your authenticator app."] },
          reason: "code_used",
        }),
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/signin");
    await sendCredentials(u, "Sign in");
    await u.type(await screen.findByLabelText("Code from the app"), "123456");
    await u.click(screen.getByRole("button", { name: "Verify and sign in" }));
    await waitFor(() =>
      expect(screen.getByLabelText("Code from the app")).toHaveAccessibleDescription(
        "This code was already used. Wait for the next code in your authenticator app.",
      ),
    );
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(getSession().status).toBe("signed-out");

    await i18n.changeLanguage("de");
    try {
      await u.click(screen.getByRole("button", { name: "Prüfen und anmelden" }));
      await waitFor(() =>
        expect(screen.getByLabelText("Code aus der App")).toHaveAccessibleDescription(
          "Dieser Code wurde schon verwendet. Warten Sie auf den nächsten Code in Ihrer Authenticator-App.",
        ),
      );
    } finally {
      await i18n.changeLanguage("en");
    }
  });

  it("takes a recovery code instead, and can start over", async () => {
    const api = mockApi({
      "POST /api/auth/login": { tf_required: true },
      "POST /api/auth/mf-recovery": tokens(person(status({ enabled: true, prompt: false }))),
      "GET /api/tenants": { items: [], next_cursor: null },
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/signin");
    await sendCredentials(u, "Sign in");
    await u.click(await screen.findByRole("button", { name: "Start over" }));
    expect(screen.getByLabelText("Email")).toHaveValue("ada@loom.test");
    expect(screen.getByLabelText("Password")).toHaveValue("");

    await u.type(screen.getByLabelText("Password"), "correct horse battery");
    await u.click(screen.getByRole("button", { name: "Sign in" }));
    await u.click(await screen.findByRole("button", { name: "Lost your phone? Use a recovery code" }));
    await u.type(screen.getByLabelText("Recovery code"), " aaaa-bbbb ");
    await u.click(screen.getByRole("button", { name: "Sign in with the recovery code" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/"));
    expect(callsTo(api, "POST", "/api/auth/mf-recovery")[0].body).toEqual({ code: "aaaa-bbbb" });
  });
});

describe("the 30-day rule", () => {
  it("suggests the set-up during the first 30 days until dismissed", async () => {
    setSession(tokens(person(status())));
    mockApi({ "GET /api/tenants": { items: [], next_cursor: null } });
    const u = userEvent.setup();
    const first = renderRoutes(routes, "/");
    const prompt = await screen.findByRole("region", { name: "Protect your account with two-step sign-in" });
    expect(prompt).toHaveTextContent("It becomes required on December 24, 2026.");
    await u.click(within(prompt).getByRole("button", { name: "Not now" }));
    expect(screen.queryByRole("region", { name: /two-step sign-in/ })).not.toBeInTheDocument();
    first.unmount();

    renderRoutes(routes, "/");
    await screen.findByRole("heading", { name: "Your workspaces" });
    expect(screen.queryByRole("region", { name: /two-step sign-in/ })).not.toBeInTheDocument();
  });

  it("from day 31 shows only the set-up, which ends with the recovery codes", async () => {
    setSession(tokens(person(status({ prompt: false, required: true }))));
    const api = mockApi({
      "POST /api/auth/tf-setup": setupAnswer,
      "POST /api/auth/tf-setup/state.1": ({ body }) =>
        (body as { code: string }).code === "123456"
          ? jsonResponse(200, { tf_method: "authenticator", recovery_codes: codes })
          : jsonResponse(422, { title: "Invalid input", status: 422, errors: { code: ["Invalid code"] } }),
      "GET /api/auth/me": person(status({ enabled: true, prompt: false })),
      "GET /api/tenants": { items: [], next_cursor: null },
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/t/x-stock");
    await waitFor(() => expect(router.state.location.pathname).toBe("/setup-two-factor"));
    expect(await screen.findByRole("heading", { name: "Protect your account to continue" })).toBeInTheDocument();
    expect(await screen.findByRole("img", { name: "QR code that adds Loom to your authenticator app" })).toHaveAttribute(
      "src",
      setupAnswer.tf_authr_qrcode,
    );
    expect(screen.getByLabelText("Key for your authenticator app")).toHaveTextContent("ABCD EFGH IJKL");

    await u.type(screen.getByLabelText("Code from the app"), "12345");
    await u.click(screen.getByRole("button", { name: "Turn on two-step sign-in" }));
    expect(screen.getByLabelText("Code from the app")).toHaveAccessibleDescription("Enter the 6 digits the app shows");
    expect(callsTo(api, "POST", "/api/auth/tf-setup/state.1")).toHaveLength(0);

    await u.type(screen.getByLabelText("Code from the app"), "6");
    await u.click(screen.getByRole("button", { name: "Turn on two-step sign-in" }));
    const list = await screen.findByRole("list", { name: "Recovery codes" });
    expect(within(list).getAllByRole("listitem").map((item) => item.textContent)).toEqual(codes);
    expect(getSession().user?.two_factor?.required).toBe(false);
    const go = screen.getByRole("button", { name: "Continue" });
    expect(go).toBeDisabled();
    await u.click(screen.getByLabelText("I have saved my recovery codes"));
    await u.click(go);
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/x-stock"));
  });

  it("sends to the set-up when the server starts refusing mid-session", async () => {
    setSession(tokens(person(status())));
    mockApi({
      "GET /api/tenants": () =>
        jsonResponse(403, { title: "Two-factor sign-in required", status: 403, required_step: "two_factor_setup" }),
      "POST /api/auth/tf-setup": setupAnswer,
    });
    const { router } = renderRoutes(routes, "/");
    await waitFor(() => expect(router.state.location.pathname).toBe("/setup-two-factor"));
  });
});

describe("account settings", () => {
  it("turns two-step sign-in off with the password and a code, while it is still optional", async () => {
    setSession(tokens(person(status({ enabled: true, prompt: false }))));
    const api = mockApi({
      "POST /api/auth/tf-setup": ({ body }) =>
        (body as { code?: string }).code === "654321"
          ? jsonResponse(200, {})
          : jsonResponse(422, { title: "Invalid input", status: 422, errors: { code: ["This code is not right."] } }),
      "GET /api/auth/me": person(status()),
    });
    const { u, section } = await openAccountSection("Two-step sign-in");
    expect(within(section).getByText("On")).toBeInTheDocument();
    const dialog = await openDialog(u, section, "Turn off", "Turn off two-step sign-in?");
    await u.click(within(dialog).getByRole("button", { name: "Turn off" }));
    expect(within(dialog).getByLabelText("Your password")).toHaveAccessibleDescription(/password/i);
    expect(callsTo(api, "POST", "/api/auth/tf-setup")).toHaveLength(0);
    await prove(u, dialog, "s3cret-enough", "111111");
    await u.click(within(dialog).getByRole("button", { name: "Turn off" }));
    expect(await within(dialog).findByText("This code is not right.")).toBeInTheDocument();
    expect(within(section).getByText("On")).toBeInTheDocument();
    await u.clear(within(dialog).getByLabelText("Code from your authenticator app"));
    await u.type(within(dialog).getByLabelText("Code from your authenticator app"), "654 321");
    await u.click(within(dialog).getByRole("button", { name: "Turn off" }));
    await waitFor(() => expect(within(section).getByText("Off")).toBeInTheDocument());
    expect(callsTo(api, "POST", "/api/auth/tf-setup")[1].body).toEqual({ setup: "disable", password: "s3cret-enough", code: "654321" });
    expect(within(section).getByRole("button", { name: "Set up two-step sign-in" })).toBeInTheDocument();
  });

  it("moves to a new phone after the owner proves it is them, keeping the recovery codes", async () => {
    setSession(tokens(person(status({ enabled: true, prompt: false }))));
    const api = mockApi({
      "POST /api/auth/tf-setup": setupAnswer,
      "POST /api/auth/tf-setup/state.1": { tf_method: "authenticator" },
      "GET /api/auth/me": person(status({ enabled: true, prompt: false })),
    });
    const { u, section } = await openAccountSection("Two-step sign-in");
    const dialog = await openDialog(u, section, "Move to a new phone", "Move two-step sign-in to a new phone?");
    await prove(u, dialog, "s3cret-enough", "aaaa-bbbb-cccc");
    await u.click(within(dialog).getByRole("button", { name: "Continue" }));
    expect(await within(section).findByRole("img", { name: "QR code that adds Loom to your authenticator app" })).toBeInTheDocument();
    expect(callsTo(api, "POST", "/api/auth/tf-setup")).toHaveLength(1);
    expect(callsTo(api, "POST", "/api/auth/tf-setup")[0].body).toEqual({ setup: "authenticator", password: "s3cret-enough", code: "aaaa-bbbb-cccc" });
    await u.type(within(section).getByLabelText("Code from the app"), "123456");
    await u.click(within(section).getByRole("button", { name: "Turn on two-step sign-in" }));
    expect(await within(section).findByRole("button", { name: "Move to a new phone" })).toBeInTheDocument();
    expect(within(section).queryByRole("list", { name: "Recovery codes" })).not.toBeInTheDocument();
  });

  it("keeps it on once required, and makes new recovery codes after asking", async () => {
    setSession(tokens(person(status({ enabled: true, prompt: false, due_at: "2020-01-01T00:00:00Z" }))));
    const api = mockApi({ "POST /api/auth/mf-recovery-codes": { recovery_codes: codes } });
    const { u, section } = await openAccountSection("Two-step sign-in");
    expect(within(section).queryByRole("button", { name: "Turn off" })).not.toBeInTheDocument();
    expect(section).toHaveTextContent("so it stays on");
    const dialog = await openDialog(u, section, "Make new recovery codes", "Make new recovery codes?");
    await prove(u, dialog, "s3cret-enough", "123456");
    await u.click(within(dialog).getByRole("button", { name: "Make new codes" }));
    expect(callsTo(api, "POST", "/api/auth/mf-recovery-codes")[0].body).toEqual({ password: "s3cret-enough", code: "123456" });
    expect(await within(section).findByRole("list", { name: "Recovery codes" })).toHaveTextContent("cccc-dddd");
  });
});
