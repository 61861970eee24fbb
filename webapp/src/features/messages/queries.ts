import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "../../api/client";
import {
  createInboundHook,
  deleteInboundHook,
  getInboundHook,
  listMessages,
  rotateInboundSecret,
  updateInboundHook,
  type InboundHook,
  type InboundHookInput,
  type MessageFilter,
} from "../../api/messages";
import { usePagedList } from "../../api/queries/shared";

export const messageKeys = {
  hook: (slug: string, flowKey: string) => ["messages", slug, "inbound-hook", flowKey] as const,
  list: (slug: string, filter: MessageFilter) => ["messages", slug, "list", filter.status, filter.flow ?? null] as const,
};

/** The flow's inbound hook, or null when it has none (the API answers 404). */
export function useInboundHook(slug: string, flowKey: string, enabled: boolean) {
  return useQuery({
    queryKey: messageKeys.hook(slug, flowKey),
    queryFn: async ({ signal }): Promise<InboundHook | null> => {
      try {
        return await getInboundHook(slug, flowKey, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled,
  });
}

export function useInboundHookActions(slug: string, flowKey: string) {
  const queryClient = useQueryClient();
  const key = messageKeys.hook(slug, flowKey);
  const create = useMutation({
    mutationFn: (input: InboundHookInput) => createInboundHook(slug, flowKey, input),
    onSuccess: ({ secret: _secret, ...hook }) => queryClient.setQueryData(key, hook),
  });
  const update = useMutation({
    mutationFn: (input: Partial<InboundHookInput>) => updateInboundHook(slug, flowKey, input),
    onSuccess: (hook) => queryClient.setQueryData(key, hook),
  });
  const rotate = useMutation({
    mutationFn: () => rotateInboundSecret(slug, flowKey),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  const remove = useMutation({
    mutationFn: () => deleteInboundHook(slug, flowKey),
    onSuccess: () => queryClient.setQueryData(key, null),
  });
  return { create, update, rotate, remove };
}

export function useMessages(slug: string, filter: MessageFilter) {
  return usePagedList(messageKeys.list(slug, filter), (cursor, signal) => listMessages(slug, filter, cursor, signal));
}
