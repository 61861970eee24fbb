import { api } from "./client";

/** What proves it is the account's owner: the password, the app's code, or the typed email. */
export interface DeleteProof {
  password?: string;
  code?: string;
  confirm_email?: string;
}

/** Closes the account at once; a background job deletes everything and emails a confirmation. */
export function deleteAccount(proof: DeleteProof): Promise<{ job_id: string }> {
  return api.post("/api/account/delete", proof);
}
