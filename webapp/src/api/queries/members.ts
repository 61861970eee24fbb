import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  changeRole,
  invite,
  listInvitations,
  listMembers,
  removeMember,
  withdrawInvitation,
  type Role,
} from "../members";

export const memberKeys = {
  members: (slug: string) => ["members", slug, "list"] as const,
  invitations: (slug: string) => ["members", slug, "invitations"] as const,
};

export function useMembers(slug: string) {
  return useQuery({ queryKey: memberKeys.members(slug), queryFn: ({ signal }) => listMembers(slug, signal) });
}

export function useInvitations(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: memberKeys.invitations(slug),
    queryFn: ({ signal }) => listInvitations(slug, signal),
    enabled,
  });
}

/** Mutations of the members page; each refreshes the lists it changes. */
export function useMemberActions(slug: string) {
  const queryClient = useQueryClient();
  const refresh = (key: readonly unknown[]) => void queryClient.invalidateQueries({ queryKey: key });
  return {
    changeRole: useMutation({
      mutationFn: ({ userId, role }: { userId: number; role: Role }) => changeRole(slug, userId, role),
      onSettled: () => refresh(memberKeys.members(slug)),
    }),
    remove: useMutation({
      mutationFn: (userId: number) => removeMember(slug, userId),
      onSuccess: () => refresh(memberKeys.members(slug)),
    }),
    invite: useMutation({
      mutationFn: (input: { email: string; role: Role }) => invite(slug, input),
      onSuccess: () => refresh(memberKeys.invitations(slug)),
    }),
    withdraw: useMutation({
      mutationFn: (id: string) => withdrawInvitation(slug, id),
      onSuccess: () => refresh(memberKeys.invitations(slug)),
    }),
  };
}
