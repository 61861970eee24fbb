import { useMutation, useQueryClient } from "@tanstack/react-query";
import { listTrash, listTrashedRecords, purgeRecord, restoreRecord } from "../trash";
import { blueprintKeys } from "./blueprints";
import { entityKeys } from "../../app/entityKeys";
import { workKeys } from "./work";
import { usePagedList } from "./shared";

export const trashKeys = {
  list: (slug: string) => ["trash", slug, "list"] as const,
  records: (slug: string) => ["trash", slug, "records"] as const,
};

/** Deleted blueprints of the workspace, 50 at a time. */
export function useTrashList(slug: string, enabled = true) {
  return usePagedList(trashKeys.list(slug), (cursor, signal) => listTrash(slug, cursor, signal), { enabled });
}

/** Deleted records of the workspace, newest first, a page at a time. */
export function useTrashedRecords(slug: string) {
  return usePagedList(trashKeys.records(slug), (cursor, signal) => listTrashedRecords(slug, cursor, signal));
}

/** After a record leaves or enters the Trash: the Trash, the grids and the counts are stale. */
export function useRefreshRecords(slug: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: trashKeys.records(slug) });
    void queryClient.invalidateQueries({ queryKey: entityKeys.all(slug) });
    void queryClient.invalidateQueries({ queryKey: blueprintKeys.list(slug) });
    void queryClient.invalidateQueries({ queryKey: workKeys.inbox(slug) });
  };
}

/** Brings a record back from the Trash. */
export function useRestoreRecord(slug: string) {
  const refresh = useRefreshRecords(slug);
  return useMutation({ mutationFn: (id: string) => restoreRecord(slug, id), onSuccess: refresh });
}

/** Deletes a record in the Trash for good. */
export function usePurgeRecord(slug: string) {
  const refresh = useRefreshRecords(slug);
  return useMutation({ mutationFn: (id: string) => purgeRecord(slug, id), onSuccess: refresh });
}
