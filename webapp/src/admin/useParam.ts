import { useSearchParams } from "react-router-dom";

/** One filter kept in the address, so a filtered list can be shared, reloaded or linked to. */
export function useParam(key: string): [string, (value: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const set = (value: string | null) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  return [params.get(key) ?? "", set];
}
