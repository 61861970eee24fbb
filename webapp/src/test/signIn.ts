/** What the sign-in tests do again and again: fill in the email and password, and send them. */
import { screen } from "@testing-library/react";
import type userEvent from "@testing-library/user-event";

/** Types ada@loom.test and the password into the page's form and presses its button ("Sign in", "Create account"). */
export async function sendCredentials(u: ReturnType<typeof userEvent.setup>, button: string, password = "correct horse battery") {
  await u.type(screen.getByLabelText("Email"), "ada@loom.test");
  await u.type(screen.getByLabelText("Password"), password);
  await u.click(screen.getByRole("button", { name: button }));
}
