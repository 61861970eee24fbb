import { useSearchParams } from "react-router-dom";

/** Sets or (given nothing) removes one value in the address, replacing the history entry. */
export function useSetParam(): (key: string, value: string | null) => void {
  const [, setParams] = useSearchParams();
  return (key, value) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
}

/** One filter kept in the address, so a filtered list can be shared, reloaded or linked to. */
export function useParam(key: string): [string, (value: string | null) => void] {
  const [params] = useSearchParams();
  const setParam = useSetParam();
  return [params.get(key) ?? "", (value) => setParam(key, value)];
}
