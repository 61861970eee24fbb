import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { clearSession } from "../../api/client";
import { routes } from "../../app/router";
import { callsTo, mockApi } from "../../test/api";
import { signIn, tenant } from "../../test/fixtures";
import { jsonResponse, renderRoutes } from "../../test/render";

const link = "/api/invitations/tok-1";
const preview = {
  workspace: "X Team",
  role: "editor",
  email: "ada@loom.test",
  invited_by: "owner@loom.test",
  expires_at: "2025-07-11T08:00:00Z",
};
const team = tenant({ name: "X Team", slug: "x-team", role: "editor" });

describe("an invitation link", () => {
  it("lets the invited person join with one click and opens the workspace", async () => {
    signIn();
    const fetchMock = mockApi({
      [`GET ${link}`]: preview,
      [`POST ${link}/accept`]: team,
      "GET /api/tenants": { items: [team], next_cursor: null },
      "GET /api/tenants/x-team": team,
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/invitations/tok-1");
    expect(await screen.findByText("owner@loom.test invited you to join X Team as Editor.")).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Join X Team" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/x-team"));
    expect(await screen.findByText("Welcome to X Team")).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", `${link}/accept`)).toHaveLength(1);
  });

  it("sends a signed-out visitor to sign in or sign up with the invited address, and back", async () => {
    clearSession("logout");
    mockApi({ [`GET ${link}`]: preview });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/invitations/tok-1");
    expect(await screen.findByText("This invitation is for ada@loom.test.", { exact: false })).toBeInTheDocument();
    await u.click(screen.getByRole("link", { name: "Create an account" }));
    expect(router.state.location.pathname).toBe("/signup");
    expect(await screen.findByLabelText("Email")).toHaveValue("ada@loom.test");
    expect(new URLSearchParams(router.state.location.search).get("next")).toBe("/invitations/tok-1");
  });

  it("tells someone signed in with another address what to do", async () => {
    signIn();
    mockApi({ [`GET ${link}`]: { ...preview, email: "someone-else@loom.test" } });
    renderRoutes(routes, "/invitations/tok-1");
    expect(
      await screen.findByText(
        "You are signed in as ada@loom.test. Sign out, then sign in as someone-else@loom.test to join.",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Join X Team" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sign out" })).toBeInTheDocument();
  });

  it("says plainly when the link is used up, expired or withdrawn", async () => {
    signIn();
    mockApi({
      [`GET ${link}`]: () =>
        jsonResponse(410, { title: "Gone", status: 410, detail: "This invitation has expired. Ask for a new one." }),
    });
    renderRoutes(routes, "/invitations/tok-1");
    expect(await screen.findByRole("heading", { name: "This invitation cannot be used" })).toBeInTheDocument();
    expect(screen.getByText("This invitation has expired. Ask for a new one.")).toBeInTheDocument();
  });
});
