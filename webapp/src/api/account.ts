import { api } from "./client";
import type { IdentityProof } from "./types";

/** Closes the account at once; a background job deletes everything and emails a confirmation. */
export function deleteAccount(proof: IdentityProof): Promise<{ job_id: string }> {
  return api.post("/api/account/delete", proof);
}
