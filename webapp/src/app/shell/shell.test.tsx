import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getSession } from "../../api/client";
import { LANGUAGE_STORAGE_KEY } from "../../i18n";
import i18n from "../../i18n";
import { signIn } from "../../test/fixtures";
import { jsonResponse, renderRoutes } from "../../test/render";
import { routes } from "../router";

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(async () => {
  await i18n.changeLanguage("en");
  signIn();
  fetchMock = vi.fn(async (url: string) =>
    url === "/api/auth/logout" ? jsonResponse(200, {}) : jsonResponse(200, { items: [], next_cursor: null }),
  );
  vi.stubGlobal("fetch", fetchMock);
});

describe("app shell", () => {
  it("shows the account's email and signs out", async () => {
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/");
    await u.click(await screen.findByRole("button", { name: "Account menu" }));
    expect(await screen.findByText("ada@loom.test")).toBeInTheDocument();
    await u.click(screen.getByRole("menuitem", { name: "Sign out" }));

    await waitFor(() => expect(router.state.location.pathname).toBe("/signin"));
    expect(router.state.location.search).toBe("");
    expect(fetchMock).toHaveBeenCalledWith(
      "/api/auth/logout",
      expect.objectContaining({ method: "POST", headers: expect.objectContaining({ Authorization: "Bearer tok" }) }),
    );
    expect(getSession().status).toBe("signed-out");
  });

  it("links the support address", async () => {
    renderRoutes(routes, "/");
    const link = await screen.findByRole("link", { name: "support@loom.test" });
    expect(link).toHaveAttribute("href", "mailto:support@loom.test");
    expect(link.parentElement).toHaveTextContent("Need help? Write to support@loom.test");
  });

  it("switches to German and remembers it", async () => {
    const u = userEvent.setup();
    renderRoutes(routes, "/");
    await u.click(await screen.findByRole("button", { name: "English" }));
    await u.click(await screen.findByRole("menuitem", { name: "Deutsch" }));
    expect(await screen.findByRole("heading", { name: "Ihre Arbeitsbereiche" })).toBeInTheDocument();
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe("de");
    expect(document.documentElement.lang).toBe("de");
  });

  it("offers light, dark and the system's appearance, remembered in this browser", async () => {
    const u = userEvent.setup();
    renderRoutes(routes, "/");
    await u.click(await screen.findByRole("button", { name: "Account menu" }));
    expect(screen.getByRole("menuitemradio", { name: "Like the system" })).toHaveAttribute("aria-checked", "true");
    await u.click(screen.getByRole("menuitemradio", { name: "Dark" }));
    await waitFor(() => expect(document.documentElement).toHaveAttribute("data-mantine-color-scheme", "dark"));
    expect(localStorage.getItem("loom-color-scheme")).toBe("dark");
    expect(screen.getByRole("menuitemradio", { name: "Dark" })).toHaveAttribute("aria-checked", "true");
    await u.click(screen.getByRole("menuitemradio", { name: "Like the system" }));
    expect(localStorage.getItem("loom-color-scheme")).toBe("auto");
  });

  it("moves focus to the new page's heading and says its title", async () => {
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/");
    await screen.findByRole("heading", { name: "Your workspaces" });
    await u.click(await screen.findByRole("button", { name: "Account menu" }));
    await u.click(screen.getByRole("menuitem", { name: "Account settings" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/account"));
    const heading = await screen.findByRole("heading", { level: 1, name: "Account settings" });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(heading).toHaveAttribute("tabindex", "-1");
    await waitFor(() => expect(document.querySelector(".page-announcer")).toHaveTextContent(document.title));
    expect(document.title).not.toBe("");
  });

  it("has a page for unknown addresses", () => {
    renderRoutes(routes, "/no/such/page");
    expect(screen.getByRole("heading", { name: "Page not found" })).toBeInTheDocument();
  });
});
