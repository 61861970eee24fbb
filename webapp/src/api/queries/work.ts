import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "../client";
import type { EntityData } from "../entities";
import {
  claimItem,
  completeItem,
  getRecordFlows,
  listFlowChoices,
  listInbox,
  placeRecord,
  retryInstance,
  startFlow,
  unclaimItem,
  type InboxItem,
  type InboxQuery,
  type RecordFlows,
} from "../inbox";
import { entityKeys } from "../../app/entityKeys";
import { usePagedList } from "./shared";

/** Everything the inbox shows: fetched again whenever a flow step may have changed it. */
const inbox = (slug: string) => ["inbox", slug] as const;

export const workKeys = {
  inbox,
  inboxList: (slug: string, query: InboxQuery) => [...inbox(slug), "list", query] as const,
  flowChoices: (slug: string) => [...inbox(slug), "flows"] as const,
  /** Under the record's key: dropping or refreshing the record takes its flows along. */
  recordFlows: (slug: string, id: string) => [...entityKeys.detail(slug, id), "flows"] as const,
};

/** A record's flow instances, what can be started, and its history. */
export function useRecordFlows(slug: string, entityId: string) {
  return useQuery({
    queryKey: workKeys.recordFlows(slug, entityId),
    queryFn: ({ signal }) => getRecordFlows(slug, entityId, signal),
  });
}

/** Waiting tasks for the inbox's filters, a page at a time. */
export function useInbox(slug: string, query: InboxQuery) {
  return usePagedList(workKeys.inboxList(slug, query), (cursor, signal) => listInbox(slug, query, cursor, signal), { keepPrevious: true });
}

export function useFlowChoices(slug: string) {
  return useQuery({
    queryKey: workKeys.flowChoices(slug),
    queryFn: ({ signal }) => listFlowChoices(slug, signal),
    staleTime: 60_000,
  });
}

/** Fetches again whatever a flow step can change: the record, its flows and the inbox. */
export function useRefreshWork(slug: string) {
  const queryClient = useQueryClient();
  return (entityId?: string) => {
    if (entityId) void queryClient.invalidateQueries({ queryKey: entityKeys.detail(slug, entityId) });
    void queryClient.invalidateQueries({ queryKey: [...entityKeys.all(slug), "list"] });
    void queryClient.invalidateQueries({ queryKey: workKeys.inbox(slug) });
  };
}

/** The transition. The answer's record goes straight onto its page; flows and inbox load again. */
export function useCompleteTransition(slug: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshWork(slug);
  return useMutation({
    mutationFn: ({ item, data }: { item: InboxItem; data: EntityData }) => completeItem(slug, item.id, data),
    onSuccess: ({ entity, instance }) => {
      queryClient.setQueryData(entityKeys.detail(slug, entity.id), entity);
      queryClient.setQueryData<RecordFlows>(workKeys.recordFlows(slug, entity.id), (flows) =>
        flows && { ...flows, instances: flows.instances.map((one) => (one.id === instance.id ? instance : one)) },
      );
      void queryClient.invalidateQueries({ queryKey: workKeys.recordFlows(slug, entity.id) });
      refresh();
    },
    // Someone else did it (409), or it is gone (404): show where the record is now.
    onError: (error, { item }) => {
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) refresh(item.entity.id);
    },
  });
}

export function useStartFlow(slug: string, entityId: string) {
  const refresh = useRefreshWork(slug);
  return useMutation({
    mutationFn: (flow: string) => startFlow(slug, entityId, flow),
    // The start may already have run script tasks that changed the record.
    onSuccess: () => refresh(entityId),
  });
}

/** Place a record at the state its value names in a steps flow; the record and its flows load again. */
export function usePlaceRecord(slug: string, entityId: string) {
  const refresh = useRefreshWork(slug);
  return useMutation({
    mutationFn: (flow: string) => placeRecord(slug, entityId, flow),
    onSettled: () => refresh(entityId),
  });
}

/** Try a stopped flow's failed step again; the record and its flows load again either way. */
export function useRetryInstance(slug: string, entityId: string) {
  const refresh = useRefreshWork(slug);
  return useMutation({
    mutationFn: (instanceId: string) => retryInstance(slug, entityId, instanceId),
    onSettled: () => refresh(entityId),
  });
}

export function useClaim(slug: string) {
  const refresh = useRefreshWork(slug);
  return useMutation({
    mutationFn: ({ item, claim }: { item: InboxItem; claim: boolean }) => (claim ? claimItem(slug, item.id) : unclaimItem(slug, item.id)),
    onSettled: (_, __, { item }) => refresh(item.entity.id),
  });
}
