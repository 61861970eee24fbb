import type { UseMutationResult } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { describeError } from "../app/components/errors";

/** What a dialog that asks first takes from the change it asks about: how to run it, that it runs, and why it failed. */
export function confirming(mutation: UseMutationResult<unknown, Error, void>, t: TFunction) {
  return {
    onConfirm: () => mutation.mutate(),
    loading: mutation.isPending,
    problem: mutation.isError ? describeError(mutation.error, t) : null,
  };
}
