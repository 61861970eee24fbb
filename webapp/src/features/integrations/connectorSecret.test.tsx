import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { routes } from "../../app/router";
import { callsTo, mockApi } from "../../test/api";
import { signIn, tenant } from "../../test/fixtures";
import { jsonResponse, renderRoutes } from "../../test/render";

const shop = tenant({ name: "X Shop", slug: "x-shop", timezone: "Europe/Berlin", role: "owner" });
const base = "/api/tenants/x-shop";

function api(secret: () => Response) {
  return mockApi({
    [`GET ${base}`]: shop,
    "GET /api/tenants": { items: [shop], next_cursor: null },
    [`GET ${base}/api-keys`]: { items: [], next_cursor: null },
    [`GET ${base}/hooks/endpoints`]: { items: [], next_cursor: null },
    [`POST ${base}/connector-secret`]: secret,
  });
}

beforeEach(() => signIn());

describe("Settings → Integrations: the connector signing secret", () => {
  it("asks for the secret only when Show is pressed, shows it, and hides it again", async () => {
    const fetchMock = api(() => jsonResponse(200, { secret: "whsec_c2VjcmV0" }));
    const u = userEvent.setup();
    renderRoutes(routes, "/t/x-shop/settings/integrations");
    const section = await screen.findByRole("region", { name: "Connector signing secret" });
    expect(section).toHaveTextContent("Standard Webhooks");
    expect(callsTo(fetchMock, "POST", `${base}/connector-secret`)).toHaveLength(0);

    await u.click(within(section).getByRole("button", { name: "Show secret" }));
    expect(await within(section).findByRole("textbox", { name: "Connector signing secret" })).toHaveTextContent("whsec_c2VjcmV0");
    expect(callsTo(fetchMock, "POST", `${base}/connector-secret`)).toHaveLength(1);

    await u.click(within(section).getByRole("button", { name: "Hide" }));
    expect(within(section).queryByRole("textbox", { name: "Connector signing secret" })).not.toBeInTheDocument();
    expect(within(section).getByRole("button", { name: "Show secret" })).toBeInTheDocument();
  });

  it("says why when the server refuses", async () => {
    api(() => jsonResponse(403, { title: "Forbidden", status: 403, detail: "Only owners and admins can do this." }));
    const u = userEvent.setup();
    renderRoutes(routes, "/t/x-shop/settings/integrations");
    const section = await screen.findByRole("region", { name: "Connector signing secret" });
    await u.click(within(section).getByRole("button", { name: "Show secret" }));
    expect(await within(section).findByRole("alert")).toBeInTheDocument();
    expect(within(section).queryByRole("textbox", { name: "Connector signing secret" })).not.toBeInTheDocument();
  });
});
