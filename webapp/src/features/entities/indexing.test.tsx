import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { stillIndexing, type EntityPage } from "../../api/entities";
import { routes } from "../../app/router";
import { callsTo, mockApi } from "../../test/api";
import { entity, signIn, stockItemCalls, tenant } from "../../test/fixtures";
import { jsonResponse, renderRoutes } from "../../test/render";

const stock = tenant({ name: "X Stock", slug: "x-stock", timezone: "Europe/Berlin" });
const list = "/api/tenants/x-stock/entities";
const later = entity({ id: "0b6f8a52-4e0c-4a53-9a53-3d4a5e2c0009", data: { type: "BOX", space: "Z9" } });

/** The first page stopped within its budget with no match yet; the next one finds a record and is complete. */
function api() {
  return mockApi({
    ...stockItemCalls(stock),
    [`GET ${list}`]: ({ url }) =>
      jsonResponse(
        200,
        url.searchParams.get("cursor") === "further"
          ? ({ items: [later], next_cursor: null, complete: true, reason: null } satisfies EntityPage)
          : ({
              items: [],
              next_cursor: "further",
              complete: false,
              reason: "indexing",
              count: { value: 40, exact: false },
            } satisfies EntityPage),
      ),
  });
}

beforeEach(() => signIn());

describe("a list that is still indexing", () => {
  it("says so and shows what it found instead of waiting, keeping the first page's count", async () => {
    const fetchMock = api();
    const u = userEvent.setup();
    renderRoutes(routes, "/t/x-stock/b/stock_item");

    const notice = await screen.findByRole("status", { name: "Still indexing, showing the first matches" }, { timeout: 5000 });
    expect(notice).toBeInTheDocument();
    expect(screen.queryByText("No records match")).not.toBeInTheDocument();
    expect(screen.getByText("about 40 records")).toBeInTheDocument();

    await u.click(screen.getByRole("button", { name: "Load more" }));
    const grid = await screen.findByRole("grid", { name: "Records of Stock item" });
    expect(within(grid).getByText("Z9")).toBeInTheDocument();
    expect(callsTo(fetchMock, "GET", list).at(-1)!.url.searchParams.get("cursor")).toBe("further");
    expect(screen.queryByText("Still indexing, showing the first matches")).not.toBeInTheDocument();
    expect(screen.getByText("about 40 records")).toBeInTheDocument(); // the second page has no count
  });
});

describe("stillIndexing", () => {
  const page = (complete: boolean | undefined, reason: "indexing" | null = null): EntityPage => ({
    items: [],
    next_cursor: null,
    complete,
    reason,
  });

  it("looks at the last page loaded", () => {
    expect(stillIndexing(undefined)).toBe(false);
    expect(stillIndexing([page(undefined)])).toBe(false);
    expect(stillIndexing([page(false, "indexing")])).toBe(true);
    expect(stillIndexing([page(false, "indexing"), page(true)])).toBe(false);
  });
});
