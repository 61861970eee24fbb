import { TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useParam } from "./useParam";

/** A search box kept in the address (``q``); the list follows a moment after typing stops. */
export function SearchField({ label, placeholder }: { label: string; placeholder?: string }) {
  const [q, setQ] = useParam("q");
  const [typed, setTyped] = useState(q);
  const [settled] = useDebouncedValue(typed, 300);
  useEffect(() => {
    if (settled.trim() !== q) setQ(settled.trim() || null);
  }, [settled]);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      type="search"
      value={typed}
      onChange={(event) => setTyped(event.currentTarget.value)}
      w={320}
    />
  );
}
