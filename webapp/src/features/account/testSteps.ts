/** What the account tests do again and again: open a card of the account page, open its dialog, prove who one is. */
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { routes } from "../../app/router";
import { renderRoutes } from "../../test/render";

type User = ReturnType<typeof userEvent.setup>;

/** Opens /account and waits for the card (a region) with the given heading. */
export async function openAccountSection(name: string) {
  const u = userEvent.setup();
  const { router } = renderRoutes(routes, "/account");
  const section = await screen.findByRole("region", { name });
  return { u, router, section };
}

/** Presses a card's button (once the card shows it) and waits for the dialog it opens. */
export async function openDialog(u: User, section: HTMLElement, button: string, dialog: string) {
  await u.click(await within(section).findByRole("button", { name: button }));
  return screen.findByRole("dialog", { name: dialog });
}

/** Types the password and the authenticator app's code into a dialog that asks for proof. */
export async function prove(u: User, dialog: HTMLElement, password: string, code: string) {
  await u.type(within(dialog).getByLabelText("Your password"), password);
  await u.type(within(dialog).getByLabelText("Code from your authenticator app"), code);
}
