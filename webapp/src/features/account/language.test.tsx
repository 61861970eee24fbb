import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { setSession } from "../../api/client";
import { routes } from "../../app/router";
import i18n, { LANGUAGE_STORAGE_KEY } from "../../i18n";
import { resetFollowedWorkspace } from "../../i18n/useFollowLanguage";
import { callsTo, mockApi } from "../../test/api";
import { signIn, tenant, testUser } from "../../test/fixtures";
import { jsonResponse, renderRoutes } from "../../test/render";

const wait = { timeout: 5000 };
const settings = (language: string | null) => ({ email: testUser.email, language, notify_tasks: true });

function signInChoosing(language: string | null) {
  const later = new Date(Date.now() + 3_600_000).toISOString();
  setSession({ user: { ...testUser, language }, access_token: "tok", access_expires_at: later, refresh_expires_at: later });
}

beforeEach(async () => {
  resetFollowedWorkspace();
  await i18n.changeLanguage("en");
});

describe("the account's language", () => {
  it("is saved when chosen, turns the pages into it, and can be given back to the workspace", async () => {
    signInChoosing(null);
    let language: string | null = null;
    const api = mockApi({
      "GET /api/account": () => jsonResponse(200, settings(language)),
      "PATCH /api/account": ({ body }) => {
        language = (body as { language: string | null }).language;
        return jsonResponse(200, settings(language));
      },
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/account");
    const select = await screen.findByRole("combobox", { name: "Your language" }, wait);
    expect(select).toHaveValue("");

    await u.selectOptions(select, "de");
    expect(await screen.findByRole("heading", { level: 1, name: "Kontoeinstellungen" }, wait)).toBeInTheDocument();
    expect(callsTo(api, "PATCH", "/api/account")[0].body).toEqual({ language: "de" });
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe("de");
    expect(await screen.findByText("Ihre Sprache ist gespeichert.", {}, wait)).toBeInTheDocument();

    await u.selectOptions(screen.getByRole("combobox", { name: "Ihre Sprache" }), "");
    await waitFor(() => expect(callsTo(api, "PATCH", "/api/account")[1]?.body).toEqual({ language: null }), wait);
    expect(await screen.findByRole("heading", { level: 1, name: "Account settings" }, wait)).toBeInTheDocument();
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBeNull();
  });

  it("is saved from the header's language menu when signed in", async () => {
    signIn();
    const api = mockApi({
      "GET /api/account": settings("en"),
      "PATCH /api/account": ({ body }) => jsonResponse(200, settings((body as { language: string }).language)),
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/account");
    await screen.findByRole("heading", { level: 1, name: "Account settings" }, wait);
    await u.click(screen.getByRole("button", { name: "English" }));
    await u.click(await screen.findByRole("menuitem", { name: "Deutsch" }, wait));
    expect(await screen.findByRole("heading", { level: 1, name: "Kontoeinstellungen" }, wait)).toBeInTheDocument();
    await waitFor(() => expect(callsTo(api, "PATCH", "/api/account")[0]?.body).toEqual({ language: "de" }), wait);
  });
});

describe("without a choice", () => {
  it("the pages speak the workspace's language, and keep it outside the workspace", async () => {
    signInChoosing(null);
    const german = tenant({ language: "de" });
    mockApi({
      [`GET /api/tenants/${german.slug}`]: german,
      "GET /api/account": settings(null),
    });
    const { router } = renderRoutes(routes, `/t/${german.slug}/settings`);
    expect(await screen.findByRole("link", { name: "Einstellungen" }, wait)).toBeInTheDocument();
    await router.navigate("/account");
    expect(await screen.findByRole("heading", { level: 1, name: "Kontoeinstellungen" }, wait)).toBeInTheDocument();
  });

  it("a person's choice beats the workspace's language", async () => {
    signInChoosing("en");
    const german = tenant({ language: "de" });
    mockApi({ [`GET /api/tenants/${german.slug}`]: german, "GET /api/account": settings("en") });
    renderRoutes(routes, "/account");
    expect(await screen.findByRole("heading", { level: 1, name: "Account settings" }, wait)).toBeInTheDocument();
    expect(i18n.language).toBe("en");
  });
});
