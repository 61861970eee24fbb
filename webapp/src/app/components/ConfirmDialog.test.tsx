import { Button, Text } from "@mantine/core";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { renderPage } from "../../test/render";
import { ConfirmDialog } from "./ConfirmDialog";
import { TypeToConfirmDialog } from "./TypeToConfirmDialog";

/** A page with one thing to delete, asked about the way every page asks. */
function Lamps({ typed = false }: { typed?: boolean }) {
  const [asking, setAsking] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const confirm = () => {
    setDeleted(true);
    setAsking(false);
  };
  const shared = { opened: asking, title: "Delete Lamps?", body: "Lamps go for good.", confirmLabel: "Delete Lamps", onConfirm: confirm, onClose: () => setAsking(false) };
  return (
    <>
      <Text>{deleted ? "Lamps are deleted" : "Lamps are here"}</Text>
      <Button onClick={() => setAsking(true)}>Delete…</Button>
      {typed ? <TypeToConfirmDialog {...shared} expected="Lamps" /> : <ConfirmDialog {...shared} danger />}
    </>
  );
}

/** Opens the dialog from the keyboard: the first of the two Enters. */
async function openWithEnter(u: ReturnType<typeof userEvent.setup>) {
  screen.getByRole("button", { name: "Delete…" }).focus();
  await u.keyboard("{Enter}");
  return screen.findByRole("dialog", { name: "Delete Lamps?" });
}

describe("ConfirmDialog", () => {
  it("opens with the focus on Cancel, so a second Enter closes it and deletes nothing", async () => {
    const u = userEvent.setup();
    renderPage(<Lamps />);
    const dialog = await openWithEnter(u);
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus());
    await u.keyboard("{Enter}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(screen.getByText("Lamps are here")).toBeInTheDocument();
  });

  it("still does what the red button says when it is clicked", async () => {
    const u = userEvent.setup();
    renderPage(<Lamps />);
    const dialog = await openWithEnter(u);
    await u.click(within(dialog).getByRole("button", { name: "Delete Lamps" }));
    expect(await screen.findByText("Lamps are deleted")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("names its close button", async () => {
    const u = userEvent.setup();
    renderPage(<Lamps />);
    const dialog = await openWithEnter(u);
    await u.click(within(dialog).getByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(screen.getByText("Lamps are here")).toBeInTheDocument();
  });
});

describe("TypeToConfirmDialog", () => {
  it("starts in the empty field, where Enter changes nothing", async () => {
    const u = userEvent.setup();
    renderPage(<Lamps typed />);
    const dialog = await openWithEnter(u);
    const field = within(dialog).getByLabelText("Type Lamps to confirm");
    await waitFor(() => expect(field).toHaveFocus());
    await u.keyboard("{Enter}");
    expect(screen.getByRole("dialog", { name: "Delete Lamps?" })).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Delete Lamps" })).toBeDisabled();
    expect(screen.getByText("Lamps are here")).toBeInTheDocument();
    await u.type(field, "lamps{Enter}");
    expect(await screen.findByText("Lamps are deleted")).toBeInTheDocument();
  });
});
