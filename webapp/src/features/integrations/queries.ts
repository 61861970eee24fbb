import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyInput } from "../../api/apiKeys";
import {
  createHook,
  deleteHook,
  getHook,
  listAttempts,
  listDeliveries,
  listHookEvents,
  listHooks,
  updateHook,
  type DeliveryQuery,
  type HookEndpoint,
  type HookInput,
} from "../../api/hooks";
import type { IdentityProof } from "../../api/types";
import { useDeleteMutation, usePagedList, useSaveMutation, type SavedCache } from "../../api/queries/shared";

export const integrationKeys = {
  apiKeys: (slug: string) => ["integrations", slug, "api-keys"] as const,
  hooks: (slug: string) => ["integrations", slug, "hooks"] as const,
  hookList: (slug: string) => ["integrations", slug, "hooks", "list"] as const,
  hook: (slug: string, id: string) => ["integrations", slug, "hooks", "one", id] as const,
  events: (slug: string) => ["integrations", slug, "events"] as const,
  deliveries: (slug: string, id: string) => ["integrations", slug, "hooks", "deliveries", id] as const,
  deliveryList: (slug: string, query: DeliveryQuery) => ["integrations", slug, "hooks", "deliveries", query.endpoint_id, query] as const,
  attempts: (slug: string, deliveryId: string) => ["integrations", slug, "hooks", "attempts", deliveryId] as const,
};

/** How often the hook pages look again while deliveries may be on their way. */
export const LIVE_REFRESH_MS = 5000;

export function useApiKeys(slug: string) {
  return usePagedList(integrationKeys.apiKeys(slug), (cursor, signal) => listApiKeys(slug, cursor, signal));
}

export function useCreateApiKey(slug: string) {
  const queryClient = useQueryClient();
  return (input: ApiKeyInput, proof: IdentityProof) =>
    createApiKey(slug, input, proof).then((created) => {
      void queryClient.invalidateQueries({ queryKey: integrationKeys.apiKeys(slug) });
      return created;
    });
}

export function useRevokeApiKey(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => revokeApiKey(slug, id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: integrationKeys.apiKeys(slug) }),
  });
}

export function useHookEvents(slug: string) {
  return useQuery({ queryKey: integrationKeys.events(slug), queryFn: ({ signal }) => listHookEvents(slug, signal), staleTime: Infinity });
}

export function useHooks(slug: string) {
  return usePagedList(integrationKeys.hookList(slug), (cursor, signal) => listHooks(slug, cursor, signal));
}

export function useHook(slug: string, id: string, live = false) {
  return useQuery({
    queryKey: integrationKeys.hook(slug, id),
    queryFn: ({ signal }) => getHook(slug, id, signal),
    refetchInterval: live ? LIVE_REFRESH_MS : false,
  });
}

/** A saved hook goes straight onto its page; the list loads again. */
const hookCache = (slug: string): SavedCache<HookEndpoint> => ({
  detail: (hook) => integrationKeys.hook(slug, hook.id),
  list: integrationKeys.hookList(slug),
});

export function useCreateHook(slug: string) {
  return useSaveMutation((input: HookInput) => createHook(slug, input), hookCache(slug));
}

export function useUpdateHook(slug: string, id: string) {
  return useSaveMutation((changes: Partial<HookInput>) => updateHook(slug, id, changes), hookCache(slug));
}

export function useDeleteHook(slug: string, id: string) {
  return useDeleteMutation(() => deleteHook(slug, id), { detail: integrationKeys.hook(slug, id), list: integrationKeys.hookList(slug) });
}

/** One hook's deliveries, newest first; looked at again every few seconds while the page is open. */
export function useDeliveries(slug: string, query: DeliveryQuery) {
  return usePagedList(integrationKeys.deliveryList(slug, query), (cursor, signal) => listDeliveries(slug, query, cursor, signal), {
    keepPrevious: true,
    refetchInterval: LIVE_REFRESH_MS,
  });
}

export function useAttempts(slug: string, deliveryId: string, live: boolean) {
  return useQuery({
    queryKey: integrationKeys.attempts(slug, deliveryId),
    queryFn: ({ signal }) => listAttempts(slug, deliveryId, signal),
    refetchInterval: live ? LIVE_REFRESH_MS : false,
  });
}

/** After a test event or a replay: the log and the health are about to change. */
export function useRefreshDeliveries(slug: string, id: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: integrationKeys.deliveries(slug, id) });
    void queryClient.invalidateQueries({ queryKey: ["integrations", slug, "hooks", "attempts"] });
    void queryClient.invalidateQueries({ queryKey: integrationKeys.hook(slug, id) });
  };
}
