import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  createBlueprint,
  deleteBlueprint,
  getBlueprint,
  getBlueprintVersion,
  listBlueprints,
  publishBlueprint,
  updateBlueprint,
  type Blueprint,
  type BlueprintChanges,
  type BlueprintInput,
} from "../blueprints";

export const blueprintKeys = {
  all: (slug: string) => ["blueprints", slug] as const,
  list: (slug: string) => ["blueprints", slug, "list"] as const,
  detail: (slug: string, key: string) => ["blueprints", slug, "detail", key] as const,
  version: (slug: string, key: string, number: number) => ["blueprints", slug, "version", key, number] as const,
};

/** The workspace's blueprints, 50 at a time. */
export function useBlueprintList(slug: string) {
  return useInfiniteQuery({
    queryKey: blueprintKeys.list(slug),
    queryFn: ({ pageParam, signal }) => listBlueprints(slug, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

export function useBlueprint(slug: string, key: string | null | undefined) {
  return useQuery({
    queryKey: blueprintKeys.detail(slug, key ?? ""),
    queryFn: ({ signal }) => getBlueprint(slug, key!, signal),
    enabled: !!key,
  });
}

/** One published version: immutable, so it is cached for good. */
export function useBlueprintVersion(slug: string, key: string, number: number | null | undefined) {
  return useQuery({
    queryKey: blueprintKeys.version(slug, key, number ?? 0),
    queryFn: ({ signal }) => getBlueprintVersion(slug, key, number!, signal),
    enabled: !!number,
    staleTime: Infinity,
  });
}

function useStoreBlueprint(slug: string) {
  const queryClient = useQueryClient();
  return (blueprint: Blueprint) => {
    queryClient.setQueryData(blueprintKeys.detail(slug, blueprint.key), blueprint);
    void queryClient.invalidateQueries({ queryKey: blueprintKeys.list(slug) });
  };
}

export function useCreateBlueprint(slug: string) {
  const store = useStoreBlueprint(slug);
  return useMutation({
    mutationFn: (input: BlueprintInput) => createBlueprint(slug, input),
    onSuccess: store,
  });
}

export function useUpdateBlueprint(slug: string, key: string) {
  const store = useStoreBlueprint(slug);
  return useMutation({
    mutationFn: (changes: BlueprintChanges) => updateBlueprint(slug, key, changes),
    onSuccess: store,
  });
}

export function usePublishBlueprint(slug: string, key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (lockVersion: number) => publishBlueprint(slug, key, lockVersion),
    onSuccess: (version) => {
      queryClient.setQueryData(blueprintKeys.version(slug, key, version.number), version);
      void queryClient.invalidateQueries({ queryKey: blueprintKeys.all(slug) });
    },
  });
}

export function useDeleteBlueprint(slug: string, key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteBlueprint(slug, key),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: blueprintKeys.detail(slug, key) });
      void queryClient.invalidateQueries({ queryKey: blueprintKeys.list(slug) });
    },
  });
}
