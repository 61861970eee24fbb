/** Members of a workspace, invitations to join it, and accepting one. */
import { api } from "./client";
import type { Tenant } from "./types";

export type Role = "owner" | "admin" | "editor" | "viewer";
export const ROLES: Role[] = ["owner", "admin", "editor", "viewer"];

export interface Member {
  user_id: number;
  email: string;
  role: Role;
  joined_at: string;
  /** This member is the signed-in user. */
  you: boolean;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  created_at: string;
  expires_at: string;
}

export interface InvitationPreview {
  workspace: string;
  role: Role;
  email: string;
  invited_by: string | null;
  expires_at: string;
}

const base = (slug: string) => `/api/tenants/${encodeURIComponent(slug)}`;

export function listMembers(slug: string, signal?: AbortSignal): Promise<{ items: Member[] }> {
  return api.get(`${base(slug)}/members`, { signal });
}

export function changeRole(slug: string, userId: number, role: Role): Promise<Member> {
  return api.patch(`${base(slug)}/members/${userId}`, { role });
}

/** Removes a member, or, for oneself, leaves the workspace. */
export function removeMember(slug: string, userId: number): Promise<void> {
  return api.delete(`${base(slug)}/members/${userId}`);
}

export function listInvitations(slug: string, signal?: AbortSignal): Promise<{ items: Invitation[] }> {
  return api.get(`${base(slug)}/invitations`, { signal });
}

export function invite(slug: string, input: { email: string; role: Role }): Promise<Invitation> {
  return api.post(`${base(slug)}/invitations`, input);
}

export function withdrawInvitation(slug: string, id: string): Promise<void> {
  return api.delete(`${base(slug)}/invitations/${encodeURIComponent(id)}`);
}

const link = (token: string) => `/api/invitations/${encodeURIComponent(token)}`;

export function previewInvitation(token: string, signal?: AbortSignal): Promise<InvitationPreview> {
  return api.get(link(token), { signal, auth: false });
}

export function acceptInvitation(token: string): Promise<Tenant> {
  return api.post(`${link(token)}/accept`);
}
