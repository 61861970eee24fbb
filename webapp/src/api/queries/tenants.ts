import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createTenant, getTenant, listTenants, updateTenant } from "../tenants";
import type { Tenant, TenantInput } from "../types";

export const tenantKeys = {
  all: ["tenants"] as const,
  list: () => ["tenants", "list"] as const,
  detail: (slug: string) => ["tenants", "detail", slug] as const,
};

/** The caller's workspaces, 50 at a time. */
export function useTenantList() {
  return useInfiniteQuery({
    queryKey: tenantKeys.list(),
    queryFn: ({ pageParam, signal }) => listTenants(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

export function useTenant(slug: string) {
  return useQuery({
    queryKey: tenantKeys.detail(slug),
    queryFn: ({ signal }) => getTenant(slug, signal),
  });
}

/** The workspace of the page, if the page is in one (no request otherwise). */
export function useWorkspace(slug: string | undefined) {
  return useQuery({
    queryKey: tenantKeys.detail(slug ?? ""),
    queryFn: ({ signal }) => getTenant(slug ?? "", signal),
    enabled: Boolean(slug),
  });
}

export function useCreateTenant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TenantInput) => createTenant(input),
    onSuccess: (tenant) => {
      queryClient.setQueryData(tenantKeys.detail(tenant.slug), tenant);
      void queryClient.invalidateQueries({ queryKey: tenantKeys.list() });
    },
  });
}

export function useUpdateTenant(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Partial<TenantInput>) => updateTenant(slug, changes),
    onSuccess: (tenant: Tenant) => {
      queryClient.setQueryData(tenantKeys.detail(tenant.slug), tenant);
      if (tenant.slug !== slug) {
        // The old address is gone; refetch it (to a 404) only if someone opens it again.
        void queryClient.invalidateQueries({ queryKey: tenantKeys.detail(slug), refetchType: "none" });
      }
      void queryClient.invalidateQueries({ queryKey: tenantKeys.list() });
    },
  });
}
