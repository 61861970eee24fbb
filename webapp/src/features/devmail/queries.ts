import { useQuery } from "@tanstack/react-query";
import { getMail, listMail } from "../../api/devmail";

export const MAILBOX_REFRESH_MS = 3000;

export function useMailbox() {
  return useQuery({
    queryKey: ["devmail", "list"],
    queryFn: ({ signal }) => listMail(signal),
    refetchInterval: (query) => (query.state.error ? false : MAILBOX_REFRESH_MS),
    staleTime: 0,
  });
}

export function useMail(id: string) {
  return useQuery({
    queryKey: ["devmail", "message", id],
    queryFn: ({ signal }) => getMail(id, signal),
  });
}
