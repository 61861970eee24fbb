import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  createFlow,
  deleteFlow,
  getFlow,
  getFlowVersion,
  listFlows,
  listFlowTemplates,
  publishFlow,
  updateFlow,
  type Flow,
  type FlowChanges,
  type FlowInput,
} from "../../api/flows";

export const flowKeys = {
  all: (slug: string) => ["flows", slug] as const,
  list: (slug: string) => ["flows", slug, "list"] as const,
  detail: (slug: string, key: string) => ["flows", slug, "detail", key] as const,
  version: (slug: string, key: string, number: number) => ["flows", slug, "version", key, number] as const,
  templates: (slug: string) => ["flows", slug, "templates"] as const,
};

/** The workspace's flows, by name, 50 at a time. */
export function useFlowList(slug: string) {
  return useInfiniteQuery({
    queryKey: flowKeys.list(slug),
    queryFn: ({ pageParam, signal }) => listFlows(slug, { cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

export function useFlow(slug: string, key: string) {
  return useQuery({
    queryKey: flowKeys.detail(slug, key),
    queryFn: ({ signal }) => getFlow(slug, key, signal),
    // The designer holds the drawing; a refetch on focus must not look like news.
    refetchOnWindowFocus: false,
  });
}

/** Ready-made flows; they change only with a new Loom release. */
export function useFlowTemplates(slug: string) {
  return useQuery({
    queryKey: flowKeys.templates(slug),
    queryFn: ({ signal }) => listFlowTemplates(slug, signal),
    staleTime: Infinity,
  });
}

function useStoreFlow(slug: string) {
  const queryClient = useQueryClient();
  return (flow: Flow) => {
    queryClient.setQueryData(flowKeys.detail(slug, flow.key), flow);
    void queryClient.invalidateQueries({ queryKey: flowKeys.list(slug) });
  };
}

export function useCreateFlow(slug: string) {
  const store = useStoreFlow(slug);
  return useMutation({ mutationFn: (input: FlowInput) => createFlow(slug, input), onSuccess: store });
}

export function useUpdateFlow(slug: string, key: string) {
  const store = useStoreFlow(slug);
  return useMutation({ mutationFn: (changes: FlowChanges) => updateFlow(slug, key, changes), onSuccess: store });
}

export function usePublishFlow(slug: string, key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (lockVersion: number) => publishFlow(slug, key, lockVersion),
    onSuccess: (version) => {
      queryClient.setQueryData(flowKeys.version(slug, key, version.number), version);
      // The flow itself now has a published version: every tab that shows it reads it again.
      void queryClient.invalidateQueries({ queryKey: flowKeys.detail(slug, key) });
      void queryClient.invalidateQueries({ queryKey: flowKeys.list(slug) });
    },
  });
}

export function useDeleteFlow(slug: string, key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteFlow(slug, key),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: flowKeys.detail(slug, key) });
      void queryClient.invalidateQueries({ queryKey: flowKeys.list(slug) });
    },
  });
}

/** Fetches one published version (immutable, so cached for good). */
export function useFetchFlowVersion(slug: string, key: string) {
  const queryClient = useQueryClient();
  return (number: number) =>
    queryClient.fetchQuery({
      queryKey: flowKeys.version(slug, key, number),
      queryFn: ({ signal }) => getFlowVersion(slug, key, number, signal),
      staleTime: Infinity,
    });
}
