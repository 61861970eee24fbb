/**
 * What each role may do in a workspace, as the server checks it (core/identity/access.py):
 * viewers read; editors also work with records, the inbox and deleted records in the Trash; admins also design blueprints and
 * flows, manage members and see the audit log; owners also manage owners.
 */
import type { Role } from "../api/members";

interface HasRole {
  role: string;
}

const EDITORS: readonly string[] = ["owner", "admin", "editor"];
const MANAGERS: readonly string[] = ["owner", "admin"];

/** Records, imports, inbox steps, restoring deleted records. */
export const canEdit = (tenant: HasRole) => EDITORS.includes(tenant.role);

/** Blueprints, flows, deleted blueprints and deleting for good, members, settings, the audit log, integrations. */
export const canManage = (tenant: HasRole) => MANAGERS.includes(tenant.role);

/** Roles this member may give (admins never make or touch owners). */
export function assignableRoles(tenant: HasRole): Role[] {
  if (tenant.role === "owner") return ["owner", "admin", "editor", "viewer"];
  if (tenant.role === "admin") return ["admin", "editor", "viewer"];
  return [];
}

/** Whether this member may change or remove someone with ``role``. */
export const canManageMember = (tenant: HasRole, role: string) =>
  tenant.role === "owner" || (tenant.role === "admin" && role !== "owner");
