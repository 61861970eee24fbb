import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createView, deleteView, listViews, updateView, type SavedViewRecord, type ViewConfig } from "../../api/views";
import { findByName } from "./views";

export const viewKeys = {
  list: (slug: string, blueprint: string) => ["views", slug, blueprint] as const,
};

/** The person's saved views of one blueprint, with saving (create or replace by name) and removing. */
export function useSavedViews(slug: string, blueprint: string) {
  const queryClient = useQueryClient();
  const key = viewKeys.list(slug, blueprint);
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => listViews(slug, blueprint, signal),
    select: (page) => [...page.items].sort((a, b) => a.name.localeCompare(b.name)),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });

  const save = useMutation({
    mutationFn: ({ name, config }: { name: string; config: ViewConfig }): Promise<SavedViewRecord> => {
      const existing = findByName(query.data ?? [], name);
      if (!existing) return createView(slug, { blueprint, name, config });
      return updateView(slug, existing.id, existing.name === name ? { config } : { name, config });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData<{ items: SavedViewRecord[] }>(key, (page) =>
        page ? { ...page, items: [...page.items.filter((view) => String(view.id) !== String(saved.id)), saved] } : page,
      );
      refresh();
    },
  });

  const remove = useMutation({
    mutationFn: (id: string | number) => deleteView(slug, id),
    onSuccess: (_, id) => {
      queryClient.setQueryData<{ items: SavedViewRecord[] }>(key, (page) =>
        page ? { ...page, items: page.items.filter((view) => String(view.id) !== String(id)) } : page,
      );
      refresh();
    },
  });

  return { query, views: query.data ?? [], save, remove };
}
