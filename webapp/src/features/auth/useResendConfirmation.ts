import { useMutation } from "@tanstack/react-query";
import { resendConfirmation } from "../../api/auth";

/** Sends the confirmation email again; remembers the address it went to. */
export function useResendConfirmation() {
  return useMutation({ mutationFn: (email: string) => resendConfirmation(email) });
}
