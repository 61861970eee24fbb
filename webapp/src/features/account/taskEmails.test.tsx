import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { routes } from "../../app/router";
import i18n from "../../i18n";
import { callsTo, mockApi } from "../../test/api";
import { signIn } from "../../test/fixtures";
import { jsonResponse, renderRoutes } from "../../test/render";

const wait = { timeout: 5000 };
const settings = (notify_tasks: boolean) => ({ email: "ada@loom.test", language: "en", notify_tasks });

beforeEach(async () => {
  await i18n.changeLanguage("en");
  signIn();
});

describe("the email about waiting tasks", () => {
  it("is on by default and turns off and on again with the switch", async () => {
    let on = true;
    const api = mockApi({
      "GET /api/account": () => jsonResponse(200, settings(on)),
      "PATCH /api/account": ({ body }) => {
        on = (body as { notify_tasks: boolean }).notify_tasks;
        return jsonResponse(200, settings(on));
      },
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/account");
    const toggle = await screen.findByRole("switch", { name: "Email me when a task waits for me" }, wait);
    expect(toggle).toBeChecked();
    await screen.findByRole("region", { name: "Emails" }, wait);

    await u.click(toggle);
    expect(await screen.findByText("You will no longer get emails about tasks. The Inbox still shows them.", {}, wait)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("switch", { name: "Email me when a task waits for me" })).not.toBeChecked(), wait);
    expect(callsTo(api, "PATCH", "/api/account")[0].body).toEqual({ notify_tasks: false });

    await u.click(screen.getByRole("switch", { name: "Email me when a task waits for me" }));
    await waitFor(() => expect(screen.getByRole("switch", { name: "Email me when a task waits for me" })).toBeChecked(), wait);
    expect(callsTo(api, "PATCH", "/api/account")[1].body).toEqual({ notify_tasks: true });
  });

  it("shows the switch off for someone who turned it off, and says when it cannot be changed", async () => {
    mockApi({
      "GET /api/account": settings(false),
      "PATCH /api/account": () => jsonResponse(503, { title: "Service Unavailable", status: 503, detail: "Try again in a minute." }),
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/account");
    const toggle = await screen.findByRole("switch", { name: "Email me when a task waits for me" }, wait);
    expect(toggle).not.toBeChecked();
    await u.click(toggle);
    const section = screen.getByRole("region", { name: "Emails" });
    expect(await within(section).findByRole("alert", {}, wait)).toHaveTextContent("Try again in a minute.");
    await waitFor(() => expect(screen.getByRole("switch", { name: "Email me when a task waits for me" })).not.toBeChecked(), wait);
  });
});
