/** The back office's reads, cached by React Query under "admin" (cleared when the admin signs out). */
import { useQuery } from "@tanstack/react-query";
import {
  getAdminStatus,
  getTenant,
  getTenantBlueprint,
  getTenantBlueprintVersion,
  getTenantEntity,
  getUser,
  type AdminStatus,
} from "../api/admin";
import { usePagedList } from "../api/queries/shared";
import type { Page } from "../api/types";

export const adminKeys = {
  all: ["admin"] as const,
  status: ["admin", "status"] as const,
  list: (name: string, ...args: unknown[]) => ["admin", "list", name, ...args] as const,
  lists: ["admin", "list"] as const,
  user: (id: string) => ["admin", "user", id] as const,
  tenant: (slug: string) => ["admin", "tenant", slug] as const,
  blueprint: (slug: string, key: string) => ["admin", "blueprint", slug, key] as const,
  version: (slug: string, key: string, number: number) => ["admin", "version", slug, key, number] as const,
  entity: (slug: string, id: string) => ["admin", "entity", slug, id] as const,
};

/** Where the admin stands: the next hardening step, or null once every step is done. */
export function useAdminStatus(enabled: boolean, waiting = false) {
  return useQuery<AdminStatus>({
    queryKey: adminKeys.status,
    queryFn: ({ signal }) => getAdminStatus(signal),
    enabled,
    retry: false,
    // While the confirmation link is open in another tab, notice it by itself.
    refetchInterval: waiting ? 3000 : false,
  });
}

/**
 * A keyset-paged admin list; ``key`` names it with its filters. While ``refetchWhile`` holds for
 * the rows shown (work still running), the list reads itself again every few seconds.
 */
export function useAdminPages<T>(
  key: readonly unknown[],
  fetch: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>,
  refetchWhile?: (items: T[]) => boolean,
) {
  return usePagedList(key, fetch, {
    refetchInterval: (pages) => (refetchWhile?.(pages?.flatMap((page) => page.items) ?? []) ? 3000 : false),
  });
}

export function useAdminUser(id: string) {
  return useQuery({ queryKey: adminKeys.user(id), queryFn: ({ signal }) => getUser(id, signal) });
}

export function useAdminTenant(slug: string) {
  return useQuery({ queryKey: adminKeys.tenant(slug), queryFn: ({ signal }) => getTenant(slug, signal) });
}

export function useAdminBlueprint(slug: string, key: string | undefined) {
  return useQuery({
    queryKey: adminKeys.blueprint(slug, key ?? ""),
    queryFn: ({ signal }) => getTenantBlueprint(slug, key ?? "", signal),
    enabled: Boolean(key),
  });
}

export function useAdminVersion(slug: string, key: string | undefined, number: number | undefined) {
  return useQuery({
    queryKey: adminKeys.version(slug, key ?? "", number ?? 0),
    queryFn: ({ signal }) => getTenantBlueprintVersion(slug, key ?? "", number ?? 0, signal),
    enabled: Boolean(key && number),
    staleTime: Infinity, // a published version never changes
  });
}

export function useAdminEntity(slug: string, id: string) {
  return useQuery({ queryKey: adminKeys.entity(slug, id), queryFn: ({ signal }) => getTenantEntity(slug, id, signal) });
}
