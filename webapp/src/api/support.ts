import { api } from "./client";
import { getSession } from "./session";

export interface ContactMessage {
  topic: string;
  message: string;
  /** Where to answer; only when not signed in (the account's address is used otherwise). */
  email?: string;
}

/** Sends a message to the support address; the writer gets a copy by email. */
export function contactSupport(message: ContactMessage): Promise<unknown> {
  return api.post("/api/support/contact", message, { auth: getSession().status === "signed-in" });
}
