import { screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { routes } from "../../app/router";
import i18n from "../../i18n";
import { mockApi } from "../../test/api";
import { signIn } from "../../test/fixtures";
import { renderRoutes } from "../../test/render";
import { api, baseRoutes, flows, historyEntry, record } from "./testData";

const entity = record();
const entityPath = `${api}/entities/${entity.id}`;

beforeEach(() => signIn());

describe("a record's history", () => {
  it("says in plain words that a message or a signal arrived", async () => {
    mockApi({
      ...baseRoutes(),
      [`GET ${entityPath}`]: entity,
      [`GET ${entityPath}/flows`]: flows({
        history: [
          historyEntry({ id: "h-3", kind: "signal", element: "recall", label: "recall everything" }),
          historyEntry({ id: "h-2", kind: "message", element: "paid", label: "payment received" }),
        ],
      }),
    });
    renderRoutes(routes, `/t/x-delivery-system/e/${entity.id}`);
    const history = await screen.findByRole("region", { name: "History" });
    expect(await within(history).findByText("The message “payment received” arrived")).toBeInTheDocument();
    expect(within(history).getByText("The signal “recall everything” arrived")).toBeInTheDocument();
  });

  it("has German words too", async () => {
    await i18n.changeLanguage("de");
    expect(i18n.t("work.history.message", { name: "Zahlung" })).toBe("Die Nachricht „Zahlung“ ist eingetroffen");
    await i18n.changeLanguage("en");
  });
});
