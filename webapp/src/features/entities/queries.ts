import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  createEntity,
  deleteEntity,
  getEntity,
  listEntities,
  updateEntity,
  type Entity,
  type EntityData,
  type EntityQuery,
} from "../../api/entities";
import { entityKeys } from "../../app/entityKeys";
import { blueprintKeys } from "../../api/queries/blueprints";


/** Records of one blueprint, a page at a time (keyset cursor). */
export function useEntityList(slug: string, query: EntityQuery, enabled = true) {
  return useInfiniteQuery({
    queryKey: entityKeys.list(slug, query),
    queryFn: ({ pageParam, signal }) => listEntities(slug, query, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    // While a new search, filter or sort loads, the previous rows stay on screen.
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEntity(slug: string, id: string) {
  return useQuery({
    queryKey: entityKeys.detail(slug, id),
    queryFn: ({ signal }) => getEntity(slug, id, signal),
  });
}

function useAfterChange(slug: string) {
  const queryClient = useQueryClient();
  return (entity: Entity | null, id?: string) => {
    if (entity) queryClient.setQueryData(entityKeys.detail(slug, entity.id), entity);
    if (!entity && id) queryClient.removeQueries({ queryKey: entityKeys.detail(slug, id) });
    void queryClient.invalidateQueries({ queryKey: [...entityKeys.all(slug), "list"] });
    void queryClient.invalidateQueries({ queryKey: blueprintKeys.list(slug) });
  };
}

export function useCreateEntity(slug: string, blueprint: string) {
  const after = useAfterChange(slug);
  return useMutation({
    mutationFn: (data: EntityData) => createEntity(slug, blueprint, data),
    onSuccess: (entity) => after(entity),
  });
}

export function useUpdateEntity(slug: string) {
  const after = useAfterChange(slug);
  return useMutation({
    mutationFn: ({ id, version, data }: { id: string; version: number; data: EntityData }) =>
      updateEntity(slug, id, version, data),
    onSuccess: (entity) => after(entity),
  });
}

export function useDeleteEntity(slug: string) {
  const after = useAfterChange(slug);
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) => deleteEntity(slug, id, version),
    onSuccess: (_, { id }) => after(null, id),
  });
}
