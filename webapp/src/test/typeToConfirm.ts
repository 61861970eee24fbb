import { within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { expect } from "vitest";

/** Confirms a "Delete for good" dialog by typing ``expected`` into the field labelled ``label``:
 * the button stays off while the field is empty and while one letter is missing, then is pressed. */
export async function deleteForGood(u: UserEvent, dialog: HTMLElement, label: string, expected: string): Promise<void> {
  const button = within(dialog).getByRole("button", { name: "Delete for good" });
  const field = within(dialog).getByLabelText(label);
  expect(button).toBeDisabled();
  await u.type(field, expected.slice(0, -1));
  expect(button).toBeDisabled();
  await u.type(field, expected.slice(-1));
  await u.click(button);
}
