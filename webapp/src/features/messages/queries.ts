import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "../../api/client";
import {
  createInboundHook,
  deleteInboundHook,
  getInboundHook,
  listMessages,
  rotateInboundSecret,
  type InboundHook,
  type InboundHookInput,
  type MessageStatus,
} from "../../api/messages";

export const messageKeys = {
  hook: (slug: string, flowKey: string) => ["messages", slug, "inbound-hook", flowKey] as const,
  list: (slug: string, status: MessageStatus | null) => ["messages", slug, "list", status] as const,
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
  const rotate = useMutation({
    mutationFn: () => rotateInboundSecret(slug, flowKey),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  const remove = useMutation({
    mutationFn: () => deleteInboundHook(slug, flowKey),
    onSuccess: () => queryClient.setQueryData(key, null),
  });
  return { create, rotate, remove };
}

export function useMessages(slug: string, status: MessageStatus | null) {
  return useInfiniteQuery({
    queryKey: messageKeys.list(slug, status),
    queryFn: ({ pageParam, signal }) => listMessages(slug, status, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}
