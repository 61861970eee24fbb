import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getSteps, saveSteps, type Steps } from "../../../api/flowSteps";
import { listMembers } from "../../../api/members";
import { flowKeys } from "../queries";

export const stepsKey = (slug: string, key: string) => [...flowKeys.all(slug), "steps", key] as const;

/** The flow's draft as steps (or why it cannot be shown as steps); read afresh each time the tab opens. */
export function useFlowSteps(slug: string, key: string) {
  return useQuery({
    queryKey: stepsKey(slug, key),
    queryFn: ({ signal }) => getSteps(slug, key, signal),
    refetchOnWindowFocus: false,
    staleTime: 0,
  });
}

/** The workspace's members, for "who can press it" and person fields. */
export function useStepsMembers(slug: string) {
  return useQuery({
    queryKey: [...flowKeys.all(slug), "members"],
    queryFn: ({ signal }) => listMembers(slug, signal),
    staleTime: 60_000,
  });
}

export function useSaveSteps(slug: string, key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ steps, lockVersion }: { steps: Steps; lockVersion: number }) => saveSteps(slug, key, steps, lockVersion),
    onSuccess: (flow, { steps }) => {
      queryClient.setQueryData(flowKeys.detail(slug, key), flow);
      queryClient.setQueryData(stepsKey(slug, key), { steps, note: null, lock_version: flow.lock_version });
      void queryClient.invalidateQueries({ queryKey: flowKeys.list(slug) });
    },
  });
}
