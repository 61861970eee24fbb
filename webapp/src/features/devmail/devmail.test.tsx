import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { routes } from "../../app/router";
import { jsonResponse, renderRoutes, testMeta } from "../../test/render";

const confirmUrl = "http://127.0.0.1:5000/api/auth/confirm/Ijc4NiI.abc-DEF_1";
const mail = {
  id: 42,
  to: "ada@loom.test",
  subject: "Confirm your email",
  created_at: "2025-03-01T12:00:00Z",
  status: "captured",
};

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  fetchMock = vi.fn();
  vi.stubGlobal("fetch", fetchMock);
});

describe("dev mailbox", () => {
  it("lists captured emails with a link to each", async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { items: [mail], next_cursor: null }));
    renderRoutes(routes, "/dev/mailbox");
    expect(await screen.findByRole("heading", { name: "Dev mailbox" })).toBeInTheDocument();
    const link = await screen.findByRole("link", { name: "Confirm your email" });
    expect(link).toHaveAttribute("href", "/dev/mailbox/42");
    const table = screen.getByRole("table");
    expect(within(table).getAllByRole("columnheader").map((cell) => cell.textContent)).toEqual(["To", "Subject", "Received"]);
    expect(within(table).getByText("ada@loom.test")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Refresh" })).toBeInTheDocument();
    // No sign-in needed: the list is fetched without a token.
    const init = fetchMock.mock.calls[0][1] as RequestInit;
    expect((init.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it("says so when no email has been sent", async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { items: [], next_cursor: null }));
    renderRoutes(routes, "/dev/mailbox");
    expect(await screen.findByText("No emails yet")).toBeInTheDocument();
  });

  it("explains that the mailbox exists in development only", async () => {
    renderRoutes(routes, "/dev/mailbox", { ...testMeta, dev_mailbox: false });
    expect(await screen.findByText("The dev mailbox is only available in development.")).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("shows a message with clickable links and a sandboxed HTML version", async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(200, {
        ...mail,
        text: `Hello,\n\nconfirm your address:\n${confirmUrl}\n\nLoom`,
        html: `<p><a href="${confirmUrl}">Confirm</a></p>`,
      }),
    );
    const u = userEvent.setup();
    renderRoutes(routes, "/dev/mailbox/42");
    expect(await screen.findByRole("heading", { name: "Confirm your email" })).toBeInTheDocument();
    const link = screen.getByRole("link", { name: /\/api\/auth\/confirm\// });
    expect(link).toHaveAttribute("href", confirmUrl);
    expect(link).toHaveTextContent(confirmUrl);
    expect(link).not.toHaveAttribute("target");

    expect(screen.queryByTitle("HTML version")).not.toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Show HTML version" }));
    const frame = screen.getByTitle("HTML version");
    expect(frame.tagName).toBe("IFRAME");
    expect(frame).toHaveAttribute("sandbox", "");
    expect(frame.getAttribute("srcdoc")).toContain(confirmUrl);
  });
});
