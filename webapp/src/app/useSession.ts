import { useSyncExternalStore } from "react";
import { getSession, subscribeSession, type SessionState } from "../api/client";

/** The current session; re-renders when it changes here or in another tab. */
export function useSession(): SessionState {
  return useSyncExternalStore(subscribeSession, getSession, getSession);
}
