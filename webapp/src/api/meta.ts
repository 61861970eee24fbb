import { api } from "./client";
import type { Meta } from "./types";

export function getMeta(): Promise<Meta> {
  return api.get("/api/meta", { auth: false });
}
